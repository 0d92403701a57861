// @ts-check
// WSAPI Send Media, Mark as Read and React through the real engine against the sandbox: a file from an earlier
// node arrives as the media endpoint's base64 `data` byte for byte (in memory and streamed from n8n's filesystem
// mode), URL sends, the 50 MB bound and WebP stickers checked before any request, read receipts with the sender,
// presence for Show Typing, reactions; Send Interactive is not offered.
const { useSandbox } = require('../../support/sandbox');
const { runNode } = require('../../harness');
const { memoryItem, sampleBytes, sha256, storedItem } = require('../media');

const sb = useSandbox();
const run = (parameters, extra = {}) =>
	runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'wsapi', to: '+49 151 2345678', ...parameters }, credentials: { wsApiApi: sb.credentials.wsApiApi }, ...extra });
const posts = (path) => sb.requests('wsapi', { method: 'POST', path });
const sendMedia = (extra = {}) => ({ resource: 'message', operation: 'sendMedia', mediaType: 'image', ...extra });
const uploads = () => Object.values(sb.state.wsapi.uploads ?? {});

describe('message.sendMedia', () => {
	test.each([
		['in memory', memoryItem],
		['stored by n8n (filesystem mode)', storedItem],
	])('a voice note file from an earlier node (%s) arrives byte-identical at /messages/audio', async (_, item) => {
		const bytes = sampleBytes('audio/ogg', 777_777);
		const r = await run(sendMedia({ mediaType: 'audio' }), { input: [await item(bytes, 'audio/ogg; codecs=opus', 'note.ogg')] });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'wsapi', to: '491512345678', status: 'sent', messageId: expect.stringMatching(/^3EB0/), requestId: null }]);
		expect(uploads()).toEqual([expect.objectContaining({ sha256: sha256(bytes), size: bytes.length, mimeType: 'audio/ogg' })]);
		const [call] = posts('/messages/audio');
		expect(call.status).toBe(201);
		expect(call.body).toEqual({ to: '491512345678@s.whatsapp.net', mimeType: 'audio/ogg', data: { bytes: bytes.length, sha256: sha256(bytes) } });
		expect(call.headers['x-instance-id']).toBe(sb.credentials.wsApiApi.instanceId);
	});

	test('a document by URL carries the required filename', async () => {
		const r = await run(sendMedia({ mediaType: 'document', mediaSource: 'url', mediaUrl: 'https://example.com/report.pdf', fileName: 'Monthly report.pdf', caption: 'Monthly report' }));
		expect(r.error).toBeUndefined();
		expect(posts('/messages/document')[0].body).toEqual({ to: '491512345678@s.whatsapp.net', caption: 'Monthly report', filename: 'Monthly report.pdf', url: 'https://example.com/report.pdf' });
	});

	test('a sticker that is not WebP makes no request', async () => {
		const r = await run(sendMedia({ mediaType: 'sticker' }), { input: [memoryItem(sampleBytes('image/png', 100), 'image/png', 'x.png')] });
		expect(r.error.message).toMatch(/"x\.png" is of type image\/png, which WSAPI does not send as sticker \(it takes image\/webp\)/);
		expect(sb.log).toHaveLength(0);
	});

	test('a file over 50 MB makes no request', async () => {
		const bytes = sampleBytes('video/mp4', 50 * 1024 * 1024 + 1);
		const r = await run(sendMedia({ mediaType: 'video' }), { input: [await storedItem(bytes, 'video/mp4', 'long.mp4')] });
		expect(r.error.message).toMatch(/"long\.mp4" is 50 MB \(52428801 bytes\), over the 50 MB limit of WSAPI for video/);
		expect(sb.log).toHaveLength(0);
	});

	test('a 503 is not repeated without Retry Sends That May Duplicate, and is with it', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 503, path: '/messages/image' }] });
		const input = [memoryItem(sampleBytes('image/jpeg', 3000), 'image/jpeg', 'a.jpg')];
		const once = await run(sendMedia({ options: { maxRetries: 2 } }), { input });
		expect(once.error).toBeDefined();
		expect(posts('/messages/image')).toHaveLength(1);
		sb.reset();
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 503, path: '/messages/image' }] });
		const again = await run(sendMedia({ options: { maxRetries: 2, retryPossibleDuplicates: true } }), { input });
		expect(again.error).toBeUndefined();
		expect(posts('/messages/image').map((e) => e.status)).toEqual([503, 201]);
	});
});

describe('message.markRead', () => {
	test('the read receipt names the chat as sender in a direct chat; Show Typing sets presence', async () => {
		const r = await run({ resource: 'message', operation: 'markRead', messageId: '0123456789012346', options: { showTyping: true } });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'wsapi', to: '491512345678', status: 'sent', messageId: '0123456789012346', requestId: null }]);
		expect(posts('/messages/0123456789012346/read')[0].body).toEqual({ chatId: '491512345678@s.whatsapp.net', senderId: '491512345678@s.whatsapp.net', receiptType: 'read' });
		const [presence] = sb.requests('wsapi', { method: 'PUT' });
		expect(presence.path).toBe('/chats/491512345678%40s.whatsapp.net/presence');
		expect(presence.body).toEqual({ state: 'typing' });
	});

	test('in a group the sender must be given', async () => {
		const r = await run({ resource: 'message', operation: 'markRead', to: '120363025246125486@g.us', messageId: 'ABC' });
		expect(r.error.message).toMatch(/needs its sender: set Sender ID/);
		expect(sb.log).toHaveLength(0);
		const ok = await run({ resource: 'message', operation: 'markRead', to: '120363025246125486@g.us', messageId: 'ABC', senderId: '+49 151 1111111' });
		expect(ok.error).toBeUndefined();
		expect(posts('/messages/ABC/read')[0].body.senderId).toBe('491511111111@s.whatsapp.net');
	});
});

describe('message.react', () => {
	test.each([['❤️'], ['']])('reaction %j (empty removes)', async (emoji) => {
		const r = await run({ resource: 'message', operation: 'react', messageId: 'ABC', emoji });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'wsapi', status: 'sent', messageId: expect.stringMatching(/^3EB0/) });
		expect(posts('/messages/ABC/reaction')[0].body).toEqual({ to: '491512345678@s.whatsapp.net', senderId: '491512345678@s.whatsapp.net', reaction: emoji });
	});
});
