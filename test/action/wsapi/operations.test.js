// @ts-check
// WSAPI through the real engine against the sandbox: every operation (output and exactly what the provider
// received, hosted and self-hosted), the error paths, continueOnFail, pairedItem, includeRaw and the bulk check.
const { useSandbox } = require('../../support/sandbox');
const { runNode, runListSearch } = require('../../harness');
const { bulkNumbers, rl, allText } = require('../helpers');

const sb = useSandbox();

const hosted = () => ({ wsApiApi: sb.credentials.wsApiApi });
const selfHosted = () => ({ wsApiApi: sb.credentials.wsApiApiSelfHosted });
const noAccountKey = () => ({ wsApiApi: { ...sb.credentials.wsApiApi, accountApiKey: '' } });
const run = (parameters, extra = {}) =>
	runNode({ nodeType: 'whatsAppGateway', parameters: { provider: 'wsapi', ...parameters }, credentials: hosted(), ...extra });
const sendText = (extra = {}) => ({ resource: 'message', operation: 'sendText', to: '+49 151 2345678', text: 'Hello', ...extra });
const instanceKey = () => sb.credentials.wsApiApi.apiKey;
const SECRETS = () => [sb.state.wsapi.customerKey, sb.state.wsapi.adminKey, ...sb.state.wsapi.instances.map((i) => i.apiKey), 'wsapi-demo-signing-secret'];

describe('message.sendText', () => {
	test('POST /messages/text with the JID, instance key and instance id; 201 {id} → sent', async () => {
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{ provider: 'wsapi', to: '491512345678', status: 'sent', messageId: expect.stringMatching(/^3EB0[0-9A-F]{16}$/), requestId: null },
		]);
		expect(r.output[0].pairedItem).toEqual({ item: 0 });
		expect(sb.log).toHaveLength(1);
		const [req] = sb.log;
		expect([req.method, req.path, req.status]).toEqual(['POST', '/messages/text', 201]);
		expect(req.body).toEqual({ to: '491512345678@s.whatsapp.net', text: 'Hello' });
		expect(req.headers['x-api-key']).toBe(instanceKey());
		expect(req.headers['x-instance-id']).toBe('ins_demo1');
		expect(req.headers['x-gateway-auth']).toBeUndefined();
	});

	test('includeRaw; a group JID passes through', async () => {
		const r = await run(sendText({ to: '120363025246125486@g.us', options: { includeRaw: true } }));
		expect(r.items[0]).toEqual(expect.objectContaining({ to: '120363025246125486@g.us', raw: { id: r.items[0].messageId } }));
		expect(sb.log[0].body.to).toBe('120363025246125486@g.us');
	});

	test('409 device not paired: the message and the pairing hint', async () => {
		sb.configure('wsapi', { paired: false });
		const r = await run(sendText());
		expect(r.error.message).toBe('WSAPI could not send a text message (item 0): device not paired [HTTP 409]');
		expect(r.error.description).toBe(
			'The WSAPI instance has no paired phone: pair it by scanning the QR code in the WSAPI dashboard, then run again.',
		);
		expect(sb.log).toHaveLength(1);
	});

	test('401: the message, the hint, no secret', async () => {
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'wsapi', ...sendText() },
			credentials: { wsApiApi: { ...sb.credentials.wsApiApi, apiKey: 'wrong-instance-key-42' } },
		});
		expect(r.error.message).toBe('WSAPI could not send a text message (item 0): unauthorized [HTTP 401]');
		expect(r.error.description).toMatch(/^WSAPI refused the credential/);
		expect(allText([r.error.message, r.error.description, r.runData])).not.toContain('wrong-instance-key-42');
		// n8n-core repeats a request once after a 401; nothing else retries it.
		expect(sb.log.map((e) => e.status)).toEqual([401, 401]);
	});

	test('a 503 on a send is not retried; with "Retry Sends That May Duplicate" it is', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 503, count: 1, retryAfterSeconds: 0 }] });
		const once = await run(sendText());
		expect(once.error.message).toBe('WSAPI could not send a text message (item 0): Service Unavailable [HTTP 503]');
		expect(sb.log.map((e) => e.status)).toEqual([503]);

		sb.reset();
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 503, count: 1, retryAfterSeconds: 0 }] });
		const twice = await run(sendText({ options: { retryPossibleDuplicates: true } }));
		expect(twice.error).toBeUndefined();
		expect(sb.log.map((e) => e.status)).toEqual([503, 201]);
	});

	test('a connection reset on a send is not retried (it may have gone out)', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'reset', count: 1 }] });
		const r = await run(sendText());
		expect(r.error.message).toMatch(/^WSAPI could not send a text message \(item 0\): /);
		expect(r.error.description).toMatch(/Retry Sends That May Duplicate/);
		expect(sb.log).toHaveLength(1);
	});

	test('429 is retried', async () => {
		sb.configure('wsapi', { faults: [{ kind: 'status', status: 429, count: 2, retryAfterSeconds: 0 }] });
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(sb.log.map((e) => e.status)).toEqual([429, 429, 201]);
	});

	test('invalid numbers: no request; continueOnFail keeps the others going', async () => {
		const r = await run(sendText({ to: '={{ $json.to }}' }), {
			continueOnFail: true,
			input: [{ json: { to: '0151 2345678' } }, { json: { to: '+49 151 2345678' } }],
		});
		expect(r.output).toEqual([
			{ json: expect.objectContaining({ error: expect.stringContaining('national number') }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ to: '491512345678', status: 'sent' }), pairedItem: { item: 1 } },
		]);
		expect(sb.log).toHaveLength(1);

		sb.clearLog();
		const failed = await run(sendText({ to: '0151 2345678' }));
		expect(failed.error.message).toMatch(/^Invalid recipient: "0151 2345678" is a national number/);
		expect(sb.log).toHaveLength(0);
	});
});

