// @ts-check
// Cloud API Send Media, Mark as Read, React and Send Interactive through the real engine against the sandbox:
// a file from an earlier node (in memory and stored by n8n in filesystem mode) is uploaded to
// /{phone-number-id}/media byte for byte and sent by id; URL sends; files over Meta's limits or of a type it
// refuses make no request at all; read receipts with the typing indicator; reactions; buttons and lists.
const { startSandbox } = require('../../sandbox');
const { memoryItem, sampleBytes, sha256, storedItem } = require('../media');
const { rl, runner, graph } = require('./helpers');

/** @type {any} */
let sb;
/** @type {ReturnType<typeof runner>} */
let run;
/** @type {string} */
let pid;

beforeAll(async () => {
	sb = await startSandbox();
	run = runner(sb);
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const sends = () => sb.requests('cloud', { method: 'POST', path: graph(`/${pid}/messages`) });
const uploads = () => sb.requests('cloud', { method: 'POST', path: graph(`/${pid}/media`) });
const sendMedia = (extra = {}) => ({ resource: 'message', operation: 'sendMedia', instanceId: rl(pid), to: '+1 650 555 1234', mediaType: 'image', ...extra });
const uploaded = () => Object.values(sb.state.cloud.media).filter((m) => m.source === 'upload');

describe('message.sendMedia', () => {
	test.each([
		['in memory', memoryItem],
		['stored by n8n (filesystem mode)', storedItem],
	])('a document from an earlier node (%s) arrives byte-identical and is sent by its media id', async (_, item) => {
		const bytes = sampleBytes('application/pdf', 300_000);
		const input = [await item(bytes, 'application/pdf', 'invoice.pdf')];
		const r = await run(sendMedia({ mediaType: 'document', caption: 'Your invoice' }), { input });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'cloud', to: '16505551234', status: 'sent', messageId: expect.stringMatching(/^wamid\./), requestId: null }]);
		const [media] = uploaded();
		expect(media).toMatchObject({ sha256: sha256(bytes), fileSize: bytes.length, mimeType: 'application/pdf', filename: 'invoice.pdf' });
		expect(uploads()[0].body).toMatchObject({ messaging_product: 'whatsapp', type: 'application/pdf', file: { filename: 'invoice.pdf', contentType: 'application/pdf', size: bytes.length } });
		expect(sends()[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'document',
			document: { id: media.id, caption: 'Your invoice', filename: 'invoice.pdf' },
		});
	});

	test('an image by URL is one send with `link`, and no upload', async () => {
		const r = await run(sendMedia({ mediaSource: 'url', mediaUrl: 'https://example.com/a.jpg', caption: 'Taj Mahal' }));
		expect(r.error).toBeUndefined();
		expect(uploads()).toHaveLength(0);
		expect(sends()[0].body).toMatchObject({ type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Taj Mahal' } });
	});

	test('audio carries neither caption nor file name', async () => {
		const bytes = sampleBytes('audio/ogg', 10_000);
		const r = await run(sendMedia({ mediaType: 'audio', caption: 'ignored' }), { input: [memoryItem(bytes, 'audio/ogg; codecs=opus', 'note.ogg')] });
		expect(r.error).toBeUndefined();
		expect(sends()[0].body.audio).toEqual({ id: uploaded()[0].id });
	});

	test('an image over 5 MB is an item error naming the file, its size and the limit; nothing is sent', async () => {
		const bytes = sampleBytes('image/jpeg', 5 * 1024 * 1024 + 1);
		const r = await run(sendMedia(), { input: [await storedItem(bytes, 'image/jpeg', 'holiday.jpg')] });
		expect(r.error.message).toBe('The file cannot be sent: "holiday.jpg" is 5 MB (5242881 bytes), over the 5 MB limit of WhatsApp Cloud API for image');
		expect(sb.log).toHaveLength(0);
	});

	test('a type Meta does not take for the media type names the type and what it takes; nothing is sent', async () => {
		const r = await run(sendMedia(), { input: [memoryItem(sampleBytes('image/webp', 2000), 'image/gif', 'anim.gif')] });
		expect(r.error.message).toMatch(/"anim\.gif" is of type image\/gif, which WhatsApp Cloud API does not send as image \(it takes image\/jpeg, image\/png\)/);
		expect(sb.log).toHaveLength(0);
	});

	test('a missing binary property names the properties the item has', async () => {
		const r = await run(sendMedia({ binaryPropertyName: 'file' }), { input: [memoryItem(sampleBytes('image/png', 100), 'image/png', 'a.png', 'attachment')] });
		expect(r.error.message).toBe('The item has no binary property "file"');
		expect(r.error.description).toMatch(/Its binary properties are: attachment\./);
		expect(sb.log).toHaveLength(0);
	});

	test('a 429 on the send is retried, the upload is not repeated', async () => {
		sb.configure('cloud', { faults: [{ kind: 'status', path: `/${pid}/messages`, status: 429, code: 130429 }] });
		const r = await run(sendMedia({ options: { maxRetries: 2 } }), { input: [memoryItem(sampleBytes('image/png', 1000), 'image/png', 'a.png')] });
		expect(r.error).toBeUndefined();
		expect(uploads()).toHaveLength(1);
		expect(sends().map((e) => e.status)).toEqual([429, 200]);
	});

	test('a 500 on the send is not repeated without Retry Sends That May Duplicate', async () => {
		sb.configure('cloud', { faults: [{ kind: 'status', path: `/${pid}/messages`, status: 500 }] });
		const r = await run(sendMedia({ options: { maxRetries: 2 } }), { input: [memoryItem(sampleBytes('image/png', 1000), 'image/png', 'a.png')] });
		expect(r.error).toBeDefined();
		expect(sends()).toHaveLength(1);
	});
});

describe('message.markRead', () => {
	const wamid = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';
	test('a read receipt, and with Show Typing the typing indicator', async () => {
		const r = await run({ resource: 'message', operation: 'markRead', instanceId: rl(pid), to: '16505551234', messageId: wamid, options: { showTyping: true } });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'cloud', to: '16505551234', status: 'sent', messageId: wamid, requestId: null }]);
		expect(sends()[0].body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: wamid, typing_indicator: { type: 'text' } });
	});

	test('without Show Typing: only the receipt', async () => {
		await run({ resource: 'message', operation: 'markRead', instanceId: rl(pid), to: '16505551234', messageId: wamid });
		expect(sends()[0].body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: wamid });
	});
});

