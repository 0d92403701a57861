// @ts-check
// Fake Meta WhatsApp Cloud API (graph.facebook.com): versioned Graph paths, Bearer tokens with WhatsApp scopes,
// Meta's `{error:{…}}` envelope, the WABA's numbers and templates with cursor paging, per-number webhook
// overrides verified by Meta's GET handshake, sends with the 24-hour window answered asynchronously, and media.
// Sources sit beside each behaviour; "GUESS" marks what the public sources do not state.
const { randomBytes } = require('node:crypto');
const { STATUS_CODES } = require('node:http');
const { schemeToken, isObject, header } = require('./server');
const { numberExists, digitsOf } = require('./numbers');
const { SCOPES, ERRORS, CODE_FOR_STATUS, servedVersion } = require('./cloudState');
const { parseMultipart, MultipartError } = require('./cloudMultipart');
const { UPLOAD_TYPES, MEDIA_RULES, ATTACHMENTS_PATH, baseType, kindOfMime, isAnimatedWebp, formatBytes, storeMedia, liveMedia, mediaUrl, checkMediaUrl } = require('./cloudMedia');
const { deliver, routeUrl, handshake, statusesValue, bsuidFor } = require('./cloudEvents');

const PAGE_DEFAULT = 25; // Meta spec GET /{WABA-ID}/phone_numbers: `limit` default 25, maximum 100
const PAGE_MAX = 100;
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/; // 360dialog "Usernames & BSUID": country code, period, ≤ 128 alphanumerics
const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template', 'reaction'];
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];

const fbtraceId = () => `A${randomBytes(16).toString('base64url').slice(0, 22)}`;

/**
 * Meta's error envelope (Meta spec `GraphAPIError`; pywa `WhatsAppError.from_dict` reads `error_data.details`):
 * `{error:{message, type, code, error_subcode?, error_data:{messaging_product, details}, fbtrace_id}}`.
 * WhatsApp and parameter errors read "(#<code>) <title>" (n8n `MessageFunctions.ts` strips that prefix); the
 * Graph token errors 104/190 and 2 carry a bare message (Meta spec 401/500 examples).
 */
function metaBody(code, opts = {}) {
	const known = ERRORS[code] ?? {};
	const title = opts.message ?? known.title ?? 'An unknown error has occurred.';
	const bare = [1, 2, 104, 190].includes(code) || opts.bare;
	/** @type {Record<string, any>} */
	const error = { message: bare ? title : `(#${code}) ${title}`, type: opts.type ?? known.type ?? 'OAuthException', code };
	if (opts.subcode !== undefined && opts.subcode !== null) error.error_subcode = opts.subcode;
	const details = opts.details !== undefined ? opts.details : known.details;
	if (details !== undefined && details !== null) error.error_data = { messaging_product: 'whatsapp', details };
	if (opts.isTransient !== undefined) error.is_transient = opts.isTransient;
	if (opts.userTitle) error.error_user_title = opts.userTitle;
	if (opts.userMsg) error.error_user_msg = opts.userMsg;
	error.fbtrace_id = fbtraceId();
	return { error };
}
const fail = (status, code, opts) => ({ status, body: metaBody(code, opts) });

/** Code 100, subcode 33 (Meta spec `GraphAPIError` example); the wording is Graph's usual one (GUESS). */
function unsupported(method, id) {
	return fail(400, 100, {
		message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
		subcode: 33,
		type: 'GraphMethodException',
		details: null,
	});
}

const missing = (name) => fail(400, 100, { message: `The parameter ${name} is required.`, details: null });
const invalid = (code, details) => fail(400, code, { details });

