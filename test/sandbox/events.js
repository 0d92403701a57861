// @ts-check
// Provider-shaped inbound webhook bodies and the headers each provider sends with them, following the sources
// cited per provider below. Fields let a test choose ids, text, numbers and timestamps.
const { randomBytes, randomUUID, createHmac } = require('node:crypto');
const { callbackSuccessBody, callbackErrorBody } = require('./crisp');
const { CLOUD_KINDS, cloudBody, sendCloudEvent } = require('./cloudEvents');
const { MEDIA_KINDS, mediaEventBody } = require('./mediaEvents');

const KINDS = {
	waapi: ['message', 'message_lid', 'message_create', 'message_ack', 'ready', 'qr', 'disconnected', 'change_state', ...MEDIA_KINDS.waapi, '<any other event name>'],
	onPremises: ['message', 'status', 'batch', 'errors', ...MEDIA_KINDS.onPremises],
	wsapi: ['message', 'message_lid', 'reaction', 'edit', 'message_read', 'logged_in', 'logged_out', 'login_error', 'initial_sync_finished', ...MEDIA_KINDS.wsapi, '<any other eventType>'],
	crisp: ['callback_success', 'callback_error', 'message_send', ...MEDIA_KINDS.crisp],
	cloud: CLOUD_KINDS,
};

/** A sender WhatsApp knows only by its LID (no phone number): `<15 digits>@lid`. */
const DEMO_LID = '123456789012345@lid';
const isLid = (v) => /@lid$/i.test(String(v ?? ''));

const hex = (n) => randomBytes(n).toString('hex').toUpperCase();
const digits = (v) => String(v).replace(/@.*$/, '').replace(/\D/g, '');
const nowSec = () => Math.floor(Date.now() / 1000);

