// @ts-check
// triggerWebhook: a real HTTP POST (undici) to a throwaway node:http server on 127.0.0.1 whose handler does
// what n8n's webhook route does: read rawBody, parse the body like n8n's body parser (unparsable JSON → 422,
// the trigger never runs; from typeVersion 1.1 a content type n8n does not know is left unread, with
// `req.readRawBody()` to read it, as n8n 2.41's parseRequestBody does), give the real req/res (with the express methods nodes use) to n8n-core's
// WebhookContext, run the trigger's webhook(), and answer like n8n for responseMode 'onReceived'.
const http = require('node:http');
const querystring = require('node:querystring');
const { WebhookContext } = require('n8n-core');
const { request } = require('undici');

const { setUpTrigger } = require('./triggerSetup');

/** The express Response methods a node may call on getResponseObject(). */
function expressify(req, res) {
	res.status = function status(code) {
		res.statusCode = code;
		return res;
	};
	res.set = res.header = function set(name, value) {
		if (typeof name === 'object') for (const [k, v] of Object.entries(name)) res.setHeader(k, v);
		else res.setHeader(name, value);
		return res;
	};
	res.type = function type(value) {
		res.setHeader('content-type', value.includes('/') ? value : value === 'json' ? 'application/json' : `text/${value}`);
		return res;
	};
	res.json = function json(value) {
		if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(value));
		return res;
	};
	res.send = function send(value) {
		if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return res.json(value);
		if (typeof value === 'string' && !res.getHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(value === undefined ? undefined : value);
		return res;
	};
	res.sendStatus = function sendStatus(code) {
		res.statusCode = code;
		res.end(http.STATUS_CODES[code] ?? String(code));
		return res;
	};
	req.get = req.header = function get(name) {
		return req.headers[String(name).toLowerCase()];
	};
}

/** n8n's parseBody: by content type; a parse failure is n8n's 422 "Failed to parse request body". */
function parseBody(req) {
	const [type, ...params] = String(req.headers['content-type'] ?? '').split(';');
	const contentType = type.trim().toLowerCase();
	const charset = params.map((p) => p.trim().split('=')).find(([k]) => k?.toLowerCase() === 'charset')?.[1];
	const encoding = /** @type {BufferEncoding} */ ((charset ?? 'utf-8').toLowerCase());
	req.contentType = contentType;
	req.encoding = encoding;
	const raw = req.rawBody;
	if (raw?.length) {
		if (contentType === 'application/json') req.body = JSON.parse(raw.toString(encoding));
		else if (contentType === 'application/x-www-form-urlencoded') req.body = querystring.parse(raw.toString(encoding));
		else if (contentType === 'text/plain') req.body = raw.toString(encoding);
	}
	if (!req.body) req.body = {};
}

/** The content types n8n 2.41 reads and parses for a trigger above typeVersion 1 (isParsableContentType). */
function parsable(contentType) {
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

function respond(res, code, data) {
	if (res.writableEnded || res.headersSent) return;
	res.statusCode = code;
	res.setHeader('content-type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(data));
}

/**
 * @param {{ nodeType?: string | object, parameters?: Record<string, any>, credentials?: Record<string, any>,
 *   staticData?: Record<string, any>, headers?: Record<string, string>, query?: Record<string, any>,
 *   body?: any, rawBody?: Buffer | string, method?: string, webhookUrl?: string, webhookName?: string,
 *   credentialsHelper?: any }} options
 */
async function triggerWebhook(options) {
	const setup = setUpTrigger({ ...options, mode: 'webhook' });
	/** @type {{ webhookResult?: any, error?: any, ran: boolean, rejected?: string, unterminated?: boolean, done?: Promise<void> }} */
	const outcome = { ran: false };

	const handle = async (req, res) => {
		req.readRawBody = async () => {
			if (req.rawBody) return;
			const chunks = [];
			for await (const chunk of req) chunks.push(chunk);
			req.rawBody = Buffer.concat(chunks);
		};
		const contentType = String(req.headers['content-type'] ?? '');
		if (setup.node.typeVersion === 1 || parsable(contentType)) await req.readRawBody();
		req._body = true;
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		req.query = querystring.parse(url.search.slice(1));
		req.params = {};
		expressify(req, res);
		try {
			parseBody(req);
		} catch (error) {
			outcome.rejected = error.message;
			return respond(res, 422, { code: 422, message: 'Failed to parse request body', hint: error.message });
		}
		setup.additionalData.httpRequest = req;
		setup.additionalData.httpResponse = res;
		const context = new WebhookContext(setup.workflow, setup.node, setup.additionalData, 'webhook', /** @type {any} */ (setup.webhookData), [], null);
		const description = setup.webhookDescription;
		const responseCode = Number(description.responseCode ?? 200) || 200;
		let result;
		try {
			outcome.ran = true;
			result = await setup.nodeType.webhook.call(context);
			outcome.webhookResult = result;
		} catch (error) {
			outcome.error = error;
			return respond(res, 500, { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		if (result?.noWebhookResponse === true) {
			// The node answered itself; n8n adds nothing. A node that forgot to end would hang the caller.
			if (!res.writableEnded) {
				outcome.unterminated = true;
				res.end();
			}
			return;
		}
		if (result?.workflowData !== undefined) {
			return respond(res, responseCode, result.webhookResponse ?? { message: 'Workflow was started' });
		}
		return respond(res, responseCode, result?.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
	};

	const server = http.createServer((req, res) => {
		// A node that answers the caller itself may still be working (n8n starts the run when webhook() returns).
		outcome.done = handle(req, res).catch((error) => {
			outcome.error = error;
			respond(res, 500, { code: 0, message: String(error?.message ?? error) });
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	try {
		const address = /** @type {import('node:net').AddressInfo} */ (server.address());
		const search = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
		const url = `http://127.0.0.1:${address.port}/webhook/${setup.webhookData.path}${search}`;
		/** @type {Record<string, string>} */
		const headers = { ...(options.headers ?? {}) };
		const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
		let payload;
		if (options.rawBody !== undefined) payload = options.rawBody;
		else if (options.body !== undefined) {
			payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
			if (!hasContentType) headers['content-type'] = 'application/json';
		}
		const started = performance.now();
		const answer = await request(url, {
			method: /** @type {any} */ (options.method ?? setup.webhookData.httpMethod),
			headers,
			body: payload,
			headersTimeout: 30_000,
			bodyTimeout: 30_000,
		});
		const text = await answer.body.text();
		const answerMs = performance.now() - started;
		await outcome.done;
		const runStartMs = performance.now() - started;
		let body = text;
		try {
			body = text ? JSON.parse(text) : text;
		} catch {
			// not JSON: keep the text
		}
		const workflowData = outcome.webhookResult?.workflowData;
		return {
			status: answer.statusCode,
			headers: answer.headers,
			/** how long the caller waited for the answer, and until the run would start */
			answerMs,
			runStartMs,
			body,
			items: (workflowData?.[0] ?? []).map((item) => item.json),
			workflowData,
			noWebhookResponse: outcome.webhookResult?.noWebhookResponse === true,
			webhookResponse: outcome.webhookResult?.webhookResponse,
			ran: outcome.ran,
			rejected: outcome.rejected,
			unterminated: outcome.unterminated === true,
			error: outcome.error,
			staticData: setup.staticData,
			credentialStore: setup.store,
			webhookUrl: `${setup.additionalData.webhookBaseUrl}/${setup.webhookData.path}`,
		};
	} finally {
		await new Promise((resolve) => server.close(() => resolve(undefined)));
	}
}

module.exports = { triggerWebhook };
