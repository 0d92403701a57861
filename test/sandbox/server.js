// @ts-check
// Shared HTTP plumbing for every fake provider: body parsing, the request log, and the knobs that apply
// before a provider sees a request (latency, rate limit, injected faults). Providers only route and answer.
const http = require('node:http');

/**
 * @typedef {{ provider: string, method: string, path: string, query: Record<string, string | string[]>,
 *   headers: Record<string, string | string[] | undefined>, body: unknown, status: number | null, at: number }} LogEntry
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Reply
 */

/** A string matches the whole path or its end (so tests may leave out a base path); a RegExp is tested. */
function pathMatches(matcher, path) {
	if (matcher === undefined || matcher === null) return true;
	if (matcher instanceof RegExp) return matcher.test(path);
	return path === matcher || path.endsWith(String(matcher));
}

function parseQuery(searchParams) {
	/** @type {Record<string, string | string[]>} */
	const query = {};
	for (const [k, v] of searchParams) {
		const prev = query[k];
		if (prev === undefined) query[k] = v;
		else query[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return query;
}

function parseBody(raw, contentType) {
	if (raw.length === 0) return undefined;
	const text = raw.toString('utf8');
	if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

/**
 * @param {{ provider: string, sandbox: any, handle: (req: any, raw: Buffer) => Reply | Promise<Reply>,
 *   errorBody: (status: number, message: string, fault?: any) => unknown, innerError?: (req: any) => Reply,
 *   rateLimitReply?: (entry: LogEntry, retryAfter: number | null, knobs: any) => Reply }} opts
 *   `handle` also gets the raw body bytes (multipart uploads); `errorBody` gets the fault that fired, if any;
 *   `rateLimitReply` lets a provider answer its rate limit in its own form (status and body).
 */
function createProviderServer({ provider, sandbox, handle, errorBody, innerError, rateLimitReply }) {
	const sockets = new Set();
	/** responses that were told to hang: ended on close() */
	const hanging = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			void serve(req, res, Buffer.concat(chunks)).catch((error) => {
				if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: errorBody(500, String(error && error.message)) });
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	async function serve(req, res, raw) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		/** @type {LogEntry} */
		const entry = {
			provider,
			method: req.method ?? 'GET',
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: { ...req.headers },
			body: parseBody(raw, req.headers['content-type']),
			status: null,
			at: Date.now(),
		};
		sandbox.log.push(entry);
		const knobs = sandbox.knobs[provider];

		if (knobs.latencyMs > 0) await sandbox.delay(knobs.latencyMs);
		if (res.destroyed) return;

		const limited = rateLimited(knobs, entry);
		if (limited) return reply(res, entry, limited);

		const fault = takeFault(knobs, entry.path);
		if (fault) {
			switch (fault.kind) {
				case 'status': {
					/** @type {Record<string, string>} */
					const headers = {};
					if (fault.retryAfterSeconds !== undefined && fault.retryAfterSeconds !== null) headers['retry-after'] = String(fault.retryAfterSeconds);
					return reply(res, entry, { status: fault.status ?? 500, body: errorBody(fault.status ?? 500, http.STATUS_CODES[fault.status ?? 500] ?? 'error', fault), headers });
				}
				case 'reset':
					entry.status = 0;
					req.socket.destroy();
					return;
				case 'hang':
					hanging.add(res);
					res.on('close', () => hanging.delete(res));
					return;
				case 'malformedJson':
					entry.status = 200;
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end('{"data": {"status": "succ');
					return;
				case 'innerError':
					if (innerError) return reply(res, entry, innerError(entry));
					return reply(res, entry, { status: 500, body: errorBody(500, 'Internal Server Error') });
				default:
					break;
			}
		}

		const result = await handle(entry, raw);
		return reply(res, entry, result);
	}

	/** Sliding 1 s window over the requests that were let through; a rejected request is logged but not counted. */
	function rateLimited(knobs, entry) {
		const now = entry.at;
		const rl = knobs.rateLimit;
		if (!rl || !(rl.requestsPerSecond > 0)) return null;
		const window = sandbox.accepted[provider];
		while (window.length > 0 && window[0] <= now - 1000) window.shift();
		if (window.length >= rl.requestsPerSecond) {
			if (rateLimitReply) return rateLimitReply(entry, rl.retryAfterSeconds === undefined ? null : rl.retryAfterSeconds, knobs);
			const retryAfter = rl.retryAfterSeconds === undefined ? 1 : rl.retryAfterSeconds;
			/** @type {Record<string, string>} */
			const headers = {};
			if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
			return { status: 429, body: errorBody(429, 'Too many requests'), headers };
		}
		window.push(now);
		return null;
	}

	function takeFault(knobs, path) {
		for (const fault of knobs.faults) {
			if (fault.remaining > 0 && pathMatches(fault.path, path)) {
				fault.remaining -= 1;
				return fault;
			}
		}
		return null;
	}

	/** @param {Reply} result */
	function reply(res, entry, result) {
		entry.status = result.status;
		if (res.destroyed) return;
		send(res, result);
	}

	return {
		server,
		/** @param {number} port */
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
			for (const res of hanging) res.destroy();
			hanging.clear();
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/** @param {import('node:http').ServerResponse} res @param {Reply} result */
function send(res, result) {
	const headers = { ...(result.headers ?? {}) };
	/** @type {string | Buffer} */
	let payload = '';
	if (result.body === undefined || result.status === 204) {
		payload = '';
	} else if ((typeof result.body === 'string' || Buffer.isBuffer(result.body)) && headers['content-type']) {
		payload = result.body;
	} else {
		headers['content-type'] = 'application/json';
		payload = JSON.stringify(result.body);
	}
	res.writeHead(result.status, headers);
	res.end(payload);
}

/** Reads a header as one string (node lower-cases names). */
function header(entry, name) {
	const v = entry.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

/** Decodes `Basic base64(user:pass)`; null when absent or malformed. */
function basicAuth(entry) {
	const h = header(entry, 'authorization');
	const m = /^Basic\s+(.+)$/i.exec(h ?? '');
	if (!m) return null;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i < 0) return null;
	return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

/** The token of `Authorization: <scheme> <token>` when the scheme matches (case-insensitive). */
function schemeToken(entry, scheme) {
	const h = header(entry, 'authorization');
	const m = new RegExp(`^${scheme}\\s+(.+)$`, 'i').exec(h ?? '');
	return m ? m[1].trim() : null;
}

function isObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

module.exports = { createProviderServer, pathMatches, header, basicAuth, schemeToken, isObject, send };
