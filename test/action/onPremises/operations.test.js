// @ts-check
// On-Premises operations of the WhatsApp Gateway node, run by n8n's engine against the sandbox over HTTP:
// what the node outputs and exactly what the provider received.
const { useSandbox } = require('../../support/sandbox');
const { basic, runOnPrem, authOf } = require('./helpers');

const sb = useSandbox();

const secrets = () => [sb.credentials.whatsAppOnPremisesApi.password, sb.credentials.whatsAppOnPremisesApiKeyApi.apiKey];

/** No secret and no session token anywhere in what the node gave back. */
function expectNoSecrets(result) {
	const text = JSON.stringify({ items: result.items, error: result.error && { message: result.error.message, description: result.error.description } });
	for (const secret of secrets()) expect(text).not.toContain(secret);
	for (const token of Object.keys(sb.state.onPremises.tokens)) expect(text).not.toContain(token);
}

describe('instance.get (GET /v1/health)', () => {
	test('login credential: logs in with Basic, then reads health with the Bearer token', async () => {
		const r = await runOnPrem(sb, { resource: 'instance', operation: 'get' });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{
				provider: 'onPremises',
				id: 'default',
				name: 'WhatsApp On-Premises v2.41.2',
				status: 'connected',
				webhookUrl: null,
				webhookEvents: [],
			},
		]);
		expect(r.output[0].pairedItem).toEqual({ item: 0 });

		const logins = sb.requests('onPremises', { path: '/v1/users/login' });
		expect(logins).toHaveLength(1);
		expect(logins[0].method).toBe('POST');
		expect(authOf(logins[0])).toBe(basic('admin', sb.credentials.whatsAppOnPremisesApi.password));

		const health = sb.requests('onPremises', { path: '/v1/health' });
		expect(health).toHaveLength(1);
		expect(health[0].method).toBe('GET');
		const token = Object.keys(sb.state.onPremises.tokens)[0];
		expect(authOf(health[0])).toBe(`Bearer ${token}`);
		expect(health[0].status).toBe(200);
		expectNoSecrets(r);
	});

	test('API-key credential: `Authorization: Apikey …`, no login', async () => {
		sb.state.onPremises.gatewayStatus = 'disconnected';
		const r = await runOnPrem(sb, { resource: 'instance', operation: 'get', options: { includeRaw: true } }, { apiKey: true });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ provider: 'onPremises', id: 'default', status: 'disconnected', webhookUrl: null, webhookEvents: [] });
		expect(r.items[0].raw).toEqual({ health: { gateway_status: 'disconnected' }, meta: { api_status: 'stable', version: 'v2.41.2' } });

		expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(0);
		const [health] = sb.requests('onPremises', { path: '/v1/health' });
		expect(authOf(health)).toBe(`Apikey ${sb.credentials.whatsAppOnPremisesApiKeyApi.apiKey}`);
		expect(health.status).toBe(200);
		expectNoSecrets(r);
	});

	test('a base URL written with a trailing /v1/ still reaches /v1/health', async () => {
		const r = await runOnPrem(sb, { resource: 'instance', operation: 'get' }, {
			apiKey: true,
			credentials: { baseUrl: `${sb.urls.onPremises}/v1/` },
		});
		expect(r.error).toBeUndefined();
		expect(sb.requests('onPremises').map((e) => e.path)).toEqual(['/v1/health']);
	});

	test('a wrong API key: NodeApiError with HTTP 401, the provider message and the credential hint', async () => {
		const r = await runOnPrem(sb, { resource: 'instance', operation: 'get' }, { apiKey: true, credentials: { apiKey: 'wrong-key-0123456789' } });
		expect(r.error).toBeDefined();
		expect(r.error.message).toContain('WhatsApp On-Premises could not read the health of the client');
		expect(r.error.message).toContain('Access denied: Invalid API key');
		expect(r.error.message).toContain('[HTTP 401, code 1005]');
		expect(r.error.description).toMatch(/refused the credential/);
		expect(r.error.httpCode).toBe('401');
		expect(JSON.stringify(r.error.message)).not.toContain('wrong-key-0123456789');
	});
});

