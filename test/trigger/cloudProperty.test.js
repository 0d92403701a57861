// @ts-check
// Property-based, for the Cloud API trigger: whatever arrives (Cloud-shaped bodies with arbitrary values in
// every field, arbitrary JSON values, arbitrary bytes as text, signed or not; GET handshakes with arbitrary
// queries), the trigger never throws and answers only 200, 400, 401 or 403: a POST 200 with well-formed items
// of the trigger's own number only, its own 400 or 401; a GET 200 with exactly the challenge (only for the
// right verify token) or 403. Each run is a real HTTP call through n8n-core's WebhookContext.
const fc = require('fast-check');
const { startSandbox, demoIds } = require('../sandbox');
const { triggerWebhook } = require('../harness');
const { CONTRACT_FIELDS } = require('./helpers');
const { cloudParams, deliverCloud } = require('./cloudHelpers');
// A thousand webhook calls through the engine: seconds alone, a minute and more on a loaded 2-core machine.
jest.setTimeout(300_000);

const GATEWAY_EVENTS = ['message.received', 'message.sent', 'message.status', 'template.result', 'instance.status', 'other'];
const RUNS = 1000;
const VERIFY_TOKEN = 'fuzz-verify-token-0123456789';

/** @type {any} */
let sb;
/** @type {string} */
let pid;
/** @type {string} */
let other;
beforeAll(async () => {
	sb = await startSandbox();
	[pid, other] = sb.ids.cloudPhoneNumberIds;
});
afterAll(async () => {
	await sb.close();
});

const anything = fc.jsonValue({ maxDepth: 3 });
const strOrNum = fc.oneof(fc.string(), fc.integer(), fc.double());
// Mostly the documented shape, sometimes anything: enough runs get past the parser to reach the normaliser.
const maybe = (arb) => fc.oneof({ weight: 49, arbitrary: arb }, { weight: 1, arbitrary: anything });
const record = (shape, requiredKeys = []) => fc.record(shape, { requiredKeys });

const errorArb = record({ code: maybe(fc.integer({ min: 0, max: 200000 })), title: maybe(fc.string()), message: maybe(fc.string()), error_data: anything });
const mediaArb = record({ id: maybe(strOrNum), caption: maybe(fc.string()), mime_type: maybe(fc.string()) });
const replyArb = record({ id: maybe(fc.string()), title: maybe(fc.string()) });
const messageArb = record({
	id: maybe(fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('wamid.A', 'wamid.B'))),
	from: maybe(fc.oneof(fc.constantFrom('16505551234', 'US.13491208655302741918', '4915112345678@c.us'), fc.string())),
	from_user_id: maybe(fc.string()),
	group_id: maybe(fc.string()),
	timestamp: maybe(strOrNum),
	type: maybe(fc.oneof(fc.constantFrom('text', 'image', 'video', 'document', 'audio', 'sticker', 'interactive', 'button', 'reaction', 'location', 'system', 'unsupported'), fc.string())),
	text: maybe(record({ body: maybe(fc.string()) })),
	image: maybe(mediaArb),
	document: maybe(mediaArb),
	interactive: maybe(record({ type: maybe(fc.constantFrom('button_reply', 'list_reply', 'nfm_reply')), button_reply: maybe(replyArb), list_reply: maybe(replyArb) })),
	button: maybe(record({ payload: maybe(fc.string()), text: maybe(fc.string()) })),
	reaction: maybe(record({ message_id: maybe(fc.string()), emoji: maybe(fc.string()) })),
	location: maybe(record({ name: maybe(fc.string()), address: maybe(fc.string()) })),
	errors: maybe(fc.array(errorArb, { maxLength: 2 })),
}, ['id']);
const statusArb = record({
	id: maybe(fc.constantFrom('wamid.A', 'wamid.B', 'wamid.C')),
	status: maybe(fc.oneof(fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted', 'played'), fc.string())),
	timestamp: maybe(strOrNum),
	recipient_id: maybe(fc.string()),
	recipient_user_id: maybe(fc.string()),
	errors: maybe(fc.array(errorArb, { maxLength: 2 })),
}, ['id']);
const valueArb = record({
	messaging_product: maybe(fc.constant('whatsapp')),
	metadata: maybe(record({ display_phone_number: maybe(fc.string()), phone_number_id: maybe(fc.constantFrom(...demoIds.cloudPhoneNumberIds, '999')) })),
	contacts: maybe(fc.array(anything, { maxLength: 2 })),
	messages: maybe(fc.array(messageArb, { maxLength: 3 })),
	statuses: maybe(fc.array(statusArb, { maxLength: 4 })),
	message_echoes: maybe(fc.array(messageArb, { maxLength: 2 })),
	errors: maybe(fc.array(errorArb, { maxLength: 2 })),
});
// The envelope keeps its documented structure (any JSON value tests a broken one); the values inside vary freely.
const bodyArb = record({
	object: fc.constant('whatsapp_business_account'),
	entry: fc.array(
		record({
			id: strOrNum,
			changes: fc.array(
				record({
					field: fc.oneof(fc.constantFrom('messages', 'smb_message_echoes', 'message_template_status_update', 'account_update'), fc.string()),
					value: fc.oneof({ weight: 4, arbitrary: valueArb }, { weight: 1, arbitrary: anything }),
				}, ['field', 'value']),
				{ maxLength: 3 },
			),
		}, ['changes']),
		{ minLength: 1, maxLength: 3 },
	),
}, ['entry']);

/** One POST: a Cloud-shaped or arbitrary JSON value (as JSON), or arbitrary bytes (as text, as Meta never sends them as JSON). */
const delivery = fc.record({
	payload: fc.oneof(
		{ weight: 8, arbitrary: bodyArb.map((value) => ({ kind: 'json', value })) },
		{ weight: 1, arbitrary: anything.map((value) => ({ kind: 'json', value })) },
		{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'bytes', value: Buffer.from(bytes) })) },
	),
	// Nine in ten callers sign with the app secret: most runs reach the parser.
	authentic: fc.integer({ min: 0, max: 9 }).map((n) => n !== 0),
	includeRaw: fc.boolean(),
});

