// @ts-check
// What the trigger does with an authenticated call: unreadable bodies are refused (n8n's 422 for JSON it
// cannot parse, the trigger's 400 for JSON that fits no shape), the events the user chose are emitted,
// the others acknowledged without a run, and options (ignoreOwnMessages, includeRaw, deduplicate) apply.
const { useSandbox } = require('../support/sandbox');
const { deliver } = require('./helpers');

const sb = useSandbox({ reset: false });

describe('unreadable bodies', () => {
	test('malformed JSON sent as application/json: n8n answers 422 before the trigger runs', async () => {
		const r = await deliver(sb, 'waapi', null, { rawBody: '{"event":"message",' });
		expect(r.status).toBe(422);
		expect(r.ran).toBe(false);
		expect(r.workflowData).toBeUndefined();
	});

	test('malformed JSON sent as text/plain reaches the trigger: its own 400', async () => {
		const r = await deliver(sb, 'waapi', null, { rawBody: '{"event":"message",', headers: { 'content-type': 'text/plain' } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ code: 400, message: 'The body is not valid JSON' });
		expect(r.workflowData).toBeUndefined();
	});

	test('a WaAPI webhook sent as text/plain is still read', async () => {
		const body = sb.eventBody('waapi', 'message', { messageId: 'plain-1' });
		const r = await deliver(sb, 'waapi', body, { headers: { 'content-type': 'text/plain' } });
		expect(r.status).toBe(200);
		expect(r.items[0].messageId).toContain('plain-1');
	});

	test.each([
		['waapi', { foo: 1 }, /^Bad request: not a WaAPI webhook body \(event: Required\)$/],
		['waapi', { event: 'message', instanceId: '101', data: 'text' }, /WaAPI "message" event: data/],
		['onPremises', { foo: 1 }, /not a WhatsApp On-Premises webhook body \(\(body\): none of messages, statuses, errors or contacts is present\)/],
		['onPremises', { messages: [{ from: '1' }] }, /messages\.0\.id: Required/],
		['wsapi', [1, 2], /not a WSAPI webhook body/],
		['wsapi', { eventType: 'message', eventData: 5 }, /WSAPI "message" event: eventData/],
		['crisp', {}, /not a Crisp plugin callback .* nor a Crisp Web Hook \(event: Required\)/],
	])('%s: JSON that fits no shape %j → 400 naming the problem, no run', async (provider, body, message) => {
		const r = await deliver(sb, provider, body);
		expect(r.status).toBe(400);
		expect(r.body.code).toBe(400);
		expect(r.body.message).toMatch(message);
		expect(r.workflowData).toBeUndefined();
		expect(r.noWebhookResponse).toBe(true);
	});

	test('authentication comes first: a bad body with a bad token is a 401, not a 400', async () => {
		const r = await deliver(sb, 'waapi', { foo: 1 }, { query: { token: 'nope' } });
		expect(r.status).toBe(401);
	});
});

describe('event selection', () => {
	test('an event the user did not select is acknowledged with 200 and starts no run', async () => {
		const r = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_ack', {}), { events: ['message.received'] });
		expect(r.status).toBe(200);
		expect(r.workflowData).toBeUndefined();
		expect(r.body).toEqual({ received: true, emitted: 0 });
	});

	test('an On-Premises batch emits only the selected kind', async () => {
		const r = await deliver(sb, 'onPremises', sb.eventBody('onPremises', 'batch', {}), { events: ['message.status'] });
		expect(r.items.map((i) => i.event)).toEqual(['message.status', 'message.status']);
	});

	test('other is emitted only when selected', async () => {
		const body = sb.eventBody('wsapi', 'user_presence', { eventData: { status: 'available' } });
		const without = await deliver(sb, 'wsapi', body, { events: ['message.received'] });
		expect(without.workflowData).toBeUndefined();
		const withOther = await deliver(sb, 'wsapi', body, { events: ['other'] });
		expect(withOther.items).toHaveLength(1);
		expect(withOther.items[0].event).toBe('other');
	});
});

