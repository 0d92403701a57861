// @ts-check
// Fake WhatsApp Business On-Premises client (Webapp root, paths under /v1): Basic login → Bearer token with
// an expiry, `Apikey` only on health/metrics/stats, the `{meta, errors[]}` envelope with Meta's codes.
// Shapes: test/sandbox/specs/onprem-openapi.yaml (unblu/WhatsApp-Business-API-OpenAPI openapi.yaml@2b8f294) and
// Meta's On-Premises reference (https://developers.facebook.com/docs/whatsapp/on-premises/reference).
const { randomBytes } = require('node:crypto');
const { basicAuth, schemeToken, isObject } = require('./server');
const { numberExists, digitsOf } = require('./numbers');
const { MEDIA_RULES, baseType, formatBytes } = require('./cloudMedia');
const { interactiveProblem } = require('./interactive');
const { storeUpload } = require('./uploads');

/**
 * Upload content types: onprem-openapi.yaml `UploadMedia` (pdf, msword, ms-powerpoint, ms-excel, text/plain, jpeg, png,
 * `audio/acc` [sic: aac], mp4, amr, mpeg, ogg, video/mp4) plus webp stickers, 3gpp video and the Office Open XML
 * documents the Cloud API takes (GUESS: the same media pipeline).
 */
const UPLOAD_TYPES = [
	'application/pdf', 'application/msword', 'application/vnd.ms-powerpoint', 'application/vnd.ms-excel', 'text/plain',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'image/jpeg', 'image/png', 'image/webp', 'audio/aac', 'audio/mp4', 'audio/amr', 'audio/mpeg', 'audio/ogg', 'video/mp4', 'video/3gpp',
];
// "the media node's upload maximum is 100 MB" (Meta /v1/media page; 360dialog's older copy says 64 MB).
const MAX_UPLOAD = 100 * 1024 * 1024;
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const { findInbound } = require('./inboundMedia');

const TITLES = {
	1001: 'Message too long',
	1002: 'Invalid recipient type',
	1005: 'Access denied',
	1006: 'Resource not found',
	1008: 'Required parameter missing',
	1009: 'Parameter value not valid',
	1013: 'User is not valid',
	1011: 'Service not ready',
	1014: 'Internal error',
	1015: 'Too many requests',
};
const HTTP_CODE = { 400: 1009, 401: 1005, 403: 1005, 404: 1006, 429: 1015, 500: 1014, 503: 1011 };
const APIKEY_PATHS = new Set(['/v1/health', '/v1/metrics', '/v1/stats/app', '/v1/stats/db']);
const MAX_CONTACTS = 1000;

