// @ts-check
// Each credential's `test` request, run like n8n's credential tester, against the sandbox: right secrets pass,
// wrong ones fail with the credential's own message, and the sandbox saw the documented request.
const { useSandbox } = require('../support/sandbox');
const { testCredential } = require('../harness');

const sb = useSandbox();

const header = (entry, name) => entry.headers[name.toLowerCase()];
const basic = (user, pass) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('waApiApi', () => {
	test('right token: OK, GET /instances with the Bearer token', async () => {
		const r = await testCredential({ type: 'waApiApi', data: sb.credentials.waApiApi });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('waapi');
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe('GET');
		expect(seen[0].path).toBe('/api/v1/instances');
		expect(header(seen[0], 'authorization')).toBe(`Bearer ${sb.credentials.waApiApi.apiToken}`);
	});

	test('a trailing slash in the base URL is tolerated', async () => {
		const r = await testCredential({ type: 'waApiApi', data: { ...sb.credentials.waApiApi, baseUrl: `${sb.urls.waapi}/` } });
		expect(r.status).toBe('OK');
		expect(sb.requests('waapi')[0].path).toBe('/api/v1/instances');
	});

	test('wrong token: the credential says where to create one', async () => {
		const r = await testCredential({ type: 'waApiApi', data: { ...sb.credentials.waApiApi, apiToken: 'not-the-token' } });
		expect(r.status).toBe('Error');
		expect(r.message).toBe('WaAPI refused the API token. Create one at https://waapi.app/user/api-tokens and paste it here.');
		expect(header(sb.requests('waapi')[0], 'authorization')).toBe('Bearer not-the-token');
	});
});

