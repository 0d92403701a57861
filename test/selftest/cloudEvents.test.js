// @ts-check
// Cloud API webhooks: Meta's envelope for every kind, X-Hub-Signature-256 over the exact bytes sent (checked with
// node:crypto), unicode escaped the way Meta signs it, unsigned/wrong signatures on request, and the default
// routing (number override → WABA override → app callback).
const { createHmac, timingSafeEqual } = require('node:crypto');
const { useSandbox } = require('../support/sandbox');
const { call, startReceiver, closeClient } = require('./helpers');

const sb = useSandbox({ reset: 'afterEach' });
let receiver;
let creds;
let pid;
beforeAll(() => {
	creds = sb.credentials.whatsAppGatewayCloudApi;
	pid = sb.ids.cloudPhoneNumberIds[0];
});
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

const valueOf = (body, e = 0, c = 0) => body.entry[e].changes[c].value;
const messageOf = (body) => valueOf(body).messages[0];
const METADATA = () => ({ display_phone_number: '15550783881', phone_number_id: pid });

describe('envelope and signature', () => {
	test('text: Meta\'s envelope, signed with the app secret over the raw bytes', async () => {
		const r = await sb.sendEvent('cloud', 'text', { url: receiver.url, from: '16505551234', text: 'Does it come in another color?', messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp: 1749416383, name: 'Sheena Nelson' });
		expect(r.status).toBe(200);
		const [got] = receiver.received;
		expect(got.headers['content-type']).toBe('application/json');
		expect(verify(got.raw, got.headers['x-hub-signature-256'], creds.appSecret)).toBe(true);
		expect(verify(got.raw, got.headers['x-hub-signature-256'], 'another-secret')).toBe(false);
		expect(got.raw.toString('utf8')).toBe(r.raw);
		expect(got.json).toEqual({
			object: 'whatsapp_business_account',
			entry: [{
				id: creds.businessAccountId,
				changes: [{
					value: {
						messaging_product: 'whatsapp',
						metadata: METADATA(),
						contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234', user_id: expect.stringMatching(/^US\.\d{20}$/) }],
						messages: [{
							from: '16505551234',
							from_user_id: expect.stringMatching(/^US\.\d{20}$/),
							id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
							timestamp: '1749416383',
							type: 'text',
							text: { body: 'Does it come in another color?' },
						}],
					},
					field: 'messages',
				}],
			}],
		});
		const v = valueOf(got.json);
		expect(v.contacts[0].user_id).toBe(v.messages[0].from_user_id);
	});
	test('non-ASCII is sent \\u-escaped (lowercase hex) and the signature covers those bytes', async () => {
		await sb.sendEvent('cloud', 'text', { url: receiver.url, text: 'äöå 👍' });
		const [got] = receiver.received;
		const raw = got.raw.toString('latin1');
		expect(raw).toContain('\\u00e4\\u00f6\\u00e5 \\ud83d\\udc4d');
		expect([...got.raw].every((b) => b < 0x80)).toBe(true);
		expect(messageOf(got.json).text.body).toBe('äöå 👍');
		expect(verify(got.raw, got.headers['x-hub-signature-256'], creds.appSecret)).toBe(true);
		// a verifier that re-serializes the parsed body computes another signature
		expect(verify(Buffer.from(JSON.stringify(got.json)), got.headers['x-hub-signature-256'], creds.appSecret)).toBe(false);
	});
	test('escapeUnicode: false sends plain UTF-8, still correctly signed', async () => {
		await sb.sendEvent('cloud', 'text', { url: receiver.url, text: 'äöå 👍', escapeUnicode: false });
		const [got] = receiver.received;
		expect(got.raw.toString('utf8')).toContain('äöå 👍');
		expect(verify(got.raw, got.headers['x-hub-signature-256'], creds.appSecret)).toBe(true);
	});
	test('secret: null sends unsigned, signature sets the header as given, secret signs with another key', async () => {
		await sb.sendEvent('cloud', 'text', { url: receiver.url, secret: null });
		await sb.sendEvent('cloud', 'text', { url: receiver.url, signature: 'sha256=0000' });
		await sb.sendEvent('cloud', 'text', { url: receiver.url, secret: 'rotated-secret' });
		const [unsigned, wrong, other] = receiver.received;
		expect(unsigned.headers['x-hub-signature-256']).toBeUndefined();
		expect(wrong.headers['x-hub-signature-256']).toBe('sha256=0000');
		expect(verify(other.raw, other.headers['x-hub-signature-256'], 'rotated-secret')).toBe(true);
		expect(verify(other.raw, other.headers['x-hub-signature-256'], creds.appSecret)).toBe(false);
	});
	test('the control endpoint delivers cloud events too', async () => {
		const r = await call(`${sb.urls.control}/events/cloud/text`, { method: 'POST', body: { url: receiver.url, text: 'via control' } });
		expect(r.json.status).toBe(200);
		expect(messageOf(receiver.received[0].json).text.body).toBe('via control');
		expect(verify(receiver.received[0].raw, receiver.received[0].headers['x-hub-signature-256'], creds.appSecret)).toBe(true);
	});
});

