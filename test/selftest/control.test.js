// @ts-check
// The control endpoint drives the same sandbox from another process; the standalone script maps SANDBOX_PORT.
const { startSandbox } = require('../sandbox');
const { useSandbox } = require('../support/sandbox');
const { portsFromEnv } = require('../../scripts/sandbox');
const { call, startReceiver, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
afterAll(closeClient);

const wsapiStatus = () => call(`${sb.urls.wsapi}/session/status`, { headers: { 'x-api-key': sb.credentials.wsApiApi.apiKey, 'x-instance-id': sb.credentials.wsApiApi.instanceId } });

test('POST /configure/{provider} sets knobs', async () => {
	const r = await call(`${sb.urls.control}/configure/wsapi`, { method: 'POST', body: { paired: false } });
	expect(r.status).toBe(200);
	expect(r.json.paired).toBe(false);
	expect((await wsapiStatus()).json.isLoggedIn).toBe(false);
	const bad = await call(`${sb.urls.control}/configure/nope`, { method: 'POST', body: {} });
	expect(bad.status).toBe(400);
});

test('POST /events/{provider}/{kind} delivers an event', async () => {
	const receiver = await startReceiver();
	try {
		const r = await call(`${sb.urls.control}/events/waapi/message`, { method: 'POST', body: { url: receiver.url, text: 'via control' } });
		expect(r.status).toBe(200);
		expect(r.json.status).toBe(200);
		expect(receiver.received[0].json.data.message.body).toBe('via control');
	} finally {
		await receiver.close();
	}
});

test('GET /log filters by provider; POST /clear-log empties it', async () => {
	await wsapiStatus();
	await call(`${sb.urls.waapi}/instances`);
	const r = await call(`${sb.urls.control}/log?provider=wsapi`);
	expect(r.json).toHaveLength(1);
	expect(r.json[0]).toMatchObject({ provider: 'wsapi', method: 'GET', path: '/session/status', status: 200 });
	await call(`${sb.urls.control}/clear-log`, { method: 'POST' });
	expect(sb.log).toHaveLength(0);
});

test('POST /expire-tokens, GET /state and POST /reset', async () => {
	const c = sb.credentials.whatsAppOnPremisesApi;
	const login = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` } });
	const token = login.json.users[0].token;
	await call(`${sb.urls.control}/expire-tokens`, { method: 'POST' });
	expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
	sb.state.waapi.instances[0].webhook_url = 'https://example.com/x';
	const state = await call(`${sb.urls.control}/state`);
	expect(state.json.waapi.instances[0].webhook_url).toBe('https://example.com/x');
	expect(Object.keys(state.json).sort()).toEqual(['cloud', 'crisp', 'inboundMedia', 'onPremises', 'waapi', 'wsapi']);
	await call(`${sb.urls.control}/reset`, { method: 'POST' });
	expect(sb.state.waapi.instances[0].webhook_url).toBeNull();
});

test('unknown control route → 404', async () => {
	expect((await call(`${sb.urls.control}/nothing`)).status).toBe(404);
});

test('SANDBOX_PORT maps to fixed ports; fixed ports are honoured', async () => {
	expect(portsFromEnv({ SANDBOX_PORT: '3900' })).toEqual({ control: 3900, waapi: 3901, onPremises: 3902, wsapi: 3903, crisp: 3904, cloud: 3905 });
	expect(portsFromEnv({})).toEqual({});
	expect(() => portsFromEnv({ SANDBOX_PORT: 'x' })).toThrow();
	// A port just freed can be taken by a suite running beside this one before it is asked for again: then
	// another is probed (at most three times).
	let free = 0;
	let fixed;
	for (let attempt = 1; !fixed; attempt++) {
		const probe = await startSandbox();
		free = Number(new URL(probe.urls.wsapi).port);
		await probe.close();
		try {
			fixed = await startSandbox({ ports: { wsapi: free } });
		} catch (error) {
			if (attempt >= 3 || !/EADDRINUSE/.test(String(error.message))) throw error;
		}
	}
	try {
		expect(fixed.urls.wsapi).toBe(`http://127.0.0.1:${free}`);
	} finally {
		await fixed.close();
	}
});

test('startSandbox({ port }) lays the listeners out from a base port', async () => {
	const probe = await startSandbox();
	const base = Number(new URL(probe.urls.control).port);
	await probe.close();
	// the five ports after a just-freed one are very likely free; skip the check (not the test) if not
	let fixed;
	try {
		fixed = await startSandbox({ port: base });
	} catch (error) {
		expect(String(error.message)).toMatch(/EADDRINUSE/);
		return;
	}
	try {
		expect(fixed.urls.control).toBe(`http://127.0.0.1:${base}`);
		expect(fixed.urls.waapi).toBe(`http://127.0.0.1:${base + 1}/api/v1`);
		expect(fixed.urls.crisp).toBe(`http://127.0.0.1:${base + 4}/urn:crisp.im:whatsapp:0/wa/api/website`);
		expect(fixed.urls.cloud).toBe(`http://127.0.0.1:${base + 5}`);
	} finally {
		await fixed.close();
	}
});
