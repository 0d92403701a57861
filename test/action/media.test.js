// @ts-check
// Media → Download through the real engine against the sandbox, for every provider that serves bytes: the file
// the trigger's media.id names, byte for byte, as binary data with its MIME type and file name; what each
// provider was asked; the failures; and that Crisp, which serves no bytes, does not offer it.
const { createHash } = require('node:crypto');
const { NodeHelpers } = require('n8n-workflow');
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { WhatsAppGateway } = require('../../dist/nodes/WhatsAppGateway/WhatsAppGateway.node.js');
const { rl } = require('./helpers');

const sb = useSandbox();

const sha = (buffer) => createHash('sha256').update(buffer).digest('hex');
const CREDENTIALS = {
	waapi: () => ({ waApiApi: sb.credentials.waApiApi }),
	onPremises: () => ({ whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi }),
	wsapi: () => ({ wsApiApi: sb.credentials.wsApiApi }),
	cloud: () => ({ whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi }),
};

/** Media → Download of `mediaId` with `provider`. */
function download(provider, mediaId, extra = {}, run = {}) {
	return runNode({
		nodeType: 'whatsAppGateway',
		parameters: {
			provider,
			resource: 'media',
			operation: 'download',
			mediaId,
			...(provider === 'waapi' ? { instanceId: rl('101') } : {}),
			...(provider === 'cloud' ? { instanceId: rl(sb.ids.cloudPhoneNumberIds[0]) } : {}),
			...extra,
		},
		credentials: CREDENTIALS[provider](),
		...run,
	});
}

/** A received file: its media id as the trigger gives it, and the bytes the provider keeps. */
function received(provider, fields) {
	if (provider === 'cloud') {
		const body = sb.eventBody('cloud', fields.mediaType, fields);
		const media = body.entry[0].changes[0].value.messages[0][fields.mediaType];
		const record = sb.state.cloud.media[media.id];
		return { id: record.id, sha256: record.sha256, size: record.fileSize };
	}
	const body = sb.eventBody(provider, 'media', fields);
	const record = Object.values(sb.state.inboundMedia[provider]).at(-1);
	if (provider === 'waapi') expect(record.id).toBe(body.data.message.id._serialized);
	return { id: record.id, sha256: record.sha256, size: record.size };
}

const bytesOf = (item, property = 'data') => Buffer.from(item.binary[property].data, 'base64');

