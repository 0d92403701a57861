// @ts-check
// Every incoming call is authenticated before anything else: WSAPI by its HMAC signature over the raw body,
// the others by the `token` query parameter. Wrong or missing → 401, no run; never a 200 that drops the event.
const { useSandbox } = require('../support/sandbox');
// n8n-core's own copies: the logger its contexts hand to nodes (this.logger).
const fromCore = (id) => require(require.resolve(id, { paths: [require.resolve('n8n-core')] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');
const { sign: sandboxSign } = require('../sandbox/events');
const { CRISP_TOKEN, TOKEN, deliver, registeredStaticData, sign } = require('./helpers');
const { findAdapter } = require('../../nodes/providers');

const sb = useSandbox({ reset: false });

function expectRefused(r, status = 401) {
	expect(r.status).toBe(status);
	expect(r.ran).toBe(true);
	expect(r.noWebhookResponse).toBe(true);
	expect(r.unterminated).toBe(false);
	expect(r.workflowData).toBeUndefined();
	expect(r.items).toEqual([]);
}

describe('WSAPI signature (X-Webhook-Signature: sha256=<hex HMAC of the raw body>)', () => {
	const body = () => sb.eventBody('wsapi', 'message', { messageId: 'sig-1' });

	test('good signature → run', async () => {
		const r = await deliver(sb, 'wsapi', body());
		expect(r.status).toBe(200);
		expect(r.items.map((i) => i.messageId)).toEqual(['sig-1']);
	});

	test("the sandbox emitter's signature (the instance's signing secret) is accepted", async () => {
		const b = body();
		const raw = JSON.stringify(b);
		const signature = sandboxSign(raw, sb.state.wsapi.instances[0].signingSecret);
		const r = await deliver(sb, 'wsapi', b, { rawBody: raw, signature });
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
	});

	test('signature over other bytes (body changed after signing) → 401', async () => {
		const b = body();
		const signature = sign(JSON.stringify({ ...b, eventType: 'logged_out' }), sb.credentials.wsApiApi.webhookSigningSecret);
		expectRefused(await deliver(sb, 'wsapi', b, { signature }));
	});

	test('signature with the wrong secret → 401', async () => {
		expectRefused(await deliver(sb, 'wsapi', body(), { secret: 'not-the-secret' }));
	});

	test('missing signature → 401', async () => {
		expectRefused(await deliver(sb, 'wsapi', body(), { secret: null }));
	});

	test('malformed signatures (no prefix, truncated, empty, not hex) → 401, never a crash', async () => {
		const b = body();
		const good = sign(JSON.stringify(b), sb.credentials.wsApiApi.webhookSigningSecret);
		for (const signature of [good.slice(7), good.slice(0, -2), '', 'sha256=', 'sha256=zz', `${good}00`]) {
			expectRefused(await deliver(sb, 'wsapi', b, { signature }));
		}
	});

	test('a secret the trigger generated at activation (static data) authenticates too', async () => {
		const b = body();
		const generated = 'generated-secret-abc';
		const staticData = { registration: { url: 'http://localhost:5678/webhook/x/webhook', instanceId: 'ins_demo1', token: null, signingSecret: generated, previous: null } };
		const r = await deliver(sb, 'wsapi', b, { staticData, secret: generated });
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
	});

	test('the 401 answer names neither the secret nor the expected signature', async () => {
		const r = await deliver(sb, 'wsapi', body(), { secret: 'wrong' });
		const text = JSON.stringify(r.body);
		expect(text).not.toContain(sb.credentials.wsApiApi.webhookSigningSecret);
		expect(text).not.toContain('sha256=');
	});
});

describe.each(['waapi', 'onPremises'])('%s token (registered at activation)', (provider) => {
	const body = () => (provider === 'waapi' ? sb.eventBody('waapi', 'message', {}) : sb.eventBody('onPremises', 'message', {}));

	test('good token → run', async () => {
		const r = await deliver(sb, provider, body());
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
	});

	test('wrong token (same length) → 401', async () => {
		expectRefused(await deliver(sb, provider, body(), { query: { token: TOKEN.replace(/.$/, 'x') } }));
	});

	test('missing token → 401', async () => {
		expectRefused(await deliver(sb, provider, body(), { query: {} }));
	});

	test('token only in a header, not in the URL → 401', async () => {
		expectRefused(await deliver(sb, provider, body(), { query: {}, headers: { token: TOKEN } }));
	});

	test('not activated (no token in static data) → 401 even with some token', async () => {
		expectRefused(await deliver(sb, provider, body(), { staticData: {}, query: { token: 'anything' } }));
	});

	test('a token from an earlier activation no longer works', async () => {
		expectRefused(await deliver(sb, provider, body(), { staticData: registeredStaticData('new-token-after-reactivation'), query: { token: TOKEN } }));
	});

	test('a refused call logs a warning that names neither the expected nor the given token', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		try {
			await deliver(sb, provider, body(), { query: { token: 'guessed-token' } });
			expect(warn).toHaveBeenCalledTimes(1);
			const logged = JSON.stringify(warn.mock.calls);
			expect(logged).toContain(`refused a ${findAdapter(provider).displayName} call`);
			expect(logged).not.toContain(TOKEN);
			expect(logged).not.toContain('guessed-token');
		} finally {
			warn.mockRestore();
		}
	});

	test('the 401 answer does not echo the token', async () => {
		const r = await deliver(sb, provider, body(), { query: { token: 'guess' } });
		expect(JSON.stringify(r.body)).not.toContain(TOKEN);
		expect(JSON.stringify(r.body)).not.toContain('guess');
	});
});

describe('Crisp token (the Webhook Token parameter)', () => {
	const body = () => sb.eventBody('crisp', 'callback_success', {});

	test('good token → run', async () => {
		const r = await deliver(sb, 'crisp', body());
		expect(r.status).toBe(200);
		expect(r.items).toHaveLength(1);
	});

	test('wrong token → 401', async () => {
		expectRefused(await deliver(sb, 'crisp', body(), { query: { token: `${CRISP_TOKEN}x` } }));
	});

	test('missing token → 401', async () => {
		expectRefused(await deliver(sb, 'crisp', body(), { query: {} }));
	});

	test('an empty Webhook Token parameter never accepts an empty token', async () => {
		expectRefused(await deliver(sb, 'crisp', body(), { query: { token: '' }, extra: { webhookToken: '' } }));
	});
});
