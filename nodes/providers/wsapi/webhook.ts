// WSAPI inbound webhooks → normalised events. `message` carries `sender.isMe` (received or sent),
// `message_read` one receipt for one or more message ids (one item each).
import {
	describeIssue,
	gatewayEvent,
	idString,
	mediaInfo,
	toIsoTimestamp,
} from '../../shared/events';
import type { MessageStatus } from '../../shared/events';
import { chatIdToDigits } from '../../shared/phone';
import type { GatewayEvent, WebhookParser } from '../../shared/types';
import { parseBody } from '../../shared/zodParts';
import {
	wsapiEnvelopeSchema,
	wsapiMessageSchema,
	wsapiReadSchema,
	wsapiSessionSchema,
} from './webhookSchemas';
import type { WsapiSender } from './webhookSchemas';

/** WSAPI's session (system) events: always delivered, never filtered by `eventFilters`. */
export const WSAPI_SESSION_EVENTS = [
	'logged_in',
	'logged_out',
	'login_error',
	'initial_sync_finished',
];

// whatsmeow receipt types → contract statuses. `sender` is our own other device confirming the send;
// `retry` means the recipient asked for the message again (still on its way).
const RECEIPT_STATUS = new Map<string, MessageStatus>([
	['delivered', 'delivered'],
	['read', 'read'],
	['readself', 'read'],
	['played', 'played'],
	['sender', 'sent'],
	['retry', 'pending'],
	['servererror', 'failed'],
	['inactive', 'delivered'],
	['historysync', 'delivered'],
]);

function phoneOf(sender: WsapiSender | undefined): string | null {
	if (!sender) return null;
	return sender.phone ? chatIdToDigits(sender.phone) : chatIdToDigits(sender.id);
}

export const parseWsapiWebhook: WebhookParser = ({ body }) => {
	const envelope = parseBody(wsapiEnvelopeSchema, body);
	if (!envelope.success) {
		return { ok: false, problem: `not a WSAPI webhook body (${describeIssue(envelope.error)})` };
	}
	const { eventType, receivedAt } = envelope.data;
	const data = envelope.data.eventData ?? envelope.data.data;
	// Each event is one object literal: spreading a shared part into it costs more than all the rest of parsing.
	const instanceId = idString(envelope.data.instanceId);
	const events: GatewayEvent[] = [];

	if (eventType === 'message') {
		const parsed = parseBody(wsapiMessageSchema, data);
		if (!parsed.success)
			return {
				ok: false,
				problem: `WSAPI "message" event: ${describeIssue(parsed.error, 'eventData')}`,
			};
		const m = parsed.data;
		const fromMe = m.sender?.isMe ?? null;
		// A reaction and an edit come as `message` events (wsapi-app's message projector) but are neither a new
		// text: they get their own type, and their body (which message, what changed) always comes along.
		const special = m.type === 'reaction' ? 'reaction' : m.isEdit === true ? 'edit' : null;
		events.push(
			gatewayEvent('wsapi', fromMe === true ? 'message.sent' : 'message.received', {
				instanceId,
				raw: body,
				messageId: idString(m.id),
				chatId: chatIdToDigits(m.chatId),
				from: phoneOf(m.sender),
				// Our own number is not in the event: `to` is known only for what we sent to a chat.
				to: fromMe === true ? chatIdToDigits(m.chatId) : null,
				fromMe,
				type: special ?? (m.type === 'media' ? (m.media?.mediaType ?? 'media') : (m.type ?? null)),
				text:
					(special === 'reaction' ? m.reaction?.emoji : null) ??
					m.text ??
					m.media?.caption ??
					m.extendedText?.text ??
					null,
				timestamp: toIsoTimestamp(m.time) ?? toIsoTimestamp(receivedAt),
				keepRaw: special !== null,
				// The id is self-contained (CDN location and keys): GET /media/download?id= serves the bytes.
				media:
					m.type === 'media' && m.media
						? mediaInfo({
								id: m.media.id,
								mimeType: m.media.mimeType,
								fileName: m.media.filename,
								caption: m.media.caption,
								size: m.media.fileLength,
							})
						: undefined,
			}),
		);
	} else if (eventType === 'message_read') {
		const parsed = parseBody(wsapiReadSchema, data);
		if (!parsed.success) {
			return {
				ok: false,
				problem: `WSAPI "message_read" event: ${describeIssue(parsed.error, 'eventData')}`,
			};
		}
		const r = parsed.data;
		const ids = r.messageIds && r.messageIds.length > 0 ? r.messageIds.map(idString) : [null];
		// The receipt's `sender` is who sent the receipt (whatsmeow's Receipt): another user reading OUR
		// message, or our own other device reading THEIRS; `messageSender` (groups) wrote the message.
		const readByUs = r.sender?.isMe;
		const fromMe = readByUs === undefined ? null : !readByUs;
		for (const messageId of ids) {
			events.push(
				gatewayEvent('wsapi', 'message.status', {
					instanceId,
					raw: body,
					messageId,
					chatId: chatIdToDigits(r.chatId),
					// Our own number is not in the event: for our message only who read it is known.
					from: fromMe === false ? (phoneOf(r.messageSender) ?? chatIdToDigits(r.chatId)) : null,
					to: fromMe === true ? phoneOf(r.sender) : null,
					fromMe,
					type: r.receiptType ?? null,
					status: RECEIPT_STATUS.get((r.receiptType ?? '').toLowerCase()) ?? null,
					timestamp: toIsoTimestamp(r.time) ?? toIsoTimestamp(receivedAt),
				}),
			);
		}
	} else if (WSAPI_SESSION_EVENTS.includes(eventType)) {
		const parsed = parseBody(wsapiSessionSchema, data ?? {});
		const s = parsed.success ? parsed.data : {};
		events.push(
			gatewayEvent('wsapi', 'instance.status', {
				instanceId,
				raw: body,
				status: eventType,
				text: s.reason ?? s.error ?? null,
				timestamp: toIsoTimestamp(receivedAt),
				error: eventType === 'login_error' ? { code: null, title: s.error ?? 'login_error' } : null,
			}),
		);
	} else {
		events.push(
			gatewayEvent('wsapi', 'other', {
				instanceId,
				raw: body,
				type: eventType,
				timestamp: toIsoTimestamp(receivedAt),
			}),
		);
	}
	return { ok: true, events };
};
