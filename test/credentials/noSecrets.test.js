// @ts-check
// No secret appears in any error the credentials produce: credential-test messages and node errors
// (message, description, messages, context) for wrong passwords, keys out of range, missing account keys,
// unreachable servers and refused secrets.
const { useSandbox } = require('../support/sandbox');
const { runNode, testCredential } = require('../harness');
const { CredentialProbe } = require('./fixtureNode');

const sb = useSandbox();

const SECRET_FIELDS = ['apiToken', 'password', 'apiKey', 'accountApiKey', 'webhookSigningSecret', 'key', 'sessionToken'];

function secretsOf(data) {
	return SECRET_FIELDS.map((f) => data[f]).filter((v) => typeof v === 'string' && v.length >= 4);
}

function visibleText(error) {
	return JSON.stringify({ message: error.message, description: error.description, messages: error.messages, context: error.context });
}

/** Wrong-but-plausible secrets per type, plus the request a node would make. */
function scenarios() {
	const u = sb.urls;
	const c = sb.credentials;
	return [
		['waApiApi', { ...c.waApiApi, apiToken: 'waapi-WRONG-token-123456' }, `${u.waapi}/instances`, {}],
		['whatsAppOnPremisesApi', { ...c.whatsAppOnPremisesApi, password: 'Wrong-OnPrem-Passw0rd' }, `${u.onPremises}/v1/health`, {}],
		['whatsAppOnPremisesApi', { ...c.whatsAppOnPremisesApi, password: 'Unreachable-Passw0rd', baseUrl: 'http://127.0.0.1:1' }, 'http://127.0.0.1:1/v1/health', {}],
		['whatsAppOnPremisesApiKeyApi', { ...c.whatsAppOnPremisesApiKeyApi, apiKey: 'short-key' }, `${u.onPremises}/v1/health`, {}],
		['whatsAppOnPremisesApiKeyApi', { ...c.whatsAppOnPremisesApiKeyApi, apiKey: 'x'.repeat(129) }, `${u.onPremises}/v1/health`, {}],
		['whatsAppOnPremisesApiKeyApi', { ...c.whatsAppOnPremisesApiKeyApi, apiKey: 'wrong-but-long-enough-key' }, `${u.onPremises}/v1/health`, {}],
		['wsApiApi', { ...c.wsApiApi, apiKey: 'wsapi-WRONG-instance-key' }, `${u.wsapi}/session/status`, {}],
		['wsApiApi', { ...c.wsApiApi, accountApiKey: '' }, `${u.wsapi}/account/instances`, { 'X-Gateway-Auth': 'account' }],
		['wsApiApi', { ...c.wsApiApi, accountApiKey: 'wsapi-WRONG-customer-key' }, `${u.wsapi}/account/instances`, { 'X-Gateway-Auth': 'account' }],
		['crispWhatsAppApi', { ...c.crispWhatsAppApi, key: 'crisp-WRONG-key-98765' }, `${u.crisp}/${c.crispWhatsAppApi.websiteId}/templates`, {}],
	];
}

test('credential tests: every failure message is free of the secrets', async () => {
	for (const [type, data, , headers] of scenarios()) {
		const r = await testCredential({ type, data });
		// The account-key scenarios are node-only: the credential test uses the instance key.
		expect(r.status).toBe(Object.keys(headers).length ? 'OK' : 'Error');
		for (const secret of secretsOf(data)) expect(r.message).not.toContain(secret);
	}
});

test('node errors: message, description, messages and context are free of the secrets', async () => {
	for (const [type, data, url, headers] of scenarios()) {
		const r = await runNode({
			nodeType: new CredentialProbe(),
			parameters: { credentialType: type, url, headers: JSON.stringify(headers) },
			credentials: { [type]: data },
		});
		expect(r.error).toBeDefined();
		const text = visibleText(r.error);
		for (const secret of secretsOf(data)) expect(text).not.toContain(secret);
	}
});
