// @ts-check
// The control listener: lets another process (the real-n8n suite, `npm start`) drive the sandbox over HTTP.
//   POST /configure/{provider}  knobs JSON        → the provider's knobs after the merge
//   POST /events/{provider}/{kind}  {url, ...fields} → { status, body } of the delivery
//   GET  /log?provider=&method=&path=            → request log entries
//   POST /reset, POST /expire-tokens, POST /clear-log, GET /state, GET /urls
//   POST /handshake/cloud  {url, verifyToken, challenge?} → Meta's GET verification request and its answer
const http = require('node:http');
const { send } = require('./server');

/** @param {any} sb */
function createControl(sb) {
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			void route(req, Buffer.concat(chunks).toString('utf8'))
				.then((result) => send(res, result))
				.catch((error) => send(res, { status: 400, body: { error: String(error && error.message) } }));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	async function route(req, text) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		const body = text ? JSON.parse(text) : {};
		const key = `${req.method} /${parts[0] ?? ''}`;
		switch (key) {
			case 'POST /configure':
				return { status: 200, body: sb.configure(parts[1], body) };
			case 'POST /events': {
				const result = await sb.sendEvent(parts[1], parts[2], body);
				return { status: 200, body: result };
			}
			case 'GET /log': {
				const provider = url.searchParams.get('provider') ?? undefined;
				const method = url.searchParams.get('method') ?? undefined;
				const path = url.searchParams.get('path') ?? undefined;
				return { status: 200, body: sb.requests(provider, { method, path }) };
			}
			case 'POST /reset':
				sb.reset();
				return { status: 200, body: { ok: true } };
			case 'POST /clear-log':
				sb.clearLog();
				return { status: 200, body: { ok: true } };
			case 'POST /expire-tokens':
				sb.expireTokens();
				return { status: 200, body: { ok: true } };
			case 'GET /state':
				return { status: 200, body: sb.state };
			case 'POST /handshake':
				if (parts[1] !== 'cloud') return { status: 404, body: { error: `no handshake for provider ${parts[1]}` } };
				return { status: 200, body: await sb.cloudHandshake(body) };
			case 'GET /urls':
				return { status: 200, body: { urls: sb.urls, ids: sb.ids, credentials: sb.credentials } };
			default:
				return { status: 404, body: { error: `no control route ${req.method} ${url.pathname}` } };
		}
	}

	return {
		listen(port) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					const addr = server.address();
					resolve(typeof addr === 'object' && addr ? addr.port : port);
				});
			});
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { createControl };
