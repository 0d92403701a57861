// @ts-check
// Knobs that every provider shares: rate limit (429 with/without Retry-After, in the provider's error shape),
// injected faults (status, reset, hang, malformed JSON, WaAPI inner error), latency, the log and peakRate.
const { startSandbox, numberExists } = require('../sandbox');
const { useSandbox } = require('../support/sandbox');
const { call, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
afterAll(closeClient);

const waapi = (path = '/instances', opts = {}) => call(`${sb.urls.waapi}${path}`, { ...opts, headers: { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` } });
const wsapiStatus = () => call(`${sb.urls.wsapi}/session/status`, { headers: { 'x-api-key': sb.credentials.wsApiApi.apiKey, 'x-instance-id': sb.credentials.wsApiApi.instanceId } });

test('the existence rule: not on WhatsApp iff the last digit is 0 or 5', () => {
	expect(['491511', '1234567899', '15162837151'].map(numberExists)).toEqual([true, true, true]);
	expect(['4915110', '1234567895', '+1 555 0000'].map(numberExists)).toEqual([false, false, false]);
	expect(sb.numberExists('4915112345678')).toBe(true);
});

describe('rate limit', () => {
	test('once exceeded → 429 with Retry-After in the provider shape; rejected requests are logged', async () => {
		sb.configure('waapi', { rateLimit: { requestsPerSecond: 3, retryAfterSeconds: 2 } });
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await waapi());
		expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
		expect(results[3].headers['retry-after']).toBe('2');
		expect(results[3].json).toEqual({ message: 'Too many requests' });
		expect(sb.requests('waapi').map((e) => e.status)).toEqual([200, 200, 200, 429, 429]);
		expect(sb.peakRate('waapi')).toBe(5);
	});
	test('retryAfterSeconds: null → 429 without the header', async () => {
		sb.configure('onPremises', { rateLimit: { requestsPerSecond: 1, retryAfterSeconds: null } });
		const headers = { authorization: `Apikey ${sb.credentials.whatsAppOnPremisesApiKeyApi.apiKey}` };
		const a = await call(`${sb.urls.onPremises}/v1/health`, { headers });
		const b = await call(`${sb.urls.onPremises}/v1/health`, { headers });
		expect([a.status, b.status]).toEqual([200, 429]);
		expect(b.headers['retry-after']).toBeUndefined();
		expect(b.json.errors[0]).toMatchObject({ code: 1015, title: 'Too many requests' });
	});
	test('the window slides: after a second the provider answers again', async () => {
		sb.configure('wsapi', { rateLimit: { requestsPerSecond: 1 } });
		expect((await wsapiStatus()).status).toBe(200);
		const limited = await wsapiStatus();
		expect(limited.status).toBe(429);
		expect(limited.json).toEqual({ status: 429, detail: 'Too many requests' });
		await new Promise((r) => setTimeout(r, 1050));
		expect((await wsapiStatus()).status).toBe(200);
	});
	test('limits are per provider', async () => {
		sb.configure('waapi', { rateLimit: { requestsPerSecond: 1 } });
		await waapi();
		expect((await waapi()).status).toBe(429);
		expect((await wsapiStatus()).status).toBe(200);
	});
});

describe('faults', () => {
	test('status faults answer the next N matching requests, then normal service resumes', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 503, count: 2 }] });
		const codes = [];
		for (let i = 0; i < 3; i++) codes.push((await wsapiStatus()).status);
		expect(codes).toEqual([503, 503, 200]);
		expect(sb.requests('wsapi')[0].status).toBe(503);
	});
	test('a path limits the fault to matching requests; a 429 fault can carry Retry-After', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 429, count: 1, path: '/client/action/send-message', retryAfterSeconds: 1 }] });
		expect((await waapi('/instances')).status).toBe(200);
		const r = await call(`${sb.urls.waapi}/instances/101/client/action/send-message`, {
			method: 'POST', headers: { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` }, body: { chatId: '4915112345678@c.us', message: 'x' },
		});
		expect(r.status).toBe(429);
		expect(r.headers['retry-after']).toBe('1');
	});
	test('reset destroys the connection', async () => {
		sb.configure('waapi', { faults: [{ kind: 'reset', count: 1 }] });
		await expect(waapi()).rejects.toThrow();
		expect((await waapi()).status).toBe(200);
		expect(sb.requests('waapi')[0].status).toBe(0);
	});
	test('hang never answers, and close() still ends it', async () => {
		const own = await startSandbox();
		own.configure('crisp', { faults: [{ kind: 'hang', count: 1 }] });
		const c = own.credentials.crispWhatsAppApi;
		const pending = call(`${own.urls.crisp}/${c.websiteId}/templates?limit=1`).then(
			() => 'answered',
			() => 'ended',
		);
		const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still hanging'), 300))]);
		expect(raced).toBe('still hanging');
		expect(own.requests('crisp')[0].status).toBeNull();
		await own.close();
		expect(await pending).toBe('ended');
	});
	test('malformedJson answers 200 with a body that is not JSON', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'malformedJson', count: 1 }] });
		const r = await wsapiStatus();
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/json');
		expect(() => JSON.parse(r.text)).toThrow();
	});
	test('innerError (WaAPI): HTTP 200, outer success, inner status error', async () => {
		sb.configure('waapi', { faults: [{ kind: 'innerError', count: 1, path: /send-message$/ }] });
		const r = await call(`${sb.urls.waapi}/instances/101/client/action/send-message`, {
			method: 'POST', headers: { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` }, body: { chatId: '4915112345678@c.us', message: 'x' },
		});
		expect(r.status).toBe(200);
		expect(r.json.status).toBe('success');
		expect(r.json.data.status).toBe('error');
		expect(typeof r.json.data.message).toBe('string');
	});
});

describe('latency, log, configure', () => {
	test('latency delays the answer', async () => {
		sb.configure('wsapi', { latencyMs: 200 });
		const started = Date.now();
		await wsapiStatus();
		// bounds the knob's effect, not our code's speed
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});
	test('the log records method, path, query, lower-cased headers, parsed body and status', async () => {
		await call(`${sb.urls.waapi}/instances?filter=sup`, { headers: { Authorization: `Bearer ${sb.credentials.waApiApi.apiToken}`, 'X-Extra': 'yes' } });
		await call(`${sb.urls.waapi}/instances/101`, { method: 'PUT', headers: { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` }, body: { name: 'Renamed' } });
		const [get, put] = sb.log;
		expect(get).toMatchObject({ provider: 'waapi', method: 'GET', path: '/api/v1/instances', query: { filter: 'sup' }, status: 200 });
		expect(get.headers['x-extra']).toBe('yes');
		expect(typeof get.at).toBe('number');
		expect(put).toMatchObject({ method: 'PUT', path: '/api/v1/instances/101', body: { name: 'Renamed' }, status: 200 });
		expect(sb.requests('waapi', { method: 'put' })).toHaveLength(1);
		expect(sb.requests('waapi', { path: '/instances' })).toHaveLength(1);
		expect(sb.requests('waapi', { path: /instances\/\d+$/ })).toHaveLength(1);
		sb.clearLog();
		expect(sb.log).toHaveLength(0);
	});
	test('configure rejects unknown providers and knobs', () => {
		expect(() => sb.configure('nope', {})).toThrow(/unknown provider/);
		expect(() => sb.configure('waapi', { latency: 5 })).toThrow(/unknown knob/);
	});
	test('reset restores state and knobs', async () => {
		sb.configure('wsapi', { paired: false });
		sb.state.waapi.instances[0].name = 'changed';
		sb.reset();
		expect(sb.knobs.wsapi.paired).toBe(true);
		expect(sb.state.waapi.instances[0].name).toBe('Support line');
		expect((await wsapiStatus()).json.isLoggedIn).toBe(true);
	});
});
