// @ts-check
// Fake Crisp WhatsApp plugin API: Basic identifier:key, Crisp's `{error, reason, data}` envelope, template
// paging with `paging_next`, and an accepted send that is answered later on the configured callback URL.
// The plugin's routes have no public specification: they follow the only public client,
// ziming/laravel-crisp-whatsapp src/LaravelCrispWhatsApp.php@aa6b636, and the plugin's quickstart
// (https://docs.crisp.chat/guides/messaging-apis/whatsapp-api/quickstart).
const { randomUUID, randomBytes } = require('node:crypto');
const { basicAuth, isObject } = require('./server');
const { numberExists, digitsOf } = require('./numbers');

const BASE = '/urn:crisp.im:whatsapp:0/wa/api/website';
const MAX_LIMIT = 50;
const REASONS = { 400: 'invalid_data', 401: 'invalid_session', 403: 'not_allowed', 404: 'not_found', 429: 'rate_limited', 500: 'error', 503: 'unavailable' };

function errorBody(status) {
	return { error: true, reason: REASONS[status] ?? 'error', data: {} };
}
function fail(status, reason, data = {}) {
	return { status, body: { error: true, reason, data } };
}

/** Opaque paging cursor: the index of the next template, encoded. */
function encodeCursor(index) {
	return Buffer.from(`tpl:${index}`).toString('base64url');
}
function decodeCursor(cursor) {
	const m = /^tpl:(\d+)$/.exec(Buffer.from(String(cursor), 'base64url').toString('utf8'));
	return m ? Number(m[1]) : null;
}

/** @param {any} sandbox */
function createCrisp(sandbox) {
	const state = () => sandbox.state.crisp;

	function handle(entry) {
		if (!entry.path.startsWith(`${BASE}/`)) return fail(404, 'not_found');
		const creds = basicAuth(entry);
		if (!creds || creds.user !== state().identifier || creds.pass !== state().key) return fail(401, 'invalid_session');
		const parts = entry.path.slice(BASE.length + 1).split('/').filter(Boolean);
		if (parts[0] !== state().websiteId) return fail(403, 'not_allowed');
		const route = `${entry.method} ${parts.slice(1).join('/')}`;
		if (route === 'GET templates') return listTemplates(entry);
		if (route === 'POST template/send') return sendTemplate(entry);
		return fail(404, 'not_found');
	}

	function listTemplates(entry) {
		const q = entry.query;
		const limit = q.limit === undefined ? 20 : Number(q.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail(400, 'invalid_data', { message: `limit must be between 1 and ${MAX_LIMIT}` });
		let start = 0;
		if (q.after !== undefined && q.after !== '') {
			const decoded = decodeCursor(q.after);
			if (decoded === null) return fail(400, 'invalid_data', { message: 'invalid paging cursor' });
			start = decoded;
		}
		let all = state().templates;
		// The Laravel client asks `filter_approved={$onlyApproved}` (PHP prints true as "1", false as ""), with
		// approved-only as its default: without the filter every template comes, pending and rejected ones too.
		if (q.filter_approved === '1' || q.filter_approved === 'true') all = all.filter((t) => t.status === 'APPROVED');
		if (q.filter_no_samples === '1' || q.filter_no_samples === 'true') all = all.filter((t) => !t.components.some((c) => c.example));
		const page = all.slice(start, start + limit);
		const next = start + limit < all.length ? encodeCursor(start + limit) : null;
		return { status: 200, body: { error: false, reason: 'listed', data: { templates: structuredClone(page), paging_next: next } } };
	}

	function sendTemplate(entry) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body || !isObject(body.message_template)) return fail(400, 'invalid_data', { message: 'message_template is required' });
		const mt = body.message_template;
		if (typeof mt.name !== 'string' || typeof mt.language !== 'string') return fail(400, 'invalid_data', { message: 'message_template.name and message_template.language are required' });
		if (mt.components !== undefined && !Array.isArray(mt.components)) return fail(400, 'invalid_data', { message: 'message_template.components must be an array' });
		for (const f of ['to_number', 'from_number']) {
			if (typeof body[f] !== 'string' || !/^\+?\d{7,15}$/.test(digitsOf(body[f]))) return fail(400, 'invalid_data', { message: `${f} must be a phone number` });
		}
		if (body.crisp_options !== undefined) {
			const o = body.crisp_options;
			if (!isObject(o) || (o.type !== undefined && o.type !== 'note' && o.type !== 'text')) return fail(400, 'invalid_data', { message: 'crisp_options.type must be note or text' });
		}
		const template = state().templates.find((t) => t.name === mt.name && t.language === mt.language);
		if (!template) return fail(404, 'template_not_found');
		if (template.status !== 'APPROVED') return fail(400, 'template_not_approved');

		const requestId = randomUUID();
		state().requests.push({ request_id: requestId, name: mt.name, language: mt.language, to_number: body.to_number, from_number: body.from_number });
		scheduleCallback(requestId, digitsOf(body.to_number));
		return { status: 200, body: { error: false, reason: 'request_accepted', data: { request_id: requestId } } };
	}

	/**
	 * The outcome arrives later on the plugin's callback URL. Its JSON is not public: this follows Crisp's usual
	 * envelope and the success fields the docs name (crisp_fingerprint, whatsapp_message_id, session_id) — a GUESS.
	 */
	function scheduleCallback(requestId, toDigits) {
		const knobs = sandbox.knobs.crisp;
		const url = state().callbackUrl;
		if (!url) return;
		const outcome = knobs.callbackOutcome === 'error' || !numberExists(toDigits) ? 'error' : 'success';
		const body = outcome === 'success'
			? callbackSuccessBody({ request_id: requestId })
			: callbackErrorBody({ request_id: requestId, reason: numberExists(toDigits) ? 'template_send_failed' : 'recipient_not_on_whatsapp' });
		sandbox.later(knobs.callbackDelayMs, async () => {
			const record = { request_id: requestId, url, body, status: null, error: null };
			state().callbacks.push(record);
			try {
				const res = await sandbox.postJson(url, JSON.stringify(body), { 'user-agent': 'Crisp-WhatsApp-Callback' });
				record.status = res.status;
			} catch (error) {
				record.error = String(error && error.message);
			}
		});
	}

	return { handle, errorBody };
}

function callbackSuccessBody(fields = {}) {
	return {
		error: false,
		reason: fields.reason ?? 'template_sent',
		data: {
			request_id: fields.request_id ?? fields.requestId ?? randomUUID(),
			crisp_fingerprint: fields.crisp_fingerprint ?? Number(`17${Date.now().toString().slice(-11)}`),
			whatsapp_message_id: fields.whatsapp_message_id ?? `wamid.HBgL${randomBytes(16).toString('base64url')}`,
			session_id: fields.session_id ?? fields.sessionId ?? `session_${randomUUID()}`,
		},
	};
}

function callbackErrorBody(fields = {}) {
	return {
		error: true,
		reason: fields.reason ?? 'template_send_failed',
		data: { request_id: fields.request_id ?? fields.requestId ?? randomUUID() },
	};
}

module.exports = { createCrisp, CRISP_BASE: BASE, callbackSuccessBody, callbackErrorBody };
