// @ts-check
// WaAPI Send Media, Mark as Read and React through the real engine against the sandbox: a file from an earlier
// node arrives as send-media's base64 byte for byte (in memory and streamed from n8n's filesystem mode), URL sends,
// WaAPI's listed types and the assumed WhatsApp sizes checked before any request, send-seen with send-typing,
// react-to-message; Send Interactive is not offered.
const { useSandbox } = require('../../support/sandbox');
const { runNode } = require('../../harness');
const { rl } = require('../helpers');
const { memoryItem, sampleBytes, sha256, storedItem } = require('../media');

const sb = useSandbox();
const run = (parameters, extra = {}) =>
	runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'waapi', instanceId: rl('101'), to: '+49 151 2345678', ...parameters }, credentials: { waApiApi: sb.credentials.waApiApi }, ...extra });
const actionPath = (name) => `/api/v1/instances/101/client/action/${name}`;
const calls = (name) => sb.requests('waapi', { method: 'POST', path: actionPath(name) });
const sendMedia = (extra = {}) => ({ resource: 'message', operation: 'sendMedia', mediaType: 'image', ...extra });
const uploads = () => Object.values(sb.state.waapi.uploads ?? {});

describe('message.sendMedia', () => {
	test.each([
		['in memory', memoryItem],
		['stored by n8n (filesystem mode)', storedItem],
	])('a document from an earlier node (%s) arrives byte-identical as mediaBase64', async (_, item) => {
		const bytes = sampleBytes('application/pdf', 1_000_001);
		const r = await run(sendMedia({ mediaType: 'document', caption: 'Q3 report' }), { input: [await item(bytes, 'application/pdf', 'report.pdf')] });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'waapi', to: '491512345678', status: 'sent', messageId: expect.stringMatching(/^true_491512345678@c\.us_3EB0/), requestId: null }]);
		expect(uploads()).toEqual([expect.objectContaining({ sha256: sha256(bytes), size: bytes.length, filename: 'report.pdf' })]);
		const [call] = calls('send-media');
		expect(call.body).toEqual({ chatId: '491512345678@c.us', mediaName: 'report.pdf', mediaCaption: 'Q3 report', asDocument: true, mediaBase64: { bytes: bytes.length, sha256: sha256(bytes) } });
		expect(call.headers['content-type']).toBe('application/json');
	});

	test('an image by URL: mediaUrl, no base64', async () => {
		const r = await run(sendMedia({ mediaSource: 'url', mediaUrl: 'https://example.com/static/logo.png', caption: 'Logo' }));
		expect(r.error).toBeUndefined();
		expect(calls('send-media')[0].body).toEqual({ chatId: '491512345678@c.us', mediaName: 'logo.png', mediaCaption: 'Logo', mediaUrl: 'https://example.com/static/logo.png' });
		expect(uploads()).toHaveLength(0);
	});

	test('a sticker is sent asSticker without a caption', async () => {
		const r = await run(sendMedia({ mediaType: 'sticker' }), { input: [memoryItem(sampleBytes('image/webp', 20_000), 'image/webp', 'wave.webp')] });
		expect(r.error).toBeUndefined();
		expect(calls('send-media')[0].body).toMatchObject({ asSticker: true, mediaName: 'wave.webp' });
	});

	test('a video of a type WaAPI does not list makes no request', async () => {
		const r = await run(sendMedia({ mediaType: 'video' }), { input: [memoryItem(sampleBytes('video/webm', 1000), 'video/webm', 'clip.webm')] });
		expect(r.error.message).toMatch(/"clip\.webm" is of type video\/webm, which WaAPI does not send as video \(it takes video\/mp4, video\/3gpp, video\/quicktime\)/);
		expect(sb.log).toHaveLength(0);
	});

	test('a document over 100 MB makes no request', async () => {
		const bytes = sampleBytes('application/pdf', 100 * 1024 * 1024 + 1);
		const r = await run(sendMedia({ mediaType: 'document' }), { input: [await storedItem(bytes, 'application/pdf', 'huge.pdf')] });
		expect(r.error.message).toMatch(/"huge\.pdf" is 100 MB \(104857601 bytes\), over the 100 MB limit of WaAPI for document/);
		expect(sb.log).toHaveLength(0);
	});

	test('a missing binary property names the ones the item has', async () => {
		const item = memoryItem(sampleBytes('image/png', 10), 'image/png', 'a.png', 'image');
		item.binary.thumb = item.binary.image;
		const r = await run(sendMedia(), { input: [item] });
		expect(r.error.message).toBe('The item has no binary property "data"');
		expect(r.error.description).toMatch(/Its binary properties are: image, thumb\./);
		expect(sb.log).toHaveLength(0);
	});

	test('a 429 is retried with the whole file again', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 429, path: actionPath('send-media') }] });
		const bytes = sampleBytes('image/png', 50_000);
		const r = await run(sendMedia({ options: { maxRetries: 2 } }), { input: [await storedItem(bytes, 'image/png', 'a.png')] });
		expect(r.error).toBeUndefined();
		expect(calls('send-media').map((e) => e.status)).toEqual([429, 200]);
		expect(uploads().map((u) => u.sha256)).toEqual([sha256(bytes)]);
	});

	test('a connection reset is not repeated without Retry Sends That May Duplicate', async () => {
		sb.configure('waapi', { faults: [{ kind: 'reset', path: actionPath('send-media') }] });
		const r = await run(sendMedia({ options: { maxRetries: 2 } }), { input: [memoryItem(sampleBytes('image/png', 500), 'image/png', 'a.png')] });
		expect(r.error).toBeDefined();
		expect(calls('send-media')).toHaveLength(1);
	});
});

describe('message.markRead', () => {
	test('send-seen for the chat, then send-typing with Show Typing', async () => {
		const r = await run({ resource: 'message', operation: 'markRead', messageId: 'false_491512345678@c.us_3EB0ABC', options: { showTyping: true } });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'waapi', to: '491512345678', status: 'sent', messageId: 'false_491512345678@c.us_3EB0ABC', requestId: null }]);
		expect(calls('send-seen')[0].body).toEqual({ chatId: '491512345678@c.us' });
		expect(calls('send-typing')[0].body).toEqual({ chatId: '491512345678@c.us' });
	});

	test('without Show Typing: no send-typing', async () => {
		await run({ resource: 'message', operation: 'markRead', messageId: 'false_491512345678@c.us_3EB0ABC' });
		expect(calls('send-seen')).toHaveLength(1);
		expect(calls('send-typing')).toHaveLength(0);
	});
});

describe('message.react', () => {
	test.each([['🎉'], ['']])('react-to-message with %j (empty removes)', async (emoji) => {
		const r = await run({ resource: 'message', operation: 'react', messageId: 'false_491512345678@c.us_3EB0ABC', emoji });
		expect(r.error).toBeUndefined();
		expect(calls('react-to-message')[0].body).toEqual({ messageId: 'false_491512345678@c.us_3EB0ABC', reaction: emoji });
	});
});
