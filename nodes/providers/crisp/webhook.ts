// Crisp inbound calls → normalised events: the WhatsApp plugin's send callback (the outcome of a
// queued template send, by `request_id`) and Crisp Web Hooks (inbound WhatsApp messages become Crisp
// conversations, reported as `message:send` from the user).
import {
	describeIssue,
	gatewayEvent,
	idString,
	mediaInfo,
	toIsoTimestamp,
} from '../../shared/events';
import { chatIdToDigits, parsePhone } from '../../shared/phone';
import type { WebhookParser } from '../../shared/types';
import { parseBody } from '../../shared/zodParts';
import {
	crispCallbackSchema,
	crispFileContentSchema,
	crispMessageDataSchema,
	crispWebHookSchema,
} from './webhookSchemas';

const WHATSAPP_ORIGIN = 'urn:crisp.im:whatsapp:0';

// Crisp types a file, an animation and an audio message's content as {name?, url, type} (node-crisp-api Events.ts).
const FILE_TYPES = ['file', 'animation', 'audio'];

/** A file message's media: its id is the storage URL Crisp gives (the bytes are not served by the plugin's API). */
function mediaOf(type: string | undefined, content: unknown) {
	if (!FILE_TYPES.includes(type ?? '')) return undefined;
	const parsed = parseBody(crispFileContentSchema, content);
	if (!parsed.success) return undefined;
	return mediaInfo({ id: parsed.data.url, mimeType: parsed.data.type, fileName: parsed.data.name });
}

/** A Crisp Web Hook names its event; the plugin's callback (its JSON is not public) has been seen without. */
function namesAnEvent(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { event?: unknown }).event === 'string'
	);
}

export const parseCrispWebhook: WebhookParser = ({ body }) => {
	// Web Hooks are the common case: they skip the callback's schema (a failed zod parse is costly).
	const callback = namesAnEvent(body) ? null : parseBody(crispCallbackSchema, body);
	if (callback?.success) {
		const { failed, reason, message, data } = callback.data;
		return {
			ok: true,
			events: [
				gatewayEvent('crisp', 'template.result', {
					messageId: data.whatsapp_message_id ?? null,
					chatId: data.session_id ?? null,
					fromMe: true,
					type: 'template',
					status: failed ? 'failed' : 'sent',
					requestId: data.request_id,
					error: failed ? { code: reason, title: message ?? reason } : null,
					raw: body,
				}),
			],
		};
	}

	const hook = parseBody(crispWebHookSchema, body);
	if (!hook.success) {
		return {
			ok: false,
			problem: `not a Crisp plugin callback (no data.request_id) nor a Crisp Web Hook (${describeIssue(hook.error)})`,
		};
	}
	const { event, website_id: websiteId } = hook.data;
	const message = parseBody(crispMessageDataSchema, hook.data.data);
	// A website's Web Hooks report every channel; only the WhatsApp plugin's origin is a WhatsApp message.
	if (
		event === 'message:send' &&
		message.success &&
		message.data.from === 'user' &&
		message.data.origin === WHATSAPP_ORIGIN
	) {
		const m = message.data;
		// Crisp's message `user` has no phone field; the WhatsApp plugin's conversations are named by the
		// number (`+33612345678`). Only a nickname in that international form is taken for one.
		const nick = m.user?.nickname?.trim() ?? '';
		const nickname = nick.startsWith('+') ? parsePhone(nick) : null;
		const phone = m.user?.phone
			? chatIdToDigits(m.user.phone)
			: nickname?.ok && nickname.kind === 'user'
				? nickname.digits
				: null;
		return {
			ok: true,
			events: [
				gatewayEvent('crisp', 'message.received', {
					instanceId: m.website_id ?? websiteId ?? null,
					raw: body,
					messageId: idString(m.fingerprint),
					// For Crisp the chat is the conversation: its session id.
					chatId: m.session_id ?? null,
					from: phone,
					fromMe: false,
					type: m.type ?? null,
					text: typeof m.content === 'string' ? m.content : null,
					media: mediaOf(m.type, m.content),
					timestamp: toIsoTimestamp(m.timestamp) ?? toIsoTimestamp(hook.data.timestamp),
				}),
			],
		};
	}
	return {
		ok: true,
		events: [
			gatewayEvent('crisp', 'other', {
				instanceId: websiteId ?? null,
				raw: body,
				chatId: message.success ? (message.data.session_id ?? null) : null,
				type: event,
				timestamp: toIsoTimestamp(hook.data.timestamp),
			}),
		],
	};
};
