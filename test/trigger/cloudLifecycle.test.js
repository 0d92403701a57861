// @ts-check
// Activation and deactivation of the Cloud API trigger through n8n-core's real HookContext, against the sandbox,
// which performs Meta's GET handshake against the URL the trigger registers: that URL is a 127.0.0.1 front that
// hands every GET and POST to the trigger's own webhook code (the harness's WebhookContext), so the handshake is
// answered by the trigger itself, with the verify token it registered. Checked: the per-number override, the
// app subscription, refusing and taking over a foreign override, removal on deactivation (only our own, never
// failing), manual setup, a missing app secret, and two triggers on two numbers of one app.
const { startSandbox } = require('../sandbox');
const { runWebhookMethod } = require('../harness');
const { cloudParams, startTriggerFront } = require('./cloudHelpers');

const fromCore = (id) => require(require.resolve(id, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

/** @type {any} */
let sb;
/** @type {string[]} */
let pids;
/** @type {Array<{ close(): Promise<unknown> }>} */
let fronts = [];
let seq = 0;

beforeAll(async () => {
	sb = await startSandbox();
	pids = sb.ids.cloudPhoneNumberIds;
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());
afterEach(async () => {
	await Promise.all(fronts.map((f) => f.close()));
	fronts = [];
});

/**
 * One trigger node as n8n keeps it: parameters, credentials, static data and workflow id, its production URL
 * served by a front, and its three hooks.
 * @param {{ pid?: string, options?: Record<string, any>, extra?: Record<string, any>, credentials?: Record<string, any> }} [o]
 */
async function trigger(o = {}) {
	const t = {
		parameters: cloudParams({ pid: o.pid ?? pids[0], events: ['message.received', 'message.status'], options: o.options ?? {}, extra: o.extra ?? {} }),
		credentials: o.credentials ?? { whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi },
		staticData: {},
		workflowId: `cloud-wf-${++seq}`,
	};
	const front = await startTriggerFront(t);
	fronts.push(front);
	/** @param {'checkExists' | 'create' | 'delete'} method */
	const hook = async (method) => (await runWebhookMethod({ method, ...t, webhookUrl: front.url })).result;
	return { ...t, front, url: front.url, hook };
}

const override = (pid) => sb.state.cloud.numberOverrides[pid] ?? null;
const graphCalls = (method, path) => sb.requests('cloud', { method, path });

describe('automatic setup (the number override)', () => {
	test('activate: Meta\'s handshake reaches the trigger, the override points at it; events run it; deactivate removes it', async () => {
		const t = await trigger();
		expect(await t.hook('checkExists')).toBe(false);
		expect(await t.hook('create')).toBe(true);

		// Meta verified the URL with a GET the trigger answered itself (the challenge, text/plain).
		expect(sb.state.cloud.handshakes).toEqual([expect.objectContaining({ url: t.url, ok: true, status: 200, contentType: expect.stringMatching(/^text\/plain/) })]);
		expect(t.front.calls).toEqual([expect.objectContaining({ method: 'GET', status: 200, ran: false })]);
		expect(override(pids[0])).toEqual({ url: t.url, verifyToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
		const [set] = graphCalls('POST', `/${pids[0]}`);
		expect(set.body.webhook_configuration).toEqual({ override_callback_uri: t.url, verify_token: override(pids[0]).verifyToken });
		// The current override is read first; the app was already subscribed, so no subscribe call.
		expect(graphCalls('GET', `/${pids[0]}`)[0].query.fields).toBe('webhook_configuration');
		expect(graphCalls('POST', `/${sb.ids.cloudWabaId}/subscribed_apps`)).toHaveLength(0);
		expect(t.staticData.registration).toMatchObject({ url: t.url, instanceId: pids[0], token: null, signingSecret: null });
		expect(await t.hook('checkExists')).toBe(true);

		// Meta now delivers this number's messages to the trigger (signed with the app secret).
		const delivered = await sb.sendEvent('cloud', 'text', { text: 'Hello trigger', messageId: 'wamid.LIFE1' });
		expect(delivered.status).toBe(200);
		const post = t.front.calls.find((c) => c.method === 'POST');
		expect(post).toMatchObject({ status: 200, ran: true });
		expect(post.items).toEqual([expect.objectContaining({ provider: 'cloud', event: 'message.received', instanceId: pids[0], messageId: 'wamid.LIFE1', text: 'Hello trigger' })]);

		expect(await t.hook('delete')).toBe(true);
		expect(override(pids[0])).toBeNull();
		expect(graphCalls('POST', `/${pids[0]}`).at(-1).body).toEqual({ webhook_configuration: { override_callback_uri: '' } });
		expect(t.staticData).not.toHaveProperty('registration');
		expect(await t.hook('checkExists')).toBe(false);
	});

	test('a verify token that is not the trigger\'s: the trigger answers 403 and Meta refuses the URL', async () => {
		const t = await trigger();
		const r = await sb.cloudHandshake({ url: t.url, verifyToken: 'someone-elses-token' });
		expect(r).toMatchObject({ ok: false, status: 403 });
	});

	test('the app is not subscribed to the WABA: activation subscribes it and says so', async () => {
		sb.state.cloud.subscribed = false;
		const info = jest.spyOn(Container.get(Logger), 'info');
		try {
			const t = await trigger();
			expect(await t.hook('create')).toBe(true);
			expect(sb.state.cloud.subscribed).toBe(true);
			const [subscribe] = graphCalls('POST', `/${sb.ids.cloudWabaId}/subscribed_apps`);
			expect(subscribe.body).toBeUndefined();
			expect(override(pids[0])?.url).toBe(t.url);
			expect(JSON.stringify(info.mock.calls)).toContain(
				`WhatsApp Gateway Trigger (WhatsApp Cloud API): subscribed the Meta app ${sb.ids.cloudAppId} to the WhatsApp Business Account ${sb.ids.cloudWabaId}`,
			);
		} finally {
			info.mockRestore();
		}
	});

	test('with an App ID in the credential, another app\'s subscription does not count', async () => {
		sb.state.cloud.appId = '111111111111111';
		const t = await trigger();
		expect(await t.hook('create')).toBe(true);
		expect(graphCalls('POST', `/${sb.ids.cloudWabaId}/subscribed_apps`)).toHaveLength(1);
	});

	test('a foreign override is refused, naming its URL without the query; nothing changes', async () => {
		sb.state.cloud.numberOverrides[pids[0]] = { url: 'https://other.example.com/meta?key=OTHER-SECRET', verifyToken: 'theirs' };
		const t = await trigger();
		const attempt = t.hook('create');
		await expect(attempt).rejects.toThrow('The WhatsApp Cloud API number 106540352242922 already sends its webhooks to https://other.example.com/meta');
		await expect(t.hook('create')).rejects.not.toThrow(/OTHER-SECRET/);
		expect(override(pids[0])).toEqual({ url: 'https://other.example.com/meta?key=OTHER-SECRET', verifyToken: 'theirs' });
		expect(graphCalls('POST', `/${pids[0]}`)).toHaveLength(0);
		expect(sb.state.cloud.handshakes).toHaveLength(0);
		expect(t.staticData).toEqual({});
	});

	test('Overwrite Existing Webhook: taken over, the replaced URL named (it cannot be put back); deactivation removes ours', async () => {
		sb.state.cloud.numberOverrides[pids[0]] = { url: 'https://other.example.com/meta?key=OTHER-SECRET', verifyToken: 'theirs' };
		sb.state.cloud.wabaOverride = { url: 'https://waba.example.com/hook', verifyToken: 'w' };
		const info = jest.spyOn(Container.get(Logger), 'info');
		try {
			const t = await trigger({ options: { overwriteExistingWebhook: true } });
			expect(await t.hook('create')).toBe(true);
			expect(override(pids[0])?.url).toBe(t.url);
			const logged = JSON.stringify(info.mock.calls);
			expect(logged).toContain(`took over the webhook override of number ${pids[0]} from https://other.example.com/meta; Meta never returns verify tokens, so it cannot be put back on deactivation`);
			expect(logged).not.toContain('OTHER-SECRET');
			expect(await t.hook('delete')).toBe(true);
			// Removed, not restored: this number's events fall back to the WABA's override.
			expect(override(pids[0])).toBeNull();
			const { routeUrl } = require('../sandbox/cloudEvents');
			expect(routeUrl(sb, pids[0])).toBe('https://waba.example.com/hook');
		} finally {
			info.mockRestore();
		}
	});

	test('re-activating a trigger whose override is still ours is no takeover', async () => {
		const t = await trigger();
		expect(await t.hook('create')).toBe(true);
		const info = jest.spyOn(Container.get(Logger), 'info');
		try {
			expect(await t.hook('create')).toBe(true);
			expect(JSON.stringify(info.mock.calls)).not.toContain('took over');
		} finally {
			info.mockRestore();
		}
		expect(override(pids[0])?.url).toBe(t.url);
	});

	test('deactivation leaves an override someone set since, and never fails because Meta cannot be reached', async () => {
		const t = await trigger();
		expect(await t.hook('create')).toBe(true);
		sb.state.cloud.numberOverrides[pids[0]] = { url: 'https://new-owner.example.com/hook', verifyToken: 'n' };
		expect(await t.hook('delete')).toBe(true);
		expect(override(pids[0])?.url).toBe('https://new-owner.example.com/hook');

		const u = await trigger({ pid: pids[1] });
		expect(await u.hook('create')).toBe(true);
		sb.configure('cloud', { faults: [{ kind: 'status', status: 500, path: `/${pids[1]}`, count: 20 }] });
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		try {
			expect(await u.hook('delete')).toBe(true);
			expect(u.staticData).not.toHaveProperty('registration');
			const logged = JSON.stringify(warn.mock.calls);
			expect(logged).toContain(`could not remove the webhook override of number ${pids[1]}`);
			expect(logged).toContain('Instance → Update Webhook with an empty URL');
			expect(logged).not.toContain(sb.credentials.whatsAppGatewayCloudApi.accessToken);
		} finally {
			warn.mockRestore();
		}
		expect(override(pids[1])?.url).toBe(u.url);
	});

	test('no App Secret in the credential: activation fails naming it, Meta is not touched', async () => {
		const t = await trigger({ credentials: { whatsAppGatewayCloudApi: { ...sb.credentials.whatsAppGatewayCloudApi, appSecret: '' } } });
		await expect(t.hook('create')).rejects.toThrow('WhatsApp Cloud API calls cannot be authenticated: the credential has no App Secret');
		expect(sb.log).toHaveLength(0);
	});
});

describe('two triggers on two numbers of one Meta app', () => {
	test('each number\'s override points at its own trigger; each runs for its own number only', async () => {
		const a = await trigger({ pid: pids[0] });
		const b = await trigger({ pid: pids[1] });
		expect(await a.hook('create')).toBe(true);
		expect(await b.hook('create')).toBe(true);
		expect(override(pids[0])?.url).toBe(a.url);
		expect(override(pids[1])?.url).toBe(b.url);
		expect(sb.state.cloud.handshakes.map((h) => [h.url, h.ok])).toEqual([
			[a.url, true],
			[b.url, true],
		]);

		// Meta routes each number's events to its override.
		await sb.sendEvent('cloud', 'text', { phoneNumberId: pids[0], text: 'to A' });
		await sb.sendEvent('cloud', 'text', { phoneNumberId: pids[1], text: 'to B' });
		expect(a.front.calls.filter((c) => c.ran).flatMap((c) => c.items.map((i) => [i.instanceId, i.text]))).toEqual([[pids[0], 'to A']]);
		expect(b.front.calls.filter((c) => c.ran).flatMap((c) => c.items.map((i) => [i.instanceId, i.text]))).toEqual([[pids[1], 'to B']]);

		// An event for B that reaches A (e.g. through the WABA or app URL) is acknowledged without a run.
		const stray = await sb.sendEvent('cloud', 'text', { phoneNumberId: pids[1], url: a.url });
		expect(stray.status).toBe(200);
		expect(a.front.calls.at(-1)).toMatchObject({ method: 'POST', status: 200, ran: false, body: { received: true, emitted: 0 } });

		expect(await a.hook('delete')).toBe(true);
		expect(override(pids[0])).toBeNull();
		expect(override(pids[1])?.url).toBe(b.url);
		expect(await b.hook('delete')).toBe(true);
		expect(override(pids[1])).toBeNull();
	});
});

describe('manual setup (Meta app dashboard)', () => {
	test('registers nothing; needs the Webhook Token, which then answers Meta\'s handshake', async () => {
		const empty = await trigger({ extra: { webhookSetup: 'manual', webhookToken: '' } });
		await expect(empty.hook('create')).rejects.toThrow('Set a Webhook Token: WhatsApp Cloud API calls are authenticated by it');

		const t = await trigger({ extra: { webhookSetup: 'manual', webhookToken: 'dashboard-verify-token-123' } });
		expect(await t.hook('create')).toBe(true);
		expect(sb.log).toHaveLength(0);
		expect(await t.hook('checkExists')).toBe(false);
		// What Meta's dashboard does when the URL and the token are pasted.
		expect(await sb.cloudHandshake({ url: t.url, verifyToken: 'dashboard-verify-token-123' })).toMatchObject({ ok: true, status: 200 });
		expect(await sb.cloudHandshake({ url: t.url, verifyToken: 'wrong' })).toMatchObject({ ok: false, status: 403 });
		// Deliveries are still checked against the app secret.
		const delivered = await sb.sendEvent('cloud', 'text', { url: t.url, text: 'manual' });
		expect(delivered.status).toBe(200);
		const unsigned = await sb.sendEvent('cloud', 'text', { url: t.url, secret: null });
		expect(unsigned.status).toBe(401);
		expect(await t.hook('delete')).toBe(true);
		expect(sb.requests('cloud')).toHaveLength(0);
	});
});
