// @ts-check
// Shared by the fidelity tests: trigger parameters, a trigger's production URL per workflow, and a call to the
// trigger the way the provider makes it (the registered token in the query; WSAPI: its HMAC signature).
const { createHmac } = require('node:crypto');
const { triggerWebhook } = require('../harness');

const ALL_EVENTS = ['message.received', 'message.sent', 'message.status', 'template.result', 'instance.status', 'other'];
const CRISP_TOKEN = 'fidelity-crisp-token-0123456789';

/** The production URL n8n gives a trigger of workflow `workflow` (its own webhook id). */
const webhookUrlOf = (workflow = 'fidelity') => `http://localhost:5678/webhook/${workflow}/webhook`;

/** A resource-locator value by id. */
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** Trigger parameters for a provider. */
function triggerParams(provider, events = ALL_EVENTS, options = {}, extra = {}) {
	/** @type {Record<string, any>} */
	const p = { provider, events, options };
	if (provider === 'waapi') p.instanceId = rl('101');
	if (provider === 'wsapi') p.instanceId = rl('');
	if (provider === 'crisp') p.webhookToken = CRISP_TOKEN;
	return { ...p, ...extra };
}

function sign(raw, secret) {
	return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/**
 * Posts `body` to the trigger as the provider would. WaAPI and On-Premises: with the token a registration holds;
 * Crisp: with the trigger's webhook token; WSAPI: signed with the credential's signing secret.
 * @param {any} sb @param {string} provider @param {any} body
 * @param {{ events?: string[], options?: Record<string, any> }} [o]
 */
async function deliverToTrigger(sb, provider, body, o = {}) {
	const token = 'fidelity-registered-token-0123456789abcdef';
	const raw = JSON.stringify(body);
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	/** @type {Record<string, any>} */
	let staticData = {};
	/** @type {Record<string, string> | undefined} */
	let query;
	/** @type {Record<string, any>} */
	const credentials = {};
	if (provider === 'waapi' || provider === 'onPremises') {
		staticData = { registration: { url: `${webhookUrlOf()}?token=${token}`, instanceId: provider === 'waapi' ? '101' : '', token, signingSecret: null, previous: null } };
		query = { token };
	} else if (provider === 'crisp') {
		query = { token: CRISP_TOKEN };
	} else {
		credentials.wsApiApi = sb.credentials.wsApiApi;
		headers['x-webhook-signature'] = sign(raw, sb.credentials.wsApiApi.webhookSigningSecret);
	}
	return await triggerWebhook({
		parameters: triggerParams(provider, o.events ?? ALL_EVENTS, o.options ?? {}),
		credentials,
		staticData,
		query,
		headers,
		rawBody: Buffer.from(raw),
	});
}

module.exports = { ALL_EVENTS, webhookUrlOf, rl, triggerParams, deliverToTrigger };
