// WSAPI inbound webhooks → normalised events. `message` carries `sender.isMe` (received or sent),
// `message_read` one receipt for one or more message ids (one item each).
import { describeIssue, gatewayEvent, idString, toIsoTimestamp } from '../../shared/events';
import type { MessageStatus } from '../../shared/events';
import { chatIdToDigits } from '../../shared/phone';
import type { GatewayEvent, WebhookParser } from '../../shared/types';
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
	const envelope = wsapiEnvelopeSchema.safeParse(body);
	if (!envelope.success) {
		return { ok: false, problem: `not a WSAPI webhook body (${describeIssue(envelope.error)})` };
	}
	const { eventType, receivedAt } = envelope.data;
	const data = envelope.data.eventData ?? envelope.data.data;
	const base = { instanceId: idString(envelope.data.instanceId), raw: body };
	const events: GatewayEvent[] = [];

	if (eventType === 'message') {
		const parsed = wsapiMessageSchema.safeParse(data);
		if (!parsed.success)
			return {
				ok: false,
				problem: `WSAPI "message" event: ${describeIssue(parsed.error, 'eventData')}`,
			};
		const m = parsed.data;
		const fromMe = m.sender?.isMe ?? null;
		events.push(
			gatewayEvent('wsapi', fromMe === true ? 'message.sent' : 'message.received', {
				...base,
				messageId: idString(m.id),
				chatId: chatIdToDigits(m.chatId),
				from: phoneOf(m.sender),
				// Our own number is not in the event: `to` is known only for what we sent to a chat.
				to: fromMe === true ? chatIdToDigits(m.chatId) : null,
				fromMe,
				type: m.type === 'media' ? (m.media?.mediaType ?? 'media') : (m.type ?? null),
				text: m.text ?? m.media?.caption ?? m.extendedText?.text ?? null,
				timestamp: toIsoTimestamp(m.time) ?? toIsoTimestamp(receivedAt),
			}),
		);
	} else if (eventType === 'message_read') {
		const parsed = wsapiReadSchema.safeParse(data);
		if (!parsed.success) {
			return {
				ok: false,
				problem: `WSAPI "message_read" event: ${describeIssue(parsed.error, 'eventData')}`,
			};
		}
		const r = parsed.data;
		const ids = r.messageIds && r.messageIds.length > 0 ? r.messageIds.map(idString) : [null];
		for (const messageId of ids) {
			events.push(
				gatewayEvent('wsapi', 'message.status', {
					...base,
					messageId,
					chatId: chatIdToDigits(r.chatId),
					// The receipt's sender is who read it; `messageSender` wrote the message.
					from: phoneOf(r.messageSender),
					to: phoneOf(r.sender),
					fromMe: r.messageSender?.isMe ?? null,
					type: r.receiptType ?? null,
					status: RECEIPT_STATUS.get((r.receiptType ?? '').toLowerCase()) ?? null,
					timestamp: toIsoTimestamp(r.time) ?? toIsoTimestamp(receivedAt),
				}),
			);
		}
	} else if (WSAPI_SESSION_EVENTS.includes(eventType)) {
		const parsed = wsapiSessionSchema.safeParse(data ?? {});
		const s = parsed.success ? parsed.data : {};
		events.push(
			gatewayEvent('wsapi', 'instance.status', {
				...base,
				status: eventType,
				text: s.reason ?? s.error ?? null,
				timestamp: toIsoTimestamp(receivedAt),
				error: eventType === 'login_error' ? { code: null, title: s.error ?? 'login_error' } : null,
			}),
		);
	} else {
		events.push(
			gatewayEvent('wsapi', 'other', {
				...base,
				type: eventType,
				timestamp: toIsoTimestamp(receivedAt),
			}),
		);
	}
	return { ok: true, events };
};
