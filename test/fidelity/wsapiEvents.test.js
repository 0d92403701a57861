// @ts-check
// WSAPI events as wsapi-chat/wsapi-app builds them (internal/event/projector_message.go @d40e5c5): a reaction is
// a `message` with `type: "reaction"` and `reaction: {messageId, emoji}` and no text; an edit is a `message` with
// `type: "text"`, the new text, `isEdit: true` and `edit: {originalMessageId, …}`; neither is a plain text. A read
// receipt's `sender` is who sent the receipt: one from another user (`isMe: false`) concerns OUR message, one
// from our own device (`isMe: true`) concerns theirs; `messageSender` is absent in a chat of two and, when
// present, always `isMe: false` (whatsmeow types/events/events.go Receipt; ProjectReceipt).
const { useSandbox } = require('../support/sandbox');
const { deliverToTrigger } = require('./helpers');

const sb = useSandbox();

describe('reactions and edits get their own type and keep raw', () => {
	test('a reaction → type "reaction", not a text; raw carries the reaction', async () => {
		const body = sb.eventBody('wsapi', 'reaction', { reactionTo: 'ORIGINAL-MSG', emoji: '👍' });
		const r = await deliverToTrigger(sb, 'wsapi', body);
		expect(r.items).toHaveLength(1);
		expect(r.items[0].type).toBe('reaction');
		expect(r.items[0].raw).toEqual(body);
	});

	test('an edit → type "edit", not a new text message; raw carries the edited message id', async () => {
		const body = sb.eventBody('wsapi', 'edit', { text: 'fixed typo', editOf: 'ORIGINAL-MSG' });
		const r = await deliverToTrigger(sb, 'wsapi', body);
		expect(r.items).toHaveLength(1);
		expect(r.items[0].type).toBe('edit');
		expect(r.items[0].raw).toEqual(body);
	});
});

describe('read receipts: fromMe says whether the receipt concerns our message', () => {
	test('the other user read our message → fromMe true', async () => {
		const r = await deliverToTrigger(sb, 'wsapi', sb.eventBody('wsapi', 'message_read', { from: '1234567890', messageId: 'OUR-MSG' }));
		expect(r.items).toEqual([expect.objectContaining({ event: 'message.status', messageId: 'OUR-MSG', status: 'read', fromMe: true })]);
	});

	test('our other device read their message → fromMe false', async () => {
		const r = await deliverToTrigger(sb, 'wsapi', sb.eventBody('wsapi', 'message_read', { from: '1234567890', messageId: 'THEIR-MSG', fromMe: false, receiptType: 'read' }));
		expect(r.items).toEqual([expect.objectContaining({ event: 'message.status', messageId: 'THEIR-MSG', fromMe: false })]);
	});

	test('in a group, our device read a member\'s message (messageSender present, isMe false) → fromMe false', async () => {
		const body = sb.eventBody('wsapi', 'message_read', { fromMe: false, isGroup: true, chatId: '120363025555555555@g.us', author: '1234567890', messageId: 'MEMBER-MSG' });
		const r = await deliverToTrigger(sb, 'wsapi', body);
		expect(r.items).toEqual([expect.objectContaining({ messageId: 'MEMBER-MSG', fromMe: false })]);
	});
});
