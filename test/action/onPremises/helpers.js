// @ts-check
// Shared by the On-Premises action tests: one way to run the node against the sandbox.
const { runNode } = require('../../harness');

/** Base64 of `user:pass`, as a Basic header carries it. */
function basic(user, pass) {
	return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/**
 * Runs the WhatsApp Gateway node with provider On-Premises.
 * @param {any} sb the sandbox
 * @param {Record<string, any>} parameters resource/operation/… (provider and authentication are added)
 * @param {{ input?: any[], continueOnFail?: boolean, apiKey?: boolean, credentials?: Record<string, any>, credentialsHelper?: any }} [opts]
 */
async function runOnPrem(sb, parameters, opts = {}) {
	const type = opts.apiKey ? 'whatsAppOnPremisesApiKeyApi' : 'whatsAppOnPremisesApi';
	return await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: opts.apiKey ? 'apiKey' : 'login', ...parameters },
		credentials: opts.credentialsHelper ? undefined : { [type]: { ...sb.credentials[type], ...(opts.credentials ?? {}) } },
		credentialsHelper: opts.credentialsHelper,
		input: opts.input,
		continueOnFail: opts.continueOnFail,
	});
}

/** The Authorization header a logged request carried. */
function authOf(entry) {
	const h = entry.headers.authorization;
	return Array.isArray(h) ? h[0] : h;
}

module.exports = { basic, runOnPrem, authOf };
