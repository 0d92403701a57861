// @ts-check
// WaAPI through the real engine against the sandbox: every operation (output and exactly what the provider
// received), the error paths, continueOnFail, pairedItem, includeRaw and the bulk contact check.
const { useSandbox } = require('../../support/sandbox');
const { runNode, runListSearch } = require('../../harness');
const { bulkNumbers, rl, allText } = require('../helpers');

const sb = useSandbox();
let creds;
const TOKEN = () => sb.credentials.waApiApi.apiToken;

beforeAll(() => {
	creds = { waApiApi: sb.credentials.waApiApi };
});

const run = (parameters, extra = {}) =>
	runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'waapi', ...parameters }, credentials: creds, ...extra });
const sendText = (extra = {}) => ({ resource: 'message', operation: 'sendText', instanceId: rl('101'), to: '+49 151 2345678', text: 'Hello', ...extra });
const actionPath = (name, id = '101') => `/api/v1/instances/${id}/client/action/${name}`;

describe('message.sendText', () => {
	test('sends to the @c.us chat id and outputs the contract fields', async () => {
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toEqual({
			provider: 'waapi',
			to: '491512345678',
			status: 'sent',
			messageId: expect.stringMatching(/^true_491512345678@c\.us_3EB0[0-9A-F]{16}$/),
			requestId: null,
		});
		expect(r.output[0].pairedItem).toEqual({ item: 0 });
		const sent = sb.requests('waapi', { method: 'POST', path: actionPath('send-message') });
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toEqual({ chatId: '491512345678@c.us', message: 'Hello' });
		expect(sent[0].headers.authorization).toBe(`Bearer ${TOKEN()}`);
		expect(sent[0].headers['content-type']).toMatch(/application\/json/);
		expect(sb.log).toHaveLength(1);
	});

	test('a group id passes through; includeRaw adds the provider answer', async () => {
		const r = await run(sendText({ to: '120363025246125486-1614270000@g.us', options: { includeRaw: true } }));
		expect(r.error).toBeUndefined();
		expect(r.items[0].to).toBe('120363025246125486-1614270000@g.us');
		expect(r.items[0].raw.data.status).toBe('success');
		expect(r.items[0].raw.data.data.id.remote).toBe('120363025246125486-1614270000@g.us');
		expect(sb.requests('waapi')[0].body.chatId).toBe('120363025246125486-1614270000@g.us');
	});

	test('one item per input item, each paired; a national number uses the default country code', async () => {
		const r = await run(sendText({ to: '={{ $json.to }}', options: { defaultCountryCode: '+49' } }), {
			input: [{ json: { to: '0151 2345678' } }, { json: { to: '4915112345671@c.us' } }],
		});
		expect(r.error).toBeUndefined();
		expect(r.output.map((o) => [o.json.to, o.pairedItem])).toEqual([
			['491512345678', { item: 0 }],
			['4915112345671', { item: 1 }],
		]);
		expect(sb.requests('waapi').map((e) => e.body.chatId)).toEqual(['491512345678@c.us', '4915112345671@c.us']);
	});

	test('an invalid number is a clear item error and makes no request', async () => {
		const r = await run(sendText({ to: '12ab' }));
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(/^Invalid recipient: "12ab"/);
		expect(r.error.description).toMatch(/Nothing was sent/);
		expect(sb.log).toHaveLength(0);
	});

	test('continueOnFail: the failing item outputs { error } with its pairedItem, the others go on', async () => {
		const r = await run(sendText({ to: '={{ $json.to }}' }), {
			continueOnFail: true,
			input: [{ json: { to: '+49 151 2345678' } }, { json: { to: 'nobody' } }, { json: { to: '+49 151 2345679' } }],
		});
		expect(r.error).toBeUndefined();
		expect(r.output).toHaveLength(3);
		expect(r.output[0].json.status).toBe('sent');
		expect(r.output[1]).toEqual({ json: expect.objectContaining({ error: expect.stringMatching(/^Invalid recipient/) }), pairedItem: { item: 1 } });
		expect(r.output[2].json.to).toBe('491512345679');
		expect(r.output[2].pairedItem).toEqual({ item: 2 });
		expect(sb.requests('waapi', { path: actionPath('send-message') })).toHaveLength(2);
	});

	test('an inner `status: "error"` under HTTP 200 is an error', async () => {
		sb.configure('waapi', { connected: false });
		const r = await run(sendText());
		expect(r.error).toBeDefined();
		// WaAPI's own answer for a disconnected instance: HTTP 200, flat {status: "error", message: "instance not ready"}.
		expect(r.error.message).toMatch(/^WaAPI could not send a text message \(item 0\): instance not ready/);
		expect(sb.requests('waapi')).toHaveLength(1);
	});

	test('an injected inner error under 200, continueOnFail: the item carries it', async () => {
		sb.configure('waapi', { faults: [{ kind: 'innerError', count: 1 }] });
		const r = await run(sendText(), { continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({
			error: 'WaAPI could not send a text message (item 0): an unexpected error occurred, please try again. [HTTP 200]',
			provider: 'waapi',
			httpStatus: 200,
		});
		expect(r.output[0].pairedItem).toEqual({ item: 0 });
	});

	test('401: the message, the hint, and no secret', async () => {
		const bad = { ...sb.credentials.waApiApi, apiToken: 'wrong-token-123456' };
		const r = await runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'waapi', ...sendText() }, credentials: { waApiApi: bad } });
		expect(r.error.message).toBe('WaAPI could not send a text message (item 0): Unauthenticated. [HTTP 401]');
		expect(r.error.description).toMatch(/^WaAPI refused the credential/);
		expect(r.error.httpCode).toBe('401');
		expect(allText({ m: r.error.message, d: r.error.description, run: r.runData })).not.toContain('wrong-token-123456');
		// n8n-core itself repeats a request once after a 401 (to refresh expirable credentials); our retry
		// policy adds nothing.
		expect(sb.requests('waapi').map((e) => e.status)).toEqual([401, 401]);
	});

	test('429 is retried (nothing was sent) honouring Retry-After', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 429, count: 1, retryAfterSeconds: 0 }] });
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(r.items[0].status).toBe('sent');
		expect(sb.requests('waapi').map((e) => e.status)).toEqual([429, 200]);
	});

	test('a 5xx on a send is not retried', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 500, count: 1 }] });
		const r = await run(sendText());
		expect(r.error.message).toBe('WaAPI could not send a text message (item 0): Internal Server Error [HTTP 500]');
		expect(r.error.description).toMatch(/internal error/);
		expect(sb.requests('waapi')).toHaveLength(1);
	});

	test('a 5xx on a send is retried with "Retry Sends That May Duplicate"', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 503, count: 1, retryAfterSeconds: 0 }] });
		const r = await run(sendText({ options: { retryPossibleDuplicates: true } }));
		expect(r.error).toBeUndefined();
		expect(sb.requests('waapi').map((e) => e.status)).toEqual([503, 200]);
	});
});

