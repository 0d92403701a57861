// @ts-check
// WaAPI as its own SDKs, Make app and whatsapp-web.js show it (sources in test/sandbox/waapi.js):
// a disconnected instance answers HTTP 200 with a flat `{status: "error", message: "instance not ready"}`;
// webhook subscriptions (`POST/DELETE /instances/{id}/webhooks`) let several triggers share one instance;
// numbers of countries whose chat id is not the written number (Brazil, Mexico, Argentina) need get-number-id.
const { useSandbox } = require('../support/sandbox');
const { runNode, runWebhookMethod } = require('../harness');
const { triggerParams, webhookUrlOf, rl } = require('./helpers');

const sb = useSandbox();

const credentials = () => ({ waApiApi: sb.credentials.waApiApi });
const actionPath = (name, id = '101') => `/api/v1/instances/${id}/client/action/${name}`;
const instance = () => sb.state.waapi.instances.find((i) => i.id === 101);
const sendText = (parameters, extra = {}) =>
	runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: rl('101'), text: 'Hello', ...parameters },
		credentials: credentials(),
		...extra,
	});

describe('a disconnected instance', () => {
	test('sendText fails with WaAPI\'s message and a hint to connect the instance by QR; sent exactly once', async () => {
		sb.configure('waapi', { connected: false });
		const r = await sendText({ to: '+49 151 2345678' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toContain('instance not ready');
		expect(String(r.error.description)).toMatch(/QR/);
		expect(sb.requests('waapi', { method: 'POST', path: actionPath('send-message') })).toHaveLength(1);
		expect(sb.state.waapi.sent).toEqual([]);
	});
});

describe('webhook subscriptions', () => {
	/** One trigger = one workflow with its own production URL and static data. */
	function trigger(workflow, events = ['message.received'], options = {}) {
		const staticData = {};
		const hook = (method) =>
			runWebhookMethod({
				method,
				parameters: triggerParams('waapi', events, options),
				credentials: credentials(),
				staticData,
				webhookUrl: webhookUrlOf(workflow),
			});
		return { staticData, hook, url: webhookUrlOf(workflow) };
	}
	const subscriptionUrls = () => instance().subscriptions.map((s) => s.url.split('?')[0]);

	test('two triggers on one instance both register, the instance webhook stays; deactivating one deletes exactly its subscription', async () => {
		instance().webhook_url = 'https://crm.example.com/waapi-hook';
		instance().webhook_events = ['message'];
		const a = trigger('workflow-a');
		const b = trigger('workflow-b', ['message.received', 'message.status']);
		await a.hook('create');
		await b.hook('create');

		expect(subscriptionUrls()).toEqual([a.url, b.url]);
		expect(instance().subscriptions.map((s) => s.events)).toEqual([['message'], ['message', 'message_ack']]);
		// The instance's own webhook (someone else's) is untouched and no instance update was sent.
		expect(instance()).toMatchObject({ webhook_url: 'https://crm.example.com/waapi-hook', webhook_events: ['message'] });
		expect(sb.requests('waapi', { method: 'PUT' })).toHaveLength(0);

		const [subA, subB] = instance().subscriptions;
		await a.hook('delete');
		expect(instance().subscriptions.map((s) => s.id)).toEqual([subB.id]);
		const deletes = sb.requests('waapi', { method: 'DELETE' });
		expect(deletes.map((e) => e.path)).toEqual([`/api/v1/instances/101/webhooks/${subA.id}`]);
		expect(instance()).toMatchObject({ webhook_url: 'https://crm.example.com/waapi-hook', webhook_events: ['message'] });
	});

	test.each([
		['a token without the update scope (403)', 'forbidden'],
		['an API without subscriptions (404)', false],
	])('with %s, activation falls back to the instance webhook under the Overwrite rule', async (_, knob) => {
		sb.configure('waapi', { subscriptions: knob });
		const a = trigger('workflow-a');
		await a.hook('create');
		expect(instance().webhook_url).toBe(`${a.url}?token=${a.staticData.registration.token}`);
		expect(instance().webhook_events).toEqual(['message']);

		// A second trigger finds the webhook taken: refused without the option, taken over with it.
		const b = trigger('workflow-b');
		await expect(b.hook('create')).rejects.toThrow(`already sends its webhooks to ${a.url}`);
		const c = trigger('workflow-c', ['message.received'], { overwriteExistingWebhook: true });
		await c.hook('create');
		expect(instance().webhook_url).toBe(`${c.url}?token=${c.staticData.registration.token}`);
	});
});

describe('numbers whose chat id is not the written number (get-number-id)', () => {
	test('sendText resolves each recipient once with get-number-id before sending, and sends to the resolved id', async () => {
		const r = await sendText({ to: '={{ $json.to }}' }, {
			input: [
				// Brazil, area code 31, written with the ninth digit; WhatsApp's id has none (numbers.js).
				{ json: { to: '+55 31 99688-3193' } },
				// Mexico, written +52 and ten digits; WhatsApp's id is 52 1 ….
				{ json: { to: '+52 55 1234 5678' } },
			],
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.status)).toEqual(['sent', 'sent']);

		const entries = sb.requests('waapi', { method: 'POST' });
		const lookups = entries.filter((e) => e.path === actionPath('get-number-id'));
		expect(lookups.map((e) => e.body.number)).toEqual(['5531996883193', '525512345678']);
		const sends = entries.filter((e) => e.path === actionPath('send-message'));
		expect(sends.map((e) => e.body.chatId)).toEqual(['553196883193@c.us', '5215512345678@c.us']);
		// Each lookup came before the send it resolved.
		for (let i = 0; i < 2; i++) expect(entries.indexOf(lookups[i])).toBeLessThan(entries.indexOf(sends[i]));
		expect(sb.state.waapi.sent.map((m) => m.delivered)).toEqual([true, true]);
	});
});
