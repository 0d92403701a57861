// @ts-check
// Crisp: a website's Web Hooks report messages of every channel (`origin`: `chat`, `email`, a plugin URN; only
// `urn:crisp.im:whatsapp:0` is WhatsApp: https://docs.crisp.chat/guides/web-hooks/quickstart and the sources in
// test/sandbox/events.js); the plugin lists every template unless asked for approved ones only
// (`filter_approved=1`, ziming/laravel-crisp-whatsapp src/LaravelCrispWhatsApp.php@aa6b636); a message's `user`
// has a nickname but no phone number field (crisp-im/node-crisp-api ConversationMessageUser).
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');
const { deliverToTrigger } = require('./helpers');

const sb = useSandbox();

// A workflow that starts on incoming WhatsApp messages.
const RECEIVED = { events: ['message.received'] };

describe('message:send from other channels is no WhatsApp message', () => {
	test.each(['chat', 'email', 'urn:crisp.im:messenger:0', 'urn:crisp.im:instagram:0'])(
		'origin %s: acknowledged without a run',
		async (origin) => {
			const r = await deliverToTrigger(sb, 'crisp', sb.eventBody('crisp', 'message_send', { origin, text: 'Hi from elsewhere' }), RECEIVED);
			expect(r.status).toBe(200);
			expect(r.workflowData).toBeUndefined();
			expect(r.items).toEqual([]);
		},
	);

	test('origin urn:crisp.im:whatsapp:0: runs (the control case)', async () => {
		const r = await deliverToTrigger(sb, 'crisp', sb.eventBody('crisp', 'message_send', { text: 'Hi on WhatsApp' }), RECEIVED);
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'message.received', text: 'Hi on WhatsApp' });
	});
});

test('template.list asks for approved templates (filter_approved=1) and lists only those', async () => {
	const r = await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'crisp', resource: 'template', operation: 'list' },
		credentials: { crispWhatsAppApi: sb.credentials.crispWhatsAppApi },
	});
	expect(r.error).toBeUndefined();
	const pages = sb.requests('crisp', { method: 'GET', path: /\/templates$/ });
	expect(pages.length).toBeGreaterThan(0);
	for (const page of pages) expect(page.query.filter_approved).toBe('1');
	const approved = sb.state.crisp.templates.filter((t) => t.status === 'APPROVED');
	expect(r.items.map((t) => t.name)).toEqual(approved.map((t) => t.name));
	expect(r.items.every((t) => t.status === 'APPROVED')).toBe(true);
});

describe('a nickname that is not a phone number gives from: null', () => {
	test.each([
		['a name', 'Kerry Fisher'],
		// A customer number an operator typed as the nickname: digits, but no phone number in international form.
		['a customer number', '4711 0815'],
	])('%s (%s)', async (_, nickname) => {
		const r = await deliverToTrigger(sb, 'crisp', sb.eventBody('crisp', 'message_send', { nickname }), RECEIVED);
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({ event: 'message.received', from: null });
	});
});
