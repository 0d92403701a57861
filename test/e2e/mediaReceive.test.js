// @ts-check
// Received media in real n8n 2.41.1 with N8N_DEFAULT_BINARY_DATA_MODE=filesystem: a published WSAPI trigger with
// Download Media on gets a document event from the sandbox (signed, to the URL the trigger registered), answers at
// once, and the execution's item carries the media object and the file as binary data stored by n8n on disk,
// byte-identical to what the provider serves; a file over Max Media Size still starts a run, with media.error.
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const { prepareN8n, storedBinaryFile } = require('../../scripts/lib/n8nFolder');
const { lastExecutionId, waitForExecutions } = require('../../scripts/lib/executions');
const { demoCredentials } = require('../../scripts/lib/demoData');
const { waitFor } = require('../../scripts/lib/waitFor');
const { startSandbox } = require('../sandbox');
const { triggerWorkflow } = require('./workflows');

const MINUTE = 60_000;
jest.setTimeout(25 * MINUTE);

const MB = 1024 * 1024;
const WEBHOOK_ID = '00000000-e2e1-4000-8000-0000000000d1';
const WORKFLOW = triggerWorkflow(
	'e2eTrigMedia',
	WEBHOOK_ID,
	{
		provider: 'wsapi',
		instanceId: { __rl: true, mode: 'id', value: '' },
		events: ['message.received'],
		options: { overwriteExistingWebhook: true, downloadMedia: true, maxMediaSizeMb: 12 },
	},
	'wsApiApi',
);

/** @type {any} */ let sb;
/** @type {any} */ let o;
/** @type {string} */ let userFolder;
/** @type {Awaited<ReturnType<typeof prepareN8n>>} */ let n8n;
/** @type {any} */ let server = null;

const sha = (buffer) => createHash('sha256').update(buffer).digest('hex');
const wsapiMain = () => sb.state.wsapi.instances.find((i) => i.id === sb.ids.wsapiInstanceId);

/** The trigger's first output item (json and binary) of a stored execution. */
const triggerItem = (execution) => execution.data.resultData.runData.Trigger[0].data.main[0][0];


/** Delivers until n8n has registered the webhook (it does so asynchronously). */
async function deliver(fields) {
	for (let attempt = 0; attempt < 20; attempt++) {
		const r = await sb.deliverEvent('wsapi', 'media', fields);
		const status = r.deliveries[0]?.status;
		if (status !== 404) return r;
		await new Promise((res) => setTimeout(res, 250));
	}
	throw new Error('the trigger webhook stayed 404');
}

beforeAll(async () => {
	sb = await startSandbox();
	n8n = await prepareN8n({
		prefix: 'wa-gateway-e2e-media-',
		credentials: demoCredentials(sb),
		workflows: [WORKFLOW],
		extraEnv: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
	});
	({ o, userFolder } = n8n);
	const started = await n8n.start();
	server = started.server;
	const rest = started.rest;
	await rest.activate(WORKFLOW.id);
	await waitFor(() => String(wsapiMain().webhookUrl).startsWith(`${server?.url}/webhook/${WEBHOOK_ID}/`), 30_000);
}, 25 * MINUTE);

afterAll(async () => {
	if (n8n) await n8n.stop(Boolean(process.env.WA_E2E_KEEP));
	if (sb) await sb.close();
});

test('Download Media: the document arrives as binary data in n8n filesystem storage, byte-identical', async () => {
	const after = await lastExecutionId(o);
	const started = Date.now();
	const r = await deliver({ mediaType: 'document', mimeType: 'application/pdf', filename: 'report.pdf', caption: 'Q3', size: 3 * MB });
	const answeredMs = Date.now() - started;
	expect(r.deliveries[0].status).toBe(200);
	expect(r.deliveries[0].body).toEqual({ received: true, emitted: 1 });
	const [run] = await waitForExecutions(o, { workflowId: WORKFLOW.id, afterId: after }, 1);
	expect(run.status).toBe('success');
	const item = triggerItem(run);
	const stored = Object.values(sb.state.inboundMedia.wsapi).at(-1);
	expect(item.json).toMatchObject({
		provider: 'wsapi',
		event: 'message.received',
		type: 'document',
		text: 'Q3',
		media: { id: stored.id, mimeType: 'application/pdf', fileName: 'report.pdf', caption: 'Q3', size: 3 * MB, sha256: null },
	});
	expect(item.json.media.error).toBeUndefined();
	const binary = item.binary.data;
	expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: 'report.pdf' });
	// Filesystem mode: the execution keeps a reference, the bytes are a file in n8n's binary data folder.
	expect(binary.id).toMatch(/^filesystem/);
	expect(binary.data).not.toBe(stored.bytes.toString('base64'));
	// n8n 2.41 keeps filesystem binary data under .n8n/storage, at the path the id names.
	const file = storedBinaryFile(userFolder, binary.id);
	expect(sha(fs.readFileSync(file))).toBe(stored.sha256);
	process.stdout.write(`[e2e media] 3 MB document: answered in ${answeredMs} ms\n`);
});

test('a 10 MB file with 300 ms provider latency: the provider is answered before the download', async () => {
	const after = await lastExecutionId(o);
	sb.configure('wsapi', { latencyMs: 300 });
	const started = Date.now();
	const r = await deliver({ mediaType: 'video', mimeType: 'video/mp4', size: 10 * MB });
	const answeredMs = Date.now() - started;
	sb.configure('wsapi', { latencyMs: 0 });
	expect(r.deliveries[0].status).toBe(200);
	// WSAPI's self-hosted delivery waits 10 s (provider notes); the answer does not wait for the 300 ms + transfer.
	expect(answeredMs).toBeLessThan(2000);
	const [run] = await waitForExecutions(o, { workflowId: WORKFLOW.id, afterId: after }, 1);
	const item = triggerItem(run);
	expect(item.json.media.error).toBeUndefined();
	const stored = Object.values(sb.state.inboundMedia.wsapi).at(-1);
	const file = storedBinaryFile(userFolder, item.binary.data.id);
	expect(sha(fs.readFileSync(file))).toBe(stored.sha256);
	process.stdout.write(`[e2e media] 10 MB video, 300 ms latency: answered in ${answeredMs} ms, execution ${new Date(run.stoppedAt).getTime() - started} ms after the delivery started\n`);
});

test('a file over Max Media Size starts a run too, with media.error and no binary', async () => {
	const after = await lastExecutionId(o);
	const r = await deliver({ mediaType: 'video', mimeType: 'video/mp4', size: 13 * MB });
	expect(r.deliveries[0].status).toBe(200);
	const [run] = await waitForExecutions(o, { workflowId: WORKFLOW.id, afterId: after }, 1);
	const item = triggerItem(run);
	expect(item.binary).toBeUndefined();
	expect(item.json.media.error).toMatch(/over the Max Media Size of 12 MB/);
	expect(sb.requests('wsapi', { path: '/media/download' }).filter((e) => e.query.id === item.json.media.id)).toHaveLength(0);
});
