// @ts-check
// The On-Premises sandbox keeps the documented shapes: Basic login → Bearer token with expiry, Apikey only on
// health/metrics/stats, contacts wait/no_wait (and v2.43+ all-valid), messages, settings, the errors[] envelope.
const { useSandbox } = require('../support/sandbox');
const { call, basic, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let creds;
beforeAll(() => {
	creds = sb.credentials.whatsAppOnPremisesApi;
});
afterAll(closeClient);

async function login(body) {
	const r = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: basic(creds.username, creds.password) }, body });
	expect(r.status).toBe(200);
	return r.json.users[0].token;
}
const bearer = (token) => ({ authorization: `Bearer ${token}` });

describe('login and tokens', () => {
	test('login answers {users:[{token, expires_after}]} with a 7-day default lifetime', async () => {
		const before = Date.now();
		const r = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: basic(creds.username, creds.password) } });
		expect(r.status).toBe(200);
		const [user] = r.json.users;
		expect(typeof user.token).toBe('string');
		expect(user.expires_after).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
		const expires = Date.parse(user.expires_after.replace(' ', 'T'));
		const week = 7 * 24 * 3600 * 1000;
		expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + week - 1000);
		expect(expires).toBeLessThanOrEqual(Date.now() + week);
		expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(1);
	});
	test('login accepts the optional {new_password} body', async () => {
		await login({ new_password: 'a-new-Passw0rd' });
		const old = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: basic(creds.username, creds.password) } });
		expect(old.status).toBe(401);
		const fresh = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: basic(creds.username, 'a-new-Passw0rd') } });
		expect(fresh.status).toBe(200);
	});
	test.each([
		['wrong password', { authorization: basic('admin', 'wrong') }],
		['missing header', {}],
	])('login with %s → 401 code 1005 in the errors envelope', async (_, headers) => {
		const r = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers });
		expect(r.status).toBe(401);
		expect(r.json.meta).toEqual({ api_status: 'stable', version: 'v2.41.2' });
		expect(r.json.errors[0]).toMatchObject({ code: 1005, title: 'Access denied' });
		expect(JSON.stringify(r.json)).not.toContain(creds.password);
	});
	test('a token works until expireTokens(), then 401', async () => {
		const token = await login();
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer(token) })).status).toBe(200);
		sb.expireTokens();
		const r = await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer(token) });
		expect(r.status).toBe(401);
		expect(r.json.errors[0].code).toBe(1005);
	});
	test('tokenLifetimeMs makes tokens expire on their own', async () => {
		sb.configure('onPremises', { tokenLifetimeMs: 150 });
		const token = await login();
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer(token) })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 250));
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer(token) })).status).toBe(401);
	});
	test('logout invalidates the token', async () => {
		const token = await login();
		expect((await call(`${sb.urls.onPremises}/v1/users/logout`, { method: 'POST', headers: bearer(token) })).status).toBe(200);
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer(token) })).status).toBe(401);
	});
	test('an unknown or missing bearer token → 401', async () => {
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: bearer('nope') })).status).toBe(401);
		expect((await call(`${sb.urls.onPremises}/v1/health`)).status).toBe(401);
	});
});

describe('Apikey', () => {
	const apikey = () => ({ authorization: `Apikey ${sb.credentials.whatsAppOnPremisesApiKeyApi.apiKey}` });
	test('health answers gateway_status with meta.version', async () => {
		const r = await call(`${sb.urls.onPremises}/v1/health`, { headers: apikey() });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ health: { gateway_status: 'connected' }, meta: { api_status: 'stable', version: 'v2.41.2' } });
	});
	test('metrics and stats accept the Apikey too', async () => {
		expect((await call(`${sb.urls.onPremises}/v1/metrics`, { headers: apikey() })).status).toBe(200);
		expect((await call(`${sb.urls.onPremises}/v1/stats/app`, { headers: apikey() })).status).toBe(200);
	});
	test('Apikey on any other path → 401', async () => {
		const r = await call(`${sb.urls.onPremises}/v1/contacts`, { method: 'POST', headers: apikey(), body: { contacts: ['+15162837151'] } });
		expect(r.status).toBe(401);
		expect(r.json.errors[0].code).toBe(1005);
		expect((await call(`${sb.urls.onPremises}/v1/settings/application`, { headers: apikey() })).status).toBe(401);
	});
	test('a wrong Apikey → 401', async () => {
		expect((await call(`${sb.urls.onPremises}/v1/health`, { headers: { authorization: 'Apikey wrong-key-123456' } })).status).toBe(401);
	});
});

