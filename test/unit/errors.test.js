const { NodeApiError } = require('n8n-workflow');
const { toNodeApiError, generalHint } = require('../../nodes/shared/errors');
const { findAdapter } = require('../../nodes/providers');

/** A failure as the transport builds it: the provider's display name and its hint (the adapter's, else the general one). */
function failure(fields) {
	const adapter = findAdapter(fields.provider);
	const named = { action: 'x', ...fields, providerName: adapter.displayName };
	return { ...named, hint: adapter.hint?.(named) ?? generalHint(named) };
}
const hintFor = (fields) => failure(fields).hint;

const node = { id: '1', name: 'WhatsApp Gateway', type: 'n8n-nodes-whatsapp-gateway.whatsAppGateway', typeVersion: 1, position: [0, 0], parameters: {} };

test('the message names the provider, the action, the item, the HTTP status and the provider code', () => {
	const error = toNodeApiError(
		node,
		failure({ provider: 'onPremises', action: 'send a text message', httpStatus: 400, code: 1013, message: 'User is not valid' }),
		4,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.message).toBe('WhatsApp On-Premises could not send a text message (item 4): User is not valid [HTTP 400, code 1013]');
	expect(error.description).toMatch(/not a valid WhatsApp user/);
	expect(error.httpCode).toBe('400');
	expect(error.context.itemIndex).toBe(4);
});

test.each([
	[{ provider: 'wsapi', httpStatus: 409, message: 'device not paired' }, /pair it by scanning the QR code/],
	[{ provider: 'waapi', httpStatus: 401, message: 'Unauthenticated.' }, /refused the credential/],
	[{ provider: 'onPremises', httpStatus: 200, code: 470, message: 'outside the support window' }, /send a template/],
	[{ provider: 'crisp', httpStatus: 429, message: 'rate limited' }, /Max Requests per Second/],
	[{ provider: 'waapi', httpStatus: null, networkCode: 'ECONNRESET', message: 'reset' }, /Retry Sends That May Duplicate/],
])('hint for %j', (fields, hint) => {
	expect(hintFor(fields)).toMatch(hint);
});

test('a network failure without HTTP status says what happened', () => {
	const error = toNodeApiError(node, failure({ provider: 'waapi', action: 'list instances', httpStatus: null, networkCode: 'ECONNREFUSED', message: 'the connection failed before an answer came' }));
	expect(error.message).toBe('WaAPI could not list instances: the connection failed before an answer came [ECONNREFUSED]');
	expect(error.description).toMatch(/could not be reached/);
});

test('a failure before any request (the credential refused to build it) shows no status tag', () => {
	const error = toNodeApiError(node, failure({ provider: 'onPremises', action: 'check contacts', httpStatus: null, message: 'Login failed (HTTP 401): check the username and password' }), 0);
	expect(error.message).toBe('WhatsApp On-Premises could not check contacts (item 0): Login failed (HTTP 401): check the username and password');
});

test.each([
	[{ provider: 'crisp', httpStatus: 200, unreadable: true, message: 'the answer was not valid JSON' }, /not in the documented form/],
	[{ provider: 'waapi', httpStatus: 200, message: 'incorrect chatId format.' }, /instance is ready/],
	[{ provider: 'wsapi', httpStatus: null, networkCode: 'ETIMEDOUT', message: 'timed out' }, /Checks and reads are retried/],
])('hint for %j', (fields, hint) => {
	expect(hintFor(fields)).toMatch(hint);
});

test('WaAPI: a disconnected instance (HTTP 200, "instance not ready") says to connect it by QR', () => {
	expect(hintFor({ provider: 'waapi', httpStatus: 200, message: 'instance not ready' })).toMatch(/scan the QR code/);
});
