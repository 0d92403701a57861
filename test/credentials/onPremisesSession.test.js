// @ts-check
// The On-Premises login credential as a node uses it (through httpRequestWithAuthentication in n8n-core's real
// WorkflowExecute): the first request logs in once, the token is reused, and a token the server expired costs
// exactly one new login before the request succeeds; the credential store holds the new token.
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { CredentialProbe } = require('./fixtureNode');

const sb = useSandbox();

const logins = () => sb.requests('onPremises', { method: 'POST', path: '/v1/users/login' }).length;

function probe(credentials, url, input = [{ json: {} }]) {
	return runNode({ nodeType: new CredentialProbe(), parameters: { credentialType: 'whatsAppOnPremisesApi', url }, credentials, input });
}

test('the first request logs in once; every item reuses the token', async () => {
	const r = await probe({ whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi }, `${sb.urls.onPremises}/v1/settings/application`, [{ json: {} }, { json: {} }, { json: {} }]);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(3);
	expect(r.items.every((i) => i.statusCode === 200)).toBe(true);
	expect(logins()).toBe(1);
	const token = r.credentialStore.whatsAppOnPremisesApi.sessionToken;
	const calls = sb.requests('onPremises', { path: '/v1/settings/application' });
	expect(calls).toHaveLength(3);
	expect(calls.every((e) => e.headers.authorization === `Bearer ${token}`)).toBe(true);
});

test('a stored token is used without logging in again', async () => {
	const first = await probe({ whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi }, `${sb.urls.onPremises}/v1/health`);
	const second = await probe(first.credentialStore, `${sb.urls.onPremises}/v1/health`);
	expect(second.error).toBeUndefined();
	expect(logins()).toBe(1);
});

test('an expired token: exactly one re-login, the request succeeds, the store holds the new token', async () => {
	const first = await probe({ whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi }, `${sb.urls.onPremises}/v1/health`);
	const oldToken = first.credentialStore.whatsAppOnPremisesApi.sessionToken;
	expect(logins()).toBe(1);

	sb.expireTokens();
	const second = await probe(first.credentialStore, `${sb.urls.onPremises}/v1/settings/application`);
	expect(second.error).toBeUndefined();
	expect(second.items[0].statusCode).toBe(200);
	expect(logins()).toBe(2);
	const newToken = second.credentialStore.whatsAppOnPremisesApi.sessionToken;
	expect(newToken).not.toBe(oldToken);
	const calls = sb.requests('onPremises', { path: '/v1/settings/application' });
	expect(calls.map((e) => [e.status, e.headers.authorization])).toEqual([
		[401, `Bearer ${oldToken}`],
		[200, `Bearer ${newToken}`],
	]);
	expect(second.credentialsHelper.preAuthentications).toEqual([{ type: 'whatsAppOnPremisesApi', expired: true, testing: false }]);
});

test('a wrong password fails the node with the login reason, after one login attempt', async () => {
	const r = await probe({ whatsAppOnPremisesApi: { ...sb.credentials.whatsAppOnPremisesApi, password: 'Wrong-Secret-123' } }, `${sb.urls.onPremises}/v1/health`);
	expect(r.error).toBeDefined();
	expect(r.error.message).toContain('check the username and password');
	expect(logins()).toBe(1);
	expect(sb.requests('onPremises', { path: '/v1/health' })).toHaveLength(0);
});
