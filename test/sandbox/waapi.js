// @ts-check
// Fake WaAPI (https://waapi.app/api/v1). Sources, cited beside each behaviour:
// - the OpenAPI spec the official n8n node is built from: test/sandbox/specs/waapi-openapi.json
//   (WaAPIapp/n8n-nodes-waapi nodes/WaAPI/openapi.json@39492c9);
// - WaAPI's SDKs: WaAPIapp/waapi-typescript-sdk (tests/client.test.ts, README.md @2623f84),
//   WaAPIapp/waapi-php-sdk (src/Actions/ManagesInstances.php @a6881f6, tests/InnerStatusTest.php @e051351);
// - WaAPI's Make app, checked against the live API by its scripts/verify-api.py: WaAPIapp/make-waapi
//   (src/general/base.iml.json, src/webhooks/*/attach.iml.json, detach.iml.json, README.md @0c1ad96);
// - whatsapp-web.js, which WaAPI runs: pedroslopez/whatsapp-web.js @03498ea.
// Errors are Laravel's `{message}` (and `{message, errors}` for 422).
const { randomBytes } = require('node:crypto');
const { schemeToken, isObject } = require('./server');
const { whatsappIdOf } = require('./numbers');
const { storeUpload, decodeBase64 } = require('./uploads');
const { findInbound } = require('./inboundMedia');

const BASE = '/api/v1';
const EVENTS = [
	'message', 'loading_screen', 'qr', 'authenticated', 'auth_failure', 'ready', 'disconnected', 'message_create',
	'message_edit', 'message_revoke_everyone', 'message_revoke_me', 'message_ack', 'message_reaction', 'media_uploaded',
	'group_join', 'group_leave', 'group_update', 'change_state', 'call', 'vote_update',
];
// Chat ids by suffix (spec, send-message: `@c.us`, `@g.us`, `@newsletter`). `@lid`: whatsapp-web.js builds the
// chat from any wid (src/util/Injected/Utils.js getChat: `createWid(chatId)`) and has handled `…@lid` ids since
// "feat: @lid support" (commit dd257b2); incoming messages carry such ids in `from` (see events.js).
const CHAT_ID = /^(\d{5,20}@c\.us|\d{5,20}(-\d+)?@g\.us|\d{5,20}@lid|\d{5,20}@newsletter)$/;
// Who may register a subscription (waapi-php-sdk src/Resources/WebhookSubscription.php@a6881f6: "zapier, make,
// n8n or api", defaults to api).
const SUBSCRIPTION_SOURCES = ['zapier', 'make', 'n8n', 'api'];

function errorBody(_status, message) {
	return { message };
}

function validation(field, message) {
	return { status: 422, body: { message, errors: { [field]: [message] } } };
}

