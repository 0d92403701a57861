// @ts-check
// Cloud API webhooks: Meta-shaped bodies, the X-Hub-Signature-256 header, where Meta would deliver them (number
// override → WABA override → app callback), and Meta's GET verification handshake.
const { createHash, createHmac, randomBytes, randomInt } = require('node:crypto');
const { ERRORS } = require('./cloudState');
const { storeMedia, liveMedia, mediaUrl, sampleBytes } = require('./cloudMedia');

const CLOUD_KINDS = [
	'text', 'image', 'video', 'audio', 'document', 'sticker', 'button_reply', 'list_reply', 'button', 'reaction',
	'location', 'status', 'errors', 'batch', 'echo', 'bsuid', 'change',
];
const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'];
const DEFAULT_MIME = { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/ogg; codecs=opus', document: 'application/pdf', sticker: 'image/webp' };
const ERROR_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

const digits = (v) => String(v ?? '').replace(/\D/g, '');
const nowSec = () => Math.floor(Date.now() / 1000);
const wamid = () => `wamid.HBgL${randomBytes(24).toString('base64')}`;

/**
 * A business-scoped user id for a phone number: "a two-letter ISO country code, a period, and up to 128
 * alphanumeric characters" (360dialog "Usernames & BSUID"), e.g. `US.13491208655302741918` (pywa fixtures).
 * Derived from the number so the same user always gets the same id.
 */
function bsuidFor(phone) {
	const d = digits(phone);
	const cc = d.startsWith('1') ? 'US' : d.startsWith('44') ? 'GB' : d.startsWith('49') ? 'DE' : d.startsWith('972') ? 'IL' : d.startsWith('33') ? 'FR' : d.startsWith('55') ? 'BR' : 'US';
	const n = BigInt(`0x${createHash('sha256').update(`bsuid:${d}`).digest('hex').slice(0, 16)}`).toString().padStart(20, '1').slice(0, 20);
	return `${cc}.${n}`;
}

function numberOf(sandbox, f) {
	const state = sandbox.state.cloud;
	const id = f.phoneNumberId ?? state.numbers[0].id;
	const n = state.numbers.find((x) => x.id === String(id));
	if (!n) throw new Error(`unknown cloud phoneNumberId ${id}`);
	return n;
}

/** `metadata` of a change value: the display number as digits (Meta spec webhook examples: `15550783881`). */
const metadataOf = (n) => ({ display_phone_number: digits(n.display_phone_number), phone_number_id: n.id });

/**
 * `contacts[]` of an inbound message. Since April 2026 Meta adds `user_id` (BSUID) and may add `parent_user_id`
 * (pywa `tests/data/updates/message.json`); `withUserId: false` gives the older shape.
 */
function contactOf(f, from) {
	const c = { profile: { name: f.name ?? 'Sheena Nelson' }, wa_id: from };
	if (f.withUserId !== false) c.user_id = f.userId ?? bsuidFor(from);
	if (f.parentUserId) c.parent_user_id = f.parentUserId;
	return c;
}

/** The media object of an inbound media message, backed by a stored media item (so GET /{media-id} works). */
function inboundMedia(sandbox, kind, f, phoneNumberId) {
	const state = sandbox.state.cloud;
	let record = f.mediaId ? liveMedia(state, f.mediaId) : null;
	if (f.mediaId && !record) throw new Error(`cloud media ${f.mediaId} is not in the store`);
	if (!record) {
		const mimeType = f.mimeType ?? DEFAULT_MIME[kind];
		const bytes = Buffer.isBuffer(f.bytes) ? f.bytes : typeof f.base64 === 'string' ? Buffer.from(f.base64, 'base64') : sampleBytes(mimeType, f.size ?? 2048);
		record = storeMedia(state, { bytes, mimeType, filename: f.filename ?? (kind === 'document' ? 'invoice.pdf' : null), phoneNumberId, source: 'webhook' });
	}
	// webhook media carry sha256 in base64 (Meta spec image example `SfInY0gG…=`); GET /{media-id} answers hex
	const media = { mime_type: record.mimeType, sha256: Buffer.from(record.sha256, 'hex').toString('base64'), id: record.id };
	const caption = f.caption !== undefined ? f.caption : kind === 'image' ? 'Taj Mahal' : null;
	if (['image', 'video', 'document'].includes(kind) && caption !== null) media.caption = caption;
	if (kind === 'document') media.filename = f.filename ?? record.filename ?? 'invoice.pdf';
	if (kind === 'audio') media.voice = f.voice ?? false;
	if (kind === 'sticker') media.animated = f.animated ?? false;
	// from v24.0 webhook media also carry a url (pywa `types/media.py`; pywa fixture `media_with_url`)
	if (f.withUrl) media.url = mediaUrl(sandbox.urls.cloud, record, sandbox.knobs.cloud.mediaUrlLifetimeMs, 'webhook');
	return media;
}

/** One `messages[]` item (Meta spec /whatsapp/webhooks examples; pywa fixtures for document/audio/sticker). */
function inboundMessage(sandbox, kind, f, n) {
	const from = digits(f.from ?? '16505551234');
	const m = { from, id: f.messageId ?? wamid(), timestamp: String(f.timestamp ?? nowSec()), type: kind };
	if (f.withUserId !== false) m.from_user_id = f.userId ?? bsuidFor(from);
	const context = f.context ?? (['button_reply', 'list_reply', 'button'].includes(kind) ? { from: digits(n.display_phone_number), id: f.contextId ?? wamid() } : undefined);
	if (context) m.context = context;
	switch (kind) {
		case 'text':
			m.text = { body: f.text ?? 'Does it come in another color?' };
			break;
		case 'button_reply':
			m.type = 'interactive';
			m.interactive = { type: 'button_reply', button_reply: { id: f.replyId ?? 'cancel-button', title: f.title ?? 'Cancel' } };
			break;
		case 'list_reply':
			m.type = 'interactive';
			m.interactive = { type: 'list_reply', list_reply: { id: f.replyId ?? 'priority_express', title: f.title ?? 'Priority Mail Express', description: f.description ?? 'Next Day to 2 Days' } };
			break;
		case 'button':
			// a quick-reply tap on a template (Meta spec example): payload and text, no interactive wrapper
			m.button = { payload: f.payload ?? 'Unsubscribe', text: f.title ?? f.text ?? 'Unsubscribe' };
			break;
		case 'reaction': {
			// an empty emoji removes a reaction; pywa fixtures `unreaction_empty` ("") and `unreaction_no_emoji` (absent)
			m.reaction = { message_id: f.reactedMessageId ?? wamid() };
			if (f.emoji !== null) m.reaction.emoji = f.emoji ?? '👍';
			break;
		}
		case 'location':
			m.location = {
				address: f.address ?? '101 Forest Ave, Palo Alto, CA 94301',
				latitude: f.latitude ?? 37.44221496582,
				longitude: f.longitude ?? -122.16165924072,
				name: f.locationName ?? 'Philz Coffee',
				url: f.locationUrl ?? 'https://philzcoffee.com/',
			};
			break;
		default:
			if (!MEDIA_KINDS.includes(kind)) throw new Error(`not a cloud message kind: ${kind}`);
			m[kind] = inboundMedia(sandbox, kind, f, n.id);
	}
	if (f.forwarded) m.context = { ...(m.context ?? {}), forwarded: true };
	return m;
}

/** `errors[]` item as webhooks carry it (pywa fixture `message_status.json` failed; Meta errors webhook reference). */
function webhookError(code, overrides = {}) {
	const known = ERRORS[code] ?? { title: 'Unknown error' };
	return {
		code,
		title: overrides.title ?? known.title,
		message: overrides.message ?? known.title,
		error_data: { details: overrides.details ?? known.details ?? known.title },
		href: overrides.href ?? ERROR_HREF,
	};
}

/**
 * One `statuses[]` item (pywa fixtures `message_status.json`). `status` sent|delivered|read|failed (also deleted,
 * played). Failed statuses carry `errors[]`. `conversation`/`pricing` vary by version (v24+ drops `conversation`,
 * pricing model PMP: whelx README), so `conversation` is only sent when asked for.
 */
function statusOf(f) {
	const status = f.status ?? 'delivered';
	const s = { id: f.messageId ?? wamid(), status, timestamp: String(f.timestamp ?? nowSec()) };
	if (f.recipientUserId) s.recipient_user_id = f.recipientUserId;
	if (f.recipientId !== null) s.recipient_id = digits(f.recipientId ?? f.to ?? '16505551234');
	if (f.conversation) s.conversation = f.conversation === true ? { id: randomBytes(16).toString('hex'), origin: { type: 'service' } } : f.conversation;
	if (status !== 'failed' && f.pricing !== null) s.pricing = f.pricing ?? { billable: true, pricing_model: 'PMP', category: 'service', type: 'regular' };
	if (status === 'failed') s.errors = f.errors ?? [webhookError(f.errorCode ?? 131047, f.error ?? {})];
	if (f.bizOpaqueCallbackData) s.biz_opaque_callback_data = f.bizOpaqueCallbackData;
	return s;
}

function messagesValue(sandbox, kind, f, n) {
	const m = inboundMessage(sandbox, kind, f, n);
	return { messaging_product: 'whatsapp', metadata: metadataOf(n), contacts: [contactOf(f, m.from)], messages: [m] };
}

function statusesValue(f, n) {
	const value = { messaging_product: 'whatsapp', metadata: metadataOf(n) };
	const s = statusOf(f);
	// failed statuses come without contacts (dualhook "BSUID webhook changes", quick reference)
	if (s.status !== 'failed' && s.recipient_id) value.contacts = [contactOf(f, s.recipient_id)];
	value.statuses = [s];
	return value;
}

const envelope = (entries) => ({ object: 'whatsapp_business_account', entry: entries });
// Meta spec examples write `value` before `field`
const change = (field, value) => ({ value, field });

/** The `value` of one change of `kind`, and its field. */
function changeOf(sandbox, kind, f) {
	const state = sandbox.state.cloud;
	const n = numberOf(sandbox, f);
	switch (kind) {
		case 'status':
			return change('messages', statusesValue(f, n));
		case 'errors':
			// account-level errors: value.errors[] (Meta errors webhook reference: 130429 "Rate limit hit")
			return change('messages', {
				messaging_product: 'whatsapp',
				metadata: metadataOf(n),
				errors: f.errors ?? [webhookError(f.errorCode ?? 130429, { message: `(#${f.errorCode ?? 130429}) ${(ERRORS[f.errorCode ?? 130429] ?? { title: 'Unknown error' }).title}`, href: '/documentation/business-messaging/whatsapp/support/error-codes' })],
			});
		case 'echo': {
			// messages the business sent from another client, e.g. the WhatsApp Business app (pywa fixture
			// `outgoing_message.json`: field `smb_message_echoes`, value `message_echoes[]` with from/to)
			const to = digits(f.to ?? '16505551234');
			const echo = { from: digits(n.display_phone_number), to, id: f.messageId ?? wamid(), timestamp: String(f.timestamp ?? nowSec()), type: 'text', text: { body: f.text ?? 'Your order ships today.' } };
			if (f.withUserId !== false) echo.to_user_id = f.userId ?? bsuidFor(to);
			return change(f.field ?? 'smb_message_echoes', { messaging_product: 'whatsapp', metadata: metadataOf(n), contacts: [contactOf(f, to)], message_echoes: [echo] });
		}
		case 'bsuid': {
			// a user who hides the phone number behind a username: `user_id` without `wa_id`, `from_user_id` without
			// `from` ("wa_id, from may be omitted": dualhook webhook-events; shapes: dualhook "BSUID webhook changes")
			const userId = f.userId ?? 'US.13491208655302741918';
			const contact = { profile: { name: f.name ?? 'Bob', username: f.username ?? '@bob' }, user_id: userId };
			const m = { from_user_id: userId, id: f.messageId ?? wamid(), timestamp: String(f.timestamp ?? nowSec()), type: 'text', text: { body: f.text ?? 'Hi, I am writing with a username.' } };
			// GUESS: some payloads may carry the BSUID in `from` too; `fromField: true` sends that shape
			if (f.fromField) m.from = userId;
			return change('messages', { messaging_product: 'whatsapp', metadata: metadataOf(n), contacts: [contact], messages: [m] });
		}
		case 'change':
			// any other webhook field (template status, account updates): always sent to the app URL by Meta
			return change(f.field ?? 'message_template_status_update', f.value ?? {
				event: 'APPROVED', message_template_id: Number(state.templates[0].id), message_template_name: state.templates[0].name, message_template_language: state.templates[0].language, reason: 'NONE',
			});
		default:
			return change('messages', messagesValue(sandbox, kind, f, n));
	}
}

/**
 * The whole POST body of `kind`. `batch` carries several entries and changes in one POST (Meta spec: "one POST
 * can batch several entry/changes"): two messages and two statuses in the first entry, a message on the second
 * number in the second.
 */
function cloudBody(sandbox, kind, f = {}) {
	const state = sandbox.state.cloud;
	const wabaId = f.wabaId ?? state.wabaId;
	if (kind === 'batch') {
		const first = numberOf(sandbox, f);
		const second = state.numbers.find((x) => x.id !== first.id) ?? first;
		const a = inboundMessage(sandbox, 'text', { ...f, from: '16505551234', text: 'Batch message 1', messageId: undefined }, first);
		const b = inboundMessage(sandbox, 'text', { ...f, from: '16505551239', text: 'Batch message 2', messageId: undefined }, first);
		const msgs = { messaging_product: 'whatsapp', metadata: metadataOf(first), contacts: [contactOf(f, a.from), contactOf(f, b.from)], messages: [a, b] };
		const sts = { messaging_product: 'whatsapp', metadata: metadataOf(first), statuses: [statusOf({ ...f, status: 'delivered', messageId: undefined }), statusOf({ ...f, status: 'read', messageId: undefined })] };
		const c = inboundMessage(sandbox, 'text', { ...f, from: '4915112345678', text: 'Batch message 3', messageId: undefined }, second);
		const other = { messaging_product: 'whatsapp', metadata: metadataOf(second), contacts: [contactOf(f, c.from)], messages: [c] };
		return envelope([
			{ id: wabaId, changes: [change('messages', msgs), change('messages', sts)] },
			{ id: wabaId, changes: [change('messages', other)] },
		]);
	}
	if (!CLOUD_KINDS.includes(kind)) throw new Error(`unknown cloud event kind: ${kind} (expected one of ${CLOUD_KINDS.join(', ')})`);
	return envelope([{ id: wabaId, changes: [changeOf(sandbox, kind, f)] }]);
}

/** `sha256=<hex HMAC-SHA256(app secret, raw body)>` (n8n `WhatsAppTrigger.node.ts`; Meta webhooks docs). */
function hubSignature(raw, secret) {
	return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * The bytes Meta sends: "we generate the signature using an escaped unicode version of the payload, with
 * lowercase hex digits … äöå should be escaped to \u00e4\u00f6\u00e5" (Meta webhooks "Validate payloads", quoted
 * in stackoverflow.com/questions/73736871). `escapeUnicode: false` sends plain UTF-8 instead.
 */
function serialize(body, escapeUnicode = true) {
	const json = JSON.stringify(body);
	return escapeUnicode ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/**
 * Where Meta delivers a `messages` webhook for a number: the number's override, else the WABA's, else the app's
 * callback (precedence phone number → WABA → app, Meta "Webhook overrides"); nothing once the app is not
 * subscribed to the WABA ("DELETE … stops all webhooks for this WABA"). Other fields always go to the app URL.
 */
function routeUrl(sandbox, phoneNumberId, field = 'messages') {
	const state = sandbox.state.cloud;
	if (!state.subscribed) return null;
	const appUrl = sandbox.knobs.cloud.callbackUrl ?? null;
	const OVERRIDABLE = ['messages', 'message_echoes', 'smb_message_echoes', 'history', 'calls', 'smb_app_state_sync'];
	if (!OVERRIDABLE.includes(field)) return appUrl;
	return state.numberOverrides[phoneNumberId]?.url ?? state.wabaOverride?.url ?? appUrl;
}

/** Remembers the users who wrote to a number, for the 24-hour customer-service window. */
function recordInbound(sandbox, body) {
	const state = sandbox.state.cloud;
	for (const e of body.entry ?? []) {
		for (const c of e.changes ?? []) {
			const v = c.value ?? {};
			const pid = v.metadata?.phone_number_id;
			if (!pid || !Array.isArray(v.messages)) continue;
			for (const m of v.messages) {
				const at = Number(m.timestamp) * 1000;
				const seen = (state.lastInbound[pid] ??= {});
				for (const user of [m.from, m.from_user_id]) if (user) seen[user] = Math.max(seen[user] ?? 0, at);
			}
		}
	}
}

/** POSTs a body the way Meta does: raw bytes, JSON content type, signed with the app secret. */
async function deliver(sandbox, url, body, opts = {}) {
	const raw = serialize(body, opts.escapeUnicode !== false);
	/** @type {Record<string, string>} */
	const headers = {};
	const secret = opts.secret !== undefined ? opts.secret : sandbox.state.cloud.appSecret;
	if (secret) headers['x-hub-signature-256'] = hubSignature(raw, secret);
	if (typeof opts.signature === 'string') headers['x-hub-signature-256'] = opts.signature;
	Object.assign(headers, opts.headers ?? {});
	const res = await sandbox.postJson(url, raw, headers);
	return { ...res, sent: body, headers, raw };
}

const RESERVED = ['url', 'headers', 'signature', 'secret', 'escapeUnicode'];

/**
 * sendEvent('cloud', kind, fields): `url` is optional, by default the URL Meta would deliver to. `secret: null`
 * sends unsigned, `secret: '…'` signs with another secret, `signature` sets the header as given.
 */
async function sendCloudEvent(sandbox, kind, fields = {}) {
	const bodyFields = Object.fromEntries(Object.entries(fields).filter(([k]) => !RESERVED.includes(k)));
	const body = cloudBody(sandbox, kind, bodyFields);
	recordInbound(sandbox, body);
	const firstChange = body.entry[0]?.changes[0];
	const url = fields.url ?? routeUrl(sandbox, firstChange?.value?.metadata?.phone_number_id ?? sandbox.state.cloud.numbers[0].id, firstChange?.field);
	if (!url) throw new Error('sendEvent(cloud) needs a url: none given and no override or app callback is configured');
	return deliver(sandbox, url, body, fields);
}

/**
 * Meta's verification request: `GET <url>?hub.mode=subscribe&hub.challenge=<n>&hub.verify_token=<token>`; the
 * endpoint must answer 200 with exactly the challenge (Meta "Create a webhook endpoint"; n8n
 * `WhatsAppTrigger.node.ts` answers `res.status(200).type('text/plain').send(query['hub.challenge'])`).
 * @param {any} sandbox @param {{ url: string, verifyToken?: string, challenge?: string, mode?: string, timeoutMs?: number }} opts
 */
async function handshake(sandbox, opts) {
	if (!opts || typeof opts.url !== 'string') throw new Error('handshake needs a url');
	const challenge = opts.challenge ?? String(randomInt(1_000_000_000, 2_000_000_000));
	const target = new URL(opts.url);
	target.searchParams.set('hub.mode', opts.mode ?? 'subscribe');
	target.searchParams.set('hub.challenge', challenge);
	target.searchParams.set('hub.verify_token', opts.verifyToken ?? '');
	const record = { url: opts.url, challenge, status: null, body: null, contentType: null, ok: false, error: null, at: Date.now() };
	try {
		const res = await fetch(target, { method: 'GET', signal: AbortSignal.timeout(opts.timeoutMs ?? 5000), redirect: 'manual' });
		record.status = res.status;
		record.contentType = res.headers.get('content-type');
		record.body = (await res.text()).slice(0, 1000);
		record.ok = res.status === 200 && record.body === challenge;
	} catch (error) {
		record.error = String(error && error.message);
	}
	sandbox.state.cloud.handshakes.push(record);
	return record;
}

module.exports = { CLOUD_KINDS, cloudBody, sendCloudEvent, deliver, routeUrl, hubSignature, serialize, handshake, statusesValue, webhookError, bsuidFor, recordInbound };
