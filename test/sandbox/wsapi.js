// @ts-check
// Fake WSAPI (v2): instance endpoints with X-Api-Key + X-Instance-Id, hosted `/account/instances…` with the
// customer key, self-hosted `/admin/instances…` with the admin key, errors `{status, detail}`.
// Shapes follow test/sandbox/specs/wsapi-hosted-account-api.yml (Account*) and test/sandbox/specs/wsapi-api.yml
// (Instance*); behaviour follows the open-source server, wsapi-chat/wsapi-app @d40e5c5 (files named below).
const { randomBytes } = require('node:crypto');
const { header, isObject } = require('./server');
const { numberExists } = require('./numbers');
const { storeUpload, decodeBase64 } = require('./uploads');

// internal/whatsapp/mediaurl.go maxDownloadSize
const MAX_URL_MEDIA = 50 * 1024 * 1024;
const { findInbound } = require('./inboundMedia');

const PHONE = /^\+?\d{7,15}$/;
// Servers whatsmeow sends to (tulir/whatsmeow send.go@33cfac5 SendMessage): users (`s.whatsapp.net`, `lid`,
// `bot`), groups and broadcast lists (`g.us`, `broadcast`), channels (`newsletter`); any other server fails with
// ErrUnknownServer "can't send message to unknown server".
const SENDABLE_SERVERS = ['s.whatsapp.net', 'lid', 'bot', 'g.us', 'broadcast', 'newsletter'];
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
		// internal/server/middleware/instance.go InstanceAuth: `expectedKey != "" && token != expectedKey` → 401;
		// an instance whose key is empty answers any key.
		if (instance.apiKey !== '' && header(entry, 'x-api-key') !== instance.apiKey) return fail(401, 'unauthorized');

		const route = `${entry.method} ${path}`;
		if (route === 'GET /session/status') {
			const isPaired = paired(instance);
			return { status: 200, body: { isConnected: true, isLoggedIn: isPaired, deviceId: isPaired ? instance.deviceId : '' } };
		}
		// Every route outside /session runs behind RequirePaired (cmd/server/main.go), before the body is read.
		if (!paired(instance)) return fail(409, 'device not paired');
		if (route === 'POST /messages/text') return sendText(entry, instance);
		if (route === 'GET /media/download') return downloadMedia(entry);
		if (route === 'POST /users/check') return bulkCheck(entry, instance);
		const mediaRoute = /^\/messages\/(image|video|audio|voice|document|sticker)$/.exec(path);
		if (mediaRoute && entry.method === 'POST') return sendMedia(entry, instance, mediaRoute[1]);
		const onMessage = /^\/messages\/([^/]+)\/(read|reaction)$/.exec(path);
		if (onMessage && entry.method === 'POST') return onMessage[2] === 'read' ? markRead(entry, decodeURIComponent(onMessage[1])) : react(entry, instance, decodeURIComponent(onMessage[1]));
		const presence = /^\/chats\/([^/]+)\/presence$/.exec(path);
		if (presence && entry.method === 'PUT') return setPresence(entry, decodeURIComponent(presence[1]));
		const check = /^\/users\/([^/]+)\/check$/.exec(path);
		if (check && entry.method === 'GET') {
			const phone = decodeURIComponent(check[1]);
			if (!PHONE.test(phone)) return fail(400, 'invalid phone number format');
			return { status: 200, body: { isInWhatsApp: numberExists(phone) } };
		}
		return fail(404, 'not found');
	}

	/**
	 * internal/handler/message.go SendText: `to` and `text` are required (go-playground validation), then
	 * internal/whatsapp/jid.go FormatRecipient: a leading `+` is stripped, a value without `@` becomes
	 * `<value>@s.whatsapp.net`, anything else is parsed as a JID as it is (so `…@lid` goes to exactly that LID).
	 */
	function sendText(entry, instance) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body) return fail(400, 'invalid request body: json: cannot unmarshal into Go value of type handler.SendTextRequest');
		for (const [field, name] of [['to', 'To'], ['text', 'Text']]) {
			if (body[field] !== undefined && typeof body[field] !== 'string') {
				return fail(400, `invalid request body: json: cannot unmarshal ${typeof body[field]} into Go struct field SendTextRequest.${field} of type string`);
			}
			if (!body[field]) return fail(400, `validation error: Key: 'SendTextRequest.${name}' Error:Field validation for '${name}' failed on the 'required' tag`);
		}
		const to = body.to.replace(/^\+/, '');
		const jid = to.includes('@') ? to : `${to}@s.whatsapp.net`;
		const [user, server] = jid.split('@');
		if (!SENDABLE_SERVERS.includes(server)) return fail(400, `can't send message to unknown server ${server}`);
		// A user part that is no number cannot be looked up (GUESS: whatsmeow's usync fails; the handler maps
		// that to 400).
		if (server !== 'newsletter' && !/^[\d-]+(:\d+)?$/.test(user)) return fail(400, `failed to get device list: invalid user ${user}`);
		const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
		state().sent.push({ instanceId: instance.id, to: body.to, jid, text: body.text, id });
		return { status: 201, body: { id } };
	}

	/** go-playground's `required` refusal as the handler words it (internal/handler/handler.go Decode). */
	const required = (type, name) => fail(400, `validation error: Key: '${type}.${name}' Error:Field validation for '${name}' failed on the 'required' tag`);

	/**
	 * POST /messages/{image|video|audio|voice|document|sticker} (internal/handler/message.go): `to` required,
	 * documents also `filename`; exactly one of `data` (base64.StdEncoding) or `url` ("provide either data or url,
	 * not both" / "either data or url is required", MediaData.resolveData); a `url` over 50 MB is refused
	 * (mediaurl.go; the sandbox does not download it). 201 `{id}` (spec `Created`). Received files are kept with
	 * their sha256.
	 */
	function sendMedia(entry, instance, kind) {
		const body = isObject(entry.body) ? entry.body : null;
		const type = kind === 'document' ? 'SendDocumentRequest' : kind === 'sticker' ? 'SendStickerRequest' : 'SendMediaRequest';
		if (!body) return fail(400, `invalid request body: json: cannot unmarshal into Go value of type handler.${type}`);
		if (!body.to) return required(type, 'To');
		if (kind === 'document' && !body.filename) return required(type, 'Filename');
		const hasData = typeof body.data === 'string' && body.data !== '';
		const hasUrl = typeof body.url === 'string' && body.url !== '';
		if (hasData && hasUrl) return fail(400, 'provide either data or url, not both');
		if (!hasData && !hasUrl) return fail(400, 'either data or url is required');
		if (hasData) {
			const bytes = decodeBase64(body.data);
			if (!bytes) return fail(400, 'illegal base64 data at input byte 0');
			const record = storeUpload(state(), { bytes, mimeType: body.mimeType ?? null, filename: body.filename ?? null, via: `POST /messages/${kind}` });
			entry.body = { ...body, data: { bytes: record.size, sha256: record.sha256 } };
		} else if (!/^https?:\/\/\S+$/.test(body.url)) {
			return fail(400, `validation error: Key: '${type}.MediaData.URL' Error:Field validation for 'URL' failed on the 'url' tag`);
		}
		const to = String(body.to).replace(/^\+/, '');
		const jid = to.includes('@') ? to : `${to}@s.whatsapp.net`;
		if (!SENDABLE_SERVERS.includes(jid.split('@')[1])) return fail(400, `can't send message to unknown server ${jid.split('@')[1]}`);
		const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
		state().sent.push({ instanceId: instance.id, to: body.to, jid, media: kind, id, url: hasUrl ? body.url : undefined, maxUrlBytes: MAX_URL_MEDIA });
		return { status: 201, body: { id } };
	}

	/** POST /messages/{id}/read: chatId, senderId, receiptType ∈ delivered|sender|read|played, all required → 204. */
	function markRead(entry, messageId) {
		const body = isObject(entry.body) ? entry.body : {};
		for (const [field, name] of [['chatId', 'ChatID'], ['senderId', 'SenderID'], ['receiptType', 'ReceiptType']]) {
			if (!body[field]) return required('MarkAsReadRequest', name);
		}
		if (!['delivered', 'sender', 'read', 'played'].includes(body.receiptType)) {
			return fail(400, "validation error: Key: 'MarkAsReadRequest.ReceiptType' Error:Field validation for 'ReceiptType' failed on the 'oneof' tag");
		}
		(state().read ??= []).push({ messageId, ...body });
		return { status: 204 };
	}

	/** POST /messages/{id}/reaction: `to` required, `senderId` optional, `reaction` ('' removes) → 200 `{id}`. */
	function react(entry, instance, messageId) {
		const body = isObject(entry.body) ? entry.body : {};
		if (!body.to) return required('SendReactionRequest', 'To');
		if (typeof body.reaction !== 'string') return fail(400, 'invalid request body: reaction must be a string');
		const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
		(state().reactions ??= []).push({ instanceId: instance.id, messageId, ...body, id });
		return { status: 200, body: { id } };
	}

	/** PUT /chats/{chatId}/presence `{state: typing|paused|recording}` (spec `SetPresenceRequest`) → 204. */
	function setPresence(entry, chatId) {
		const body = isObject(entry.body) ? entry.body : {};
		if (!['typing', 'paused', 'recording'].includes(body.state)) {
			return fail(400, "validation error: Key: 'SetPresenceRequest.State' Error:Field validation for 'State' failed on the 'oneof' tag");
		}
		(state().presence ??= []).push({ chatId, state: body.state });
		return { status: 204 };
	}

	/**
	 * GET /media/download?id=<media.id>: the raw bytes with Content-Type, Content-Length and `Content-Disposition:
	 * attachment; filename="…"` (wsapi-api.yml `downloadMedia`; internal/handler/media.go). The id decodes to what to
	 * fetch (internal/event/media_id.go). Over `WSAPI_MEDIA_MAX_FILE_SIZE` (default 100MB, internal/config/config.go;
	 * knob `mediaMaxBytes`): 413 (internal/handler/handler.go). A missing id or one that does not decode: 400
	 * (GUESS: the wording).
	 */
	function downloadMedia(entry) {
		const id = typeof entry.query.id === 'string' ? entry.query.id : '';
		if (!id) return fail(400, 'missing media id');
		const record = findInbound(sandbox, 'wsapi', id);
		if (!record) return fail(400, 'invalid media id');
		const max = sandbox.knobs.wsapi.mediaMaxBytes;
		if (record.size > max) return fail(413, `media exceeds the maximum size of ${max} bytes`);
		// a file WhatsApp names no name for: the header without one (GUESS)
		const disposition = record.filename ? `attachment; filename="${record.filename}"` : 'attachment';
		return {
			status: 200,
			headers: { 'content-type': record.mimeType, 'content-length': String(record.size), 'content-disposition': disposition },
			body: record.bytes,
		};
	}

	function bulkCheck(entry, instance) {
		const body = isObject(entry.body) ? entry.body : null;
		if (!body || !Array.isArray(body.phones) || body.phones.length === 0) return fail(400, 'phones must be a non-empty array');
		if (body.phones.length > MAX_BULK) return fail(400, `at most ${MAX_BULK} phones per request`);
		const bad = body.phones.find((p) => typeof p !== 'string' || !PHONE.test(p));
		if (bad !== undefined) return fail(400, `invalid phone number: ${String(bad)}`);
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

	/** System events always pass and are stripped from the filter list (internal/event/constants.go StripSystemEvents). */
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
						eventFilters: [...(instance.eventFilters ?? [])],
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
	/**
	 * The InstanceConfig as the server serialises it (internal/config/config.go: `apiKey` and `signingSecret`
	 * omitempty, `historySync` a *bool, omitempty; `webhookUrl` and `eventFilters` always present).
	 */
	function config(i) {
		/** @type {Record<string, unknown>} */
		const out = {};
		if (i.apiKey) out.apiKey = i.apiKey;
		out.webhookUrl = i.webhookUrl ?? '';
		if (i.signingSecret) out.signingSecret = i.signingSecret;
		out.eventFilters = i.eventFilters === null ? null : [...i.eventFilters];
		if (i.historySync !== null && i.historySync !== undefined) out.historySync = i.historySync;
		return out;
	}
	function listItem(i) {
		const isPaired = paired(i);
		return { id: i.id, config: config(i), isConnected: true, isLoggedIn: isPaired, deviceId: isPaired ? i.deviceId : '' };
	}

	/** Go's json decoding into config.InstanceConfig: a field of the wrong type is a 400 "invalid request body". */
	function decodeInstanceConfig(body) {
		const types = { apiKey: 'string', webhookUrl: 'string', signingSecret: 'string', historySync: 'boolean' };
		for (const [field, type] of Object.entries(types)) {
			const v = body[field];
			if (v !== undefined && v !== null && typeof v !== type) {
				return { error: fail(400, `invalid request body: json: cannot unmarshal ${typeof v} into Go struct field InstanceConfig.${field} of type ${type === 'boolean' ? 'bool' : type}`) };
			}
		}
		const f = body.eventFilters;
		if (f !== undefined && f !== null && (!Array.isArray(f) || f.some((e) => typeof e !== 'string'))) {
			return { error: fail(400, 'invalid request body: json: cannot unmarshal into Go struct field InstanceConfig.eventFilters of type []string') };
		}
		// validate:"omitempty,url" on WebhookURL
		if (typeof body.webhookUrl === 'string' && body.webhookUrl !== '' && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(body.webhookUrl)) {
			return { error: fail(400, "validation error: Key: 'InstanceConfig.WebhookURL' Error:Field validation for 'WebhookURL' failed on the 'url' tag") };
		}
		return {
			cfg: {
				apiKey: body.apiKey ?? '',
				webhookUrl: body.webhookUrl ?? '',
				signingSecret: body.signingSecret ?? '',
				eventFilters: f ?? null,
				historySync: body.historySync ?? null,
			},
		};
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
			// The body REPLACES the whole InstanceConfig (internal/handler/instance.go UpdateConfig decodes a fresh
			// config.InstanceConfig; internal/instance/manager.go UpdateInstanceConfig sets `inst.Config = cfg`).
			// Before that, applyDefaults fills what is empty from the server's WSAPI_DEFAULT_* settings (knob
			// `instanceDefaults`): a left-out apiKey becomes the default key, or '' (the instance then takes any key);
			// a left-out historySync becomes the default, or unset (off: `cfg.HistorySync != nil && *cfg.HistorySync`).
			// System events are stripped from the filters (StripSystemEvents, always a list).
			if (!isObject(entry.body)) return fail(400, 'invalid request body: json: cannot unmarshal into Go value of type config.InstanceConfig');
			const decoded = decodeInstanceConfig(entry.body);
			if (decoded.error) return decoded.error;
			const cfg = decoded.cfg;
			const d = sandbox.knobs.wsapi.instanceDefaults ?? {};
			if (cfg.apiKey === '') cfg.apiKey = d.apiKey ?? '';
			if (cfg.webhookUrl === '') cfg.webhookUrl = d.webhookUrl ?? '';
			if (cfg.signingSecret === '') cfg.signingSecret = d.signingSecret ?? '';
			if (!cfg.eventFilters || cfg.eventFilters.length === 0) cfg.eventFilters = d.eventFilters ?? null;
			if (cfg.historySync === null) cfg.historySync = d.historySync ?? null;
			instance.apiKey = cfg.apiKey;
			instance.webhookUrl = cfg.webhookUrl || null;
			instance.signingSecret = cfg.signingSecret || null;
			instance.eventFilters = filters(cfg.eventFilters);
			instance.historySync = cfg.historySync;
			return { status: 204 };
		}
		// The spec has no GET on /config: read the config through GET /admin/instances/{id}.
		return fail(405, 'method not allowed');
	}

	return { handle, errorBody };
}

module.exports = { createWsapi, WSAPI_FILTERABLE_EVENTS: FILTERABLE, WSAPI_SYSTEM_EVENTS: SYSTEM, WSAPI_MAX_BULK: MAX_BULK };
