// Cloud API webhooks → normalised events, one per message, status, echo and error of every change of
// every entry. `instanceId` is the receiving number's `metadata.phone_number_id`, so a trigger keeps only
// its own number's events. A sender without a phone number (a business-scoped user id) stays whole in
// `from` and `chatId`. Meta does not promise order: several statuses of one message in one POST are put
// in forward order (sent → delivered → read), so a POST never moves a message's status backwards.
import type { IDataObject } from 'n8n-workflow';

import {
	describeIssue,
	gatewayEvent,
	idString,
	interactiveReply,
	mediaInfo,
	messageStatus,
	toIsoTimestamp,
} from '../../shared/events';
import type { MessageStatus } from '../../shared/events';
import { chatIdToDigits } from '../../shared/phone';
import type { GatewayEvent, MediaInfo, WebhookParser } from '../../shared/types';
import { parseBody } from '../../shared/zodParts';
import { cloudBodySchema, cloudValueSchema } from './webhookSchemas';
import type { CloudEcho, CloudError, CloudMessage, CloudValue } from './webhookSchemas';

const CARRIES = ['messages', 'statuses', 'message_echoes', 'errors'];
const MEDIA = ['image', 'video', 'document', 'audio', 'sticker'] as const;
const RANK: Record<MessageStatus, number> = {
	pending: 0,
	sent: 1,
	delivered: 2,
	read: 3,
	played: 4,
	failed: 5,
	deleted: 6,
};

function toError(errors: CloudError[] | null | undefined): GatewayEvent['error'] {
	const first = errors?.[0];
	if (!first) return null;
	return { code: first.code ?? null, title: first.title ?? first.message ?? null };
}

const digits = (value: string | null | undefined): string | null => {
	const d = (value ?? '').replace(/\D/g, '');
	return d === '' ? null : d;
};

type Content = {
	type: string | null;
	text: string | null;
	media?: MediaInfo;
	reply?: ReturnType<typeof interactiveReply>;
};

/** The contract's `type`, `text`, `media` and `reply` of a message or an echo. */
function content(m: CloudMessage | CloudEcho): Content {
	const type = m.type ?? null;
	switch (type) {
		case 'text':
			return { type, text: m.text?.body ?? null };
		case 'interactive': {
			const kind = m.interactive?.type ?? null;
			const reply =
				kind === 'button_reply'
					? m.interactive?.button_reply
					: kind === 'list_reply'
						? m.interactive?.list_reply
						: undefined;
			return {
				type: kind ?? type,
				text: reply?.title ?? null,
				reply: reply ? interactiveReply(reply.id, reply.title) : undefined,
			};
		}
		case 'button':
			// A quick-reply tap on a template: its payload is what the template's button was given.
			return {
				type,
				text: m.button?.text ?? m.button?.payload ?? null,
				reply: interactiveReply(m.button?.payload, m.button?.text),
			};
		case 'reaction':
			// An empty emoji removes the reaction.
			return { type, text: m.reaction?.emoji || null };
		case 'location': {
			const words = [m.location?.name, m.location?.address].filter(Boolean).join(', ');
			return { type, text: words || null };
		}
		case 'system':
			return { type, text: m.system?.body ?? null };
		default: {
			if (!(MEDIA as readonly string[]).includes(type ?? '')) return { type, text: null };
			const o = m[type as (typeof MEDIA)[number]];
			if (!o) return { type, text: null };
			return {
				type,
				text: o.caption ?? null,
				// Webhooks give no size; GET /{media-id} does (file_size).
				media: mediaInfo({
					id: o.id,
					mimeType: o.mime_type,
					fileName: o.filename,
					caption: o.caption,
					sha256: o.sha256,
				}),
			};
		}
	}
}

/** Statuses of one message in forward order, each staying in one of that message's places. */
function forwardStatuses(events: GatewayEvent[]): GatewayEvent[] {
	const places = new Map<string, number[]>();
	events.forEach((e, i) => {
		if (e.event !== 'message.status' || e.messageId === null || e.status === null) return;
		places.set(e.messageId, [...(places.get(e.messageId) ?? []), i]);
	});
	const out = [...events];
	for (const at of places.values()) {
		if (at.length < 2) continue;
		const sorted = at
			.map((i) => events[i])
			.sort((a, b) => RANK[a.status as MessageStatus] - RANK[b.status as MessageStatus]);
		at.forEach((i, k) => (out[i] = sorted[k]));
	}
	return out;
}

/**
 * One event's share of a change value, as Meta writes it: the number's metadata and this one message, status,
 * echo or error (with the senders' profiles for messages). Built without spreads, the costliest step of parsing.
 */
