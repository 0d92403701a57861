// @ts-check
// The On-Premises API key: 12–128 characters (WA_API_KEY rule). Outside that range it is refused with that
// reason before any request; at both limits it is sent as `Authorization: Apikey <key>`.
const { useSandbox } = require('../support/sandbox');
const { runNode, testCredential } = require('../harness');
const { CredentialProbe } = require('./fixtureNode');

const sb = useSandbox();

const creds = (apiKey) => ({ ...sb.credentials.whatsAppOnPremisesApiKeyApi, apiKey });

describe.each([11, 129, 0])('a key of %i characters', (length) => {
	const key = 'k'.repeat(length);
	const reason = `The On-Premises API key must be 12 to 128 characters long (WA_API_KEY rule), but it has ${length}. No request was sent.`;

	test('the credential test shows the reason and sends nothing', async () => {
		const r = await testCredential({ type: 'whatsAppOnPremisesApiKeyApi', data: creds(key) });
		expect(r).toMatchObject({ status: 'Error', message: reason });
		expect(sb.log).toHaveLength(0);
	});

	test('a node request fails with the reason and sends nothing', async () => {
		const r = await runNode({
			nodeType: new CredentialProbe(),
			parameters: { credentialType: 'whatsAppOnPremisesApiKeyApi', url: `${sb.urls.onPremises}/v1/health` },
			credentials: { whatsAppOnPremisesApiKeyApi: creds(key) },
		});
		expect(r.error).toBeDefined();
		expect(r.error.message).toBe(reason);
		expect(sb.log).toHaveLength(0);
	});
});

describe.each([12, 128])('a key of %i characters', (length) => {
	test('is sent as Authorization: Apikey and accepted when it is the server\'s key', async () => {
		const key = `${'a1B2'.repeat(32)}`.slice(0, length);
		sb.state.onPremises.apiKey = key;
		const r = await testCredential({ type: 'whatsAppOnPremisesApiKeyApi', data: creds(key) });
		expect(r).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		const seen = sb.requests('onPremises');
		expect(seen).toHaveLength(1);
		expect(seen[0].path).toBe('/v1/health');
		expect(seen[0].headers.authorization).toBe(`Apikey ${key}`);
	});
});

test('the key opens health only: the sandbox refuses it elsewhere, as the Webapp does', async () => {
	const r = await runNode({
		nodeType: new CredentialProbe(),
		parameters: { credentialType: 'whatsAppOnPremisesApiKeyApi', url: `${sb.urls.onPremises}/v1/settings/application` },
		credentials: { whatsAppOnPremisesApiKeyApi: sb.credentials.whatsAppOnPremisesApiKeyApi },
	});
	expect(r.error).toBeDefined();
	expect(r.error.httpCode).toBe('401');
});
