// @ts-check
// Cloud API webhooks through n8n-core's real WebhookContext: Meta-shaped bodies from the sandbox, signed with
// the app secret over the exact bytes, become normalised items (messages of every kind, statuses in forward
// order, echoes, errors, other fields; several entries and changes → several items), only the trigger's own
// number runs the workflow, unsigned or wrongly signed calls get 401, and the GET handshake of a manual setup
// answers the challenge for the Webhook Token only.
const { startSandbox } = require('../sandbox');
const { triggerWebhook } = require('../harness');
const { CONTRACT_FIELDS, expectContractShape } = require('./helpers');
const { cloudParams, deliverCloud } = require('./cloudHelpers');

const fromCore = (id) => require(require.resolve(id, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

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
beforeEach(() => sb.reset());

const body = (kind, fields = {}) => sb.eventBody('cloud', kind, fields);
const one = async (kind, fields = {}, o = {}) => {
	const r = await deliverCloud(sb, body(kind, fields), o);
	expect(r.status).toBe(200);
	expect(r.items).toHaveLength(1);
	return r.items[0];
};

describe('messages[] → message.received', () => {
	test('text: every contract field, in order', async () => {
		const item = await one('text', { from: '16505551234', text: 'Does it come in another color?', messageId: 'wamid.TEXT1', timestamp: 1749416383 });
		expectContractShape(item);
		expect(item).toEqual({
			provider: 'cloud',
			event: 'message.received',
			instanceId: pid,
			messageId: 'wamid.TEXT1',
			chatId: '16505551234',
			from: '16505551234',
			to: '15550783881',
			fromMe: false,
			type: 'text',
			text: 'Does it come in another color?',
			status: null,
			timestamp: new Date(1749416383 * 1000).toISOString(),
			requestId: null,
			error: null,
			dedupeKey: 'cloud|wamid.TEXT1|message.received|',
		});
	});

	test('non-ASCII text arrives whole (Meta signs the \\u-escaped bytes)', async () => {
		expect((await one('text', { text: 'äöå 👍 Grüße' })).text).toBe('äöå 👍 Grüße');
	});

	test.each([
		['image', { caption: 'Taj Mahal' }, 'Taj Mahal'],
		['video', { caption: 'Demo' }, 'Demo'],
		['document', { caption: 'Invoice', filename: 'invoice.pdf' }, 'Invoice'],
		['audio', { voice: true }, null],
		['sticker', {}, null],
	])('%s: the type and the caption', async (kind, fields, text) => {
		const item = await one(kind, fields);
		expect(item).toMatchObject({ event: 'message.received', type: kind, text });
	});

	test('interactive replies and a template quick reply: type and the title as text', async () => {
		expect(await one('button_reply', { replyId: 'cancel-button', title: 'Cancel' })).toMatchObject({ type: 'button_reply', text: 'Cancel' });
		expect(await one('list_reply', { replyId: 'priority_express', title: 'Priority Mail Express' })).toMatchObject({ type: 'list_reply', text: 'Priority Mail Express' });
		expect(await one('button', { payload: 'Unsubscribe', title: 'Unsubscribe me' })).toMatchObject({ type: 'button', text: 'Unsubscribe me' });
	});

	test('reactions (an empty emoji removes one) and locations', async () => {
		expect(await one('reaction', { emoji: '👍' })).toMatchObject({ type: 'reaction', text: '👍' });
		expect(await one('reaction', { emoji: '' })).toMatchObject({ type: 'reaction', text: null });
		expect(await one('location', {})).toMatchObject({ type: 'location', text: 'Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301' });
	});

	test('an unsupported message carries its error', async () => {
		const b = body('text', {});
		const m = b.entry[0].changes[0].value.messages[0];
		delete m.text;
		m.type = 'unsupported';
		m.errors = [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }];
		const r = await deliverCloud(sb, b);
		expect(r.items[0]).toMatchObject({ type: 'unsupported', text: null, error: { code: 131051, title: 'Message type unknown' } });
	});

	test('a sender with a username only: the business-scoped user id stays whole in from and chatId', async () => {
		const item = await one('bsuid', { userId: 'US.13491208655302741918', text: 'hi' });
		expect(item).toMatchObject({ from: 'US.13491208655302741918', chatId: 'US.13491208655302741918', text: 'hi' });
		expect((await one('bsuid', { fromField: true })).from).toBe('US.13491208655302741918');
	});

	test('includeRaw: Meta\'s value for this one message', async () => {
		const item = await one('text', { messageId: 'wamid.RAW1' }, { options: { includeRaw: true } });
		expectContractShape(item, true);
		expect(item.raw).toMatchObject({
			field: 'messages',
			value: { messaging_product: 'whatsapp', metadata: { phone_number_id: pid }, messages: [{ id: 'wamid.RAW1' }], contacts: [expect.any(Object)] },
		});
	});
});

describe('statuses[] → message.status', () => {
	test.each(['sent', 'delivered', 'read', 'deleted'])('%s', async (status) => {
		const item = await one('status', { status, messageId: 'wamid.S1', recipientId: '16505551234' });
		expectContractShape(item);
		expect(item).toMatchObject({ event: 'message.status', instanceId: pid, messageId: 'wamid.S1', status, to: '16505551234', chatId: '16505551234', fromMe: true, error: null });
	});

	test('failed: the first error', async () => {
		const item = await one('status', { status: 'failed', errorCode: 131047 });
		expect(item).toMatchObject({ status: 'failed', error: { code: 131047, title: 'Re-engagement message' } });
	});

	test('several statuses of one message in one POST never move backwards; other messages keep their places', async () => {
		const b = body('status', { status: 'read', messageId: 'wamid.A' });
		const value = b.entry[0].changes[0].value;
		const status = (id, s) => ({ ...value.statuses[0], id, status: s });
		value.statuses = [status('wamid.A', 'read'), status('wamid.B', 'delivered'), status('wamid.A', 'sent'), status('wamid.A', 'delivered')];
		const r = await deliverCloud(sb, b);
		expect(r.items.map((i) => [i.messageId, i.status])).toEqual([
			['wamid.A', 'sent'],
			['wamid.B', 'delivered'],
			['wamid.A', 'delivered'],
			['wamid.A', 'read'],
		]);
	});
});

describe('echoes, errors and other fields', () => {
	test('a message sent from the WhatsApp Business app → message.sent; Ignore Own Messages drops it', async () => {
		const item = await one('echo', { to: '16505551234', text: 'Your order ships today.', messageId: 'wamid.ECHO1' });
		expect(item).toMatchObject({ event: 'message.sent', messageId: 'wamid.ECHO1', from: '15550783881', to: '16505551234', chatId: '16505551234', fromMe: true, type: 'text', text: 'Your order ships today.' });
		const dropped = await deliverCloud(sb, body('echo', {}), { options: { ignoreOwnMessages: true } });
		expect(dropped.status).toBe(200);
		expect(dropped.workflowData).toBeUndefined();
		expect(dropped.body).toEqual({ received: true, emitted: 0 });
	});

	test('errors[] → other with the error; a template status update → other with its field and raw', async () => {
		expect(await one('errors', { errorCode: 130429 })).toMatchObject({ event: 'other', instanceId: pid, type: 'error', error: { code: 130429, title: 'Rate limit hit' } });
		const change = await one('change', {});
		expect(change).toMatchObject({ event: 'other', instanceId: null, type: 'message_template_status_update' });
		expect(change.raw).toMatchObject({ field: 'message_template_status_update', value: { event: 'APPROVED' }, entryId: sb.ids.cloudWabaId });
	});

	test('one POST with several entries and changes: one item each, the other number\'s left out', async () => {
		const b = body('batch', { phoneNumberId: pid });
		const mine = await deliverCloud(sb, b);
		expect(mine.items.map((i) => [i.event, i.instanceId, i.text ?? i.status])).toEqual([
			['message.received', pid, 'Batch message 1'],
			['message.received', pid, 'Batch message 2'],
			['message.status', pid, 'delivered'],
			['message.status', pid, 'read'],
		]);
		const theirs = await deliverCloud(sb, b, { pid: other });
		expect(theirs.items.map((i) => [i.event, i.instanceId, i.from, i.text])).toEqual([['message.received', other, '4915112345678', 'Batch message 3']]);
	});

	test('every item of every event has the contract fields', async () => {
		const r = await deliverCloud(sb, body('batch', {}));
		for (const item of r.items) for (const f of CONTRACT_FIELDS) expect(item).toHaveProperty(f);
	});

	test('an event for another number is acknowledged without a run', async () => {
		const r = await deliverCloud(sb, body('text', { phoneNumberId: other }));
		expect(r.status).toBe(200);
		expect(r.workflowData).toBeUndefined();
		expect(r.body).toEqual({ received: true, emitted: 0 });
	});

	test('only the selected events run the workflow; Deduplicate drops a repeated delivery', async () => {
		const statusOnly = await deliverCloud(sb, body('text', {}), { events: ['message.status'] });
		expect(statusOnly.workflowData).toBeUndefined();
		const staticData = {};
		const b = body('text', { messageId: 'wamid.DUP' });
		const first = await deliverCloud(sb, b, { staticData, options: { deduplicate: true }, workflowId: 'wf-dedupe' });
		const again = await deliverCloud(sb, b, { staticData, options: { deduplicate: true }, workflowId: 'wf-dedupe' });
		expect(first.items).toHaveLength(1);
		expect(again.workflowData).toBeUndefined();
	});
});

describe('bodies that are not Cloud webhooks → 400 naming the field, no run', () => {
	test.each([
		['no entry', { object: 'whatsapp_business_account' }, /entry: Required/],
		['another object', { object: 'page', entry: [{ id: '1', changes: [] }] }, /object: Invalid literal value/],
		['a message without id', null, /entry\.0\.changes\.0\.value\.messages\.0\.id: Required/],
		['statuses that are not a list', 'statuses', /entry\.0\.changes\.0\.value\.statuses: Expected array/],
	])('%s', async (_, given, problem) => {
		let b = given;
		if (given === null) {
			b = body('text', {});
			delete b.entry[0].changes[0].value.messages[0].id;
		} else if (given === 'statuses') {
			b = body('status', {});
			b.entry[0].changes[0].value.statuses = 'delivered';
		}
		const r = await deliverCloud(sb, b);
		expect(r.status).toBe(400);
		expect(r.body.message).toMatch(problem);
		expect(r.workflowData).toBeUndefined();
	});
});

describe('X-Hub-Signature-256', () => {
	/** @param {any} r */
	const refused = (r) => {
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ code: 401, message: 'Unauthorized: missing or wrong X-Hub-Signature-256' });
		expect(r.workflowData).toBeUndefined();
		expect(r.items).toEqual([]);
	};

	test('missing, wrong secret, other bytes, malformed → 401 and no run; the warning holds no secret', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		try {
			const b = body('text', {});
			refused(await deliverCloud(sb, b, { secret: null }));
			refused(await deliverCloud(sb, b, { secret: 'not-the-app-secret' }));
			const { hubSignature, serialize } = require('../sandbox/cloudEvents');
			const signature = hubSignature(serialize({ ...b, entry: [] }), sb.credentials.whatsAppGatewayCloudApi.appSecret);
			refused(await deliverCloud(sb, b, { signature }));
			refused(await deliverCloud(sb, b, { signature: 'sha256=zz' }));
			const logged = JSON.stringify(warn.mock.calls);
			expect(logged).toContain('refused a WhatsApp Cloud API call with a missing or wrong X-Hub-Signature-256');
			expect(logged).not.toContain(sb.credentials.whatsAppGatewayCloudApi.appSecret);
		} finally {
			warn.mockRestore();
		}
	});

	test('the sandbox\'s own delivery (Meta\'s bytes and signature) is accepted', async () => {
		const b = body('text', { text: 'signed by Meta' });
		const { serialize, hubSignature } = require('../sandbox/cloudEvents');
		const raw = Buffer.from(serialize(b));
		const r = await deliverCloud(sb, b, { rawBody: raw, signature: hubSignature(raw, sb.state.cloud.appSecret) });
		expect(r.items[0].text).toBe('signed by Meta');
	});

	test('a credential without an app secret: every call is refused', async () => {
		const credentials = { whatsAppGatewayCloudApi: { ...sb.credentials.whatsAppGatewayCloudApi, appSecret: '' } };
		refused(await deliverCloud(sb, body('text', {}), { credentials }));
	});
});