/** `{a:'1'}` from a JSON body or a form body (Graph accepts both; n8n posts subscriptions as a form). */
function bodyObject(entry) {
	if (isObject(entry.body)) return entry.body;
	if (typeof entry.body === 'string' && /x-www-form-urlencoded/i.test(String(header(entry, 'content-type') ?? ''))) {
		const out = {};
		for (const [k, v] of new URLSearchParams(entry.body)) {
			try {
				out[k] = /^\s*[{[]/.test(v) ? JSON.parse(v) : v;
			} catch {
				out[k] = v;
			}
		}
		return out;
	}
	return entry.body === undefined ? {} : null;
}

const encodeCursor = (i) => Buffer.from(`cursor:${i}`).toString('base64').replace(/=+$/, '');
function decodeCursor(c) {
	const m = /^cursor:(\d+)$/.exec(Buffer.from(String(c), 'base64').toString('utf8'));
	return m ? Number(m[1]) : null;
}

/** @param {any} sandbox */
function createCloud(sandbox) {
	const state = () => sandbox.state.cloud;
	const knobs = () => sandbox.knobs.cloud;

	// ── auth ───────────────────────────────────────────────────────────────
	/** Bearer header (Meta spec `bearerAuth`) or Graph's `access_token` query parameter. */
	function authenticate(entry) {
		const token = schemeToken(entry, 'Bearer') ?? (typeof entry.query.access_token === 'string' ? entry.query.access_token : null);
		// Meta spec getPhoneNumberById 401 examples: missing (104), invalid (190), expired (190/463)
		if (!token) return { reply: fail(401, 104) };
		const t = state().tokens[token];
		// no subcode for an unknown token: "if no subcode is present, the access token … is otherwise invalid"
		// (https://developers.facebook.com/docs/graph-api/guides/error-handling)
		if (!t) return { reply: fail(401, 190) };
		if (t.expired) return { reply: fail(401, 190, { subcode: 463, message: 'Error validating access token: Session has expired' }) };
		return { token, scopes: t.scopes };
	}

	/**
	 * Management calls (numbers, templates, subscribed_apps) need `whatsapp_business_management`: code 200, subcode
	 * 1349174 (Meta spec 403 examples of those paths). Sends and media need `whatsapp_business_messaging`: code 10
	 * "Permission Denied" (Graph error-handling guide; pywa `PermissionDenied`; the message text is a GUESS).
	 */
	function requireScope(auth, need) {
		if (need === 'either') {
			if (auth.scopes.includes(SCOPES.messaging) || auth.scopes.includes(SCOPES.management)) return null;
			return fail(403, 200, { subcode: 1349176 }); // Meta spec getPhoneNumberById 403 `missing_permissions`
		}
		if (auth.scopes.includes(need)) return null;
		if (need === SCOPES.management) {
			return fail(403, 200, {
				message: "Your app doesn't have permission to access this WhatsApp Business Account",
				subcode: 1349174,
				userTitle: 'Permission Denied',
				userMsg: "Your app doesn't have permission to access this resource",
			});
		}
		return fail(403, 10);
	}

	// ── routing ────────────────────────────────────────────────────────────
	async function handle(entry, raw) {
		const path = entry.path.replace(/\/+$/, '') || '/';
		if (path === ATTACHMENTS_PATH && entry.method === 'GET') return download(entry);
		const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
		const requested = parts[0] ?? '';
		// the version is the first segment, `^v[0-9]+\.[0-9]+$` (Meta spec `Version` path parameter); a path without
		// one is refused with the spec's own example (getPhoneNumberById 400 `invalid_version`)
		if (!/^v\d+\.\d+$/.test(requested)) return fail(400, 100, { message: "Invalid version format. Use format like 'v23.0'", details: null });
		const served = servedVersion(requested);
		if (!served) return fail(400, 100, { message: `Unknown Graph API version ${requested}`, details: null }); // GUESS: Graph's answer for a never-released version
		const result = await route(entry, parts.slice(1), raw, served);
		// every Graph answer names the version that served it (Meta spec response header `facebook-api-version`)
		return { ...result, headers: { ...(result.headers ?? {}), 'facebook-api-version': served } };
	}

	async function route(entry, parts, raw, version) {
		const auth = authenticate(entry);
		if (auth.reply) return auth.reply;
		const [id, edge, ...rest] = parts;
		if (!id || rest.length > 0) return unsupported(entry.method, parts.join('/'));
		const s = state();
		if (id === s.wabaId) return waba(entry, auth, edge, version);
		const number = s.numbers.find((n) => n.id === id);
		if (number) return phoneNumber(entry, auth, number, edge, raw);
		if (!edge && s.media[id]) return media(entry, auth, id);
		return unsupported(entry.method, id);
	}

	// ── WABA: numbers, templates, subscribed_apps ───────────────────────────
	function waba(entry, auth, edge, version) {
		const denied = requireScope(auth, SCOPES.management);
		if (denied) return denied;
		const s = state();
		if (!edge && entry.method === 'GET') return { status: 200, body: pickFields({ id: s.wabaId, name: s.wabaName, timezone_id: '1', message_template_namespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574' }, entry.query.fields, ['id', 'name']) };
		if (edge === 'phone_numbers' && entry.method === 'GET') {
			return page(entry, version, s.numbers.map((n) => numberView(n, entry.query.fields, ['id', 'display_phone_number', 'verified_name', 'quality_rating'])));
		}
		if (edge === 'message_templates' && entry.method === 'GET') return listTemplates(entry, version);
		if (edge === 'subscribed_apps') return subscribedApps(entry);
		return unsupported(entry.method, `${s.wabaId}/${edge ?? ''}`);
	}

	/** `fields=a,b`: those fields plus `id` (Graph always answers the id); unknown names are ignored (roughly honoured). */
	function pickFields(obj, fields, defaults) {
		const wanted = typeof fields === 'string' && fields.trim() ? fields.split(',').map((f) => f.trim()).filter(Boolean) : defaults;
		const out = {};
		for (const f of wanted) if (obj[f] !== undefined) out[f] = obj[f];
		if (obj.id !== undefined) out.id = obj.id;
		return out;
	}

	/**
	 * Reading a number's webhook layers. Public code reads `{"webhook_configuration":{"phone_number":"…",
	 * "whatsapp_business_account":"…","application":"…"},"id":"…"}`; a layer appears once set (GUESS: the exact
	 * shape — Meta's example was not retrieved). Verify tokens are never returned.
	 */
	function webhookConfiguration(n) {
		const s = state();
		const wc = {};
		if (s.numberOverrides[n.id]?.url) wc.phone_number = s.numberOverrides[n.id].url;
		if (s.wabaOverride?.url) wc.whatsapp_business_account = s.wabaOverride.url;
		if (knobs().callbackUrl) wc.application = knobs().callbackUrl;
		return wc;
	}

	function numberView(n, fields, defaults) {
		return pickFields({ ...n, webhook_configuration: webhookConfiguration(n) }, fields, defaults);
	}

	/**
	 * Graph cursor paging: `paging.cursors.{before,after}`, `next` only while more pages follow (Meta spec
	 * message_templates/phone_numbers examples; cloud-api notes §4). Graph writes the access token into the
	 * `next` link (GUESS from observed answers), so a client that echoes it leaks the token.
	 */
	function page(entry, version, items) {
		const q = entry.query;
		const limit = q.limit === undefined ? PAGE_DEFAULT : Number(q.limit);
		if (!Number.isInteger(limit) || limit < 1) return fail(400, 100, { message: 'Param limit must be a positive integer', details: null });
		const size = Math.min(limit, PAGE_MAX);
		let start = 0;
		let stop = size;
		if (q.after !== undefined && q.after !== '') {
			const at = decodeCursor(q.after);
			if (at === null) return fail(400, 100, { message: 'Invalid after cursor', details: null }); // GUESS wording
			start = at + 1;
			stop = start + size;
		} else if (q.before !== undefined && q.before !== '') {
			const at = decodeCursor(q.before);
			if (at === null) return fail(400, 100, { message: 'Invalid before cursor', details: null });
			start = Math.max(0, at - size);
			stop = at;
		}
		const data = items.slice(start, stop);
		const body = { data };
		if (data.length > 0) {
			const end = start + data.length - 1;
			body.paging = { cursors: { before: encodeCursor(start), after: encodeCursor(end) } };
			const link = (params) => {
				const u = new URL(`${sandbox.urls.cloud}/${version}/${entry.path.split('/').filter(Boolean).slice(1).join('/')}`);
				for (const [k, v] of Object.entries(q)) if (!['after', 'before'].includes(k) && typeof v === 'string') u.searchParams.set(k, v);
				u.searchParams.set('access_token', schemeToken(entry, 'Bearer') ?? String(q.access_token ?? ''));
				u.searchParams.set('limit', String(size));
				for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
				return u.toString();
			};
			if (end + 1 < items.length) body.paging.next = link({ after: encodeCursor(end) });
			if (start > 0) body.paging.previous = link({ before: encodeCursor(start) });
		} else {
			body.paging = { cursors: {} };
		}
		return { status: 200, body };
	}

	/** Filters `name`, `status`, `category`, `language` (pywa `get_templates`; only `name` is in the Meta spec). */
	function listTemplates(entry, version) {
		const q = entry.query;
		let list = state().templates;
		const eq = (field, key) => {
			const v = q[key];
			if (typeof v !== 'string' || v === '') return;
			const wanted = v.split(',').map((x) => x.trim().toUpperCase());
			list = list.filter((t) => wanted.includes(String(t[field]).toUpperCase()));
		};
		if (typeof q.name === 'string' && q.name) list = list.filter((t) => t.name.includes(q.name));
		eq('status', 'status');
		eq('category', 'category');
		eq('language', 'language');
		const defaults = ['name', 'parameter_format', 'components', 'language', 'status', 'category'];
		return page(entry, version, list.map((t) => pickFields(structuredClone(t), q.fields, defaults)));
	}

	/**
	 * GET/POST/DELETE /{waba}/subscribed_apps (Meta spec; pywa `set_waba_alternate_callback_url`,
	 * `delete_waba_alternate_callback_url`): POST without an override subscribes (and clears a WABA override),
	 * with `override_callback_uri` + `verify_token` it sets one after Meta's handshake; DELETE unsubscribes.
	 */
	async function subscribedApps(entry) {
		const s = state();
		const app = () => ({ whatsapp_business_api_data: { id: s.appId, link: `https://www.facebook.com/games/?app_id=${s.appId}`, name: s.appName } });
		if (entry.method === 'GET') {
			if (!s.subscribed) return { status: 200, body: { data: [] } };
			const item = app();
			if (s.wabaOverride?.url) item.override_callback_uri = s.wabaOverride.url;
			return { status: 200, body: { data: [item] } };
		}
		if (entry.method === 'DELETE') {
			s.subscribed = false;
			s.wabaOverride = null;
			return { status: 200, body: { success: true } };
		}
		if (entry.method !== 'POST') return unsupported(entry.method, `${s.wabaId}/subscribed_apps`);
		const body = bodyObject(entry);
		if (!body) return fail(400, 100, { message: 'Invalid request body', details: null });
		const uri = body.override_callback_uri;
		if (uri === undefined || uri === '') {
			s.subscribed = true;
			s.wabaOverride = null;
			return { status: 200, body: { success: true } };
		}
		const checked = await verifyOverride(uri, body.verify_token);
		if (checked) return checked;
		s.subscribed = true;
		s.wabaOverride = { url: uri, verifyToken: body.verify_token };
		return { status: 200, body: { success: true } };
	}

	/**
	 * Before Meta accepts an override it runs the GET handshake on it (cloud-api notes §8: integration note "Meta
	 * hace el handshake GET en ese momento"; whelx emulator; Meta's override page). Failure: code 2200, "(#2200)
	 * Callback verification failed with the following errors: HTTP Status Code = 404…" (fbsamples/
	 * original-coast-clothing issue 84; GUESS that overrides use the same code). The URI is at most 200
	 * characters (Meta "Webhook overrides", WABA scope; GUESS that numbers share the limit).
	 */
	async function verifyOverride(uri, verifyToken) {
		if (typeof uri !== 'string' || !/^https?:\/\/[^\s]+$/i.test(uri)) return fail(400, 100, { message: 'Invalid callback URI format', details: null }); // Meta spec subscribed_apps 400 example
		if (uri.length > 200) return fail(400, 100, { message: 'Param override_callback_uri must be at most 200 characters long', details: null });
		if (typeof verifyToken !== 'string' || verifyToken === '') return missing('verify_token');
		const r = await handshake(sandbox, { url: uri, verifyToken });
		if (r.ok) return null;
		let why;
		if (r.error) why = `curl_errno = 7; curl_error = ${r.error}; HTTP Status Code = 0`;
		else if (r.status !== 200) why = `HTTP Status Code = ${r.status}; HTTP Message = ${STATUS_CODES[r.status ?? 0] ?? 'Unknown'}`;
		// GUESS: the wording for a 200 whose body is not the challenge
		else why = `The URL couldn't be validated. Response does not match challenge, expected value="${r.challenge}", received="${String(r.body).slice(0, 100)}"`;
		return fail(400, 2200, { message: `Callback verification failed with the following errors: ${why}`, details: null });
	}

	// ── phone number: read, webhook override, messages, media upload ────────
	async function phoneNumber(entry, auth, n, edge, raw) {
		if (!edge) {
			if (entry.method === 'GET') {
				const denied = requireScope(auth, 'either');
				if (denied) return denied;
				// default fields id, display_phone_number, verified_name, quality_rating (Meta spec getPhoneNumberById)
				return { status: 200, body: numberView(n, entry.query.fields, ['id', 'display_phone_number', 'verified_name', 'quality_rating']) };
			}
			if (entry.method === 'POST') {
				const denied = requireScope(auth, SCOPES.management);
				if (denied) return denied;
				return updateNumber(entry, n);
			}
			return unsupported(entry.method, n.id);
		}
		if (edge === 'messages' && entry.method === 'POST') {
			const denied = requireScope(auth, SCOPES.messaging);
			if (denied) return denied;
			return messages(entry, n);
		}
		if (edge === 'media' && entry.method === 'POST') {
			const denied = requireScope(auth, SCOPES.messaging);
			if (denied) return denied;
			return upload(entry, n, raw);
		}
		return unsupported(entry.method, `${n.id}/${edge}`);
	}

	/**
	 * POST /{phone-number-id} `{webhook_configuration:{override_callback_uri, verify_token}}` (Meta spec
	 * `PhoneNumberStatusUpdateRequest`/`WebhookConfiguration`: `override_callback_uri` required, "can be empty
	 * string"; pywa `set_phone_alternate_callback_url`/`delete_phone_alternate_callback_url`). "Webhook
	 * subscription must exist before configuring callback URI overrides" (Meta spec updatePhoneNumberStatus);
	 * the error code for that case is a GUESS.
	 */
	async function updateNumber(entry, n) {
		const body = bodyObject(entry);
		if (!body) return fail(400, 100, { message: 'Invalid request body', details: null });
		const wc = body.webhook_configuration;
		if (wc === undefined) return missing('webhook_configuration'); // the sandbox models only the override
		if (!isObject(wc)) return fail(400, 100, { message: 'Param webhook_configuration must be an object', details: null });
		if (typeof wc.override_callback_uri !== 'string') return missing("webhook_configuration['override_callback_uri']");
		const s = state();
		if (!s.subscribed) {
			return fail(400, 100, { message: `The app ${s.appId} is not subscribed to the WhatsApp Business Account ${s.wabaId}: subscribe it with POST /${s.wabaId}/subscribed_apps before setting an override callback URI`, details: null });
		}
		if (wc.override_callback_uri === '') {
			delete s.numberOverrides[n.id];
			return { status: 200, body: { success: true } };
		}
		const checked = await verifyOverride(wc.override_callback_uri, wc.verify_token);
		if (checked) return checked;
		s.numberOverrides[n.id] = { url: wc.override_callback_uri, verifyToken: wc.verify_token };
		return { status: 200, body: { success: true } };
	}

	// ── messages ─────────────────────────────────────────────────────────
	function messages(entry, n) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body) return fail(400, 100, { message: 'Invalid request body: a JSON object is required', details: null });
		if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
		if (body.status !== undefined) return markRead(body);

		// recipient: `to` (phone, `+` accepted: Meta spec examples) or `recipient` (BSUID: pywa `send_message`);
		// with both, `to` takes precedence and the answer follows the phone path (dualhook "BSUID API changes")
		const recipientType = body.recipient_type ?? 'individual';
		if (recipientType !== 'individual' && recipientType !== 'group') return invalid(131009, 'recipient_type must be individual or group');
		let to = null;
		let userId = null;
		const group = recipientType === 'group';
		if (body.to !== undefined && body.to !== null && body.to !== '') {
			if (typeof body.to !== 'string') return invalid(131009, "Param 'to' must be a string");
			if (recipientType === 'individual') {
				const d = digitsOf(body.to);
				// GUESS: a BSUID belongs in `recipient`, not in `to` (pywa and Meta's BSUID page send it there)
				if (!/^\d{7,15}$/.test(d)) return invalid(131009, `Param 'to' is not a valid phone number: ${body.to.slice(0, 40)}`);
				to = d;
			} else {
				to = body.to;
			}
		} else if (body.recipient !== undefined) {
			if (typeof body.recipient !== 'string' || !BSUID.test(body.recipient)) return invalid(131009, "Param 'recipient' is not a valid business-scoped user ID");
			userId = body.recipient;
		} else {
			return missing('to');
		}
		if (to && to === digitsOf(n.display_phone_number)) return invalid(131021);

		const type = body.type ?? 'text';
		if (!MESSAGE_TYPES.includes(type)) return invalid(131009, `Param type must be one of {${MESSAGE_TYPES.join(', ')}}, got ${String(type)}`);
		const checked = validateMessage(type, body, n, userId);
		if (checked) return checked;

		const id = `wamid.HBgL${randomBytes(27).toString('base64')}`;
		state().sent.push({ id, phoneNumberId: n.id, to: to ?? userId, type, at: Date.now() });
		if (!group) scheduleOutcome(n, { id, to, userId, type });

		/** @type {Record<string, any>} */
		const contact = to !== null ? { input: body.to, wa_id: to } : { input: userId, user_id: userId };
		const message = { id };
		// `message_status` accepted|held_for_quality_assessment|paused (Meta spec `MessageStatus`); seen only on
		// template sends (whelx README), so only there
		if (type === 'template') message.message_status = 'accepted';
		return { status: 200, body: { messaging_product: 'whatsapp', contacts: [contact], messages: [message] } };
	}

	/**
	 * `{status:"read", message_id, typing_indicator?:{type:"text"}}` → `{success:true}` (Meta spec "Send typing
	 * indicator and read receipt"; Typing indicators page). GUESS: a message id that is not a wamid is refused
	 * like Meta's "(#100) Invalid parameter".
	 */
	function markRead(body) {
		if (body.status !== 'read') return invalid(131009, "Param status must be 'read'");
		if (typeof body.message_id !== 'string' || body.message_id === '') return missing('message_id');
		if (!body.message_id.startsWith('wamid.')) return fail(400, 100, { details: `Param message_id is not a valid message id: ${body.message_id.slice(0, 40)}` });
		if (body.typing_indicator !== undefined && (!isObject(body.typing_indicator) || body.typing_indicator.type !== 'text')) {
			return invalid(131009, "Param typing_indicator['type'] must be 'text'");
		}
		return { status: 200, body: { success: true } };
	}

	/** Length check in Meta's 131009 wording ("Body text length invalid. Min length: 1, Max length: 1024"). */
	function lengthError(label, value, max, min = 1) {
		if (typeof value !== 'string' || value.length < min || value.length > max) {
			return invalid(131009, `${label} length invalid. Min length: ${min}, Max length: ${max}`);
		}
		return null;
	}

	function validateMessage(type, body, n, userId) {
		const obj = body[type];
		if (type === 'text') {
			if (!isObject(obj) || obj.body === undefined) return missing("text['body']");
			// text.body ≤ 4096 (Meta spec `TextMessage`)
			return lengthError('Text body', obj.body, 4096);
		}
		if (MEDIA_TYPES.includes(type)) return validateMedia(type, obj, n, `${type}`);
		if (type === 'reaction') {
			if (!isObject(obj) || typeof obj.message_id !== 'string' || obj.message_id === '') return missing("reaction['message_id']");
			// an empty emoji removes the reaction (GUESS in the notes; pywa fixture `unreaction_empty`)
			if (typeof obj.emoji !== 'string') return missing("reaction['emoji']");
			return null;
		}
		if (type === 'location') {
			if (!isObject(obj) || typeof obj.latitude !== 'number' || typeof obj.longitude !== 'number') return missing("location['latitude'] and location['longitude']");
			return null;
		}
		if (type === 'contacts') {
			// contacts takes 1–5 items (cloud-api notes §3, Meta spec example)
			if (!Array.isArray(body.contacts) || body.contacts.length < 1 || body.contacts.length > 5) return invalid(131009, 'contacts must hold 1 to 5 items');
			return null;
		}
		if (type === 'interactive') return validateInteractive(obj, n);
		return validateTemplate(obj, n, userId);
	}

	/**
	 * A MediaObject: exactly one of `id`/`link`, links HTTP(S) only, `caption` ≤ 1024 (Meta spec `MediaObject`).
	 * The refusals read like Meta's: "(#100) Param video['id'] is not a valid whatsapp business account media
	 * attachment ID" and "… is not a valid URI." (the endings n8n `MessageFunctions.ts` maps). Captions only on
	 * image/video/document and filename only on document (Meta spec examples; sending them elsewhere is refused:
	 * GUESS, the notes say to send neither).
	 */
	function validateMedia(type, obj, n, label) {
		if (!isObject(obj)) return missing(label);
		const hasId = obj.id !== undefined && obj.id !== null && obj.id !== '';
		const hasLink = obj.link !== undefined && obj.link !== null && obj.link !== '';
		if (hasId === hasLink) return fail(400, 100, { message: `Param ${label} must contain exactly one of the keys {id, link}`, details: null });
		if (obj.caption !== undefined) {
			if (!['image', 'video', 'document'].includes(type)) return fail(400, 100, { message: `Param ${label}['caption'] is not supported for ${type} messages`, details: null });
			const tooLong = lengthError('Caption', obj.caption, 1024, 0);
			if (tooLong) return tooLong;
		}
		if (obj.filename !== undefined && type !== 'document') return fail(400, 100, { message: `Param ${label}['filename'] is not supported for ${type} messages`, details: null });
		if (hasLink) {
			let ok = false;
			try {
				ok = ['http:', 'https:'].includes(new URL(String(obj.link)).protocol);
			} catch {
				ok = false;
			}
			if (!ok) return fail(400, 100, { message: `Param ${label}['link'] is not a valid URI.`, details: null });
			return null;
		}
		const record = liveMedia(state(), obj.id);
		// media ids are tied to the number that uploaded them (a webhook media id belongs to the number it came to)
		if (!record || record.phoneNumberId !== n.id) return fail(400, 100, { message: `Param ${label}['id'] is not a valid whatsapp business account media attachment ID`, details: null });
		const rules = MEDIA_RULES[type];
		const mime = baseType(record.mimeType);
		if (type !== 'document' && !rules.types.includes(mime)) {
			return fail(400, 131053, { details: `Media ${record.id} is ${mime}, which cannot be sent as ${type} (allowed: ${rules.types.join(', ')})` });
		}
		// stickers: 100 KB static, 500 KB animated (Meta "Supported media types")
		if (type === 'sticker' && !isAnimatedWebp(record.bytes) && record.fileSize > (rules.staticMaxBytes ?? rules.maxBytes)) {
			return fail(400, 131053, { details: `Static sticker is ${record.fileSize} bytes; the limit for a static sticker is ${formatBytes(rules.staticMaxBytes)}` });
		}
		return null;
	}

	/**
	 * Interactive limits (Meta spec `InteractiveObject`; cloud-api notes §3): body ≤ 1024; reply buttons 1–3,
	 * title ≤ 20, id ≤ 256; header text ≤ 60; lists: button ≤ 20, ≤ 10 sections, "up to 10 rows for all sections
	 * combined" (Meta interactive-list-messages page), row title ≤ 24, description ≤ 72, id ≤ 200; cta_url
	 * display_text ≤ 20. Refusals use 131009 with Meta's "… length invalid. Min length: …, Max length: …" details.
	 */
	function validateInteractive(i, n) {
		if (!isObject(i)) return missing('interactive');
		const kinds = ['button', 'list', 'cta_url', 'product', 'product_list', 'catalog_message', 'flow', 'call_permission_request', 'location_request_message'];
		if (!kinds.includes(i.type)) return invalid(131009, `Interactive type must be one of {${kinds.join(', ')}}`);
		if (!['button', 'list', 'cta_url'].includes(i.type)) return null;
		if (!isObject(i.body)) return missing("interactive['body']");
		const bodyLen = lengthError('Body text', i.body.text, 1024);
		if (bodyLen) return bodyLen;
		if (i.header !== undefined) {
			if (!isObject(i.header)) return invalid(131009, 'Header must be an object');
			if (i.header.type === 'text') {
				const h = lengthError('Header text', i.header.text, 60);
				if (h) return h;
			} else if (['image', 'video', 'document'].includes(i.header.type) && i.type !== 'list') {
				// list headers are text only (Meta interactive-list-messages page, request syntax)
				const m = validateMedia(i.header.type, i.header[i.header.type], n, `interactive['header']['${i.header.type}']`);
				if (m) return m;
			} else {
				return invalid(131009, `Header type ${String(i.header.type)} is not supported for ${i.type} messages`);
			}
		}
		const action = i.action;
		if (!isObject(action)) return missing("interactive['action']");
		if (i.type === 'button') {
			const buttons = action.buttons;
			if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return invalid(131009, 'Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3');
			const ids = new Set();
			for (const b of buttons) {
				if (!isObject(b) || b.type !== 'reply' || !isObject(b.reply)) return invalid(131009, "Button type must be 'reply' with a reply object");
				const t = lengthError('Button title', b.reply.title, 20);
				if (t) return t;
				const d = lengthError('Button id', b.reply.id, 256);
				if (d) return d;
				if (ids.has(b.reply.id)) return invalid(131009, 'Button id is not unique'); // GUESS wording
				ids.add(b.reply.id);
			}
			return null;
		}
		if (i.type === 'list') {
			const btn = lengthError('Button text', action.button, 20);
			if (btn) return btn;
			const sections = action.sections;
			if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) return invalid(131009, 'Invalid sections count. Min allowed sections: 1, Max allowed sections: 10');
			let rows = 0;
			for (const section of sections) {
				if (!isObject(section) || !Array.isArray(section.rows) || section.rows.length < 1) return invalid(131009, 'Each section needs at least one row');
				for (const row of section.rows) {
					rows += 1;
					if (!isObject(row)) return invalid(131009, 'Row must be an object');
					const t = lengthError('Row title', row.title, 24);
					if (t) return t;
					const d = lengthError('Row id', row.id, 200);
					if (d) return d;
					if (row.description !== undefined) {
						const desc = lengthError('Row description', row.description, 72, 0);
						if (desc) return desc;
					}
				}
			}
			if (rows > 10) return invalid(131009, 'Invalid rows count. Min allowed rows: 1, Max allowed rows: 10');
			return null;
		}
		// cta_url (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages)
		if (action.name !== 'cta_url' || !isObject(action.parameters)) return missing("interactive['action']['parameters']");
		const dt = lengthError('Display text', action.parameters.display_text, 20);
		if (dt) return dt;
		try {
			if (!['http:', 'https:'].includes(new URL(String(action.parameters.url)).protocol)) throw new Error('scheme');
		} catch {
			return fail(400, 100, { message: "Param interactive['action']['parameters']['url'] is not a valid URI.", details: null });
		}
		return null;
	}

	/**
	 * Template sends, checked against the WABA's templates. Unknown name/language or not approved → 132001
	 * ("does not exist in the specified language or … has not been approved"), PAUSED → 132015, DISABLED →
	 * 132016, parameter count mismatch → 132000, a header parameter of the wrong format → 132012 (pywa
	 * `errors.py`; Meta error codes). NAMED templates need `parameter_name` on each parameter (pywa
	 * `types/templates.py`). Button `index` may be a string or a number and `sub_type` any case (Meta spec
	 * examples vs pywa). Authentication templates need a phone number (dualhook "BSUID API changes": 131062).
	 */
	function validateTemplate(t, n, userId) {
		if (!isObject(t)) return missing('template');
		if (typeof t.name !== 'string' || t.name === '') return missing("template['name']");
		if (!isObject(t.language) || typeof t.language.code !== 'string' || t.language.code === '') return missing("template['language']['code']");
		if (t.language.policy !== undefined && t.language.policy !== 'deterministic') return invalid(131009, "template['language']['policy'] must be 'deterministic'");
		const found = state().templates.find((x) => x.name === t.name && x.language === t.language.code);
		if (!found || ['PENDING', 'REJECTED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED'].includes(found.status)) {
			return fail(400, 132001, { details: `template name (${t.name}) does not exist in ${t.language.code}` });
		}
		if (found.status === 'PAUSED') return fail(400, 132015);
		if (found.status === 'DISABLED') return fail(400, 132016);
		if (userId && found.category === 'AUTHENTICATION') return fail(400, 131062);
		if (t.components !== undefined && !Array.isArray(t.components)) return invalid(131009, "template['components'] must be an array");
		const given = (t.components ?? []).filter(isObject);
		const ofType = (type) => given.filter((c) => String(c.type).toLowerCase() === type);
		const named = found.parameter_format === 'NAMED';
		const placeholders = (text) => [...String(text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);

		// header
		const header = found.components.find((c) => c.type === 'HEADER');
		const headerParams = ofType('header').flatMap((c) => (Array.isArray(c.parameters) ? c.parameters : []));
		if (header && header.format !== 'TEXT') {
			const want = header.format.toLowerCase();
			if (headerParams.length !== 1) return fail(400, 132000, { details: `header: number of parameters (${headerParams.length}) does not match the expected number of params (1)` });
			const p = headerParams[0];
			if (!isObject(p) || p.type !== want) return fail(400, 132012, { details: `header: Format mismatch, expected ${header.format}, received ${String(p && p.type).toUpperCase()}` });
			if (['image', 'video', 'document'].includes(want)) {
				const m = validateMedia(want, p[want], n, `template['components'][0]['parameters'][0]['${want}']`);
				if (m) return m;
			}
		} else {
			const expected = header ? placeholders(header.text) : [];
			const r = checkTextParams('header', headerParams, expected, named);
			if (r) return r;
		}

		// body
		const bodyComp = found.components.find((c) => c.type === 'BODY');
		const r = checkTextParams('body', ofType('body').flatMap((c) => (Array.isArray(c.parameters) ? c.parameters : [])), placeholders(bodyComp?.text), named);
		if (r) return r;

		// buttons: dynamic URL suffixes and copy codes need a parameter at their index
		const buttons = found.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];
		const sent = ofType('button');
		for (const b of sent) {
			const index = Number(b.index);
			const def = buttons[index];
			const sub = String(b.sub_type ?? '').toLowerCase();
			if (!Number.isInteger(index) || !def) return invalid(131009, `button at index ${String(b.index)} does not exist in the template`);
			const expectedSub = { QUICK_REPLY: 'quick_reply', URL: 'url', COPY_CODE: 'copy_code', FLOW: 'flow' }[def.type];
			if (sub !== expectedSub) return invalid(131009, `button at index ${index} is ${def.type}, not ${sub || 'missing sub_type'}`);
		}
		for (let i = 0; i < buttons.length; i++) {
			const def = buttons[i];
			const c = sent.find((b) => Number(b.index) === i);
			const params = c && Array.isArray(c.parameters) ? c.parameters : [];
			if (def.type === 'URL' && /\{\{/.test(def.url ?? '')) {
				if (params.length !== 1 || params[0]?.type !== 'text' || typeof params[0].text !== 'string') {
					return fail(400, 132000, { details: `button ${i}: number of parameters (${params.length}) does not match the expected number of params (1)` });
				}
			}
			if (def.type === 'COPY_CODE' && (params.length !== 1 || params[0]?.type !== 'coupon_code' || typeof params[0].coupon_code !== 'string')) {
				return fail(400, 132000, { details: `button ${i}: a copy code button needs one coupon_code parameter` });
			}
			if (def.type === 'QUICK_REPLY' && params.some((p) => !isObject(p) || p.type !== 'payload')) return fail(400, 132012, { details: `button ${i}: quick reply parameters must be of type payload` });
		}
		return null;
	}

	function checkTextParams(where, params, expected, named) {
		const uniq = [...new Set(expected)];
		if (params.length !== uniq.length) {
			return fail(400, 132000, { details: `${where}: number of localizable_params (${params.length}) does not match the expected number of params (${uniq.length})` });
		}
		const TEXT_TYPES = ['text', 'currency', 'date_time'];
		for (const p of params) {
			if (!isObject(p) || !TEXT_TYPES.includes(p.type)) return fail(400, 132012, { details: `${where}: parameter type must be text, currency or date_time` });
			if (p.type === 'text' && (typeof p.text !== 'string' || p.text === '')) return missing(`${where} parameter text`);
		}
		if (named) {
			const names = params.map((p) => p.parameter_name);
			if (names.some((x) => typeof x !== 'string' || x === '')) return fail(400, 100, { message: 'Invalid parameter', details: `${where}: every parameter of a NAMED template needs parameter_name` });
			const missingNames = uniq.filter((x) => !names.includes(x));
			if (missingNames.length > 0) return fail(400, 132000, { details: `${where}: missing parameters ${missingNames.join(', ')}; got ${names.join(', ')}` });
		}
		return null;
	}

	/**
	 * 200 means accepted, not delivered: some failures come only as a `statuses[]` webhook (cloud-api notes §3;
	 * Meta error-codes page "returned … asynchronously via Webhook"). Not on WhatsApp (the sandbox rule: last
	 * digit 0 or 5) → failed 131026 (notes §5); a free-form (non-template) message to a user who has not written
	 * to this number within the window → failed 131047 (pywa `ReEngagementMessage`). Delivered to the URL Meta
	 * would use, signed, after `callbackDelayMs`.
	 */
	function scheduleOutcome(n, sent) {
		const s = state();
		let code = null;
		if (sent.to && !numberExists(sent.to)) code = 131026;
		else if (sent.type !== 'template') {
			const last = s.lastInbound[n.id]?.[sent.to ?? sent.userId] ?? (sent.to ? s.lastInbound[n.id]?.[bsuidFor(sent.to)] : undefined) ?? 0;
			if (Date.now() - last > knobs().serviceWindowMs) code = 131047;
		}
		if (code === null) return;
		const url = routeUrl(sandbox, n.id);
		const value = statusesValue({ status: 'failed', messageId: sent.id, recipientId: sent.to ?? null, recipientUserId: sent.userId ?? undefined, errorCode: code }, n);
		const body = { object: 'whatsapp_business_account', entry: [{ id: s.wabaId, changes: [{ value, field: 'messages' }] }] };
		const record = { url, reason: code, messageId: sent.id, body, status: null, error: null };
		s.deliveries.push(record);
		if (!url) return;
		sandbox.later(knobs().callbackDelayMs, async () => {
			try {
				const res = await deliver(sandbox, url, body);
				record.status = res.status;
			} catch (error) {
				record.error = String(error && error.message);
			}
		});
	}

	// ── media ──────────────────────────────────────────────────────────────
	/**
	 * POST /{phone-number-id}/media, multipart: `file` (bytes, filename, content type), `type`, `messaging_product`
	 * (Meta spec `uploadImage`; pywa `upload_media`). Meta takes the file part's own content type: setting `type`
	 * does not fix an `application/octet-stream` part (MissaelAnda/laravel-whatsapp issue 4), and n8n sends no
	 * `type` at all (`MediaFunctions.ts`). Over the size limit: HTTP 400 (handley-lab/mcp-handley-lab PR 284);
	 * the code 131053 "Media upload error" is a GUESS.
	 */
	function upload(entry, n, raw) {
		let form;
		try {
			form = parseMultipart(raw, header(entry, 'content-type'));
		} catch (error) {
			if (!(error instanceof MultipartError)) throw error;
			entry.body = { multipart: 'unparsable', bytes: raw.length };
			return fail(400, 100, { message: `Invalid multipart body: ${error.message}`, details: null });
		}
		const file = form.files.find((f) => f.name === 'file');
		// the log keeps a summary instead of the decoded bytes
		entry.body = { ...form.fields, file: file ? { filename: file.filename, contentType: file.contentType, size: file.data.length } : undefined };
		if (form.fields.messaging_product !== 'whatsapp') return missing('messaging_product');
		if (!file) return missing('file');
		const mime = baseType(file.contentType);
		if (!UPLOAD_TYPES.includes(mime)) {
			return fail(400, 100, { message: `Param file must be a file with one of the following types: ${UPLOAD_TYPES.join(', ')}. Received file of type '${file.contentType}'.`, details: null });
		}
		if (file.data.length === 0) return fail(400, 131053, { details: 'The uploaded file is empty' });
		const kind = kindOfMime(mime);
		const rules = MEDIA_RULES[kind ?? 'document'];
		if (file.data.length > rules.maxBytes) {
			return fail(400, 131053, { details: `File size ${file.data.length} bytes exceeds the ${formatBytes(rules.maxBytes)} limit for ${mime} (${kind})` });
		}
		const record = storeMedia(state(), { bytes: file.data, mimeType: file.contentType, filename: file.filename, phoneNumberId: n.id, source: 'upload' });
		return { status: 200, body: { id: record.id } };
	}

	/**
	 * GET /{media-id} → `{url, mime_type, sha256, file_size, id, messaging_product}`; DELETE → `{success:true}`;
	 * `?phone_number_id=` checks ownership (Meta spec `retrieveMediaUrl`/`deleteMedia`). `file_size` is a
	 * string in the Meta spec and a number in pywa/n8n: knob `fileSizeAsString` picks. `sha256` is hex here
	 * (pywa docstring example), base64 in webhooks (Meta spec example).
	 */
	function media(entry, auth, id) {
		const denied = requireScope(auth, SCOPES.messaging);
		if (denied) return denied;
		const record = liveMedia(state(), id);
		if (!record) return unsupported(entry.method, id);
		const pid = entry.query.phone_number_id;
		if (typeof pid === 'string' && pid !== record.phoneNumberId) {
			return fail(400, 100, { message: `Media ${id} does not belong to phone number ${pid}`, details: null }); // GUESS wording
		}
		if (entry.method === 'GET') {
			return {
				status: 200,
				body: {
					url: mediaUrl(sandbox.urls.cloud, record, knobs().mediaUrlLifetimeMs),
					mime_type: record.mimeType,
					sha256: record.sha256,
					file_size: knobs().fileSizeAsString ? String(record.fileSize) : record.fileSize,
					id: record.id,
					messaging_product: 'whatsapp',
				},
			};
		}
		if (entry.method === 'DELETE') {
			record.deleted = true;
			return { status: 200, body: { success: true } };
		}
		return unsupported(entry.method, id);
	}

	/**
	 * GET <url>: needs the same Bearer token ("performing a generic GET will not return the media; you must include
	 * an access token", Meta spec `retrieveMediaUrl`); bytes with their Content-Type. An expired or tampered URL:
	 * 404 (GUESS; clients re-fetch the URL on 401/404).
	 */
	function download(entry) {
		const auth = authenticate(entry);
		if (auth.reply) return auth.reply;
		const denied = requireScope(auth, SCOPES.messaging);
		if (denied) return denied;
		const check = checkMediaUrl(entry.query);
		if (!check.ok) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `URL ${check.reason}` };
		const record = liveMedia(state(), check.mid);
		if (!record) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'media not found' };
		return { status: 200, headers: { 'content-type': record.mimeType, 'content-length': String(record.fileSize) }, body: record.bytes };
	}

	// ── knobs in Meta's form ───────────────────────────────────────────────
	/**
	 * A fault `{kind:'status', status, code?, subcode?, message?, details?}`: the Meta `code` defaults by HTTP status
	 * (Meta spec examples: 400→100, 401→190, 403→200, 404→803, 429→4, 5xx→2).
	 */
	function errorBody(status, message, fault) {
		const f = fault ?? {};
		const code = f.code ?? CODE_FOR_STATUS[status] ?? 1;
		// without a fault this is the sandbox's own crash: keep its message in the details
		const details = f.details ?? (fault ? undefined : `sandbox error: ${message}`);
		return metaBody(code, { subcode: f.subcode, message: f.message, details, isTransient: status >= 500 || [4, 80007, 130429, 131056].includes(code) ? true : undefined });
	}

	/**
	 * The rate-limit knob in Meta's form. Sends over the number's throughput get 130429 "Rate limit hit" with
	 * HTTP 400 (Meta error-codes table, as quoted by heltar.com "Error Code 130429 … comes with a 400 Bad Request
	 * status"; `rateLimit.status` may pick 429); other Graph calls get 80007 with HTTP 429 (Meta spec 429
	 * `business_rate_limit` example). No Retry-After unless the knob sets `retryAfterSeconds` (Graph signals
	 * backoff in `x-business-use-case-usage`, Meta spec response headers).
	 */
	function rateLimitReply(entry, retryAfter, k) {
		/** @type {Record<string, string>} */
		const headers = {};
		if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
		const isSend = /\/messages\/?$/.test(entry.path);
		if (isSend) return { status: k.rateLimit.status ?? 400, headers, body: metaBody(130429, { isTransient: true }) };
		return { status: k.rateLimit.status ?? 429, headers, body: metaBody(80007, { message: 'Business request limit reached for WhatsApp Business Account', subcode: 2446079, isTransient: true, details: null }) };
	}

	return { handle, errorBody, rateLimitReply };
}

module.exports = { createCloud, metaBody };