/** @param {any} sandbox */
function createWaapi(sandbox) {
	const state = () => sandbox.state.waapi;

	function instanceStatus(instance) {
		const c = sandbox.knobs.waapi.connected;
		const connected = isObject(c) ? c[String(instance.id)] !== false : c !== false;
		return connected ? 'ready' : 'qr';
	}

	function publicInstance(i) {
		return { id: i.id, name: i.name, owner: i.owner, webhook_url: i.webhook_url, webhook_events: [...i.webhook_events], is_trial: i.is_trial };
	}

	function clientStatus(i, data = null) {
		return {
			status: 'success',
			instanceId: String(i.id),
			name: i.name,
			data,
			instanceStatus: instanceStatus(i),
			instanceWebhook: i.webhook_url,
			instanceEvents: [...i.webhook_events],
		};
	}

	function links(entry) {
		return { self: `${sandbox.urls.waapi}${entry.path.slice(BASE.length)}` };
	}

	function actionOk(entry, i, data) {
		return { status: 200, body: { data: { status: 'success', instanceId: String(i.id), data }, links: links(entry), status: 'success' } };
	}

	/**
	 * HTTP 200, outer status success, inner status error: an action the instance refused, e.g. a chat id without a
	 * domain (waapi-php-sdk tests/InnerStatusTest.php@e051351: 'incorrect chatId format.').
	 */
	function actionError(entry, id, message) {
		return { status: 200, body: { data: { status: 'error', instanceId: String(id), message }, links: links(entry), status: 'success' } };
	}

	/**
	 * A disconnected instance: HTTP 200 with a FLAT `{status: "error", message}`. waapi-typescript-sdk
	 * tests/client.test.ts@2623f84 ("The API answers 200 with an error body when the instance is not connected":
	 * `{ status: "error", message: "instance not ready" }`), its README ("answers 200 with {"status": "error"} when
	 * the instance is not connected"), make-waapi README ("body.status == "error" … is how the API reports an
	 * instance that has dropped off") and src/general/base.iml.json (`valid: body.status != 'error'`).
	 */
	function notReady() {
		return { status: 200, body: { status: 'error', message: 'instance not ready' } };
	}

	function handle(entry) {
		if (entry.path === '/api/ping' && entry.method === 'GET') {
			return { status: 200, body: 'pong', headers: { 'content-type': 'text/plain' } };
		}
		if (!entry.path.startsWith(`${BASE}/`)) return { status: 404, body: { message: 'Not Found' } };
		const token = schemeToken(entry, 'Bearer');
		if (token === null || token !== state().token) return { status: 401, body: { message: 'Unauthenticated.' } };

		const parts = entry.path.slice(BASE.length + 1).split('/').filter(Boolean);
		if (parts[0] !== 'instances') return { status: 404, body: { message: 'Not Found' } };

		if (parts.length === 1) {
			if (entry.method !== 'GET') return { status: 405, body: { message: `The ${entry.method} method is not supported for route api/v1/instances.` } };
			const filter = typeof entry.query.filter === 'string' ? entry.query.filter.toLowerCase() : '';
			const list = state().instances.filter((i) => !filter || String(i.id) === filter || i.name.toLowerCase().includes(filter));
			return { status: 200, body: { instances: list.map(publicInstance), status: 'success' } };
		}

		const instance = state().instances.find((i) => String(i.id) === parts[1]);
		if (!instance) return { status: 404, body: { message: 'Instance not found.' } };

		if (parts.length === 2) {
			if (entry.method === 'GET') return { status: 200, body: { instance: publicInstance(instance), status: 'success' } };
			if (entry.method === 'PUT') return updateInstance(entry, instance);
			return { status: 405, body: { message: `The ${entry.method} method is not supported for this route.` } };
		}
		if (parts[2] === 'webhooks' && parts.length <= 4) return subscriptions(entry, instance, parts[3]);
		if (parts[2] === 'client' && parts[3] === 'status' && parts.length === 4 && entry.method === 'GET') {
			return { status: 200, body: { clientStatus: clientStatus(instance), links: links(entry), status: 'success' } };
		}
		if (parts[2] === 'client' && parts[3] === 'action' && parts.length === 5 && entry.method === 'POST') {
			return action(entry, instance, parts[4]);
		}
		return { status: 404, body: { message: 'Not Found' } };
	}

	function updateInstance(entry, instance) {
		const body = isObject(entry.body) ? entry.body : {};
		if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 255)) {
			return validation('name', 'The name field must be a string.');
		}
		let url = instance.webhook_url;
		let events = instance.webhook_events;
		if (body.webhook !== undefined) {
			if (!isObject(body.webhook)) return validation('webhook', 'The webhook field must be an array.');
			if (body.webhook.url !== undefined) {
				if (body.webhook.url !== null && (typeof body.webhook.url !== 'string' || !/^https?:\/\/\S+$/.test(body.webhook.url))) {
					return validation('webhook.url', 'The webhook.url field must be a valid URL.');
				}
				url = body.webhook.url;
			}
			if (body.webhook.events !== undefined) {
				if (!Array.isArray(body.webhook.events)) return validation('webhook.events', 'The webhook.events field must be an array.');
				const bad = body.webhook.events.findIndex((e) => !EVENTS.includes(e));
				if (bad >= 0) return validation(`webhook.events.${bad}`, `The selected webhook.events.${bad} is invalid.`);
				events = [...new Set(body.webhook.events)];
			}
		}
		if (typeof body.name === 'string') instance.name = body.name;
		instance.webhook_url = url;
		instance.webhook_events = events;
		return { status: 200, body: { data: clientStatus(instance), links: links(entry), status: 'success' } };
	}

	// ── webhook subscriptions: several per instance, beside the instance's own webhook_url ──────────
	// waapi-php-sdk src/Actions/ManagesInstances.php@a6881f6: GET /instances/{id}/webhooks → `data[]`,
	// POST {url, events, source?} → `data` (a WebhookSubscription: id, url, events, source, isActive, createdAt;
	// "Subscribing an already-registered URL again returns the existing subscription"), DELETE …/{subscriptionId}.
	// These answers have no top-level `status` (the SDK reads them with checkBodyStatus false). make-waapi
	// src/webhooks/new-message/attach.iml.json reads the id from `body.data.id`; its scripts/verify-api.py accepts
	// 200 or 201 for attach and 200 or 204 for detach: the sandbox answers 201 and 204 (the exact codes: GUESS).
	function subscriptions(entry, instance, subscriptionId) {
		const available = sandbox.knobs.waapi.subscriptions;
		// An account without subscriptions. Not documented: GUESS. `'forbidden'` is a token without the update scope
		// (make-waapi attach.iml.json falls back to "Could not subscribe. The API token needs the update scope."),
		// answered with Laravel's default 403 text; `false` is an API without the route (Laravel's 404).
		if (available === 'forbidden') return { status: 403, body: { message: 'This action is unauthorized.' } };
		if (available === false) return { status: 404, body: { message: `The route ${entry.path.slice(1)} could not be found.` } };
		const list = instance.subscriptions;
		if (subscriptionId === undefined) {
			if (entry.method === 'GET') return { status: 200, body: { data: list.map(publicSubscription) } };
			if (entry.method === 'POST') return subscribe(entry, instance, list);
			return { status: 405, body: { message: `The ${entry.method} method is not supported for this route.` } };
		}
		const found = list.find((s) => String(s.id) === subscriptionId);
		if (!found) return { status: 404, body: { message: 'Webhook subscription not found.' } };
		if (entry.method === 'DELETE') {
			list.splice(list.indexOf(found), 1);
			return { status: 204 };
		}
		return { status: 405, body: { message: `The ${entry.method} method is not supported for this route.` } };
	}

	function subscribe(entry, instance, list) {
		const body = isObject(entry.body) ? entry.body : {};
		// Laravel-style validation as elsewhere in this API; the exact rules and texts are a GUESS.
		if (typeof body.url !== 'string' || body.url === '') return validation('url', 'The url field is required.');
		if (!/^https?:\/\/\S+$/.test(body.url)) return validation('url', 'The url field must be a valid URL.');
		if (!Array.isArray(body.events) || body.events.length === 0) return validation('events', 'The events field is required.');
		const bad = body.events.findIndex((e) => !EVENTS.includes(e));
		if (bad >= 0) return validation(`events.${bad}`, `The selected events.${bad} is invalid.`);
		if (body.source !== undefined && !SUBSCRIPTION_SOURCES.includes(body.source)) return validation('source', 'The selected source is invalid.');
		const existing = list.find((s) => s.url === body.url);
		if (existing) return { status: 200, body: { data: publicSubscription(existing) } };
		state().nextSubscriptionId = (state().nextSubscriptionId ?? 0) + 1;
		const subscription = {
			id: state().nextSubscriptionId,
			url: body.url,
			events: [...new Set(body.events)],
			source: body.source ?? 'api',
			isActive: true,
			createdAt: new Date().toISOString(),
		};
		list.push(subscription);
		return { status: 201, body: { data: publicSubscription(subscription) } };
	}

	function publicSubscription(s) {
		return { id: s.id, url: s.url, events: [...s.events], source: s.source, isActive: s.isActive, createdAt: s.createdAt };
	}

	function action(entry, instance, name) {
		const body = isObject(entry.body) ? entry.body : {};
		// Required fields per action (spec requestBody `required`; react-to-message needs both fields, an empty
		// `reaction` being the removal).
		const required = {
			'send-message': ['chatId', 'message'],
			'is-registered-user': ['contactId'],
			'get-number-id': ['number'],
			'send-media': ['chatId'],
			'send-seen': ['chatId'],
			'send-typing': ['chatId'],
			'react-to-message': ['messageId'],
			'download-media': ['messageId'],
		}[name];
		if (!required) return { status: 404, body: { message: `Action ${name} not found.` } };
		for (const field of required) {
			if (body[field] === undefined || body[field] === null || body[field] === '') {
				return validation(field, `The ${field} field is required.`);
			}
		}
		if (instanceStatus(instance) !== 'ready') return notReady();

		if (name === 'send-message') return sendMessage(entry, instance, body);
		if (name === 'send-media') return sendMedia(entry, instance, body);
		if (name === 'send-seen' || name === 'send-typing') {
			if (!String(body.chatId).includes('@')) return actionError(entry, instance.id, 'incorrect chatId format.');
			(state()[name === 'send-seen' ? 'seen' : 'typing'] ??= []).push({ instanceId: String(instance.id), chatId: String(body.chatId) });
			// `{ seenSend: true }` / `{ sendTyping: true }` (spec send-seen, send-typing responses)
			return actionOk(entry, instance, name === 'send-seen' ? { seenSend: true } : { sendTyping: true });
		}
		if (name === 'react-to-message') {
			if (typeof body.reaction !== 'string') return validation('reaction', 'The reaction field must be a string.');
			// `{reacted, reactedWith, messageId}`: reacted false and reactedWith null when removed (spec react-to-message)
			(state().reactions ??= []).push({ messageId: String(body.messageId), reaction: body.reaction });
			return actionOk(entry, instance, { reacted: body.reaction !== '', reactedWith: body.reaction || null, messageId: String(body.messageId) });
		}
		if (name === 'download-media') return downloadMedia(entry, instance, body);
		if (name === 'is-registered-user') {
			// whatsapp-web.js src/Client.js@03498ea: isRegisteredUser(id) = Boolean(getNumberId(id)), so a Brazilian
			// number written with or without its ninth digit is "registered" either way (whatsapp-web.js PR #421).
			const contactId = String(body.contactId);
			if (!/^\d{5,20}@c\.us$/.test(contactId)) return actionError(entry, instance.id, 'incorrect contactId format.');
			return actionOk(entry, instance, { isRegisteredUser: whatsappIdOf(contactId.split('@')[0]) !== null });
		}
		// get-number-id: digits with country code, no `+`/`00` (spec). The answer is the id WhatsApp registered,
		// which for BR/MX/AR is not the written number, or null when the number is not on WhatsApp (numbers.js).
		const number = String(body.number);
		if (!/^\d{5,20}$/.test(number)) return actionError(entry, instance.id, 'incorrect number format.');
		const user = whatsappIdOf(number);
		const numberId = user === null ? null : { server: 'c.us', user, _serialized: `${user}@c.us` };
		return actionOk(entry, instance, { numberId });
	}

	function sendMessage(entry, instance, body) {
		const chatId = String(body.chatId);
		// No domain at all is refused (InnerStatusTest.php: '"bogus" is missing a domain, expected <id>@c.us.');
		// a leading `+` too (not in the sources: GUESS kept from the earlier sandbox).
		if (!chatId.includes('@') || chatId.startsWith('+')) return actionError(entry, instance.id, 'incorrect chatId format.');
		// "a wrong suffix is accepted and delivers nothing" (waapi-typescript-sdk README.md@2623f84); so is a chat
		// id that is not the one WhatsApp registered: WhatsApp "thinks that's a different number and starts a new
		// chat" (whatsapp-web.js PR #469, about Brazil's ninth digit). The sandbox records whether it arrived.
		const known = CHAT_ID.test(chatId);
		const [user, server] = chatId.split('@');
		const delivered = known && (server !== 'c.us' || whatsappIdOf(user) === user);
		const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
		const t = Math.floor(Date.now() / 1000);
		const msgId = { fromMe: true, remote: chatId, id, _serialized: `true_${chatId}_${id}` };
		const me = `${instance.me}@c.us`;
		state().sent.push({ instanceId: String(instance.id), chatId, message: String(body.message), messageId: msgId._serialized, delivered });
		return actionOk(entry, instance, {
			_data: { id: msgId, body: String(body.message), type: 'chat', t, from: me, to: chatId, self: 'out', ack: 0, isNewMsg: true },
			id: msgId,
			ack: 0,
			hasMedia: false,
			body: String(body.message),
			type: 'chat',
			timestamp: t,
			from: me,
			to: chatId,
			fromMe: true,
		});
	}

	/**
	 * send-media (spec `send-media-message`): `mediaUrl` or `mediaBase64`, "For Base64 media, a filename is required"
	 * (`mediaName`); `mediaCaption`, `asDocument`, `asSticker`, `asVoice`. The answer is the sent message with
	 * `hasMedia` and `mimetype` (spec example). Base64 files are kept with their sha256; whether WaAPI refuses
	 * invalid base64 with an inner error is a GUESS.
	 */
	function sendMedia(entry, instance, body) {
		const chatId = String(body.chatId);
		if (!chatId.includes('@') || chatId.startsWith('+')) return actionError(entry, instance.id, 'incorrect chatId format.');
		const hasUrl = typeof body.mediaUrl === 'string' && body.mediaUrl !== '';
		const hasBase64 = typeof body.mediaBase64 === 'string' && body.mediaBase64 !== '';
		if (!hasUrl && !hasBase64) return validation('mediaUrl', 'The media url field is required when media base64 is not present.');
		if (hasBase64 && (typeof body.mediaName !== 'string' || body.mediaName === '')) return validation('mediaName', 'The media name field is required when media base64 is present.');
		let mimetype = 'application/octet-stream';
		if (hasBase64) {
			const bytes = decodeBase64(body.mediaBase64);
			if (!bytes) return actionError(entry, instance.id, 'invalid base64 media.');
			const record = storeUpload(state(), { bytes, mimeType: null, filename: body.mediaName, via: 'send-media' });
			// the log keeps a summary, not the base64
			entry.body = { ...body, mediaBase64: { bytes: record.size, sha256: record.sha256 } };
		}
		const type = body.asSticker ? 'sticker' : body.asDocument ? 'document' : 'image';
		if (type === 'sticker') mimetype = 'image/webp';
		const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
		const msgId = { fromMe: true, remote: chatId, id, _serialized: `true_${chatId}_${id}` };
		state().sent.push({ instanceId: String(instance.id), chatId, message: body.mediaCaption ?? '', messageId: msgId._serialized, delivered: CHAT_ID.test(chatId), media: hasUrl ? body.mediaUrl : body.mediaName });
		return actionOk(entry, instance, {
			_data: { id: msgId, type, t: Math.floor(Date.now() / 1000), ack: 0, from: `${instance.me}@c.us`, to: chatId, isNewMsg: true, hasMedia: true, mediaKey: randomBytes(32).toString('base64'), mimetype },
		});
	}

	/**
	 * download-media `{messageId}` (WaAPI TypeScript SDK src/generated.ts "download media from message"; make-waapi
	 * src/modules/download-media): the message's media as whatsapp-web.js MessageMedia `{mimetype, data (base64),
	 * filename, filesize}` in the action envelope (GUESS: the exact path, `data.data`). A message without stored
	 * media: an inner error (GUESS: the wording).
	 */
	function downloadMedia(entry, instance, body) {
		const record = findInbound(sandbox, 'waapi', String(body.messageId));
		if (!record) return actionError(entry, instance.id, 'message not found or has no media.');
		return actionOk(entry, instance, { mimetype: record.mimeType, data: record.bytes.toString('base64'), filename: record.filename ?? undefined, filesize: record.size });
	}

	function innerError(entry) {
		const m = /\/instances\/([^/]+)/.exec(entry.path);
		return actionError(entry, m ? m[1] : '0', 'an unexpected error occurred, please try again.');
	}

	return { handle, errorBody, innerError };
}

module.exports = { createWaapi, WAAPI_EVENTS: EVENTS };
