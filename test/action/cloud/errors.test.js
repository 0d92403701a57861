// @ts-check
// Cloud API failures through the real engine: Meta's envelope read into one message (Meta's message,
// error_data.details, error_subcode, fbtrace_id, the code), a hint per error code, and the retry policy:
// Meta's rate-limit answers (130429 / 131056 with HTTP 400, 80007) are retried with backoff, a send
// included because Meta refused it; other refusals and 5xx on a send are not.
const { startSandbox, demoSecrets } = require('../../sandbox');
const { rl, runner, graph } = require('./helpers');

/** @type {any} */
let sb;
/** @type {ReturnType<typeof runner>} */
let run;
/** @type {string} */
let pid;

beforeAll(async () => {
	sb = await startSandbox();
	run = runner(sb);
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const sendText = (extra = {}) => ({ resource: 'message', operation: 'sendText', instanceId: rl(pid), to: '16505551234', text: 'Hello', ...extra });
const sendsReceived = () => sb.requests('cloud', { method: 'POST', path: graph(`/${pid}/messages`) });
const fault = (code, extra = {}) => sb.configure('cloud', { faults: [{ kind: 'status', status: 400, code, path: '/messages', count: 10, ...extra }] });

describe('the message names Meta\'s code, details, subcode and trace id', () => {
	test('131047: "Re-engagement message" with its details, fbtrace_id and [HTTP 400, code 131047]; the template hint', async () => {
		fault(131047, { subcode: 2494010 });
		const r = await run(sendText());
		expect(r.error.message).toMatch(
			/^WhatsApp Cloud API could not send a text message \(item 0\): Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number\. \(error_subcode 2494010, fbtrace_id A[\w-]+\) \[HTTP 400, code 131047\]$/,
		);
		expect(r.error.description).toMatch(/24 hours.*send a template \(Message → Send Template\)/);
		// Not a rate limit: refused once, not retried.
		expect(sendsReceived()).toHaveLength(1);
	});

	test('continueOnFail: the item carries the code and the hint', async () => {
		fault(131026);
		const r = await run(sendText(), { continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'cloud', httpStatus: 400, code: 131026, hint: expect.stringMatching(/no contact check/) });
		expect(r.items[0].error).toMatch(/Message undeliverable/);
	});
});

describe('a hint for each documented code', () => {
	test.each([
		[131047, 400, /send a template/],
		[131026, 400, /not on WhatsApp.*Terms of Service.*no contact check/],
		[190, 401, /access token has expired or was revoked/],
		[132000, 400, /number of template parameters does not match/],
		[132001, 400, /does not exist in this language or is not approved/],
		[132012, 400, /wrong format/],
		[132015, 400, /paused for low quality/],
		[132016, 400, /disabled for good/],
		[132005, 400, /too long/],
		[132999, 400, /Meta refused the template \(error 132999\)/],
		[10, 403, /whatsapp_business_messaging/],
		[131030, 400, /allowed list/],
	])('code %i (HTTP %i)', async (code, status, hint) => {
		fault(code, { status });
		const r = await run(sendText());
		expect(r.error.message).toContain(`[HTTP ${status}, code ${code}]`);
		expect(r.error.description).toMatch(hint);
	});

	test.each([
		[130429, /throughput/],
		[131056, /pair rate limit/],
		[80007, /WhatsApp Business Account reached Meta's rate limit/],
	])('rate limit %i: retried up to Max Retries, then the error with the rate-limit hint', async (code, hint) => {
		fault(code);
		const r = await run(sendText({ options: { maxRetries: 2 } }));
		expect(r.error.message).toContain(`(after 3 attempts) [HTTP 400, code ${code}]`);
		expect(r.error.description).toMatch(hint);
		expect(sendsReceived()).toHaveLength(3);
		expect(sb.state.cloud.sent).toHaveLength(0);
	});

	test('100: the parameter Meta names is in the hint', async () => {
		// A media id that does not belong to the number: Meta's "(#100) Param …['id'] is not a valid … media attachment ID".
		const r = await run({
			resource: 'message',
			operation: 'sendTemplate',
			instanceId: rl(pid),
			to: '16505551234',
			templateName: 'welcome_video',
			templateLanguage: 'en_US',
			templateHeaderType: 'video',
			templateHeaderMediaSource: 'id',
			templateHeaderMedia: '999999',
			bodyParameters: { parameters: [{ text: 'Mark' }] },
		});
		expect(r.error.message).toMatch(/is not a valid whatsapp business account media attachment ID .*\[HTTP 400, code 100\]$/);
		expect(r.error.description).toBe(
			"Meta refused the parameter template['components'][0]['parameters'][0]['video']['id']: check the value the node sends for it (see the message).",
		);
	});

	test('100 for an object the token cannot see: check the phone number ID', async () => {
		const r = await run({ resource: 'instance', operation: 'get', instanceId: rl('123456789') });
		expect(r.error.message).toMatch(/Object with ID '123456789' does not exist.*\(error_subcode 33, fbtrace_id \S+\) \[HTTP 400, code 100\]$/);
		expect(r.error.description).toMatch(/check the Instance \(the phone number ID\)/);
	});

	test('a token Meta has expired: 190 with subcode 463, the token never in the error', async () => {
		sb.expireTokens();
		const r = await run(sendText());
		expect(r.error.message).toMatch(/Session has expired \(error_subcode 463, fbtrace_id \S+\) \[HTTP 401, code 190\]$/);
		expect(r.error.description).toMatch(/generate a new system-user token/);
		expect(JSON.stringify({ m: r.error.message, d: r.error.description })).not.toContain(sb.credentials.whatsAppGatewayCloudApi.accessToken);
	});

	test('a token without WhatsApp permissions: Meta\'s permission error and what to grant', async () => {
		const credentials = { whatsAppGatewayCloudApi: { ...sb.credentials.whatsAppGatewayCloudApi, accessToken: demoSecrets.cloud.noScopeToken } };
		const list = await run({ resource: 'instance', operation: 'list' }, { credentials });
		expect(list.error.message).toMatch(/Your app doesn't have permission to access this WhatsApp Business Account.*\[HTTP 403, code 200\]$/);
		expect(list.error.description).toMatch(/whatsapp_business_management/);
		const send = await run(sendText(), { credentials });
		expect(send.error.message).toMatch(/\[HTTP 403, code 10\]$/);
		expect(send.error.description).toMatch(/whatsapp_business_messaging/);
	});

	test('a malformed Graph API version is refused by the credential before any request', async () => {
		const credentials = { whatsAppGatewayCloudApi: { ...sb.credentials.whatsAppGatewayCloudApi, graphApiVersion: '25.0' } };
		const r = await run(sendText(), { credentials });
		expect(r.error.message).toMatch(/The Graph API Version "25\.0" .* is not a version: write it like v25\.0/);
		expect(sb.log).toHaveLength(0);
	});
});

describe('retries', () => {
	test.each([130429, 131056])('a send refused with %i (HTTP 400) twice is sent again and accepted once', async (code) => {
		fault(code, { count: 2 });
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^wamid\./) });
		expect(sendsReceived().map((e) => e.status)).toEqual([400, 400, 200]);
		expect(sb.state.cloud.sent).toHaveLength(1);
	});

	test('80007 on a read is retried too', async () => {
		sb.configure('cloud', { faults: [{ kind: 'status', status: 400, code: 80007, path: '/phone_numbers', count: 1 }] });
		const r = await run({ resource: 'instance', operation: 'list' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(3);
		expect(sb.requests('cloud', { path: graph(`/${sb.ids.cloudWabaId}/phone_numbers`) }).map((e) => e.status)).toEqual([400, 200]);
	});

	test('the sandbox\'s throughput limit (130429, no Retry-After): every send goes out exactly once', async () => {
		sb.configure('cloud', { rateLimit: { requestsPerSecond: 2 } });
		const r = await run(sendText({ to: '={{ $json.to }}', options: { maxRetries: 8, maxRequestsPerSecond: 100 } }), {
			input: ['16505551231', '16505551232', '16505551233', '16505551234', '16505551236'].map((to) => ({ json: { to } })),
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
		expect(sendsReceived().some((e) => e.status === 400)).toBe(true);
		expect(sb.state.cloud.sent.map((s) => s.to).sort()).toEqual(['16505551231', '16505551232', '16505551233', '16505551234', '16505551236']);
	});

	test('a 500 on a send is not sent again (it may have gone out); a read is retried', async () => {
		sb.configure('cloud', { faults: [{ kind: 'status', status: 500, path: '/messages', count: 1 }] });
		const r = await run(sendText());
		expect(r.error.message).toMatch(/\[HTTP 500, code 2\]$/);
		expect(sendsReceived()).toHaveLength(1);
		sb.configure('cloud', { faults: [{ kind: 'status', status: 500, path: `/${pid}`, count: 1 }] });
		const get = await run({ resource: 'instance', operation: 'get', instanceId: rl(pid) });
		expect(get.error).toBeUndefined();
		expect(get.items[0].id).toBe(pid);
	});
});
