// @ts-check
// Fake WSAPI (v2): instance endpoints with X-Api-Key + X-Instance-Id, hosted `/account/instances…` with the
// customer key, self-hosted `/admin/instances…` with the admin key, errors `{status, detail}`.
// Shapes follow specs/wsapi-hosted-account-api.yml (Account*) and specs/wsapi-api.yml (Instance*).
const { randomBytes } = require('node:crypto');
const { header, isObject } = require('./server');
const { numberExists } = require('./numbers');

const PHONE = /^\+?\d{7,15}$/;
const JID = /^(\d{5,20}@s\.whatsapp\.net|[\d-]{5,40}@g\.us)$/;
const MAX_BULK = 100;
const FILTERABLE = [
	'chat_setting', 'chat_presence', 'chat_push_name', 'chat_status', 'chat_picture', 'message', 'message_read',
	'message_delete', 'message_star', 'message_history_sync', 'contact', 'group', 'call_offer', 'call_terminate',
	'call_accept', 'user_presence',
];
const SYSTEM = ['logged_in', 'logged_out', 'login_error', 'initial_sync_finished'];

function errorBody(status, detail) {
	return { status, detail };
}
function fail(status, detail) {
	return { status, body: errorBody(status, detail) };
}

/** @param {any} sandbox */
function createWsapi(sandbox) {
	const state = () => sandbox.state.wsapi;
	const find = (id) => state().instances.find((i) => i.id === id);

	function paired(instance) {
		const p = sandbox.knobs.wsapi.paired;
		return isObject(p) ? p[instance.id] !== false : p !== false;
	}

	function handle(entry) {
		const path = entry.path.replace(/\/+$/, '') || '/';
		if (path === '/health' && entry.method === 'GET') return { status: 200, body: { status: 'ok' } };
		if (path === '/account/instances' || path.startsWith('/account/')) return account(entry, path);
		if (path === '/admin/instances' || path.startsWith('/admin/')) return admin(entry, path);
		return instanceApi(entry, path);
	}

	// ── instance endpoints ──────────────────────────────────────────────
	function instanceApi(entry, path) {
		const id = header(entry, 'x-instance-id');
		if (!id) return fail(400, 'missing X-Instance-Id header');
		const instance = find(id);
		if (!instance) return fail(404, 'instance not found');
		if (header(entry, 'x-api-key') !== instance.apiKey) return fail(401, 'unauthorized');

		const route = `${entry.method} ${path}`;
		if (route === 'GET /session/status') {
			const isPaired = paired(instance);
			return { status: 200, body: { isConnected: true, isLoggedIn: isPaired, deviceId: isPaired ? instance.deviceId : '' } };
		}
		if (route === 'POST /messages/text') return sendText(entry, instance);
		if (route === 'POST /users/check') return bulkCheck(entry, instance);
		const check = /^\/users\/([^/]+)\/check$/.exec(path);
		if (check && entry.method === 'GET') {
			const phone = decodeURIComponent(check[1]);
			if (!PHONE.test(phone)) return fail(400, 'invalid phone number');
			if (!paired(instance)) return fail(409, 'device not paired');
			return { status: 200, body: { isInWhatsApp: numberExists(phone) } };
		}
		return fail(404, 'not found');
	}

	function sendText(entry, instance) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body) return fail(400, 'invalid request body');
		if (typeof body.to !== 'string' || body.to === '') return fail(400, 'to is required');
		if (typeof body.text !== 'string' || body.text === '') return fail(400, 'text is required');
		if (!JID.test(body.to)) return fail(400, 'invalid recipient JID');
		if (!paired(instance)) return fail(409, 'device not paired');
		return { status: 201, body: { id: `3EB0${randomBytes(8).toString('hex').toUpperCase()}` } };
	}

	function bulkCheck(entry, instance) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body || !Array.isArray(body.phones) || body.phones.length === 0) return fail(400, 'phones must be a non-empty array');
		if (body.phones.length > MAX_BULK) return fail(400, `at most ${MAX_BULK} phones per request`);
		const bad = body.phones.find((p) => typeof p !== 'string' || !PHONE.test(p));
		if (bad !== undefined) return fail(400, `invalid phone number: ${String(bad)}`);
		if (!paired(instance)) return fail(409, 'device not paired');
		return {
			status: 200,
			body: body.phones.map((query) => {
				const digits = query.replace(/^\+/, '');
				return numberExists(digits) ? { query, isInWhatsApp: true, jid: `${digits}@s.whatsapp.net` } : { query, isInWhatsApp: false };
			}),
		};
	}

	function status(instance) {
		return paired(instance) ? 'active' : 'unpaired';
	}

	/** Validates the webhook part of a settings/config body; returns an error reply or null. */
	function validateWebhook(body, secretField) {
		if (body.webhookUrl !== undefined && body.webhookUrl !== null && body.webhookUrl !== '' &&
			(typeof body.webhookUrl !== 'string' || !/^https?:\/\/\S+$/.test(body.webhookUrl))) {
			return fail(400, 'invalid webhookUrl');
		}
		if (body[secretField] !== undefined && body[secretField] !== null && typeof body[secretField] !== 'string') {
			return fail(400, `invalid ${secretField}`);
		}
		if (body.eventFilters !== undefined && body.eventFilters !== null) {
			if (!Array.isArray(body.eventFilters)) return fail(400, 'eventFilters must be an array');
			const bad = body.eventFilters.find((e) => !FILTERABLE.includes(e) && !SYSTEM.includes(e));
			if (bad !== undefined) return fail(400, `invalid event filter: ${String(bad)}`);
		}
		return null;
	}

	/** System events always pass and are silently stripped from the filter list (event-delivery notes). */
	function filters(list) {
		return (list ?? []).filter((e) => !SYSTEM.includes(e));
	}

	// ── hosted: /account/instances (customer key, no X-Instance-Id) ─────
	function account(entry, path) {
		if (header(entry, 'x-api-key') !== state().customerKey) return fail(401, 'unauthorized');
		if (path === '/account/instances' && entry.method === 'GET') {
			const pageNumber = Math.max(1, Number(entry.query.pageNumber ?? 1) || 1);
			const pageSize = Math.max(1, Number(entry.query.pageSize ?? 20) || 20);
			const all = state().instances;
			return {
				status: 200,
				body: {
					items: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((i) => ({
						id: i.id, created: i.created, name: i.name, useCustomDefaults: i.useCustomDefaults, status: status(i),
						deviceId: paired(i) ? i.deviceId : null, expiredAt: null, trialEndsAt: null, isInTrial: false, hasApiKey: Boolean(i.apiKey),
					})),
					totalCount: all.length,
					pageNumber,
					pageSize,
				},
			};
		}
		const m = /^\/account\/instances\/([^/]+)(\/settings)?$/.exec(path);
		const instance = m ? find(decodeURIComponent(m[1])) : undefined;
		if (!m) return fail(404, 'not found');
		if (!instance) return fail(404, 'instance not found');
		if (!m[2] && entry.method === 'GET') {
			return {
				status: 200,
				body: {
					name: instance.name,
					hasApiKey: Boolean(instance.apiKey),
					settings: {
						useCustomDefaults: instance.useCustomDefaults,
						pullMode: instance.pullMode,
						webhookUrl: instance.webhookUrl,
						eventSigningSecret: instance.signingSecret,
						historySync: instance.historySync,
						eventFilters: [...instance.eventFilters],
					},
					status: status(instance),
					deviceId: paired(instance) ? instance.deviceId : null,
					created: instance.created,
				},
			};
		}
		if (m[2] && entry.method === 'PUT') {
			const body = isObject(entry.body) ? entry.body : null;
			if (!body) return fail(400, 'invalid request body');
			const invalid = validateWebhook(body, 'eventSigningSecret');
			if (invalid) return invalid;
			for (const k of ['useCustomDefaults', 'pullMode', 'historySync']) {
				if (body[k] !== undefined && typeof body[k] !== 'boolean') return fail(400, `invalid ${k}`);
			}
			// Fields left out keep their value (the hosted API's merge semantics are not documented).
			if (body.webhookUrl !== undefined) instance.webhookUrl = body.webhookUrl || null;
			if (body.eventSigningSecret !== undefined) instance.signingSecret = body.eventSigningSecret || null;
			if (body.eventFilters !== undefined) instance.eventFilters = filters(body.eventFilters);
			for (const k of ['useCustomDefaults', 'pullMode', 'historySync']) if (body[k] !== undefined) instance[k] = body[k];
			return { status: 204 };
		}
		return fail(405, 'method not allowed');
	}

	// ── self-hosted: /admin/instances (admin key) ────────────────────────
	function config(i) {
		return { apiKey: i.apiKey, webhookUrl: i.webhookUrl ?? '', signingSecret: i.signingSecret ?? '', eventFilters: [...i.eventFilters], historySync: i.historySync };
	}
	function listItem(i) {
		const isPaired = paired(i);
		return { id: i.id, config: config(i), isConnected: true, isLoggedIn: isPaired, deviceId: isPaired ? i.deviceId : '' };
	}

	function admin(entry, path) {
		if (header(entry, 'x-api-key') !== state().adminKey) return fail(401, 'unauthorized');
		if (path === '/admin/instances') {
			if (entry.method === 'GET') return { status: 200, body: state().instances.map(listItem) };
			return fail(405, 'method not allowed');
		}
		const m = /^\/admin\/instances\/([^/]+)(\/config)?$/.exec(path);
		if (!m) return fail(404, 'not found');
		const instance = find(decodeURIComponent(m[1]));
		if (!instance) return fail(404, 'instance not found');
		if (!m[2] && entry.method === 'GET') return { status: 200, body: listItem(instance) };
		if (m[2] && entry.method === 'PUT') {
			const body = isObject(entry.body) ? entry.body : null;
			if (!body) return fail(400, 'invalid request body');
			const invalid = validateWebhook(body, 'signingSecret');
			if (invalid) return invalid;
			if (body.apiKey !== undefined && typeof body.apiKey !== 'string') return fail(400, 'invalid apiKey');
			if (body.historySync !== undefined && body.historySync !== null && typeof body.historySync !== 'boolean') return fail(400, 'invalid historySync');
			if (body.webhookUrl !== undefined) instance.webhookUrl = body.webhookUrl || null;
			if (body.signingSecret !== undefined) instance.signingSecret = body.signingSecret || null;
			if (body.eventFilters !== undefined) instance.eventFilters = filters(body.eventFilters);
			if (typeof body.apiKey === 'string' && body.apiKey !== '') instance.apiKey = body.apiKey;
			if (typeof body.historySync === 'boolean') instance.historySync = body.historySync;
			return { status: 204 };
		}
		// The spec has no GET on /config: read the config through GET /admin/instances/{id}.
		return fail(405, 'method not allowed');
	}

	return { handle, errorBody };
}

module.exports = { createWsapi, WSAPI_FILTERABLE_EVENTS: FILTERABLE, WSAPI_SYSTEM_EVENTS: SYSTEM, WSAPI_MAX_BULK: MAX_BULK };