describe('message.sendText (POST /v1/messages type text)', () => {
	test('to a number in any writing: digits, individual, preview off', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '+49 (151) 234-5678', text: 'Hello from n8n' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		const [item] = r.items;
		expect(item).toEqual({ provider: 'onPremises', to: '491512345678', status: 'sent', messageId: expect.any(String), requestId: null });
		expect(item.messageId).toMatch(/^gBEG/);

		const sends = sb.requests('onPremises', { path: '/v1/messages' });
		expect(sends).toHaveLength(1);
		expect(sends[0].method).toBe('POST');
		expect(authOf(sends[0])).toMatch(/^Bearer \S+$/);
		expect(sends[0].headers['content-type']).toMatch(/application\/json/);
		expect(sends[0].body).toEqual({
			recipient_type: 'individual',
			to: '491512345678',
			type: 'text',
			preview_url: false,
			text: { body: 'Hello from n8n' },
		});
		expectNoSecrets(r);
	});

	test('to a group id: recipient_type group with the bare group id; output keeps the id as given', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '491512345678-1583871960@g.us', text: 'Hi all' });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'onPremises', to: '491512345678-1583871960@g.us', status: 'sent' });
		const [send] = sb.requests('onPremises', { path: '/v1/messages' });
		expect(send.body).toEqual({
			recipient_type: 'group',
			to: '491512345678-1583871960',
			type: 'text',
			preview_url: false,
			text: { body: 'Hi all' },
		});
	});

	test('includeRaw adds the provider answer', async () => {
		const r = await runOnPrem(sb, {
			resource: 'message',
			operation: 'sendText',
			to: '491512345678',
			text: 'x',
			options: { includeRaw: true },
		});
		expect(r.items[0].raw).toEqual({ messages: [{ id: r.items[0].messageId }], meta: { api_status: 'stable', version: 'v2.41.2' } });
	});

	test('1013 user not valid: message, code and hint; nothing retried', async () => {
		// The sandbox's rule: a number ending in 0 or 5 is not on WhatsApp.
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '491512345670', text: 'Hi' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toBe(
			'WhatsApp On-Premises could not send a text message (item 0): User is not valid: Recipient is not a valid WhatsApp user [HTTP 400, code 1013]',
		);
		expect(r.error.description).toBe(
			'The recipient is not a valid WhatsApp user: check the number (with country code) or run Check Contacts first.',
		);
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(1);
	});

	test('wrong password: the login fails with 401 and the message says to check username and password', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '491512345678', text: 'Hi' }, {
			credentials: { password: 'not-the-password' },
		});
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/401/);
		expect(r.error.message).toMatch(/username and password/);
		expect(JSON.stringify([r.error.message, r.error.description])).not.toContain('not-the-password');
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(0);
		const logins = sb.requests('onPremises', { path: '/v1/users/login' });
		expect(logins.length).toBeGreaterThanOrEqual(1);
		expect(logins.every((e) => e.status === 401)).toBe(true);
	});

	test('429 is retried (nothing was sent) and the message goes out once', async () => {
		sb.configure('onPremises', { faults: [{ kind: 'status', status: 429, count: 2, path: '/v1/messages', retryAfterSeconds: 0 }] });
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '491512345678', text: 'Hi' });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ status: 'sent', to: '491512345678' });
		const sends = sb.requests('onPremises', { path: '/v1/messages' });
		expect(sends.map((e) => e.status)).toEqual([429, 429, 200]);
		// The same message each time.
		expect(new Set(sends.map((e) => JSON.stringify(e.body))).size).toBe(1);
	});

	test('a 500 after the body left is not retried (the message may have gone out)', async () => {
		sb.configure('onPremises', { faults: [{ kind: 'status', status: 500, count: 1, path: '/v1/messages' }] });
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '491512345678', text: 'Hi' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toBe(
			'WhatsApp On-Premises could not send a text message (item 0): Internal error: Internal Server Error [HTTP 500, code 1014]',
		);
		expect(r.error.description).toMatch(/internal error/i);
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(1);
	});

	test('a 503 on a send with "retry sends that may duplicate" on is retried', async () => {
		sb.configure('onPremises', { faults: [{ kind: 'status', status: 503, count: 1, path: '/v1/messages', retryAfterSeconds: 0 }] });
		const r = await runOnPrem(sb, {
			resource: 'message',
			operation: 'sendText',
			to: '491512345678',
			text: 'Hi',
			options: { retryPossibleDuplicates: true },
		});
		expect(r.error).toBeUndefined();
		expect(sb.requests('onPremises', { path: '/v1/messages' }).map((e) => e.status)).toEqual([503, 200]);
	});

	test('continueOnFail: the failing item outputs its error with pairedItem, the others are sent', async () => {
		const r = await runOnPrem(
			sb,
			{ resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: 'Hi' },
			{ continueOnFail: true, input: [{ json: { to: '491512345671' } }, { json: { to: '491512345675' } }, { json: { to: '491512345672' } }] },
		);
		expect(r.output).toHaveLength(3);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(r.items[0]).toMatchObject({ status: 'sent', to: '491512345671' });
		expect(r.items[1].error).toMatch(/User is not valid/);
		expect(r.items[1]).toMatchObject({ code: 1013, httpStatus: 400, hint: expect.stringMatching(/not a valid WhatsApp user/) });
		expect(r.items[2]).toMatchObject({ status: 'sent', to: '491512345672' });
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(3);
	});

	test('continueOnFail off: the run stops at the failing item', async () => {
		const r = await runOnPrem(
			sb,
			{ resource: 'message', operation: 'sendText', to: '={{ $json.to }}', text: 'Hi' },
			{ input: [{ json: { to: '491512345671' } }, { json: { to: '491512345675' } }, { json: { to: '491512345672' } }] },
		);
		expect(r.error).toBeDefined();
		expect(r.error.message).toContain('(item 1)');
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(2);
	});

	test('an impossible number makes no request', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '12', text: 'Hi' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/Invalid recipient/);
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(0);
	});
});

