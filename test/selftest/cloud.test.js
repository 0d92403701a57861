// @ts-check
// The Cloud API sandbox keeps Meta's documented shapes: versioned Graph paths, Bearer tokens and scopes, the
// `{error:{…}}` envelope, cursor paging of numbers and templates, webhook overrides accepted only after Meta's
// GET handshake, send validation, the 24-hour window answered asynchronously, and Meta-shaped rate limits/faults.
const http = require('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto');
const { demoSecrets } = require('../sandbox');
const { useSandbox } = require('../support/sandbox');
const { call, startReceiver, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let creds;
let pid; // the first business number's phone_number_id
beforeAll(() => {
	creds = sb.credentials.whatsAppGatewayCloudApi;
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(closeClient);

const bearer = (token = creds.accessToken) => ({ authorization: `Bearer ${token}` });
const graph = (path, opts = {}) => call(`${creds.baseUrl}/${opts.version ?? creds.graphApiVersion}${path}`, { ...opts, headers: { ...bearer(opts.token), ...(opts.headers ?? {}) } });
const send = (body, opts = {}) => graph(`/${opts.pid ?? pid}/messages`, { method: 'POST', body: { messaging_product: 'whatsapp', ...body }, ...opts });
const text = (to, body = 'hello') => send({ to, type: 'text', text: { body } });

/** Every error answer carries Meta's envelope (Meta spec `GraphAPIError`). */
function expectMetaError(r, status, code) {
	expect(r.status).toBe(status);
	expect(r.json).toEqual({ error: expect.objectContaining({ message: expect.any(String), type: expect.any(String), code, fbtrace_id: expect.any(String) }) });
	return r.json.error;
}

function verify(raw, signature, secret) {
	const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
	const got = Buffer.from(String(signature));
	return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * A webhook endpoint as a Meta integration runs it: GET answers the handshake (challenge echoed as text/plain when
 * the verify token matches, 403 otherwise, or a forced answer), POST is recorded.
 * @param {{ verifyToken?: string, answer?: { status: number, body: string } }} [opts]
 */
async function startMetaEndpoint(opts = {}) {
	const gets = [];
	const posts = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			if (req.method === 'GET') {
				gets.push(Object.fromEntries(url.searchParams));
				if (opts.answer) {
					res.writeHead(opts.answer.status, { 'content-type': 'text/plain' });
					return res.end(opts.answer.body);
				}
				if (url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === (opts.verifyToken ?? 'vt-1')) {
					res.writeHead(200, { 'content-type': 'text/plain' });
					return res.end(url.searchParams.get('hub.challenge'));
				}
				res.writeHead(403);
				return res.end();
			}
			const raw = Buffer.concat(chunks);
			posts.push({ headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) });
			res.writeHead(200);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const addr = server.address();
	return {
		url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/webhook`,
		gets,
		posts,
		close() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls until `fn()` is truthy or `timeoutMs` passes (bounded). */
async function until(fn, timeoutMs = 3000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (fn()) return true;
		await wait(25);
	}
	return Boolean(fn());
}

describe('credentials, versions, auth', () => {
	test('sb.credentials.whatsAppGatewayCloudApi has the contract fields; baseUrl has no version', () => {
		expect(creds).toEqual({
			accessToken: demoSecrets.cloud.accessToken,
			businessAccountId: sb.ids.cloudWabaId,
			appSecret: demoSecrets.cloud.appSecret,
			appId: sb.ids.cloudAppId,
			graphApiVersion: 'v25.0',
			baseUrl: sb.urls.cloud,
		});
		expect(creds.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});
	test('GET /{phone-number-id} answers the default fields and names the serving version', async () => {
		const r = await graph(`/${pid}`);
		expect(r.status).toBe(200);
		expect(r.headers['facebook-api-version']).toBe('v25.0');
		expect(r.json).toEqual({ id: pid, display_phone_number: '+1 555-078-3881', verified_name: 'Jaspers Market', quality_rating: 'GREEN' });
	});
	test('an expired version (n8n\'s v13.0) is served by the oldest live version', async () => {
		// "available until" days of Graph API versions (Graph API changelog)
		const until = { 'v20.0': '2026-09-24', 'v21.0': '2027-01-21', 'v22.0': '2027-05-20', 'v23.0': '2027-10-08', 'v24.0': '2028-02-18', 'v25.0': '2028-07-29' };
		const oldestLive = Object.keys(until).find((v) => Date.parse(until[v]) > Date.now());
		const r = await graph(`/${pid}`, { version: 'v13.0' });
		expect(r.status).toBe(200);
		expect(r.headers['facebook-api-version']).toBe(oldestLive);
		expect(r.json.id).toBe(pid);
	});
	test.each([
		['a version that was never released', (id) => `/v99.0/${id}`, 'Unknown Graph API version'],
		['a malformed version', (id) => `/v25/${id}`, 'Invalid version format'],
		['no version at all', (id) => `/${id}`, 'Invalid version format'],
	])('%s → 400 code 100', async (_, path, message) => {
		const r = await call(`${creds.baseUrl}${path(pid)}`, { headers: bearer() });
		const e = expectMetaError(r, 400, 100);
		expect(e.message).toContain(message);
	});
	test('missing token → 401 code 104; unknown → 401 code 190 without subcode; expired → 190/463', async () => {
		const none = await call(`${creds.baseUrl}/v25.0/${pid}`);
		expect(expectMetaError(none, 401, 104).message).toBe('An access token is required to request this resource');
		const wrong = await graph(`/${pid}`, { token: 'EAAGnot-a-token' });
		const e = expectMetaError(wrong, 401, 190);
		expect(e).toMatchObject({ message: 'Invalid OAuth access token', type: 'OAuthException' });
		expect(e.error_subcode).toBeUndefined();
		sb.expireTokens();
		const expired = await graph(`/${pid}`);
		expect(expectMetaError(expired, 401, 190)).toMatchObject({ error_subcode: 463, message: 'Error validating access token: Session has expired' });
		expect(JSON.stringify(expired.json)).not.toContain(creds.accessToken);
	});
	test('the token may also come as ?access_token=', async () => {
		const r = await call(`${creds.baseUrl}/v25.0/${pid}?access_token=${encodeURIComponent(creds.accessToken)}`);
		expect(r.status).toBe(200);
	});
	test('a token without WhatsApp permissions → 403 with Meta\'s permission errors', async () => {
		const token = demoSecrets.cloud.noScopeToken;
		const list = await graph(`/${creds.businessAccountId}/phone_numbers`, { token });
		expect(expectMetaError(list, 403, 200)).toMatchObject({
			message: "(#200) Your app doesn't have permission to access this WhatsApp Business Account",
			error_subcode: 1349174,
			error_user_title: 'Permission Denied',
		});
		const one = await graph(`/${pid}`, { token });
		expect(expectMetaError(one, 403, 200)).toMatchObject({ error_subcode: 1349176, message: '(#200) Requires whatsapp_business_messaging or whatsapp_business_management permission' });
		const sendIt = await send({ to: '16505551234', type: 'text', text: { body: 'x' } }, { token });
		expect(expectMetaError(sendIt, 403, 10).message).toBe('(#10) Application does not have permission for this action');
	});
	test('an unknown object id → 400 code 100 subcode 33', async () => {
		const e = expectMetaError(await graph('/123456789'), 400, 100);
		expect(e).toMatchObject({ error_subcode: 33, type: 'GraphMethodException' });
		expect(e.message).toContain("Object with ID '123456789' does not exist");
	});
});

describe('phone numbers and templates: cursor paging and fields', () => {
	/** Follows `paging.next` (bounded), returning every page. */
	async function walk(firstPath) {
		const pages = [];
		let r = await graph(firstPath);
		for (let i = 0; i < 20; i++) {
			expect(r.status).toBe(200);
			pages.push(r.json);
			if (!r.json.paging.next) break;
			r = await call(r.json.paging.next, { headers: bearer() });
		}
		return pages;
	}
	test('GET /{waba}/phone_numbers?limit=2: two pages, `next` only on the first', async () => {
		const pages = await walk(`/${creds.businessAccountId}/phone_numbers?limit=2`);
		expect(pages.map((p) => p.data.length)).toEqual([2, 1]);
		expect(pages[0].paging).toEqual({ cursors: { before: expect.any(String), after: expect.any(String) }, next: expect.any(String) });
		expect(pages[1].paging.next).toBeUndefined();
		expect(pages[1].paging.previous).toEqual(expect.any(String));
		const back = await call(pages[1].paging.previous, { headers: bearer() });
		expect(back.json.data.map((n) => n.id)).toEqual(pages[0].data.map((n) => n.id));
		expect(pages.flatMap((p) => p.data.map((n) => n.id))).toEqual(sb.ids.cloudPhoneNumberIds);
		expect(pages[0].data[0]).toEqual({ id: pid, display_phone_number: '+1 555-078-3881', verified_name: 'Jaspers Market', quality_rating: 'GREEN' });
		// Graph writes the token into `next`: a client must not echo that link
		expect(new URL(pages[0].paging.next).searchParams.get('access_token')).toBe(creds.accessToken);
	});
	test('`fields` is honoured (id always included)', async () => {
		const r = await graph(`/${creds.businessAccountId}/phone_numbers?fields=display_phone_number,status,throughput,platform_type`);
		expect(r.json.data[0]).toEqual({ id: pid, display_phone_number: '+1 555-078-3881', status: 'CONNECTED', throughput: { level: 'STANDARD' }, platform_type: 'CLOUD_API' });
		expect(r.json.data).toHaveLength(3);
		expect(r.json.paging.next).toBeUndefined();
	});
	test('GET /{waba}/message_templates?limit=5: three pages with every kind of template', async () => {
		const pages = await walk(`/${creds.businessAccountId}/message_templates?limit=5`);
		expect(pages.map((p) => p.data.length)).toEqual([5, 5, 3]);
		const all = pages.flatMap((p) => p.data);
		expect(new Set(all.map((t) => t.id)).size).toBe(13);
		for (const t of all) expect(Object.keys(t).sort()).toEqual(['category', 'components', 'id', 'language', 'name', 'parameter_format', 'status']);
		expect(all.filter((t) => t.status !== 'APPROVED').map((t) => t.status).sort()).toEqual(['DISABLED', 'PAUSED', 'PENDING', 'REJECTED']);
		expect(all.find((t) => t.name === 'appointment_reminder').parameter_format).toBe('NAMED');
		const components = all.flatMap((t) => t.components);
		expect(new Set(components.filter((c) => c.type === 'HEADER').map((c) => c.format))).toEqual(new Set(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT']));
		expect(new Set(components.filter((c) => c.type === 'BUTTONS').flatMap((c) => c.buttons.map((b) => b.type)))).toEqual(new Set(['QUICK_REPLY', 'URL', 'COPY_CODE']));
		expect(all.filter((t) => t.name === 'hello_world').map((t) => t.language)).toEqual(['en_US', 'de_DE']);
	});
	test('template filters and fields', async () => {
		const approved = await graph(`/${creds.businessAccountId}/message_templates?status=APPROVED&fields=name,status`);
		expect(approved.json.data).toHaveLength(9);
		expect(approved.json.data.every((t) => t.status === 'APPROVED' && Object.keys(t).length === 3)).toBe(true);
		const byName = await graph(`/${creds.businessAccountId}/message_templates?name=hello_world`);
		expect(byName.json.data.map((t) => t.language)).toEqual(['en_US', 'de_DE']);
	});
	test('a bad cursor → 400 code 100; limit 0 → 400 code 100', async () => {
		expectMetaError(await graph(`/${creds.businessAccountId}/message_templates?after=garbage`), 400, 100);
		expectMetaError(await graph(`/${creds.businessAccountId}/phone_numbers?limit=0`), 400, 100);
	});
});

describe('subscribed_apps and webhook overrides', () => {
	let endpoint;
	afterEach(async () => {
		if (endpoint) await endpoint.close();
		endpoint = undefined;
	});
	const setOverride = (uri, verifyToken = 'vt-1', number = pid) => graph(`/${number}`, { method: 'POST', body: { webhook_configuration: { override_callback_uri: uri, verify_token: verifyToken } } });
	const readConfig = (number = pid) => graph(`/${number}?fields=webhook_configuration`);

	test('GET /{waba}/subscribed_apps lists the subscribed app', async () => {
		const r = await graph(`/${creds.businessAccountId}/subscribed_apps`);
		expect(r.json).toEqual({ data: [{ whatsapp_business_api_data: { id: creds.appId, link: `https://www.facebook.com/games/?app_id=${creds.appId}`, name: 'Gateway Demo App' } }] });
	});
	test('a number override is accepted after the GET handshake, then read back and removed', async () => {
		endpoint = await startMetaEndpoint({ verifyToken: 'vt-1' });
		const set = await setOverride(endpoint.url);
		expect(set.status).toBe(200);
		expect(set.json).toEqual({ success: true });
		expect(endpoint.gets).toHaveLength(1);
		expect(endpoint.gets[0]).toEqual({ 'hub.mode': 'subscribe', 'hub.challenge': expect.stringMatching(/^\d+$/), 'hub.verify_token': 'vt-1' });
		expect(sb.state.cloud.handshakes[0]).toMatchObject({ url: endpoint.url, ok: true, status: 200, body: endpoint.gets[0]['hub.challenge'] });

		const read = await readConfig();
		expect(read.json).toEqual({ webhook_configuration: { phone_number: endpoint.url }, id: pid });
		expect(JSON.stringify(read.json)).not.toContain('vt-1');
		// the other numbers keep no override
		expect((await readConfig(sb.ids.cloudPhoneNumberIds[1])).json).toEqual({ webhook_configuration: {}, id: sb.ids.cloudPhoneNumberIds[1] });

		const removed = await setOverride('', undefined);
		expect(removed.json).toEqual({ success: true });
		expect(endpoint.gets).toHaveLength(1); // removing needs no handshake
		expect((await readConfig()).json).toEqual({ webhook_configuration: {}, id: pid });
	});
	test.each([
		['answers 404', { answer: { status: 404, body: 'nope' } }, 'HTTP Status Code = 404'],
		['answers 200 with another body', { answer: { status: 200, body: 'ok' } }, 'Response does not match challenge'],
		['refuses the verify token (403)', { verifyToken: 'another-token' }, 'HTTP Status Code = 403'],
	])('an endpoint that %s is refused with code 2200', async (_, opts, reason) => {
		endpoint = await startMetaEndpoint(opts);
		const r = await setOverride(endpoint.url);
		const e = expectMetaError(r, 400, 2200);
		expect(e.message).toMatch(/^\(#2200\) Callback verification failed with the following errors: /);
		expect(e.message).toContain(reason);
		expect(endpoint.gets).toHaveLength(1);
		expect((await readConfig()).json.webhook_configuration).toEqual({});
	});
	test('an unreachable endpoint is refused with code 2200', async () => {
		endpoint = await startMetaEndpoint();
		const url = endpoint.url;
		await endpoint.close();
		endpoint = undefined;
		const e = expectMetaError(await setOverride(url), 400, 2200);
		expect(e.message).toContain('HTTP Status Code = 0');
	});
	test('the app must be subscribed to the WABA before an override is set', async () => {
		endpoint = await startMetaEndpoint();
		expect((await graph(`/${creds.businessAccountId}/subscribed_apps`, { method: 'DELETE' })).json).toEqual({ success: true });
		expect((await graph(`/${creds.businessAccountId}/subscribed_apps`)).json).toEqual({ data: [] });
		const refused = expectMetaError(await setOverride(endpoint.url), 400, 100);
		expect(refused.message).toContain('subscribed_apps');
		expect(endpoint.gets).toHaveLength(0);
		expect((await graph(`/${creds.businessAccountId}/subscribed_apps`, { method: 'POST' })).json).toEqual({ success: true });
		expect((await setOverride(endpoint.url)).status).toBe(200);
	});
	test('a WABA override through subscribed_apps; a plain re-subscribe clears it', async () => {
		endpoint = await startMetaEndpoint({ verifyToken: 'waba-token' });
		const set = await graph(`/${creds.businessAccountId}/subscribed_apps`, { method: 'POST', body: { override_callback_uri: endpoint.url, verify_token: 'waba-token' } });
		expect(set.json).toEqual({ success: true });
		expect(endpoint.gets).toHaveLength(1);
		expect((await graph(`/${creds.businessAccountId}/subscribed_apps`)).json.data[0].override_callback_uri).toBe(endpoint.url);
		expect((await readConfig()).json.webhook_configuration).toEqual({ whatsapp_business_account: endpoint.url });
		await graph(`/${creds.businessAccountId}/subscribed_apps`, { method: 'POST' });
		expect((await graph(`/${creds.businessAccountId}/subscribed_apps`)).json.data[0].override_callback_uri).toBeUndefined();
	});
	test('the app callback (knob callbackUrl) shows as `application`', async () => {
		sb.configure('cloud', { callbackUrl: 'https://example.com/meta-app-hook' });
		expect((await readConfig()).json.webhook_configuration).toEqual({ application: 'https://example.com/meta-app-hook' });
	});
	test('invalid override requests → 400 code 100', async () => {
		expectMetaError(await setOverride('not a url'), 400, 100);
		expectMetaError(await setOverride(`https://example.com/${'x'.repeat(200)}`), 400, 100);
		expectMetaError(await graph(`/${pid}`, { method: 'POST', body: { webhook_configuration: { override_callback_uri: 'https://example.com/h' } } }), 400, 100);
		expectMetaError(await graph(`/${pid}`, { method: 'POST', body: { webhook_configuration: {} } }), 400, 100);
		expect(sb.state.cloud.handshakes).toHaveLength(0);
	});
	test('control POST /handshake/cloud sends Meta\'s GET and reports the answer', async () => {
		endpoint = await startMetaEndpoint({ verifyToken: 'vt-9' });
		const good = await call(`${sb.urls.control}/handshake/cloud`, { method: 'POST', body: { url: endpoint.url, verifyToken: 'vt-9', challenge: '1158201444' } });
		expect(good.json).toMatchObject({ ok: true, status: 200, body: '1158201444', challenge: '1158201444', contentType: 'text/plain' });
		const bad = await call(`${sb.urls.control}/handshake/cloud`, { method: 'POST', body: { url: endpoint.url, verifyToken: 'wrong' } });
		expect(bad.json).toMatchObject({ ok: false, status: 403 });
		expect(endpoint.gets.map((g) => g['hub.verify_token'])).toEqual(['vt-9', 'wrong']);
	});
});

describe('POST /{phone-number-id}/messages', () => {
	test('text → {messaging_product, contacts:[{input, wa_id}], messages:[{id}]}', async () => {
		const r = await text('+16505551234');
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '+16505551234', wa_id: '16505551234' }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
		expect(sb.state.cloud.sent[0]).toMatchObject({ id: r.json.messages[0].id, phoneNumberId: pid, to: '16505551234', type: 'text' });
	});
	test('a business-scoped user id goes in `recipient`; with both, `to` wins', async () => {
		const bsuid = await send({ recipient: 'US.13491208655302741918', type: 'text', text: { body: 'hi' } });
		expect(bsuid.json.contacts).toEqual([{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }]);
		const both = await send({ to: '16505551234', recipient: 'US.13491208655302741918', type: 'text', text: { body: 'hi' } });
		expect(both.json.contacts).toEqual([{ input: '16505551234', wa_id: '16505551234' }]);
		expectMetaError(await send({ to: 'US.13491208655302741918', type: 'text', text: { body: 'hi' } }), 400, 131009);
	});
	test('envelope errors: messaging_product, recipient, type, text length', async () => {
		const noProduct = await graph(`/${pid}/messages`, { method: 'POST', body: { to: '16505551234', type: 'text', text: { body: 'x' } } });
		expect(expectMetaError(noProduct, 400, 100).message).toBe('(#100) The parameter messaging_product is required.');
		expectMetaError(await send({ type: 'text', text: { body: 'x' } }), 400, 100);
		expectMetaError(await send({ to: '16505551234', type: 'fax' }), 400, 131009);
		expectMetaError(await send({ to: '16505551234', type: 'text', text: {} }), 400, 100);
		const long = expectMetaError(await text('16505551234', 'x'.repeat(4097)), 400, 131009);
		expect(long.error_data).toEqual({ messaging_product: 'whatsapp', details: 'Text body length invalid. Min length: 1, Max length: 4096' });
		expect((await text('16505551234', 'x'.repeat(4096))).status).toBe(200);
	});
	test('media by link; the refusals read like Meta\'s', async () => {
		const ok = await send({ to: '16505551234', type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Taj Mahal' } });
		expect(ok.status).toBe(200);
		expect((await send({ to: '16505551234', type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf', caption: 'Invoice' } })).status).toBe(200);
		expect(expectMetaError(await send({ to: '16505551234', type: 'video', video: { link: 'ftp://example.com/v.mp4' } }), 400, 100).message).toMatch(/is not a valid URI\.$/);
		expect(expectMetaError(await send({ to: '16505551234', type: 'video', video: { id: '1234567890' } }), 400, 100).message).toBe("(#100) Param video['id'] is not a valid whatsapp business account media attachment ID");
		expectMetaError(await send({ to: '16505551234', type: 'image', image: { id: '1', link: 'https://example.com/a.jpg' } }), 400, 100);
		expectMetaError(await send({ to: '16505551234', type: 'audio', audio: { link: 'https://example.com/a.ogg', caption: 'no' } }), 400, 100);
		expectMetaError(await send({ to: '16505551234', type: 'image', image: { link: 'https://example.com/a.jpg', filename: 'a.jpg' } }), 400, 100);
		expectMetaError(await send({ to: '16505551234', type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'x'.repeat(1025) } }), 400, 131009);
	});
	describe('interactive', () => {
		const buttons = (list) => ({ to: '16505551234', type: 'interactive', interactive: { type: 'button', body: { text: 'Confirm?' }, action: { buttons: list } } });
		const reply = (id, title) => ({ type: 'reply', reply: { id, title } });
		const listMessage = (sections, button = 'Options') => ({ to: '16505551234', type: 'interactive', interactive: { type: 'list', header: { type: 'text', text: 'Shipping' }, body: { text: 'Pick a speed' }, footer: { text: 'Prices incl. tax' }, action: { button, sections } } });
		const rows = (n, extra = {}) => Array.from({ length: n }, (_, i) => ({ id: `row-${i}`, title: `Row ${i}`, ...extra }));
		test('reply buttons: 1–3, title ≤ 20, id ≤ 256', async () => {
			expect((await send(buttons([reply('yes', 'Yes'), reply('no', 'No'), reply('later', 'x'.repeat(20))]))).status).toBe(200);
			const four = expectMetaError(await send(buttons([reply('a', 'A'), reply('b', 'B'), reply('c', 'C'), reply('d', 'D')])), 400, 131009);
			expect(four).toMatchObject({ message: '(#131009) Parameter value is not valid', error_data: { details: 'Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3' } });
			expect(expectMetaError(await send(buttons([reply('a', 'x'.repeat(21))])), 400, 131009).error_data.details).toBe('Button title length invalid. Min length: 1, Max length: 20');
			expectMetaError(await send(buttons([reply('x'.repeat(257), 'A')])), 400, 131009);
			expect((await send(buttons([reply('x'.repeat(256), 'A')]))).status).toBe(200);
			expectMetaError(await send(buttons([])), 400, 131009);
		});
		test('lists: button ≤ 20, ≤ 10 sections, ≤ 10 rows in all, row title ≤ 24, description ≤ 72, id ≤ 200', async () => {
			expect((await send(listMessage([{ title: 'Speed', rows: [{ id: 'express', title: 'Express', description: 'Next day' }] }]))).status).toBe(200);
			expect((await send(listMessage([{ title: 'A', rows: rows(5) }, { title: 'B', rows: rows(5) }]))).status).toBe(200);
			expect(expectMetaError(await send(listMessage([{ title: 'A', rows: rows(6) }, { title: 'B', rows: rows(5) }])), 400, 131009).error_data.details).toContain('rows');
			expectMetaError(await send(listMessage(Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1) })))), 400, 131009);
			expectMetaError(await send(listMessage([{ rows: [{ id: 'a', title: 'x'.repeat(25) }] }])), 400, 131009);
			expectMetaError(await send(listMessage([{ rows: [{ id: 'a', title: 'A', description: 'x'.repeat(73) }] }])), 400, 131009);
			expectMetaError(await send(listMessage([{ rows: [{ id: 'x'.repeat(201), title: 'A' }] }])), 400, 131009);
			expectMetaError(await send(listMessage([{ rows: rows(1) }], 'x'.repeat(21))), 400, 131009);
		});
		test('cta_url: display text ≤ 20, an http(s) url', async () => {
			const cta = (parameters) => ({ to: '16505551234', type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Tap to see dates' }, action: { name: 'cta_url', parameters } } });
			expect((await send(cta({ display_text: 'See Dates', url: 'https://example.com/dates' }))).status).toBe(200);
			expectMetaError(await send(cta({ display_text: 'x'.repeat(21), url: 'https://example.com/dates' })), 400, 131009);
			expectMetaError(await send(cta({ display_text: 'See', url: 'javascript:alert(1)' })), 400, 100);
		});
	});
	test('reaction (an empty emoji removes it), location, contacts', async () => {
		expect((await send({ to: '16505551234', type: 'reaction', reaction: { message_id: 'wamid.HBgLM1', emoji: '😀' } })).status).toBe(200);
		expect((await send({ to: '16505551234', type: 'reaction', reaction: { message_id: 'wamid.HBgLM1', emoji: '' } })).status).toBe(200);
		expectMetaError(await send({ to: '16505551234', type: 'reaction', reaction: { emoji: '😀' } }), 400, 100);
		expect((await send({ to: '16505551234', type: 'location', location: { latitude: 37.758056, longitude: -122.425332, name: 'HQ' } })).status).toBe(200);
		const contact = { name: { formatted_name: 'John Smith', first_name: 'John' }, phones: [{ phone: '+1 (650) 555-1234', type: 'WORK', wa_id: '16505551234' }] };
		expect((await send({ to: '16505551234', type: 'contacts', contacts: [contact] })).status).toBe(200);
		expectMetaError(await send({ to: '16505551234', type: 'contacts', contacts: Array(6).fill(contact) }), 400, 131009);
	});
	test('mark as read (with the typing indicator) → {success:true}', async () => {
		const id = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';
		expect((await send({ status: 'read', message_id: id })).json).toEqual({ success: true });
		expect((await send({ status: 'read', message_id: id, typing_indicator: { type: 'text' } })).json).toEqual({ success: true });
		expectMetaError(await send({ status: 'read' }), 400, 100);
		expectMetaError(await send({ status: 'read', message_id: id, typing_indicator: { type: 'audio' } }), 400, 131009);
		expectMetaError(await send({ status: 'read', message_id: 'not-a-wamid' }), 400, 100);
	});
});

describe('template sends', () => {
	const template = (name, language, components) => send({ to: '16505551234', type: 'template', template: { name, language: { code: language }, ...(components ? { components } : {}) } });
	// a component given as null in `overrides` is left out
	const pick = (overrides, key, fallback) => (key in overrides ? overrides[key] : fallback);
	const orderUpdate = (overrides = {}) => [
		pick(overrides, 'header', { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.jpg' } }] }),
		pick(overrides, 'body', { type: 'body', parameters: [{ type: 'text', text: 'John' }, { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } }, { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } }] }),
		{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP_PROMOS' }] },
		pick(overrides, 'url', { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'order-123' }] }),
	].filter(Boolean);

	test('an approved template without parameters → 200 with message_status accepted', async () => {
		const r = await template('hello_world', 'en_US');
		expect(r.json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }] });
		expect((await template('hello_world', 'de_DE')).status).toBe(200);
	});
	test('unknown, wrong language or not approved → 132001; PAUSED → 132015; DISABLED → 132016', async () => {
		expect(expectMetaError(await template('no_such_template', 'en_US'), 400, 132001).error_data.details).toBe('template name (no_such_template) does not exist in en_US');
		expectMetaError(await template('hello_world', 'fr_FR'), 400, 132001);
		expectMetaError(await template('spring_sale', 'en_US'), 400, 132001);
		expectMetaError(await template('2023_april_promo', 'en_US'), 400, 132001);
		expectMetaError(await template('paused_reminder', 'en_US', [{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }]), 400, 132015);
		expectMetaError(await template('disabled_notice', 'en_US', [{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }]), 400, 132016);
		expectMetaError(await send({ to: '16505551234', type: 'template', template: { language: { code: 'en_US' } } }), 400, 100);
	});
	test('positional parameters: header media, body count, URL button suffix (index as string or number, any case)', async () => {
		expect((await template('order_update', 'en_US', orderUpdate())).status).toBe(200);
		expect((await template('order_update', 'en_US', orderUpdate({ url: { type: 'button', sub_type: 'URL', index: 1, parameters: [{ type: 'text', text: 'order-123' }] } }))).status).toBe(200);
		const two = expectMetaError(await template('order_update', 'en_US', orderUpdate({ body: { type: 'body', parameters: [{ type: 'text', text: 'John' }, { type: 'text', text: 'A-1' }] } })), 400, 132000);
		expect(two.message).toBe('(#132000) Number of parameters does not match the expected number of params');
		expect(two.error_data.details).toBe('body: number of localizable_params (2) does not match the expected number of params (3)');
		expectMetaError(await template('order_update', 'en_US', orderUpdate({ header: null })), 400, 132000);
		expectMetaError(await template('order_update', 'en_US', orderUpdate({ header: { type: 'header', parameters: [{ type: 'text', text: 'x' }] } })), 400, 132012);
		expectMetaError(await template('order_update', 'en_US', orderUpdate({ url: null })), 400, 132000);
		expectMetaError(await template('order_update', 'en_US', orderUpdate({ header: { type: 'header', parameters: [{ type: 'image', image: { id: '999' } }] } })), 400, 100);
		expectMetaError(await template('hello_world', 'en_US', [{ type: 'body', parameters: [{ type: 'text', text: 'extra' }] }]), 400, 132000);
	});
	test('NAMED parameters need parameter_name matching the template', async () => {
		const named = (names) => [
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Mark' }] },
			{ type: 'body', parameters: names.map((n) => ({ type: 'text', parameter_name: n, text: `v-${n}` })) },
		];
		expect((await template('appointment_reminder', 'en_US', named(['customer_name', 'appointment_date', 'location']))).status).toBe(200);
		expectMetaError(await template('appointment_reminder', 'en_US', named(['customer_name', 'appointment_date', 'place'])), 400, 132000);
		const unnamed = [named([])[0], { type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'text', text: 'c' }] }];
		expectMetaError(await template('appointment_reminder', 'en_US', unnamed), 400, 100);
	});
	test('copy code buttons need a coupon_code; authentication templates need a phone number (131062)', async () => {
		const body = { type: 'body', parameters: [{ type: 'text', text: 'Mark' }, { type: 'text', text: 'FALL25' }] };
		expect((await template('coupon_offer', 'en_US', [body, { type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'FALL25' }] }])).status).toBe(200);
		expectMetaError(await template('coupon_offer', 'en_US', [body]), 400, 132000);
		const otp = [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }, { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] }];
		expect((await template('verification_code', 'en_US', otp)).status).toBe(200);
		const toBsuid = await send({ recipient: 'US.13491208655302741918', type: 'template', template: { name: 'verification_code', language: { code: 'en_US' }, components: otp } });
		expectMetaError(toBsuid, 400, 131062);
	});
});

