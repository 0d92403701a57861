// @ts-check
// The WSAPI sandbox keeps the documented shapes: X-Api-Key + X-Instance-Id, `{status, detail}` errors, 201 send,
// 409 when unpaired, number checks, hosted /account/instances and self-hosted /admin/instances (spec field names).
const { useSandbox } = require('../support/sandbox');
const { call, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let h;
beforeAll(() => {
	h = { 'x-api-key': sb.credentials.wsApiApi.apiKey, 'x-instance-id': sb.credentials.wsApiApi.instanceId };
});
afterAll(closeClient);

describe('instance auth', () => {
	test('right key and instance → session status', async () => {
		const r = await call(`${sb.urls.wsapi}/session/status`, { headers: h });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ isConnected: true, isLoggedIn: true, deviceId: '4915177777777:12@s.whatsapp.net' });
	});
	test('missing X-Instance-Id → 400', async () => {
		const r = await call(`${sb.urls.wsapi}/session/status`, { headers: { 'x-api-key': h['x-api-key'] } });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ status: 400, detail: 'missing X-Instance-Id header' });
	});
	test.each([
		['wrong key', { 'x-api-key': 'nope' }],
		['missing key', { 'x-api-key': undefined }],
		['another instance key', { 'x-api-key': 'wsapi-demo-instance-key-2' }],
	])('%s → 401 unauthorized', async (_, override) => {
		const headers = { ...h, ...override };
		if (headers['x-api-key'] === undefined) delete headers['x-api-key'];
		const r = await call(`${sb.urls.wsapi}/session/status`, { headers });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ status: 401, detail: 'unauthorized' });
	});
	test('unknown instance → 404 instance not found', async () => {
		const r = await call(`${sb.urls.wsapi}/session/status`, { headers: { ...h, 'x-instance-id': 'ins_nope' } });
		expect(r.status).toBe(404);
		expect(r.json).toEqual({ status: 404, detail: 'instance not found' });
	});
});

describe('messages and checks', () => {
	test('POST /messages/text → 201 {id}', async () => {
		const r = await call(`${sb.urls.wsapi}/messages/text`, { method: 'POST', headers: h, body: { to: '1234567891@s.whatsapp.net', text: 'Hello' } });
		expect(r.status).toBe(201);
		expect(Object.keys(r.json)).toEqual(['id']);
		expect(r.json.id).toMatch(/^[0-9A-F]{20}$/);
	});
	test('a group JID and a LID are sent to as given; a bare number becomes <number>@s.whatsapp.net', async () => {
		const send = (to) => call(`${sb.urls.wsapi}/messages/text`, { method: 'POST', headers: h, body: { to, text: 'Hi' } });
		expect((await send('120363025555555555@g.us')).status).toBe(201);
		expect((await send('123456789012345@lid')).status).toBe(201);
		expect((await send('+1234567891')).status).toBe(201);
		expect(sb.state.wsapi.sent.map((m) => m.jid)).toEqual(['120363025555555555@g.us', '123456789012345@lid', '1234567891@s.whatsapp.net']);
	});
	test('an unknown JID server or a missing field → 400 {status, detail}', async () => {
		const r = await call(`${sb.urls.wsapi}/messages/text`, { method: 'POST', headers: h, body: { to: '1234567891@c.us', text: 'Hi' } });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ status: 400, detail: "can't send message to unknown server c.us" });
		const missing = await call(`${sb.urls.wsapi}/messages/text`, { method: 'POST', headers: h, body: { to: '1234567891' } });
		expect(missing.json).toEqual({ status: 400, detail: "validation error: Key: 'SendTextRequest.Text' Error:Field validation for 'Text' failed on the 'required' tag" });
		expect(sb.state.wsapi.sent).toEqual([]);
	});
	test('unpaired → 409 device not paired (send and check), status shows logged out', async () => {
		sb.configure('wsapi', { paired: false });
		const send = await call(`${sb.urls.wsapi}/messages/text`, { method: 'POST', headers: h, body: { to: '1234567891@s.whatsapp.net', text: 'Hello' } });
		expect(send.status).toBe(409);
		expect(send.json).toEqual({ status: 409, detail: 'device not paired' });
		const check = await call(`${sb.urls.wsapi}/users/check`, { method: 'POST', headers: h, body: { phones: ['1234567891'] } });
		expect(check.status).toBe(409);
		const status = await call(`${sb.urls.wsapi}/session/status`, { headers: h });
		expect(status.json.isLoggedIn).toBe(false);
	});
	test('POST /users/check → [{query, isInWhatsApp, jid}] by the existence rule', async () => {
		const r = await call(`${sb.urls.wsapi}/users/check`, { method: 'POST', headers: h, body: { phones: ['1234567891', '+1234567895', '4915112345678'] } });
		expect(r.status).toBe(200);
		expect(r.json).toEqual([
			{ query: '1234567891', isInWhatsApp: true, jid: '1234567891@s.whatsapp.net' },
			{ query: '+1234567895', isInWhatsApp: false },
			{ query: '4915112345678', isInWhatsApp: true, jid: '4915112345678@s.whatsapp.net' },
		]);
	});
	test('POST /users/check rejects a badly written phone and more than 100 phones', async () => {
		const bad = await call(`${sb.urls.wsapi}/users/check`, { method: 'POST', headers: h, body: { phones: ['1234567891', '+49 151 234'] } });
		expect(bad.status).toBe(400);
		const many = await call(`${sb.urls.wsapi}/users/check`, { method: 'POST', headers: h, body: { phones: Array.from({ length: 101 }, (_, i) => `1555000${String(i).padStart(4, '0')}`) } });
		expect(many.status).toBe(400);
		const ok = await call(`${sb.urls.wsapi}/users/check`, { method: 'POST', headers: h, body: { phones: Array.from({ length: 100 }, (_, i) => `1555000${String(i).padStart(4, '0')}`) } });
		expect(ok.status).toBe(200);
		expect(ok.json).toHaveLength(100);
	});
	test('GET /users/{phone}/check → {isInWhatsApp}', async () => {
		expect((await call(`${sb.urls.wsapi}/users/1234567891/check`, { headers: h })).json).toEqual({ isInWhatsApp: true });
		expect((await call(`${sb.urls.wsapi}/users/${encodeURIComponent('+1234567890')}/check`, { headers: h })).json).toEqual({ isInWhatsApp: false });
		expect((await call(`${sb.urls.wsapi}/users/12ab/check`, { headers: h })).status).toBe(400);
	});
});

