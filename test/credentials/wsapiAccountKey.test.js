// @ts-check
// WSAPI: instance calls carry X-Api-Key (instance key) + X-Instance-Id. A request marked
// `X-Gateway-Auth: account` carries the account key instead (customer key hosted, admin key self-hosted),
// no instance header, and the marker never reaches WSAPI.
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { CredentialProbe } = require('./fixtureNode');

const sb = useSandbox();

function probe(credentials, path, headers = {}) {
	return runNode({
		nodeType: new CredentialProbe(),
		parameters: { credentialType: 'wsApiApi', url: `${sb.urls.wsapi}${path}`, headers: JSON.stringify(headers) },
		credentials: { wsApiApi: credentials },
	});
}

test('an instance call sends the instance key and X-Instance-Id', async () => {
	const r = await probe(sb.credentials.wsApiApi, '/session/status');
	expect(r.error).toBeUndefined();
	const [seen] = sb.requests('wsapi');
	expect(seen.headers['x-api-key']).toBe(sb.credentials.wsApiApi.apiKey);
	expect(seen.headers['x-instance-id']).toBe(sb.credentials.wsApiApi.instanceId);
});

test('hosted: the marker switches to the customer key on /account/instances, without instance header or marker', async () => {
	const r = await probe(sb.credentials.wsApiApi, '/account/instances', { 'X-Gateway-Auth': 'account' });
	expect(r.error).toBeUndefined();
	expect(r.items[0].statusCode).toBe(200);
	const [seen] = sb.requests('wsapi');
	expect(seen.path).toBe('/account/instances');
	expect(seen.headers['x-api-key']).toBe(sb.credentials.wsApiApi.accountApiKey);
	expect(seen.headers['x-instance-id']).toBeUndefined();
	expect(seen.headers['x-gateway-auth']).toBeUndefined();
});

test('self-hosted: the marker (any case) sends the admin key on /admin/instances', async () => {
	const r = await probe(sb.credentials.wsApiApiSelfHosted, '/admin/instances', { 'x-gateway-auth': 'Account' });
	expect(r.error).toBeUndefined();
	expect(r.items[0].statusCode).toBe(200);
	const [seen] = sb.requests('wsapi');
	expect(seen.headers['x-api-key']).toBe(sb.credentials.wsApiApiSelfHosted.accountApiKey);
	expect(seen.headers['x-instance-id']).toBeUndefined();
	expect(seen.headers['x-gateway-auth']).toBeUndefined();
});

test('a header the node set for X-Api-Key cannot override the credential', async () => {
	await probe(sb.credentials.wsApiApi, '/session/status', { 'x-api-key': 'from-node', 'X-Instance-Id': 'other' });
	const [seen] = sb.requests('wsapi');
	expect(seen.headers['x-api-key']).toBe(sb.credentials.wsApiApi.apiKey);
	expect(seen.headers['x-instance-id']).toBe(sb.credentials.wsApiApi.instanceId);
});

test.each([
	['hosted', 'wsApiApi', 'your customer API key from the WSAPI dashboard'],
	['selfHosted', 'wsApiApiSelfHosted', 'the admin key (WSAPI_ADMIN_API_KEY)'],
])('%s without an account key: a clear error and no request', async (_deployment, name, where) => {
	const r = await probe({ ...sb.credentials[name], accountApiKey: '' }, '/account/instances', { 'X-Gateway-Auth': 'account' });
	expect(r.error).toBeDefined();
	expect(r.error.message).toBe(`This operation manages instances and needs the Account API Key in the WSAPI credential: set it to ${where}`);
	expect(sb.log).toHaveLength(0);
});