describe('options', () => {
	test('ignoreOwnMessages drops messages sent from this number but keeps status updates', async () => {
		const options = { ignoreOwnMessages: true };
		const own = await deliver(sb, 'wsapi', sb.eventBody('wsapi', 'message', { isMe: true }), { options });
		expect(own.workflowData).toBeUndefined();
		const sent = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_create', {}), { options });
		expect(sent.workflowData).toBeUndefined();
		const incoming = await deliver(sb, 'wsapi', sb.eventBody('wsapi', 'message', { isMe: false }), { options });
		expect(incoming.items).toHaveLength(1);
		const status = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_ack', { ack: 3 }), { options });
		expect(status.items.map((i) => [i.event, i.fromMe, i.status])).toEqual([['message.status', true, 'read']]);
	});

	test('includeRaw adds the provider body as raw; without it there is no raw', async () => {
		const body = sb.eventBody('waapi', 'message', {});
		const withRaw = await deliver(sb, 'waapi', body, { options: { includeRaw: true } });
		expect(withRaw.items[0].raw).toEqual(body);
		const without = await deliver(sb, 'waapi', body, {});
		expect(without.items[0]).not.toHaveProperty('raw');
	});

	test('deduplicate: a repeated delivery of the same event is acknowledged without a second run', async () => {
		const staticData = { registration: { url: 'u', instanceId: '101', token: 'dedupe-token', signingSecret: null, previous: null } };
		const body = sb.eventBody('waapi', 'message', { messageId: 'DUP1' });
		const o = { staticData, query: { token: 'dedupe-token' }, options: { deduplicate: true } };
		const first = await deliver(sb, 'waapi', body, o);
		expect(first.items).toHaveLength(1);
		const again = await deliver(sb, 'waapi', body, o);
		expect(again.status).toBe(200);
		expect(again.workflowData).toBeUndefined();
		// Kept in the node's static data, which n8n persists between production executions.
		expect(Object.keys(staticData.seenEvents)).toEqual(['waapi|false_4915112345678@c.us_DUP1|message.received|']);
	});

	test('deduplicate keeps each status change of one message (delivered, then read)', async () => {
		const staticData = { registration: { url: 'u', instanceId: '101', token: 'tok-2', signingSecret: null, previous: null } };
		const o = { staticData, query: { token: 'tok-2' }, options: { deduplicate: true } };
		const delivered = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_ack', { messageId: 'S1', ack: 2 }), o);
		const read = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_ack', { messageId: 'S1', ack: 3 }), o);
		const readAgain = await deliver(sb, 'waapi', sb.eventBody('waapi', 'message_ack', { messageId: 'S1', ack: 3 }), o);
		expect(delivered.items.map((i) => i.status)).toEqual(['delivered']);
		expect(read.items.map((i) => i.status)).toEqual(['read']);
		expect(readAgain.workflowData).toBeUndefined();
	});

	test('deduplicate drops a repeat inside one On-Premises batch and the whole batch when it comes again', async () => {
		const body = sb.eventBody('onPremises', 'batch', {});
		body.statuses.push({ ...body.statuses[1] });
		const staticData = { registration: { url: 'u', instanceId: '', token: 'tok-3', signingSecret: null, previous: null } };
		const o = { staticData, query: { token: 'tok-3' }, options: { deduplicate: true } };
		const first = await deliver(sb, 'onPremises', body, o);
		expect(first.items).toHaveLength(5);
		const again = await deliver(sb, 'onPremises', body, o);
		expect(again.workflowData).toBeUndefined();
	});

	test('without deduplicate a repeated delivery runs again', async () => {
		const body = sb.eventBody('waapi', 'message', { messageId: 'DUP2' });
		expect((await deliver(sb, 'waapi', body)).items).toHaveLength(1);
		expect((await deliver(sb, 'waapi', body)).items).toHaveLength(1);
	});
});
