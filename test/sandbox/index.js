// @ts-check
// startSandbox(): the fake WhatsApp providers plus a control listener, each on its own 127.0.0.1 port,
// in this process. Tests drive it through the returned object; other processes through the control endpoint.
const { createProviderServer, pathMatches, isObject } = require('./server');
const { createWaapi } = require('./waapi');
const { createOnPremises } = require('./onPremises');
const { createWsapi } = require('./wsapi');
const { createCrisp, CRISP_BASE } = require('./crisp');
const { createCloud } = require('./cloud');
const { handshake: cloudHandshake } = require('./cloudEvents');
const { eventBody, sendEvent, deliverEvent } = require('./events');
const { createControl } = require('./control');
const { numberExists } = require('./numbers');
const { demoSecrets, demoIds, defaultKnobs, initialState } = require('./defaults');

const PROVIDERS = ['waapi', 'onPremises', 'wsapi', 'crisp', 'cloud'];
const KNOB_NAMES = Object.keys(defaultKnobs);

function freshKnobs() {
	return Object.fromEntries(PROVIDERS.map((p) => [p, { ...structuredClone(defaultKnobs) }]));
}

function assertProvider(provider) {
	if (!PROVIDERS.includes(provider)) throw new Error(`unknown provider "${provider}" (expected one of ${PROVIDERS.join(', ')})`);
}

/** A base port → control base, waapi base+1, onPremises base+2, wsapi base+3, crisp base+4, cloud base+5. */
function portsFromBase(base) {
	if (!Number.isInteger(base) || base < 1 || base > 65530) throw new Error(`base port must be an integer port number, got ${base}`);
	return { control: base, waapi: base + 1, onPremises: base + 2, wsapi: base + 3, crisp: base + 4, cloud: base + 5 };
}

/**
 * @param {{ ports?: Partial<Record<'waapi'|'onPremises'|'wsapi'|'crisp'|'cloud'|'control', number>>, port?: number }} [options]
 *   `ports` fixes single listeners; `port` is a base port laid out as portsFromBase (both optional: random ports).
 */
async function startSandbox(options = {}) {
	const ports = { ...(options.port !== undefined ? portsFromBase(options.port) : {}), ...(options.ports ?? {}) };
	const timers = new Set();
	const sb = {
		/** @type {Record<string, string>} */
		urls: {},
		/** @type {Record<string, any>} */
		credentials: {},
		ids: structuredClone(demoIds),
		state: initialState(),
		knobs: freshKnobs(),
		/** @type {any[]} */
		log: [],
		/** accepted-request timestamps per provider, for the sliding rate-limit window */
		accepted: Object.fromEntries(PROVIDERS.map((p) => [p, []])),
		numberExists,

		delay(ms) {
			return new Promise((resolve) => {
				const t = setTimeout(() => {
					timers.delete(t);
					resolve(undefined);
				}, ms);
				timers.add(t);
			});
		},
		later(ms, fn) {
			const t = setTimeout(() => {
				timers.delete(t);
				void fn();
			}, ms);
			timers.add(t);
		},
		/** POSTs a raw JSON string; only ever used towards URLs the tests give (127.0.0.1). */
		async postJson(url, raw, headers = {}) {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: raw,
				signal: AbortSignal.timeout(10_000),
			});
			const text = await res.text();
			let body = text;
			try {
				body = text ? JSON.parse(text) : text;
			} catch {
				// not JSON: keep the text
			}
			return { status: res.status, body };
		},

		/** @param {string} provider @param {Record<string, any>} knobs */
		configure(provider, knobs = {}) {
			assertProvider(provider);
			if (!isObject(knobs)) throw new Error('knobs must be an object');
			const unknown = Object.keys(knobs).filter((k) => !KNOB_NAMES.includes(k));
			if (unknown.length > 0) throw new Error(`unknown knob(s): ${unknown.join(', ')}`);
			const target = sb.knobs[provider];
			for (const [key, value] of Object.entries(knobs)) {
				if (key === 'faults') {
					if (!Array.isArray(value)) throw new Error('faults must be an array');
					// A new list replaces the old one; each fault fires on the next `count` matching requests.
					target.faults = value.map((f) => ({ ...f, count: f.count ?? 1, remaining: f.count ?? 1 }));
				} else if (key === 'callbackUrl') {
					target.callbackUrl = value;
					if (provider === 'crisp') sb.state.crisp.callbackUrl = value;
				} else if (key === 'rateLimit') {
					target.rateLimit = value;
					sb.accepted[provider].length = 0;
				} else {
					target[key] = value;
				}
			}
			return structuredClone(target);
		},
		/** @param {string} provider @param {{ method?: string, path?: string | RegExp }} [filter] */
		requests(provider, filter = {}) {
			return sb.log.filter(
				(e) =>
					(provider === undefined || e.provider === provider) &&
					(!filter.method || e.method === filter.method.toUpperCase()) &&
					pathMatches(filter.path, e.path),
			);
		},
		/** The highest number of requests received (rejected ones included) in any window of `windowMs`. */
		peakRate(provider, windowMs = 1000) {
			const times = sb.log.filter((e) => e.provider === provider).map((e) => e.at).sort((a, b) => a - b);
			let peak = 0;
			let start = 0;
			for (let end = 0; end < times.length; end++) {
				while (times[end] - times[start] >= windowMs) start++;
				peak = Math.max(peak, end - start + 1);
			}
			return peak;
		},
		clearLog() {
			sb.log.length = 0;
		},
		reset() {
			for (const t of timers) clearTimeout(t);
			timers.clear();
			sb.state = initialState();
			sb.knobs = freshKnobs();
			for (const p of PROVIDERS) sb.accepted[p].length = 0;
			sb.log.length = 0;
		},
		expireTokens() {
			for (const token of Object.values(sb.state.onPremises.tokens)) token.expiresAt = 0;
			for (const token of Object.values(sb.state.cloud.tokens)) token.expired = true;
		},
		eventBody(provider, kind, fields = {}) {
			assertProvider(provider);
			return eventBody(sb, provider, kind, fields);
		},
		sendEvent(provider, kind, fields) {
			assertProvider(provider);
			return sendEvent(sb, provider, kind, fields);
		},
		/** Meta's GET verification handshake towards `url` (Cloud API): `{ url, verifyToken, challenge? }`. */
		cloudHandshake(opts) {
			return cloudHandshake(sb, opts);
		},
		/** Like sendEvent, but to every URL the provider's own webhook configuration names (events.js). */
		deliverEvent(provider, kind, fields) {
			assertProvider(provider);
			return deliverEvent(sb, provider, kind, fields);
		},
		async close() {
			for (const t of timers) clearTimeout(t);
			timers.clear();
			await Promise.all(listeners.map((l) => l.close()));
		},
	};

	const providers = {
		waapi: createWaapi(sb),
		onPremises: createOnPremises(sb),
		wsapi: createWsapi(sb),
		crisp: createCrisp(sb),
		cloud: createCloud(sb),
	};
	const listeners = [];
	try {
		for (const p of PROVIDERS) {
			const l = createProviderServer({ provider: p, sandbox: sb, ...providers[p] });
			listeners.push(l);
			const port = await l.listen(ports[p] ?? 0);
			const root = `http://127.0.0.1:${port}`;
			sb.urls[p] = p === 'waapi' ? `${root}/api/v1` : p === 'crisp' ? `${root}${CRISP_BASE}` : root;
		}
		const control = createControl(sb);
		listeners.push(control);
		sb.urls.control = `http://127.0.0.1:${await control.listen(ports.control ?? 0)}`;
	} catch (error) {
		await Promise.all(listeners.map((l) => l.close()));
		throw error;
	}

	sb.credentials = buildCredentials(sb.urls);
	return sb;
}