describe('instance', () => {
	test('instance.get without an account key: the session status of the credential\'s instance', async () => {
		const r = await run({ resource: 'instance', operation: 'get' }, { credentials: noAccountKey() });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'wsapi', id: 'ins_demo1', name: null, status: 'paired', webhookUrl: null, webhookEvents: [] }]);
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /session/status']);
	});

	test('instance.get hosted with the account key: session + /account/instances/{id}; raw has no secret', async () => {
		sb.state.wsapi.instances[0].webhookUrl = 'https://example.com/hook';
		sb.state.wsapi.instances[0].eventFilters = ['message'];
		sb.configure('wsapi', { paired: false });
		const r = await run({ resource: 'instance', operation: 'get', options: { includeRaw: true } });
		expect(r.error).toBeUndefined();
		const { raw, ...fields } = r.items[0];
		expect(fields).toEqual({
			provider: 'wsapi',
			id: 'ins_demo1',
			name: 'Main number',
			status: 'unpaired',
			webhookUrl: 'https://example.com/hook',
			webhookEvents: ['message'],
		});
		expect(raw.session).toEqual({ isConnected: true, isLoggedIn: false, deviceId: '' });
		expect(raw.instance.settings.eventSigningSecret).toBe('[redacted]');
		for (const secret of SECRETS()) expect(allText(r.items)).not.toContain(secret);
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /session/status', 'GET /account/instances/ins_demo1']);
		const account = sb.log[1];
		expect(account.headers['x-api-key']).toBe(sb.state.wsapi.customerKey);
		expect(account.headers['x-instance-id']).toBeUndefined();
		expect(account.headers['x-gateway-auth']).toBeUndefined();
	});

	test('instance.get of another instance, self-hosted: /admin/instances/{id} with the admin key', async () => {
		const r = await run(
			{ resource: 'instance', operation: 'get', instanceId: rl('ins_demo2'), options: { includeRaw: true } },
			{ credentials: selfHosted() },
		);
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'wsapi', id: 'ins_demo2', name: null, status: 'paired', webhookUrl: null, webhookEvents: [] });
		expect(r.items[0].raw.config.apiKey).toBe('[redacted]');
		for (const secret of SECRETS()) expect(allText(r.items)).not.toContain(secret);
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /admin/instances/ins_demo2']);
		expect(sb.log[0].headers['x-api-key']).toBe(sb.state.wsapi.adminKey);
	});

	test('instance.get of another instance without an account key: a clear error, no request', async () => {
		const r = await run({ resource: 'instance', operation: 'get', instanceId: rl('ins_demo2') }, { credentials: noAccountKey() });
		expect(r.error.message).toMatch(/needs the Account API Key in the WSAPI credential/);
		expect(sb.log).toHaveLength(0);
	});

	test('instance.updateWebhook without an account key: refused once by the credential, never retried, no request', async () => {
		const r = await run(
			{ resource: 'instance', operation: 'updateWebhook', instanceId: rl('ins_demo1'), webhookUrl: 'https://example.test/hook', webhookEvents: ['message'] },
			{ credentials: noAccountKey() },
		);
		expect(r.error.message).toMatch(/needs the Account API Key in the WSAPI credential/);
		expect(r.error.message).not.toMatch(/attempts/);
		expect(sb.log).toHaveLength(0);
	});

	test('instance.list hosted: GET /account/instances with the customer key', async () => {
		const r = await run({ resource: 'instance', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{ provider: 'wsapi', id: 'ins_demo1', name: 'Main number', status: 'active', webhookUrl: null, webhookEvents: [] },
			{ provider: 'wsapi', id: 'ins_demo2', name: 'Second number', status: 'active', webhookUrl: null, webhookEvents: [] },
		]);
		expect(sb.log.map((e) => [e.method, e.path, e.query])).toEqual([['GET', '/account/instances', { pageNumber: '1', pageSize: '100' }]]);
		expect(sb.log[0].headers['x-api-key']).toBe(sb.state.wsapi.customerKey);
		expect(sb.log[0].headers['x-instance-id']).toBeUndefined();
	});

	test('instance.list self-hosted: GET /admin/instances with the admin key; raw keeps no key', async () => {
		sb.state.wsapi.instances[1].webhookUrl = 'https://example.com/two';
		const r = await run({ resource: 'instance', operation: 'list', options: { includeRaw: true } }, { credentials: selfHosted() });
		expect(r.error).toBeUndefined();
		expect(r.items.map(({ raw, ...f }) => f)).toEqual([
			{ provider: 'wsapi', id: 'ins_demo1', name: null, status: 'paired', webhookUrl: null, webhookEvents: [] },
			{ provider: 'wsapi', id: 'ins_demo2', name: null, status: 'paired', webhookUrl: 'https://example.com/two', webhookEvents: [] },
		]);
		for (const secret of SECRETS()) expect(allText(r.items)).not.toContain(secret);
		expect(sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /admin/instances']);
		expect(sb.log[0].headers['x-api-key']).toBe(sb.state.wsapi.adminKey);
	});

	test('instance.list without an account key: says to add it, no request', async () => {
		const r = await run({ resource: 'instance', operation: 'list' }, { credentials: noAccountKey() });
		expect(r.error.message).toBe(
			'WSAPI could not list instances (item 0): this needs the Account API Key in the WSAPI credential: set it to your customer API key from the WSAPI dashboard',
		);
		expect(sb.log).toHaveLength(0);
	});

	test('a wrong account key: 401 with the credential hint', async () => {
		const r = await run({ resource: 'instance', operation: 'list' }, { credentials: { wsApiApi: { ...sb.credentials.wsApiApi, accountApiKey: 'nope-nope' } } });
		expect(r.error.message).toBe('WSAPI could not list instances (item 0): unauthorized [HTTP 401]');
		expect(r.error.description).toMatch(/^WSAPI refused the credential/);
	});

	test('the instance locator lists the account\'s instances', async () => {
		const r = await runListSearch({ nodeType: 'whatsAppGateway', method: 'searchInstances', parameters: { provider: 'wsapi' }, credentials: hosted() });
		expect(r.results).toEqual([
			{ name: 'Main number (ins_demo1) · active', value: 'ins_demo1' },
			{ name: 'Second number (ins_demo2) · active', value: 'ins_demo2' },
		]);
		const filtered = await runListSearch({
			nodeType: 'whatsAppGateway',
			method: 'searchInstances',
			parameters: { provider: 'wsapi' },
			credentials: hosted(),
			filter: 'second',
		});
		expect(filtered.results.map((o) => o.value)).toEqual(['ins_demo2']);
	});

	test('instance.updateWebhook hosted: PUT /account/instances/{id}/settings', async () => {
		const r = await run({
			resource: 'instance',
			operation: 'updateWebhook',
			webhookUrl: 'https://example.com/wsapi',
			webhookEvents: ['message', 'message_read'],
		});
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([
			{ provider: 'wsapi', instanceId: 'ins_demo1', webhookUrl: 'https://example.com/wsapi', webhookEvents: ['message', 'message_read'] },
		]);
		const put = sb.requests('wsapi', { method: 'PUT' });
		expect(put).toHaveLength(1);
		expect(put[0].path).toBe('/account/instances/ins_demo1/settings');
		expect(put[0].body).toMatchObject({ webhookUrl: 'https://example.com/wsapi', eventFilters: ['message', 'message_read'] });
		expect(put[0].headers['x-api-key']).toBe(sb.state.wsapi.customerKey);
		expect(sb.state.wsapi.instances[0].webhookUrl).toBe('https://example.com/wsapi');
		// The signing secret was left as it was.
		expect(sb.state.wsapi.instances[0].signingSecret).toBe('wsapi-demo-signing-secret');
	});

	test('instance.updateWebhook self-hosted on another instance: PUT /admin/instances/{id}/config', async () => {
		const r = await run(
			{ resource: 'instance', operation: 'updateWebhook', instanceId: rl('ins_demo2'), webhookUrl: 'https://example.com/two', webhookEvents: [] },
			{ credentials: selfHosted() },
		);
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'wsapi', instanceId: 'ins_demo2', webhookUrl: 'https://example.com/two', webhookEvents: [] }]);
		const put = sb.requests('wsapi', { method: 'PUT' });
		expect(put.map((e) => e.path)).toEqual(['/admin/instances/ins_demo2/config']);
		expect(sb.state.wsapi.instances[1].webhookUrl).toBe('https://example.com/two');
	});
});