describe('hosted /account/instances (customer key)', () => {
	const customer = () => ({ 'x-api-key': sb.credentials.wsApiApi.accountApiKey });
	test('list is paged {items,totalCount,pageNumber,pageSize} of AccountInstance', async () => {
		const r = await call(`${sb.urls.wsapi}/account/instances`, { headers: customer() });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ totalCount: 2, pageNumber: 1, pageSize: 20 });
		expect(r.json.items.map((i) => i.id)).toEqual(sb.ids.wsapiInstances);
		expect(Object.keys(r.json.items[0]).sort()).toEqual(['created', 'deviceId', 'expiredAt', 'hasApiKey', 'id', 'isInTrial', 'name', 'status', 'trialEndsAt', 'useCustomDefaults']);
		const page2 = await call(`${sb.urls.wsapi}/account/instances?pageNumber=2&pageSize=1`, { headers: customer() });
		expect(page2.json.items.map((i) => i.id)).toEqual(['ins_demo2']);
	});
	test('get answers AccountInstanceDetail with settings; PUT settings → 204 and is visible', async () => {
		const put = await call(`${sb.urls.wsapi}/account/instances/ins_demo2/settings`, {
			method: 'PUT', headers: customer(), body: { webhookUrl: 'https://example.com/ws', eventFilters: ['message', 'message_read', 'logged_in'], eventSigningSecret: 'new-secret' },
		});
		expect(put.status).toBe(204);
		expect(put.text).toBe('');
		const r = await call(`${sb.urls.wsapi}/account/instances/ins_demo2`, { headers: customer() });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ name: 'Second number', hasApiKey: true, status: 'active', created: '2025-01-15T10:00:00Z' });
		// system events are stripped from filters
		expect(r.json.settings).toEqual({ useCustomDefaults: false, pullMode: false, webhookUrl: 'https://example.com/ws', eventSigningSecret: 'new-secret', historySync: false, eventFilters: ['message', 'message_read'] });
	});
	test('the instance key or no key → 401; the admin key does not open /account', async () => {
		expect((await call(`${sb.urls.wsapi}/account/instances`, { headers: { 'x-api-key': h['x-api-key'] } })).status).toBe(401);
		expect((await call(`${sb.urls.wsapi}/account/instances`)).status).toBe(401);
		expect((await call(`${sb.urls.wsapi}/account/instances`, { headers: { 'x-api-key': sb.credentials.wsApiApiSelfHosted.accountApiKey } })).status).toBe(401);
	});
	test('unknown instance → 404; invalid filter → 400', async () => {
		expect((await call(`${sb.urls.wsapi}/account/instances/nope`, { headers: customer() })).status).toBe(404);
		const r = await call(`${sb.urls.wsapi}/account/instances/ins_demo1/settings`, { method: 'PUT', headers: customer(), body: { eventFilters: ['bogus'] } });
		expect(r.status).toBe(400);
		expect(r.json.status).toBe(400);
	});
});

