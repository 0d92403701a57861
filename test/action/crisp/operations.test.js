// @ts-check
// Crisp operations of the WhatsApp Gateway node, run by n8n's engine against the sandbox over HTTP:
// template list (all pages), the template picker, template send (accepted + request id) and its errors.
const http = require('node:http');
const { useSandbox } = require('../../support/sandbox');
const { runNode, runLoadOptions } = require('../../harness');

const sb = useSandbox();

const basic = () => `Basic ${Buffer.from(`${sb.credentials.crispWhatsAppApi.identifier}:${sb.credentials.crispWhatsAppApi.key}`).toString('base64')}`;
const websitePath = (rest) => `/urn:crisp.im:whatsapp:0/wa/api/website/${sb.ids.crispWebsiteId}${rest}`;

async function runCrisp(parameters, opts = {}) {
	return await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'crisp', ...parameters },
		credentials: { crispWhatsAppApi: { ...sb.credentials.crispWhatsAppApi, ...(opts.credentials ?? {}) } },
		input: opts.input,
		continueOnFail: opts.continueOnFail,
	});
}

function expectNoSecrets(r) {
	const text = JSON.stringify({ items: r.items, error: r.error && { message: r.error.message, description: r.error.description } });
	expect(text).not.toContain(sb.credentials.crispWhatsAppApi.key);
	expect(text).not.toContain(basic().slice(6));
}

const SEND = {
	resource: 'message',
	operation: 'sendTemplate',
	to: '+49 151 2345678',
	templateName: 'order_confirmation',
	templateLanguage: 'en_US',
	fromNumber: '+49 30 1234567',
	bodyParameters: { parameters: [{ text: 'A-1001' }, { text: '42 EUR' }] },
};

describe('template.list (GET /{websiteId}/templates, all pages)', () => {
	test('the 45 approved templates over 3 pages of 20, following paging_next', async () => {
		const r = await runCrisp({ resource: 'template', operation: 'list' });
		expect(r.error).toBeUndefined();
		// Only approved templates can be sent: the list asks for those (filter_approved=1).
		const all = sb.state.crisp.templates.filter((t) => t.status === 'APPROVED');
		expect(r.items).toHaveLength(all.length);
		expect(r.items).toEqual(
			all.map((t) => ({
				provider: 'crisp',
				id: t.id,
				name: t.name,
				language: t.language,
				category: t.category,
				status: t.status,
				components: t.components,
			})),
		);
		expect(r.output.every((o) => o.pairedItem.item === 0)).toBe(true);

		const calls = sb.requests('crisp', { path: websitePath('/templates') });
		expect(calls).toHaveLength(3);
		for (const call of calls) {
			expect(call.method).toBe('GET');
			expect(call.headers.authorization).toBe(basic());
			expect(call.status).toBe(200);
		}
		expect(calls[0].query).toEqual({ limit: '20', filter_approved: '1' });
		expect(calls[1].query).toEqual({ limit: '20', filter_approved: '1', after: expect.any(String) });
		expect(calls[2].query).toEqual({ limit: '20', filter_approved: '1', after: expect.any(String) });
		expect(calls[1].query.after).not.toBe(calls[2].query.after);
		expectNoSecrets(r);
	});

	test('includeRaw keeps each template as Crisp sent it (quality score included)', async () => {
		const r = await runCrisp({ resource: 'template', operation: 'list', options: { includeRaw: true } });
		expect(r.items[0].raw).toEqual(sb.state.crisp.templates[0]);
		expect(r.items[0].raw.quality_score).toEqual({ score: 'GREEN' });
	});

	test('a wrong key: HTTP 401 with Crisp reason and the credential hint', async () => {
		const r = await runCrisp({ resource: 'template', operation: 'list' }, { credentials: { key: 'not-the-key' } });
		expect(r.error).toBeDefined();
		expect(r.error.message).toBe('Crisp WhatsApp could not list the message templates (item 0): invalid_session [HTTP 401]');
		expect(r.error.description).toMatch(/refused the credential/);
		expect(r.error.message).not.toContain('not-the-key');
	});

	test('a wrong website id: HTTP 403 not_allowed', async () => {
		const r = await runCrisp({ resource: 'template', operation: 'list' }, { credentials: { websiteId: 'other-website' } });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/not_allowed \[HTTP 403\]/);
		expect(sb.requests('crisp')[0].path).toBe('/urn:crisp.im:whatsapp:0/wa/api/website/other-website/templates');
	});

	test('a page that fails with 503 is retried (a read) and the list completes', async () => {
		sb.configure('crisp', { faults: [{ kind: 'status', status: 503, count: 1, path: /\/templates$/, retryAfterSeconds: 0 }] });
		const r = await runCrisp({ resource: 'template', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(45);
		expect(sb.requests('crisp', { path: /\/templates$/ }).map((e) => e.status)).toEqual([503, 200, 200, 200]);
	});
});

describe('template picker (loadOptions over every page)', () => {
	test('getTemplates lists every template name with its languages', async () => {
		const options = await runLoadOptions({
			nodeType: 'whatsAppGateway',
			method: 'getTemplates',
			parameters: { provider: 'crisp', resource: 'message', operation: 'sendTemplate' },
			credentials: { crispWhatsAppApi: sb.credentials.crispWhatsAppApi },
		});
		const names = [...new Set(sb.state.crisp.templates.filter((t) => t.status === 'APPROVED').map((t) => t.name))];
		expect(options).toHaveLength(names.length);
		const hello = options.find((o) => o.value === 'hello_world');
		expect(hello.name).toBe('hello_world (en_US)');
		const last = sb.state.crisp.templates.find((t) => t.name === 'demo_template_42');
		expect(options.find((o) => o.value === 'demo_template_42').name).toBe(`demo_template_42 (${last.language})`);
		// Templates on page 3 are there too.
		expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['demo_template_45']));
		// A template that is not approved cannot be sent: it is not offered.
		expect(options.map((o) => o.value)).not.toContain('paused_reminder');
		expect(sb.requests('crisp', { path: /\/templates$/ })).toHaveLength(3);
	});

	test('getTemplateLanguages follows the chosen template', async () => {
		const options = await runLoadOptions({
			nodeType: 'whatsAppGateway',
			method: 'getTemplateLanguages',
			parameters: { provider: 'crisp', resource: 'message', operation: 'sendTemplate', templateName: 'demo_template_07' },
			credentials: { crispWhatsAppApi: sb.credentials.crispWhatsAppApi },
		});
		const t = sb.state.crisp.templates.find((x) => x.name === 'demo_template_07');
		expect(options).toEqual([{ name: t.language, value: t.language }]);
	});
});

