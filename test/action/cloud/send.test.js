// @ts-check
// Cloud API sends through the real engine against the sandbox: text and template messages (header text and
// media, positional and named body parameters, quick-reply / URL / copy-code buttons), recipients (digits in
// `to`, a business-scoped user id in `recipient`, ids Cloud cannot send to), exactly what Meta received, and
// that HTTP 200 is acceptance: the sandbox's later failed status proves the send was not a delivery.
const { startSandbox } = require('../../sandbox');
const { rl, runner, graph } = require('./helpers');

/** @type {any} */
let sb;
/** @type {ReturnType<typeof runner>} */
let run;
/** @type {string} */
let pid;

beforeAll(async () => {
	sb = await startSandbox();
	run = runner(sb);
	pid = sb.ids.cloudPhoneNumberIds[0];
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => sb.reset());

const sends = () => sb.requests('cloud', { method: 'POST', path: graph(`/${pid}/messages`) });
const sendText = (extra = {}) => ({ resource: 'message', operation: 'sendText', instanceId: rl(pid), to: '+1 (650) 555-1234', text: 'Hello from n8n', ...extra });
const sendTemplate = (extra = {}) => ({
	resource: 'message',
	operation: 'sendTemplate',
	instanceId: rl(pid),
	to: '16505551234',
	templateName: 'hello_world',
	templateLanguage: 'en_US',
	...extra,
});

describe('message.sendText', () => {
	test('digits in `to`, the Bearer token, and the contract output with Meta\'s message id', async () => {
		const r = await run(sendText());
		expect(r.error).toBeUndefined();
		expect(r.items).toEqual([{ provider: 'cloud', to: '16505551234', status: 'sent', messageId: expect.stringMatching(/^wamid\./), requestId: null }]);
		expect(r.output[0].pairedItem).toEqual({ item: 0 });
		const [sent] = sends();
		expect(sent.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'text',
			text: { preview_url: false, body: 'Hello from n8n' },
		});
		expect(sent.headers.authorization).toBe(`Bearer ${sb.credentials.whatsAppGatewayCloudApi.accessToken}`);
		expect(sb.state.cloud.sent.map((s) => s.id)).toEqual([r.items[0].messageId]);
	});

	test('a business-scoped user id goes in `recipient` and comes out whole', async () => {
		const r = await run(sendText({ to: 'US.13491208655302741918' }));
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'cloud', to: 'US.13491208655302741918', status: 'sent' });
		const [sent] = sends();
		expect(sent.body.recipient).toBe('US.13491208655302741918');
		expect(sent.body.to).toBeUndefined();
	});

	test.each([
		['a WhatsApp Web group id', '120363025246125486-1614270000@g.us', /WhatsApp Web group id/],
		['a LID', '123456789012345@lid', /WhatsApp Web user id \(LID\)/],
	])('%s is a clear item error and nothing is sent', async (_, to, message) => {
		const r = await run(sendText({ to }));
		expect(r.error.message).toMatch(message);
		expect(r.error.message).toMatch(/the Cloud API sends to phone numbers and business-scoped user IDs/);
		expect(sb.log).toHaveLength(0);
	});

	test('an expression that gives no instance: the node says so before any request', async () => {
		const r = await run(sendText({ instanceId: rl('={{ $json.phoneNumberId ?? "" }}') }));
		expect(r.error.message).toBe('No instance given');
		expect(sb.log).toHaveLength(0);
	});

	test('HTTP 200 is acceptance, not delivery: a user outside the 24-hour window gets a failed status later', async () => {
		// The sandbox answers 200 and delivers `failed` 131047 to the app's callback afterwards, as Meta does.
		const r = await run(sendText());
		expect(r.items[0].status).toBe('sent');
		const outcome = sb.state.cloud.deliveries.find((d) => d.messageId === r.items[0].messageId);
		expect(outcome).toMatchObject({ reason: 131047 });
		expect(outcome.body.entry[0].changes[0].value.statuses[0]).toMatchObject({ id: r.items[0].messageId, status: 'failed', errors: [expect.objectContaining({ code: 131047 })] });
	});
});