describe('GET handshake (manual setup: the Webhook Token is the verify token)', () => {
	const handshake = (query, extra = { webhookSetup: 'manual', webhookToken: 'my-manual-verify-token' }) =>
		triggerWebhook({
			webhookName: 'setup',
			method: 'GET',
			parameters: cloudParams({ pid, extra }),
			credentials: { whatsAppGatewayCloudApi: sb.credentials.whatsAppGatewayCloudApi },
			query,
		});

	test('the right token: 200 with exactly the challenge as text/plain, no run', async () => {
		const r = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-manual-verify-token', 'hub.challenge': '1158201444' });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toMatch(/^text\/plain/);
		expect(String(r.body)).toBe('1158201444');
		expect(r.workflowData).toBeUndefined();
	});

	test.each([
		['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guessed', 'hub.challenge': '1' }],
		['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
		['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'my-manual-verify-token', 'hub.challenge': '1' }],
	])('%s: 403, the challenge not echoed', async (_, query) => {
		const r = await handshake(query);
		expect(r.status).toBe(403);
		expect(r.body).toEqual({ code: 403, message: 'Forbidden: wrong verify token' });
	});
});

describe('the trigger description for Cloud', () => {
	const { NodeHelpers } = require('n8n-workflow');
	const { WhatsAppGatewayTrigger } = require('../../nodes/WhatsAppGatewayTrigger/WhatsAppGatewayTrigger.node');
	const d = new WhatsAppGatewayTrigger().description;
	const names = (values) => d.properties.filter((p) => NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, d)).map((p) => p.name);

	test('Webhook Setup first; the Webhook Token only for manual setup; the instance is required; its events', () => {
		const automatic = names({ provider: 'cloud', webhookSetup: 'automatic' });
		expect(automatic).toEqual(['provider', 'cloudNotice', 'instanceId', 'webhookSetup', 'events', 'options']);
		expect(names({ provider: 'cloud', webhookSetup: 'manual' })).toEqual(['provider', 'cloudNotice', 'instanceId', 'webhookSetup', 'webhookToken', 'events', 'options']);
		const instance = d.properties.find((p) => p.name === 'instanceId' && p.displayOptions?.show?.provider?.includes('cloud'));
		expect(instance).toMatchObject({ required: true, type: 'resourceLocator' });
		const events = d.properties.find((p) => p.name === 'events' && p.displayOptions?.show?.provider?.includes('cloud'));
		expect(events.options.map((o) => o.value).sort()).toEqual(['message.received', 'message.sent', 'message.status', 'other']);
		expect(events.default).toEqual(['message.received']);
		// Crisp still asks for its token, whatever a Cloud-only parameter says.
		expect(names({ provider: 'crisp' })).toContain('webhookToken');
		expect(d.credentials.filter((c) => NodeHelpers.displayParameter({ provider: 'cloud' }, c, { typeVersion: 1 }, d)).map((c) => c.name)).toEqual(['whatsAppGatewayCloudApi']);
	});
});
