// @ts-check
// On-Premises Send Media, Mark as Read and Send Interactive through the real engine against the sandbox: a file
// from an earlier node is uploaded raw to /v1/media (byte-identical) and sent by id, also after n8n renewed an
// expired session token; HTTPS links; Meta's limits checked before any request; read receipts; buttons and lists.
const { startSandbox } = require('../../sandbox');
const { HarnessCredentialsHelper } = require('../../harness/credentialsHelper');
const { memoryItem, sampleBytes, sha256, storedItem } = require('../media');
const { runOnPrem } = require('./helpers');

/** @type {any} */
let sb;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const uploads = () => sb.requests('onPremises', { method: 'POST', path: '/v1/media' });
const sends = () => sb.requests('onPremises', { method: 'POST', path: '/v1/messages' });
const stored = () => Object.values(sb.state.onPremises.uploads ?? {});
const sendMedia = (extra = {}) => ({ resource: 'message', operation: 'sendMedia', to: '+1 516 283 7151', mediaType: 'image', ...extra });

describe('message.sendMedia', () => {
	test.each([
		['in memory', memoryItem],
		['stored by n8n (filesystem mode)', storedItem],
	])('an image from an earlier node (%s) is uploaded byte-identical, then sent by id', async (_, item) => {
		const bytes = sampleBytes('image/jpeg', 400_000);
		const r = await runOnPrem(sb, sendMedia({ caption: 'New phone' }), { input: [await item(bytes, 'image/jpeg', 'phone.jpg')] });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'onPremises', to: '15162837151', status: 'sent', messageId: expect.any(String), requestId: null }]);
		const [file] = stored();
		expect(file).toMatchObject({ sha256: sha256(bytes), size: bytes.length, mimeType: 'image/jpeg' });
		expect(uploads()[0].headers['content-length']).toBe(String(bytes.length));
		expect(sends()[0].body).toEqual({ recipient_type: 'individual', to: '15162837151', type: 'image', image: { id: file.id, caption: 'New phone' } });
	});

	test('a document by HTTPS link carries its file name; nothing is uploaded', async () => {
		const r = await runOnPrem(sb, sendMedia({ mediaType: 'document', mediaSource: 'url', mediaUrl: 'https://example.com/files/a.pdf', caption: 'Invoice' }));
		expect(r.error).toBeUndefined();
		expect(uploads()).toHaveLength(0);
		expect(sends()[0].body.document).toEqual({ link: 'https://example.com/files/a.pdf', caption: 'Invoice', filename: 'a.pdf' });
	});

	test('an http:// link is refused before any request', async () => {
		const r = await runOnPrem(sb, sendMedia({ mediaSource: 'url', mediaUrl: 'http://example.com/a.jpg' }));
		expect(r.error.message).toMatch(/takes https:\/\/ links only/);
		expect(sb.log).toHaveLength(0);
	});

	test('a video over 16 MB makes no request', async () => {
		const bytes = sampleBytes('video/mp4', 16 * 1024 * 1024 + 10);
		const r = await runOnPrem(sb, sendMedia({ mediaType: 'video' }), { input: [await storedItem(bytes, 'video/mp4', 'clip.mp4')] });
		expect(r.error.message).toMatch(/"clip\.mp4" is 16 MB \(16777226 bytes\), over the 16 MB limit of WhatsApp On-Premises for video/);
		expect(sb.log).toHaveLength(0);
	});

	test('a sticker that is not WebP makes no request', async () => {
		const r = await runOnPrem(sb, sendMedia({ mediaType: 'sticker' }), { input: [memoryItem(sampleBytes('image/png', 1000), 'image/png', 's.png')] });
		expect(r.error.message).toMatch(/"s\.png" is of type image\/png, which WhatsApp On-Premises does not send as sticker \(it takes image\/webp\)/);
		expect(sb.log).toHaveLength(0);
	});

	test('an item without binary data says so', async () => {
		const r = await runOnPrem(sb, sendMedia(), { input: [{ json: { a: 1 } }] });
		expect(r.error.message).toBe('The item has no binary property "data"');
		expect(r.error.description).toMatch(/no binary data at all/);
		expect(sb.log).toHaveLength(0);
	});

	test('an expired session token: n8n logs in again and the upload is sent again, whole', async () => {
		const helper = new HarnessCredentialsHelper({ whatsAppOnPremisesApi: { ...sb.credentials.whatsAppOnPremisesApi } });
		const first = await runOnPrem(sb, { resource: 'message', operation: 'sendText', to: '15162837151', text: 'hi' }, { credentialsHelper: helper });
		expect(first.error).toBeUndefined();
		sb.expireTokens();
		sb.clearLog();
		const bytes = sampleBytes('application/pdf', 200_000);
		const r = await runOnPrem(sb, sendMedia({ mediaType: 'document' }), { credentialsHelper: helper, input: [await storedItem(bytes, 'application/pdf', 'report.pdf')] });
		expect(r.error).toBeUndefined();
		expect(uploads().map((e) => e.status)).toEqual([401, 200]);
		expect(stored()[0].sha256).toBe(sha256(bytes));
		expect(sends()[0].body.document).toEqual({ id: stored()[0].id, filename: 'report.pdf' });
	});
});

describe('message.markRead', () => {
	test('PUT /v1/messages/{id} with status read', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'markRead', to: '15162837151', messageId: 'ABGGFlA5Fpa' });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'onPremises', to: '15162837151', status: 'sent', messageId: 'ABGGFlA5Fpa', requestId: null }]);
		const [put] = sb.requests('onPremises', { method: 'PUT' });
		expect(put.path).toBe('/v1/messages/ABGGFlA5Fpa');
		expect(put.body).toEqual({ status: 'read' });
	});
});

describe('message.sendInteractive', () => {
	test('reply buttons', async () => {
		const r = await runOnPrem(sb, { resource: 'message', operation: 'sendInteractive', to: '15162837151', text: 'Confirm?', buttons: { button: [{ id: 'yes', title: 'Yes' }] } });
		expect(r.error).toBeUndefined();
		expect(sends()[0].body).toEqual({
			recipient_type: 'individual',
			to: '15162837151',
			type: 'interactive',
			interactive: { type: 'button', body: { text: 'Confirm?' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } },
		});
	});

	test('a list; two sections without titles are refused before any request', async () => {
		const row = (id) => ({ id, title: id.toUpperCase() });
		const ok = await runOnPrem(sb, { resource: 'message', operation: 'sendInteractive', to: '15162837151', text: 'Pick', interactiveType: 'list', listButtonText: 'Menu', sections: { section: [{ title: 'A', rows: { row: [row('a1')] } }, { title: 'B', rows: { row: [row('b1')] } }] } });
		expect(ok.error).toBeUndefined();
		expect(sends()[0].body.interactive.action.sections).toEqual([{ title: 'A', rows: [{ id: 'a1', title: 'A1' }] }, { title: 'B', rows: [{ id: 'b1', title: 'B1' }] }]);
		sb.clearLog();
		const bad = await runOnPrem(sb, { resource: 'message', operation: 'sendInteractive', to: '15162837151', text: 'Pick', interactiveType: 'list', listButtonText: 'Menu', sections: { section: [{ rows: { row: [row('a1')] } }, { rows: { row: [row('b1')] } }] } });
		expect(bad.error.message).toMatch(/section 1 has no title/);
		expect(sb.log).toHaveLength(0);
	});
});
