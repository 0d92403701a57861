// @ts-check
// The sandbox's media sends and rich messages follow the providers' documented rules: On-Premises /v1/media needs
// the Bearer token, takes only its listed types and sizes and is kept with its sha256 (readable through the
// control API), media objects by id or HTTPS link, interactive limits, read receipts; WaAPI send-media needs
// mediaName with base64; WSAPI takes exactly one of data/url, needs a filename for documents, a sender for receipts.
const { createHash, randomBytes } = require('node:crypto');
const { request } = require('undici');
const { useSandbox } = require('../support/sandbox');
const { call, basic, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
afterAll(closeClient);

async function onPremToken() {
	const c = sb.credentials.whatsAppOnPremisesApi;
	const r = await call(`${sb.urls.onPremises}/v1/users/login`, { method: 'POST', headers: { authorization: basic(c.username, c.password) } });
	return r.json.users[0].token;
}

async function upload(bytes, contentType, token) {
	const res = await request(`${sb.urls.onPremises}/v1/media`, {
		method: 'POST',
		headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: bytes,
	});
	return { status: res.statusCode, json: /** @type {any} */ (await res.body.json()) };
}

describe('On-Premises', () => {
	test('an upload without a token is 401; with one it is stored with its sha256, visible in GET /state', async () => {
		const bytes = randomBytes(5000);
		expect((await upload(bytes, 'image/png')).status).toBe(401);
		const token = await onPremToken();
		const r = await upload(bytes, 'image/png', token);
		expect(r.status).toBe(200);
		const id = r.json.media[0].id;
		const state = await call(`${sb.urls.control}/state`);
		expect(state.json.onPremises.uploads[id]).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), size: 5000, mimeType: 'image/png' });
	});

	test('a type outside the list and an image over 5 MB are refused', async () => {
		const token = await onPremToken();
		expect((await upload(randomBytes(10), 'application/zip', token)).json.errors[0]).toMatchObject({ code: 1009 });
		expect((await upload(randomBytes(5 * 1024 * 1024 + 1), 'image/jpeg', token)).json.errors[0].details).toMatch(/over the 5 MB limit/);
	});

	test('messages by unknown id, by http link, with a caption on audio; interactive over the limits; read receipts', async () => {
		const token = await onPremToken();
		const send = (body) => call(`${sb.urls.onPremises}/v1/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: { to: '15162837151', ...body } });
		expect((await send({ type: 'image', image: { id: 'nope' } })).status).toBe(404);
		expect((await send({ type: 'image', image: { link: 'http://example.com/a.jpg' } })).status).toBe(400);
		expect((await send({ type: 'audio', audio: { link: 'https://example.com/a.ogg', caption: 'x' } })).status).toBe(400);
		expect((await send({ type: 'image', image: { link: 'https://example.com/a.jpg' } })).status).toBe(200);
		const buttons = (n) => Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `B${i}` } }));
		expect((await send({ type: 'interactive', interactive: { type: 'button', body: { text: 'Hi' }, action: { buttons: buttons(4) } } })).status).toBe(400);
		expect((await send({ type: 'interactive', interactive: { type: 'button', body: { text: 'Hi' }, footer: { text: 'f'.repeat(61) }, action: { buttons: buttons(1) } } })).status).toBe(400);
		expect((await send({ type: 'interactive', interactive: { type: 'button', body: { text: 'Hi' }, action: { buttons: buttons(3) } } })).status).toBe(200);
		const put = (body) => call(`${sb.urls.onPremises}/v1/messages/ABC`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body });
		expect((await put({ status: 'delivered' })).status).toBe(400);
		expect((await put({ status: 'read' })).status).toBe(200);
	});
});

describe('WaAPI', () => {
	const action = (name, body) =>
		call(`${sb.urls.waapi}/instances/101/client/action/${name}`, { method: 'POST', headers: { authorization: `Bearer ${sb.credentials.waApiApi.apiToken}` }, body });

	test('send-media: base64 needs mediaName, is kept with its sha256; send-seen and react-to-message answer as the spec', async () => {
		const bytes = randomBytes(900);
		expect((await action('send-media', { chatId: '491512345678@c.us', mediaBase64: bytes.toString('base64') })).status).toBe(422);
		const ok = await action('send-media', { chatId: '491512345678@c.us', mediaBase64: bytes.toString('base64'), mediaName: 'a.bin', asDocument: true });
		expect(ok.json.data).toMatchObject({ status: 'success', data: { _data: { hasMedia: true, type: 'document' } } });
		expect(Object.values(sb.state.waapi.uploads)[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
		expect((await action('send-seen', { chatId: '491512345678@c.us' })).json.data.data).toEqual({ seenSend: true });
		expect((await action('react-to-message', { messageId: 'x', reaction: '' })).json.data.data).toEqual({ reacted: false, reactedWith: null, messageId: 'x' });
	});
});

describe('WSAPI', () => {
	const post = (path, body) => {
		const c = sb.credentials.wsApiApi;
		return call(`${sb.urls.wsapi}${path}`, { method: 'POST', headers: { 'x-api-key': c.apiKey, 'x-instance-id': c.instanceId }, body });
	};

	test('exactly one of data and url, filename for documents, 201 {id}; receipts need the sender', async () => {
		const data = randomBytes(300).toString('base64');
		expect((await post('/messages/image', { to: '491512345678', data, url: 'https://example.com/a.jpg' })).json.detail).toBe('provide either data or url, not both');
		expect((await post('/messages/image', { to: '491512345678' })).json.detail).toBe('either data or url is required');
		expect((await post('/messages/document', { to: '491512345678', data })).json.detail).toMatch(/'Filename' failed on the 'required' tag/);
		const ok = await post('/messages/document', { to: '491512345678', data, filename: 'a.pdf' });
		expect(ok.status).toBe(201);
		expect(ok.json.id).toEqual(expect.any(String));
		expect((await post('/messages/ABC/read', { chatId: '491512345678@s.whatsapp.net', receiptType: 'read' })).status).toBe(400);
		expect((await post('/messages/ABC/read', { chatId: '491512345678@s.whatsapp.net', senderId: '491512345678@s.whatsapp.net', receiptType: 'read' })).status).toBe(204);
	});
});