function checkItem(item) {
	expect(item.provider).toBe('cloud');
	expect(GATEWAY_EVENTS).toContain(item.event);
	for (const field of CONTRACT_FIELDS) expect(item).toHaveProperty(field);
	// Only the trigger's own number (or events that name none) run the workflow.
	expect([null, pid]).toContain(item.instanceId);
	if (item.timestamp !== null) expect(new Date(item.timestamp).toISOString()).toBe(item.timestamp);
	for (const f of ['chatId', 'from', 'to', 'type', 'text', 'messageId']) expect(item[f] === null || typeof item[f] === 'string').toBe(true);
}

test(`${RUNS} arbitrary POSTs: 200 with well-formed items of the own number, 400 or 401; never a throw`, async () => {
	const seen = { 200: 0, 400: 0, 401: 0, emitted: 0 };
	await fc.assert(
		fc.asyncProperty(delivery, async ({ payload, authentic, includeRaw }) => {
			const rawBody = payload.kind === 'bytes' ? payload.value : Buffer.from(JSON.stringify(payload.value) ?? 'null');
			const r = await deliverCloud(sb, null, {
				rawBody,
				headers: { 'content-type': payload.kind === 'bytes' ? 'text/plain' : 'application/json' },
				options: { includeRaw },
				...(authentic ? {} : { secret: 'not-the-app-secret' }),
			});
			expect(r.error).toBeUndefined();
			expect(r.unterminated).toBe(false);
			expect([200, 400, 401]).toContain(r.status);
			seen[r.status]++;
			if (!authentic) expect(r.status).toBe(401);
			if (r.status !== 200) {
				expect(r.body.code).toBe(r.status);
				expect(typeof r.body.message).toBe('string');
				expect(r.workflowData).toBeUndefined();
			}
			if (r.status === 200 && r.workflowData !== undefined) {
				expect(r.items.length).toBeGreaterThan(0);
				seen.emitted++;
				for (const item of r.items) checkItem(item);
			}
		}),
		{ numRuns: RUNS },
	);
	expect(seen[200]).toBeGreaterThan(0);
	expect(seen[400]).toBeGreaterThan(0);
	expect(seen[401]).toBeGreaterThan(0);
	// About one run in ten starts the workflow: the normaliser meets many bodies, not a lucky few.
	expect(seen.emitted).toBeGreaterThan(20);
});

test('300 arbitrary GET handshakes: 200 with exactly the challenge for the right token, else 403', async () => {
	const seen = { 200: 0, 403: 0 };
	const query = record({
		'hub.mode': fc.oneof({ weight: 4, arbitrary: fc.constant('subscribe') }, { weight: 1, arbitrary: fc.string() }),
		'hub.verify_token': fc.oneof({ weight: 2, arbitrary: fc.constant(VERIFY_TOKEN) }, { weight: 1, arbitrary: fc.string() }),
		// Meta's challenge is a number; a prefix keeps any text from being read back as JSON by the harness.
		'hub.challenge': fc.string({ minLength: 1 }).map((s) => `c${s}`),
	});
	await fc.assert(
		fc.asyncProperty(query, async (q) => {
			const r = await triggerWebhook({
				webhookName: 'setup',
				method: 'GET',
				parameters: cloudParams({ pid, extra: { webhookSetup: 'manual', webhookToken: VERIFY_TOKEN } }),
				credentials: { whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi },
				query: q,
			});
			expect(r.error).toBeUndefined();
			expect([200, 403]).toContain(r.status);
			seen[r.status]++;
			const right = q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === VERIFY_TOKEN;
			expect(r.status).toBe(right ? 200 : 403);
			if (right) expect(r.body).toBe(q['hub.challenge'] ?? '');
			expect(r.workflowData).toBeUndefined();
		}),
		{ numRuns: 300 },
	);
	expect(seen[200]).toBeGreaterThan(0);
	expect(seen[403]).toBeGreaterThan(0);
});

test('the own-number filter holds for bodies that mix numbers', async () => {
	const b = sb.eventBody('cloud', 'batch', {});
	const r = await deliverCloud(sb, b, { pid: other });
	expect(r.items.every((i) => i.instanceId === other)).toBe(true);
});