describe.each(['waapi', 'onPremises', 'wsapi', 'cloud'])('%s', (provider) => {
	test('a document: byte-identical, with its MIME type and file name', async () => {
		const file = received(provider, { mediaType: 'document', mimeType: 'application/pdf', filename: 'report.pdf', size: 250_000 });
		sb.clearLog();
		const r = await download(provider, file.id);
		expect(r.error).toBeUndefined();
		const [item] = r.output;
		expect(sha(bytesOf(item))).toBe(file.sha256);
		expect(item.binary.data.mimeType).toBe('application/pdf');
		// Cloud and On-Premises name no file on download (only their webhooks do): a name from the type.
		expect(item.binary.data.fileName).toBe(['cloud', 'onPremises'].includes(provider) ? 'media.pdf' : 'report.pdf');
		expect(item.json).toEqual({ provider, mediaId: file.id, mimeType: 'application/pdf', fileName: item.binary.data.fileName, size: file.size });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('an image into another binary field; no name from the provider: one from the type', async () => {
		const file = received(provider, { mediaType: 'image', mimeType: 'image/png', filename: null, size: 20_000 });
		const r = await download(provider, file.id, { binaryPropertyName: 'photo' });
		expect(r.error).toBeUndefined();
		const [item] = r.output;
		expect(Object.keys(item.binary)).toEqual(['photo']);
		expect(sha(bytesOf(item, 'photo'))).toBe(file.sha256);
		expect(item.binary.photo.mimeType).toBe('image/png');
		expect(item.binary.photo.fileName).toBe('media.png');
	});

	test('an unknown media id: an item error naming the provider (continueOnFail keeps going)', async () => {
		const unknown = provider === 'wsapi' ? 'H4sIAAAAnotanid' : provider === 'cloud' ? '1234567890123456' : 'no-such-media';
		const r = await download(provider, unknown, {}, { continueOnFail: true });
		expect(r.items[0].error).toMatch(/could not (download|look up) the media/);
		expect(r.output[0].binary).toBeUndefined();
	});
});

describe('provider specifics', () => {
	test('Cloud: GET /{media-id}, then the lookaside URL with the same Bearer token', async () => {
		const file = received('cloud', { mediaType: 'video', mimeType: 'video/mp4', size: 100_000 });
		sb.clearLog();
		const r = await download('cloud', file.id);
		expect(r.error).toBeUndefined();
		expect(sb.log.map((e) => [e.method, e.path, e.status])).toEqual([
			['GET', `/v25.0/${file.id}`, 200],
			['GET', '/whatsapp_business/attachments/', 200],
		]);
		const token = `Bearer ${sb.credentials.whatsAppGatewayCloudApi.accessToken}`;
		expect(sb.log.every((e) => e.headers.authorization === token)).toBe(true);
	});

	test('Cloud: the lookaside URL refuses a call without the token (what the node must send)', async () => {
		const file = received('cloud', { mediaType: 'image', mimeType: 'image/jpeg' });
		const looked = await fetch(`${sb.urls.cloud}/v25.0/${file.id}`, { headers: { authorization: `Bearer ${sb.credentials.whatsAppGatewayCloudApi.accessToken}` } });
		const { url } = await looked.json();
		expect((await fetch(url)).status).toBe(401);
	});

	test('On-Premises: logs in first, then GET /v1/media/{id} with the session token', async () => {
		const file = received('onPremises', { mediaType: 'voice', size: 9_000 });
		sb.clearLog();
		const r = await download('onPremises', file.id);
		expect(r.error).toBeUndefined();
		expect(sb.log.map((e) => [e.method, e.path])).toEqual([
			['POST', '/v1/users/login'],
			['GET', `/v1/media/${file.id}`],
		]);
		expect(sb.log[1].headers.authorization).toMatch(/^Bearer /);
		expect(r.output[0].binary.data.mimeType).toBe('audio/ogg; codecs=opus');
	});

	test('WSAPI: GET /media/download?id= with the instance headers; 413 over its own limit', async () => {
		const file = received('wsapi', { mediaType: 'video', size: 40_000 });
		sb.clearLog();
		expect((await download('wsapi', file.id)).error).toBeUndefined();
		expect(sb.log[0]).toMatchObject({ method: 'GET', path: '/media/download', query: { id: file.id } });
		expect(sb.log[0].headers['x-instance-id']).toBe('ins_demo1');
		sb.configure('wsapi', { mediaMaxBytes: 10_000 });
		const r = await download('wsapi', file.id, {}, { continueOnFail: true });
		expect(r.items[0].error).toMatch(/WSAPI could not download the media \(item 0\): media exceeds .*\[HTTP 413\]/);
	});

	test('WaAPI: POST download-media {messageId} on the instance', async () => {
		const file = received('waapi', { mediaType: 'audio', size: 5_000 });
		sb.clearLog();
		expect((await download('waapi', file.id)).error).toBeUndefined();
		expect(sb.log[0]).toMatchObject({ method: 'POST', path: '/api/v1/instances/101/client/action/download-media', body: { messageId: file.id } });
	});

	test('a retried 503 still gives the same bytes', async () => {
		const file = received('onPremises', { mediaType: 'image', size: 7_000 });
		sb.configure('onPremises', { faults: [{ kind: 'status', status: 503, path: `/v1/media/${file.id}`, count: 1 }] });
		const r = await download('onPremises', file.id);
		expect(r.error).toBeUndefined();
		expect(sha(bytesOf(r.output[0]))).toBe(file.sha256);
	});
});

describe('description', () => {
	const d = new WhatsAppGateway().description;
	const NODE = { typeVersion: 1 };
	const resources = (provider) =>
		d.properties
			.find((p) => p.name === 'resource')
			.options.filter((o) => !o.displayOptions || NodeHelpers.displayParameter({ provider }, o, NODE, d))
			.map((o) => o.value);

	test('Media is a resource for the providers that serve bytes, not for Crisp', () => {
		for (const provider of ['waapi', 'onPremises', 'wsapi', 'cloud']) expect(resources(provider)).toContain('media');
		expect(resources('crisp')).not.toContain('media');
	});
});
