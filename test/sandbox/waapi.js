// @ts-check
// Fake WaAPI (https://waapi.app/api/v1): Laravel-style errors, the nested action envelope whose inner
// `data.status` is the authoritative one (HTTP 200 with an inner error for a bad chatId or a disconnected instance).
const { randomBytes } = require('node:crypto');
const { schemeToken, isObject } = require('./server');
const { numberExists } = require('./numbers');

const BASE = '/api/v1';
const EVENTS = [
	'message', 'loading_screen', 'qr', 'authenticated', 'auth_failure', 'ready', 'disconnected', 'message_create',
	'message_edit', 'message_revoke_everyone', 'message_revoke_me', 'message_ack', 'message_reaction', 'media_uploaded',
	'group_join', 'group_leave', 'group_update', 'change_state', 'call', 'vote_update',
];
const CHAT_ID = /^(\d{5,20}@c\.us|\d{5,20}(-\d+)?@g\.us)$/;

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

	/** HTTP 200, outer status success, inner status error: the shape the SDKs' InnerStatus tests use. */
	function actionError(entry, id, message) {
		return { status: 200, body: { data: { status: 'error', instanceId: String(id), message }, links: links(entry), status: 'success' } };
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

	function action(entry, instance, name) {
		const body = isObject(entry.body) ? entry.body : {};
		const required = { 'send-message': ['chatId', 'message'], 'is-registered-user': ['contactId'], 'get-number-id': ['number'] }[name];
		if (!required) return { status: 404, body: { message: `Action ${name} not found.` } };
		for (const field of required) {
			if (body[field] === undefined || body[field] === null || body[field] === '') {
				return validation(field, `The ${field} field is required.`);
			}
		}
		if (instanceStatus(instance) !== 'ready') return actionError(entry, instance.id, 'instance is not ready');

		if (name === 'send-message') {
			if (!CHAT_ID.test(String(body.chatId))) return actionError(entry, instance.id, 'incorrect chatId format.');
			const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
			const chatId = String(body.chatId);
			const t = Math.floor(Date.now() / 1000);
			const msgId = { fromMe: true, remote: chatId, id, _serialized: `true_${chatId}_${id}` };
			const me = `${instance.me}@c.us`;
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
		if (name === 'is-registered-user') {
			const contactId = String(body.contactId);
			if (!/^\d{5,20}@c\.us$/.test(contactId)) return actionError(entry, instance.id, 'incorrect contactId format.');
			return actionOk(entry, instance, { isRegisteredUser: numberExists(contactId.split('@')[0]) });
		}
		// get-number-id: digits with country code, no `+`/`00` (spec)
		const number = String(body.number);
		if (!/^\d{5,20}$/.test(number)) return actionError(entry, instance.id, 'incorrect number format.');
		const numberId = numberExists(number) ? { server: 'c.us', user: number, _serialized: `${number}@c.us` } : null;
		return actionOk(entry, instance, { numberId });
	}

	function innerError(entry) {
		const m = /\/instances\/([^/]+)/.exec(entry.path);
		return actionError(entry, m ? m[1] : '0', 'an unexpected error occurred, please try again.');
	}

	return { handle, errorBody, innerError };
}

module.exports = { createWaapi, WAAPI_EVENTS: EVENTS };
