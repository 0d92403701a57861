// @ts-check
// The three bulk-check profiles: the sandbox's behaviour (latency, rate limit), our node's options
// for it, what the theoretical bound counts, and the one-request-per-number call a user would build with
// n8n's HTTP Request node against the same API.

/**
 * @typedef {{ method: 'GET' | 'POST', url: (urls: Record<string, string>) => string, body?: string,
 *   headers?: Array<{ name: string, value: string }> }} PeerRequest
 * @typedef {{ id: 'waapi' | 'onPremises' | 'wsapi', label: string, latencyMs: number, limit: number, batch: number,
 *   credentialType: string, extraParameters: Record<string, unknown>, options: Record<string, number>,
 *   peer: PeerRequest, peerSubset: { full: number, quick: number },
 *   requestsNeeded: (d: { distinct: number, existing: number }) => number, method: string }} Profile
 */

// The peer's expression for the number: digits only, without a leading international 00.
const DIGITS = "$json.phone.replace(/\\D/g, '').replace(/^00/, '')";

/** @type {Profile[]} */
const PROFILES = [
	{
		id: 'waapi',
		label: 'WaAPI',
		latencyMs: 40,
		limit: 200,
		batch: 1,
		credentialType: 'waApiApi',
		extraParameters: { instanceId: { __rl: true, mode: 'id', value: '101' } },
		// Enough workers to keep the limiter busy through the latency; the limiter caps the rate.
		options: { batchSize: 1, concurrency: 16, maxRequestsPerSecond: 200, maxRetries: 5 },
		// One get-number-id per distinct number: null says "not on WhatsApp", an id says it exists and its chat id.
		requestsNeeded: (d) => d.distinct,
		method: 'get-number-id per distinct number (null: not on WhatsApp)',
		peer: {
			method: 'POST',
			url: (u) => `${u.waapi}/instances/101/client/action/is-registered-user`,
			body: `={{ JSON.stringify({ contactId: ${DIGITS} + '@c.us' }) }}`,
		},
		// HTTP Request, batched: 200 a second would take 50 s for all 10,000; measured on a subset to keep the
		// whole bench within its time (see `peerDefaultSubset` for the unbatched one).
		peerSubset: { full: 1_000, quick: 500 },
	},
	{
		id: 'onPremises',
		label: 'On-Premises',
		latencyMs: 200,
		limit: 5,
		batch: 1000,
		credentialType: 'whatsAppOnPremisesApi',
		extraParameters: { authentication: 'login' },
		options: { batchSize: 1000, concurrency: 5, maxRequestsPerSecond: 5, maxRetries: 5 },
		requestsNeeded: (d) => Math.ceil(d.distinct / 1000),
		method: 'POST /v1/contacts, 1,000 numbers a request (blocking: wait)',
		peer: {
			method: 'POST',
			url: (u) => `${u.onPremises}/v1/contacts`,
			body: `={{ JSON.stringify({ blocking: 'wait', contacts: ['+' + ${DIGITS}] }) }}`,
		},
		// 5 requests a second: all 10,000 would take 2,000 s; a subset is measured and extrapolated.
		peerSubset: { full: 50, quick: 20 },
	},
	{
		id: 'wsapi',
		label: 'WSAPI',
		latencyMs: 60,
		limit: 20,
		batch: 100,
		credentialType: 'wsApiApi',
		extraParameters: {},
		options: { batchSize: 100, concurrency: 5, maxRequestsPerSecond: 20, maxRetries: 5 },
		requestsNeeded: (d) => Math.ceil(d.distinct / 100),
		method: "POST /users/check, 100 numbers a request (the sandbox's maximum)",
		peer: {
			method: 'GET',
			url: (u) => `=${u.wsapi}/users/{{ ${DIGITS} }}/check`,
			headers: [{ name: 'X-Instance-Id', value: 'ins_demo1' }],
		},
		// 20 requests a second: all 10,000 would take 500 s.
		peerSubset: { full: 200, quick: 60 },
	},
];

/**
 * What one output item of the HTTP Request node says about its number: `answered` when the provider gave a
 * verdict (an answer, or a 4xx other than 429 about the number itself), `exists` when the verdict says it.
 * @param {Profile} profile @param {any} json @returns {{ answered: boolean, exists: boolean | null, httpCode: string }}
 */
function peerOutcome(profile, json) {
	if (json && json.error !== undefined) {
		const e = json.error || {};
		const httpCode = String(e.httpCode ?? e.statusCode ?? e.status ?? e.cause?.status ?? '');
		return { answered: /^4\d\d$/.test(httpCode) && httpCode !== '429', exists: null, httpCode };
	}
	if (profile.id === 'waapi') {
		const inner = json?.data;
		if (inner?.status === 'success' && typeof inner.data?.isRegisteredUser === 'boolean') {
			return { answered: true, exists: inner.data.isRegisteredUser, httpCode: '200' };
		}
		// HTTP 200 with an inner error (a malformed number): an answer, just not a yes/no.
		return { answered: inner?.status === 'error', exists: null, httpCode: '200' };
	}
	if (profile.id === 'onPremises') {
		const c = Array.isArray(json?.contacts) ? json.contacts[0] : undefined;
		if (!c) return { answered: false, exists: null, httpCode: '200' };
		return {
			answered: true,
			exists: c.status === 'valid' ? true : c.status === 'invalid' ? false : null,
			httpCode: '200',
		};
	}
	if (typeof json?.isInWhatsApp === 'boolean')
		return { answered: true, exists: json.isInWhatsApp, httpCode: '200' };
	return { answered: false, exists: null, httpCode: '200' };
}

/**
 * HTTP Request with defaults sends every item's request as soon as it has evaluated the item's parameters
 * (several ms an item in n8n 2.41), so its time grows linearly with the items: measured on this many and
 * extrapolated, for every profile.
 */
const PEER_DEFAULT_SUBSET = { full: 2_000, quick: 500 };

/** The theoretical bound in ms: requests needed ÷ rate limit, plus one latency. */
function boundMs(requests, profile) {
	return (requests / profile.limit) * 1000 + profile.latencyMs;
}

module.exports = { PROFILES, PEER_DEFAULT_SUBSET, boundMs, peerOutcome };
