// @ts-check
// The Cloud API provider in real n8n 2.41.1: n8n loads the credential type, `n8n execute` lists numbers and
// templates and sends against the sandbox, and in one running n8n a published trigger registers the number's
// webhook override (the sandbox performs Meta's GET handshake against n8n's production URL, which the trigger
// answers), a signed delivery starts an execution with the item, a bad or missing signature gets 401 and starts
// none, the example workflow answers an incoming message, and deactivation removes the override.
const cli = require('../../scripts/lib/n8nCli');
const { prepareN8n } = require('../../scripts/lib/n8nFolder');
const { lastExecutionId, waitForExecutions, executionItems } = require('../../scripts/lib/executions');
const { credentialRef, demoCredentials, loadExamples } = require('../../scripts/lib/demoData');
const { waitFor } = require('../../scripts/lib/waitFor');
const { startSandbox } = require('../sandbox');

const MINUTE = 60_000;
// A cold runtime install takes 4-6 minutes on a 2-core machine.
jest.setTimeout(25 * MINUTE);

const PKG = 'n8n-nodes-whatsapp-gateway';
const CREDENTIAL = 'whatsAppGatewayCloudApi';
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** @type {any} */ let sb;
/** @type {Awaited<ReturnType<typeof prepareN8n>>} */ let n8n;
/** @type {any} */ let o;
/** @type {any} */ let server = null;

const example = loadExamples().find((e) => e.workflow.id === 'waExampleCloudReply')?.workflow;
if (!example) throw new Error('the Cloud API example workflow is missing');
// The example listens on the first number; the suite's own trigger on the second.
const EXAMPLE_PID = example.nodes[0].parameters.instanceId.value;
const TRIGGER_PID = '106540352242933';
const TRIGGER_WEBHOOK_ID = '00000000-e2e1-4000-8000-0000000000c1';

const actionWorkflow = {
	id: 'e2eActCloud',
	name: 'e2e Cloud API actions',
	active: false,
	nodes: [
		{ id: '00000000-e2e0-4000-8000-0000000000c1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...[
			['Numbers', { resource: 'instance', operation: 'list' }],
			['Templates', { resource: 'template', operation: 'list' }],
			['Send', { resource: 'message', operation: 'sendTemplate', instanceId: rl(EXAMPLE_PID), to: '+1 650-555-1234', templateName: 'order_update', templateLanguage: 'en_US', templateHeaderType: 'image', templateHeaderMediaSource: 'link', templateHeaderMedia: 'https://example.com/h.jpg', bodyParameters: { parameters: [{ text: 'Mark' }, { text: 'A-1042' }, { text: 'Monday' }] }, templateButtons: { buttons: [{ type: 'url', index: 1, value: 'A-1042' }] } }],
		].map(([name, parameters], i) => ({
			id: `00000000-e2e0-4000-8000-0000000000c${i + 2}`,
			name,
			type: `${PKG}.whatsAppGateway`,
			typeVersion: 1,
			position: [240 * (i + 1), 0],
			parameters: { provider: 'cloud', ...parameters, options: {} },
			credentials: credentialRef(CREDENTIAL),
		})),
	],
	// Start feeds each node once.
	connections: { Start: { main: [['Numbers', 'Templates', 'Send'].map((node) => ({ node, type: 'main', index: 0 }))] } },
	settings: { executionOrder: 'v1' },
};