describe('whatsAppOnPremisesApi', () => {
	test('right user and password: n8n logs in (Basic) then GET /v1/health with the Bearer token', async () => {
		const creds = sb.credentials.whatsAppOnPremisesApi;
		const r = await testCredential({ type: 'whatsAppOnPremisesApi', data: creds });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('onPremises');
		expect(seen.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /v1/users/login', 'GET /v1/health']);
		expect(header(seen[0], 'authorization')).toBe(basic(creds.username, creds.password));
		const token = r.credentialStore.whatsAppOnPremisesApi.sessionToken;
		expect(typeof token).toBe('string');
		expect(token.length).toBeGreaterThan(0);
		expect(header(seen[1], 'authorization')).toBe(`Bearer ${token}`);
	});

	test('a base URL given with /v1 or a trailing slash still reaches /v1/…', async () => {
		for (const suffix of ['/', '/v1', '/v1/']) {
			sb.clearLog();
			const creds = { ...sb.credentials.whatsAppOnPremisesApi, baseUrl: `${sb.urls.onPremises}${suffix}` };
			const r = await testCredential({ type: 'whatsAppOnPremisesApi', data: creds });
			expect(r.status).toBe('OK');
			expect(sb.requests('onPremises').map((e) => e.path)).toEqual(['/v1/users/login', '/v1/health']);
		}
	});

	test('wrong password: one login attempt, a clear message without the password', async () => {
		const creds = { ...sb.credentials.whatsAppOnPremisesApi, password: 'wrong-Passw0rd-xyz' };
		const r = await testCredential({ type: 'whatsAppOnPremisesApi', data: creds });
		expect(r.status).toBe('Error');
		expect(r.message).toBe(
			`Login to the WhatsApp On-Premises API at ${sb.urls.onPremises}/v1/users/login failed (HTTP 401): check the username and password`,
		);
		expect(r.message).not.toContain('wrong-Passw0rd-xyz');
		expect(sb.requests('onPremises').map((e) => e.path)).toEqual(['/v1/users/login']);
	});

	test('a login answer that is not {users:[{token}]} is named, not a crash', async () => {
		sb.configure('onPremises', { faults: [{ kind: 'malformedJson', count: 1, path: '/v1/users/login' }] });
		const r = await testCredential({ type: 'whatsAppOnPremisesApi', data: sb.credentials.whatsAppOnPremisesApi });
		expect(r.status).toBe('Error');
		expect(r.message).toMatch(/^The login answer of the WhatsApp On-Premises API has an unexpected shape \(.+\); expected \{"users":\[\{"token":"…"\}\]\}$/);
		expect(sb.requests('onPremises').map((e) => e.path)).toEqual(['/v1/users/login']);
	});

	test('an unreachable server says so and hints at the base URL', async () => {
		const creds = { ...sb.credentials.whatsAppOnPremisesApi, baseUrl: 'http://127.0.0.1:1' };
		const r = await testCredential({ type: 'whatsAppOnPremisesApi', data: creds });
		expect(r.status).toBe('Error');
		expect(r.message).toBe(
			'Could not reach the WhatsApp On-Premises API at http://127.0.0.1:1/v1/users/login: the connection was refused. Check the base URL; for a self-signed certificate turn on "Ignore SSL Issues".',
		);
	});
});

describe('whatsAppOnPremisesApiKeyApi', () => {
	test('right key: OK, GET /v1/health with Authorization: Apikey, no login', async () => {
		const creds = sb.credentials.whatsAppOnPremisesApiKeyApi;
		const r = await testCredential({ type: 'whatsAppOnPremisesApiKeyApi', data: creds });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('onPremises');
		expect(seen.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v1/health']);
		expect(header(seen[0], 'authorization')).toBe(`Apikey ${creds.apiKey}`);
	});

	test('wrong key of a valid length: the request is sent and the credential explains WA_API_KEY', async () => {
		const r = await testCredential({ type: 'whatsAppOnPremisesApiKeyApi', data: { ...sb.credentials.whatsAppOnPremisesApiKeyApi, apiKey: 'w'.repeat(20) } });
		expect(r.status).toBe('Error');
		expect(r.message).toBe(
			'The Webapp refused the API key. It must equal WA_API_KEY of the waweb container, and the Webapp must have been restarted after it was set.',
		);
		// n8n-core re-authenticates and resends once after any 401, whatever the credential type.
		const seen = sb.requests('onPremises');
		expect(seen.map((e) => e.path)).toEqual(['/v1/health', '/v1/health']);
		expect(seen.every((e) => header(e, 'authorization') === `Apikey ${'w'.repeat(20)}`)).toBe(true);
	});
});

describe('wsApiApi', () => {
	test('right key: OK, GET /session/status with X-Api-Key and X-Instance-Id', async () => {
		const creds = sb.credentials.wsApiApi;
		const r = await testCredential({ type: 'wsApiApi', data: creds });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('wsapi');
		expect(seen.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /session/status']);
		expect(header(seen[0], 'x-api-key')).toBe(creds.apiKey);
		expect(header(seen[0], 'x-instance-id')).toBe(creds.instanceId);
		expect(header(seen[0], 'x-gateway-auth')).toBeUndefined();
	});

	test('wrong key: the credential names key and instance', async () => {
		const r = await testCredential({ type: 'wsApiApi', data: { ...sb.credentials.wsApiApi, apiKey: 'nope' } });
		expect(r).toMatchObject({ status: 'Error', message: 'WSAPI refused the API key for this instance. Check the API key and the instance ID.' });
	});

	test('no instance id: WSAPI answers 400 and the credential says to fill it in', async () => {
		const r = await testCredential({ type: 'wsApiApi', data: { ...sb.credentials.wsApiApi, instanceId: '' } });
		expect(r).toMatchObject({ status: 'Error', message: 'WSAPI needs an instance ID (X-Instance-Id). Fill in the Instance ID field.' });
	});

	test('the self-hosted variant tests the same way', async () => {
		const r = await testCredential({ type: 'wsApiApi', data: sb.credentials.wsApiApiSelfHosted });
		expect(r.status).toBe('OK');
	});
});

describe('crispWhatsAppApi', () => {
	test('right pair: OK, GET {baseUrl}/{websiteId}/templates?limit=1 with Basic identifier:key', async () => {
		const creds = sb.credentials.crispWhatsAppApi;
		const r = await testCredential({ type: 'crispWhatsAppApi', data: creds });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('crisp');
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe('GET');
		expect(seen[0].path).toBe(`/urn:crisp.im:whatsapp:0/wa/api/website/${creds.websiteId}/templates`);
		expect(seen[0].query).toMatchObject({ limit: '1' });
		expect(header(seen[0], 'authorization')).toBe(basic(creds.identifier, creds.key));
	});

	test('wrong key: the credential says where the token pair comes from', async () => {
		const r = await testCredential({ type: 'crispWhatsAppApi', data: { ...sb.credentials.crispWhatsAppApi, key: 'bad-key' } });
		expect(r).toMatchObject({
			status: 'Error',
			message: 'Crisp refused the identifier and key. Generate a token pair in Crisp: Plugins → WhatsApp → API Tokens (website owners only).',
		});
	});
});
