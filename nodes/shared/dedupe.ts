// De-duplication of repeated deliveries (providers retry on timeouts, On-Premises for ~24 h): a bounded
// seen-set kept in the node's static data, so it survives between production executions.
import type { IDataObject } from 'n8n-workflow';

import type { GatewayEvent } from './types';

export const MAX_SEEN_KEYS = 10_000;
const SEEN_FIELD = 'seenEvents';

/** provider + messageId + event + status; null for an event without a message id (nothing to compare). */
export function dedupeKey(event: GatewayEvent): string | null {
	if (event.messageId === null) return null;
	return [event.provider, event.messageId, event.event, event.status ?? ''].join('|');
}

function seenMap(staticData: IDataObject): Record<string, number> {
	const stored = staticData[SEEN_FIELD];
	const seen: Record<string, number> = {};
	if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
		for (const [key, at] of Object.entries(stored)) {
			if (typeof at === 'number') seen[key] = at;
		}
	}
	return seen;
}

/**
 * Drops the events whose key was seen within `windowMinutes` (also repeats inside one delivery) and records
 * the rest. Keeps at most `maxKeys` keys, forgetting expired ones first and then the oldest.
 */
export function dropSeen(
	staticData: IDataObject,
	events: GatewayEvent[],
	windowMinutes: number,
	now: number,
	maxKeys = MAX_SEEN_KEYS,
): GatewayEvent[] {
	const windowMs = Math.max(0, windowMinutes) * 60_000;
	const seen = seenMap(staticData);
	// Insertion order is first-seen order: the oldest keys come first.
	const fresh: Record<string, number> = {};
	for (const [key, at] of Object.entries(seen)) {
		if (now - at < windowMs) fresh[key] = at;
	}
	const kept: GatewayEvent[] = [];
	for (const event of events) {
		const key = dedupeKey(event);
		if (key === null) {
			kept.push(event);
			continue;
		}
		if (fresh[key] !== undefined) continue;
		fresh[key] = now;
		kept.push(event);
	}
	const keys = Object.keys(fresh);
	const excess = keys.length - maxKeys;
	for (let i = 0; i < excess; i++) delete fresh[keys[i]];
	staticData[SEEN_FIELD] = fresh;
	return kept;
}
