// @ts-check
// The harness itself, with fixture node and credential types (test fixtures, not our code) against a
// loopback server: a login credential with preAuthentication, a programmatic node, a trigger.
const http = require('node:http');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const { runNode, runListSearch, testCredential, triggerWebhook, runWebhookMethod, registerCredentialType } = require('.');

class FixtureLoginApi {
	name = 'fixtureLoginApi';
	displayName = 'Fixture Login API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'User', name: 'user', type: 'string', default: 'admin' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Session Token', name: 'sessionToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
	];
	async preAuthentication(credentials) {
		const res = await this.helpers.httpRequest({ method: 'POST', url: `${credentials.baseUrl}/login`, auth: { username: credentials.user, password: credentials.password }, json: true });
		return { sessionToken: res.token };
	}
	authenticate = { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } } };
	test = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/items', method: 'GET' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'The fixture said no' } }],
	};
}
class FixtureKeyApi {
	name = 'fixtureKeyApi';
	displayName = 'Fixture Key API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' },
	];
	async authenticate(credentials, requestOptions) {
		if (String(credentials.key).length < 3) throw new Error('The key must have at least 3 characters');
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Key': credentials.key } };
	}
	test = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/items' },
		rules: [{ type: 'responseSuccessBody', properties: { key: 'status', value: 'error', message: 'Body says error' } }],
	};
}
registerCredentialType(new FixtureLoginApi());
registerCredentialType(new FixtureKeyApi());

class FixtureNode {
	description = {
		displayName: 'Fixture', name: 'fixture', group: ['output'], version: 1, defaults: { name: 'Fixture' },
		inputs: ['main'], outputs: ['main'], credentials: [{ name: 'fixtureLoginApi', required: false }, { name: 'fixtureKeyApi', required: false }],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'fetch' },
			{ displayName: 'Credential', name: 'credentialType', type: 'string', default: 'fixtureLoginApi' },
		],
	};
	methods = {
		listSearch: {
			async searchItems(filter) {
				const creds = await this.getCredentials('fixtureLoginApi');
				const items = await this.helpers.httpRequestWithAuthentication.call(this, 'fixtureLoginApi', { url: `${creds.baseUrl}/items`, json: true });
				return { results: items.items.filter((i) => !filter || i.includes(filter)).map((i) => ({ name: i, value: i })) };
			},
		},
	};
	async execute() {
		const out = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const mode = this.getNodeParameter('mode', i);
			const type = this.getNodeParameter('credentialType', i);
			try {
				if (mode === 'throw') throw new NodeOperationError(this.getNode(), `Item ${i} is bad`, { itemIndex: i, description: 'a hint' });
				const creds = await this.getCredentials(type);
				const r = await this.helpers.httpRequestWithAuthentication.call(this, type, { url: `${creds.baseUrl}/items`, json: true });
				out.push({ json: { n: i, ...r }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeOperationError || error instanceof NodeApiError) throw error;
				throw new NodeApiError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [out];
	}
}

class FixtureTrigger {
	description = {
		displayName: 'Fixture Trigger', name: 'fixtureTrigger', group: ['trigger'], version: 1, defaults: { name: 'Fixture Trigger' },
		inputs: [], outputs: ['main'], credentials: [{ name: 'fixtureLoginApi', required: false }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [{ displayName: 'Ack Only', name: 'ackOnly', type: 'boolean', default: false }],
	};
	webhookMethods = {
		default: {
			async checkExists() {
				return this.getWorkflowStaticData('node').registered === this.getNodeWebhookUrl('default');
			},
			async create() {
				const data = this.getWorkflowStaticData('node');
				data.registered = this.getNodeWebhookUrl('default');
				data.token = 'tok-123';
				return true;
			},
			async delete() {
				delete this.getWorkflowStaticData('node').registered;
				return true;
			},
		},
	};
	async webhook() {
		const req = this.getRequestObject();
		const query = this.getQueryData();
		const data = this.getWorkflowStaticData('node');
		if (query.token !== data.token) {
			this.getResponseObject().status(401).json({ message: 'bad token' });
			return { noWebhookResponse: true };
		}
		data.seen = (data.seen ?? 0) + 1;
		if (this.getNodeParameter('ackOnly')) return { webhookResponse: { ok: true } };
		const body = this.getBodyData();
		return { workflowData: [[{ json: { ...body, rawLength: req.rawBody.length, header: this.getHeaderData()['x-test'] } }]] };
	}
}

/** @type {http.Server} */
let server;
let baseUrl = '';
const state = { logins: 0, token: '', seen: [] };

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			state.seen.push({ url: req.url, headers: req.headers });
			res.setHeader('content-type', 'application/json');
			if (req.url === '/login') {
				const expected = `Basic ${Buffer.from('admin:secret-pw').toString('base64')}`;
				if (req.headers.authorization !== expected) { res.statusCode = 401; return res.end('{"error":"bad login"}'); }
				state.logins += 1;
				state.token = `tok${state.logins}`;
				return res.end(JSON.stringify({ token: state.token }));
			}
			if (req.headers['x-key'] === 'good') return res.end(JSON.stringify({ status: 'ok', items: ['a'] }));
			if (req.headers['x-key'] === 'errorbody') return res.end(JSON.stringify({ status: 'error', items: [] }));
			if (req.headers.authorization !== `Bearer ${state.token}` || !state.token) { res.statusCode = 401; return res.end('{"error":"unauthorized"}'); }
			return res.end(JSON.stringify({ items: ['alpha', 'beta'] }));
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	baseUrl = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;
});
afterAll(async () => {
	await new Promise((r) => server.close(() => r(undefined)));
});
beforeEach(() => {
	state.logins = 0;
	state.token = '';
	state.seen = [];
});