/** `YYYY-MM-DD HH:MM:SS+00:00`, the format of `expires_after`. */
function formatExpiry(ms) {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/** From v2.43 the real contacts endpoint answers `valid` + a wa_id for every number. */
function versionAtLeast(version, major, minor) {
	const m = /^v?(\d+)\.(\d+)/.exec(String(version));
	if (!m) return false;
	const [a, b] = [Number(m[1]), Number(m[2])];
	return a > major || (a === major && b >= minor);
}

/** @param {any} sandbox */
function createOnPremises(sandbox) {
	const state = () => sandbox.state.onPremises;
	/**
	 * `meta: {version, api_status}`. The OpenAPI's `Response` schema requires neither `meta` nor its fields, and
	 * its examples answer without it (onprem-openapi.yaml: `Response`, `Meta`, `Check-Contact-Response`); the
	 * knobs `meta: false` (no meta) and `version: null` (meta without version) are such servers.
	 */
	function meta() {
		const knobs = sandbox.knobs.onPremises;
		if (knobs.meta === false) return {};
		const version = knobs.version;
		return { meta: version === null || version === undefined ? { api_status: 'stable' } : { api_status: 'stable', version } };
	}

	function error(status, code, details) {
		return { status, body: { ...meta(), errors: [{ code, title: TITLES[code] ?? 'Generic error', details }] } };
	}

	function errorBody(status, message) {
		const code = HTTP_CODE[status] ?? 1000;
		return { ...meta(), errors: [{ code, title: TITLES[code] ?? 'Generic error', details: message }] };
	}

	function ok(body) {
		return { status: 200, body: { ...body, ...meta() } };
	}

	function validToken(token) {
		const t = state().tokens[token];
		return Boolean(t && !t.revoked && t.expiresAt > Date.now());
	}

	function handle(entry, raw) {
		const path = entry.path.replace(/\/+$/, '');
		if (path === '/v1/users/login') return login(entry);

		const apiKey = schemeToken(entry, 'Apikey');
		if (apiKey !== null) {
			if (!APIKEY_PATHS.has(path)) return error(401, 1005, 'Apikey authentication is only accepted on health, metrics and stats');
			if (apiKey !== state().apiKey) return error(401, 1005, 'Invalid API key');
		} else {
			const token = schemeToken(entry, 'Bearer');
			if (token === null) return error(401, 1005, 'Authorization header missing');
			if (!validToken(token)) return error(401, 1005, 'Invalid or expired token');
			if (path === '/v1/users/logout' && entry.method === 'POST') {
				state().tokens[token].revoked = true;
				return ok({});
			}
		}

		const media = /^\/v1\/media\/([^/]+)$/.exec(path);
		if (media && entry.method === 'GET') return downloadMedia(decodeURIComponent(media[1]));
		const route = `${entry.method} ${path}`;
		switch (route) {
			case 'GET /v1/health':
				return ok({ health: { gateway_status: state().gatewayStatus } });
			case 'GET /v1/metrics':
				return {
					status: 200,
					headers: { 'content-type': 'text/plain; version=0.0.4' },
					body: `# HELP whatsapp_gateway_status gateway connected\nwhatsapp_gateway_status 1\nwhatsapp_messages_sent_total ${sentCount()}\n`,
				};
			case 'GET /v1/stats/app':
			case 'GET /v1/stats/db':
				return ok({ stats: { messages_sent: sentCount() } });
			case 'POST /v1/contacts':
				return contacts(entry);
			case 'POST /v1/messages':
				return messages(entry);
			case 'POST /v1/media':
				return upload(entry, raw);
			case 'GET /v1/settings/application':
				// Meta's documented shape; the unofficial OpenAPI shows the settings object flat (no wrapper).
				return ok({ settings: { application: structuredClone(state().settings) } });
			case 'PATCH /v1/settings/application':
				return patchSettings(entry);
			default:
				if (entry.method === 'PUT' && /^\/v1\/messages\/[^/]+$/.test(path)) return markRead(entry);
				return error(404, 1006, `Unknown path: ${entry.method} ${path}`);
		}
	}

	/**
	 * GET /v1/media/{MediaId} (Bearer): the file itself, "use the -o parameter" (Meta On-Premises media reference;
	 * spec `DownloadMedia`), with its MIME type as Content-Type (GUESS: the spec names no header). An unknown id:
	 * 404 with code 1006 "Resource not found", as for any unknown resource.
	 */
	function downloadMedia(id) {
		const record = findInbound(sandbox, 'onPremises', id);
		if (!record) return error(404, 1006, `Media ${id} not found`);
		return { status: 200, headers: { 'content-type': record.mimeType, 'content-length': String(record.size) }, body: record.bytes };
	}

	function sentCount() {
		return sandbox.log.filter((e) => e.provider === 'onPremises' && e.path === '/v1/messages' && e.status === 200).length;
	}

	function login(entry) {
		if (entry.method !== 'POST') return error(404, 1006, 'Unknown path');
		const creds = basicAuth(entry);
		if (!creds) return error(401, 1005, 'Basic authentication required');
		if (creds.user !== state().username || creds.pass !== state().password) return error(401, 1005, 'Invalid credentials');
		if (isObject(entry.body) && entry.body.new_password !== undefined) {
			if (typeof entry.body.new_password !== 'string' || entry.body.new_password.length < 8) {
				return error(400, 1009, 'new_password must be a string of at least 8 characters');
			}
			state().password = entry.body.new_password;
		}
		const token = `${randomBytes(12).toString('base64url')}.${randomBytes(18).toString('base64url')}.${randomBytes(12).toString('base64url')}`;
		const expiresAt = Date.now() + sandbox.knobs.onPremises.tokenLifetimeMs;
		state().tokens[token] = { expiresAt, revoked: false };
		return ok({ users: [{ token, expires_after: formatExpiry(expiresAt) }] });
	}

	function contacts(entry) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body || body.contacts === undefined) return error(400, 1008, 'contacts is required');
		if (!Array.isArray(body.contacts) || body.contacts.some((c) => typeof c !== 'string')) {
			return error(400, 1009, 'contacts must be an array of strings');
		}
		if (body.contacts.length === 0) return error(400, 1009, 'contacts must not be empty');
		if (body.contacts.length > MAX_CONTACTS) return error(400, 1009, `Too many contacts: at most ${MAX_CONTACTS} per request`);
		const blocking = body.blocking === undefined ? 'no_wait' : body.blocking;
		if (blocking !== 'wait' && blocking !== 'no_wait') return error(400, 1009, 'blocking must be "wait" or "no_wait"');
		if (body.force_check !== undefined && typeof body.force_check !== 'boolean') return error(400, 1009, 'force_check must be a boolean');

		const allValid = versionAtLeast(sandbox.knobs.onPremises.version, 2, 43);
		const results = body.contacts.map((input) => {
			if (blocking === 'no_wait') return { input, status: 'processing' };
			const digits = digitsOf(input);
			if (allValid) return { input, status: 'valid', wa_id: digits.replace(/\D/g, '') || input };
			if (!/^\d{7,15}$/.test(digits) || !numberExists(digits)) return { input, status: 'invalid' };
			return { input, status: 'valid', wa_id: digits };
		});
		return ok({ contacts: results });
	}

	function messages(entry) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body) return error(400, 1008, 'Request body is required');
		if (typeof body.to !== 'string' || body.to === '') return error(400, 1008, 'Parameter "to" is missing');
		const recipientType = body.recipient_type ?? 'individual';
		if (recipientType !== 'individual' && recipientType !== 'group') return error(400, 1002, 'recipient_type must be individual or group');
		const type = body.type ?? 'text';
		if (type === 'text') {
			if (!isObject(body.text) || typeof body.text.body !== 'string' || body.text.body === '') return error(400, 1008, 'Parameter "text.body" is missing');
			if (body.text.body.length > 4096) return error(400, 1001, 'Message is longer than 4096 characters');
		} else if (type === 'template') {
			const t = body.template;
			if (!isObject(t)) return error(400, 1008, 'Parameter "template" is missing');
			for (const f of ['namespace', 'name']) if (typeof t[f] !== 'string' || t[f] === '') return error(400, 1008, `Parameter "template.${f}" is missing`);
			if (!isObject(t.language) || typeof t.language.code !== 'string') return error(400, 1008, 'Parameter "template.language.code" is missing');
			if (t.language.policy !== undefined && t.language.policy !== 'deterministic' && t.language.policy !== 'fallback') {
				return error(400, 1009, 'template.language.policy must be deterministic or fallback');
			}
			if (t.components !== undefined && !Array.isArray(t.components)) return error(400, 1009, 'template.components must be an array');
		} else if (type === 'hsm') {
			const h = body.hsm;
			if (!isObject(h)) return error(400, 1008, 'Parameter "hsm" is missing');
			for (const f of ['namespace', 'element_name']) if (typeof h[f] !== 'string' || h[f] === '') return error(400, 1008, `Parameter "hsm.${f}" is missing`);
			if (!isObject(h.language) || typeof h.language.code !== 'string') return error(400, 1008, 'Parameter "hsm.language.code" is missing');
			if (h.localizable_params !== undefined && !Array.isArray(h.localizable_params)) return error(400, 1009, 'hsm.localizable_params must be an array');
		} else if (MEDIA_TYPES.includes(type)) {
			const problem = mediaProblem(type, body[type]);
			if (problem) return problem;
		} else if (type === 'interactive') {
			const problem = interactiveProblem(body.interactive);
			if (problem) return error(400, 1009, problem);
		} else {
			return error(400, 1009, `Unsupported message type: ${String(type)}`);
		}
		if (recipientType === 'individual') {
			const digits = digitsOf(body.to);
			if (!/^\d{7,15}$/.test(digits) || !numberExists(digits)) return error(400, 1013, 'Recipient is not a valid WhatsApp user');
		}
		return ok({ messages: [{ id: `gBEG${randomBytes(18).toString('base64url')}` }] });
	}

	/**
	 * POST /v1/media: the body is the file's raw bytes, `Content-Type` its MIME type (onprem-openapi.yaml
	 * `UploadMedia`; Meta /v1/media page) → `{"media":[{"id":"f043afd0-…"}]}`. Per-type size limits as the Cloud
	 * API's (GUESS in the notes).
	 */
	function upload(entry, raw) {
		const contentType = String(entry.headers['content-type'] ?? '');
		// the log keeps a summary, not the bytes
		entry.body = { bytes: raw.length, contentType };
		const mime = baseType(contentType);
		if (!UPLOAD_TYPES.includes(mime)) return error(400, 1009, `Unsupported media type: ${contentType || 'none'}`);
		if (raw.length === 0) return error(400, 1008, 'The media file is empty');
		if (raw.length > MAX_UPLOAD) return error(400, 1009, `The media file is ${raw.length} bytes, over the 100 MB limit`);
		const kind = Object.keys(MEDIA_RULES).find((k) => MEDIA_RULES[k].types.includes(mime)) ?? 'document';
		if (raw.length > MEDIA_RULES[kind].maxBytes) {
			return error(400, 1009, `The media file is ${raw.length} bytes, over the ${formatBytes(MEDIA_RULES[kind].maxBytes)} limit for ${mime}`);
		}
		const record = storeUpload(state(), { bytes: raw, mimeType: contentType, via: 'POST /v1/media' });
		return ok({ media: [{ id: record.id }] });
	}

	/**
	 * A media object by `id` (uploaded here) or by HTTPS `link` (spec `ImageById`/`ImageByProvider`, `DocumentById`, …);
	 * `caption` on image, video and document, `filename` on documents only (Meta's examples; GUESS that others refuse).
	 */
	function mediaProblem(type, obj) {
		if (!isObject(obj)) return error(400, 1008, `Parameter "${type}" is missing`);
		const hasId = typeof obj.id === 'string' && obj.id !== '';
		const hasLink = typeof obj.link === 'string' && obj.link !== '';
		if (hasId === hasLink) return error(400, 1009, `${type} needs exactly one of id and link`);
		if (hasLink && !/^https:\/\/\S+$/.test(obj.link)) return error(400, 1009, `${type}.link must be an HTTPS URL`);
		if (hasId && !(state().uploads ?? {})[obj.id]) return error(404, 1006, `Media ${obj.id} not found`);
		if (obj.caption !== undefined && !['image', 'video', 'document'].includes(type)) return error(400, 1009, `${type} messages take no caption`);
		if (obj.filename !== undefined && type !== 'document') return error(400, 1009, `${type} messages take no filename`);
		return null;
	}

	/** PUT /v1/messages/{MessageID} `{"status":"read"}` (onprem-openapi.yaml `MarkMessageAsRead`) → 200. */
	function markRead(entry) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body || body.status !== 'read') return error(400, 1009, 'status must be "read"');
		state().read ??= [];
		state().read.push(decodeURIComponent(entry.path.split('/').pop() ?? ''));
		return ok({});
	}

	function patchSettings(entry) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body) return error(400, 1008, 'Request body is required');
		const s = state().settings;
		const w = body.webhooks;
		if (w !== undefined) {
			if (!isObject(w)) return error(400, 1009, 'webhooks must be an object');
			if (w.url !== undefined && w.url !== null && w.url !== '' && (typeof w.url !== 'string' || !/^https?:\/\/\S+$/.test(w.url))) {
				return error(400, 1009, 'webhooks.url is not a valid URL');
			}
			if (w.max_concurrent_requests !== undefined && ![6, 12, 18, 24].includes(w.max_concurrent_requests)) {
				return error(400, 1009, 'webhooks.max_concurrent_requests must be 6, 12, 18 or 24');
			}
			if (w.message !== undefined && !isObject(w.message)) return error(400, 1009, 'webhooks.message must be an object');
		}
		for (const key of ['callback_persist', 'sent_status', 'pass_through']) {
			if (body[key] !== undefined && typeof body[key] !== 'boolean') return error(400, 1009, `${key} must be a boolean`);
		}
		for (const [key, value] of Object.entries(body)) {
			if (key === 'webhooks') {
				if (value.url !== undefined) s.webhooks.url = value.url === '' ? null : value.url;
				if (value.max_concurrent_requests !== undefined) s.webhooks.max_concurrent_requests = value.max_concurrent_requests;
				if (value.message !== undefined) s.webhooks.message = { ...s.webhooks.message, ...value.message };
			} else {
				s[key] = value;
			}
		}
		return ok({});
	}

	return { handle, errorBody };
}

module.exports = { createOnPremises, formatExpiry, versionAtLeast };
