// WhatsApp On-Premises inbound webhooks → normalised events: one item per message, per status and per
// error notification, since one POST may batch several of each.
import {
	describeIssue,
	gatewayEvent,
	interactiveReply,
	mediaInfo,
	messageStatus,
	toIsoTimestamp,
} from '../../shared/events';
import { chatIdToDigits } from '../../shared/phone';
import type { GatewayEvent, WebhookParser } from '../../shared/types';
import { parseBody } from '../../shared/zodParts';
import { onPremisesBodySchema } from './webhookSchemas';
import type { OnPremisesError, OnPremisesMessage } from './webhookSchemas';

const MEDIA = ['image', 'video', 'document', 'audio', 'voice', 'sticker'] as const;

/** The media of a media message (the client has downloaded it before it calls: GET /v1/media/{id} serves it). */
function mediaOf(message: OnPremisesMessage) {
	const kind = MEDIA.find((k) => k === message.type);
	const o = kind ? message[kind] : undefined;
	if (!o) return undefined;
	return mediaInfo({
		id: o.id,
		mimeType: o.mime_type,
		fileName: o.filename,
		caption: o.caption,
		sha256: o.sha256,
	});
}

/** An interactive reply (button or list row) or a template quick reply, and the type it is reported as. */
function replyOf(message: OnPremisesMessage) {
	if (message.type === 'button' && message.button) {
		return { type: 'button', reply: interactiveReply(message.button.payload, message.button.text) };
	}
	const i = message.interactive;
	const chosen =
		i?.type === 'button_reply' ? i.button_reply : i?.type === 'list_reply' ? i.list_reply : null;
	if (!i || !chosen) return undefined;
	return { type: i.type as string, reply: interactiveReply(chosen.id, chosen.title) };
}

function toError(errors: OnPremisesError[] | undefined): GatewayEvent['error'] {
	const first = errors?.[0];
	if (!first) return null;
	return { code: first.code ?? null, title: first.title ?? first.details ?? null };
}

export const parseOnPremisesWebhook: WebhookParser = ({ body }) => {
	const parsed = parseBody(onPremisesBodySchema, body);
	if (!parsed.success) {
		return {
			ok: false,
			problem: `not a WhatsApp On-Premises webhook body (${describeIssue(parsed.error)})`,
		};
	}
	const { contacts, messages = [], statuses = [], errors = [] } = parsed.data;
	const events: GatewayEvent[] = [];

	for (const message of messages) {
		const media = mediaOf(message);
		const reply = replyOf(message);
		const text =
			message.text?.body ??
			media?.caption ??
			message.button?.text ??
			reply?.reply.title ??
			message.system?.body ??
			null;
		events.push(
			gatewayEvent('onPremises', 'message.received', {
				messageId: message.id,
				chatId: chatIdToDigits(message.group_id ?? message.from),
				from: chatIdToDigits(message.from),
				fromMe: false,
				type: reply?.type ?? message.type ?? null,
				text,
				timestamp: toIsoTimestamp(message.timestamp),
				error: toError(message.errors),
				media,
				reply: reply?.reply,
				// The provider's own body for this one event (with the sender's profile from `contacts`).
				raw: { contacts, messages: [message] },
			}),
		);
	}

	for (const status of statuses) {
		events.push(
			gatewayEvent('onPremises', 'message.status', {
				messageId: status.id,
				chatId: chatIdToDigits(status.recipient_id),
				to: chatIdToDigits(status.recipient_id),
				fromMe: true,
				type: status.type ?? null,
				status: messageStatus(status.status),
				timestamp: toIsoTimestamp(status.timestamp),
				error: toError(status.errors),
				raw: { statuses: [status] },
			}),
		);
	}

	for (const error of errors) {
		events.push(
			gatewayEvent('onPremises', 'other', {
				type: 'error',
				error: toError([error]),
				raw: { errors: [error] },
			}),
		);
	}

	// A contacts-only POST (an asynchronous contact check result) is not a message: keep it as `other`.
	if (events.length === 0) {
		events.push(
			gatewayEvent('onPremises', 'other', { type: contacts ? 'contacts' : null, raw: body }),
		);
	}
	return { ok: true, events };
};