const loginCreds = () => ({ fixtureLoginApi: { baseUrl, password: 'secret-pw' } });

describe('runNode', () => {
	test('runs the node through WorkflowExecute, logs in once, keeps the token in the store', async () => {
		const r = await runNode({ nodeType: new FixtureNode(), credentials: loginCreds(), input: [{ json: {} }, { json: {} }] });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ n: 0, items: ['alpha', 'beta'] }, { n: 1, items: ['alpha', 'beta'] }]);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(state.logins).toBe(1);
		expect(r.credentialStore.fixtureLoginApi.sessionToken).toBe('tok1');
		expect(r.credentialsHelper.preAuthentications).toEqual([{ type: 'fixtureLoginApi', expired: false, testing: false }]);
	});

	test('a stored token is reused; a 401 makes n8n-core log in again once and retry', async () => {
		const first = await runNode({ nodeType: new FixtureNode(), credentials: loginCreds() });
		expect(state.logins).toBe(1);
		const again = await runNode({ nodeType: new FixtureNode(), credentials: first.credentialStore });
		expect(again.items).toHaveLength(1);
		expect(state.logins).toBe(1);
		state.token = 'rotated-by-server';
		const refreshed = await runNode({ nodeType: new FixtureNode(), credentials: again.credentialStore });
		expect(refreshed.error).toBeUndefined();
		expect(state.logins).toBe(2);
		expect(refreshed.credentialStore.fixtureLoginApi.sessionToken).toBe('tok2');
		expect(refreshed.credentialsHelper.preAuthentications).toEqual([{ type: 'fixtureLoginApi', expired: true, testing: false }]);
	});

	test('returns the real error object the node threw', async () => {
		const r = await runNode({ nodeType: new FixtureNode(), parameters: { mode: 'throw' }, credentials: loginCreds(), input: [{ json: {} }] });
		expect(r.error).toBeInstanceOf(NodeOperationError);
		expect(r.error.message).toBe('Item 0 is bad');
		expect(r.error.description).toBe('a hint');
		expect(r.error.context.itemIndex).toBe(0);
		expect(r.items).toEqual([]);
	});

	test('an HTTP failure comes back as a NodeApiError with its httpCode', async () => {
		const r = await runNode({ nodeType: new FixtureNode(), credentials: { fixtureLoginApi: { baseUrl, password: 'wrong' } } });
		expect(r.error).toBeInstanceOf(NodeApiError);
		expect(r.error.httpCode).toBe('401');
	});

	test('continueOnFail is the node setting onError: continueRegularOutput', async () => {
		const r = await runNode({ nodeType: new FixtureNode(), parameters: { mode: 'throw' }, credentials: loginCreds(), input: [{ json: {} }], continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ error: 'Item 0 is bad' }]);
	});

	test('a function authenticate that throws stops the request', async () => {
		const r = await runNode({ nodeType: new FixtureNode(), parameters: { credentialType: 'fixtureKeyApi' }, credentials: { fixtureKeyApi: { baseUrl, key: 'ab' } } });
		expect(r.error).toBeInstanceOf(NodeApiError);
		expect(r.error.message).toContain('at least 3 characters');
		expect(state.seen).toEqual([]);
	});
});

