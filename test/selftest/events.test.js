// @ts-check
// Inbound events: bodies match the documented payloads of each provider, headers are the provider's, and the
// WSAPI signature verifies independently with node:crypto over the raw body.
const { createHmac, timingSafeEqual } = require('node:crypto');
const { useSandbox } = require('../support/sandbox');
const { startReceiver, closeClient } = require('./helpers');

// Reset after each test, before the test's receiver closes (jest runs the afterEach hooks in this order).
const sb = useSandbox({ reset: 'afterEach' });
let receiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await receiver.close();
});
afterAll(closeClient);

function verify(raw, header, secret) {
	const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
	const got = Buffer.from(String(header));
	return got.length === expected.length && timingSafeEqual(got, expected);
}

describe('WaAPI', () => {
	test('message: {event, instanceId, data.message} with the eazeWA User-Agent', async () => {
		const r = await sb.sendEvent('waapi', 'message', { url: receiver.url, from: '4915112345678', text: 'Is my order on the way?', messageId: '3EB0ABCDEF', timestamp: 1788550000 });
		expect(r.status).toBe(200);
		const [got] = receiver.received;
		expect(got.headers['user-agent']).toBe('eazeWA Webhook User Agent');
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.json).toMatchObject({
			event: 'message',
			instanceId: '101',
			data: { message: { id: { _serialized: 'false_4915112345678@c.us_3EB0ABCDEF', fromMe: false }, body: 'Is my order on the way?', type: 'chat', from: '4915112345678@c.us', to: '4915199999999@c.us', timestamp: 1788550000, hasMedia: false } },
		});
	});
	test('message_create is from me, message_ack carries ack, state events carry their data', () => {
		const created = sb.eventBody('waapi', 'message_create', { to: '4915112345678', messageId: 'X1' });
		expect(created.data.message.id).toMatchObject({ fromMe: true, _serialized: 'true_4915112345678@c.us_X1' });
		expect(created.data.message.fromMe).toBe(true);
		const ack = sb.eventBody('waapi', 'message_ack', { ack: 3, to: '4915112345678', messageId: '3EB0ABCDEF' });
		expect(ack).toMatchObject({ event: 'message_ack', data: { ack: 3, message: { id: { _serialized: 'true_4915112345678@c.us_3EB0ABCDEF' }, to: '4915112345678@c.us' } } });
		expect(sb.eventBody('waapi', 'ready', {})).toEqual({ event: 'ready', instanceId: '101', data: { status: 'ready' } });
		expect(sb.eventBody('waapi', 'qr', { instanceId: '102' }).data.qr).toMatch(/^2@/);
		expect(sb.eventBody('waapi', 'disconnected', {}).data).toEqual({ reason: 'LOGOUT' });
		expect(sb.eventBody('waapi', 'change_state', { state: 'CONNECTED' }).data).toEqual({ state: 'CONNECTED' });
		expect(sb.eventBody('waapi', 'vote_update', { data: { vote: 1 } })).toEqual({ event: 'vote_update', instanceId: '101', data: { vote: 1 } });
	});
});