describe('message.sendTemplate (POST /v1/messages type template / hsm)', () => {
	const base = {
		resource: 'message',
		operation: 'sendTemplate',
		to: '+1 (516) 283-7151',
		templateName: 'purchase_with_credit_card',
		templateLanguage: 'en_US',
		templateNamespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e',
	};

	test('with body parameters: template with namespace, deterministic language and a body component', async () => {
		const r = await runOnPrem(sb, { ...base, bodyParameters: { parameters: [{ text: '$10' }, { text: '1234' }] } });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'onPremises', to: '15162837151', status: 'sent', messageId: expect.stringMatching(/^gBEG/), requestId: null }]);
		const sends = sb.requests('onPremises', { path: '/v1/messages' });
		expect(sends).toHaveLength(1);
		expect(authOf(sends[0])).toMatch(/^Bearer /);
		expect(sends[0].body).toEqual({
			recipient_type: 'individual',
			to: '15162837151',
			type: 'template',
			template: {
				namespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e',
				name: 'purchase_with_credit_card',
				language: { policy: 'deterministic', code: 'en_US' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: '$10' }, { type: 'text', text: '1234' }] }],
			},
		});
	});

	test('without parameters: no components', async () => {
		const r = await runOnPrem(sb, { ...base, templateName: 'hello_world' });
		expect(r.error).toBeUndefined();
		const [send] = sb.requests('onPremises', { path: '/v1/messages' });
		expect(send.body.template).toEqual({
			namespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e',
			name: 'hello_world',
			language: { policy: 'deterministic', code: 'en_US' },
		});
	});

	test('legacy hsm form', async () => {
		const r = await runOnPrem(sb, { ...base, bodyParameters: { parameters: [{ text: '$10' }, { text: '1234' }] }, options: { legacyHsm: true } });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ status: 'sent', to: '15162837151' });
		const [send] = sb.requests('onPremises', { path: '/v1/messages' });
		expect(send.body).toEqual({
			recipient_type: 'individual',
			to: '15162837151',
			type: 'hsm',
			hsm: {
				namespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e',
				element_name: 'purchase_with_credit_card',
				language: { policy: 'deterministic', code: 'en_US' },
				localizable_params: [{ default: '$10' }, { default: '1234' }],
			},
		});
	});

	test('a namespace that comes out empty: a clear error and no request', async () => {
		// A literal empty namespace is refused by n8n before the run (the parameter is required); an
		// expression that gives '' reaches the node.
		const r = await runOnPrem(sb, { ...base, templateNamespace: '={{ $json.namespace }}' }, { input: [{ json: { namespace: '' } }] });
		expect(r.error).toBeDefined();
		expect(r.error.message).toContain('could not send a template message (item 0): the template namespace is empty');
		expect(sb.requests('onPremises', { path: '/v1/messages' })).toHaveLength(0);
	});
});
