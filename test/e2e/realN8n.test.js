// @ts-check
// The package in real n8n 2.41.1: n8n loads it from `.n8n/nodes`, `n8n execute` runs action workflows
// against the sandbox, published triggers receive provider-shaped events on their production URLs, the webhook
// registration lifecycle runs for real, unauthenticated calls get 401 and no execution, and an expired
// On-Premises token is renewed once and stored in the credential. One n8n server for all trigger tests; every
// CLI call is serialised (each boots n8n: 3-6 s, ~440 MB).
const cli = require('../../scripts/lib/n8nCli');
const { prepareN8n } = require('../../scripts/lib/n8nFolder');
const { lastExecutionId, waitForExecutions, executionItems } = require('../../scripts/lib/executions');
const { demoCredentials, loadExamples } = require('../../scripts/lib/demoData');
const { waitFor } = require('../../scripts/lib/waitFor');
const { startSandbox } = require('../sandbox');
const { actionWorkflows, triggerWorkflows, CRISP_TOKEN } = require('./workflows');

const MINUTE = 60_000;
// A cold runtime install takes 4-6 minutes on a 2-core machine.
jest.setTimeout(25 * MINUTE);

const PKG = 'n8n-nodes-whatsapp-gateway';

/** @type {any} */ let sb;
/** @type {Awaited<ReturnType<typeof prepareN8n>>} */ let n8n;
/** @type {any} */ let o;
/** @type {any[]} */ let exportedNodes;
/** @type {any} */ let server = null;

const examples = loadExamples();
const example = (id) => {
	const found = examples.find((e) => e.workflow.id === id);
	if (!found) throw new Error(`example workflow ${id} is missing`);
	return found.workflow;
};


async function execute(id) {
	const r = await cli.executeWorkflow(o, id);
	if (r.code !== 0 || !r.execution) {
		throw new Error(`n8n execute --id=${id} failed (exit ${r.code})\n${cli.tail(r.stdout, 60)}\n${cli.tail(r.stderr)}`);
	}
	const error = r.execution.data?.resultData?.error;
	if (error) throw new Error(`workflow ${id} failed: ${error.message} ${error.description ?? ''}`);
	return r.execution;
}

// Not useSandbox(): the sandbox is one step of a 25-minute setup and must outlive the n8n server stopped first.
beforeAll(async () => {
	sb = await startSandbox();
	n8n = await prepareN8n({
		prefix: 'wa-gateway-e2e-',
		credentials: demoCredentials(sb),
		workflows: [...Object.values(actionWorkflows), ...Object.values(triggerWorkflows), ...examples.map((e) => e.workflow)],
	});
	o = n8n.o;
}, 25 * MINUTE);

afterAll(async () => {
	if (n8n) await n8n.stop(Boolean(process.env.WA_E2E_KEEP));
	if (sb) await sb.close();
});

describe('n8n loads the package', () => {
	test('both node types load from .n8n/nodes under the package name, with all six credential types', async () => {
		exportedNodes = await cli.exportNodes(o);
		const ours = exportedNodes.filter((n) => String(n.name).startsWith(`${PKG}.`));
		// usableAsTool makes n8n derive the AI-tool variant of the action node as well.
		expect(ours.map((n) => n.name).sort()).toEqual([`${PKG}.whatsAppGateway`, `${PKG}.whatsAppGatewayTool`, `${PKG}.whatsAppGatewayTrigger`]);
		const action = ours.find((n) => n.name === `${PKG}.whatsAppGateway`);
		expect(action.displayName).toBe('WhatsApp Gateway');
		expect(action.usableAsTool).toBe(true);
		const trigger = ours.find((n) => n.name === `${PKG}.whatsAppGatewayTrigger`);
		// POST for deliveries; GET for providers that verify the URL with a handshake.
		expect(trigger.webhooks.map((w) => [w.name, w.httpMethod])).toEqual([['setup', 'GET'], ['default', 'POST']]);
		expect(action.credentials.map((c) => c.name).sort()).toEqual(
			['crispWhatsAppApi', 'waApiApi', 'whatsAppGatewayCloudApi', 'whatsAppOnPremisesApi', 'whatsAppOnPremisesApiKeyApi', 'wsApiApi'],
		);
	});
});