describe('On-Premises', () => {
	test('message: flat {contacts, messages} with a string unix timestamp', async () => {
		await sb.sendEvent('onPremises', 'message', { url: receiver.url, from: '16315551234', text: 'Hello this is an answer', messageId: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf', timestamp: 1518694235 });
		expect(receiver.received[0].json).toEqual({
			contacts: [{ profile: { name: 'Kerry Fisher' }, wa_id: '16315551234' }],
			messages: [{ from: '16315551234', id: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf', timestamp: '1518694235', type: 'text', text: { body: 'Hello this is an answer' } }],
		});
	});
	test('status with errors, batch, errors-only', () => {
		const errors = [{ code: 470, title: 'Failed to send message because you are outside the support window' }];
		expect(sb.eventBody('onPremises', 'status', { status: 'failed', messageId: 'gBGG1', to: '12064001000', timestamp: 1533332775, errors })).toEqual({
			statuses: [{ id: 'gBGG1', recipient_id: '12064001000', status: 'failed', timestamp: '1533332775', errors }],
		});
		const batch = sb.eventBody('onPremises', 'batch', {});
		expect(batch.messages).toHaveLength(3);
		expect(batch.contacts).toHaveLength(3);
		expect(batch.statuses).toHaveLength(2);
		expect(batch.statuses.every((s) => typeof s.timestamp === 'string')).toBe(true);
		expect(Object.keys(sb.eventBody('onPremises', 'errors', {}))).toEqual(['errors']);
	});
});

describe('WSAPI', () => {
	test('message: envelope with eventData, X-Instance-Id, and a signature that verifies', async () => {
		const r = await sb.sendEvent('wsapi', 'message', { url: receiver.url, from: '1234567890', text: 'Hello, world!', messageId: '0123456789012345' });
		expect(r.status).toBe(200);
		const [got] = receiver.received;
		expect(got.headers['x-instance-id']).toBe(sb.ids.wsapiInstanceId);
		expect(verify(got.raw, got.headers['x-webhook-signature'], sb.credentials.wsApiApi.webhookSigningSecret)).toBe(true);
		expect(verify(got.raw, got.headers['x-webhook-signature'], 'another-secret')).toBe(false);
		expect(got.json).toMatchObject({
			eventId: expect.stringMatching(/^evt_\d+_[0-9a-f]{16}$/),
			instanceId: 'ins_demo1',
			receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			eventType: 'message',
			eventData: { id: '0123456789012345', chatId: '1234567890@s.whatsapp.net', sender: { id: '1234567890@s.whatsapp.net', phone: '1234567890', isMe: false }, isGroup: false, type: 'text', text: 'Hello, world!' },
		});
		expect(Object.keys(got.json).sort()).toEqual(['eventData', 'eventId', 'eventType', 'instanceId', 'receivedAt']);
		// isStatus is omitempty in the server's MessageEvent: absent when false.
		expect(got.json.eventData).not.toHaveProperty('isStatus');
	});
	test('the signing secret follows the instance settings; an instance without one sends unsigned', async () => {
		await sb.sendEvent('wsapi', 'logged_in', { url: receiver.url, instanceId: 'ins_demo2' });
		expect(receiver.received[0].headers['x-webhook-signature']).toBeUndefined();
		sb.state.wsapi.instances[1].signingSecret = 'set-later';
		await sb.sendEvent('wsapi', 'logged_out', { url: receiver.url, instanceId: 'ins_demo2', reason: 'api_logout' });
		const second = receiver.received[1];
		expect(verify(second.raw, second.headers['x-webhook-signature'], 'set-later')).toBe(true);
		expect(second.json.eventData).toEqual({ reason: 'api_logout' });
		await sb.sendEvent('wsapi', 'message', { url: receiver.url, secret: 'explicit' });
		expect(verify(receiver.received[2].raw, receiver.received[2].headers['x-webhook-signature'], 'explicit')).toBe(true);
	});
	test('isMe messages, message_read, system events and pass-through types', () => {
		const mine = sb.eventBody('wsapi', 'message', { isMe: true, to: '1234567890' });
		expect(mine.eventData.sender).toMatchObject({ isMe: true, phone: '4915177777777' });
		expect(mine.eventData.chatId).toBe('1234567890@s.whatsapp.net');
		const read = sb.eventBody('wsapi', 'message_read', { messageId: 'ABC', from: '1234567890' });
		expect(read.eventData).toMatchObject({ chatId: '1234567890@s.whatsapp.net', messageIds: ['ABC'], receiptType: 'read', sender: { isMe: false } });
		expect(sb.eventBody('wsapi', 'login_error', { error: 'timeout' }).eventData).toEqual({ id: '', error: 'timeout' });
		expect(sb.eventBody('wsapi', 'initial_sync_finished', {}).eventData).toEqual({});
		expect(sb.eventBody('wsapi', 'call_offer', { eventData: { callId: 'c1' } })).toMatchObject({ eventType: 'call_offer', eventData: { callId: 'c1' } });
	});
});

describe('LID senders, reactions, edits, receipts', () => {
	test('WaAPI: a sender known only by its LID is …@lid in from, id.remote and _serialized', () => {
		const body = sb.eventBody('waapi', 'message_lid', { messageId: 'AC1' });
		expect(body.event).toBe('message');
		expect(body.data.message).toMatchObject({
			from: '123456789012345@lid', to: '4915199999999@c.us',
			id: { fromMe: false, remote: '123456789012345@lid', _serialized: 'false_123456789012345@lid_AC1' },
		});
		const inGroup = sb.eventBody('waapi', 'message', { from: '120363025555555555@g.us', author: '123456789012345@lid' });
		expect(inGroup.data.message).toMatchObject({ from: '120363025555555555@g.us', author: '123456789012345@lid' });
	});
	test('WSAPI: a LID-only sender has id = lid and no phone; the chat stays …@lid', () => {
		const body = sb.eventBody('wsapi', 'message_lid', {});
		expect(body.eventType).toBe('message');
		expect(body.eventData.chatId).toBe('123456789012345@lid');
		expect(body.eventData.sender).toEqual({ id: '123456789012345@lid', lid: '123456789012345@lid', isMe: false });
	});
	test('WSAPI: a reaction is type reaction with reaction {messageId, emoji} and no text', () => {
		const body = sb.eventBody('wsapi', 'reaction', { reactionTo: 'ORIG1', emoji: '❤️' });
		expect(body.eventType).toBe('message');
		expect(body.eventData).toMatchObject({ type: 'reaction', reaction: { messageId: 'ORIG1', emoji: '❤️' } });
		expect(body.eventData).not.toHaveProperty('text');
	});
	test('WSAPI: an edit is type text with the new text, isEdit and edit {originalMessageTime, originalMessageId}', () => {
		const body = sb.eventBody('wsapi', 'edit', { text: 'fixed typo', editOf: 'ORIG2' });
		expect(body.eventData).toMatchObject({ type: 'text', text: 'fixed typo', isEdit: true, edit: { originalMessageId: 'ORIG2', originalMessageTime: expect.any(String) } });
	});
	test('WSAPI receipts: from the other user about our message (sender.isMe false, no messageSender) or from our own device', () => {
		const theirs = sb.eventBody('wsapi', 'message_read', { from: '1234567890' });
		expect(theirs.eventData.sender).toMatchObject({ phone: '1234567890', isMe: false });
		expect(theirs.eventData).not.toHaveProperty('messageSender');
		const mine = sb.eventBody('wsapi', 'message_read', { fromMe: false, isGroup: true, chatId: '120363025555555555@g.us', author: '1234567890' });
		expect(mine.eventData).toMatchObject({ receiptType: 'readSelf', sender: { phone: '4915177777777', isMe: true }, messageSender: { phone: '1234567890', isMe: false } });
	});
});

describe('deliverEvent: to the URLs the provider\'s own configuration names', () => {
	test('WaAPI: the instance webhook (when its events name the event) and every subscription naming it', async () => {
		const other = await startReceiver();
		try {
			const instance = sb.state.waapi.instances[0];
			instance.webhook_url = `${receiver.url}?who=instance`;
			instance.webhook_events = ['message'];
			instance.subscriptions.push(
				{ id: 1, url: `${other.url}?who=sub1`, events: ['message', 'message_ack'], source: 'n8n', isActive: true, createdAt: '' },
				{ id: 2, url: `${other.url}?who=sub2`, events: ['message_ack'], source: 'n8n', isActive: true, createdAt: '' },
			);
			const message = await sb.deliverEvent('waapi', 'message', {});
			expect(message.deliveries.map((d) => [d.url.split('?')[1], d.status])).toEqual([['who=instance', 200], ['who=sub1', 200]]);
			const ack = await sb.deliverEvent('waapi', 'message_ack', {});
			expect(ack.deliveries.map((d) => d.url.split('?')[1])).toEqual(['who=sub1', 'who=sub2']);
			expect(receiver.received).toHaveLength(1);
			expect(other.received.map((r) => r.url)).toEqual(['/hook?who=sub1', '/hook?who=sub1', '/hook?who=sub2']);
			expect(other.received[0].json).toEqual(message.sent);
		} finally {
			await other.close();
		}
	});
	test('WSAPI: the instance webhookUrl, by its filters; system events always', async () => {
		const instance = sb.state.wsapi.instances[0];
		instance.webhookUrl = receiver.url;
		instance.eventFilters = ['message_read'];
		expect((await sb.deliverEvent('wsapi', 'message', {})).deliveries).toEqual([]);
		expect((await sb.deliverEvent('wsapi', 'logged_out', {})).deliveries).toHaveLength(1);
		expect((await sb.deliverEvent('wsapi', 'message_read', {})).deliveries).toHaveLength(1);
		expect(receiver.received.map((r) => r.json.eventType)).toEqual(['logged_out', 'message_read']);
	});
	test('On-Premises: webhooks.url; nothing configured → no delivery', async () => {
		expect((await sb.deliverEvent('onPremises', 'message', {})).deliveries).toEqual([]);
		sb.state.onPremises.settings.webhooks.url = receiver.url;
		expect((await sb.deliverEvent('onPremises', 'status', {})).deliveries).toHaveLength(1);
		expect(receiver.received[0].json).toHaveProperty('statuses');
	});
});

describe('Crisp', () => {
	test.each([
		['urn:crisp.im:whatsapp:0', '+33612345678'],
		['chat', 'visitor493603'],
		['email', 'visitor493603'],
		['urn:crisp.im:messenger:0', 'visitor493603'],
	])('message:send from origin %s; the user has a nickname and no phone', (origin, nickname) => {
		const body = sb.eventBody('crisp', 'message_send', { origin });
		expect(body.data.origin).toBe(origin);
		expect(body.data.user).toEqual({ nickname, user_id: body.data.session_id });
	});

	test('callback bodies and the Web Hook message:send', async () => {
		expect(sb.eventBody('crisp', 'callback_success', { request_id: 'r1' })).toEqual({
			error: false, reason: 'template_sent', data: { request_id: 'r1', crisp_fingerprint: expect.any(Number), whatsapp_message_id: expect.any(String), session_id: expect.any(String) },
		});
		expect(sb.eventBody('crisp', 'callback_error', { request_id: 'r2', reason: 'template_paused' })).toEqual({ error: true, reason: 'template_paused', data: { request_id: 'r2' } });
		await sb.sendEvent('crisp', 'message_send', { url: receiver.url, sessionId: 'session_abc', text: 'Hey :)', timestamp: 1506985696616 });
		expect(receiver.received[0].json).toMatchObject({
			website_id: sb.ids.crispWebsiteId,
			event: 'message:send',
			data: { website_id: sb.ids.crispWebsiteId, session_id: 'session_abc', type: 'text', content: 'Hey :)', from: 'user', origin: 'urn:crisp.im:whatsapp:0', timestamp: 1506985696616, user: { user_id: 'session_abc' } },
			timestamp: 1506985696616,
		});
	});
});

test('sendEvent reports the receiver status', async () => {
	const failing = await startReceiver(401);
	try {
		const r = await sb.sendEvent('waapi', 'ready', { url: failing.url });
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ ok: true });
	} finally {
		await failing.close();
	}
});
