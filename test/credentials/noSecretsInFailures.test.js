// @ts-check
// No secret of any credential appears anywhere n8n shows or writes a failure: the error (message, description,
// context, the response it keeps), the execution n8n saves (run data, continueOnFail items) and n8n's log at
// debug level in its JSON format (n8n-core's own Logger, which its contexts, LoggerProxy and the ErrorReporter
// write to). Every failure path: wrong secret (401), 429 after the retries, 500, connection reset, timeout,
// unreadable answer, the trigger refusing a call, the credential test failing. Also WaAPI's outputs.
const { useSandbox } = require('../support/sandbox');
const { findAdapter } = require('../../nodes/providers');
const { captureN8nLog } = require('../support/n8nLog');
const { runNode, runListSearch, runWebhookMethod, testCredential, triggerWebhook } = require('../harness');
const { atRequest } = require('../faults/helpers');
const { CRISP_TOKEN, TOKEN, WEBHOOK_URL, params, registeredStaticData, sign } = require('../trigger/helpers');

const sb = useSandbox();

/** The secret fields of each credential type (the On-Premises session token is the hidden `sessionToken`). */
const SECRET_FIELDS = {
	waApiApi: ['apiToken'],
	whatsAppOnPremisesApi: ['password', 'sessionToken'],
	whatsAppOnPremisesApiKeyApi: ['apiKey'],
	wsApiApi: ['apiKey', 'accountApiKey', 'webhookSigningSecret'],
	crispWhatsAppApi: ['key'],
};

const base64 = (text) => Buffer.from(text).toString('base64');

/**
 * Every form a secret of `data` could leak in: the value itself, URL-encoded, and for the Basic schemes the
 * base64 `user:secret` an Authorization header would carry. Also every session token the sandbox issued.
 * @param {keyof typeof SECRET_FIELDS} type @param {Record<string, any>} data
 */
function secretForms(type, data) {
	const values = SECRET_FIELDS[type].map((f) => data[f]).filter((v) => typeof v === 'string' && v.length >= 4);
	const forms = values.flatMap((v) => [v, encodeURIComponent(v)]);
	if (type === 'whatsAppOnPremisesApi') {
		forms.push(base64(`${data.username}:${data.password}`));
		forms.push(...Object.keys(sb.state.onPremises.tokens));
	}
	if (type === 'crispWhatsAppApi') forms.push(base64(`${data.identifier}:${data.key}`));
	return [...new Set(forms)];
}

/** Waits for the log's transport to have written what was logged so far. */
const logFlushed = () => new Promise((resolve) => setImmediate(resolve));

/** Everything of a node run n8n shows, saves or logs, as one text. */
function visibleOfRun(r, logText) {
	const e = r.error;
	return JSON.stringify({
		error: e && { message: e.message, description: e.description, messages: e.messages, context: e.context, httpCode: e.httpCode, errorResponse: e.errorResponse, stack: e.stack, all: e },
		hints: r.hints,
		// The execution as n8n saves it: run data with the node's error or its continueOnFail items.
		run: r.run,
		log: logText,
	});
}

