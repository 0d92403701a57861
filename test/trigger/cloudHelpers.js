// @ts-check
// Cloud API trigger fixtures: parameters, a signed delivery through the harness's real WebhookContext (the
// bytes Meta sends, signed with the app secret), and a 127.0.0.1 front for one trigger, so the sandbox's own
// GET handshake and deliveries reach the trigger code the way Meta reaches n8n: GET → the `setup` webhook,
// POST → the `default` one, each through triggerWebhook.
const http = require('node:http');
const { triggerWebhook } = require('../harness');
const { serialize, hubSignature } = require('../sandbox/cloudEvents');

const ALL_EVENTS = ['message.received', 'message.sent', 'message.status', 'other'];
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** Trigger parameters for the Cloud API. */
function cloudParams({ pid, events = ALL_EVENTS, options = {}, extra = {} }) {
	return { provider: 'cloud', instanceId: rl(pid), events, options, ...extra };
}

/**
 * Delivers `body` as Meta does: the \u-escaped JSON bytes, `X-Hub-Signature-256` with the app secret.
 * @param {any} sb
 * @param {any} body
 * @param {{ pid?: string, events?: string[], options?: Record<string, any>, extra?: Record<string, any>, staticData?: Record<string, any>,
 *   secret?: string | null, signature?: string, rawBody?: Buffer, headers?: Record<string, string>, credentials?: Record<string, any>, workflowId?: string }} [o]
 */
async function deliverCloud(sb, body, o = {}) {
	const raw = o.rawBody ?? Buffer.from(serialize(body));
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', ...(o.headers ?? {}) };
	const secret = o.secret === undefined ? sb.credentials.whatsAppGatewayCloudApi.appSecret : o.secret;
	if (o.signature !== undefined) headers['x-hub-signature-256'] = o.signature;
	else if (secret) headers['x-hub-signature-256'] = hubSignature(raw, secret);
	return await triggerWebhook({
		parameters: cloudParams({ pid: o.pid ?? sb.ids.cloudPhoneNumberIds[0], events: o.events, options: o.options, extra: o.extra }),
		credentials: o.credentials ?? { whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi },
		staticData: o.staticData ?? {},
		headers,
		rawBody: raw,
		workflowId: o.workflowId,
	});
}

/**
 * A front for one trigger node: `url` is its production URL. Every GET runs the trigger's `setup` webhook and
 * every POST its `default` webhook with the same parameters, credentials, static data and workflow id that
 * activation uses. `calls` records each answer (status, body, items).
 * @param {{ parameters: Record<string, any>, credentials: Record<string, any>, staticData: Record<string, any>, workflowId: string }} trigger
 */
async function startTriggerFront(trigger) {
	/** @type {Array<{ method: string, status: number, body: any, items: any[], ran: boolean }>} */
	const calls = [];
	let url = '';
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const u = new URL(req.url ?? '/', 'http://127.0.0.1');
				const get = req.method === 'GET';
				const r = await triggerWebhook({
					...trigger,
					webhookUrl: url,
					...(get
						? { webhookName: 'setup', method: 'GET', query: Object.fromEntries(u.searchParams) }
						: {
								rawBody: Buffer.concat(chunks),
								headers: Object.fromEntries(
									Object.entries(req.headers).filter(([k]) => ['content-type', 'x-hub-signature-256'].includes(k)).map(([k, v]) => [k, String(v)]),
								),
							}),
				});
				calls.push({ method: req.method ?? '', status: r.status, body: r.body, items: r.items, ran: r.workflowData !== undefined });
				const type = r.headers['content-type'];
				res.writeHead(r.status, type ? { 'content-type': String(type) } : {});
				res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
			})().catch((error) => {
				res.writeHead(500);
				res.end(String(error && error.message));
			});
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	url = `http://127.0.0.1:${address.port}/webhook/${trigger.workflowId}-hook/webhook`;
	return {
		url,
		calls,
		close() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { ALL_EVENTS, rl, cloudParams, deliverCloud, startTriggerFront };
