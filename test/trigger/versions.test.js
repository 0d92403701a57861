// @ts-check
// The trigger's two versions. 1.1 (the default for new nodes): n8n leaves a body of a content type it does
// not know unread, and the trigger reads the exact bytes itself, so a signature still verifies and the
// body still parses. 1: saved workflows keep loading and running unchanged.
const { useSandbox } = require('../support/sandbox');
const { triggerWebhook } = require('../harness');
const { WhatsAppGatewayTrigger } = require('../../nodes/WhatsAppGatewayTrigger/WhatsAppGatewayTrigger.node');
const { params, sign } = require('./helpers');

const sb = useSandbox({ reset: false });

const description = new WhatsAppGatewayTrigger().description;

test('new triggers are version 1.1; version 1 is still offered for saved workflows', () => {
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
});

describe.each([1, 1.1])('typeVersion %s', (typeVersion) => {
	test.each(['application/json', 'application/json; charset=utf-8', 'application/vnd.wsapi.event+json', 'application/octet-stream', ''])(
		'WSAPI body sent as "%s": the signature is checked on the exact bytes and the event comes',
		async (contentType) => {
			const body = sb.eventBody('wsapi', 'message', { text: 'Grüße 👋 — exact bytes', messageId: 'V11' });
			const raw = Buffer.from(JSON.stringify(body));
			const r = await triggerWebhook({
				typeVersion,
				parameters: params('wsapi', ['message.received']),
				credentials: { wsApiApi: sb.credentials.wsApiApi },
				headers: { ...(contentType ? { 'content-type': contentType } : {}), 'x-webhook-signature': sign(raw, sb.credentials.wsApiApi.webhookSigningSecret) },
				rawBody: raw,
			});
			expect(r.status).toBe(200);
			expect(r.items).toEqual([expect.objectContaining({ event: 'message.received', messageId: 'V11', text: 'Grüße 👋 — exact bytes' })]);
		},
	);

	test('a wrong signature over an unread body is still refused', async () => {
		const raw = Buffer.from(JSON.stringify(sb.eventBody('wsapi', 'message', {})));
		const r = await triggerWebhook({
			typeVersion,
			parameters: params('wsapi', ['message.received']),
			credentials: { wsApiApi: sb.credentials.wsApiApi },
			headers: { 'content-type': 'application/octet-stream', 'x-webhook-signature': sign(Buffer.concat([raw, Buffer.from(' ')]), sb.credentials.wsApiApi.webhookSigningSecret) },
			rawBody: raw,
		});
		expect(r.status).toBe(401);
		expect(r.workflowData).toBeUndefined();
	});
});
