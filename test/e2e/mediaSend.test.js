// @ts-check
// Send Media in real n8n 2.41.1 with N8N_DEFAULT_BINARY_DATA_MODE=filesystem: `n8n execute` runs Read/Write
// Files from Disk (n8n's own node, so the file is stored by n8n's binary data service and only its id is in the
// item) into WhatsApp Gateway Send Media for the Cloud API (multipart upload) and WSAPI (base64 in JSON); the
// sandbox receives the file byte for byte (sha256).
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cli = require('../../scripts/lib/n8nCli');
const { prepareN8n } = require('../../scripts/lib/n8nFolder');
const { credentialRef, demoCredentials } = require('../../scripts/lib/demoData');
const { startSandbox } = require('../sandbox');

const MINUTE = 60_000;
jest.setTimeout(25 * MINUTE);

const PKG = 'n8n-nodes-whatsapp-gateway';
const rl = (value) => ({ __rl: true, mode: 'id', value });
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/** @type {any} */ let sb;
/** @type {Awaited<ReturnType<typeof prepareN8n>>} */ let n8n;
/** @type {string} */ let filesDir;
/** @type {any} */ let o;
/** @type {Buffer} */ let pdf;

function workflow(file, pid) {
	const gateway = (name, provider, credential, parameters, x) => ({
		id: `00000000-e2e5-4000-8000-00000000000${x}`,
		name,
		type: `${PKG}.whatsAppGateway`,
		typeVersion: 1,
		position: [480, x * 160],
		parameters: { provider, resource: 'message', operation: 'sendMedia', mediaType: 'document', mediaSource: 'binary', binaryPropertyName: 'data', caption: 'Your report', ...parameters, options: {} },
		credentials: credentialRef(credential),
	});
	return {
		id: 'e2eMediaSend',
		name: 'e2e Send Media from a file',
		active: false,
		nodes: [
			{ id: '00000000-e2e5-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '00000000-e2e5-4000-8000-000000000002', name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [240, 0], parameters: { operation: 'read', fileSelector: file, options: {} } },
			gateway('Send Cloud', 'cloud', 'whatsAppGatewayCloudApi', { instanceId: rl(pid), to: '+1 650 555 1234' }, 3),
			gateway('Send WSAPI', 'wsapi', 'wsApiApi', { to: '+49 151 2345678' }, 4),
		],
		connections: {
			Start: { main: [[{ node: 'Read File', type: 'main', index: 0 }]] },
			'Read File': { main: [[{ node: 'Send Cloud', type: 'main', index: 0 }, { node: 'Send WSAPI', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	sb = await startSandbox();
	// The files n8n may read, in a folder of their own.
	filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-e2e-files-'));
	pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * 1024 * 1024)]);
	const file = path.join(filesDir, 'report.pdf');
	fs.writeFileSync(file, pdf);
	n8n = await prepareN8n({
		prefix: 'wa-gateway-e2e-media-',
		credentials: demoCredentials(sb),
		workflows: [workflow(file, sb.ids.cloudPhoneNumberIds[0])],
		extraEnv: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
	});
	o = n8n.o;
}, 25 * MINUTE);

afterAll(async () => {
	if (n8n) await n8n.stop(Boolean(process.env.WA_E2E_KEEP));
	if (sb) await sb.close();
	if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

test('a 3 MB file read by n8n in filesystem binary mode reaches the Cloud API and WSAPI byte for byte', async () => {
	sb.clearLog();
	const r = await cli.executeWorkflow(o, 'e2eMediaSend');
	if (r.code !== 0 || !r.execution) throw new Error(`n8n execute failed (exit ${r.code})\n${cli.tail(r.stdout, 60)}\n${cli.tail(r.stderr)}`);
	expect(r.execution.data?.resultData?.error).toBeUndefined();
	// n8n stored the file: the item names it by id, its bytes are not in the item.
	const read = r.execution.data.resultData.runData['Read File'][0].data.main[0][0];
	expect(read.binary.data.id).toMatch(/^filesystem(-v2)?:/);
	expect(cli.nodeItems(r.execution, 'Send Cloud')).toEqual([{ provider: 'cloud', to: '16505551234', status: 'sent', messageId: expect.stringMatching(/^wamid\./), requestId: null }]);
	expect(cli.nodeItems(r.execution, 'Send WSAPI')).toEqual([{ provider: 'wsapi', to: '491512345678', status: 'sent', messageId: expect.any(String), requestId: null }]);
	const cloud = Object.values(sb.state.cloud.media).filter((m) => m.source === 'upload');
	expect(cloud).toEqual([expect.objectContaining({ sha256: sha256(pdf), fileSize: pdf.length, mimeType: 'application/pdf', filename: 'report.pdf' })]);
	expect(Object.values(sb.state.wsapi.uploads)).toEqual([expect.objectContaining({ sha256: sha256(pdf), size: pdf.length, filename: 'report.pdf' })]);
});