describe('contacts', () => {
	const contacts = async (body) => call(`${sb.urls.onPremises}/v1/contacts`, { method: 'POST', headers: bearer(await login()), body });
	test('no_wait (the default) answers processing for every number', async () => {
		const r = await contacts({ contacts: ['+1 (516) 283-7151', '6315551000'] });
		expect(r.status).toBe(200);
		expect(r.json.contacts).toEqual([
			{ input: '+1 (516) 283-7151', status: 'processing' },
			{ input: '6315551000', status: 'processing' },
		]);
	});
	test('wait: valid + wa_id by the existence rule, input echoed as given', async () => {
		const r = await contacts({ blocking: 'wait', force_check: true, contacts: ['+1 (516) 283-7151', '1-631-555-1000', '+54 9 11 5612-1008', 'hello'] });
		expect(r.json.contacts).toEqual([
			{ input: '+1 (516) 283-7151', status: 'valid', wa_id: '15162837151' },
			{ input: '1-631-555-1000', status: 'invalid' },
			{ input: '+54 9 11 5612-1008', status: 'valid', wa_id: '5491156121008' },
			{ input: 'hello', status: 'invalid' },
		]);
		expect(r.json.meta.version).toBe('v2.41.2');
	});
	test('from v2.43 every number is valid with a wa_id', async () => {
		sb.configure('onPremises', { version: 'v2.45.1' });
		const r = await contacts({ blocking: 'wait', contacts: ['+1 (516) 283-7151', '6315551000', '4915112345675'] });
		expect(r.json.contacts).toEqual([
			{ input: '+1 (516) 283-7151', status: 'valid', wa_id: '15162837151' },
			{ input: '6315551000', status: 'valid', wa_id: '6315551000' },
			{ input: '4915112345675', status: 'valid', wa_id: '4915112345675' },
		]);
		expect(r.json.meta.version).toBe('v2.45.1');
	});
	test('a server without meta.version (version: null), or without meta at all (meta: false)', async () => {
		sb.configure('onPremises', { version: null });
		const noVersion = await contacts({ blocking: 'wait', contacts: ['+1 (516) 283-7151'] });
		expect(noVersion.json).toEqual({ contacts: [{ input: '+1 (516) 283-7151', status: 'valid', wa_id: '15162837151' }], meta: { api_status: 'stable' } });
		sb.configure('onPremises', { meta: false });
		const noMeta = await contacts({ blocking: 'wait', contacts: ['+1 (516) 283-7151'] });
		expect(noMeta.json).toEqual({ contacts: [{ input: '+1 (516) 283-7151', status: 'valid', wa_id: '15162837151' }] });
		const error = await contacts({ blocking: 'wait' });
		expect(error.json).toEqual({ errors: [expect.objectContaining({ code: 1008 })] });
	});
	test('missing contacts → 400 code 1008; more than 1000 → 400 code 1009', async () => {
		const missing = await contacts({ blocking: 'wait' });
		expect(missing.status).toBe(400);
		expect(missing.json.errors[0]).toMatchObject({ code: 1008, title: 'Required parameter missing' });
		const many = await contacts({ contacts: Array.from({ length: 1001 }, (_, i) => `1555000${String(i).padStart(4, '0')}`) });
		expect(many.status).toBe(400);
		expect(many.json.errors[0].code).toBe(1009);
	});
});

