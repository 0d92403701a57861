// @ts-check
// Test-side helpers for the sandbox self-tests: a plain undici client and a local webhook receiver.
const http = require('node:http');
const { request, Agent } = require('undici');

// One dispatcher per test file so closing it never disturbs another suite's connections.
const agent = new Agent({ keepAliveTimeout: 1000 });

/**
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown, signal?: AbortSignal }} [opts]
 */
async function call(url, opts = {}) {
	const { method = 'GET', headers = {}, body, signal } = opts;
	const hasBody = body !== undefined;
	const res = await request(url, {
		method,
		dispatcher: agent,
		headers: hasBody ? { 'content-type': 'application/json', ...headers } : headers,
		body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
		signal,
	});
	const text = await res.body.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, json };
}

const basic = (user, pass) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

/** A local endpoint that records every POST it receives (raw body kept for signature checks). */
async function startReceiver(status = 200) {
	/** @type {{ headers: import('node:http').IncomingHttpHeaders, raw: Buffer, json: any, url: string }[]} */
	const received = [];
	const waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let json;
			try {
				json = JSON.parse(raw.toString('utf8'));
			} catch {
				json = undefined;
			}
			received.push({ headers: req.headers, raw, json, url: req.url ?? '/' });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
			for (const w of waiters.splice(0)) w();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : 0;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		/** Resolves once `n` requests arrived; rejects after `timeoutMs` so no test waits forever. */
		waitFor(n, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const started = Date.now();
				const check = () => {
					if (received.length >= n) return resolve(received);
					if (Date.now() - started > timeoutMs) return reject(new Error(`receiver got ${received.length}/${n} requests`));
					waiters.push(check);
					setTimeout(check, 50).unref();
				};
				check();
			});
		},
		close() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

async function closeClient() {
	await agent.close();
}

module.exports = { call, basic, startReceiver, closeClient };
