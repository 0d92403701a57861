// WaAPI inbound webhooks → normalised events (the trigger's contract). `message` is an incoming message,
// `message_create` one created on this phone (from me), `message_ack` a status change of one of them.
import {
	describeIssue,
	gatewayEvent,
	idString,
	interactiveReply,
	mediaInfo,
	toIsoTimestamp,
} from '../../shared/events';
import type { EventFields, MessageStatus } from '../../shared/events';
import { chatIdToDigits } from '../../shared/phone';
import type { GatewayEvent, WebhookParser } from '../../shared/types';
import { parseBody } from '../../shared/zodParts';
import {
	waapiAckDataSchema,
	waapiEnvelopeSchema,
	waapiInlineMediaSchema,
	waapiMessageDataSchema,
	waapiStateDataSchema,
} from './webhookSchemas';
import type { WaapiMessage } from './webhookSchemas';

// whatsapp-web.js MessageAck (WaAPI forwards it as `ack`).
const WAAPI_ACK_STATUS = new Map<string, MessageStatus>([
	['-1', 'failed'],
	['0', 'pending'],
	['1', 'sent'],
	['2', 'delivered'],
	['3', 'read'],
	['4', 'played'],
]);

/** WaAPI's `ack` code → the contract status; null for a code whatsapp-web.js does not define. */
export function waapiAckStatus(ack: unknown): MessageStatus | null {
	if (typeof ack !== 'number' && typeof ack !== 'string') return null;
	return WAAPI_ACK_STATUS.get(String(ack).trim()) ?? null;
}

/** WaAPI events that report the instance's state. */
export const WAAPI_STATE_EVENTS = [
	'qr',
	'ready',
	'authenticated',
	'auth_failure',
	'disconnected',
	'change_state',
	'loading_screen',
];

/**
 * The fields every message event has, in one object literal that the caller amends in place: spreading one
 * object into another costs more than all the rest of parsing an event.
 */
function messageFields(
	message: WaapiMessage,
	instanceId: string | null,
	raw: unknown,
): EventFields {
	const id = message.id;
	const serialized = typeof id === 'string' ? id : (id?._serialized ?? id?.id ?? null);
	// `_serialized` is `<fromMe>_<chat>_<id>`: the last resort for who sent it.
	const fromSerialized = serialized?.startsWith('true_')
		? true
		: serialized?.startsWith('false_')
			? false
			: null;
	const fromMe =
		message.fromMe ?? (typeof id === 'object' ? id.fromMe : undefined) ?? fromSerialized;
	const remote = typeof id === 'object' ? id.remote : undefined;
	const chat = remote ?? (fromMe === true ? message.to : message.from) ?? null;
	return {
		instanceId,
		messageId: serialized,
		chatId: chatIdToDigits(chat),
		from: chatIdToDigits(message.author ?? message.from),
		to: chatIdToDigits(message.to),
		fromMe,
		type: message.type ?? null,
		text: message.body ?? null,
		timestamp: toIsoTimestamp(message.timestamp),
		raw,
	};
}

/** The media of a message with `hasMedia`; its id is the message's, which download-media takes. */
function mediaOf(message: WaapiMessage, data: unknown, messageId: string | null) {
	if (message.hasMedia !== true) return undefined;
	const beside =
		typeof data === 'object' && data !== null && 'media' in data
			? parseBody(waapiInlineMediaSchema, (data as { media: unknown }).media)
			: undefined;
	const inline = beside?.success ? beside.data : {};
	const d = message._data ?? {};
	// The body of a media message is its caption (whatsapp-web.js Message).
	return mediaInfo({
		id: messageId,
		mimeType: inline.mimetype ?? d.mimetype,
		fileName: inline.filename ?? d.filename,
		caption: message.body,
		size: d.size ?? inline.filesize,
		sha256: d.filehash,
	});
}

/** whatsapp-web.js buttons/list responses, as the contract's interactive replies. */
function replyOf(message: WaapiMessage) {
	if (message.type === 'buttons_response') {
		return {
			type: 'button_reply',
			reply: interactiveReply(message.selectedButtonId, message.body),
		};
	}
	if (message.type === 'list_response') {
		return { type: 'list_reply', reply: interactiveReply(message.selectedRowId, message.body) };
	}
	return undefined;
}

export const parseWaapiWebhook: WebhookParser = ({ body }) => {
	const envelope = parseBody(waapiEnvelopeSchema, body);
	if (!envelope.success) {
		return { ok: false, problem: `not a WaAPI webhook body (${describeIssue(envelope.error)})` };
	}
	const { event: name, data } = envelope.data;
	const instanceId = idString(envelope.data.instanceId);
	let event: GatewayEvent;

	if (name === 'message' || name === 'message_create') {
		const parsed = parseBody(waapiMessageDataSchema, data);
		if (!parsed.success)
			return {
				ok: false,
				problem: `WaAPI "${name}" event: ${describeIssue(parsed.error, 'data')}`,
			};
		const message = parsed.data.message;
		const fields = messageFields(message, instanceId, body);
		if (name === 'message') {
			const reply = replyOf(message);
			if (reply) {
				fields.type = reply.type;
				fields.reply = reply.reply;
			}
			fields.media = mediaOf(message, data, fields.messageId ?? null);
			event = gatewayEvent('waapi', 'message.received', fields);
		} else if (fields.fromMe === true) {
			event = gatewayEvent('waapi', 'message.sent', fields);
		} else {
			// message_create also fires for incoming messages, which `message` already reports.
			fields.type = name;
			event = gatewayEvent('waapi', 'other', fields);
		}
	} else if (name === 'message_ack') {
		const parsed = parseBody(waapiAckDataSchema, data);
		if (!parsed.success)
			return {
				ok: false,
				problem: `WaAPI "message_ack" event: ${describeIssue(parsed.error, 'data')}`,
			};
		const message = parsed.data.message ?? {};
		const fields = messageFields(message, instanceId, body);
		// An ack concerns a message this phone sent, unless the id says otherwise.
		fields.fromMe = fields.fromMe ?? true;
		fields.text = null;
		fields.status = waapiAckStatus(parsed.data.ack ?? message.ack);
		// The message's own timestamp is when it was sent, not when this status came.
		fields.timestamp = null;
		event = gatewayEvent('waapi', 'message.status', fields);
	} else if (WAAPI_STATE_EVENTS.includes(name)) {
		const parsed = parseBody(waapiStateDataSchema, data ?? {});
		const state = parsed.success ? parsed.data : {};
		event = gatewayEvent('waapi', 'instance.status', {
			instanceId,
			status: name === 'change_state' ? (state.state ?? state.status ?? name) : name,
			text: state.reason ?? state.message ?? null,
			error:
				name === 'auth_failure'
					? { code: null, title: state.message ?? state.reason ?? 'auth_failure' }
					: null,
			raw: body,
		});
	} else {
		event = gatewayEvent('waapi', 'other', { instanceId, type: name, raw: body });
	}
	return { ok: true, events: [event] };
};