describe('message.sendTemplate', () => {
	test('a template without parameters: name and language only', async () => {
		const r = await run(sendTemplate());
		expect(r.error).toBeUndefined();
		expect(r.items[0]).toMatchObject({ provider: 'cloud', to: '16505551234', status: 'sent', messageId: expect.stringMatching(/^wamid\./) });
		expect(sends()[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'template',
			template: { name: 'hello_world', language: { code: 'en_US' } },
		});
	});

	test('image header by link, positional body parameters, a quick-reply payload and a URL suffix', async () => {
		const r = await run(
			sendTemplate({
				templateName: 'order_update',
				templateHeaderType: 'image',
				templateHeaderMediaSource: 'link',
				templateHeaderMedia: 'https://example.com/h.jpg',
				bodyParameters: { parameters: [{ text: 'Mark' }, { text: 'A-1042' }, { text: 'Monday' }] },
				templateButtons: { buttons: [{ type: 'quickReply', index: 0, value: 'STOP_PROMOS' }, { type: 'url', index: 1, value: 'A-1042' }] },
			}),
		);
		expect(r.error).toBeUndefined();
		expect(sends()[0].body.template).toEqual({
			name: 'order_update',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.jpg' } }] },
				{ type: 'body', parameters: [{ type: 'text', text: 'Mark' }, { type: 'text', text: 'A-1042' }, { type: 'text', text: 'Monday' }] },
				{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP_PROMOS' }] },
				{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1042' }] },
			],
		});
	});

	test('named parameters: header and body with parameter_name', async () => {
		const r = await run(
			sendTemplate({
				templateName: 'appointment_reminder',
				templateHeaderType: 'text',
				templateHeaderText: 'Mark',
				templateHeaderParameterName: 'customer_name',
				namedBodyParameters: {
					parameters: [
						{ name: 'customer_name', text: 'Mark' },
						{ name: 'appointment_date', text: 'June 3' },
						{ name: 'location', text: 'Main Street' },
					],
				},
			}),
		);
		expect(r.error).toBeUndefined();
		expect(sends()[0].body.template.components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Mark' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'customer_name', text: 'Mark' },
					{ type: 'text', parameter_name: 'appointment_date', text: 'June 3' },
					{ type: 'text', parameter_name: 'location', text: 'Main Street' },
				],
			},
		]);
	});

	test('a copy-code button; video and document headers by media id and link', async () => {
		const coupon = await run(
			sendTemplate({
				templateName: 'coupon_offer',
				bodyParameters: { parameters: [{ text: 'Mark' }, { text: 'FALL25' }] },
				templateButtons: { buttons: [{ type: 'copyCode', index: 0, value: 'FALL25' }] },
			}),
		);
		expect(coupon.error).toBeUndefined();
		expect(sends()[0].body.template.components[1]).toEqual({ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'FALL25' }] });

		const doc = await run(
			sendTemplate({
				templateName: 'invoice_ready',
				templateHeaderType: 'document',
				templateHeaderMediaSource: 'link',
				templateHeaderMedia: 'https://example.com/invoice.pdf',
				templateHeaderFileName: 'invoice.pdf',
				bodyParameters: { parameters: [{ text: 'INV-7' }] },
			}),
		);
		expect(doc.error).toBeUndefined();
		expect(sends()[1].body.template.components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'document', document: { link: 'https://example.com/invoice.pdf', filename: 'invoice.pdf' } }],
		});

		// A media id must belong to the number: upload one the way Meta stores it, then send by id.
		const { storeMedia, sampleBytes } = require('../../sandbox/cloudMedia');
		const media = storeMedia(sb.state.cloud, { bytes: sampleBytes('video/mp4', 4096), mimeType: 'video/mp4', filename: null, phoneNumberId: pid, source: 'upload' });
		const video = await run(
			sendTemplate({
				templateName: 'welcome_video',
				templateHeaderType: 'video',
				templateHeaderMediaSource: 'id',
				templateHeaderMedia: media.id,
				bodyParameters: { parameters: [{ text: 'Mark' }] },
			}),
		);
		expect(video.error).toBeUndefined();
		expect(sends()[2].body.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'video', video: { id: media.id } }] });
	});

	test.each([
		['both kinds of body parameters', { bodyParameters: { parameters: [{ text: 'a' }] }, namedBodyParameters: { parameters: [{ name: 'x', text: 'b' }] } }, /both Body Parameters and Named Body Parameters/],
		['a named parameter without a name', { namedBodyParameters: { parameters: [{ name: ' ', text: 'b' }] } }, /Named Body Parameter 1 has no name/],
		['a media header without media', { templateHeaderType: 'image', templateHeaderMedia: '' }, /Header Media \(the image\) is empty/],
		['a header link that is no URL', { templateHeaderType: 'image', templateHeaderMediaSource: 'link', templateHeaderMedia: 'not a url' }, /is not an http\(s\) URL/],
		['a text header without text', { templateHeaderType: 'text', templateHeaderText: '' }, /Header Text is empty/],
		['a button without a value', { templateButtons: { buttons: [{ type: 'url', index: 1, value: '' }] } }, /Button 1 \(index 1\) has no value/],
	])('%s: an item error naming the field, nothing sent', async (_, extra, message) => {
		const r = await run(sendTemplate(extra));
		expect(r.error.message).toMatch(message);
		expect(r.error.message).toMatch(/^WhatsApp Cloud API could not send a template message \(item 0\)/);
		expect(sb.log).toHaveLength(0);
	});
});