const triggerWorkflow = {
	id: 'e2eTrigCloud',
	name: 'e2e Cloud API trigger',
	active: false,
	nodes: [
		{
			id: '00000000-e2e1-4000-8000-0000000000c2',
			name: 'Trigger',
			type: `${PKG}.whatsAppGatewayTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID,
			parameters: { provider: 'cloud', instanceId: rl(TRIGGER_PID), webhookSetup: 'automatic', events: ['message.received', 'message.status'], options: {} },
			credentials: credentialRef(CREDENTIAL),
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};


beforeAll(async () => {
	sb = await startSandbox();
	n8n = await prepareN8n({
		prefix: 'wa-gateway-e2e-cloud-',
		credentials: demoCredentials(sb),
		workflows: [actionWorkflow, triggerWorkflow, example],
	});
	o = n8n.o;
}, 25 * MINUTE);

afterAll(async () => {
	if (n8n) await n8n.stop(Boolean(process.env.WA_E2E_KEEP));
	if (sb) await sb.close();
});

test('n8n loads the Cloud API credential type beside the others', async () => {
	const nodes = await cli.exportNodes(o);
	const action = nodes.find((n) => n.name === `${PKG}.whatsAppGateway`);
	expect(action.credentials.map((c) => c.name)).toContain(CREDENTIAL);
	expect(action.properties.find((p) => p.name === 'provider').options.map((x) => x.value)).toContain('cloud');
});

test('n8n execute: numbers, templates and a template send with header, body and button parameters against the sandbox', async () => {
	sb.clearLog();
	const r = await cli.executeWorkflow(o, 'e2eActCloud');
	if (r.code !== 0 || !r.execution) throw new Error(`n8n execute failed (exit ${r.code})\n${cli.tail(r.stdout, 60)}\n${cli.tail(r.stderr)}`);
	expect(r.execution.data?.resultData?.error).toBeUndefined();
	expect(cli.nodeItems(r.execution, 'Numbers').map((n) => n.id)).toEqual(sb.ids.cloudPhoneNumberIds);
	expect(cli.nodeItems(r.execution, 'Templates')).toHaveLength(sb.state.cloud.templates.length);
	const [sent] = cli.nodeItems(r.execution, 'Send');
	expect(sent).toMatchObject({ provider: 'cloud', to: '16505551234', status: 'sent', messageId: expect.stringMatching(/^wamid\./) });
	const [send] = sb.requests('cloud', { method: 'POST', path: `/v25.0/${EXAMPLE_PID}/messages` });
	expect(send.body.template.components.map((c) => c.type)).toEqual(['header', 'body', 'button']);
	expect(send.headers.authorization).toBe(`Bearer ${sb.credentials.whatsAppGatewayCloudApi.accessToken}`);
});

describe('published triggers in a running n8n', () => {
	/** @type {any} */ let rest;
	const prodUrl = (webhookId) => `${server?.url}/webhook/${webhookId}/webhook`;
	const override = (pid) => sb.state.cloud.numberOverrides[pid] ?? null;

	beforeAll(async () => {
		({ server, rest } = await n8n.start());
		await rest.activate('e2eTrigCloud');
		await rest.activate('waExampleCloudReply');
	}, 5 * MINUTE);

	/** POSTs until n8n serves the webhook (registration is asynchronous), then returns the reply. */
	async function deliver(kind, fields) {
		for (let attempt = 0; attempt < 20; attempt++) {
			const r = await sb.sendEvent('cloud', kind, fields);
			if (r.status !== 404) return r;
			await new Promise((res) => setTimeout(res, 250));
		}
		throw new Error(`the webhook for ${JSON.stringify(fields)} stayed 404`);
	}

	test('activation: Meta\'s handshake against n8n\'s production URL succeeds and the overrides point at n8n', async () => {
		// n8n 2.41 publishes through an outbox: the create hooks may run after the REST call has answered.
		await waitFor(() => override(TRIGGER_PID) && override(EXAMPLE_PID), 30_000);
		expect(override(TRIGGER_PID)).toEqual({ url: prodUrl(TRIGGER_WEBHOOK_ID), verifyToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
		expect(override(EXAMPLE_PID)?.url).toBe(prodUrl(example.nodes[0].webhookId));
		const handshake = sb.state.cloud.handshakes.find((h) => h.url === prodUrl(TRIGGER_WEBHOOK_ID));
		expect(handshake).toMatchObject({ ok: true, status: 200, contentType: expect.stringMatching(/^text\/plain/) });
		expect(handshake.body).toBe(handshake.challenge);
	});

	test('a signed delivery starts an execution with the normalised item', async () => {
		const after = await lastExecutionId(o);
		const r = await deliver('text', { phoneNumberId: TRIGGER_PID, from: '4915123456781', text: 'Hi from the Cloud API', messageId: 'wamid.E2ECLOUD1', timestamp: 1788550000 });
		expect(r.status).toBe(200);
		expect(r.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
		const [run] = await waitForExecutions(o, { workflowId: 'e2eTrigCloud', afterId: after }, 1);
		expect(executionItems(run, 'Trigger')).toEqual([
			expect.objectContaining({
				provider: 'cloud',
				event: 'message.received',
				instanceId: TRIGGER_PID,
				messageId: 'wamid.E2ECLOUD1',
				from: '4915123456781',
				chatId: '4915123456781',
				fromMe: false,
				type: 'text',
				text: 'Hi from the Cloud API',
				timestamp: new Date(1788550000 * 1000).toISOString(),
			}),
		]);
	});

	test('a wrong or missing signature gets 401 and starts no execution', async () => {
		const after = await lastExecutionId(o);
		expect((await deliver('text', { phoneNumberId: TRIGGER_PID, secret: 'not-the-app-secret' })).status).toBe(401);
		expect((await deliver('text', { phoneNumberId: TRIGGER_PID, secret: null })).status).toBe(401);
		expect((await deliver('text', { phoneNumberId: TRIGGER_PID, signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
		// An accepted control delivery proves n8n has processed everything sent before it.
		expect((await deliver('status', { phoneNumberId: TRIGGER_PID, status: 'read', messageId: 'wamid.E2ECONTROL' })).status).toBe(200);
		const runs = await waitForExecutions(o, { afterId: after }, 1);
		expect(runs.map((e) => e.workflowId)).toEqual(['e2eTrigCloud']);
		expect(executionItems(runs[0], 'Trigger')).toEqual([expect.objectContaining({ event: 'message.status', status: 'read', messageId: 'wamid.E2ECONTROL' })]);
	});

	test('example "cloud-incoming-message-reply": a text is answered with text, an image with a template', async () => {
		const after = await lastExecutionId(o);
		sb.clearLog();
		expect((await deliver('text', { phoneNumberId: EXAMPLE_PID, from: '16505551234', text: 'Where is my order?' })).status).toBe(200);
		const [first] = await waitForExecutions(o, { workflowId: 'waExampleCloudReply', afterId: after }, 1);
		expect(first.status).toBe('success');
		expect(executionItems(first, 'Reply With Text')).toEqual([expect.objectContaining({ provider: 'cloud', to: '16505551234', status: 'sent' })]);
		expect((await deliver('image', { phoneNumberId: EXAMPLE_PID, from: '16505551234' })).status).toBe(200);
		const runs = await waitForExecutions(o, { workflowId: 'waExampleCloudReply', afterId: after }, 2);
		expect(executionItems(runs[1], 'Reply With Template')).toEqual([expect.objectContaining({ provider: 'cloud', to: '16505551234', status: 'sent' })]);
		const sends = sb.requests('cloud', { method: 'POST', path: `/v25.0/${EXAMPLE_PID}/messages` });
		expect(sends.map((s) => s.body.type)).toEqual(['text', 'template']);
		expect(sends[0].body).toMatchObject({ to: '16505551234', text: { body: expect.stringContaining('Where is my order?') } });
		expect(sends[1].body.template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
		// The user wrote first, so the free-text reply is inside the 24-hour window: no failed status followed.
		expect(sb.state.cloud.deliveries.filter((d) => d.reason === 131047)).toEqual([]);
	});

	test('deactivation removes the overrides', async () => {
		await rest.deactivate('e2eTrigCloud');
		await rest.deactivate('waExampleCloudReply');
		await waitFor(() => override(TRIGGER_PID) === null && override(EXAMPLE_PID) === null, 15_000);
		expect(override(TRIGGER_PID)).toBeNull();
		expect(override(EXAMPLE_PID)).toBeNull();
		expect(sb.requests('cloud', { method: 'POST', path: `/v25.0/${TRIGGER_PID}` }).at(-1).body).toEqual({ webhook_configuration: { override_callback_uri: '' } });
	});
});