describe('message.react', () => {
	test.each([['👍'], ['']])('reaction %j (empty removes it)', async (emoji) => {
		const r = await run({ resource: 'message', operation: 'react', instanceId: rl(pid), to: '16505551234', messageId: 'wamid.ABC', emoji });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'cloud', status: 'sent', messageId: expect.stringMatching(/^wamid\./) });
		expect(sends()[0].body).toMatchObject({ type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji } });
	});
});

describe('message.sendInteractive', () => {
	const interactive = (extra) => ({ resource: 'message', operation: 'sendInteractive', instanceId: rl(pid), to: '16505551234', text: 'Confirm?', ...extra });

	test('reply buttons as Meta takes them', async () => {
		const r = await run(interactive({ footer: 'Reply below', buttons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } }));
		expect(r.error).toBeUndefined();
		expect(sends()[0].body.interactive).toEqual({
			type: 'button',
			body: { text: 'Confirm?' },
			footer: { text: 'Reply below' },
			action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] },
		});
	});

	test('a list with sections and rows', async () => {
		const sections = { section: [{ title: 'Speed', rows: { row: [{ id: 'express', title: 'Express', description: 'Next day' }, { id: 'normal', title: 'Normal', description: '' }] } }] };
		const r = await run(interactive({ interactiveType: 'list', listButtonText: 'Options', sections }));
		expect(r.error).toBeUndefined();
		expect(sends()[0].body.interactive).toEqual({
			type: 'list',
			body: { text: 'Confirm?' },
			action: { button: 'Options', sections: [{ title: 'Speed', rows: [{ id: 'express', title: 'Express', description: 'Next day' }, { id: 'normal', title: 'Normal' }] }] },
		});
	});

	test.each([
		['four buttons', { buttons: { button: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) } }, /4 buttons given; at most 3 are allowed/],
		['a button title over 20', { buttons: { button: [{ id: 'a', title: 'x'.repeat(21) }] } }, /Button title "x+" has 21 characters; at most 20 are allowed/],
		['a footer over 60', { footer: 'f'.repeat(61), buttons: { button: [{ id: 'a', title: 'A' }] } }, /The footer .* has 61 characters; at most 60/],
		['eleven rows', { interactiveType: 'list', listButtonText: 'Go', sections: { section: [{ title: 'S', rows: { row: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `R${i}` })) } }] } }, /11 rows given; at most 10/],
		['a row description over 72', { interactiveType: 'list', listButtonText: 'Go', sections: { section: [{ title: 'S', rows: { row: [{ id: 'r', title: 'R', description: 'd'.repeat(73) }] } }] } }, /Row description .* 73 characters; at most 72/],
		['a row title over 24', { interactiveType: 'list', listButtonText: 'Go', sections: { section: [{ title: 'S', rows: { row: [{ id: 'r', title: 't'.repeat(25) }] } }] } }, /Row title .* 25 characters; at most 24/],
		['a section title over 24', { interactiveType: 'list', listButtonText: 'Go', sections: { section: [{ title: 's'.repeat(25), rows: { row: [{ id: 'r', title: 'R' }] } }] } }, /Section title .* 25 characters; at most 24/],
		['a list button text over 20', { interactiveType: 'list', listButtonText: 'b'.repeat(21), sections: { section: [{ title: 'S', rows: { row: [{ id: 'r', title: 'R' }] } }] } }, /list button text .* 21 characters; at most 20/],
		['a body over 1024', { text: 'x'.repeat(1025), buttons: { button: [{ id: 'a', title: 'A' }] } }, /The text .* 1025 characters; at most 1024/],
	])('%s: an item error before any request', async (_, extra, message) => {
		const r = await run(interactive(extra));
		expect(r.error.message).toMatch(message);
		expect(sb.log).toHaveLength(0);
	});
});
