// @ts-check
// The WaAPI sandbox keeps the documented shapes: Bearer auth with Laravel errors, instance list/get/update,
// client status, actions in the nested envelope (an inner error under HTTP 200 for a refused action, a flat
// `{status: "error"}` for a disconnected instance), get-number-id's registered ids, and webhook subscriptions.
const { useSandbox } = require('../support/sandbox');
const { call, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let auth;
beforeAll(() => {
	auth = { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` };
});
afterAll(closeClient);

const action = (id, name, body) => call(`${sb.urls.waapi}/instances/${id}/client/action/${name}`, { method: 'POST', headers: auth, body });

describe('auth', () => {
	test('right token lists the instances under body.instances', async () => {
		const r = await call(`${sb.urls.waapi}/instances`, { headers: auth });
		expect(r.status).toBe(200);
		expect(r.json.status).toBe('success');
		expect(r.json.instances.map((i) => String(i.id))).toEqual(sb.ids.waapiInstances);
		expect(Object.keys(r.json.instances[0]).sort()).toEqual(['id', 'is_trial', 'name', 'owner', 'webhook_events', 'webhook_url']);
	});
	test.each([
		['wrong', { authorization: 'Bearer nope' }],
		['missing', {}],
		['wrong scheme', { authorization: 'Basic abc' }],
	])('%s token → 401 {"message":"Unauthenticated."}', async (_, headers) => {
		const r = await call(`${sb.urls.waapi}/instances`, { headers });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ message: 'Unauthenticated.' });
	});
});

describe('instances', () => {
	test('GET /instances?filter= filters by id or name', async () => {
		const r = await call(`${sb.urls.waapi}/instances?filter=sales`, { headers: auth });
		expect(r.json.instances.map((i) => i.id)).toEqual([102]);
	});
	test('GET /instances/{id} answers {instance}', async () => {
		const r = await call(`${sb.urls.waapi}/instances/101`, { headers: auth });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ instance: { id: 101, name: 'Support line', webhook_url: null, webhook_events: [] }, status: 'success' });
	});
	test('unknown instance → 404 with a message', async () => {
		const r = await call(`${sb.urls.waapi}/instances/999`, { headers: auth });
		expect(r.status).toBe(404);
		expect(typeof r.json.message).toBe('string');
	});
	test('PUT /instances/{id} sets the webhook and answers {data, links, status}', async () => {
		const r = await call(`${sb.urls.waapi}/instances/101`, {
			method: 'PUT',
			headers: auth,
			body: { webhook: { url: 'https://example.com/hook?token=x', events: ['message', 'message_ack'] } },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			data: {
				status: 'success', instanceId: '101', name: 'Support line', data: null, instanceStatus: 'ready',
				instanceWebhook: 'https://example.com/hook?token=x', instanceEvents: ['message', 'message_ack'],
			},
			links: { self: `${sb.urls.waapi}/instances/101` },
			status: 'success',
		});
		const got = await call(`${sb.urls.waapi}/instances/101`, { headers: auth });
		expect(got.json.instance.webhook_url).toBe('https://example.com/hook?token=x');
		// null url and [] events reset (spec)
		const cleared = await call(`${sb.urls.waapi}/instances/101`, { method: 'PUT', headers: auth, body: { webhook: { url: null, events: [] } } });
		expect(cleared.json.data.instanceWebhook).toBeNull();
		expect(cleared.json.data.instanceEvents).toEqual([]);
		expect(sb.state.waapi.instances[0].webhook_url).toBeNull();
	});
	test('PUT with an undocumented event name → 422 Laravel-style field errors', async () => {
		const r = await call(`${sb.urls.waapi}/instances/101`, { method: 'PUT', headers: auth, body: { webhook: { url: 'https://e.com', events: ['message', 'bogus'] } } });
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ message: 'The selected webhook.events.1 is invalid.', errors: { 'webhook.events.1': ['The selected webhook.events.1 is invalid.'] } });
		expect(sb.state.waapi.instances[0].webhook_url).toBeNull();
	});
	test('GET client/status answers {clientStatus} and follows the connected knob', async () => {
		let r = await call(`${sb.urls.waapi}/instances/102/client/status`, { headers: auth });
		expect(r.json.clientStatus).toMatchObject({ status: 'success', instanceId: '102', instanceStatus: 'ready', data: null });
		expect(r.json.links.self).toBe(`${sb.urls.waapi}/instances/102/client/status`);
		sb.configure('waapi', { connected: { 102: false } });
		r = await call(`${sb.urls.waapi}/instances/102/client/status`, { headers: auth });
		expect(r.json.clientStatus.instanceStatus).toBe('qr');
		r = await call(`${sb.urls.waapi}/instances/101/client/status`, { headers: auth });
		expect(r.json.clientStatus.instanceStatus).toBe('ready');
	});
});

describe('actions', () => {
	test('send-message answers the nested envelope with _data.id._serialized true_<chatId>_<id>', async () => {
		const r = await action(101, 'send-message', { chatId: '4915112345678@c.us', message: 'Hi' });
		expect(r.status).toBe(200);
		expect(r.json.status).toBe('success');
		expect(r.json.links.self).toBe(`${sb.urls.waapi}/instances/101/client/action/send-message`);
		expect(r.json.data).toMatchObject({ status: 'success', instanceId: '101' });
		const msg = r.json.data.data._data;
		expect(msg.id.fromMe).toBe(true);
		expect(msg.id.remote).toBe('4915112345678@c.us');
		expect(msg.id._serialized).toBe(`true_4915112345678@c.us_${msg.id.id}`);
		expect(msg).toMatchObject({ body: 'Hi', type: 'chat', ack: 0 });
	});
	test('send-message to a group id is accepted', async () => {
		const r = await action(101, 'send-message', { chatId: '120363025555555555@g.us', message: 'Hi group' });
		expect(r.json.data.status).toBe('success');
	});
	test.each(['4915112345678', '+4915112345678@c.us'])(
		'malformed chatId %s → HTTP 200, outer success, inner error',
		async (chatId) => {
			const r = await action(101, 'send-message', { chatId, message: 'Hi' });
			expect(r.status).toBe(200);
			expect(r.json.status).toBe('success');
			expect(r.json.data).toMatchObject({ status: 'error', message: 'incorrect chatId format.' });
		},
	);
	test('missing message → 422 with field errors', async () => {
		const r = await action(101, 'send-message', { chatId: '4915112345678@c.us' });
		expect(r.status).toBe(422);
		expect(r.json.errors.message).toEqual(['The message field is required.']);
	});
	test('a wrong suffix is accepted and delivers nothing', async () => {
		const r = await action(101, 'send-message', { chatId: '4915112345678@s.whatsapp.net', message: 'Hi' });
		expect(r.json.data.status).toBe('success');
		expect(sb.state.waapi.sent).toEqual([expect.objectContaining({ chatId: '4915112345678@s.whatsapp.net', delivered: false })]);
	});
	test.each(['123456789012345@lid', '120363025555555555@newsletter'])('send-message to %s is accepted and delivered', async (chatId) => {
		const r = await action(101, 'send-message', { chatId, message: 'Hi' });
		expect(r.json.data).toMatchObject({ status: 'success', data: { to: chatId, id: { remote: chatId } } });
		expect(sb.state.waapi.sent).toEqual([{ instanceId: '101', chatId, message: 'Hi', messageId: r.json.data.data.id._serialized, delivered: true }]);
	});
	test('disconnected instance → HTTP 200 with a flat {status: "error", message: "instance not ready"}', async () => {
		sb.configure('waapi', { connected: false });
		const r = await action(101, 'send-message', { chatId: '4915112345678@c.us', message: 'Hi' });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'error', message: 'instance not ready' });
		expect(sb.state.waapi.sent).toEqual([]);
		// Per instance: the other one still answers.
		sb.configure('waapi', { connected: { 101: false } });
		expect((await action(102, 'send-message', { chatId: '4915112345678@c.us', message: 'Hi' })).json.data.status).toBe('success');
	});
	test('is-registered-user follows the existence rule', async () => {
		const yes = await action(101, 'is-registered-user', { contactId: '4915112345678@c.us' });
		expect(yes.json.data).toEqual({ status: 'success', instanceId: '101', data: { isRegisteredUser: true } });
		const no = await action(101, 'is-registered-user', { contactId: '4915112345675@c.us' });
		expect(no.json.data.data).toEqual({ isRegisteredUser: false });
	});
	test('get-number-id answers numberId or null', async () => {
		const yes = await action(101, 'get-number-id', { number: '15553334444' });
		expect(yes.json.data.data).toEqual({ numberId: { server: 'c.us', user: '15553334444', _serialized: '15553334444@c.us' } });
		const no = await action(101, 'get-number-id', { number: '15553334440' });
		expect(no.json.data.data).toEqual({ numberId: null });
		const bad = await action(101, 'get-number-id', { number: '+15553334444' });
		expect(bad.json.data.status).toBe('error');
	});
	test.each([
		['Brazil, area code ≥ 30, written with the ninth digit', '5531996883193', '553196883193'],
		['Brazil, area code < 30, written without it', '552164180266', '5521964180266'],
		['Brazil, already the registered form', '553196883193', '553196883193'],
		['Mexico, written 52 + 10 digits', '525512345678', '5215512345678'],
		['Argentina, written 54 + 10 digits', '541156121008', '5491156121008'],
	])('get-number-id, %s: %s → %s', async (_, number, user) => {
		const r = await action(101, 'get-number-id', { number });
		expect(r.json.data.data).toEqual({ numberId: { server: 'c.us', user, _serialized: `${user}@c.us` } });
		// is-registered-user is true for either writing (whatsapp-web.js: Boolean(getNumberId(id))).
		expect((await action(101, 'is-registered-user', { contactId: `${number}@c.us` })).json.data.data).toEqual({ isRegisteredUser: true });
	});
	test('a Brazilian number sent to as written (not the registered id) is accepted but not delivered', async () => {
		await action(101, 'send-message', { chatId: '5531996883193@c.us', message: 'Oi' });
		await action(101, 'send-message', { chatId: '553196883193@c.us', message: 'Oi' });
		expect(sb.state.waapi.sent.map((m) => [m.chatId, m.delivered])).toEqual([['5531996883193@c.us', false], ['553196883193@c.us', true]]);
	});
});

describe('webhook subscriptions', () => {
	const hooks = (id = 101) => `${sb.urls.waapi}/instances/${id}/webhooks`;
	test('POST {url, events, source} → 201 data.id; several per instance; GET lists them; webhook_url untouched', async () => {
		const a = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com/hook', events: ['message'], source: 'n8n' } });
		expect(a.status).toBe(201);
		expect(a.json).toEqual({ data: { id: 1, url: 'https://a.example.com/hook', events: ['message'], source: 'n8n', isActive: true, createdAt: expect.stringMatching(/^\d{4}-/) } });
		const b = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://b.example.com/hook', events: ['message', 'message_ack'] } });
		expect(b.json.data).toMatchObject({ id: 2, source: 'api' });
		const list = await call(hooks(), { headers: auth });
		expect(list.status).toBe(200);
		expect(list.json.data.map((s) => s.id)).toEqual([1, 2]);
		expect(sb.state.waapi.instances[0]).toMatchObject({ webhook_url: null, webhook_events: [] });
	});
	test('the same URL again returns the existing subscription', async () => {
		const first = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com/hook', events: ['message'] } });
		const again = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com/hook', events: ['message'] } });
		expect(again.status).toBe(200);
		expect(again.json.data.id).toBe(first.json.data.id);
		expect(sb.state.waapi.instances[0].subscriptions).toHaveLength(1);
	});
	test('DELETE …/{subscriptionId} removes exactly that one → 204; unknown → 404', async () => {
		await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com/hook', events: ['message'] } });
		await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://b.example.com/hook', events: ['message'] } });
		const del = await call(`${hooks()}/1`, { method: 'DELETE', headers: auth });
		expect(del.status).toBe(204);
		expect(sb.state.waapi.instances[0].subscriptions.map((s) => s.url)).toEqual(['https://b.example.com/hook']);
		expect((await call(`${hooks()}/1`, { method: 'DELETE', headers: auth })).status).toBe(404);
	});
	test('bad bodies → 422 with field errors', async () => {
		const noUrl = await call(hooks(), { method: 'POST', headers: auth, body: { events: ['message'] } });
		expect(noUrl.status).toBe(422);
		expect(noUrl.json.errors.url).toBeDefined();
		const badEvent = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com', events: ['message', 'nope'] } });
		expect(badEvent.json.errors['events.1']).toBeDefined();
		const badSource = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com', events: ['message'], source: 'zap' } });
		expect(badSource.status).toBe(422);
	});
	test.each([
		['forbidden', 403, { message: 'This action is unauthorized.' }],
		[false, 404, { message: expect.stringContaining('could not be found') }],
	])('subscriptions knob %s → %s in Laravel\'s shape', async (knob, status, body) => {
		sb.configure('waapi', { subscriptions: knob });
		const r = await call(hooks(), { method: 'POST', headers: auth, body: { url: 'https://a.example.com/hook', events: ['message'] } });
		expect(r.status).toBe(status);
		expect(r.json).toEqual(body);
		expect(sb.state.waapi.instances[0].subscriptions).toEqual([]);
	});
});
