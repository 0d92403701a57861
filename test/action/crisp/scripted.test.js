// @ts-check
// Crisp answers the sandbox does not give: `error: true` under HTTP 200, `data.message` details, and a paging
// cursor that never ends. A stand-in plugin on 127.0.0.1 answers them; the node runs through n8n's engine.
const http = require('node:http');
const { runNode } = require('../../harness');

/** @type {http.Server} */
let server;
let baseUrl = '';
/** @type {{ method: string, url: string, body: any }[]} */
let received = [];
/** @type {(req: { method: string, url: URL, body: any }) => { status: number, body: any }} */
let answer = () => ({ status: 404, body: { error: true, reason: 'not_found', data: {} } });

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const body = text ? JSON.parse(text) : undefined;
			received.push({ method: req.method ?? '', url: req.url ?? '', body });
			const out = answer({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://127.0.0.1'), body });
			res.writeHead(out.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(out.body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/urn:crisp.im:whatsapp:0/wa/api/website/`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(() => resolve(undefined)));
});
beforeEach(() => {
	received = [];
});

const credentials = () => ({ crispWhatsAppApi: { identifier: 'scripted-id', key: 'scripted-key-1', websiteId: 'site-1', baseUrl } });
const SEND = {
	provider: 'crisp',
	resource: 'message',
	operation: 'sendTemplate',
	to: '491512345678',
	templateName: 'hello_world',
	templateLanguage: 'en_US',
	fromNumber: '49301234567',
};

test('error: true under HTTP 200 is an error with Crisp reason and data.message', async () => {
	answer = () => ({ status: 200, body: { error: true, reason: 'number_not_connected', data: { message: 'from_number is not connected to this website' } } });
	const r = await runNode({ nodeType: 'whatsAppGateway', parameters: SEND, credentials: credentials() });
	expect(r.error).toBeDefined();
	expect(r.error.message).toBe(
		'Crisp WhatsApp could not send a template message (item 0): from_number is not connected to this website [HTTP 200, code number_not_connected]',
	);
	expect(received.map((e) => `${e.method} ${e.url}`)).toEqual(['POST /urn:crisp.im:whatsapp:0/wa/api/website/site-1/template/send']);
});

test('an HTTP 400 envelope with data.message: the message is Crisp own', async () => {
	answer = () => ({ status: 400, body: { error: true, reason: 'invalid_data', data: { message: 'to_number must be a phone number' } } });
	const r = await runNode({ nodeType: 'whatsAppGateway', parameters: SEND, credentials: credentials(), continueOnFail: true });
	expect(r.items).toEqual([
		expect.objectContaining({
			error: 'Crisp WhatsApp could not send a template message (item 0): to_number must be a phone number [HTTP 400, code invalid_data]',
			httpStatus: 400,
			code: 'invalid_data',
		}),
	]);
});

test('an accepted answer without a request id is a clear shape error, not a crash', async () => {
	answer = () => ({ status: 200, body: { error: false, reason: 'request_accepted', data: {} } });
	const r = await runNode({ nodeType: 'whatsAppGateway', parameters: SEND, credentials: credentials() });
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/the answer had an unexpected shape \(data\.request_id: Required\)/);
});

test('a paging cursor that comes back twice stops the listing with a clear error', async () => {
	answer = ({ url }) => ({
		status: 200,
		body: { error: false, reason: 'listed', data: { templates: [{ name: `t_${url.searchParams.get('after') ?? 'first'}`, language: 'en_US' }], paging_next: 'same-cursor' } },
	});
	const r = await runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'crisp', resource: 'template', operation: 'list' }, credentials: credentials() });
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/the paging cursor "same-cursor" came back twice/);
	expect(received).toHaveLength(2);
});

test('paging stops after 100 pages with a clear error (bounded)', async () => {
	answer = ({ url }) => {
		const page = Number(url.searchParams.get('after') ?? '0');
		return { status: 200, body: { error: false, reason: 'listed', data: { templates: [{ name: `t_${page}` }], paging_next: String(page + 1) } } };
	};
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'crisp', resource: 'template', operation: 'list', options: { maxRequestsPerSecond: 1000 } },
		credentials: credentials(),
	});
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/more than 100 pages of 20 templates; stopped there/);
	expect(received).toHaveLength(100);
	expect(received[0].url).toBe('/urn:crisp.im:whatsapp:0/wa/api/website/site-1/templates?limit=20&filter_approved=1');
	expect(received[1].url).toBe('/urn:crisp.im:whatsapp:0/wa/api/website/site-1/templates?limit=20&filter_approved=1&after=1');
});

test('templates with missing optional fields map to nulls and an empty component list', async () => {
	answer = () => ({ status: 200, body: { error: false, reason: 'listed', data: { templates: [{ id: 7, name: 'bare' }], paging_next: null } } });
	const r = await runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'crisp', resource: 'template', operation: 'list' }, credentials: credentials() });
	expect(r.error).toBeUndefined();
	expect(r.items).toEqual([{ provider: 'crisp', id: '7', name: 'bare', language: null, category: null, status: null, components: [] }]);
});
