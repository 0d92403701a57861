// @ts-check
// Provider-shaped inbound webhook bodies (as the provider notes and specs/wsapi-events.yml show them) and the
// headers each provider sends with them. Fields let a test choose ids, text, numbers and timestamps.
const { randomBytes, randomUUID, createHmac } = require('node:crypto');
const { callbackSuccessBody, callbackErrorBody } = require('./crisp');
const { CLOUD_KINDS, cloudBody, sendCloudEvent } = require('./cloudEvents');

const KINDS = {
	waapi: ['message', 'message_create', 'message_ack', 'ready', 'qr', 'disconnected', 'change_state', '<any other event name>'],
	onPremises: ['message', 'status', 'batch', 'errors'],
	wsapi: ['message', 'message_read', 'logged_in', 'logged_out', 'login_error', 'initial_sync_finished', '<any other eventType>'],
	crisp: ['callback_success', 'callback_error', 'message_send'],
	cloud: CLOUD_KINDS,
};

const hex = (n) => randomBytes(n).toString('hex').toUpperCase();
const digits = (v) => String(v).replace(/@.*$/, '').replace(/\D/g, '');
const nowSec = () => Math.floor(Date.now() / 1000);

// ── WaAPI: {event, instanceId, data} ─────────────────────────────────────
function waapiBody(kind, f, sandbox) {
	const instanceId = f.instanceId ?? '101';
	const instance = sandbox.state.waapi.instances.find((i) => String(i.id) === String(instanceId));
	const me = `${digits(f.me ?? (instance ? instance.me : sandbox.state.waapi.me))}@c.us`;
	const contact = (v, fallback) => (String(v ?? fallback).includes('@') ? String(v ?? fallback) : `${digits(v ?? fallback)}@c.us`);
	const id = f.messageId ?? `3EB0${hex(8)}`;
	const timestamp = f.timestamp ?? nowSec();
	let data;
	switch (kind) {
		case 'message': {
			const from = contact(f.from, '4915112345678');
			data = {
				message: {
					id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` },
					body: f.text ?? 'Is my order on the way?', type: f.type ?? 'chat', from, to: contact(f.to, me),
					timestamp, hasMedia: f.hasMedia ?? false, ack: 1, deviceType: 'android', isForwarded: false, fromMe: false,
				},
			};
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
	if (f.data !== undefined && typeof f.data === 'object' && f.data !== null && ['message', 'message_create', 'message_ack', 'ready', 'qr', 'disconnected', 'change_state'].includes(kind)) {
		data = { ...data, ...f.data };
	}
	return { event: f.event ?? kind, instanceId: String(instanceId), data };
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
function wsapiBody(kind, f, sandbox) {
	const instanceId = f.instanceId ?? sandbox.ids.wsapiInstanceId;
	const instance = sandbox.state.wsapi.instances.find((i) => i.id === instanceId);
	const myPhone = digits(f.me ?? (instance ? instance.phone : '4915177777777'));
	const now = new Date();
	const time = f.time ?? (f.timestamp !== undefined ? new Date(Number(f.timestamp) * 1000).toISOString() : now.toISOString());
	const jid = (v) => (String(v).includes('@') ? String(v) : `${digits(v)}@s.whatsapp.net`);
	const sender = (phone, isMe) => ({ id: `${phone}@s.whatsapp.net`, lid: `${phone.slice(-8)}123456@lid`, phone, isMe });
	let eventData;
	switch (kind) {
		case 'message': {
			const isMe = f.isMe ?? false;
			const other = digits(f.from ?? f.to ?? '1234567890');
			eventData = {
				id: f.messageId ?? hex(8),
				time,
				chatId: f.chatId ?? jid(other),
				sender: isMe ? sender(myPhone, true) : sender(other, false),
				isGroup: false,
				isStatus: false,
				type: 'text',
				text: f.text ?? 'Hello, world!',
			};
			break;
		}
		case 'message_read': {
			const other = digits(f.from ?? f.to ?? '1234567890');
			eventData = {
				chatId: f.chatId ?? jid(other),
				sender: sender(other, false),
				messageSender: sender(myPhone, true),
				isGroup: false,
				messageIds: f.messageIds ?? [f.messageId ?? hex(8)],
				time,
				receiptType: f.receiptType ?? 'read',
			};
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
	if (f.eventData !== undefined && ['message', 'message_read', 'logged_in', 'logged_out', 'login_error', 'initial_sync_finished'].includes(kind)) {
		eventData = { ...eventData, ...f.eventData };
	}
	return {
		eventId: f.eventId ?? `evt_${now.getTime()}_${randomBytes(8).toString('hex')}`,
		instanceId,
		receivedAt: f.receivedAt ?? now.toISOString(),
		eventType: f.eventType ?? kind,
		eventData,
	};
}

// ── Crisp: send callbacks (GUESS shape, see crisp.js) and Web Hook message:send ──
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
			return {
				website_id: websiteId,
				event: 'message:send',
				data: {
					website_id: websiteId,
					session_id: sessionId,
					type: 'text',
					content: f.text ?? 'Hey :)',
					from: f.from ?? 'user',
					origin: f.origin ?? 'urn:crisp.im:whatsapp:0',
					stamped: true,
					timestamp,
					fingerprint: f.fingerprint ?? Number(String(timestamp) + String(Math.floor(Math.random() * 100)).padStart(2, '0')),
					user: { nickname: f.nickname ?? `+${digits(f.phone ?? '33612345678')}`, user_id: sessionId },
				},
				timestamp,
			};
		}
		default:
			throw new Error(`unknown crisp event kind: ${kind}`);
	}
}

function eventBody(sandbox, provider, kind, fields = {}) {
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

module.exports = { eventBody, sendEvent, sign, EVENT_KINDS: KINDS };