describe('instance', () => {
	test('instance.get reads the instance and its client status', async () => {
		const r = await run({ resource: 'instance', operation: 'get', instanceId: rl('101') });
		expect(r.error).toBeUndefined();
		const i = sb.state.waapi.instances.find((x) => String(x.id) === '101');
		expect(r.items).toEqual([
			{ provider: 'waapi', id: '101', name: i.name, status: 'ready', webhookUrl: i.webhook_url ?? null, webhookEvents: i.webhook_events },
		]);
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/instances/101', 'GET /api/v1/instances/101/client/status']);
		expect(sb.log.every((e) => e.headers.authorization === `Bearer ${TOKEN()}`)).toBe(true);
	});

	test('instance.get of an instance in QR state, with raw', async () => {
		sb.configure('waapi', { connected: { 102: false } });
		const r = await run({ resource: 'instance', operation: 'get', instanceId: { __rl: true, mode: 'list', value: '102' }, options: { includeRaw: true } });
		expect(r.items[0].status).toBe('qr');
		expect(r.items[0].raw.clientStatus.instanceStatus).toBe('qr');
		expect(String(r.items[0].raw.instance.id)).toBe('102');
	});

	test('instance.get of an unknown instance: 404 with the hint', async () => {
		const r = await run({ resource: 'instance', operation: 'get', instanceId: rl('999') });
		expect(r.error.message).toBe('WaAPI could not get the instance (item 0): Instance not found. [HTTP 404]');
		expect(r.error.description).toMatch(/^Not found: check the instance ID/);
	});

	test('instance.list: one item per instance', async () => {
		const r = await run({ resource: 'instance', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.id)).toEqual(sb.state.waapi.instances.map((i) => String(i.id)));
		for (const item of r.items) {
			expect(Object.keys(item).sort()).toEqual(['id', 'name', 'provider', 'status', 'webhookEvents', 'webhookUrl']);
		}
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/instances']);
	});

	test('the instance locator lists and filters the instances', async () => {
		const all = await runListSearch({ nodeType: 'whatsAppGateway', method: 'searchInstances', parameters: { provider: 'waapi' }, credentials: creds });
		expect(all.results.map((o) => o.value)).toEqual(sb.state.waapi.instances.map((i) => String(i.id)));
		const first = sb.state.waapi.instances[0];
		const some = await runListSearch({
			nodeType: 'whatsAppGateway',
			method: 'searchInstances',
			parameters: { provider: 'waapi' },
			credentials: creds,
			filter: first.name.slice(0, 4).toUpperCase(),
		});
		expect(some.results.map((o) => o.value)).toContain(String(first.id));
		expect(some.results[0].name).toContain(first.name);
	});

	test('instance.updateWebhook writes url and events through PUT /instances/{id}', async () => {
		const r = await run({
			resource: 'instance',
			operation: 'updateWebhook',
			instanceId: rl('101'),
			webhookUrl: 'https://example.com/hook?token=abc',
			webhookEvents: ['message', 'message_ack'],
		});
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{ provider: 'waapi', instanceId: '101', webhookUrl: 'https://example.com/hook?token=abc', webhookEvents: ['message', 'message_ack'] },
		]);
		const put = sb.requests('waapi', { method: 'PUT' });
		expect(put).toHaveLength(1);
		expect(put[0].path).toBe('/api/v1/instances/101');
		expect(put[0].body.webhook).toEqual({ url: 'https://example.com/hook?token=abc', events: ['message', 'message_ack'] });
		const i = sb.state.waapi.instances.find((x) => String(x.id) === '101');
		expect(i.webhook_url).toBe('https://example.com/hook?token=abc');
	});
});