describe('runListSearch', () => {
	test('runs methods.listSearch with a real LoadOptionsContext', async () => {
		const r = await runListSearch({ nodeType: new FixtureNode(), method: 'searchItems', credentials: loginCreds(), filter: 'al' });
		expect(r).toEqual({ results: [{ name: 'alpha', value: 'alpha' }] });
	});
});

describe('testCredential', () => {
	test('n8n logs in for a credential test and reports success', async () => {
		const r = await testCredential({ type: 'fixtureLoginApi', data: { baseUrl, password: 'secret-pw' } });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(state.logins).toBe(1);
		expect(r.credentialsHelper.preAuthentications[0].testing).toBe(true);
	});
	test('a failing login is reported with its own message', async () => {
		const r = await testCredential({ type: 'fixtureLoginApi', data: { baseUrl, password: 'nope' } });
		expect(r.status).toBe('Error');
		expect(state.logins).toBe(0);
	});
	test('responseCode and responseSuccessBody rules', async () => {
		state.token = 'x'; // the login credential test always logs in first, so use the key one for bodies
		expect(await testCredential({ type: 'fixtureKeyApi', data: { baseUrl, key: 'good' } })).toMatchObject({ status: 'OK' });
		expect(await testCredential({ type: 'fixtureKeyApi', data: { baseUrl, key: 'errorbody' } })).toMatchObject({ status: 'Error', message: 'Body says error' });
		const short = await testCredential({ type: 'fixtureKeyApi', data: { baseUrl, key: 'ab' } });
		expect(short.status).toBe('Error');
		expect(short.message).toContain('at least 3 characters');
	});
});

describe('triggerWebhook / runWebhookMethod', () => {
	test('create/checkExists/delete see the given production URL and static data', async () => {
		const staticData = {};
		const webhookUrl = 'https://n8n.example.com/webhook/abc-123/webhook';
		const before = await runWebhookMethod({ nodeType: new FixtureTrigger(), method: 'checkExists', staticData, webhookUrl });
		expect(before.result).toBe(false);
		const created = await runWebhookMethod({ nodeType: new FixtureTrigger(), method: 'create', staticData, webhookUrl });
		expect(created.result).toBe(true);
		expect(staticData).toEqual({ registered: webhookUrl, token: 'tok-123' });
		expect((await runWebhookMethod({ nodeType: new FixtureTrigger(), method: 'checkExists', staticData, webhookUrl })).result).toBe(true);
		await runWebhookMethod({ nodeType: new FixtureTrigger(), method: 'delete', staticData, webhookUrl });
		expect(staticData).toEqual({ token: 'tok-123' });
	});

	test('a valid call starts a run: 200 "Workflow was started", items, rawBody, static data mutated', async () => {
		const staticData = { token: 't1' };
		const r = await triggerWebhook({ nodeType: new FixtureTrigger(), staticData, query: { token: 't1' }, headers: { 'x-test': 'yes' }, body: { hello: 'world' } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ message: 'Workflow was started' });
		expect(r.items).toEqual([{ hello: 'world', rawLength: 17, header: 'yes' }]);
		expect(staticData.seen).toBe(1);
	});

	test('the node answering itself (401) and acknowledgements without a run', async () => {
		const denied = await triggerWebhook({ nodeType: new FixtureTrigger(), staticData: { token: 't1' }, query: { token: 'bad' }, body: { a: 1 } });
		expect(denied).toMatchObject({ status: 401, body: { message: 'bad token' }, noWebhookResponse: true, items: [] });
		const ack = await triggerWebhook({ nodeType: new FixtureTrigger(), parameters: { ackOnly: true }, staticData: { token: 't1' }, query: { token: 't1' }, body: { a: 1 } });
		expect(ack).toMatchObject({ status: 200, body: { ok: true }, items: [] });
	});

	test('unparsable JSON gets n8n\'s 422 and the trigger does not run', async () => {
		const staticData = { token: 't1' };
		const r = await triggerWebhook({ nodeType: new FixtureTrigger(), staticData, query: { token: 't1' }, headers: { 'content-type': 'application/json' }, rawBody: '{"broken' });
		expect(r.status).toBe(422);
		expect(r.ran).toBe(false);
		expect(staticData.seen).toBeUndefined();
	});
});
