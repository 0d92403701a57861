// @ts-check
// WSAPI self-hosted: `PUT /admin/instances/{id}/config` REPLACES the instance's whole config; what the body
// leaves out takes the server's WSAPI_DEFAULT_* value or becomes empty (wsapi-chat/wsapi-app
// internal/instance/manager.go UpdateInstanceConfig + applyDefaults @d40e5c5). Registering or restoring a webhook
// must therefore never cost the instance its own API key or its history-sync setting.
const { useSandbox } = require('../support/sandbox');
const { runNode, runWebhookMethod } = require('../harness');
const { triggerParams, webhookUrlOf, rl } = require('./helpers');

const sb = useSandbox({ reset: false });
beforeEach(() => {
	sb.reset();
	// The instance the operator set up: its own key (the credential's) and history sync turned on.
	sb.state.wsapi.instances[0].historySync = true;
});

const instance = () => sb.state.wsapi.instances[0];
const credentials = () => ({ wsApiApi: sb.credentials.wsApiApiSelfHosted });

/** The instance API with a key, as a client of that instance calls it. */
async function sessionStatusWith(key) {
	const res = await fetch(`${sb.urls.wsapi}/session/status`, {
		headers: { 'x-api-key': key, 'x-instance-id': sb.ids.wsapiInstanceId },
		signal: AbortSignal.timeout(10_000),
	});
	await res.arrayBuffer();
	return res.status;
}

/** The instance still takes exactly its own key, and history sync is still on. */
async function expectInstanceUntouched() {
	expect(await sessionStatusWith(sb.credentials.wsApiApiSelfHosted.apiKey)).toBe(200);
	expect(await sessionStatusWith('a-key-that-is-not-the-instance-key')).toBe(401);
	expect(instance().apiKey).toBe(sb.credentials.wsApiApiSelfHosted.apiKey);
	expect(instance().historySync).toBe(true);
}

const SERVERS = [
	['a server without WSAPI_DEFAULT_* settings', {}],
	['a server with WSAPI_DEFAULT_API_KEY and WSAPI_DEFAULT_HISTORY_SYNC=false', { apiKey: 'server-default-key', historySync: false }],
];

describe.each(SERVERS)('self-hosted WSAPI, %s', (_, instanceDefaults) => {
	beforeEach(() => {
		sb.configure('wsapi', { instanceDefaults });
	});

	test('trigger activation and deactivation keep the instance key and history sync', async () => {
		const staticData = {};
		const hook = (method) =>
			runWebhookMethod({
				method,
				parameters: triggerParams('wsapi', ['message.received']),
				credentials: credentials(),
				staticData,
				webhookUrl: webhookUrlOf('wsapi-config'),
			});
		await hook('create');
		expect(instance().webhookUrl).toBe(webhookUrlOf('wsapi-config'));
		await expectInstanceUntouched();

		await hook('delete');
		expect(instance().webhookUrl).toBeNull();
		await expectInstanceUntouched();
	});

	test('Instance → Update Webhook keeps the instance key and history sync', async () => {
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: {
				provider: 'wsapi',
				resource: 'instance',
				operation: 'updateWebhook',
				instanceId: rl('ins_demo1'),
				webhookUrl: 'https://example.com/wsapi-hook',
				webhookEvents: ['message'],
			},
			credentials: credentials(),
		});
		expect(r.error).toBeUndefined();
		expect(instance().webhookUrl).toBe('https://example.com/wsapi-hook');
		await expectInstanceUntouched();
	});
});