describe('n8n execute: one action workflow per provider against the sandbox', () => {
	test('WaAPI: send text and check contacts', async () => {
		sb.clearLog();
		const ex = await execute('e2eActWaapi');
		const [sent] = cli.nodeItems(ex, 'Send');
		expect(sent).toMatchObject({ provider: 'waapi', to: '4915123456781', status: 'sent' });
		expect(typeof sent.messageId).toBe('string');
		expect(sent.messageId.length).toBeGreaterThan(0);
		const checked = cli.nodeItems(ex, 'Check');
		expect(checked).toHaveLength(2);
		expect(checked[0]).toMatchObject({ provider: 'waapi', input: '+49 151 2345 6781', phone: '4915123456781', exists: true, status: 'valid', reliable: true });
		expect(checked[1]).toMatchObject({ provider: 'waapi', input: '+49 151 2345 6785', phone: '4915123456785', exists: false, status: 'invalid' });

		const sends = sb.requests('waapi', { method: 'POST', path: '/instances/101/client/action/send-message' });
		expect(sends).toHaveLength(1);
		expect(sends[0].body).toMatchObject({ chatId: '4915123456781@c.us', message: 'e2e hello from n8n' });
		expect(sends[0].headers.authorization).toBe(`Bearer ${sb.credentials.waApiApi.apiToken}`);
	});

	test('On-Premises (login): send text and check contacts', async () => {
		sb.clearLog();
		const ex = await execute('e2eActOnPrem');
		const [sent] = cli.nodeItems(ex, 'Send');
		expect(sent).toMatchObject({ provider: 'onPremises', to: '16315551234', status: 'sent' });
		expect(sent.messageId).toEqual(expect.any(String));
		const checked = cli.nodeItems(ex, 'Check');
		expect(checked.map((c) => [c.phone, c.exists, c.status, c.reliable])).toEqual([
			['16315551231', true, 'valid', true],
			['16315551230', false, 'invalid', true],
		]);
		const messages = sb.requests('onPremises', { method: 'POST', path: '/v1/messages' });
		expect(messages).toHaveLength(1);
		expect(messages[0].body).toMatchObject({ to: '16315551234', type: 'text', text: { body: 'e2e hello from n8n' } });
		expect(String(messages[0].headers.authorization)).toMatch(/^Bearer \S+/);
		expect(sb.requests('onPremises', { method: 'POST', path: '/v1/users/login' })).toHaveLength(1);
	});

	test('On-Premises (API key): instance health', async () => {
		sb.clearLog();
		const ex = await execute('e2eActOnPremKey');
		const [health] = cli.nodeItems(ex, 'Health');
		expect(health).toMatchObject({ provider: 'onPremises', status: 'connected' });
		const calls = sb.requests('onPremises', { path: '/v1/health' });
		expect(calls.length).toBeGreaterThan(0);
		expect(calls[0].headers.authorization).toBe(`Apikey ${sb.credentials.whatsAppOnPremisesApiKeyApi.apiKey}`);
	});

	test('WSAPI: send text and check contacts', async () => {
		sb.clearLog();
		const ex = await execute('e2eActWsapi');
		const [sent] = cli.nodeItems(ex, 'Send');
		expect(sent).toMatchObject({ provider: 'wsapi', to: '4915123456781', status: 'sent' });
		expect(sent.messageId).toEqual(expect.any(String));
		const checked = cli.nodeItems(ex, 'Check');
		expect(checked.map((c) => [c.phone, c.exists])).toEqual([
			['4915123456781', true],
			['4915123456780', false],
		]);
		const sends = sb.requests('wsapi', { method: 'POST', path: '/messages/text' });
		expect(sends).toHaveLength(1);
		expect(sends[0].body).toMatchObject({ to: '4915123456781@s.whatsapp.net', text: 'e2e hello from n8n' });
		expect(sends[0].headers['x-api-key']).toBe(sb.credentials.wsApiApi.apiKey);
		expect(sends[0].headers['x-instance-id']).toBe(sb.credentials.wsApiApi.instanceId);
	});

	test('On-Premises: a token expired between two runs is renewed by one re-login and stored in the credential', async () => {
		const before = (await cli.exportCredentials(o)).find((c) => c.id === 'sandboxOnPrem');
		expect(typeof before.data.sessionToken).toBe('string');
		expect(before.data.sessionToken.length).toBeGreaterThan(0);
		sb.expireTokens();
		sb.clearLog();
		await execute('e2eActOnPrem');
		expect(sb.requests('onPremises', { method: 'POST', path: '/v1/users/login' })).toHaveLength(1);
		expect(sb.log.filter((e) => e.provider === 'onPremises' && e.status === 401).length).toBeGreaterThanOrEqual(1);
		const after = (await cli.exportCredentials(o)).find((c) => c.id === 'sandboxOnPrem');
		expect(after.data.sessionToken).not.toBe(before.data.sessionToken);
		// The stored token is the one the sandbox issued on the re-login, and it is valid there.
		const live = Object.entries(sb.state.onPremises.tokens).filter(([, t]) => t.expiresAt > Date.now()).map(([k]) => k);
		expect(live).toContain(after.data.sessionToken);
	});

	test('example "nightly-contact-check": numbers → Check Contacts → split by exists', async () => {
		sb.clearLog();
		const ex = await execute('waExampleNightlyCheck');
		const checked = cli.nodeItems(ex, 'Check Contacts');
		expect(checked).toHaveLength(5);
		expect(checked.map((c) => c.phone)).toEqual(['4915123456781', '4915123456782', '33612345670', '14155550123', '447700900125']);
		expect(cli.nodeItems(ex, 'On WhatsApp').map((c) => c.phone)).toEqual(['4915123456781', '4915123456782', '14155550123']);
		expect(cli.nodeItems(ex, 'Not on WhatsApp').map((c) => c.phone)).toEqual(['33612345670', '447700900125']);
	});

	test('example "point-instance-webhooks": list instances → update each webhook', async () => {
		const ex = await execute('waExampleWebhooks');
		const updated = cli.nodeItems(ex, 'Update Webhook');
		expect(updated.map((u) => u.instanceId).sort()).toEqual(['101', '102']);
		for (const u of updated) expect(u).toMatchObject({ provider: 'waapi', webhookUrl: 'https://hooks.example.com/whatsapp/incoming' });
		for (const instance of sb.state.waapi.instances) {
			expect(instance.webhook_url).toBe('https://hooks.example.com/whatsapp/incoming');
			expect([...instance.webhook_events].sort()).toEqual(['message', 'message_ack']);
		}
	});
});

