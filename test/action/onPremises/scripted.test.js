// @ts-check
// Answers the sandbox does not give (its Webapp is a single instance and refuses bad sends with 1013 only):
// a one-route stand-in Webapp on 127.0.0.1 answers Meta's documented shapes (multiconnect health, 470, 1008),
// and the node still runs through n8n's engine over real HTTP.
const http = require('node:http');
const { runNode } = require('../../harness');

/** @type {http.Server} */
let server;
let baseUrl = '';
/** @type {{ method: string, path: string, headers: any, body: any }[]} */
let received = [];
/** @type {Record<string, { status: number, body: any }>} */
let routes = {};

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
			const route = routes[`${req.method} ${req.url}`] ?? { status: 404, body: { errors: [{ code: 1006, title: 'Resource not found' }] } };
			res.writeHead(route.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(route.body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(() => resolve(undefined)));
});
beforeEach(() => {
	received = [];
	routes = {
		'POST /v1/users/login': { status: 200, body: { users: [{ token: 'scripted-token', expires_after: '2030-01-01 00:00:00+00:00' }] } },
	};
});

const login = () => ({ whatsAppOnPremisesApi: { baseUrl, username: 'admin', password: 'scripted-password-1', ignoreSslIssues: false } });
const apiKey = () => ({ whatsAppOnPremisesApiKeyApi: { baseUrl, apiKey: 'scripted-api-key-123456', ignoreSslIssues: false } });

test('multiconnect health: the worst state of the primary master and the coreapps (standby masters ignored)', async () => {
	routes['GET /v1/health'] = {
		status: 200,
		body: {
			health: {
				'wa-1:master-1': { gateway_status: 'connected', role: 'primary_master' },
				'wa-2:master-2': { gateway_status: 'disconnected', role: 'secondary_master' },
				'wa-1:coreapp-1': { gateway_status: 'connected', role: 'coreapp' },
				'wa-2:coreapp-2': { gateway_status: 'connecting', role: 'coreapp' },
			},
			meta: { api_status: 'stable', version: 'v2.41.2' },
		},
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: 'apiKey', resource: 'instance', operation: 'get' },
		credentials: apiKey(),
	});
	expect(r.error).toBeUndefined();
	expect(r.items).toEqual([
		{ provider: 'onPremises', id: 'default', name: 'WhatsApp On-Premises v2.41.2', status: 'connecting', webhookUrl: null, webhookEvents: [] },
	]);
	expect(received.map((e) => `${e.method} ${e.path} ${e.headers.authorization}`)).toEqual(['GET /v1/health Apikey scripted-api-key-123456']);
});

test('470 outside the 24-hour window: the provider message and the "send a template" hint', async () => {
	routes['POST /v1/messages'] = {
		status: 400,
		body: {
			meta: { api_status: 'stable', version: 'v2.41.2' },
			errors: [
				{
					code: 470,
					title: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
					details: 'Use a message template',
				},
			],
		},
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: 'login', resource: 'message', operation: 'sendText', to: '15162837151', text: 'Hi' },
		credentials: login(),
	});
	expect(r.error).toBeDefined();
	expect(r.error.message).toBe(
		'WhatsApp On-Premises could not send a text message (item 0): Message failed to send because more than 24 hours have passed since the customer last replied to this number: Use a message template [HTTP 400, code 470]',
	);
	expect(r.error.description).toBe(
		'The last message from this user is more than 24 hours old: send a template message instead of free text.',
	);
	const sends = received.filter((e) => e.path === '/v1/messages');
	expect(sends).toHaveLength(1);
	expect(sends[0].headers.authorization).toBe('Bearer scripted-token');
	expect(JSON.stringify([r.error.message, r.error.description])).not.toContain('scripted-password-1');
});

test('1008 required parameter missing: code and details in the message', async () => {
	routes['POST /v1/messages'] = {
		status: 400,
		body: { meta: { version: 'v2.41.2' }, errors: [{ code: 1008, title: 'Required parameter is missing', details: 'Parameter "template.language" is missing' }] },
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: {
			provider: 'onPremises',
			authentication: 'login',
			resource: 'message',
			operation: 'sendTemplate',
			to: '15162837151',
			templateName: 'hello_world',
			templateLanguage: 'en_US',
			templateNamespace: 'ns_1',
		},
		credentials: login(),
		continueOnFail: true,
	});
	expect(r.items).toHaveLength(1);
	expect(r.output[0].pairedItem).toEqual({ item: 0 });
	expect(r.items[0]).toMatchObject({
		error:
			'WhatsApp On-Premises could not send a template message (item 0): Required parameter is missing: Parameter "template.language" is missing [HTTP 400, code 1008]',
		provider: 'onPremises',
		httpStatus: 400,
		code: 1008,
	});
});

test('an answer of an unexpected shape is a clear error naming the field, not a crash', async () => {
	routes['POST /v1/messages'] = { status: 200, body: { messages: [] } };
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: 'login', resource: 'message', operation: 'sendText', to: '15162837151', text: 'Hi' },
		credentials: login(),
	});
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/could not send a text message \(item 0\): the answer had an unexpected shape \(messages: /);
	// A send whose answer cannot be read may have gone out: not repeated.
	expect(received.filter((e) => e.path === '/v1/messages')).toHaveLength(1);
});

test('contacts answered in another order and with the inputs echoed as sent are matched by number', async () => {
	routes['POST /v1/contacts'] = {
		status: 200,
		body: {
			contacts: [
				{ input: '+15162837152', status: 'invalid' },
				{ input: '+15162837151', status: 'valid', wa_id: '15162837151' },
				{ input: '+15162837153', status: 'processing' },
			],
			meta: { version: '2.41.2' },
		},
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: {
			provider: 'onPremises',
			authentication: 'login',
			resource: 'contact',
			operation: 'check',
			phoneNumbers: '+1 516 283 7151; +1 516 283 7152; +1 516 283 7153',
		},
		credentials: login(),
	});
	expect(r.error).toBeUndefined();
	expect(r.items.map((i) => [i.phone, i.status, i.exists, i.waId, i.reliable])).toEqual([
		['15162837151', 'valid', true, '15162837151', true],
		['15162837152', 'invalid', false, null, true],
		['15162837153', 'processing', null, null, true],
	]);
	const [call] = received.filter((e) => e.path === '/v1/contacts');
	expect(call.body).toEqual({ blocking: 'wait', contacts: ['+15162837151', '+15162837152', '+15162837153'] });
});

test('a contacts answer missing a number: under continueOnFail the batch is marked "error" naming it', async () => {
	routes['POST /v1/contacts'] = {
		status: 200,
		body: { contacts: [{ input: '+15162837151', status: 'valid', wa_id: '15162837151' }], meta: { version: 'v2.41.2' } },
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: {
			provider: 'onPremises',
			authentication: 'login',
			resource: 'contact',
			operation: 'check',
			phoneNumbers: '15162837151, 15162837152',
			options: { maxRetries: 0 },
		},
		credentials: login(),
		continueOnFail: true,
	});
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(2);
	for (const item of r.items) {
		expect(item.status).toBe('error');
		expect(item.error).toBe('the answer has no result for 1 number (15162837152)');
	}
});
