// @ts-check
// Every provider × every normalised event: real provider-shaped bodies (the sandbox's emitter and the
// provider notes) through the trigger's webhook() in n8n-core's real WebhookContext, every field asserted.
const { useSandbox } = require('../support/sandbox');
const { deliver, expectContractShape, withoutDedupeKey } = require('./helpers');

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();
const T = 1788550000;

const sb = useSandbox({ reset: false });

/** Delivers and returns the emitted items (their dedupeKey checked, then left out), after checking the call started a run. */
async function emitted(provider, body, o = {}) {
	const r = await deliver(sb, provider, body, o);
	expect(r.error).toBeUndefined();
	expect(r.status).toBe(200);
	expect(r.workflowData).toBeDefined();
	for (const item of r.items) expectContractShape(item, o.options?.includeRaw === true || item.event === 'other');
	return r.items.map(withoutDedupeKey);
}

describe('WaAPI', () => {
	test('message → message.received', async () => {
		const body = sb.eventBody('waapi', 'message', { messageId: '3EB0AA11', from: '4915112345678', timestamp: T, text: 'Is my order on the way?' });
		expect(await emitted('waapi', body)).toEqual([
			{
				provider: 'waapi', event: 'message.received', instanceId: '101', messageId: 'false_4915112345678@c.us_3EB0AA11',
				chatId: '4915112345678', from: '4915112345678', to: '4915199999999', fromMe: false, type: 'chat',
				text: 'Is my order on the way?', status: null, timestamp: iso(T), requestId: null, error: null,
			},
		]);
	});

	test('the provider notes sample (numeric instanceId, no remote) → message.received', async () => {
		const body = { event: 'message', instanceId: 123, data: { message: { id: { _serialized: 'false_4915112345678@c.us_3EB0ABCDEF', fromMe: false }, body: 'Is my order on the way?', type: 'chat', from: '4915112345678@c.us', to: '4915199999999@c.us', timestamp: 1788550000, hasMedia: false } } };
		const [item] = await emitted('waapi', body);
		expect(item).toMatchObject({ event: 'message.received', instanceId: '123', messageId: 'false_4915112345678@c.us_3EB0ABCDEF', chatId: '4915112345678', fromMe: false, timestamp: iso(1788550000) });
	});

	test('message_create from me → message.sent', async () => {
		const body = sb.eventBody('waapi', 'message_create', { messageId: '3EB0BB22', to: '4915112345678', timestamp: T, text: 'Your order ships today.' });
		expect(await emitted('waapi', body)).toEqual([
			{
				provider: 'waapi', event: 'message.sent', instanceId: '101', messageId: 'true_4915112345678@c.us_3EB0BB22',
				chatId: '4915112345678', from: '4915199999999', to: '4915112345678', fromMe: true, type: 'chat',
				text: 'Your order ships today.', status: null, timestamp: iso(T), requestId: null, error: null,
			},
		]);
	});

	test('message_create of an incoming message (already reported by `message`) → other, not a second message.received', async () => {
		const body = sb.eventBody('waapi', 'message_create', { messageId: '3EB0CC33', fromMe: false, timestamp: T });
		body.data.message.id.fromMe = false;
		body.data.message.id._serialized = body.data.message.id._serialized.replace(/^true_/, 'false_');
		const [item] = await emitted('waapi', body);
		expect(item.event).toBe('other');
		expect(item.type).toBe('message_create');
		expect(item.raw).toEqual(body);
	});

	test.each([
		[-1, 'failed'],
		[0, 'pending'],
		[1, 'sent'],
		[2, 'delivered'],
		[3, 'read'],
		[4, 'played'],
	])('message_ack %i → message.status %s', async (ack, status) => {
		const body = sb.eventBody('waapi', 'message_ack', { ack, messageId: '3EB0DD44', to: '4915112345678', timestamp: T });
		expect(await emitted('waapi', body)).toEqual([
			{
				provider: 'waapi', event: 'message.status', instanceId: '101', messageId: 'true_4915112345678@c.us_3EB0DD44',
				chatId: '4915112345678', from: '4915199999999', to: '4915112345678', fromMe: true, type: null,
				text: null, status, timestamp: null, requestId: null, error: null,
			},
		]);
	});

	test('an ack code whatsapp-web.js does not define → status null (never a made-up status)', async () => {
		const [item] = await emitted('waapi', sb.eventBody('waapi', 'message_ack', { ack: 9 }));
		expect(item.event).toBe('message.status');
		expect(item.status).toBeNull();
	});

	test.each([
		['ready', {}, 'ready', null],
		['qr', {}, 'qr', null],
		['disconnected', { reason: 'LOGOUT' }, 'disconnected', 'LOGOUT'],
		['change_state', { state: 'CONFLICT' }, 'CONFLICT', null],
	])('%s → instance.status', async (kind, fields, status, text) => {
		const body = sb.eventBody('waapi', kind, fields);
		expect(await emitted('waapi', body)).toEqual([
			{
				provider: 'waapi', event: 'instance.status', instanceId: '101', messageId: null, chatId: null, from: null,
				to: null, fromMe: null, type: null, text, status, timestamp: null, requestId: null, error: null,
			},
		]);
	});

	test('auth_failure, authenticated and loading_screen → instance.status with their own state name', async () => {
		const [failure] = await emitted('waapi', { event: 'auth_failure', instanceId: '101', data: { message: 'Restore session failed' } });
		expect(failure).toMatchObject({ event: 'instance.status', status: 'auth_failure', error: { code: null, title: 'Restore session failed' } });
		const [auth] = await emitted('waapi', { event: 'authenticated', instanceId: '101', data: {} });
		expect(auth).toMatchObject({ event: 'instance.status', status: 'authenticated', error: null });
		const [loading] = await emitted('waapi', { event: 'loading_screen', instanceId: '101', data: { percent: 50 } });
		expect(loading).toMatchObject({ event: 'instance.status', status: 'loading_screen' });
	});

	test('an unknown event type → other with the raw body, nothing dropped', async () => {
		const body = sb.eventBody('waapi', 'vote_update', { data: { vote: { selectedOptions: ['A'] } } });
		expect(await emitted('waapi', body)).toEqual([
			{
				provider: 'waapi', event: 'other', instanceId: '101', messageId: null, chatId: null, from: null, to: null,
				fromMe: null, type: 'vote_update', text: null, status: null, timestamp: null, requestId: null, error: null, raw: body,
			},
		]);
	});
});