describe('self-hosted /admin/instances (admin key)', () => {
	const adminKey = () => ({ 'x-api-key': sb.credentials.wsApiApiSelfHosted.accountApiKey });
	test('list is an array of InstanceListItem {id, config, isConnected, isLoggedIn, deviceId}', async () => {
		const r = await call(`${sb.urls.wsapi}/admin/instances`, { headers: adminKey() });
		expect(r.status).toBe(200);
		expect(r.json.map((i) => i.id)).toEqual(sb.ids.wsapiInstances);
		expect(Object.keys(r.json[0]).sort()).toEqual(['config', 'deviceId', 'id', 'isConnected', 'isLoggedIn']);
		expect(Object.keys(r.json[0].config).sort()).toEqual(['apiKey', 'eventFilters', 'historySync', 'signingSecret', 'webhookUrl']);
	});
	test('PUT config → 204, GET /admin/instances/{id} shows it', async () => {
		const put = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, {
			method: 'PUT', headers: adminKey(), body: { webhookUrl: 'https://example.com/self', signingSecret: 'self-secret', eventFilters: ['message'] },
		});
		expect(put.status).toBe(204);
		const r = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1`, { headers: adminKey() });
		expect(r.json.config).toMatchObject({ webhookUrl: 'https://example.com/self', signingSecret: 'self-secret', eventFilters: ['message'] });
		expect(sb.state.wsapi.instances[0].signingSecret).toBe('self-secret');
	});
	test('PUT config REPLACES the whole config: what is left out takes the server default (none: empty)', async () => {
		const instance = sb.state.wsapi.instances[0];
		instance.historySync = true;
		const put = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, {
			method: 'PUT', headers: adminKey(), body: { webhookUrl: 'https://example.com/self', eventFilters: ['message', 'logged_in'] },
		});
		expect(put.status).toBe(204);
		const r = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1`, { headers: adminKey() });
		// apiKey and signingSecret are empty (omitted), historySync unset (omitted); system events stripped.
		expect(r.json.config).toEqual({ webhookUrl: 'https://example.com/self', eventFilters: ['message'] });
		// An instance without a key answers any key.
		const anyKey = await call(`${sb.urls.wsapi}/session/status`, { headers: { 'x-api-key': 'whatever', 'x-instance-id': 'ins_demo1' } });
		expect(anyKey.status).toBe(200);
	});
	test('with WSAPI_DEFAULT_* set, a left-out apiKey becomes the default key and historySync the default', async () => {
		sb.configure('wsapi', { instanceDefaults: { apiKey: 'server-default-key', historySync: false, eventFilters: ['message_read'] } });
		sb.state.wsapi.instances[0].historySync = true;
		await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, { method: 'PUT', headers: adminKey(), body: { webhookUrl: '' } });
		const r = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1`, { headers: adminKey() });
		expect(r.json.config).toEqual({ apiKey: 'server-default-key', webhookUrl: '', eventFilters: ['message_read'], historySync: false });
		expect((await call(`${sb.urls.wsapi}/session/status`, { headers: h })).status).toBe(401);
		expect((await call(`${sb.urls.wsapi}/session/status`, { headers: { ...h, 'x-api-key': 'server-default-key' } })).status).toBe(200);
	});
	test('a config that names everything keeps everything', async () => {
		const body = { apiKey: 'wsapi-demo-instance-key-1', webhookUrl: 'https://example.com/self', signingSecret: 's', eventFilters: ['message'], historySync: true };
		await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, { method: 'PUT', headers: adminKey(), body });
		expect((await call(`${sb.urls.wsapi}/admin/instances/ins_demo1`, { headers: adminKey() })).json.config).toEqual(body);
		expect((await call(`${sb.urls.wsapi}/session/status`, { headers: h })).status).toBe(200);
	});
	test('PUT config: a field of the wrong type or a webhookUrl that is no URL → 400, nothing changes', async () => {
		const before = structuredClone(sb.state.wsapi.instances[0]);
		const wrongType = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, { method: 'PUT', headers: adminKey(), body: { historySync: 'yes' } });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json.detail).toMatch(/^invalid request body: /);
		const notUrl = await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, { method: 'PUT', headers: adminKey(), body: { webhookUrl: 'not a url' } });
		expect(notUrl.json.detail).toMatch(/^validation error: .*'url' tag/);
		expect(sb.state.wsapi.instances[0]).toEqual(before);
	});
	test('GET on /config is not in the spec → 405', async () => {
		expect((await call(`${sb.urls.wsapi}/admin/instances/ins_demo1/config`, { headers: adminKey() })).status).toBe(405);
	});
	test('the customer key → 401', async () => {
		const r = await call(`${sb.urls.wsapi}/admin/instances`, { headers: { 'x-api-key': sb.credentials.wsApiApi.accountApiKey } });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ status: 401, detail: 'unauthorized' });
	});
});
