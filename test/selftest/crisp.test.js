// @ts-check
// The Crisp sandbox keeps the documented shapes: Basic identifier:key, `{error, reason, data}`, template paging
// with paging_next, send → request_accepted, then the outcome POSTed to the callback URL.
const { useSandbox } = require('../support/sandbox');
const { call, basic, startReceiver, closeClient } = require('./helpers');

// Reset after each test, before the test's receiver closes (jest runs the afterEach hooks in this order).
const sb = useSandbox({ reset: 'afterEach' });
let auth;
let base;
let receiver;
beforeAll(() => {
	const c = sb.credentials.crispWhatsAppApi;
	auth = { authorization: basic(c.identifier, c.key) };
	base = `${sb.urls.crisp}/${c.websiteId}`;
});
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await receiver.close();
});
afterAll(closeClient);

const sendBody = (over = {}) => ({
	message_template: { name: 'sample_issue_resolution', language: 'en_US', components: [{ type: 'BODY', text: 'Hi John', parameters: [{ type: 'text', text: 'John' }] }] },
	crisp_options: { type: 'note', new_session: false },
	to_number: '+4915112345678',
	from_number: '+15550001111',
	...over,
});

test.each([
	['wrong key', { authorization: basic('crisp-demo-identifier', 'wrong') }],
	['missing', {}],
])('%s → 401 {error:true, reason:"invalid_session"}', async (_, headers) => {
	const r = await call(`${base}/templates?limit=1`, { headers });
	expect(r.status).toBe(401);
	expect(r.json).toEqual({ error: true, reason: 'invalid_session', data: {} });
});

test('templates page through 3 pages of 20 with paging_next', async () => {
	const names = [];
	let after;
	let pages = 0;
	for (; pages < 10; pages++) {
		const r = await call(`${base}/templates?limit=20&filter_approved=1${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: auth });
		expect(r.status).toBe(200);
		expect(r.json.error).toBe(false);
		names.push(...r.json.data.templates.map((t) => t.name));
		after = r.json.data.paging_next;
		if (!after) break;
	}
	expect(pages + 1).toBe(3);
	expect(names).toHaveLength(45);
	expect(new Set(names).size).toBe(45);
	const first = (await call(`${base}/templates?limit=1`, { headers: auth })).json.data.templates[0];
	expect(Object.keys(first).sort()).toEqual(['category', 'components', 'id', 'language', 'name', 'quality_score', 'status']);
	expect(first.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER']);
});

test('without filter_approved the non-approved templates are listed too', async () => {
	const r = await call(`${base}/templates?limit=50`, { headers: auth });
	expect(r.json.data.templates).toHaveLength(48);
	expect(r.json.data.paging_next).toBeNull();
	expect(r.json.data.templates.filter((t) => t.status !== 'APPROVED').map((t) => t.status).sort()).toEqual(['PAUSED', 'PENDING', 'REJECTED']);
});

test('send → request_accepted, then the success callback reaches the callback URL', async () => {
	sb.configure('crisp', { callbackUrl: receiver.url, callbackDelayMs: 20 });
	const r = await call(`${base}/template/send`, { method: 'POST', headers: auth, body: sendBody() });
	expect(r.status).toBe(200);
	expect(r.json).toEqual({ error: false, reason: 'request_accepted', data: { request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
	const [cb] = await receiver.waitFor(1);
	expect(cb.headers['content-type']).toBe('application/json');
	expect(cb.json).toEqual({
		error: false,
		reason: 'template_sent',
		data: { request_id: r.json.data.request_id, crisp_fingerprint: expect.any(Number), whatsapp_message_id: expect.stringMatching(/^wamid\./), session_id: expect.stringMatching(/^session_/) },
	});
	expect(sb.state.crisp.callbacks[0]).toMatchObject({ request_id: r.json.data.request_id, url: receiver.url });
});

test('callbackOutcome error, or a recipient not on WhatsApp, gives the error callback', async () => {
	sb.configure('crisp', { callbackUrl: receiver.url, callbackOutcome: 'error', callbackDelayMs: 0 });
	const a = await call(`${base}/template/send`, { method: 'POST', headers: auth, body: sendBody() });
	sb.configure('crisp', { callbackOutcome: 'success' });
	const b = await call(`${base}/template/send`, { method: 'POST', headers: auth, body: sendBody({ to_number: '+4915112345670' }) });
	const got = await receiver.waitFor(2);
	const byId = Object.fromEntries(got.map((g) => [g.json.data.request_id, g.json]));
	expect(byId[a.json.data.request_id]).toEqual({ error: true, reason: 'template_send_failed', data: { request_id: a.json.data.request_id } });
	expect(byId[b.json.data.request_id]).toEqual({ error: true, reason: 'recipient_not_on_whatsapp', data: { request_id: b.json.data.request_id } });
});

test('unknown template → 404 template_not_found; missing fields → 400 invalid_data', async () => {
	const unknown = await call(`${base}/template/send`, { method: 'POST', headers: auth, body: sendBody({ message_template: { name: 'nope', language: 'en_US', components: [] } }) });
	expect(unknown.status).toBe(404);
	expect(unknown.json).toEqual({ error: true, reason: 'template_not_found', data: {} });
	const missing = await call(`${base}/template/send`, { method: 'POST', headers: auth, body: { message_template: { name: 'hello_world', language: 'en_US' } } });
	expect(missing.status).toBe(400);
	expect(missing.json.reason).toBe('invalid_data');
});

test('another website id → 403 not_allowed', async () => {
	const r = await call(`${sb.urls.crisp}/00000000-0000-0000-0000-000000000000/templates?limit=1`, { headers: auth });
	expect(r.status).toBe(403);
	expect(r.json).toEqual({ error: true, reason: 'not_allowed', data: {} });
});