describe('published triggers in a running n8n', () => {
	/** @type {any} */ let rest;
	const previous = { onPremises: 'https://previous.example.com/onprem', wsapi: 'https://previous.example.com/wsapi' };
	const prodUrl = (webhookId) => `${server?.url}/webhook/${webhookId}/${triggerPath()}`;
	const triggerPath = () => exportedNodes.find((n) => n.name === `${PKG}.whatsAppGatewayTrigger`).webhooks[0].path;
	const waapi102 = () => sb.state.waapi.instances.find((i) => String(i.id) === '102');
	/** The URL of the instance's webhook subscription that points at n8n (the trigger subscribes, leaving the instance's own webhook alone). */
	const subscribedUrl = (instance) => instance?.subscriptions.find((sub) => atN8n(sub.url))?.url;
	const wsapiMain = () => sb.state.wsapi.instances.find((i) => i.id === sb.ids.wsapiInstanceId);
	/** Whether a provider's webhook URL is one of this n8n's production URLs. */
	const atN8n = (u) => String(u).startsWith(`${server?.url}/webhook/`);

	beforeAll(async () => {
		// Something to restore on deactivation (WaAPI keeps what the webhooks example set).
		sb.state.onPremises.settings.webhooks.url = previous.onPremises;
		wsapiMain().webhookUrl = previous.wsapi;
		({ server, rest } = await n8n.start());
		for (const id of ['e2eTrigWaapi', 'e2eTrigOnPrem', 'e2eTrigWsapi', 'e2eTrigCrisp', 'waExampleAutoReply', 'waExampleCrispResult']) {
			await rest.activate(id);
		}
	}, 5 * MINUTE);

	/** POSTs until the webhook is registered in n8n (registration is asynchronous), then returns the reply. */
	async function deliver(provider, kind, fields) {
		for (let attempt = 0; attempt < 20; attempt++) {
			const r = await sb.sendEvent(provider, kind, fields);
			if (r.status !== 404) return r;
			await new Promise((res) => setTimeout(res, 250));
		}
		throw new Error(`the webhook ${fields.url} stayed 404`);
	}

	test('activation points the WaAPI, On-Premises and WSAPI webhooks at n8n', async () => {
		// n8n 2.41 publishes through an outbox: the trigger's create hooks may run after the REST call has answered.
		await waitFor(() => subscribedUrl(waapi102()) && atN8n(sb.state.onPremises.settings.webhooks.url) && atN8n(wsapiMain().webhookUrl), 30_000);
		expect(subscribedUrl(waapi102())).toMatch(new RegExp(`^${prodUrl(triggerWorkflows.waapi.nodes[0].webhookId)}\\?token=.+`));
		// WaAPI: a subscription beside the instance's own webhook, which stays as it was.
		expect(waapi102().webhook_url).toBe('https://hooks.example.com/whatsapp/incoming');
		expect(sb.state.onPremises.settings.webhooks.url).toMatch(new RegExp(`^${prodUrl(triggerWorkflows.onPremises.nodes[0].webhookId)}\\?token=.+`));
		expect(wsapiMain().webhookUrl).toBe(prodUrl(triggerWorkflows.wsapi.nodes[0].webhookId));
		expect(wsapiMain().signingSecret).toEqual(expect.any(String));
	});

	test('WaAPI: message and ack events become normalised items', async () => {
		const after = await lastExecutionId(o);
		const url = subscribedUrl(waapi102());
		const r1 = await deliver('waapi', 'message', { url, instanceId: '102', from: '4915123456781', text: 'Hi from WaAPI', messageId: 'E2EWAAPI1', timestamp: 1788550000 });
		expect(r1.status).toBe(200);
		expect(r1.body).toBe(''); // answered at once, with nothing for the provider to read
		const r2 = await deliver('waapi', 'message_ack', { url, instanceId: '102', to: '4915123456781', ack: 3, messageId: 'E2EWAAPI2' });
		expect(r2.status).toBe(200);
		const runs = await waitForExecutions(o, { workflowId: 'e2eTrigWaapi', afterId: after }, 2);
		const items = runs.flatMap((e) => executionItems(e, 'Trigger'));
		expect(items[0]).toMatchObject({
			provider: 'waapi',
			event: 'message.received',
			instanceId: '102',
			from: '4915123456781',
			fromMe: false,
			text: 'Hi from WaAPI',
			timestamp: new Date(1788550000 * 1000).toISOString(),
		});
		expect(items[0].messageId).toContain('E2EWAAPI1');
		expect(items[1]).toMatchObject({ provider: 'waapi', event: 'message.status', status: 'read' });
	});

	test('On-Premises: a batch with messages and statuses gives one item per entry', async () => {
		const after = await lastExecutionId(o);
		const r = await deliver('onPremises', 'batch', { url: sb.state.onPremises.settings.webhooks.url, messages: 2, statuses: 2 });
		expect(r.status).toBe(200);
		const [run] = await waitForExecutions(o, { workflowId: 'e2eTrigOnPrem', afterId: after }, 1);
		const items = executionItems(run, 'Trigger');
		expect(items.map((i) => [i.event, i.from ?? i.to, i.status])).toEqual([
			['message.received', '16315551231', null],
			['message.received', '16315551232', null],
			['message.status', expect.anything(), 'delivered'],
			['message.status', expect.anything(), 'read'],
		]);
		expect(items[0]).toMatchObject({ provider: 'onPremises', text: 'Batch message 1', messageId: 'ABGGbatch1' });
	});

	test('WSAPI: a signed message event becomes a normalised item', async () => {
		const after = await lastExecutionId(o);
		const r = await deliver('wsapi', 'message', { url: wsapiMain().webhookUrl, from: '4915123456781', text: 'Hi from WSAPI', messageId: 'E2EWSAPI1' });
		expect(r.status).toBe(200);
		expect(r.headers['x-webhook-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
		const [run] = await waitForExecutions(o, { workflowId: 'e2eTrigWsapi', afterId: after }, 1);
		expect(executionItems(run, 'Trigger')[0]).toMatchObject({
			provider: 'wsapi',
			event: 'message.received',
			instanceId: sb.ids.wsapiInstanceId,
			messageId: 'E2EWSAPI1',
			from: '4915123456781',
			fromMe: false,
			text: 'Hi from WSAPI',
		});
	});

	test('Crisp: an incoming message (Web Hook) and a template callback become normalised items', async () => {
		const after = await lastExecutionId(o);
		const url = `${prodUrl(triggerWorkflows.crisp.nodes[0].webhookId)}?token=${CRISP_TOKEN}`;
		expect((await deliver('crisp', 'message_send', { url, text: 'Hi from Crisp', sessionId: 'session_e2e1' })).status).toBe(200);
		expect((await deliver('crisp', 'callback_success', { url, request_id: 'e2e-request-1' })).status).toBe(200);
		const runs = await waitForExecutions(o, { workflowId: 'e2eTrigCrisp', afterId: after }, 2);
		const items = runs.flatMap((e) => executionItems(e, 'Trigger'));
		expect(items[0]).toMatchObject({ provider: 'crisp', event: 'message.received', chatId: 'session_e2e1', text: 'Hi from Crisp' });
		expect(items[1]).toMatchObject({ provider: 'crisp', event: 'template.result', requestId: 'e2e-request-1', status: 'sent' });
	});

	test('a wrong token or signature gets 401 and starts no execution', async () => {
		const after = await lastExecutionId(o);
		const waapiUrl = new URL(subscribedUrl(waapi102()));
		waapiUrl.searchParams.set('token', 'wrong-token');
		expect((await deliver('waapi', 'message', { url: waapiUrl.toString(), instanceId: '102' })).status).toBe(401);
		const onPremUrl = new URL(sb.state.onPremises.settings.webhooks.url);
		onPremUrl.searchParams.delete('token');
		expect((await deliver('onPremises', 'message', { url: onPremUrl.toString() })).status).toBe(401);
		expect((await deliver('wsapi', 'message', { url: wsapiMain().webhookUrl, signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
		expect((await deliver('wsapi', 'message', { url: wsapiMain().webhookUrl, secret: null })).status).toBe(401);
		const crispUrl = `${prodUrl(triggerWorkflows.crisp.nodes[0].webhookId)}?token=not-the-token`;
		expect((await deliver('crisp', 'message_send', { url: crispUrl })).status).toBe(401);
		// A control event that is accepted proves n8n has processed everything sent before it.
		const ok = await deliver('crisp', 'message_send', { url: `${prodUrl(triggerWorkflows.crisp.nodes[0].webhookId)}?token=${CRISP_TOKEN}` });
		expect(ok.status).toBe(200);
		const runs = await waitForExecutions(o, { afterId: after }, 1);
		expect(runs.map((e) => e.workflowId)).toEqual(['e2eTrigCrisp']);
	});

	test('example "incoming-message-auto-reply": an incoming WaAPI message is answered', async () => {
		const after = await lastExecutionId(o);
		sb.clearLog();
		const url = subscribedUrl(sb.state.waapi.instances.find((i) => String(i.id) === '101'));
		expect(url).toMatch(new RegExp(`^${prodUrl('6f1c2a10-aaaa-4e8a-9d01-0000000000a1')}\\?token=`));
		expect((await deliver('waapi', 'message', { url, instanceId: '101', from: '4915123456781', text: 'Where is my order?' })).status).toBe(200);
		const [run] = await waitForExecutions(o, { workflowId: 'waExampleAutoReply', afterId: after }, 1);
		expect(run.status).toBe('success');
		expect(executionItems(run, 'Send Auto-Reply')).toEqual([expect.objectContaining({ provider: 'waapi', to: '4915123456781', status: 'sent' })]);
		const sends = sb.requests('waapi', { method: 'POST', path: '/instances/101/client/action/send-message' });
		expect(sends).toHaveLength(1);
		expect(sends[0].body.chatId).toBe('4915123456781@c.us');
		expect(sends[0].body.message).toContain('Where is my order?');
	});

	test('example "crisp-template-and-callback": the callback matches the send by requestId', async () => {
		const token = example('waExampleCrispResult').nodes[0].parameters.webhookToken;
		sb.configure('crisp', { callbackUrl: `${prodUrl('6f1c2a10-aaaa-4e8a-9d01-0000000000a4')}?token=${token}`, callbackOutcome: 'success', callbackDelayMs: 50 });
		const after = await lastExecutionId(o);
		const ex = await execute('waExampleCrispSend');
		const [sent] = cli.nodeItems(ex, 'Send Template');
		expect(sent).toMatchObject({ provider: 'crisp', to: '4915123456781', status: 'accepted' });
		expect(sent.requestId).toEqual(expect.any(String));
		const sends = sb.requests('crisp', { method: 'POST', path: /\/template\/send$/ });
		expect(sends.at(-1).body).toMatchObject({ message_template: { name: 'sample_issue_resolution', language: 'en_US' }, to_number: expect.stringContaining('4915123456781') });
		const [run] = await waitForExecutions(o, { workflowId: 'waExampleCrispResult', afterId: after }, 1);
		expect(executionItems(run, 'Match by requestId')).toEqual([expect.objectContaining({ requestId: sent.requestId, delivered: true })]);
		expect(executionItems(run, 'Mark Sent')).toHaveLength(1);
	});

	test('deactivation puts the previous webhook configuration back', async () => {
		for (const id of ['e2eTrigWaapi', 'e2eTrigOnPrem', 'e2eTrigWsapi', 'waExampleAutoReply']) await rest.deactivate(id);
		// n8n may run the trigger's delete hooks after answering: wait (bounded) until nothing points at n8n.
		const pointsAtN8n = () =>
			[...sb.state.waapi.instances.flatMap((i) => [i.webhook_url, ...i.subscriptions.map((sub) => sub.url)]), sb.state.onPremises.settings.webhooks.url, wsapiMain().webhookUrl].some(atN8n);
		await waitFor(() => !pointsAtN8n(), 15_000);
		expect(waapi102().webhook_url).toBe('https://hooks.example.com/whatsapp/incoming');
		expect(sb.state.waapi.instances.find((i) => String(i.id) === '101').webhook_url).toBe('https://hooks.example.com/whatsapp/incoming');
		expect(sb.state.onPremises.settings.webhooks.url).toBe(previous.onPremises);
		expect(wsapiMain().webhookUrl).toBe(previous.wsapi);
	});
});
