// @ts-check
// Cloud API media: the bounded multipart parser, upload → GET /{media-id} → download round trip (byte-identical,
// sha256 checked with node:crypto), Meta's type and size limits, URL expiry, delete, and media ids of webhooks.
const { createHash, randomBytes } = require('node:crypto');
const { request, Agent, FormData } = require('undici');
const { demoSecrets } = require('../sandbox');
const { useSandbox } = require('../support/sandbox');
const { parseMultipart } = require('../sandbox/cloudMultipart');
const { call, startReceiver, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let creds;
let pid;
const agent = new Agent({ keepAliveTimeout: 1000 });
beforeAll(() => {
	creds = sb.credentials.whatsAppGatewayCloudApi;
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(async () => {
	await closeClient();
	await agent.close();
});

const MB = 1024 * 1024;
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const bearer = (token = creds.accessToken) => ({ authorization: `Bearer ${token}` });
const graph = (path, opts = {}) => call(`${creds.baseUrl}/v25.0${path}`, { ...opts, headers: { ...bearer(opts.token), ...(opts.headers ?? {}) } });

/**
 * A multipart body built by hand, so the test controls every byte.
 * @param {{ name: string, value: any, filename?: string, contentType?: string }[]} parts
 */
function multipart(parts, boundary = '----sandboxBoundary7MA4YWxkTrZu0gW') {
	const chunks = [];
	for (const p of parts) {
		chunks.push(Buffer.from(`--${boundary}\r\n`));
		const disp = p.filename !== undefined ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
		chunks.push(Buffer.from(`Content-Disposition: ${disp}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
		chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(String(p.value)));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** @param {string} url @param {{ method?: string, headers?: Record<string, string>, body?: any }} [opts] */
async function raw(url, { method = 'GET', headers = {}, body } = {}) {
	const res = await request(url, { method, headers, body, dispatcher: agent });
	const bytes = Buffer.from(await res.body.arrayBuffer());
	let json;
	try {
		json = JSON.parse(bytes.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, bytes, json };
}

/**
 * Uploads like pywa (`file` with filename and content type, `type`, `messaging_product`).
 * @param {Buffer} bytes @param {string} mime
 * @param {{ filename?: string, type?: string | null, product?: string | null, number?: string, token?: string }} [opts]
 */
function upload(bytes, mime, { filename = 'file.bin', type = mime, product = 'whatsapp', number = pid, token } = {}) {
	/** @type {{ name: string, value: any, filename?: string, contentType?: string }[]} */
	const parts = [{ name: 'file', filename, contentType: mime, value: bytes }];
	if (type !== null) parts.push({ name: 'type', value: type });
	if (product !== null) parts.push({ name: 'messaging_product', value: product });
	const { body, contentType } = multipart(parts);
	return raw(`${creds.baseUrl}/v25.0/${number}/media`, { method: 'POST', headers: { ...bearer(token), 'content-type': contentType }, body });
}

const jpeg = (size) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
function webp(size, animated = false) {
	const chunk = animated ? Buffer.concat([Buffer.from('VP8X'), Buffer.alloc(14), Buffer.from('ANIM'), Buffer.alloc(6)]) : Buffer.from('VP8 ');
	const b = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), chunk, randomBytes(size - 12 - chunk.length)]);
	b.writeUInt32LE(b.length - 8, 4);
	return b;
}

describe('multipart parser', () => {
	test('fields and a binary file whose bytes contain CRLF and dashes', () => {
		const bytes = Buffer.concat([Buffer.from('\r\n--not-the-boundary\r\n'), randomBytes(512), Buffer.from('\r\n--')]);
		const { body, contentType } = multipart([
			{ name: 'messaging_product', value: 'whatsapp' },
			{ name: 'file', filename: 'a "quoted" name.jpg'.replace(/"/g, '\\"'), contentType: 'image/jpeg', value: bytes },
			{ name: 'type', value: 'image/jpeg' },
		]);
		const form = parseMultipart(body, contentType);
		expect(form.fields).toEqual({ messaging_product: 'whatsapp', type: 'image/jpeg' });
		expect(form.files).toHaveLength(1);
		expect(form.files[0]).toMatchObject({ name: 'file', filename: 'a "quoted" name.jpg', contentType: 'image/jpeg' });
		expect(form.files[0].data.equals(bytes)).toBe(true);
	});
	test('a quoted boundary parameter and a preamble are accepted', () => {
		const { body } = multipart([{ name: 'a', value: '1' }], 'b0und');
		const withPreamble = Buffer.concat([Buffer.from('preamble text\r\n'), body]);
		expect(parseMultipart(withPreamble, 'multipart/form-data; boundary="b0und"').fields).toEqual({ a: '1' });
	});
	test.each([
		['no boundary', (b) => [b, 'multipart/form-data']],
		['not multipart', (b) => [b, 'application/json']],
		['no closing delimiter', (b) => [b.subarray(0, b.length - 30), undefined]],
		['a part without a name', () => [Buffer.from('--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n'), 'multipart/form-data; boundary=x']],
	])('refuses %s', (_, make) => {
		const { body, contentType } = multipart([{ name: 'a', value: '1' }, { name: 'b', value: '2' }]);
		const [b, ct] = make(body);
		expect(() => parseMultipart(b, ct ?? contentType)).toThrow();
	});
	test('refuses more parts than its bound', () => {
		const { body, contentType } = multipart(Array.from({ length: 17 }, (_, i) => ({ name: `f${i}`, value: 'x' })));
		expect(() => parseMultipart(body, contentType)).toThrow(/more than 16 parts/);
	});
});

describe('upload, URL, download', () => {
	test('round trip: upload → {id} → GET /{id} → GET url with the Bearer token → the same bytes', async () => {
		const bytes = jpeg(300_000);
		const up = await upload(bytes, 'image/jpeg', { filename: 'photo.jpg' });
		expect(up.status).toBe(200);
		expect(up.json).toEqual({ id: expect.stringMatching(/^\d{16}$/) });

		const info = await graph(`/${up.json.id}`);
		expect(info.status).toBe(200);
		expect(info.json).toEqual({ url: expect.any(String), mime_type: 'image/jpeg', sha256: sha256(bytes), file_size: bytes.length, id: up.json.id, messaging_product: 'whatsapp' });
		expect(info.json.url.startsWith(`${sb.urls.cloud}/whatsapp_business/attachments/?mid=${up.json.id}`)).toBe(true);

		const file = await raw(info.json.url, { headers: bearer() });
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('image/jpeg');
		expect(Number(file.headers['content-length'])).toBe(bytes.length);
		expect(sha256(file.bytes)).toBe(info.json.sha256);
		expect(file.bytes.equals(bytes)).toBe(true);

		// the log keeps a summary of the upload, not the bytes
		const [logged] = sb.requests('cloud', { method: 'POST', path: /\/media$/ });
		expect(logged.body).toEqual({ type: 'image/jpeg', messaging_product: 'whatsapp', file: { filename: 'photo.jpg', contentType: 'image/jpeg', size: bytes.length } });
	});
	test('a FormData upload without `type` (as n8n sends it) works too', async () => {
		const form = new FormData();
		const bytes = Buffer.from('%PDF-1.7\nhello');
		form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'invoice.pdf');
		form.append('messaging_product', 'whatsapp');
		const up = await raw(`${creds.baseUrl}/v25.0/${pid}/media`, { method: 'POST', headers: bearer(), body: form });
		expect(up.status).toBe(200);
		const info = await graph(`/${up.json.id}`);
		expect(info.json).toMatchObject({ mime_type: 'application/pdf', file_size: bytes.length, sha256: sha256(bytes) });
	});
	test('the URL needs the Bearer token of a WhatsApp-enabled token', async () => {
		const up = await upload(jpeg(1000), 'image/jpeg');
		const { url } = (await graph(`/${up.json.id}`)).json;
		expect((await raw(url)).status).toBe(401);
		expect((await raw(url, { headers: bearer('EAAGwrong') })).status).toBe(401);
		expect((await raw(url, { headers: bearer(demoSecrets.cloud.noScopeToken) })).status).toBe(403);
		expect((await raw(`${url.replace(/hash=[^&]+/, 'hash=tampered')}`, { headers: bearer() })).status).toBe(404);
	});
	test('the URL expires (knob mediaUrlLifetimeMs); GET /{id} gives a fresh one', async () => {
		sb.configure('cloud', { mediaUrlLifetimeMs: 150 });
		const bytes = jpeg(1000);
		const up = await upload(bytes, 'image/jpeg');
		const first = (await graph(`/${up.json.id}`)).json.url;
		expect((await raw(first, { headers: bearer() })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 250));
		expect((await raw(first, { headers: bearer() })).status).toBe(404);
		const fresh = (await graph(`/${up.json.id}`)).json.url;
		expect((await raw(fresh, { headers: bearer() })).bytes.equals(bytes)).toBe(true);
	});
	test('DELETE /{id} → {success:true}; afterwards the id and its URL are gone', async () => {
		const up = await upload(jpeg(1000), 'image/jpeg');
		const { url } = (await graph(`/${up.json.id}`)).json;
		expect((await graph(`/${up.json.id}`, { method: 'DELETE' })).json).toEqual({ success: true });
		const gone = await graph(`/${up.json.id}`);
		expect(gone.status).toBe(400);
		expect(gone.json.error).toMatchObject({ code: 100, error_subcode: 33 });
		expect((await raw(url, { headers: bearer() })).status).toBe(404);
		const sendIt = await graph(`/${pid}/messages`, { method: 'POST', body: { messaging_product: 'whatsapp', to: '16505551234', type: 'image', image: { id: up.json.id } } });
		expect(sendIt.json.error.message).toMatch(/is not a valid whatsapp business account media attachment ID$/);
	});
	test('?phone_number_id= checks that the media belongs to that number', async () => {
		const up = await upload(jpeg(1000), 'image/jpeg');
		expect((await graph(`/${up.json.id}?phone_number_id=${pid}`)).status).toBe(200);
		const other = await graph(`/${up.json.id}?phone_number_id=${sb.ids.cloudPhoneNumberIds[1]}`);
		expect(other.status).toBe(400);
		expect(other.json.error.code).toBe(100);
		expect((await graph(`/${up.json.id}?phone_number_id=${sb.ids.cloudPhoneNumberIds[1]}`, { method: 'DELETE' })).status).toBe(400);
	});
	test('knob fileSizeAsString answers file_size as a string (the Meta spec example)', async () => {
		sb.configure('cloud', { fileSizeAsString: true });
		const up = await upload(jpeg(1234), 'image/jpeg');
		expect((await graph(`/${up.json.id}`)).json.file_size).toBe('1234');
	});
	test('media endpoints need whatsapp_business_messaging', async () => {
		const up = await upload(jpeg(100), 'image/jpeg', { token: demoSecrets.cloud.noScopeToken });
		expect(up.status).toBe(403);
		expect(up.json.error.code).toBe(10);
	});
});

describe('upload limits and refusals', () => {
	test.each([
		['image/jpeg', 5 * MB],
		['image/webp', 500 * 1024],
	])('%s: exactly the limit is accepted, one byte more → 400 code 131053', async (mime, limit) => {
		const make = (n) => (mime === 'image/webp' ? webp(n, true) : jpeg(n));
		expect((await upload(make(limit), mime)).status).toBe(200);
		const over = await upload(make(limit + 1), mime);
		expect(over.status).toBe(400);
		expect(over.json.error).toMatchObject({ code: 131053, message: '(#131053) Media upload error', error_data: { messaging_product: 'whatsapp', details: expect.stringContaining(`${limit + 1} bytes`) } });
	});
	test('audio/video: 16 MB', async () => {
		const over = await upload(Buffer.alloc(16 * MB + 1, 1), 'video/mp4');
		expect(over.status).toBe(400);
		expect(over.json.error.error_data.details).toContain('16 MB');
		expect((await upload(Buffer.alloc(1024, 1), 'audio/ogg; codecs=opus')).status).toBe(200);
	});
	test('a type Meta does not take → code 100 with Meta\'s list; the file part\'s own type counts', async () => {
		const gif = await upload(Buffer.from('GIF89a'), 'image/gif');
		expect(gif.status).toBe(400);
		expect(gif.json.error.code).toBe(100);
		expect(gif.json.error.message).toMatch(/^\(#100\) Param file must be a file with one of the following types: audio\/aac, .*video\/3gpp\. Received file of type 'image\/gif'\.$/);
		const octet = await upload(jpeg(100), 'application/octet-stream', { type: 'image/jpeg' });
		expect(octet.json.error.message).toContain("Received file of type 'application/octet-stream'");
	});
	test('missing messaging_product or file, not multipart, empty file', async () => {
		expect((await upload(jpeg(100), 'image/jpeg', { product: null })).json.error.message).toBe('(#100) The parameter messaging_product is required.');
		const noFile = multipart([{ name: 'messaging_product', value: 'whatsapp' }]);
		expect((await raw(`${creds.baseUrl}/v25.0/${pid}/media`, { method: 'POST', headers: { ...bearer(), 'content-type': noFile.contentType }, body: noFile.body })).json.error.message).toBe('(#100) The parameter file is required.');
		const json = await graph(`/${pid}/media`, { method: 'POST', body: { messaging_product: 'whatsapp' } });
		expect(json.status).toBe(400);
		expect(json.json.error.code).toBe(100);
		expect((await upload(Buffer.alloc(0), 'image/png')).json.error.code).toBe(131053);
	});
});

describe('sending uploaded media', () => {
	const sendMedia = (type, obj, number = pid) => graph(`/${number}/messages`, { method: 'POST', body: { messaging_product: 'whatsapp', to: '16505551234', type, [type]: obj } });
	test('by id from the number that uploaded it; not from another number', async () => {
		const up = await upload(jpeg(1000), 'image/jpeg');
		expect((await sendMedia('image', { id: up.json.id, caption: 'Taj Mahal' })).status).toBe(200);
		const elsewhere = await sendMedia('image', { id: up.json.id }, sb.ids.cloudPhoneNumberIds[1]);
		expect(elsewhere.json.error.message).toBe("(#100) Param image['id'] is not a valid whatsapp business account media attachment ID");
	});
	test('the stored type must fit the message type; documents take any type', async () => {
		const pdf = await upload(Buffer.from('%PDF-1.7\n'), 'application/pdf', { filename: 'a.pdf' });
		const asImage = await sendMedia('image', { id: pdf.json.id });
		expect(asImage.json.error.code).toBe(131053);
		expect((await sendMedia('document', { id: pdf.json.id, filename: 'a.pdf' })).status).toBe(200);
		const png = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
		expect((await sendMedia('document', { id: png.json.id, filename: 'a.png' })).status).toBe(200);
	});
	test('stickers: a static webp over 100 KB is refused, an animated one up to 500 KB is fine', async () => {
		const staticBig = await upload(webp(150 * 1024), 'image/webp');
		const refused = await sendMedia('sticker', { id: staticBig.json.id });
		expect(refused.json.error).toMatchObject({ code: 131053, error_data: { details: expect.stringContaining('100 KB') } });
		const animated = await upload(webp(400 * 1024, true), 'image/webp');
		expect((await sendMedia('sticker', { id: animated.json.id })).status).toBe(200);
		const small = await upload(webp(50 * 1024), 'image/webp');
		expect((await sendMedia('sticker', { id: small.json.id })).status).toBe(200);
	});
});

describe('inbound media', () => {
	test('a webhook media id is in the store: GET /{id} and the download give the bytes the webhook described', async () => {
		const receiver = await startReceiver();
		try {
			const bytes = jpeg(4096);
			await sb.sendEvent('cloud', 'image', { url: receiver.url, bytes, caption: 'Taj Mahal' });
			await receiver.waitFor(1);
			const image = receiver.received[0].json.entry[0].changes[0].value.messages[0].image;
			expect(image).toEqual({ mime_type: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('base64'), id: expect.stringMatching(/^\d+$/), caption: 'Taj Mahal' });
			const info = await graph(`/${image.id}`);
			expect(info.json).toMatchObject({ id: image.id, mime_type: 'image/jpeg', file_size: bytes.length, sha256: sha256(bytes) });
			expect(Buffer.from(info.json.sha256, 'hex').toString('base64')).toBe(image.sha256);
			const file = await raw(info.json.url, { headers: bearer() });
			expect(file.bytes.equals(bytes)).toBe(true);
		} finally {
			await receiver.close();
		}
	});
	test('withUrl adds a downloadable url to the webhook media (v24+ shape)', async () => {
		const body = sb.eventBody('cloud', 'document', { withUrl: true, filename: 'report.pdf', caption: 'Q3' });
		const doc = body.entry[0].changes[0].value.messages[0].document;
		expect(doc).toMatchObject({ filename: 'report.pdf', caption: 'Q3', mime_type: 'application/pdf', url: expect.stringContaining('source=webhook') });
		const file = await raw(doc.url, { headers: bearer() });
		expect(file.status).toBe(200);
		expect(createHash('sha256').update(file.bytes).digest('base64')).toBe(doc.sha256);
	});
	test('an existing media id can be referenced; an unknown one is refused', () => {
		const first = sb.eventBody('cloud', 'audio', { voice: true });
		const id = first.entry[0].changes[0].value.messages[0].audio.id;
		const again = sb.eventBody('cloud', 'audio', { mediaId: id });
		expect(again.entry[0].changes[0].value.messages[0].audio).toMatchObject({ id, mime_type: 'audio/ogg; codecs=opus', voice: false });
		expect(() => sb.eventBody('cloud', 'audio', { mediaId: '42' })).toThrow(/not in the store/);
	});
});
