// @ts-check
// Activation and deactivation against the sandbox: checkExists / create / delete through n8n-core's real
// HookContext, asserting the provider's own webhook configuration before, during and after.
const { useSandbox } = require('../support/sandbox');
const { runWebhookMethod } = require('../harness');
const { WEBHOOK_URL, deliver, params } = require('./helpers');

const ALL_WAAPI_EVENTS = [
	'message', 'loading_screen', 'qr', 'authenticated', 'auth_failure', 'ready', 'disconnected', 'message_create',
	'message_edit', 'message_revoke_everyone', 'message_revoke_me', 'message_ack', 'message_reaction', 'media_uploaded',
	'group_join', 'group_leave', 'group_update', 'change_state', 'call', 'vote_update',
];

const sb = useSandbox();

/** Runs one webhook method the way n8n does on (de)activation. */
function hook(method, provider, { events = ['message.received'], options = {}, credentials, staticData, extra = {} }) {
	return runWebhookMethod({
		method,
		parameters: params(provider, events, options, extra),
		credentials,
		staticData,
		webhookUrl: WEBHOOK_URL,
	});
}

describe('WaAPI (webhook subscriptions)', () => {
	const credentials = () => ({ waApiApi: sb.credentials.waApiApi });
	const instance = () => sb.state.waapi.instances.find((i) => i.id === 101);

	test('create subscribes <URL>?token=<token> with the needed events; checkExists; delete removes exactly it', async () => {
		const staticData = {};
		const events = ['message.received', 'message.status'];
		expect((await hook('create', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);
		const { token, state } = staticData.registration;
		expect(instance().subscriptions).toEqual([expect.objectContaining({ id: Number(state.subscriptionId), url: `${WEBHOOK_URL}?token=${token}`, events: ['message', 'message_ack'], source: 'n8n' })]);
		expect(instance()).toMatchObject({ webhook_url: null, webhook_events: [] });
		expect((await hook('checkExists', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);
		const r = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message', {}), { staticData, query: { token } });
		expect(r.items).toHaveLength(1);

		expect((await hook('delete', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);
		expect(instance().subscriptions).toEqual([]);
		expect(sb.requests('waapi', { method: 'DELETE' }).map((e) => e.path)).toEqual([`/api/v1/instances/101/webhooks/${state.subscriptionId}`]);
		expect(staticData).not.toHaveProperty('registration');
	});

	test.each([
		[['message.sent'], ['message_create']],
		[['instance.status'], ['loading_screen', 'qr', 'authenticated', 'auth_failure', 'ready', 'disconnected', 'change_state']],
		[['message.received', 'message.sent', 'message.status', 'instance.status', 'other'], ALL_WAAPI_EVENTS],
	])('selected %j subscribes %j', async (events, providerEvents) => {
		await hook('create', 'waapi', { events, credentials: credentials(), staticData: {} });
		expect(instance().subscriptions.map((s) => s.events)).toEqual([providerEvents]);
	});

	test('an activation that was never removed: its stale subscription is deleted, the new one replaces it', async () => {
		const staticData = {};
		await hook('create', 'waapi', { credentials: credentials(), staticData });
		const first = staticData.registration.state.subscriptionId;
		await hook('create', 'waapi', { credentials: credentials(), staticData });
		expect(instance().subscriptions.map((s) => String(s.id))).toEqual([staticData.registration.state.subscriptionId]);
		expect(staticData.registration.state.subscriptionId).not.toBe(first);
	});

	test('checkExists is false once the subscription is gone, and delete does not fail for it', async () => {
		const staticData = {};
		await hook('create', 'waapi', { credentials: credentials(), staticData });
		instance().subscriptions.length = 0;
		expect((await hook('checkExists', 'waapi', { credentials: credentials(), staticData })).result).toBe(false);
		expect((await hook('delete', 'waapi', { credentials: credentials(), staticData })).result).toBe(true);
	});
});

describe('WaAPI (an account without webhook subscriptions: the instance webhook URL)', () => {
	const credentials = () => ({ waApiApi: sb.credentials.waApiApi });
	const instance = () => sb.state.waapi.instances.find((i) => i.id === 101);
	beforeEach(() => sb.configure('waapi', { subscriptions: false }));

	test('create registers <URL>?token=<token> with the needed events; checkExists; delete restores', async () => {
		const staticData = {};
		const events = ['message.received', 'message.status'];
		expect(instance()).toMatchObject({ webhook_url: null, webhook_events: [] });
		expect((await hook('checkExists', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(false);

		expect((await hook('create', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);
		const { token } = staticData.registration;
		expect(token).toMatch(/^[0-9a-f]{48}$/);
		expect(instance()).toMatchObject({ webhook_url: `${WEBHOOK_URL}?token=${token}`, webhook_events: ['message', 'message_ack'] });
		expect((await hook('checkExists', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);

		// During: a provider call with that token runs the workflow.
		const r = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message', {}), { staticData, query: { token } });
		expect(r.items).toHaveLength(1);

		expect((await hook('delete', 'waapi', { events, credentials: credentials(), staticData })).result).toBe(true);
		expect(instance()).toMatchObject({ webhook_url: null, webhook_events: [] });
		expect(staticData).not.toHaveProperty('registration');
		// After deactivation the old token no longer opens the trigger.
		const after = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message', {}), { staticData, query: { token } });
		expect(after.status).toBe(401);
	});

	test.each([
		[['message.sent'], ['message_create']],
		[['instance.status'], ['loading_screen', 'qr', 'authenticated', 'auth_failure', 'ready', 'disconnected', 'change_state']],
		[['message.received', 'message.sent', 'message.status', 'instance.status', 'other'], ALL_WAAPI_EVENTS],
		[['other'], ['message_edit', 'message_revoke_everyone', 'message_revoke_me', 'message_reaction', 'media_uploaded', 'group_join', 'group_leave', 'group_update', 'call', 'vote_update']],
	])('selected %j subscribes %j', async (events, providerEvents) => {
		await hook('create', 'waapi', { events, credentials: credentials(), staticData: {} });
		expect(instance().webhook_events).toEqual(providerEvents);
	});

	test('refuses to take over a webhook pointing elsewhere, without showing its query (a secret)', async () => {
		instance().webhook_url = 'https://other.example.com/hooks/wa?key=OTHER-SECRET';
		instance().webhook_events = ['message', 'call'];
		const staticData = {};
		const attempt = hook('create', 'waapi', { credentials: credentials(), staticData });
		await expect(attempt).rejects.toThrow('The WaAPI instance 101 already sends its webhooks to https://other.example.com/hooks/wa');
		await expect(hook('create', 'waapi', { credentials: credentials(), staticData })).rejects.not.toThrow(/OTHER-SECRET/);
		expect(instance()).toMatchObject({ webhook_url: 'https://other.example.com/hooks/wa?key=OTHER-SECRET', webhook_events: ['message', 'call'] });
		expect(staticData).toEqual({});
		expect(sb.requests('waapi', { method: 'PUT' })).toHaveLength(0);
	});

	test('overwriteExistingWebhook takes it over and delete puts the previous URL and events back', async () => {
		instance().webhook_url = 'https://other.example.com/hooks/wa?key=OTHER-SECRET';
		instance().webhook_events = ['message', 'call'];
		const staticData = {};
		const options = { overwriteExistingWebhook: true };
		await hook('create', 'waapi', { options, credentials: credentials(), staticData });
		expect(instance().webhook_url).toBe(`${WEBHOOK_URL}?token=${staticData.registration.token}`);
		expect(instance().webhook_events).toEqual(['message']);
		await hook('delete', 'waapi', { options, credentials: credentials(), staticData });
		expect(instance()).toMatchObject({ webhook_url: 'https://other.example.com/hooks/wa?key=OTHER-SECRET', webhook_events: ['message', 'call'] });
	});

	test('this workflow\'s own URL with a stale token is not foreign: taken over without the option', async () => {
		instance().webhook_url = `${WEBHOOK_URL}?token=stale`;
		instance().webhook_events = ['message'];
		const staticData = {};
		await hook('create', 'waapi', { credentials: credentials(), staticData });
		expect(instance().webhook_url).toBe(`${WEBHOOK_URL}?token=${staticData.registration.token}`);
		// Nothing worth restoring: deactivation clears it.
		await hook('delete', 'waapi', { credentials: credentials(), staticData });
		expect(instance()).toMatchObject({ webhook_url: null, webhook_events: [] });
	});

	test('checkExists is false once someone points the instance elsewhere, and delete leaves their URL alone', async () => {
		const staticData = {};
		await hook('create', 'waapi', { credentials: credentials(), staticData });
		instance().webhook_url = 'https://someone-else.example.com/hook';
		expect((await hook('checkExists', 'waapi', { credentials: credentials(), staticData })).result).toBe(false);
		await hook('delete', 'waapi', { credentials: credentials(), staticData });
		expect(instance().webhook_url).toBe('https://someone-else.example.com/hook');
		expect(staticData).not.toHaveProperty('registration');
	});

	test('without an instance, activation stops with a clear message', async () => {
		await expect(hook('create', 'waapi', { credentials: credentials(), staticData: {}, extra: { instanceId: { __rl: true, mode: 'id', value: '' } } })).rejects.toThrow(
			'Choose the WaAPI instance whose events should start the workflow',
		);
	});

	test('a provider error becomes a NodeApiError naming the provider and status', async () => {
		await expect(
			hook('create', 'waapi', { credentials: credentials(), staticData: {}, extra: { instanceId: { __rl: true, mode: 'id', value: '999' } } }),
		).rejects.toThrow(/WaAPI could not read the instance webhook: .*\[HTTP 404\]/);
	});
});

describe('WhatsApp On-Premises', () => {
	const credentials = () => ({ whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi });
	const webhooks = () => sb.state.onPremises.settings.webhooks;

	test('create sets webhooks.url (with token); checkExists; delete restores', async () => {
		const staticData = {};
		expect(webhooks().url).toBeNull();
		expect((await hook('checkExists', 'onPremises', { credentials: credentials(), staticData })).result).toBe(false);
		await hook('create', 'onPremises', { credentials: credentials(), staticData });
		const { token } = staticData.registration;
		expect(webhooks().url).toBe(`${WEBHOOK_URL}?token=${token}`);
		expect(sb.requests('onPremises', { method: 'PATCH', path: '/v1/settings/application' }).map((e) => e.body)).toEqual([
			{ webhooks: { url: `${WEBHOOK_URL}?token=${token}` } },
		]);
		expect((await hook('checkExists', 'onPremises', { credentials: credentials(), staticData })).result).toBe(true);
		await hook('delete', 'onPremises', { credentials: credentials(), staticData });
		expect(webhooks().url).toBeNull();
		// Other webhook settings are untouched.
		expect(webhooks().max_concurrent_requests).toBe(6);
	});

	test('refuses a foreign webhook URL; with overwriteExistingWebhook restores it on delete', async () => {
		webhooks().url = 'https://crm.example.com/wa-hook';
		await expect(hook('create', 'onPremises', { credentials: credentials(), staticData: {} })).rejects.toThrow(
			'The WhatsApp On-Premises already sends its webhooks to https://crm.example.com/wa-hook',
		);
		expect(webhooks().url).toBe('https://crm.example.com/wa-hook');
		const staticData = {};
		const options = { overwriteExistingWebhook: true };
		await hook('create', 'onPremises', { options, credentials: credentials(), staticData });
		expect(webhooks().url).toBe(`${WEBHOOK_URL}?token=${staticData.registration.token}`);
		await hook('delete', 'onPremises', { options, credentials: credentials(), staticData });
		expect(webhooks().url).toBe('https://crm.example.com/wa-hook');
	});
});

describe('WSAPI', () => {
	const instance = (id = 'ins_demo1') => sb.state.wsapi.instances.find((i) => i.id === id);

	test.each([
		['hosted', 'wsApiApi', /^\/account\/instances\/ins_demo1/],
		['self-hosted', 'wsApiApiSelfHosted', /^\/admin\/instances\/ins_demo1/],
	])('%s: create sets webhookUrl, eventFilters and the credential secret; delete restores', async (_label, credentialKey, route) => {
		const credentials = { wsApiApi: sb.credentials[credentialKey] };
		const staticData = {};
		const events = ['message.received', 'message.status', 'instance.status'];
		expect(instance()).toMatchObject({ webhookUrl: null, eventFilters: [], signingSecret: 'wsapi-demo-signing-secret' });

		expect((await hook('checkExists', 'wsapi', { events, credentials, staticData })).result).toBe(false);
		await hook('create', 'wsapi', { events, credentials, staticData });
		expect(instance()).toMatchObject({ webhookUrl: WEBHOOK_URL, eventFilters: ['message', 'message_read'], signingSecret: sb.credentials[credentialKey].webhookSigningSecret });
		expect(staticData.registration).toMatchObject({ url: WEBHOOK_URL, instanceId: 'ins_demo1', token: null, signingSecret: null });
		expect((await hook('checkExists', 'wsapi', { events, credentials, staticData })).result).toBe(true);

		await hook('delete', 'wsapi', { events, credentials, staticData });
		expect(instance()).toMatchObject({ webhookUrl: null, eventFilters: [], signingSecret: 'wsapi-demo-signing-secret' });
		expect(staticData).not.toHaveProperty('registration');

		// Only the account (customer or admin) routes were used, with the account key, never the instance key.
		const calls = sb.requests('wsapi', {});
		expect(calls.length).toBeGreaterThan(0);
		for (const call of calls) {
			expect(call.path).toMatch(route);
			expect(call.headers['x-api-key']).toBe(sb.credentials[credentialKey].accountApiKey);
			expect(call.headers).not.toHaveProperty('x-gateway-auth');
		}
	});

	test('without a secret in the credential, create generates one, registers it, and calls signed with it get in', async () => {
		const credentials = { wsApiApi: { ...sb.credentials.wsApiApi, webhookSigningSecret: '' } };
		const staticData = {};
		await hook('create', 'wsapi', { credentials, staticData });
		const generated = staticData.registration.signingSecret;
		expect(generated).toMatch(/^[0-9a-f]{48}$/);
		expect(instance().signingSecret).toBe(generated);
		// The provider now signs with the registered secret; the trigger accepts it.
		const body = sb.eventBody('wsapi', 'message', {});
		const r = await deliver(sb, 'wsapi', body, { staticData, secret: instance().signingSecret });
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
		await hook('delete', 'wsapi', { credentials, staticData });
		expect(instance().signingSecret).toBe('wsapi-demo-signing-secret');
	});

	test('another instance than the credential\'s', async () => {
		const credentials = { wsApiApi: sb.credentials.wsApiApi };
		const staticData = {};
		const extra = { instanceId: { __rl: true, mode: 'id', value: 'ins_demo2' } };
		await hook('create', 'wsapi', { credentials, staticData, extra });
		expect(instance('ins_demo2').webhookUrl).toBe(WEBHOOK_URL);
		expect(instance('ins_demo1').webhookUrl).toBeNull();
		await hook('delete', 'wsapi', { credentials, staticData, extra });
		expect(instance('ins_demo2')).toMatchObject({ webhookUrl: null, signingSecret: null });
	});

	test('refuses a foreign webhook URL unless overwriteExistingWebhook', async () => {
		instance().webhookUrl = 'https://other.example.com/wsapi';
		const credentials = { wsApiApi: sb.credentials.wsApiApi };
		await expect(hook('create', 'wsapi', { credentials, staticData: {} })).rejects.toThrow(
			'The WSAPI instance ins_demo1 already sends its webhooks to https://other.example.com/wsapi',
		);
		expect(instance().webhookUrl).toBe('https://other.example.com/wsapi');
		const staticData = {};
		await hook('create', 'wsapi', { credentials, staticData, options: { overwriteExistingWebhook: true } });
		expect(instance().webhookUrl).toBe(WEBHOOK_URL);
		await hook('delete', 'wsapi', { credentials, staticData });
		expect(instance().webhookUrl).toBe('https://other.example.com/wsapi');
	});

	test('manual setup (no account key): activation needs a signing secret and touches nothing', async () => {
		const manual = { wsApiApi: { ...sb.credentials.wsApiApi, accountApiKey: '' } };
		expect((await hook('checkExists', 'wsapi', { credentials: manual, staticData: {} })).result).toBe(false);
		expect((await hook('create', 'wsapi', { credentials: manual, staticData: {} })).result).toBe(true);
		const neither = { wsApiApi: { ...sb.credentials.wsApiApi, accountApiKey: '', webhookSigningSecret: '' } };
		await expect(hook('create', 'wsapi', { credentials: neither, staticData: {} })).rejects.toThrow(
			'WSAPI calls cannot be authenticated: the credential has neither a Webhook Signing Secret nor an Account API Key',
		);
		expect(sb.requests('wsapi', {})).toHaveLength(0);
	});
});

describe('Crisp (manual)', () => {
	test('activation needs the Webhook Token and calls nothing', async () => {
		expect((await hook('checkExists', 'crisp', { staticData: {} })).result).toBe(false);
		expect((await hook('create', 'crisp', { staticData: {} })).result).toBe(true);
		expect((await hook('delete', 'crisp', { staticData: {} })).result).toBe(true);
		await expect(hook('create', 'crisp', { staticData: {}, extra: { webhookToken: '' } })).rejects.toThrow('Set a Webhook Token');
		expect(sb.requests('crisp', {})).toHaveLength(0);
	});
});