describe('WhatsApp On-Premises', () => {
	test('messages[] → message.received', async () => {
		const body = sb.eventBody('onPremises', 'message', { messageId: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf', from: '16315551234', timestamp: 1518694235, text: 'Hello this is an answer' });
		expect(await emitted('onPremises', body)).toEqual([
			{
				provider: 'onPremises', event: 'message.received', instanceId: null, messageId: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf',
				chatId: '16315551234', from: '16315551234', to: null, fromMe: false, type: 'text', text: 'Hello this is an answer',
				status: null, timestamp: '2018-02-15T11:30:35.000Z', requestId: null, error: null,
			},
		]);
	});

	test('a group image message: chatId is the group, text the caption', async () => {
		const body = { contacts: [{ profile: { name: 'Kerry' }, wa_id: '16315551234' }], messages: [{ from: '16315551234', group_id: '16315551234-1518694235', id: 'ABG1', timestamp: '1518694235', type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'Look' } }] };
		const [item] = await emitted('onPremises', body);
		expect(item).toMatchObject({ event: 'message.received', chatId: '16315551234-1518694235', from: '16315551234', type: 'image', text: 'Look' });
	});

	test.each(['sent', 'delivered', 'read', 'deleted'])('statuses[] %s → message.status', async (status) => {
		const body = sb.eventBody('onPremises', 'status', { messageId: 'gBGGEgZHMlEfAgkM1RBkhDRr7t8', recipientId: '12064001000', status, timestamp: 1533332775 });
		expect(await emitted('onPremises', body)).toEqual([
			{
				provider: 'onPremises', event: 'message.status', instanceId: null, messageId: 'gBGGEgZHMlEfAgkM1RBkhDRr7t8',
				chatId: '12064001000', from: null, to: '12064001000', fromMe: true, type: null, text: null, status,
				timestamp: iso(1533332775), requestId: null, error: null,
			},
		]);
	});

	test('a failed status carries statuses[].errors[0] as error {code, title}', async () => {
		const title = 'Failed to send message because you are outside the support window for freeform messages to this user. Please use a valid HSM notification or reconsider.';
		const body = sb.eventBody('onPremises', 'status', { messageId: 'gBGG470', recipientId: '12064001000', status: 'failed', timestamp: 1533332775, errors: [{ code: 470, title }] });
		const [item] = await emitted('onPremises', body);
		expect(item).toMatchObject({ event: 'message.status', status: 'failed', error: { code: 470, title } });
	});

	test('one POST with 3 messages and 2 statuses → 5 items, in order', async () => {
		const body = sb.eventBody('onPremises', 'batch', { timestamp: T });
		expect(body.messages).toHaveLength(3);
		expect(body.statuses).toHaveLength(2);
		const items = await emitted('onPremises', body);
		expect(items.map((i) => [i.event, i.messageId, i.status])).toEqual([
			['message.received', 'ABGGbatch1', null],
			['message.received', 'ABGGbatch2', null],
			['message.received', 'ABGGbatch3', null],
			['message.status', 'gBGGbatch1', 'delivered'],
			['message.status', 'gBGGbatch2', 'read'],
		]);
		expect(items.slice(0, 3).map((i) => [i.from, i.text])).toEqual([
			['16315551231', 'Batch message 1'],
			['16315551232', 'Batch message 2'],
			['16315551233', 'Batch message 3'],
		]);
		for (const item of items) expect(item.timestamp).toBe(iso(T));
	});

	test('errors[] → other with error {code, title} and the raw error', async () => {
		const body = sb.eventBody('onPremises', 'errors', {});
		expect(await emitted('onPremises', body)).toEqual([
			{
				provider: 'onPremises', event: 'other', instanceId: null, messageId: null, chatId: null, from: null, to: null,
				fromMe: null, type: 'error', text: null, status: null, timestamp: null, requestId: null,
				error: { code: 1014, title: 'Internal error' }, raw: body,
			},
		]);
	});

	test('includeRaw gives each batched event its own part of the body', async () => {
		const body = sb.eventBody('onPremises', 'batch', { messages: 1, statuses: 1 });
		const items = await emitted('onPremises', body, { options: { includeRaw: true } });
		expect(items[0].raw).toEqual({ contacts: body.contacts, messages: [body.messages[0]] });
		expect(items[1].raw).toEqual({ statuses: [body.statuses[0]] });
	});
});

describe('WSAPI', () => {
	test('message from someone else → message.received', async () => {
		const body = sb.eventBody('wsapi', 'message', { messageId: '0123456789012345', from: '1234567890', time: '2025-05-19T00:51:44.816Z', text: 'Hello, world!' });
		expect(await emitted('wsapi', body)).toEqual([
			{
				provider: 'wsapi', event: 'message.received', instanceId: 'ins_demo1', messageId: '0123456789012345',
				chatId: '1234567890', from: '1234567890', to: null, fromMe: false, type: 'text', text: 'Hello, world!',
				status: null, timestamp: '2025-05-19T00:51:44.816Z', requestId: null, error: null,
			},
		]);
	});

	test('message with sender.isMe=true → message.sent', async () => {
		const body = sb.eventBody('wsapi', 'message', { isMe: true, to: '1234567890', messageId: '0123456789012399', time: '2025-05-19T00:51:44.816Z', text: 'On its way' });
		expect(await emitted('wsapi', body)).toEqual([
			{
				provider: 'wsapi', event: 'message.sent', instanceId: 'ins_demo1', messageId: '0123456789012399',
				chatId: '1234567890', from: '4915177777777', to: '1234567890', fromMe: true, type: 'text', text: 'On its way',
				status: null, timestamp: '2025-05-19T00:51:44.816Z', requestId: null, error: null,
			},
		]);
	});

	test('a media message: type is the media type, text the caption (spec example)', async () => {
		const body = sb.eventBody('wsapi', 'message', { eventData: { type: 'media', text: undefined, media: { mediaType: 'image', mimeType: 'image/jpeg', id: 'H4sI', fileLength: 204800, caption: 'Check this out' } } });
		delete body.eventData.text;
		const [item] = await emitted('wsapi', body);
		expect(item).toMatchObject({ event: 'message.received', type: 'image', text: 'Check this out' });
	});

	test('message_read with two message ids → two message.status items', async () => {
		// The reader's receipt about our message: WSAPI's event carries the reader (sender, isMe false) and not our
		// own number (wsapi-chat/wsapi-app internal/event/projector_message.go ProjectReceipt).
		const body = sb.eventBody('wsapi', 'message_read', { from: '1234567890', messageIds: ['m1', 'm2'], time: '2025-05-19T00:51:44.816Z', receiptType: 'read' });
		const common = {
			provider: 'wsapi', event: 'message.status', instanceId: 'ins_demo1', chatId: '1234567890', from: null,
			to: '1234567890', fromMe: true, type: 'read', text: null, status: 'read', timestamp: '2025-05-19T00:51:44.816Z',
			requestId: null, error: null,
		};
		expect(await emitted('wsapi', body)).toEqual([
			{ ...common, messageId: 'm1' },
			{ ...common, messageId: 'm2' },
		]);
	});

	test.each([
		['delivered', 'delivered'],
		['played', 'played'],
		['serverError', 'failed'],
	])('receiptType %s → status %s', async (receiptType, status) => {
		const [item] = await emitted('wsapi', sb.eventBody('wsapi', 'message_read', { receiptType }));
		expect(item.status).toBe(status);
	});

	test.each([
		['logged_in', {}, null, null],
		['logged_out', { reason: 'server_logout' }, 'server_logout', null],
		['login_error', { error: 'pairing failed' }, 'pairing failed', { code: null, title: 'pairing failed' }],
		['initial_sync_finished', {}, null, null],
	])('%s → instance.status', async (kind, fields, text, error) => {
		const body = sb.eventBody('wsapi', kind, { ...fields, receivedAt: '2025-05-19T00:51:44.816Z' });
		expect(await emitted('wsapi', body)).toEqual([
			{
				provider: 'wsapi', event: 'instance.status', instanceId: 'ins_demo1', messageId: null, chatId: null, from: null,
				to: null, fromMe: null, type: null, text, status: kind, timestamp: '2025-05-19T00:51:44.816Z', requestId: null, error,
			},
		]);
	});

	test('an unknown eventType → other with the raw body', async () => {
		const body = sb.eventBody('wsapi', 'chat_presence', { eventData: { chatId: '1234567890@s.whatsapp.net', state: 'composing' }, receivedAt: '2025-05-19T00:51:44.816Z' });
		const [item] = await emitted('wsapi', body);
		expect(item).toEqual({
			provider: 'wsapi', event: 'other', instanceId: 'ins_demo1', messageId: null, chatId: null, from: null, to: null,
			fromMe: null, type: 'chat_presence', text: null, status: null, timestamp: '2025-05-19T00:51:44.816Z', requestId: null,
			error: null, raw: body,
		});
	});
});

describe('Crisp', () => {
	test('send callback, success → template.result sent with the WhatsApp message id and session id', async () => {
		const body = sb.eventBody('crisp', 'callback_success', { request_id: '6ea55176-5cd6-48a5-9c41-84be37f27a8a', whatsapp_message_id: 'wamid.HBgLabc', session_id: 'session_36ba' });
		expect(await emitted('crisp', body)).toEqual([
			{
				provider: 'crisp', event: 'template.result', instanceId: null, messageId: 'wamid.HBgLabc', chatId: 'session_36ba',
				from: null, to: null, fromMe: true, type: 'template', text: null, status: 'sent', timestamp: null,
				requestId: '6ea55176-5cd6-48a5-9c41-84be37f27a8a', error: null,
			},
		]);
	});

	test('send callback, error → template.result failed with the reason', async () => {
		const body = sb.eventBody('crisp', 'callback_error', { request_id: 'req-2', reason: 'recipient_not_on_whatsapp' });
		expect(await emitted('crisp', body)).toEqual([
			{
				provider: 'crisp', event: 'template.result', instanceId: null, messageId: null, chatId: null, from: null, to: null,
				fromMe: true, type: 'template', text: null, status: 'failed', timestamp: null, requestId: 'req-2',
				error: { code: 'recipient_not_on_whatsapp', title: 'recipient_not_on_whatsapp' },
			},
		]);
	});

	test('a flat callback `{ request_id, error: "<why>" }` is accepted too (the shape is not public)', async () => {
		const [item] = await emitted('crisp', { request_id: 'req-3', error: 'Template not approved' });
		expect(item).toMatchObject({ event: 'template.result', requestId: 'req-3', status: 'failed', error: { code: null, title: 'Template not approved' } });
	});

	test('Web Hook message:send from a user → message.received (chatId = session_id)', async () => {
		const body = sb.eventBody('crisp', 'message_send', { sessionId: 'session_36ba', text: 'Hey :)', timestamp: 1506985696616, fingerprint: 150698569649423, phone: '33612345678' });
		expect(await emitted('crisp', body)).toEqual([
			{
				provider: 'crisp', event: 'message.received', instanceId: sb.ids.crispWebsiteId, messageId: '150698569649423',
				chatId: 'session_36ba', from: '33612345678', to: null, fromMe: false, type: 'text', text: 'Hey :)', status: null,
				timestamp: new Date(1506985696616).toISOString(), requestId: null, error: null,
			},
		]);
	});

	test('message:send from an operator, or another Web Hook event → other', async () => {
		const [operator] = await emitted('crisp', sb.eventBody('crisp', 'message_send', { from: 'operator', sessionId: 'session_x' }));
		expect(operator).toMatchObject({ event: 'other', type: 'message:send', chatId: 'session_x' });
		const body = { website_id: sb.ids.crispWebsiteId, event: 'session:set_state', data: { session_id: 'session_y', state: 'resolved' }, timestamp: 1506985696616 };
		const [other] = await emitted('crisp', body);
		expect(other).toMatchObject({ event: 'other', type: 'session:set_state', chatId: 'session_y', raw: body, timestamp: new Date(1506985696616).toISOString() });
	});
});
