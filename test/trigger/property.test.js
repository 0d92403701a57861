// @ts-check
// Property-based: whatever arrives (arbitrary JSON values, provider-shaped bodies with arbitrary field values,
// arbitrary bytes, as JSON or as text), webhook() never throws: it answers 200 with well-formed items, its own
// 400, or (unsigned / wrong token) 401; n8n's own 422 is the only other answer (JSON it cannot parse).
// Each run is a real HTTP call through n8n-core's WebhookContext (the harness's triggerWebhook).
const fc = require('fast-check');
const { useSandbox } = require('../support/sandbox');
const { CONTRACT_FIELDS, deliver } = require('./helpers');
// A thousand webhook calls through the engine: seconds alone, a minute and more on a loaded 2-core machine.
jest.setTimeout(300_000);

const GATEWAY_EVENTS = ['message.received', 'message.sent', 'message.status', 'template.result', 'instance.status', 'other'];
const RUNS = 1000;

const sb = useSandbox({ reset: false });

const anything = fc.jsonValue({ maxDepth: 4 });
const maybe = (arb) => fc.option(arb, { nil: undefined });
const strOrNum = fc.oneof(fc.string(), fc.integer(), fc.double());

/** Bodies that get past the envelope check, so the inner parsing meets arbitrary values too. */
const shaped = {
	waapi: fc.record(
		{
			event: fc.oneof(fc.constantFrom('message', 'message_create', 'message_ack', 'ready', 'change_state', 'auth_failure', 'call'), fc.string()),
			instanceId: fc.oneof(strOrNum, anything),
			data: fc.oneof(
				anything,
				fc.record({ ack: fc.oneof(fc.integer({ min: -2, max: 6 }), anything), message: fc.oneof(anything, fc.record({ id: fc.oneof(fc.string(), anything), fromMe: anything, from: anything, to: anything, body: anything, timestamp: fc.oneof(strOrNum, anything), type: anything }, { requiredKeys: [] })) }, { requiredKeys: [] }),
			),
		},
		{ requiredKeys: [] },
	),
	onPremises: fc.record(
		{
			contacts: fc.oneof(anything, fc.array(anything, { maxLength: 3 })),
			messages: fc.oneof(anything, fc.array(fc.record({ id: fc.oneof(fc.string(), anything), from: anything, timestamp: fc.oneof(strOrNum, anything), type: anything, text: fc.oneof(anything, fc.record({ body: anything })), group_id: anything, errors: anything }, { requiredKeys: [] }), { maxLength: 4 })),
			statuses: fc.oneof(anything, fc.array(fc.record({ id: fc.oneof(fc.string(), anything), recipient_id: anything, status: fc.oneof(fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted'), anything), timestamp: fc.oneof(strOrNum, anything), errors: fc.oneof(anything, fc.array(fc.record({ code: anything, title: anything }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] }), { maxLength: 4 })),
			errors: fc.oneof(anything, fc.array(fc.record({ code: anything, title: anything }, { requiredKeys: [] }), { maxLength: 3 })),
		},
		{ requiredKeys: [] },
	),
	wsapi: fc.record(
		{
			eventId: anything,
			instanceId: fc.oneof(strOrNum, anything),
			receivedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anything),
			eventType: fc.oneof(fc.constantFrom('message', 'message_read', 'logged_in', 'logged_out', 'login_error', 'initial_sync_finished', 'group'), fc.string()),
			eventData: fc.oneof(anything, fc.record({ id: anything, time: anything, chatId: anything, sender: fc.oneof(anything, fc.record({ id: anything, phone: anything, isMe: anything }, { requiredKeys: [] })), type: anything, text: anything, media: anything, messageIds: fc.oneof(anything, fc.array(strOrNum, { maxLength: 3 })), receiptType: fc.oneof(fc.string(), anything), reason: anything, error: anything }, { requiredKeys: [] })),
		},
		{ requiredKeys: [] },
	),
	crisp: fc.oneof(
		fc.record({ error: anything, reason: anything, message: anything, data: fc.oneof(anything, fc.record({ request_id: fc.oneof(fc.string(), anything), whatsapp_message_id: anything, session_id: anything, error: anything }, { requiredKeys: [] })) }, { requiredKeys: [] }),
		fc.record({ website_id: anything, event: fc.oneof(fc.constant('message:send'), fc.string(), anything), timestamp: fc.oneof(strOrNum, anything), data: fc.oneof(anything, fc.record({ session_id: anything, type: anything, content: anything, from: fc.oneof(fc.constant('user'), anything), fingerprint: fc.oneof(strOrNum, anything), timestamp: fc.oneof(strOrNum, anything), user: anything }, { requiredKeys: [] })) }, { requiredKeys: [] }),
	),
};

/** One delivery: a JSON value (shaped or not) or raw bytes, sent as JSON or as text. */
const delivery = (provider) =>
	fc.record({
		payload: fc.oneof(
			{ weight: 2, arbitrary: shaped[provider].map((value) => ({ kind: 'json', value })) },
			{ weight: 1, arbitrary: anything.map((value) => ({ kind: 'json', value })) },
			{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes', value: Buffer.from(bytes) })) },
		),
		contentType: fc.constantFrom('application/json', 'text/plain'),
		// Nine in ten callers authenticate: most runs reach the parser.
		authentic: fc.integer({ min: 0, max: 9 }).map((n) => n !== 0),
		includeRaw: fc.boolean(),
	});

function checkItem(item, provider) {
	expect(item.provider).toBe(provider);
	expect(GATEWAY_EVENTS).toContain(item.event);
	for (const field of CONTRACT_FIELDS) expect(item).toHaveProperty(field);
	if (item.timestamp !== null) expect(new Date(item.timestamp).toISOString()).toBe(item.timestamp);
}

describe.each(['waapi', 'onPremises', 'wsapi', 'crisp'])('%s', (provider) => {
	test(`${RUNS} arbitrary deliveries: 200 with well-formed items, 400, 401 or n8n's 422; never a throw`, async () => {
		const seen = { 200: 0, 400: 0, 401: 0, 422: 0, emitted: 0 };
		await fc.assert(
			fc.asyncProperty(delivery(provider), async ({ payload, contentType, authentic, includeRaw }) => {
				const rawBody = payload.kind === 'bytes' ? payload.value : Buffer.from(JSON.stringify(payload.value) ?? 'null');
				/** @type {any} */
				const o = { rawBody, headers: { 'content-type': contentType }, options: { includeRaw } };
				if (!authentic) {
					if (provider === 'wsapi') o.secret = 'wrong-secret';
					else o.query = { token: 'wrong' };
				}
				const r = await deliver(sb, provider, null, o);
				expect(r.error).toBeUndefined();
				expect(r.unterminated).toBe(false);
				expect([200, 400, 401, 422]).toContain(r.status);
				seen[r.status]++;
				if (!authentic) expect([401, 422]).toContain(r.status);
				if (r.status === 422) expect(r.ran).toBe(false);
				if (r.status === 400 || r.status === 401) {
					expect(r.body.code).toBe(r.status);
					expect(typeof r.body.message).toBe('string');
					expect(r.workflowData).toBeUndefined();
				}
				if (r.status === 200 && r.workflowData !== undefined) {
					expect(r.items.length).toBeGreaterThan(0);
					seen.emitted++;
					for (const item of r.items) checkItem(item, provider);
				}
			}),
			{ numRuns: RUNS },
		);
		// The generators reach every branch: runs, refusals of bodies and of callers.
		expect(seen[200]).toBeGreaterThan(0);
		expect(seen[400]).toBeGreaterThan(0);
		expect(seen[401]).toBeGreaterThan(0);
		expect(seen.emitted).toBeGreaterThan(0);
	});
});