function expectFree(text, secrets) {
	expect(secrets.length).toBeGreaterThan(0);
	for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Runs `fn` with n8n's log captured; answers its result and the log text. */
async function withLog(fn) {
	const log = captureN8nLog();
	try {
		const result = await fn();
		await logFlushed();
		return { result, log: log.text(), lines: log.lines.length };
	} finally {
		log.stop();
	}
}

const rl = (value) => ({ __rl: true, mode: 'id', value });

/**
 * One read per credential (idempotent, so a failure is the last of its retries), the path a fault is put on
 * (the request that carries the secret under test), and a wrong secret that makes the provider answer 401.
 */
const CREDENTIALS = {
	waApiApi: {
		parameters: { provider: 'waapi', resource: 'instance', operation: 'get', instanceId: rl('101') },
		faultOn: ['waapi', '/api/v1/instances/101'],
		wrong: { apiToken: 'waapi-WRONG-token-123456' },
	},
	whatsAppOnPremisesApi: {
		parameters: { provider: 'onPremises', authentication: 'login', resource: 'instance', operation: 'get' },
		// After the login, so the request that fails carries the session token.
		faultOn: ['onPremises', '/v1/health'],
		wrong: { password: 'Wrong-OnPrem-Passw0rd' },
	},
	whatsAppOnPremisesApiKeyApi: {
		parameters: { provider: 'onPremises', authentication: 'apiKey', resource: 'instance', operation: 'get' },
		faultOn: ['onPremises', '/v1/health'],
		wrong: { apiKey: 'wrong-but-long-enough-key' },
	},
	wsApiApi: {
		parameters: { provider: 'wsapi', resource: 'instance', operation: 'get' },
		// The second request, with the account key, after the instance key's session call.
		faultOn: ['wsapi', '/account/instances/ins_demo1'],
		wrong: { apiKey: 'wsapi-WRONG-instance-key' },
	},
	crispWhatsAppApi: {
		parameters: { provider: 'crisp', resource: 'template', operation: 'list' },
		faultOn: ['crisp', '/templates'],
		wrong: { key: 'crisp-WRONG-key-98765' },
	},
};

/** The failure paths of a node run: what the sandbox does (or the credential), and the node options. */
const NODE_FAILURES = {
	'wrong secret (401)': { wrong: true, options: { maxRetries: 0 } },
	'429 after the retries': { fault: { kind: 'status', status: 429, retryAfterSeconds: 0, count: 2 }, options: { maxRetries: 1 } },
	'500': { fault: { kind: 'status', status: 500, count: 1 }, options: { maxRetries: 0 } },
	'connection reset': { fault: { kind: 'reset', count: 1 }, options: { maxRetries: 0 } },
	timeout: { fault: { kind: 'hang', count: 1 }, options: { maxRetries: 0, timeout: 300 } },
	'unreadable answer': { fault: { kind: 'malformedJson', count: 1 }, options: { maxRetries: 0 } },
};

const CASES = Object.keys(CREDENTIALS).flatMap((type) => Object.keys(NODE_FAILURES).map((failure) => [type, failure]));

describe('node failures: error, saved execution, continueOnFail items and n8n log free of every secret', () => {
	test.each(CASES)('%s, %s', async (type, failure) => {
		const c = CREDENTIALS[type];
		const f = NODE_FAILURES[failure];
		for (const continueOnFail of [false, true]) {
			sb.reset();
			const data = { ...sb.credentials[type], ...(f.wrong ? c.wrong : {}) };
			if (f.fault) sb.configure(c.faultOn[0], { faults: [{ ...f.fault, path: c.faultOn[1] }] });
			const { result: r, log } = await withLog(() =>
				runNode({
					nodeType: 'whatsAppGateway',
					parameters: { ...c.parameters, options: f.options },
					credentials: { [type]: data },
					continueOnFail,
				}),
			);
			// The failure really happened, and the log really holds it.
			if (continueOnFail) {
				expect(r.error).toBeUndefined();
				expect(r.items).toHaveLength(1);
				expect(typeof r.items[0].error).toBe('string');
				expect(log).toContain('Workflow execution finished successfully');
			} else {
				expect(r.error).toBeDefined();
				expect(log).toContain('Workflow execution finished with error');
				expect(log).toContain(JSON.stringify(r.error.message).slice(1, -1));
			}
			if (f.fault) expect(sb.knobs[c.faultOn[0]].faults[0].remaining).toBe(0);
			// The right secrets and the wrong ones given, and the session token the credential store now holds.
			const secrets = [...secretForms(type, sb.credentials[type]), ...secretForms(type, data), ...secretForms(type, r.credentialStore[type] ?? {})];
			expectFree(visibleOfRun(r, log), secrets);
		}
	});

	test('WSAPI wrong account key (401 on the account call): free of every WSAPI secret', async () => {
		const data = { ...sb.credentials.wsApiApi, accountApiKey: 'wsapi-WRONG-customer-key' };
		const { result: r, log } = await withLog(() =>
			runNode({ nodeType: 'whatsAppGateway', parameters: { ...CREDENTIALS.wsApiApi.parameters, options: { maxRetries: 0 } }, credentials: { wsApiApi: data } }),
		);
		expect(r.error.httpCode).toBe('401');
		expect(sb.log.map((e) => e.status)).toContain(401);
		expect(log).toContain('Workflow execution finished with error');
		expectFree(visibleOfRun(r, log), [...secretForms('wsApiApi', data), ...secretForms('wsApiApi', sb.credentials.wsApiApi)]);
	});
});

describe('credential test failures: the message and n8n log free of the secrets', () => {
	const FAILURES = {
		'wrong secret': { wrong: true },
		'429': { fault: { kind: 'status', status: 429, retryAfterSeconds: 0, count: 1 } },
		'500': { fault: { kind: 'status', status: 500, count: 1 } },
		'connection reset': { fault: { kind: 'reset', count: 1 } },
		// n8n's credential test judges the status only: a 200 it cannot read passes, except where our own
		// login parses the answer (On-Premises with a login). Either way its message is checked.
		'unreadable answer': { fault: { kind: 'malformedJson', count: 1 }, status: (type) => (type === 'whatsAppOnPremisesApi' ? 'Error' : 'OK') },
	};
	/** The request each credential's `test` makes first (for On-Premises with a login: the login itself). */
	const TESTED = {
		waApiApi: ['waapi', '/api/v1/instances'],
		whatsAppOnPremisesApi: ['onPremises', '/v1/users/login'],
		whatsAppOnPremisesApiKeyApi: ['onPremises', '/v1/health'],
		wsApiApi: ['wsapi', '/session/status'],
		crispWhatsAppApi: ['crisp', '/templates'],
	};
	const cases = Object.keys(TESTED).flatMap((type) => Object.keys(FAILURES).map((failure) => [type, failure]));

	test.each(cases)('%s, %s', async (type, failure) => {
		const f = FAILURES[failure];
		const [provider, path] = TESTED[type];
		const data = { ...sb.credentials[type], ...(f.wrong ? CREDENTIALS[type].wrong : {}) };
		if (f.fault) sb.configure(provider, { faults: [{ ...f.fault, path }] });
		const { result: r, log } = await withLog(() => testCredential({ type, data }));
		expect(r.status).toBe(f.status ? f.status(type) : 'Error');
		expect(typeof r.message).toBe('string');
		expect(sb.requests(provider, { path }).length).toBeGreaterThan(0);
		const secrets = [...secretForms(type, data), ...secretForms(type, sb.credentials[type]), ...secretForms(type, r.credentialStore[type] ?? {})];
		expectFree(JSON.stringify({ message: r.message, log }), secrets);
	});
});

describe('trigger activation failures: the error and n8n log free of the secrets, generated ones included', () => {
	/** Secrets the trigger generated and sent (a webhook token, a signing secret): 48 hex digits in a request body. */
	const generatedSecrets = () => [...new Set(JSON.stringify(sb.log.map((e) => e.body ?? null)).match(/[0-9a-f]{48}/g) ?? [])];

	const CASES = {
		'WaAPI, wrong API token': { provider: 'waapi', type: 'waApiApi', wrong: { apiToken: 'waapi-WRONG-token-123456' } },
		// WaAPI registers the trigger as a webhook subscription: its first request to that path.
		'WaAPI, 500 on writing the webhook': { provider: 'waapi', type: 'waApiApi', failWrite: ['/api/v1/instances/101/webhooks', 1] },
		'On-Premises, wrong password': { provider: 'onPremises', type: 'whatsAppOnPremisesApi', wrong: { password: 'Wrong-OnPrem-Passw0rd' } },
		'On-Premises, 500 on writing the webhook': { provider: 'onPremises', type: 'whatsAppOnPremisesApi', failWrite: ['/v1/settings/application', 2] },
		'WSAPI, wrong account key': { provider: 'wsapi', type: 'wsApiApi', wrong: { accountApiKey: 'wsapi-WRONG-customer-key' } },
		// No signing secret in the credential: the trigger generates one and sends it with the webhook.
		'WSAPI, 500 on writing the webhook with a generated secret': { provider: 'wsapi', type: 'wsApiApi', wrong: { webhookSigningSecret: '' }, failWrite: ['/account/instances/ins_demo1/settings', 1] },
	};

	// A webhook write is idempotent, so the 500 stays until its retries are spent.
	test.each(Object.keys(CASES))('%s', async (name) => {
		const c = CASES[name];
		const data = { ...sb.credentials[c.type], ...(c.wrong ?? {}) };
		const unhook = c.failWrite
			? atRequest(sb, c.provider, c.failWrite[0], c.failWrite[1], () => sb.configure(c.provider, { faults: [{ kind: 'status', status: 500, count: 10, path: c.failWrite[0] }] }))
			: undefined;
		/** @type {any} */
		let error;
		try {
			const { log } = await withLog(async () => {
				try {
					await runWebhookMethod({ method: 'create', parameters: params(c.provider, ['message.received']), credentials: { [c.type]: data }, staticData: {}, webhookUrl: WEBHOOK_URL });
				} catch (e) {
					error = e;
				}
			});
			expect(error).toBeDefined();
			expect(error.message).toMatch(c.failWrite ? /HTTP 500/ : /HTTP 401|check the username and password/);
			const generated = generatedSecrets();
			if (c.failWrite) expect(generated.length).toBeGreaterThan(0);
			const visible = JSON.stringify({ message: error.message, description: error.description, context: error.context, stack: error.stack, all: error, log });
			expectFree(visible, [...secretForms(c.type, data), ...secretForms(c.type, sb.credentials[c.type]), ...generated]);
		} finally {
			unhook?.();
		}
	});
});

describe('trigger refusals: the 401 answer and n8n log free of the secrets', () => {
	/** A provider-shaped call with a wrong token or signature; the node has its credential, as in n8n. */
	async function refused(provider, { query, headers = {}, raw }) {
		const credentials = provider === 'waapi' ? { waApiApi: sb.credentials.waApiApi } : provider === 'onPremises' ? { whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi } : provider === 'wsapi' ? { wsApiApi: sb.credentials.wsApiApi } : { crispWhatsAppApi: sb.credentials.crispWhatsAppApi };
		return await withLog(() =>
			triggerWebhook({
				parameters: params(provider, ['message.received', 'message.status', 'template.result']),
				credentials,
				staticData: provider === 'waapi' || provider === 'onPremises' ? registeredStaticData() : {},
				query,
				headers: { 'content-type': 'application/json', ...headers },
				rawBody: Buffer.from(raw),
			}),
		);
	}

	function expectRefusedAndFree(outcome, provider, type, extraSecrets) {
		const { result: r, log, lines } = outcome;
		expect(r.status).toBe(401);
		expect(r.workflowData).toBeUndefined();
		expect(lines).toBe(1);
		expect(log).toContain(`refused a ${findAdapter(provider).displayName} call`);
		expectFree(JSON.stringify({ body: r.body, headers: r.headers, log }), [...extraSecrets, ...secretForms(type, sb.credentials[type])]);
	}

	test.each([
		['waapi', 'waApiApi'],
		['onPremises', 'whatsAppOnPremisesApi'],
	])('%s: wrong token in the URL', async (provider, type) => {
		const raw = JSON.stringify(sb.eventBody(provider, provider === 'waapi' ? 'message' : 'status', {}));
		const guessed = 'guessed-token-0123456789abcdef';
		expectRefusedAndFree(await refused(provider, { query: { token: guessed }, raw }), provider, type, [TOKEN, guessed]);
	});

	test('crisp: wrong token in the URL (the Webhook Token parameter is the secret)', async () => {
		const raw = JSON.stringify(sb.eventBody('crisp', 'callback_success', {}));
		const guessed = `${CRISP_TOKEN}-guess`;
		expectRefusedAndFree(await refused('crisp', { query: { token: guessed }, raw }), 'crisp', 'crispWhatsAppApi', [CRISP_TOKEN, guessed]);
	});

	test('wsapi: signature made with another secret, and no signature at all', async () => {
		const raw = JSON.stringify(sb.eventBody('wsapi', 'message', {}));
		const given = sign(raw, 'not-the-signing-secret');
		// The signature the right secret gives: the trigger computes it and must not print it either.
		const right = sign(raw, sb.credentials.wsApiApi.webhookSigningSecret);
		expectRefusedAndFree(await refused('wsapi', { headers: { 'x-webhook-signature': given }, raw }), 'wsapi', 'wsApiApi', [given.slice(7), right.slice(7)]);
		expectRefusedAndFree(await refused('wsapi', { raw }), 'wsapi', 'wsApiApi', [right.slice(7)]);
	});
});

describe('WaAPI outputs: every operation, with the raw answers, free of the API token', () => {
	const creds = () => ({ waApiApi: sb.credentials.waApiApi });
	const token = () => sb.credentials.waApiApi.apiToken;
	const raw = { includeRaw: true };

	test.each([
		['instance.list', { resource: 'instance', operation: 'list', options: raw }],
		['instance.get', { resource: 'instance', operation: 'get', instanceId: rl('101'), options: raw }],
		['instance.updateWebhook', { resource: 'instance', operation: 'updateWebhook', instanceId: rl('101'), webhookUrl: 'https://example.com/hook', webhookEvents: ['message'], options: raw }],
		['contact.check', { resource: 'contact', operation: 'check', instanceId: rl('101'), phoneNumbers: '+49 151 2345678, 4915112345670, abc', options: raw }],
		['message.sendText', { resource: 'message', operation: 'sendText', instanceId: rl('101'), to: '+49 151 2345678', text: 'Hello', options: raw }],
	])('%s', async (_, parameters) => {
		const { result: r, log } = await withLog(() => runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'waapi', ...parameters }, credentials: creds() }));
		expect(r.error).toBeUndefined();
		expect(r.items.length).toBeGreaterThan(0);
		expect(r.items.every((i) => i.provider === 'waapi')).toBe(true);
		// The token went out on every request, so it was there to leak.
		expect(sb.log.length).toBeGreaterThan(0);
		expect(sb.log.every((e) => e.headers.authorization === `Bearer ${token()}`)).toBe(true);
		expectFree(visibleOfRun(r, log), secretForms('waApiApi', sb.credentials.waApiApi));
	});

	test('the instance list search', async () => {
		const { result: r, log } = await withLog(() => runListSearch({ nodeType: 'whatsAppGateway', method: 'searchInstances', parameters: { provider: 'waapi' }, credentials: creds() }));
		expect(r.results.length).toBe(sb.state.waapi.instances.length);
		expectFree(JSON.stringify({ r, log }), secretForms('waApiApi', sb.credentials.waApiApi));
	});

	test('an inner error under HTTP 200 and a 404, with continueOnFail: the items free of the token', async () => {
		sb.configure('waapi', { faults: [{ kind: 'innerError', count: 1 }] });
		const { result: r, log } = await withLog(() =>
			runNode({
				nodeType: 'whatsAppGateway',
				parameters: { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: rl('101'), to: '={{ $json.to }}', text: 'Hi', options: raw },
				credentials: creds(),
				input: [{ json: { to: '+49 151 2345678' } }, { json: { to: '+49 151 2345679' } }],
				continueOnFail: true,
			}),
		);
		expect(r.items.map((i) => typeof i.error)).toEqual(['string', 'undefined']);
		const notFound = await withLog(() =>
			runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'waapi', resource: 'instance', operation: 'get', instanceId: rl('999') }, credentials: creds(), continueOnFail: true }),
		);
		expect(notFound.result.items[0].error).toMatch(/HTTP 404/);
		expectFree(visibleOfRun(r, log) + visibleOfRun(notFound.result, notFound.log), secretForms('waApiApi', sb.credentials.waApiApi));
	});
});
