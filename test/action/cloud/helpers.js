// @ts-check
// Shared pieces of the Cloud API action tests: the node run against the sandbox with the sandbox's credential.
const http = require('node:http');
const { runNode } = require('../../harness');

/** A resource-locator value by id. */
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** @param {any} sb */
function runner(sb) {
	const credentials = () => ({ whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi });
	/** @param {Record<string, any>} parameters @param {Record<string, any>} [extra] */
	return (parameters, extra = {}) =>
		runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'cloud', ...parameters },
			credentials: extra.credentials ?? credentials(),
			...extra,
		});
}

/** Graph paths as the sandbox logs them. */
const graph = (path, version = 'v25.0') => `/${version}${path}`;

/**
 * A webhook endpoint on 127.0.0.1 that answers Meta's GET handshake like a Meta integration: the challenge as
 * text/plain for `verifyToken`, 403 otherwise. Records every GET.
 * @param {{ verifyToken: string }} opts
 */
async function startEndpoint(opts) {
	/** @type {Array<Record<string, string>>} */
	const gets = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		req.resume();
		req.on('end', () => {
			gets.push(Object.fromEntries(url.searchParams));
			if (url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === opts.verifyToken) {
				res.writeHead(200, { 'content-type': 'text/plain' });
				return res.end(url.searchParams.get('hub.challenge'));
			}
			res.writeHead(403);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}/hooks/whatsapp`,
		gets,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { rl, runner, graph, startEndpoint };
