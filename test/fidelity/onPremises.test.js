// @ts-check
// WhatsApp On-Premises: one Webapp per credential (no instance id in the API), and answers that need not carry
// `meta.version` (the unofficial OpenAPI's `Response` schema requires neither `meta` nor its fields, and its
// examples come without: test/sandbox/specs/onprem-openapi.yaml `Response`, `Meta`, `Check-Contact-Response`).
const { useSandbox } = require('../support/sandbox');
const { runNode } = require('../harness');

const sb = useSandbox();

const run = (parameters) =>
	runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider: 'onPremises', authentication: 'login', ...parameters },
		credentials: { whatsAppOnPremisesApi: sb.credentials.whatsAppOnPremisesApi },
	});

test('Instance → Update Webhook needs no instance: it sets webhooks.url of the one Webapp', async () => {
	const r = await run({ resource: 'instance', operation: 'updateWebhook', webhookUrl: 'https://example.com/onprem-hook' });
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(1);
	expect(r.items[0]).toMatchObject({ provider: 'onPremises', webhookUrl: 'https://example.com/onprem-hook' });
	expect(sb.state.onPremises.settings.webhooks.url).toBe('https://example.com/onprem-hook');
	expect(sb.requests('onPremises', { method: 'PATCH', path: '/v1/settings/application' })).toHaveLength(1);
});

describe.each([
	['meta without version', { version: null }],
	['no meta at all', { meta: false }],
])('contact check against a server whose answer has %s', (_, knobs) => {
	test('reliable is false and a hint says the version is unknown', async () => {
		sb.configure('onPremises', knobs);
		const r = await run({ resource: 'contact', operation: 'check', phoneNumbers: '+1 (516) 283-7151, +1 631 555 1003' });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => [i.phone, i.status, i.reliable])).toEqual([
			['15162837151', 'valid', false],
			['16315551003', 'valid', false],
		]);
		const hints = r.hints.map((h) => h.message).join('\n');
		expect(hints).toMatch(/version/i);
		expect(hints).toMatch(/unknown|not known|no version/i);
	});
});