// ── WaAPI: {event, instanceId, data} ─────────────────────────────────────
// Envelope: waapi.readme.io webhooks and WaAPIapp/make-waapi src/modules/*/samples.iml.json. `data.message` is a
// whatsapp-web.js Message (pedroslopez/whatsapp-web.js src/structures/Message.js@03498ea): `from` is the chat it
// came from (`data.from._serialized`), `author` the group member who wrote it, `id.remote` the chat. A sender
// WhatsApp knows only by its LID arrives as `…@lid` in `from`, `id.remote` and `_serialized`
// (`"from": "xxxxxxxxxxxxxx@lid"`, `"_serialized": "false_179950657237125@lid_…"`:
// https://github.com/wppconnect-team/wa-js/issues/3143; whatsapp-web.js engine:
// https://github.com/devlikeapro/waha/issues/1849). Kind `message_lid` is such a message; `from: '…@lid'` and
// `author: '…@lid'` (with a group `from`) give the same for any message.
function waapiBody(kind, f, sandbox) {
	const instanceId = f.instanceId ?? '101';
	const instance = sandbox.state.waapi.instances.find((i) => String(i.id) === String(instanceId));
	const me = `${digits(f.me ?? (instance ? instance.me : sandbox.state.waapi.me))}@c.us`;
	const contact = (v, fallback) => (String(v ?? fallback).includes('@') ? String(v ?? fallback) : `${digits(v ?? fallback)}@c.us`);
	const id = f.messageId ?? `3EB0${hex(8)}`;
	const timestamp = f.timestamp ?? nowSec();
	let data;
	switch (kind) {
		case 'message':
		case 'message_lid': {
			const from = contact(f.from, kind === 'message_lid' ? DEMO_LID : '4915112345678');
			/** @type {Record<string, unknown>} */
			const message = {
				id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` },
				body: f.text ?? 'Is my order on the way?', type: f.type ?? 'chat', from, to: contact(f.to, me),
				timestamp, hasMedia: f.hasMedia ?? false, ack: 1, deviceType: 'android', isForwarded: false, fromMe: false,
			};
			if (f.author !== undefined) message.author = contact(f.author, '');
			data = { message };
			break;
		}
		case 'message_create': {
			const to = contact(f.to, '4915112345678');
			data = {
				message: {
					id: { fromMe: true, remote: to, id, _serialized: `true_${to}_${id}` },
					body: f.text ?? 'Your order ships today.', type: f.type ?? 'chat', from: contact(f.from, me), to,
					timestamp, hasMedia: false, ack: 0, deviceType: 'web', isForwarded: false, fromMe: f.fromMe ?? true,
				},
			};
			break;
		}
		case 'message_ack': {
			const to = contact(f.to, '4915112345678');
			data = {
				ack: f.ack ?? 3,
				message: { id: { fromMe: true, remote: to, id, _serialized: `true_${to}_${id}` }, to, from: me, body: f.text ?? 'Hi', timestamp, ack: f.ack ?? 3, fromMe: true },
			};
			break;
		}
		case 'ready':
			data = { status: 'ready' };
			break;
		case 'qr':
			data = { qr: f.qr ?? `2@${randomBytes(24).toString('base64')}` };
			break;
		case 'disconnected':
			data = { reason: f.reason ?? 'LOGOUT' };
			break;
		case 'change_state':
			data = { state: f.state ?? 'CONFLICT' };
			break;
		default:
			data = f.data ?? {};
	}
	if (f.data !== undefined && typeof f.data === 'object' && f.data !== null && ['message', 'message_lid', 'message_create', 'message_ack', 'ready', 'qr', 'disconnected', 'change_state'].includes(kind)) {
		data = { ...data, ...f.data };
	}
	return { event: f.event ?? (kind === 'message_lid' ? 'message' : kind), instanceId: String(instanceId), data };
}

// ── On-Premises: flat {contacts, messages} / {statuses} / {errors} ────────
function onPremMessage(f, i = 0) {
	const from = digits(f.from ?? '16315551234');
	return {
		contact: { profile: { name: f.name ?? 'Kerry Fisher' }, wa_id: from },
		message: {
			from,
			id: f.messageId ?? `ABGGFlA5Fpa${hex(6)}${i}`,
			timestamp: String(f.timestamp ?? nowSec()),
			type: 'text',
			text: { body: f.text ?? 'Hello this is an answer' },
		},
	};
}
function onPremStatus(f, i = 0) {
	const s = {
		id: f.messageId ?? `gBGGEgZHMlEfAgkM1RBkhDRr7t${i}`,
		recipient_id: digits(f.recipientId ?? f.to ?? '16315551234'),
		status: f.status ?? 'delivered',
		timestamp: String(f.timestamp ?? nowSec()),
	};
	if (f.errors !== undefined) s.errors = f.errors;
	if (f.conversation !== undefined) s.conversation = f.conversation;
	if (f.pricing !== undefined) s.pricing = f.pricing;
	return s;
}
function onPremisesBody(kind, f) {
	switch (kind) {
		case 'message': {
			const m = onPremMessage(f);
			return { contacts: [m.contact], messages: [m.message] };
		}
		case 'status':
			return { statuses: [onPremStatus(f)] };
		case 'batch': {
			const count = f.messages ?? 3;
			const statusCount = f.statuses ?? 2;
			const ms = Array.from({ length: count }, (_, i) => onPremMessage({ ...f, from: `1631555123${i + 1}`, text: `Batch message ${i + 1}`, messageId: `ABGGbatch${i + 1}` }, i));
			return {
				contacts: ms.map((m) => m.contact),
				messages: ms.map((m) => m.message),
				statuses: Array.from({ length: statusCount }, (_, i) => onPremStatus({ status: i === 0 ? 'delivered' : 'read', messageId: `gBGGbatch${i + 1}`, timestamp: f.timestamp }, i)),
			};
		}
		case 'errors':
			return { errors: f.errors ?? [{ code: 1014, title: 'Internal error', details: 'Media download failed', href: '/docs/whatsapp/api/errors' }] };
		default:
			throw new Error(`unknown onPremises event kind: ${kind}`);
	}
}

// ── WSAPI: {eventId, instanceId, receivedAt, eventType, eventData} ────────
// Built as wsapi-chat/wsapi-app @d40e5c5 builds them (test/sandbox/specs/wsapi-events.yml shows the same shapes;
// where its examples differ from the code, the code wins):
// - envelope: internal/event/types.go Event (`eventId`, `instanceId`, `eventType`, `receivedAt`, `eventData`);
// - senders: internal/identity/identity.go Resolve: `id` is `<phone>@s.whatsapp.net` when the phone number is
//   known, else `<lid>@lid`; `lid` and `phone` are left out when unknown (omitempty). whatsmeow gives the sender
//   and, when it has it, the other address (tulir/whatsmeow types/message.go@33cfac5 MessageSource `Sender`,
//   `SenderAlt`); a LID chat stays `…@lid` unless the LID store knows its number (internal/event/utils.go
//   projectChatID). Kind `message_lid`, or `from: '…@lid'`, is such a sender;
// - messages: internal/event/types.go MessageEvent; `isStatus`, `isEdit` are omitempty (absent when false).
//   A reaction is `type: "reaction"` with `reaction: {messageId, emoji}` and no text (projector_message.go
//   projectReactionMessage); an edit is `type: "text"` with the new text, `isEdit: true` and
//   `edit: {originalMessageTime, originalMessageId}` (projectEditMessage);
// - receipts: internal/event/projector_message.go ProjectReceipt. `sender` is who sent the receipt, with
//   `isMe` = whatsmeow's IsFromMe; `messageSender` only when whatsmeow has one, and then always `isMe: false`.
//   whatsmeow types/events/events.go Receipt: "emitted when an outgoing message is delivered to or read by
//   another user, or when another device reads an incoming message"; MessageSender: "When you read the message
//   of another user in a group, this field contains the sender of the message". So a receipt concerns OUR
//   message when its `sender.isMe` is false (or its type is `sender`: "sent by your other devices when a message
//   you sent is delivered to them", types/presence.go). Receipt types as mapReceiptType names them
//   (`delivered`, `read`, `played`, `readSelf`, `sender`, `retry`, `serverError`, `inactive`, `historySync`).
function wsapiBody(kind, f, sandbox) {
	const instanceId = f.instanceId ?? sandbox.ids.wsapiInstanceId;
	const instance = sandbox.state.wsapi.instances.find((i) => i.id === instanceId);
	const myPhone = digits(f.me ?? (instance ? instance.phone : '4915177777777'));
	const now = new Date();
	const time = f.time ?? (f.timestamp !== undefined ? new Date(Number(f.timestamp) * 1000).toISOString() : now.toISOString());
	const jid = (v) => (String(v).includes('@') ? String(v) : `${digits(v)}@s.whatsapp.net`);
	/** identity.Sender of a phone number (digits) or of a LID known without its number (`…@lid`). */
	const sender = (who, isMe) =>
		isLid(who)
			? { id: String(who), lid: String(who), isMe }
			: { id: `${who}@s.whatsapp.net`, lid: `${String(who).slice(-8)}123456@lid`, phone: String(who), isMe };
	/** The other party of a one-to-one chat: digits, or a LID kept whole. */
	const party = (v, fallback) => (isLid(v ?? fallback) ? String(v ?? fallback) : digits(v ?? fallback));
	const message = (other, isMe, fields) => ({
		id: f.messageId ?? hex(8),
		chatId: f.chatId ?? jid(other),
		sender: isMe ? sender(myPhone, true) : sender(other, false),
		isGroup: false,
		time,
		...fields,
	});
	let eventData;
	let eventType = kind;
	switch (kind) {
		case 'message':
		case 'message_lid': {
			const other = party(f.from ?? f.to, kind === 'message_lid' ? DEMO_LID : '1234567890');
			eventData = message(other, f.isMe ?? false, { type: 'text', text: f.text ?? 'Hello, world!' });
			eventType = 'message';
			break;
		}
		case 'reaction': {
			const other = party(f.from ?? f.to, '1234567890');
			eventData = message(other, f.isMe ?? false, { type: 'reaction', reaction: { messageId: f.reactionTo ?? hex(8), emoji: f.emoji ?? '\u{1F44D}' } });
			eventType = 'message';
			break;
		}
		case 'edit': {
			const other = party(f.from ?? f.to, '1234567890');
			eventData = message(other, f.isMe ?? false, {
				type: 'text',
				text: f.text ?? 'Hello, world! (edited)',
				edit: { originalMessageTime: f.originalTime ?? new Date(now.getTime() - 60_000).toISOString(), originalMessageId: f.editOf ?? hex(8) },
				isEdit: true,
			});
			eventType = 'message';
			break;
		}
		case 'message_read': {
			// Default: the other user read OUR message (sender = reader, isMe false, no messageSender in a chat
			// of two). `fromMe: false`: our other device read THEIR message (sender = us); in a group the original
			// sender then comes as messageSender, with isMe false as the server always sets it.
			const other = party(f.from ?? f.to, '1234567890');
			const ours = f.fromMe ?? true;
			eventData = {
				chatId: f.chatId ?? jid(other),
				sender: ours ? sender(other, false) : sender(myPhone, true),
				isGroup: f.isGroup ?? false,
				messageIds: f.messageIds ?? [f.messageId ?? hex(8)],
				time,
				receiptType: f.receiptType ?? (ours ? 'read' : 'readSelf'),
			};
			if (!ours && f.isGroup) eventData.messageSender = sender(party(f.author, '1234567890'), false);
			break;
		}
		case 'logged_in':
			eventData = { deviceId: f.deviceId ?? (instance ? instance.deviceId : `${myPhone}:12@s.whatsapp.net`) };
			break;
		case 'logged_out':
			eventData = { reason: f.reason ?? 'server_logout' };
			break;
		case 'login_error':
			eventData = { id: f.deviceId ?? '', error: f.error ?? 'pairing failed' };
			break;
		case 'initial_sync_finished':
			eventData = {};
			break;
		default:
			eventData = f.eventData ?? {};
	}
	if (f.eventData !== undefined && ['message', 'message_lid', 'reaction', 'edit', 'message_read', 'logged_in', 'logged_out', 'login_error', 'initial_sync_finished'].includes(kind)) {
		eventData = { ...eventData, ...f.eventData };
	}
	return {
		eventId: f.eventId ?? `evt_${now.getTime()}_${randomBytes(8).toString('hex')}`,
		instanceId,
		receivedAt: f.receivedAt ?? now.toISOString(),
		eventType: f.eventType ?? eventType,
		eventData,
	};
}

// ── Crisp: send callbacks (GUESS shape, see crisp.js) and Web Hook message:send ──
// message:send as https://docs.crisp.chat/guides/web-hooks/quickstart shows it (`origin: "chat"`, `user:
// {nickname: "visitor493603", user_id}`). `origin` says where the message came from: `chat` (the chatbox, the
// docs' example), `email`, or a plugin's URN (`urn:…`; crisp-im/node-crisp-api lib/events/Events.ts@5cf608e types
// it as a string, ConversationVerifyIdentity lists `urn:${string}`). WhatsApp conversations of the plugin carry
// `urn:crisp.im:whatsapp:0` (the plugin's URN, as in its API path); other channels' URNs such as
// `urn:crisp.im:messenger:0` follow the same pattern (GUESS). The message's `user` has only `type`, `user_id`,
// `nickname`, `avatar` (node-crisp-api lib/resources/WebsiteConversation.ts ConversationMessageUser): no phone.
// Crisp keeps a phone number in the conversation's meta (`ConversationMeta.phone`, event `session:set_phone`);
// where the WhatsApp plugin puts the customer's number is not public. The sandbox's WhatsApp nickname `+<digits>`
// is a GUESS; `nickname` sets any other, and the other origins default to the docs' visitor nickname.
function crispBody(kind, f, sandbox) {
	switch (kind) {
		case 'callback_success':
			return callbackSuccessBody(f);
		case 'callback_error':
			return callbackErrorBody(f);
		case 'message_send': {
			const websiteId = f.websiteId ?? sandbox.state.crisp.websiteId;
			const sessionId = f.sessionId ?? `session_${randomUUID()}`;
			const timestamp = f.timestamp ?? Date.now();
			const origin = f.origin ?? 'urn:crisp.im:whatsapp:0';
			const nickname = f.nickname ?? (origin === 'urn:crisp.im:whatsapp:0' ? `+${digits(f.phone ?? '33612345678')}` : 'visitor493603');
			return {
				website_id: websiteId,
				event: 'message:send',
				data: {
					website_id: websiteId,
					session_id: sessionId,
					type: 'text',
					content: f.text ?? 'Hey :)',
					from: f.from ?? 'user',
					origin,
					stamped: true,
					timestamp,
					fingerprint: f.fingerprint ?? Number(String(timestamp) + String(Math.floor(Math.random() * 100)).padStart(2, '0')),
					user: { nickname, user_id: sessionId },
				},
				timestamp,
			};
		}
		default:
			throw new Error(`unknown crisp event kind: ${kind}`);
	}
}

function eventBody(sandbox, provider, kind, fields = {}) {
	const media = mediaEventBody(sandbox, provider, kind, fields, () => eventBody(sandbox, provider, provider === 'crisp' ? 'message_send' : 'message', fields));
	if (media) return media;
	switch (provider) {
		case 'waapi':
			return waapiBody(kind, fields, sandbox);
		case 'onPremises':
			return onPremisesBody(kind, fields);
		case 'wsapi':
			return wsapiBody(kind, fields, sandbox);
		case 'crisp':
			return crispBody(kind, fields, sandbox);
		case 'cloud':
			return cloudBody(sandbox, kind, fields);
		default:
			throw new Error(`unknown provider: ${provider}`);
	}
}

function sign(raw, secret) {
	return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * The headers a provider sends with an event. WSAPI signs with the instance's signing secret (from its
 * settings/config) or `fields.secret`; `secret: null` sends unsigned, `signature` overrides the header.
 */
function eventHeaders(sandbox, provider, body, raw, fields) {
	/** @type {Record<string, string>} */
	const headers = {};
	if (provider === 'waapi') headers['user-agent'] = 'eazeWA Webhook User Agent';
	if (provider === 'onPremises') headers['user-agent'] = 'WhatsApp Business API Client';
	if (provider === 'crisp') headers['user-agent'] = 'Crisp-Web-Hooks';
	if (provider === 'wsapi') {
		headers['x-instance-id'] = String(body.instanceId);
		const instance = sandbox.state.wsapi.instances.find((i) => i.id === body.instanceId);
		const secret = fields.secret !== undefined ? fields.secret : instance ? instance.signingSecret : null;
		if (secret) headers['x-webhook-signature'] = sign(raw, secret);
	}
	if (typeof fields.signature === 'string') headers['x-webhook-signature'] = fields.signature;
	return { ...headers, ...(fields.headers ?? {}) };
}

const RESERVED = ['url', 'headers', 'signature', 'secret'];

async function sendEvent(sandbox, provider, kind, fields = {}) {
	// Cloud: signed with X-Hub-Signature-256, url optional (the override or app URL Meta would use)
	if (provider === 'cloud') return sendCloudEvent(sandbox, kind, fields);
	if (!fields.url) throw new Error('sendEvent needs a url');
	const bodyFields = Object.fromEntries(Object.entries(fields).filter(([k]) => !RESERVED.includes(k)));
	const body = eventBody(sandbox, provider, kind, bodyFields);
	const raw = JSON.stringify(body);
	const headers = eventHeaders(sandbox, provider, body, raw, fields);
	const res = await sandbox.postJson(fields.url, raw, headers);
	return { ...res, sent: body, headers };
}

/**
 * The URLs the provider itself would post an event to, from its own configuration:
 * - WaAPI: the instance's `webhook_url` when its `webhook_events` name the event (an empty list: none, GUESS),
 *   and every active subscription naming it (waapi-php-sdk WebhookSubscription: url, events, isActive);
 * - WSAPI: the instance's `webhookUrl`, when its filters are empty or name the event; system events always
 *   (internal/event/constants.go systemEvents, test/sandbox/specs/wsapi-event-delivery.md);
 * - On-Premises: `webhooks.url` of the application settings (every notification goes there).
 */
function deliveryTargets(sandbox, provider, body) {
	if (provider === 'waapi') {
		const instance = sandbox.state.waapi.instances.find((i) => String(i.id) === String(body.instanceId));
		if (!instance) return [];
		const urls = [];
		if (instance.webhook_url && instance.webhook_events.includes(body.event)) urls.push(instance.webhook_url);
		for (const s of instance.subscriptions) if (s.isActive && s.events.includes(body.event)) urls.push(s.url);
		return urls;
	}
	if (provider === 'wsapi') {
		const instance = sandbox.state.wsapi.instances.find((i) => i.id === body.instanceId);
		if (!instance || !instance.webhookUrl) return [];
		const system = ['logged_in', 'logged_out', 'login_error', 'initial_sync_finished'].includes(body.eventType);
		const filters = instance.eventFilters ?? [];
		return system || filters.length === 0 || filters.includes(body.eventType) ? [instance.webhookUrl] : [];
	}
	if (provider === 'onPremises') {
		const url = sandbox.state.onPremises.settings.webhooks.url;
		return url ? [url] : [];
	}
	throw new Error(`deliverEvent: ${provider} has no webhook configuration to deliver by (use sendEvent with a url)`);
}

/** Posts one event to every URL the provider's configuration names; `{ sent, deliveries: [{ url, status, body }] }`. */
async function deliverEvent(sandbox, provider, kind, fields = {}) {
	const bodyFields = Object.fromEntries(Object.entries(fields).filter(([k]) => !RESERVED.includes(k)));
	const body = eventBody(sandbox, provider, kind, bodyFields);
	const raw = JSON.stringify(body);
	const headers = eventHeaders(sandbox, provider, body, raw, fields);
	const deliveries = [];
	for (const url of deliveryTargets(sandbox, provider, body)) {
		try {
			deliveries.push({ url, ...(await sandbox.postJson(url, raw, headers)) });
		} catch (error) {
			deliveries.push({ url, status: 0, body: null, error: String(error && error.message) });
		}
	}
	return { sent: body, headers, deliveries };
}

module.exports = { eventBody, sendEvent, deliverEvent, sign, EVENT_KINDS: KINDS };