describe('24-hour window and other asynchronous failures', () => {
	let receiver;
	beforeEach(async () => {
		receiver = await startReceiver();
		sb.configure('cloud', { callbackUrl: receiver.url, callbackDelayMs: 10 });
	});
	afterEach(async () => {
		await receiver.close();
	});
	const failures = () => receiver.received.map((r) => r.json.entry[0].changes[0].value.statuses[0]);

	test('a free-form message to a user who never wrote: 200, then a signed failed status with 131047', async () => {
		const r = await text('16505551234');
		expect(r.status).toBe(200);
		await receiver.waitFor(1);
		const [got] = receiver.received;
		expect(verify(got.raw, got.headers['x-hub-signature-256'], creds.appSecret)).toBe(true);
		expect(got.json.object).toBe('whatsapp_business_account');
		const value = got.json.entry[0].changes[0].value;
		expect(got.json.entry[0].changes[0].field).toBe('messages');
		expect(value.metadata).toEqual({ display_phone_number: '15550783881', phone_number_id: pid });
		expect(value.contacts).toBeUndefined();
		expect(value.statuses).toEqual([{
			id: r.json.messages[0].id,
			status: 'failed',
			timestamp: expect.stringMatching(/^\d+$/),
			recipient_id: '16505551234',
			errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: expect.stringContaining('24 hours') }, href: expect.any(String) }],
		}]);
	});
	test('after the user wrote (an inbound event), free-form sends succeed silently', async () => {
		const elsewhere = await startReceiver();
		try {
			await sb.sendEvent('cloud', 'text', { url: elsewhere.url, from: '16505551234' });
		} finally {
			await elsewhere.close();
		}
		expect((await text('16505551234')).status).toBe(200);
		await wait(150);
		expect(receiver.received).toHaveLength(0);
		expect(sb.state.cloud.deliveries).toHaveLength(0);
		// the window is per business number
		expect((await send({ to: '16505551234', type: 'text', text: { body: 'x' } }, { pid: sb.ids.cloudPhoneNumberIds[1] })).status).toBe(200);
		await receiver.waitFor(1);
		expect(failures()[0].errors[0].code).toBe(131047);
	});
	test('a user message older than 24 hours does not open the window; templates need no window', async () => {
		const elsewhere = await startReceiver();
		try {
			await sb.sendEvent('cloud', 'text', { url: elsewhere.url, from: '16505551234', timestamp: Math.floor(Date.now() / 1000) - 25 * 3600 });
		} finally {
			await elsewhere.close();
		}
		await send({ to: '16505551234', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
		await text('16505551234');
		await receiver.waitFor(1);
		await wait(100);
		expect(failures().map((s) => s.errors[0].code)).toEqual([131047]);
	});
	test('serviceWindowMs shortens the window', async () => {
		sb.configure('cloud', { serviceWindowMs: 100 });
		const elsewhere = await startReceiver();
		try {
			await sb.sendEvent('cloud', 'text', { url: elsewhere.url, from: '16505551234', timestamp: Math.floor(Date.now() / 1000) });
		} finally {
			await elsewhere.close();
		}
		await wait(1100); // timestamps are whole seconds
		await text('16505551234');
		await receiver.waitFor(1);
		expect(failures()[0].errors[0].code).toBe(131047);
	});
	test('a number that is not on WhatsApp (last digit 0 or 5) fails with 131026, templates too', async () => {
		await send({ to: '16505551230', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
		await receiver.waitFor(1);
		expect(failures()[0]).toMatchObject({ status: 'failed', recipient_id: '16505551230', errors: [{ code: 131026, title: 'Message undeliverable' }] });
	});
	test('the failure goes to the number override first; nothing goes out when the app is unsubscribed', async () => {
		const endpoint = await startMetaEndpoint();
		try {
			const set = await graph(`/${pid}`, { method: 'POST', body: { webhook_configuration: { override_callback_uri: endpoint.url, verify_token: 'vt-1' } } });
			expect(set.status).toBe(200);
			await text('16505551234');
			expect(await until(() => endpoint.posts.length === 1)).toBe(true);
			expect(endpoint.posts[0].json.entry[0].changes[0].value.statuses[0].errors[0].code).toBe(131047);
			expect(receiver.received).toHaveLength(0);
			await graph(`/${creds.businessAccountId}/subscribed_apps`, { method: 'DELETE' });
			await text('16505551234');
			await wait(150);
			expect(endpoint.posts).toHaveLength(1);
			expect(sb.state.cloud.deliveries.map((d) => d.url)).toEqual([endpoint.url, null]);
		} finally {
			await endpoint.close();
		}
	});
});

describe('rate limit and faults in Meta\'s form', () => {
	test('over the throughput, sends get 130429 (HTTP 400, no Retry-After)', async () => {
		sb.configure('cloud', { rateLimit: { requestsPerSecond: 2 } });
		const results = [];
		for (let i = 0; i < 3; i++) results.push(await text('16505551234'));
		expect(results.map((r) => r.status)).toEqual([200, 200, 400]);
		const e = expectMetaError(results[2], 400, 130429);
		expect(e).toMatchObject({ message: '(#130429) Rate limit hit', error_data: { messaging_product: 'whatsapp', details: 'Cloud API message throughput has been reached.' }, is_transient: true });
		expect(results[2].headers['retry-after']).toBeUndefined();
		expect(sb.requests('cloud').map((x) => x.status)).toEqual([200, 200, 400]);
	});
	test('rateLimit.status and retryAfterSeconds pick HTTP 429 with Retry-After; other calls get 80007', async () => {
		sb.configure('cloud', { rateLimit: { requestsPerSecond: 1, status: 429, retryAfterSeconds: 1 } });
		await text('16505551234');
		const limited = await text('16505551234');
		expectMetaError(limited, 429, 130429);
		expect(limited.headers['retry-after']).toBe('1');
		sb.reset();
		sb.configure('cloud', { rateLimit: { requestsPerSecond: 1 } });
		await graph(`/${creds.businessAccountId}/message_templates`);
		const read = await graph(`/${creds.businessAccountId}/message_templates`);
		expect(expectMetaError(read, 429, 80007)).toMatchObject({ error_subcode: 2446079, is_transient: true });
	});
	test.each([
		[400, 131047], [400, 131026], [400, 130429], [400, 131056], [429, 80007], [401, 190], [400, 100], [400, 132000], [400, 132001], [400, 131053],
	])('fault {status: %i, code: %i} → Meta\'s envelope with that code', async (status, code) => {
		sb.configure('cloud', { faults: [{ kind: 'status', status, code, path: '/messages' }] });
		const r = await text('16505551234');
		const e = expectMetaError(r, status, code);
		if (code !== 190) expect(e.message).toMatch(new RegExp(`^\\(#${code}\\) `));
		if (code >= 80000) expect(e.error_data.details).toEqual(expect.any(String));
		expect((await text('16505551234')).status).toBe(200);
	});
	test('a fault with only a status gets the status\'s usual code; subcode and details can be given', async () => {
		sb.configure('cloud', { faults: [{ kind: 'status', status: 503, count: 1 }, { kind: 'status', status: 401, count: 1 }, { kind: 'status', status: 400, code: 100, subcode: 33, details: "Param to is invalid", count: 1 }] });
		expect(expectMetaError(await text('16505551234'), 503, 2).is_transient).toBe(true);
		expectMetaError(await text('16505551234'), 401, 190);
		expect(expectMetaError(await text('16505551234'), 400, 100)).toMatchObject({ error_subcode: 33, error_data: { details: 'Param to is invalid' } });
	});
});

test('reset() restores overrides, subscription, media and the window', async () => {
	sb.state.cloud.numberOverrides[pid] = { url: 'https://example.com/h', verifyToken: 'x' };
	sb.state.cloud.subscribed = false;
	sb.state.cloud.lastInbound[pid] = { '16505551234': Date.now() };
	sb.reset();
	expect(sb.state.cloud.numberOverrides).toEqual({});
	expect(sb.state.cloud.subscribed).toBe(true);
	expect(sb.state.cloud.lastInbound).toEqual({});
	expect(sb.knobs.cloud.mediaUrlLifetimeMs).toBe(5 * 60 * 1000);
});