/** Ready-made credential data, by n8n credential type (field names as the credentials define them). */
function buildCredentials(urls) {
	const ws = demoSecrets.wsapi;
	return {
		waApiApi: { apiToken: demoSecrets.waapi.apiToken, baseUrl: urls.waapi },
		whatsAppOnPremisesApi: {
			baseUrl: urls.onPremises,
			username: demoSecrets.onPremises.username,
			password: demoSecrets.onPremises.password,
			ignoreSslIssues: false,
		},
		whatsAppOnPremisesApiKeyApi: { baseUrl: urls.onPremises, apiKey: demoSecrets.onPremises.apiKey, ignoreSslIssues: false },
		wsApiApi: {
			apiKey: ws.instanceKeys[demoIds.wsapiInstanceId],
			instanceId: demoIds.wsapiInstanceId,
			baseUrl: urls.wsapi,
			deployment: 'hosted',
			accountApiKey: ws.customerKey,
			webhookSigningSecret: ws.signingSecret,
		},
		wsApiApiSelfHosted: {
			apiKey: ws.instanceKeys[demoIds.wsapiInstanceId],
			instanceId: demoIds.wsapiInstanceId,
			baseUrl: urls.wsapi,
			deployment: 'selfHosted',
			accountApiKey: ws.adminKey,
			webhookSigningSecret: ws.signingSecret,
		},
		crispWhatsAppApi: {
			identifier: demoSecrets.crisp.identifier,
			key: demoSecrets.crisp.key,
			websiteId: demoSecrets.crisp.websiteId,
			baseUrl: urls.crisp,
		},
		whatsAppGatewayCloudApi: {
			accessToken: demoSecrets.cloud.accessToken,
			businessAccountId: demoIds.cloudWabaId,
			appSecret: demoSecrets.cloud.appSecret,
			appId: demoIds.cloudAppId,
			graphApiVersion: 'v25.0',
			baseUrl: urls.cloud,
		},
	};
}

module.exports = { startSandbox, portsFromBase, numberExists, demoSecrets, demoIds, defaultKnobs, buildCredentials, PROVIDERS };
