// De-duplication of repeated deliveries (providers retry on timeouts, On-Premises for ~24 h): a bounded
// seen-set kept in the node's static data, so it survives between production executions and restarts.
// n8n loads static data before each webhook call and saves it after, so two deliveries that arrive at
// the same moment each start from the same stored set and the later save drops the other's keys. An
// in-process copy per trigger node, read and written synchronously, closes that gap within one n8n
// process; static data carries the union across restarts.
import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { GatewayEvent } from './types';

export const MAX_SEEN_KEYS = 10_000;
const SEEN_FIELD = 'seenEvents';

// Trigger nodes remembered in this process; beyond that the least recently used one is forgotten.
const MAX_SCOPES = 50;
const processSeen = new Map<string, Record<string, number>>();

/**
 * provider + id + event + status, where the id is the message id, or the request id for a Crisp
 * template result (a failed send has no message id); null when there is neither (nothing to compare).
 */
export function dedupeKey(event: GatewayEvent): string | null {
	const id = event.messageId ?? event.requestId;
	if (id === null) return null;
	return [event.provider, id, event.event, event.status ?? ''].join('|');
}

/**
 * The `dedupeKey` every trigger item carries, for de-duplication that holds across n8n processes (n8n's
 * Remove Duplicates node keeps its keys in n8n's database): dedupeKey() where there is an id. Without one,
 * a repeat can still be told when the provider dated the event (same provider, event, status, instance,
 * time and payload); an undated event without an id gets a key of its own, so no such event is ever dropped
 * as a repeat of an earlier one (a WaAPI `ready` carries nothing else to tell two of them apart).
 */
export function itemDedupeKey(event: GatewayEvent): string {
	const key = dedupeKey(event);
	if (key !== null) return key;
	const head = [event.provider, event.event, event.status ?? '', event.instanceId ?? ''];
	if (event.timestamp === null) return [...head, `once-${randomBytes(8).toString('hex')}`].join('|');
	const payload = createHash('sha256')
		.update(JSON.stringify(event.raw ?? null))
		.digest('hex')
		.slice(0, 16);
	return [...head, event.timestamp, payload].join('|');
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
	scope: string,
	maxKeys = MAX_SEEN_KEYS,
): GatewayEvent[] {
	const windowMs = Math.max(0, windowMinutes) * 60_000;
	const remembered = processSeen.get(scope) ?? {};
	processSeen.delete(scope);
	// Insertion order is first-seen order: the oldest keys come first.
	const fresh: Record<string, number> = {};
	for (const [key, at] of [
		...Object.entries(seenMap(staticData)),
		...Object.entries(remembered),
	].sort((a, b) => a[1] - b[1])) {
		if (now - at < windowMs && (fresh[key] === undefined || fresh[key] > at)) fresh[key] = at;
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
	processSeen.set(scope, { ...fresh });
	if (processSeen.size > MAX_SCOPES) processSeen.delete(processSeen.keys().next().value as string);
	return kept;
}