describe('contact.check', () => {
	test('one POST /users/check per batch; outputs per number', async () => {
		const r = await run({
			resource: 'contact',
			operation: 'check',
			phoneNumbers: '={{ $json.n }}',
			options: { includeRaw: true },
		}, { input: [{ json: { n: '+49 151 2345678, 4915112345670' } }, { json: { n: ['491512345678@s.whatsapp.net', '++'] } }] });
		expect(r.error).toBeUndefined();
		expect(r.output.map((o) => [o.pairedItem.item, o.json.input, o.json.status, o.json.exists, o.json.chatId])).toEqual([
			[0, '+49 151 2345678', 'valid', true, '491512345678@s.whatsapp.net'],
			[0, '4915112345670', 'invalid', false, null],
			[1, '491512345678@s.whatsapp.net', 'valid', true, '491512345678@s.whatsapp.net'],
			[1, '++', 'invalidFormat', null, null],
		]);
		expect(r.items[0]).toMatchObject({ provider: 'wsapi', phone: '491512345678', reliable: true, waId: '491512345678' });
		expect(r.items[0].raw).toEqual({ query: '491512345678', isInWhatsApp: true, jid: '491512345678@s.whatsapp.net' });
		expect(sb.log).toHaveLength(1);
		expect(sb.log[0].path).toBe('/users/check');
		expect(sb.log[0].body).toEqual({ phones: ['491512345678', '4915112345670'] });
		expect(sb.log[0].headers['x-instance-id']).toBe('ins_demo1');
	});

	test('409 unpaired: fails naming the batch; under continueOnFail its numbers are "error"', async () => {
		sb.configure('wsapi', { paired: false });
		const failed = await run({ resource: 'contact', operation: 'check', phoneNumbers: '+491512345678, +491512345679, +491512345671', options: { batchSize: 2, concurrency: 1 } });
		expect(failed.error.message).toBe('WSAPI could not check 2 numbers (batch 1 of 2): device not paired [HTTP 409]');
		expect(failed.error.description).toMatch(/pair it by scanning the QR code/);

		sb.clearLog();
		const kept = await run(
			{ resource: 'contact', operation: 'check', phoneNumbers: '+491512345678, +491512345679, x', options: { batchSize: 2 } },
			{ continueOnFail: true },
		);
		expect(kept.error).toBeUndefined();
		expect(kept.items.map((i) => [i.status, i.error])).toEqual([
			['error', 'device not paired'],
			['error', 'device not paired'],
			['invalidFormat', expect.stringContaining('"x"')],
		]);
	});

	test('bulk: 1,000 numbers over 10 items; one request per batch; order, pairing, speed limit', async () => {
		const bulk = bulkNumbers(1000, 10, 3);
		const r = await run(
			{
				resource: 'contact',
				operation: 'check',
				phoneNumbers: '={{ $json.numbers }}',
				options: { defaultCountryCode: '49', batchSize: 25, concurrency: 4, maxRequestsPerSecond: 5 },
			},
			{ input: bulk.items },
		);
		expect(r.error).toBeUndefined();
		expect(r.output).toHaveLength(1000);
		r.output.forEach((o, i) => {
			const e = bulk.entries[i];
			expect(o.pairedItem).toEqual({ item: e.item });
			if (e.digits === null) {
				expect(o.json).toMatchObject({ input: e.input, status: 'invalidFormat', phone: null, exists: null });
			} else {
				const exists = sb.numberExists(e.digits);
				expect(o.json).toEqual({
					provider: 'wsapi',
					input: e.input,
					phone: e.digits,
					exists,
					status: exists ? 'valid' : 'invalid',
					reliable: true,
					waId: exists ? e.digits : null,
					chatId: exists ? `${e.digits}@s.whatsapp.net` : null,
				});
			}
		});
		const batches = sb.requests('wsapi', { path: '/users/check' });
		expect(batches).toHaveLength(Math.ceil(bulk.distinct.length / 25));
		const asked = batches.flatMap((e) => e.body.phones);
		expect(asked).toHaveLength(bulk.distinct.length);
		expect(new Set(asked)).toEqual(new Set(bulk.distinct));
		expect(batches.every((e) => e.body.phones.length <= 25)).toBe(true);
		expect(sb.peakRate('wsapi')).toBeLessThanOrEqual(5);
	});

	test('bulk: numbers read straight from a mapped field give the same outcomes as n8n evaluating the expression', async () => {
		// `$json.contact["the phone"]` is read from the item itself (no isolate per item); `?? ""` makes n8n evaluate it.
		const input = [
			{ json: { contact: { 'the phone': '+49 151 2345678' } } },
			{ json: { contact: {} } },
			{ json: { contact: { 'the phone': 491512345679 } } },
			{ json: { contact: { 'the phone': ['+49 151 2345671', 'nope'] } } },
			{ json: { contact: { 'the phone': '+49 151 2345678; +49 151 2345672' } } },
		];
		const check = async (phoneNumbers) => {
			sb.reset();
			const r = await run({ resource: 'contact', operation: 'check', phoneNumbers }, { input });
			expect(r.error).toBeUndefined();
			return { output: r.output, asked: sb.requests('wsapi', { path: '/users/check' }).flatMap((e) => e.body.phones) };
		};
		const direct = await check('={{ $json.contact["the phone"] }}');
		const evaluated = await check('={{ $json.contact["the phone"] ?? "" }}');
		expect(direct).toEqual(evaluated);
		expect(direct.output.map((o) => [o.pairedItem.item, o.json.input, o.json.status])).toEqual([
			[0, '+49 151 2345678', sb.numberExists('491512345678') ? 'valid' : 'invalid'],
			[1, '', 'invalidFormat'],
			[2, '491512345679', sb.numberExists('491512345679') ? 'valid' : 'invalid'],
			[3, '+49 151 2345671', sb.numberExists('491512345671') ? 'valid' : 'invalid'],
			[3, 'nope', 'invalidFormat'],
			[4, '+49 151 2345678', sb.numberExists('491512345678') ? 'valid' : 'invalid'],
			[4, '+49 151 2345672', sb.numberExists('491512345672') ? 'valid' : 'invalid'],
		]);
		expect(new Set(direct.asked)).toEqual(new Set(['491512345678', '491512345679', '491512345671', '491512345672']));
	});

	test('bulk: batch size is capped at what WSAPI takes (100); a 429 storm is recovered', async () => {
		const bulk = bulkNumbers(1000, 10, 5);
		sb.configure('wsapi', { rateLimit: { requestsPerSecond: 3, retryAfterSeconds: 1 } });
		const r = await run(
			{
				resource: 'contact',
				operation: 'check',
				phoneNumbers: '={{ $json.numbers }}',
				options: { defaultCountryCode: '49', batchSize: 500, concurrency: 5, maxRequestsPerSecond: 8, maxRetries: 10 },
			},
			{ input: bulk.items },
		);
		expect(r.error).toBeUndefined();
		expect(sb.log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
		const answered = sb.log.filter((e) => e.status === 200);
		expect(answered).toHaveLength(Math.ceil(bulk.distinct.length / 100));
		expect(answered.every((e) => e.body.phones.length <= 100)).toBe(true);
		expect(r.output).toHaveLength(1000);
		r.output.forEach((o, i) => {
			const e = bulk.entries[i];
			expect(o.json.status).toBe(e.digits === null ? 'invalidFormat' : sb.numberExists(e.digits) ? 'valid' : 'invalid');
		});
		expect(sb.peakRate('wsapi')).toBeLessThanOrEqual(8);
	});
});