describe('message.sendTemplate (POST /{websiteId}/template/send)', () => {
	/** @type {http.Server} */
	let receiver;
	/** @type {any[]} */
	let callbacks = [];
	let callbackUrl = '';
	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				callbacks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
				res.writeHead(200).end();
			});
		});
		await new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(undefined)));
		const address = receiver.address();
		callbackUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/callback`;
	});
	afterAll(async () => {
		await new Promise((resolve) => receiver.close(() => resolve(undefined)));
	});
	beforeEach(() => {
		callbacks = [];
	});

	test('accepted with a request id; the sandbox received exactly the documented body', async () => {
		const r = await runCrisp(SEND);
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		const [item] = r.items;
		expect(item).toEqual({ provider: 'crisp', to: '491512345678', status: 'accepted', messageId: null, requestId: expect.any(String) });
		expect(sb.state.crisp.requests.map((q) => q.request_id)).toEqual([item.requestId]);

		const sends = sb.requests('crisp', { path: websitePath('/template/send') });
		expect(sends).toHaveLength(1);
		expect(sends[0].method).toBe('POST');
		expect(sends[0].headers.authorization).toBe(basic());
		expect(sends[0].headers['content-type']).toMatch(/application\/json/);
		expect(sends[0].body).toEqual({
			message_template: {
				name: 'order_confirmation',
				language: 'en_US',
				components: [{ type: 'BODY', parameters: [{ type: 'text', text: 'A-1001' }, { type: 'text', text: '42 EUR' }] }],
			},
			crisp_options: { type: 'note', new_session: false },
			to_number: '491512345678',
			from_number: '49301234567',
		});
		expectNoSecrets(r);
	});

	test('the plugin posts the outcome to its callback URL afterwards, with the same request id', async () => {
		sb.configure('crisp', { callbackUrl, callbackDelayMs: 20 });
		const r = await runCrisp(SEND);
		expect(r.error).toBeUndefined();
		const requestId = r.items[0].requestId;
		// Bounded wait for the delayed callback (at most 5 s).
		for (let i = 0; i < 100 && callbacks.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(callbacks).toHaveLength(1);
		expect(callbacks[0]).toMatchObject({ error: false, data: { request_id: requestId } });
		expect(sb.state.crisp.callbacks).toEqual([expect.objectContaining({ request_id: requestId, url: callbackUrl, status: 200 })]);
	});

	test('message type "text" with a new session: the body text is filled in from the template', async () => {
		const r = await runCrisp({ ...SEND, options: { messageType: 'text', newSession: true } });
		expect(r.error).toBeUndefined();
		expect(r.items[0].status).toBe('accepted');
		const [send] = sb.requests('crisp', { path: websitePath('/template/send') });
		expect(send.body.crisp_options).toEqual({ type: 'text', new_session: true });
		expect(send.body.message_template.components).toEqual([
			{
				type: 'BODY',
				text: 'Order A-1001 confirmed, total 42 EUR.',
				parameters: [{ type: 'text', text: 'A-1001' }, { type: 'text', text: '42 EUR' }],
			},
		]);
		// The template's text came from the template list (all its pages were read before the send).
		expect(sb.requests('crisp', { path: /\/templates$/ }).length).toBeGreaterThanOrEqual(1);
	});

	test('without body parameters: no components', async () => {
		const r = await runCrisp({ ...SEND, templateName: 'demo_template_10', bodyParameters: {} });
		expect(r.error).toBeUndefined();
		const [send] = sb.requests('crisp', { path: websitePath('/template/send') });
		expect(send.body.message_template).toEqual({ name: 'demo_template_10', language: 'en_US', components: [] });
	});

	test('a template Crisp does not know: 404 with its reason', async () => {
		const r = await runCrisp({ ...SEND, templateName: 'no_such_template' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toBe(
			'Crisp WhatsApp could not send a template message (item 0): template_not_found [HTTP 404]',
		);
	});

	test('a template that is not approved: 400 with its reason', async () => {
		const r = await runCrisp({ ...SEND, templateName: 'paused_reminder', bodyParameters: {} });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/template_not_approved \[HTTP 400\]/);
	});

	test('message type "text" with a template the list does not have: a clear error and no send', async () => {
		const r = await runCrisp({ ...SEND, options: { messageType: 'text' }, templateName: 'no_such_template' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/template "no_such_template" \(en_US\) has no body text/);
		expect(sb.requests('crisp', { path: websitePath('/template/send') })).toHaveLength(0);
	});

	test('429 is retried (nothing was queued); a 500 is not (the template may have been queued)', async () => {
		sb.configure('crisp', { faults: [{ kind: 'status', status: 429, count: 1, path: /template\/send$/, retryAfterSeconds: 0 }] });
		const ok = await runCrisp(SEND);
		expect(ok.error).toBeUndefined();
		expect(sb.requests('crisp', { path: /template\/send$/ }).map((e) => e.status)).toEqual([429, 200]);

		sb.clearLog();
		sb.configure('crisp', { faults: [{ kind: 'status', status: 500, count: 1, path: /template\/send$/ }] });
		const failed = await runCrisp(SEND);
		expect(failed.error).toBeDefined();
		expect(failed.error.message).toMatch(/could not send a template message \(item 0\): error \[HTTP 500\]/);
		expect(sb.requests('crisp', { path: /template\/send$/ })).toHaveLength(1);
	});

	test('continueOnFail: each item its own outcome, paired', async () => {
		const r = await runCrisp(
			{ ...SEND, templateName: '={{ $json.template }}' },
			{ continueOnFail: true, input: [{ json: { template: 'order_confirmation' } }, { json: { template: 'nope' } }, { json: { template: 'hello_world' } }] },
		);
		expect(r.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(r.items[0]).toMatchObject({ status: 'accepted', requestId: expect.any(String) });
		expect(r.items[1]).toMatchObject({ provider: 'crisp', httpStatus: 404, code: 'template_not_found' });
		expect(r.items[1].error).toMatch(/item 1/);
		expect(r.items[2]).toMatchObject({ status: 'accepted' });
	});

	test('a group id is refused before any request', async () => {
		const r = await runCrisp({ ...SEND, to: '491512345678-1583871960@g.us' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/Crisp sends templates to phone numbers only/);
		expect(sb.requests('crisp')).toHaveLength(0);
	});

	test('a malformed From Number is refused before any request', async () => {
		const r = await runCrisp({ ...SEND, fromNumber: 'office' });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/From Number must be the business WhatsApp number/);
		expect(sb.requests('crisp')).toHaveLength(0);
	});
});