describe('contact.check', () => {
	test('registered and unregistered numbers, invalid formats, raw', async () => {
		const r = await run({
			resource: 'contact',
			operation: 'check',
			instanceId: rl('101'),
			phoneNumbers: '+49 151 2345678; 4915112345670\nabc',
			options: { includeRaw: true, concurrency: 1 },
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map(({ raw, ...rest }) => rest)).toEqual([
			{ provider: 'waapi', input: '+49 151 2345678', phone: '491512345678', exists: true, status: 'valid', reliable: true, waId: '491512345678', chatId: '491512345678@c.us' },
			{ provider: 'waapi', input: '4915112345670', phone: '4915112345670', exists: false, status: 'invalid', reliable: true, waId: null, chatId: null },
			{ provider: 'waapi', input: 'abc', phone: null, exists: null, status: 'invalidFormat', reliable: true, waId: null, chatId: null, error: expect.stringContaining('"abc"') },
		]);
		expect(r.items[0].raw.data.data.numberId._serialized).toBe('491512345678@c.us');
		// whatsapp-web.js' getNumberId answers null for a number that is not on WhatsApp: one request says both.
		expect(r.items[1].raw.data.data.numberId).toBeNull();
		expect(sb.log.map((e) => [e.path, e.body])).toEqual([
			[actionPath('get-number-id'), { number: '491512345678' }],
			[actionPath('get-number-id'), { number: '4915112345670' }],
		]);
	});

	test('a failing number without continueOnFail fails the node naming the batch', async () => {
		sb.configure('waapi', { faults: [{ kind: 'status', status: 403, count: 1 }] });
		const r = await run({ resource: 'contact', operation: 'check', instanceId: rl('101'), phoneNumbers: '+491512345678' });
		expect(r.error.message).toBe('WaAPI could not check 1 number (batch 1 of 1): Forbidden [HTTP 403]');
		expect(r.error.description).toMatch(/^WaAPI refused the credential/);
		expect(sb.log).toHaveLength(1);
	});

	test('continueOnFail: a failed lookup marks its number status "error", the rest are answered', async () => {
		sb.configure('waapi', { connected: false });
		const r = await run(
			{ resource: 'contact', operation: 'check', instanceId: rl('101'), phoneNumbers: '+491512345678, x' },
			{ continueOnFail: true },
		);
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			expect.objectContaining({ input: '+491512345678', phone: '491512345678', status: 'error', exists: null, error: expect.stringContaining('instance not ready') }),
			expect.objectContaining({ input: 'x', status: 'invalidFormat' }),
		]);
	});

	test('bulk: 1,000 numbers over 10 items, duplicates and malformed entries, at the speed limit', async () => {
		const bulk = bulkNumbers(1000, 10, 7);
		const rate = 200;
		const r = await run(
			{
				resource: 'contact',
				operation: 'check',
				instanceId: rl('101'),
				phoneNumbers: '={{ $json.numbers }}',
				options: { defaultCountryCode: '49', maxRequestsPerSecond: rate, concurrency: 10 },
			},
			{ input: bulk.items },
		);
		expect(r.error).toBeUndefined();
		// One output per input number, in input order, paired to its item.
		expect(r.output).toHaveLength(1000);
		r.output.forEach((o, i) => {
			const e = bulk.entries[i];
			expect(o.pairedItem).toEqual({ item: e.item });
			expect(o.json.input).toBe(e.input);
			if (e.digits === null) {
				expect(o.json.status).toBe('invalidFormat');
				expect(o.json.phone).toBeNull();
			} else {
				const exists = sb.numberExists(e.digits);
				expect(o.json).toEqual({
					provider: 'waapi',
					input: e.input,
					phone: e.digits,
					exists,
					status: exists ? 'valid' : 'invalid',
					reliable: true,
					waId: exists ? e.digits : null,
					chatId: exists ? `${e.digits}@c.us` : null,
				});
			}
		});
		// One get-number-id per distinct number, and nothing else.
		const checks = sb.requests('waapi', { path: actionPath('get-number-id') });
		expect(checks).toHaveLength(bulk.distinct.length);
		expect(new Set(checks.map((e) => e.body.number)).size).toBe(bulk.distinct.length);
		expect(sb.log).toHaveLength(checks.length);
		expect(sb.peakRate('waapi')).toBeLessThanOrEqual(rate);
	});

	test('bulk: a 429 storm is recovered without losing a number', async () => {
		const bulk = bulkNumbers(150, 3, 11);
		// The provider takes 40 requests a second; the node is allowed 80: many answers are 429 + Retry-After.
		sb.configure('waapi', { rateLimit: { requestsPerSecond: 40, retryAfterSeconds: 1 } });
		const r = await run(
			{
				resource: 'contact',
				operation: 'check',
				instanceId: rl('101'),
				phoneNumbers: '={{ $json.numbers }}',
				options: { defaultCountryCode: '49', maxRequestsPerSecond: 80, concurrency: 8, maxRetries: 10 },
			},
			{ input: bulk.items },
		);
		expect(r.error).toBeUndefined();
		const rejected = sb.log.filter((e) => e.status === 429).length;
		expect(rejected).toBeGreaterThan(0);
		expect(r.output).toHaveLength(150);
		r.output.forEach((o, i) => {
			const e = bulk.entries[i];
			expect(o.json.input).toBe(e.input);
			expect(o.json.status).toBe(e.digits === null ? 'invalidFormat' : sb.numberExists(e.digits) ? 'valid' : 'invalid');
		});
		const answered = sb.requests('waapi', { path: actionPath('get-number-id') }).filter((e) => e.status === 200);
		expect(answered).toHaveLength(bulk.distinct.length);
		expect(sb.peakRate('waapi')).toBeLessThanOrEqual(80);
		expect(r.hints.some((h) => /retried/.test(h.message))).toBe(true);
	});
});
