// @ts-check
// Shared pieces of the trigger tests: parameters per provider, a registered token / signing secret, and a
// call through the harness's real WebhookContext.
const { createHmac } = require('node:crypto');
const { triggerWebhook } = require('../harness');

const WEBHOOK_URL = 'http://localhost:5678/webhook/trigger-test/webhook';
const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';
const CRISP_TOKEN = 'crisp-token-9f8e7d6c5b4a';

const CONTRACT_FIELDS = [
	'provider', 'event', 'instanceId', 'messageId', 'chatId', 'from', 'to', 'fromMe', 'type', 'text', 'status',
	'timestamp', 'requestId', 'error',
];

/** Trigger parameters for a provider. */
function params(provider, events, options = {}, extra = {}) {
	/** @type {Record<string, any>} */
	const p = { provider, events, options };
	if (provider === 'waapi') p.instanceId = { __rl: true, mode: 'id', value: '101' };
	if (provider === 'wsapi') p.instanceId = { __rl: true, mode: 'id', value: '' };
	if (provider === 'crisp') p.webhookToken = CRISP_TOKEN;
	return { ...p, ...extra };
}

/** Static data as create() leaves it for a token provider. */
function registeredStaticData(token = TOKEN) {
	return {
		registration: { url: `${WEBHOOK_URL}?token=${token}`, instanceId: '101', token, signingSecret: null, previous: { url: null, events: [], signingSecret: null } },
	};
}

function sign(raw, secret) {
	return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * Sends `body` to the trigger the way the provider would: a token in the query (WaAPI, On-Premises, Crisp)
 * or a signature over the exact bytes (WSAPI).
 * @param {any} sb
 * @param {string} provider
 * @param {any} body
 * @param {{ events?: string[], options?: Record<string, any>, staticData?: Record<string, any>, query?: Record<string, any>,
 *   headers?: Record<string, string>, secret?: string | null, signature?: string, rawBody?: Buffer | string, extra?: Record<string, any>,
 *   credentials?: Record<string, any> }} [o]
 */
async function deliver(sb, provider, body, o = {}) {
	const events = o.events ?? ['message.received', 'message.sent', 'message.status', 'template.result', 'instance.status', 'other'];
	const staticData = o.staticData ?? (provider === 'waapi' || provider === 'onPremises' ? registeredStaticData() : {});
	/** @type {Record<string, any>} */
	let query = o.query;
	if (query === undefined) {
		if (provider === 'crisp') query = { token: CRISP_TOKEN };
		else if (provider !== 'wsapi') query = { token: TOKEN };
	}
	const raw = o.rawBody ?? JSON.stringify(body);
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', ...(o.headers ?? {}) };
	if (provider === 'wsapi') {
		const secret = o.secret === undefined ? sb.credentials.wsApiApi.webhookSigningSecret : o.secret;
		if (o.signature !== undefined) headers['x-webhook-signature'] = o.signature;
		else if (secret) headers['x-webhook-signature'] = sign(raw, secret);
	}
	const credentials = o.credentials ?? (provider === 'wsapi' ? { wsApiApi: sb.credentials.wsApiApi } : {});
	return await triggerWebhook({
		parameters: params(provider, events, o.options ?? {}, o.extra ?? {}),
		credentials,
		staticData,
		query,
		headers,
		rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
	});
}

/**
 * The `dedupeKey` an item must carry: provider|id|event|status where it has a message or request id; else
 * provider|event|status|instance and then the provider's time with a payload hash, or a key of its own.
 */
function expectDedupeKey(item) {
	const id = item.messageId ?? item.requestId;
	if (id !== null) {
		expect(item.dedupeKey).toBe([item.provider, id, item.event, item.status ?? ''].join('|'));
		return;
	}
	const head = [item.provider, item.event, item.status ?? '', item.instanceId ?? ''].join('|');
	if (item.timestamp === null) expect(item.dedupeKey).toMatch(new RegExp(`^${escapeRegExp(head)}\\|once-[0-9a-f]{16}$`));
	else expect(item.dedupeKey).toMatch(new RegExp(`^${escapeRegExp(`${head}|${item.timestamp}`)}\\|[0-9a-f]{16}$`));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every contract field is present, in the contract's order, then a message's `media` and `reply` where it has
 * them, then `dedupeKey`; `raw` only when asked for.
 */
function expectContractShape(item, withRaw = false) {
	const keys = Object.keys(item);
	const extras = ['media', 'reply'].filter((k) => k in item);
	const expected = [...CONTRACT_FIELDS, ...extras, 'dedupeKey'];
	expect(keys.slice(0, expected.length)).toEqual(expected);
	expectDedupeKey(item);
	expect(keys.includes('raw')).toBe(withRaw);
}

/** The item's contract fields (and `raw`), for comparing with an expected item once its key was checked. */
function withoutDedupeKey(item) {
	const { dedupeKey, ...rest } = item;
	return rest;
}

module.exports = { WEBHOOK_URL, TOKEN, CRISP_TOKEN, CONTRACT_FIELDS, params, registeredStaticData, sign, deliver, expectContractShape, expectDedupeKey, withoutDedupeKey };
