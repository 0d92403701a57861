// @ts-check
// Senders WhatsApp knows only by their LID (`…@lid`, no phone number). whatsapp-web.js (WaAPI) puts the LID in
// the message's `from`/`id.remote`; WSAPI (whatsmeow) gives `sender: {id: "<lid>@lid", lid}` without `phone` and
// keeps the chat `…@lid` (sources in test/sandbox/events.js). A LID is no phone number: the trigger keeps it whole,
// and a reply to it goes to exactly that id (WaAPI accepts `…@lid` chat ids, WSAPI sends to any JID it is given).
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { deliverToTrigger, rl } = require('./helpers');

const LID = '123456789012345@lid';

const sb = useSandbox();

describe('the trigger keeps a LID whole in from and chatId', () => {
	test('WaAPI message from a LID-only sender', async () => {
		const r = await deliverToTrigger(sb, 'waapi', sb.eventBody('waapi', 'message_lid', { text: 'hola' }));
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'message.received', from: LID, chatId: LID, text: 'hola' });
	});

	test('WaAPI group message whose author is a LID-only member', async () => {
		const group = '120363025555555555@g.us';
		const r = await deliverToTrigger(sb, 'waapi', sb.eventBody('waapi', 'message', { from: group, author: LID }));
		expect(r.items[0]).toMatchObject({ event: 'message.received', from: LID, chatId: group });
	});

	test('WSAPI message from a LID-only sender', async () => {
		const r = await deliverToTrigger(sb, 'wsapi', sb.eventBody('wsapi', 'message_lid', { text: 'hola' }));
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'message.received', from: LID, chatId: LID, text: 'hola' });
	});
});

describe('a send to a LID goes to exactly that id', () => {
	test('WaAPI: chatId …@lid', async () => {
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: rl('101'), to: LID, text: 'hola' },
			credentials: { waApiApi: sb.credentials.waApiApi },
		});
		expect(r.error).toBeUndefined();
		const sends = sb.requests('waapi', { method: 'POST', path: '/client/action/send-message' });
		expect(sends.map((e) => e.body.chatId)).toEqual([LID]);
		expect(sb.state.waapi.sent).toEqual([expect.objectContaining({ chatId: LID, delivered: true })]);
	});

	test('WSAPI: to …@lid', async () => {
		const r = await runNode({
			nodeType: 'whatsAppGateway',
			parameters: { provider: 'wsapi', resource: 'message', operation: 'sendText', to: LID, text: 'hola' },
			credentials: { wsApiApi: sb.credentials.wsApiApi },
		});
		expect(r.error).toBeUndefined();
		const sends = sb.requests('wsapi', { method: 'POST', path: '/messages/text' });
		expect(sends.map((e) => e.body.to)).toEqual([LID]);
		expect(sb.state.wsapi.sent.map((m) => m.jid)).toEqual([LID]);
	});
});