describe('message kinds', () => {
	test.each([
		['image', { caption: 'Taj Mahal' }, { mime_type: 'image/jpeg', caption: 'Taj Mahal' }],
		['video', { caption: 'Demo' }, { mime_type: 'video/mp4', caption: 'Demo' }],
		['audio', { voice: true }, { mime_type: 'audio/ogg; codecs=opus', voice: true }],
		['document', { filename: 'filename.pdf', caption: 'caption' }, { mime_type: 'application/pdf', filename: 'filename.pdf', caption: 'caption' }],
		['sticker', { animated: true }, { mime_type: 'image/webp', animated: true }],
	])('%s: the media object references a stored media id', (kind, fields, shape) => {
		const body = sb.eventBody('cloud', kind, fields);
		const m = messageOf(body);
		expect(m.type).toBe(kind);
		expect(m[kind]).toEqual({ ...shape, sha256: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/), id: expect.stringMatching(/^\d+$/) });
		const stored = sb.state.cloud.media[m[kind].id];
		expect(stored).toMatchObject({ mimeType: shape.mime_type, phoneNumberId: pid, source: 'webhook' });
		expect(Buffer.from(stored.sha256, 'hex').toString('base64')).toBe(m[kind].sha256);
	});
	test('interactive button_reply and list_reply, template quick-reply `button`, all with context', () => {
		const button = messageOf(sb.eventBody('cloud', 'button_reply', { replyId: 'cancel-button', title: 'Cancel', contextId: 'wamid.ctx1' }));
		expect(button).toMatchObject({ type: 'interactive', context: { from: '15550783881', id: 'wamid.ctx1' }, interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } } });
		const list = messageOf(sb.eventBody('cloud', 'list_reply', { replyId: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' }));
		expect(list.interactive).toEqual({ type: 'list_reply', list_reply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' } });
		const quick = messageOf(sb.eventBody('cloud', 'button', { payload: 'Unsubscribe', title: 'Unsubscribe' }));
		expect(quick).toMatchObject({ type: 'button', button: { payload: 'Unsubscribe', text: 'Unsubscribe' }, context: { from: '15550783881', id: expect.stringMatching(/^wamid\./) } });
		expect(quick.interactive).toBeUndefined();
	});
	test('reaction (an empty emoji and a missing emoji both remove it) and location', () => {
		expect(messageOf(sb.eventBody('cloud', 'reaction', { reactedMessageId: 'wamid.r1', emoji: '👍' })).reaction).toEqual({ message_id: 'wamid.r1', emoji: '👍' });
		expect(messageOf(sb.eventBody('cloud', 'reaction', { reactedMessageId: 'wamid.r1', emoji: '' })).reaction).toEqual({ message_id: 'wamid.r1', emoji: '' });
		expect(messageOf(sb.eventBody('cloud', 'reaction', { reactedMessageId: 'wamid.r1', emoji: null })).reaction).toEqual({ message_id: 'wamid.r1' });
		expect(messageOf(sb.eventBody('cloud', 'location', {})).location).toEqual({
			address: '101 Forest Ave, Palo Alto, CA 94301', latitude: 37.44221496582, longitude: -122.16165924072, name: 'Philz Coffee', url: 'https://philzcoffee.com/',
		});
	});
	test('a sender with a username only: user_id without wa_id, from_user_id without from', () => {
		const v = valueOf(sb.eventBody('cloud', 'bsuid', { userId: 'US.13491208655302741918', username: '@bob', text: 'hi' }));
		expect(v.contacts).toEqual([{ profile: { name: 'Bob', username: '@bob' }, user_id: 'US.13491208655302741918' }]);
		expect(v.messages[0]).toEqual({ from_user_id: 'US.13491208655302741918', id: expect.stringMatching(/^wamid\./), timestamp: expect.any(String), type: 'text', text: { body: 'hi' } });
		expect(valueOf(sb.eventBody('cloud', 'bsuid', { fromField: true })).messages[0].from).toBe('US.13491208655302741918');
	});
	test('withUserId: false gives the pre-2026 shape; phoneNumberId picks the receiving number', () => {
		const other = sb.ids.cloudPhoneNumberIds[1];
		const v = valueOf(sb.eventBody('cloud', 'text', { withUserId: false, phoneNumberId: other }));
		expect(v.metadata).toEqual({ display_phone_number: '15550783882', phone_number_id: other });
		expect(v.contacts[0].user_id).toBeUndefined();
		expect(v.messages[0].from_user_id).toBeUndefined();
		expect(() => sb.eventBody('cloud', 'text', { phoneNumberId: '1' })).toThrow(/unknown cloud phoneNumberId/);
	});
});

describe('statuses, errors, batch, echoes, other fields', () => {
	test.each(['sent', 'delivered', 'read'])('status %s: statuses[] with pricing and the recipient contact', (status) => {
		const v = valueOf(sb.eventBody('cloud', 'status', { status, messageId: 'wamid.s1', recipientId: '16505551234', timestamp: 1698266945 }));
		expect(v.statuses).toEqual([{ id: 'wamid.s1', status, timestamp: '1698266945', recipient_id: '16505551234', pricing: { billable: true, pricing_model: 'PMP', category: 'service', type: 'regular' } }]);
		expect(v.contacts).toEqual([{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234', user_id: expect.any(String) }]);
		expect(v.messages).toBeUndefined();
	});
	test('status failed: errors[] with code, title, message, details and href; no contacts', () => {
		const v = valueOf(sb.eventBody('cloud', 'status', { status: 'failed', errorCode: 131026 }));
		expect(v.contacts).toBeUndefined();
		expect(v.statuses[0].pricing).toBeUndefined();
		expect(v.statuses[0].errors).toEqual([{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: expect.any(String) }, href: expect.stringMatching(/^https:\/\/developers\.facebook\.com\//) }]);
		const custom = valueOf(sb.eventBody('cloud', 'status', { status: 'failed', errors: [{ code: 130472, title: "User's number is part of an experiment" }] }));
		expect(custom.statuses[0].errors).toEqual([{ code: 130472, title: "User's number is part of an experiment" }]);
		expect(valueOf(sb.eventBody('cloud', 'status', { conversation: true })).statuses[0].conversation).toEqual({ id: expect.any(String), origin: { type: 'service' } });
	});
	test('errors-only: value.errors[] without messages or statuses', () => {
		const v = valueOf(sb.eventBody('cloud', 'errors', {}));
		expect(Object.keys(v).sort()).toEqual(['errors', 'messaging_product', 'metadata']);
		expect(v.errors).toEqual([{ code: 130429, title: 'Rate limit hit', message: '(#130429) Rate limit hit', error_data: { details: 'Cloud API message throughput has been reached.' }, href: '/documentation/business-messaging/whatsapp/support/error-codes' }]);
	});
	test('batch: several entries and changes, several messages in one value', () => {
		const body = sb.eventBody('cloud', 'batch', {});
		expect(body.entry).toHaveLength(2);
		expect(body.entry[0].changes).toHaveLength(2);
		const first = valueOf(body, 0, 0);
		expect(first.messages.map((m) => m.text.body)).toEqual(['Batch message 1', 'Batch message 2']);
		expect(first.contacts.map((c) => c.wa_id)).toEqual(['16505551234', '16505551239']);
		expect(valueOf(body, 0, 1).statuses.map((s) => s.status)).toEqual(['delivered', 'read']);
		expect(valueOf(body, 1, 0).metadata.phone_number_id).toBe(sb.ids.cloudPhoneNumberIds[1]);
		expect(new Set(body.entry.flatMap((e) => e.changes.flatMap((c) => [...(c.value.messages ?? []), ...(c.value.statuses ?? [])].map((x) => x.id)))).size).toBe(5);
	});
	test('echo: smb_message_echoes (or message_echoes) with message_echoes[] from the business number', () => {
		const body = sb.eventBody('cloud', 'echo', { to: '16505551234', text: 'Your order ships today.' });
		expect(body.entry[0].changes[0].field).toBe('smb_message_echoes');
		expect(valueOf(body).message_echoes).toEqual([{ from: '15550783881', to: '16505551234', id: expect.stringMatching(/^wamid\./), timestamp: expect.any(String), type: 'text', text: { body: 'Your order ships today.' }, to_user_id: expect.any(String) }]);
		expect(sb.eventBody('cloud', 'echo', { field: 'message_echoes' }).entry[0].changes[0].field).toBe('message_echoes');
	});
	test('change: any other field, e.g. a template status update', () => {
		const body = sb.eventBody('cloud', 'change', {});
		expect(body.entry[0].changes[0]).toEqual({ field: 'message_template_status_update', value: expect.objectContaining({ event: 'APPROVED', message_template_name: 'hello_world', message_template_language: 'en_US' }) });
		expect(sb.eventBody('cloud', 'change', { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }).entry[0].changes[0]).toEqual({ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } });
	});
	test('an unknown kind is refused with the list of kinds', () => {
		expect(() => sb.eventBody('cloud', 'nope', {})).toThrow(/unknown cloud event kind: nope \(expected one of text, image/);
	});
});

describe('default routing', () => {
	test('without a url: the number override, else the WABA override, else the app callback', async () => {
		const other = await startReceiver();
		const app = await startReceiver();
		try {
			sb.configure('cloud', { callbackUrl: app.url });
			await sb.sendEvent('cloud', 'text', {});
			sb.state.cloud.wabaOverride = { url: other.url, verifyToken: 't' };
			await sb.sendEvent('cloud', 'text', {});
			sb.state.cloud.numberOverrides[pid] = { url: receiver.url, verifyToken: 't' };
			await sb.sendEvent('cloud', 'text', {});
			// another number still goes to the WABA override; template updates always go to the app
			await sb.sendEvent('cloud', 'text', { phoneNumberId: sb.ids.cloudPhoneNumberIds[1] });
			await sb.sendEvent('cloud', 'change', {});
			expect([app.received.length, other.received.length, receiver.received.length]).toEqual([2, 2, 1]);
			expect(app.received[1].json.entry[0].changes[0].field).toBe('message_template_status_update');
		} finally {
			await other.close();
			await app.close();
		}
	});
	test('nothing configured, or the app unsubscribed: sendEvent needs a url', async () => {
		await expect(sb.sendEvent('cloud', 'text', {})).rejects.toThrow(/needs a url/);
		sb.configure('cloud', { callbackUrl: receiver.url });
		sb.state.cloud.subscribed = false;
		await expect(sb.sendEvent('cloud', 'text', {})).rejects.toThrow(/needs a url/);
	});
	test('inbound messages open the 24-hour window of the receiving number', async () => {
		await sb.sendEvent('cloud', 'text', { url: receiver.url, from: '4915112345678', timestamp: 1749416383 });
		expect(sb.state.cloud.lastInbound[pid]['4915112345678']).toBe(1749416383000);
		const body = sb.eventBody('cloud', 'text', { from: '4915112345679' });
		expect(sb.state.cloud.lastInbound[pid]?.['4915112345679']).toBeUndefined(); // eventBody alone sends nothing
		expect(messageOf(body).from).toBe('4915112345679');
	});
});
