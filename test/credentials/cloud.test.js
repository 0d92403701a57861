// @ts-check
// The Cloud API credential's test, run like n8n's credential tester against the sandbox: the right token reaches
// the WABA's numbers; a token without WhatsApp permissions, an expired or unknown token, a wrong WABA id and a
// wrong base URL each fail with Meta's code and what to do; a malformed Graph API version is refused before
// any request.
const { startSandbox, demoSecrets } = require('../sandbox');
const { testCredential } = require('../harness');

/** @type {any} */
let sb;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => {
	sb.reset();
	sb.clearLog();
});

const data = (extra = {}) => ({ ...sb.credentials.whatsAppGatewayCloudApi, ...extra });
const test_ = (extra) => testCredential({ type: 'whatsAppGatewayCloudApi', data: data(extra) });

test('right token: OK, GET /{version}/{waba}/phone_numbers with the Bearer token', async () => {
	const r = await test_();
	expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
	const seen = sb.requests('cloud');
	expect(seen.map((e) => `${e.method} ${e.path}`)).toEqual([`GET /v25.0/${sb.ids.cloudWabaId}/phone_numbers`]);
	expect(seen[0].headers.authorization).toBe(`Bearer ${demoSecrets.cloud.accessToken}`);
});

test('defaults: version v25.0 and a trailing slash in the base URL are fine', async () => {
	const { graphApiVersion, ...rest } = sb.credentials.whatsAppGatewayCloudApi;
	expect(graphApiVersion).toBe('v25.0');
	const r = await testCredential({ type: 'whatsAppGatewayCloudApi', data: { ...rest, baseUrl: `${sb.urls.cloud}/` } });
	expect(r.status).toBe('OK');
	expect(sb.requests('cloud')[0].path).toBe(`/v25.0/${sb.ids.cloudWabaId}/phone_numbers`);
});

test('a token without WhatsApp permissions: Meta\'s code 200 and what to grant', async () => {
	const r = await test_({ accessToken: demoSecrets.cloud.noScopeToken });
	expect(r.status).toBe('Error');
	expect(r.message).toMatch(/^Meta: this token may not read the WhatsApp Business Account \(Graph error 200, permission denied\)\./);
	expect(r.message).toMatch(/whatsapp_business_management and whatsapp_business_messaging/);
	expect(sb.requests('cloud')[0].status).toBe(403);
});

test('an unknown or expired token: code 190 and where to generate a new one; the token never in the message', async () => {
	const unknown = await test_({ accessToken: 'EAAG-not-a-token' });
	expect(unknown.status).toBe('Error');
	expect(unknown.message).toMatch(/^Meta: the access token is invalid, expired or revoked \(Graph error 190\)/);
	expect(unknown.message).not.toContain('EAAG-not-a-token');
	sb.expireTokens();
	const expired = await test_();
	expect(expired.message).toMatch(/Graph error 190/);
});

test('a WABA id that is not one: code 100 and which id to use', async () => {
	const r = await test_({ businessAccountId: '123456789' });
	expect(r.status).toBe('Error');
	expect(r.message).toMatch(/^Meta: no WhatsApp Business Account with this ID is visible to the token \(Graph error 100\)/);
});

test('a base URL that is not Graph: the answer is not a phone number list', async () => {
	const r = await test_({ baseUrl: sb.urls.control });
	expect(r.status).toBe('Error');
	expect(r.message).toMatch(/^The answer is not the phone number list of a WhatsApp Business Account/);
});

test.each(['25.0', 'v25', 'latest', ''])('Graph API Version %p: refused before any request, saying how to write it', async (version) => {
	const r = await test_({ graphApiVersion: version });
	expect(r.status).toBe('Error');
	expect(r.message).toMatch(/is not a version: write it like v25\.0/);
	expect(sb.requests('cloud')).toHaveLength(0);
});

test('node errors with a wrong token are free of the token and the app secret', async () => {
	const { runNode } = require('../harness');
	const creds = data({ accessToken: 'EAAG-wrong-cloud-token-314159' });
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'cloud', resource: 'message', operation: 'sendText', instanceId: { __rl: true, mode: 'id', value: sb.ids.cloudPhoneNumberIds[0] }, to: '16505551234', text: 'x' },
		credentials: { whatsAppGatewayCloudApi: creds },
	});
	expect(r.error.message).toMatch(/Invalid OAuth access token .*\[HTTP 401, code 190\]$/);
	const visible = JSON.stringify({ message: r.error.message, description: r.error.description, messages: r.error.messages, context: r.error.context });
	expect(visible).not.toContain('EAAG-wrong-cloud-token-314159');
	expect(visible).not.toContain(creds.appSecret);
});