function eventValue(
	raw: IDataObject,
	contacts: unknown,
	key: 'messages' | 'statuses' | 'message_echoes' | 'errors',
	item: unknown,
): IDataObject {
	const value: IDataObject = { messaging_product: raw.messaging_product, metadata: raw.metadata };
	if (key === 'messages' || key === 'message_echoes') value.contacts = contacts as IDataObject;
	value[key] = [item as IDataObject];
	return value;
}

function eventsOfValue(field: string, value: CloudValue, raw: IDataObject): GatewayEvent[] {
	const { metadata, contacts, messages, statuses, message_echoes: echoes, errors } = value;
	const instanceId = idString(metadata?.phone_number_id);
	const own = digits(metadata?.display_phone_number);
	const events: GatewayEvent[] = [];

	for (const m of messages ?? []) {
		const from = chatIdToDigits(m.from ?? m.from_user_id);
		const c = content(m);
		events.push(
			gatewayEvent('cloud', 'message.received', {
				instanceId,
				messageId: m.id,
				chatId: m.group_id ?? from,
				from,
				to: own,
				fromMe: false,
				type: c.type,
				text: c.text,
				media: c.media,
				reply: c.reply,
				timestamp: toIsoTimestamp(m.timestamp),
				error: toError(m.errors),
				raw: { field, value: eventValue(raw, contacts, 'messages', m) },
			}),
		);
	}

	for (const s of statuses ?? []) {
		const to = chatIdToDigits(s.recipient_id ?? s.recipient_user_id);
		events.push(
			gatewayEvent('cloud', 'message.status', {
				instanceId,
				messageId: s.id,
				chatId: to,
				from: own,
				to,
				fromMe: true,
				status: messageStatus(s.status),
				timestamp: toIsoTimestamp(s.timestamp),
				error: toError(s.errors),
				raw: { field, value: eventValue(raw, undefined, 'statuses', s) },
			}),
		);
	}

	for (const e of echoes ?? []) {
		// A message the business sent from another client (the WhatsApp Business app).
		const to = chatIdToDigits(e.to ?? e.to_user_id);
		const c = content(e);
		events.push(
			gatewayEvent('cloud', 'message.sent', {
				instanceId,
				messageId: e.id,
				chatId: to,
				from: chatIdToDigits(e.from) ?? own,
				to,
				fromMe: true,
				type: c.type,
				text: c.text,
				media: c.media,
				reply: c.reply,
				timestamp: toIsoTimestamp(e.timestamp),
				error: toError(e.errors),
				raw: { field, value: eventValue(raw, contacts, 'message_echoes', e) },
			}),
		);
	}

	for (const error of errors ?? []) {
		events.push(
			gatewayEvent('cloud', 'other', {
				instanceId,
				type: 'error',
				error: toError([error]),
				raw: { field, value: eventValue(raw, undefined, 'errors', error) },
			}),
		);
	}

	// Nothing we read (e.g. empty lists): kept whole as `other`, never dropped.
	if (events.length === 0) {
		events.push(
			gatewayEvent('cloud', 'other', { instanceId, type: field, raw: { field, value: raw } }),
		);
	}
	return events;
}

export const parseCloudWebhook: WebhookParser = ({ body }) => {
	const parsed = parseBody(cloudBodySchema, body);
	if (!parsed.success) {
		return {
			ok: false,
			problem: `not a WhatsApp Cloud API webhook body (${describeIssue(parsed.error)})`,
		};
	}
	const events: GatewayEvent[] = [];
	for (const [e, entry] of parsed.data.entry.entries()) {
		for (const [c, change] of entry.changes.entries()) {
			const value = change.value;
			const carries =
				value !== null &&
				typeof value === 'object' &&
				!Array.isArray(value) &&
				CARRIES.some((key) => key in value);
			if (!carries) {
				// Template status, account and other fields: always delivered to the app's callback URL.
				const metadata =
					value !== null && typeof value === 'object' && 'metadata' in value
						? (value as { metadata?: { phone_number_id?: unknown } }).metadata
						: undefined;
				events.push(
					gatewayEvent('cloud', 'other', {
						instanceId: idString(metadata?.phone_number_id),
						type: change.field,
						raw: { field: change.field, value, entryId: entry.id ?? null },
					}),
				);
				continue;
			}
			const read = parseBody(cloudValueSchema, value);
			if (!read.success) {
				return {
					ok: false,
					problem: `WhatsApp Cloud API "${change.field}" change: ${describeIssue(read.error, `entry.${e}.changes.${c}.value`)}`,
				};
			}
			events.push(...eventsOfValue(change.field, read.data, value as IDataObject));
		}
	}
	return { ok: true, events: forwardStatuses(events) };
};