describe('messages', () => {
	const send = async (body) => call(`${sb.urls.onPremises}/v1/messages`, { method: 'POST', headers: bearer(await login()), body });
	test('text → {messages:[{id}], meta}', async () => {
		const r = await send({ recipient_type: 'individual', to: '15162837151', type: 'text', preview_url: false, text: { body: 'hello' } });
		expect(r.status).toBe(200);
		expect(r.json.messages).toHaveLength(1);
		expect(r.json.messages[0].id).toMatch(/^gBEG/);
		expect(r.json.meta).toEqual({ api_status: 'stable', version: 'v2.41.2' });
	});
	test('template and legacy hsm are accepted', async () => {
		const template = await send({
			to: '15162837151', type: 'template',
			template: { namespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e', name: 'purchase', language: { policy: 'deterministic', code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '$10' }] }] },
		});
		expect(template.status).toBe(200);
		const hsm = await send({
			to: '15162837151', ttl: 'P1D', type: 'hsm',
			hsm: { namespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e', element_name: 'purchase', language: { policy: 'deterministic', code: 'en_US' }, localizable_params: [{ default: '$10' }] },
		});
		expect(hsm.status).toBe(200);
		expect(hsm.json.messages[0].id).toMatch(/^gBEG/);
	});
	test('a recipient that is not on WhatsApp → 400 code 1013', async () => {
		const r = await send({ to: '15162837150', type: 'text', text: { body: 'hello' } });
		expect(r.status).toBe(400);
		expect(r.json.errors[0]).toMatchObject({ code: 1013, title: 'User is not valid' });
	});
	test('missing fields → 400 code 1008', async () => {
		expect((await send({ type: 'text', text: { body: 'x' } })).json.errors[0].code).toBe(1008);
		expect((await send({ to: '15162837151', type: 'text' })).json.errors[0].code).toBe(1008);
		expect((await send({ to: '15162837151', type: 'template', template: { name: 'x' } })).json.errors[0].code).toBe(1008);
	});
});

describe('settings', () => {
	test('PATCH merges webhooks settings, GET returns them', async () => {
		const token = await login();
		const patch = await call(`${sb.urls.onPremises}/v1/settings/application`, {
			method: 'PATCH',
			headers: bearer(token),
			body: { callback_persist: true, sent_status: true, webhooks: { url: 'https://example.com/hook?token=t', max_concurrent_requests: 12, message: { delivered: true } } },
		});
		expect(patch.status).toBe(200);
		expect(patch.json).toEqual({ meta: { api_status: 'stable', version: 'v2.41.2' } });
		const r = await call(`${sb.urls.onPremises}/v1/settings/application`, { headers: bearer(token) });
		expect(r.status).toBe(200);
		expect(r.json.settings.application.webhooks).toEqual({
			url: 'https://example.com/hook?token=t', max_concurrent_requests: 12, message: { sent: false, delivered: true, read: false },
		});
		expect(r.json.settings.application.callback_backoff_delay_ms).toBe(3000);
		expect(sb.state.onPremises.settings.sent_status).toBe(true);
	});
	test('an invalid max_concurrent_requests → 400 code 1009', async () => {
		const r = await call(`${sb.urls.onPremises}/v1/settings/application`, { method: 'PATCH', headers: bearer(await login()), body: { webhooks: { max_concurrent_requests: 7 } } });
		expect(r.status).toBe(400);
		expect(r.json.errors[0].code).toBe(1009);
	});
	test('unknown path → 404 code 1006', async () => {
		const r = await call(`${sb.urls.onPremises}/v1/nothing`, { headers: bearer(await login()) });
		expect(r.status).toBe(404);
		expect(r.json.errors[0].code).toBe(1006);
	});
});
