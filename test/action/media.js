// @ts-check
// Files for the Send Media tests, as an earlier node hands them on: in memory (base64 in the item, n8n's
// default mode) or stored by n8n's BinaryDataService in filesystem mode (the item holds only an id), so the
// node's streaming path is what runs.
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const sha256 = (/** @type {Buffer} */ bytes) => createHash('sha256').update(bytes).digest('hex');

/** Bytes with the type's magic number, `size` long. */
function sampleBytes(mimeType, size) {
	const magic = {
		'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		'application/pdf': Buffer.from('%PDF-1.7\n'),
		'audio/ogg': Buffer.from('OggS'),
		'image/webp': Buffer.from('RIFF\0\0\0\0WEBPVP8 '),
	}[mimeType] ?? Buffer.alloc(0);
	return Buffer.concat([magic, randomBytes(Math.max(0, size - magic.length))]);
}

/** An item whose binary property `name` holds `bytes` in memory. */
function memoryItem(bytes, mimeType, fileName, name = 'data') {
	return { json: { file: fileName }, binary: { [name]: { data: bytes.toString('base64'), mimeType, fileName, bytes: bytes.length } } };
}

let initialised = false;

/** n8n's BinaryDataService in filesystem mode, on a temporary directory (once per test file). */
async function filesystemBinaryService() {
	// n8n-core's own copy of the container (it may keep one nested under itself).
	const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
	const { BinaryDataService, BinaryDataConfig } = require('n8n-core');
	const service = Container.get(BinaryDataService);
	if (!initialised) {
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		config.localStoragePath = fs.mkdtempSync(path.join(process.env.WA_TEST_TMP || os.tmpdir(), 'wa-gateway-binary-'));
		await service.init();
		initialised = true;
	}
	return service;
}

/** An item whose binary property is stored on disk by n8n (filesystem mode): only its id is in the item. */
async function storedItem(bytes, mimeType, fileName, name = 'data') {
	const service = await filesystemBinaryService();
	const binary = await service.store({ type: 'execution', workflowId: 'wf', executionId: String(Date.now()) }, bytes, { mimeType, fileName, data: '' });
	return { json: { file: fileName }, binary: { [name]: binary } };
}

module.exports = { sha256, sampleBytes, memoryItem, storedItem };
