// @ts-check
// The sandbox's received media for WaAPI, On-Premises and WSAPI: each download endpoint serves exactly the bytes
// its webhook describes, and only with the provider's own authentication.
const { createHash } = require('node:crypto');
const { request, Agent } = require('undici');
const { useSandbox } = require('../support/sandbox');
const { basic } = require('./helpers');

const sb = useSandbox();
const agent = new Agent({ keepAliveTimeout: 1000 });
afterAll(() => agent.close());

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const last = (provider) => Object.values(sb.state.inboundMedia[provider]).at(-1);

async function get(url, headers = {}, method = 'GET', body) {
	const res = await request(url, { method, headers, body, dispatcher: agent });
	const bytes = Buffer.from(await res.body.arrayBuffer());
	return { status: res.statusCode, headers: res.headers, bytes };
}

test('On-Premises: GET /v1/media/{id} with the Bearer token serves the webhook\'s file; no token: 401; unknown: 404', async () => {
	const body = sb.eventBody('onPremises', 'media', { mediaType: 'document', filename: 'a.pdf', size: 5000 });
	const media = body.messages[0].document;
	expect(media).toMatchObject({ mime_type: 'application/pdf', filename: 'a.pdf', sha256: last('onPremises').sha256 });
	const c = sb.credentials.whatsAppOnPremisesApi;
	const login = await request(`${c.baseUrl}/v1/users/login`, { method: 'POST', headers: { authorization: basic(c.username, c.password) }, dispatcher: agent });
	const { users } = /** @type {any} */ (await login.body.json());
	const ok = await get(`${c.baseUrl}/v1/media/${media.id}`, { authorization: `Bearer ${users[0].token}` });
	expect([ok.status, ok.headers['content-type'], sha256(ok.bytes)]).toEqual([200, 'application/pdf', media.sha256]);
	expect((await get(`${c.baseUrl}/v1/media/${media.id}`)).status).toBe(401);
	expect((await get(`${c.baseUrl}/v1/media/nope`, { authorization: `Bearer ${users[0].token}` })).status).toBe(404);
});

test('WSAPI: GET /media/download?id= with the instance headers; the id decodes to the file; wrong key: 401', async () => {
	const body = sb.eventBody('wsapi', 'media', { mediaType: 'image', size: 3000 });
	const media = body.eventData.media;
	expect(media.id).toMatch(/^H4sI/); // gzip, as wsapi-app's ids
	const c = sb.credentials.wsApiApi;
	const url = `${c.baseUrl}/media/download?id=${encodeURIComponent(media.id)}`;
	const ok = await get(url, { 'x-api-key': c.apiKey, 'x-instance-id': c.instanceId });
	expect([ok.status, ok.headers['content-type'], ok.bytes.length, sha256(ok.bytes)]).toEqual([200, 'image/jpeg', 3000, last('wsapi').sha256]);
	expect((await get(url, { 'x-api-key': 'wrong', 'x-instance-id': c.instanceId })).status).toBe(401);
});

test('WaAPI: the webhook carries the file as base64; download-media answers the same bytes; no token: 401', async () => {
	const body = sb.eventBody('waapi', 'media', { mediaType: 'ptt', size: 2000 });
	expect(sha256(Buffer.from(body.data.media.data, 'base64'))).toBe(last('waapi').sha256);
	const c = sb.credentials.waApiApi;
	const url = `${c.baseUrl}/instances/101/client/action/download-media`;
	const payload = JSON.stringify({ messageId: body.data.message.id._serialized });
	const ok = await get(url, { authorization: `Bearer ${c.apiToken}`, 'content-type': 'application/json' }, 'POST', payload);
	const answer = JSON.parse(ok.bytes.toString('utf8'));
	expect(answer.data.status).toBe('success');
	expect(sha256(Buffer.from(answer.data.data.data, 'base64'))).toBe(last('waapi').sha256);
	expect(answer.data.data.mimetype).toBe('audio/ogg; codecs=opus');
	expect((await get(url, { 'content-type': 'application/json' }, 'POST', payload)).status).toBe(401);
});
