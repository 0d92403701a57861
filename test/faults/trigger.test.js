// @ts-check
// Repeated deliveries through the trigger: a burst of 1,000 provider-shaped events in which 10% are repeated
// deliveries (same provider + messageId + event + status, the identical body re-posted later, as a provider
// does after a timeout). With `deduplicate` on exactly the 900 distinct events come out, counted over all
// calls; with it off all 1,000. The seen-set lives in the node's static data between calls.
const { createHmac } = require('node:crypto');
const { useSandbox } = require('../support/sandbox');
const { triggerWebhook } = require('../harness');
const { record } = require('./matrix');

const TOKEN = 'fault-suite-token-0123456789abcdef';
const CRISP_TOKEN = 'fault-suite-crisp-token-4711';
const CONCURRENCY = 8;

const sb = useSandbox({ reset: false });

/** Static data as the trigger's activation leaves it for a token provider (WaAPI, On-Premises). */
function activatedStaticData() {
	return {
		registration: { url: `http://localhost:5678/webhook/x/webhook?token=${TOKEN}`, instanceId: '101', token: TOKEN, signingSecret: null, previous: null },
	};
}

/**
 * 900 distinct events and 100 repeated deliveries, each repeat the identical body of an earlier delivery
 * (50 bodies back; On-Premises 10). WaAPI, WSAPI and Crisp carry one event a body; On-Premises ten statuses a body,
 * and a repeat re-posts the whole body (as its client retries a whole callback).
 * @returns {{ provider: string, events: string[], deliveries: { raw: string, events: number }[] }}
 */
function burst(provider) {
	/** @type {any[]} */
	const distinct = [];
	if (provider === 'onPremises') {
		for (let b = 0; b < 90; b++) {
			const statuses = [];
			for (let k = 0; k < 10; k++) {
				// The same message id twice with different statuses: two distinct events.
				const id = `gBGGfault${b}_${Math.floor(k / 2)}`;
				statuses.push(sb.eventBody('onPremises', 'status', { messageId: id, status: k % 2 === 0 ? 'delivered' : 'read', to: `4915123${String(b * 10 + k).padStart(5, '1')}` }).statuses[0]);
			}
			distinct.push({ statuses });
		}
	} else {
		for (let i = 0; i < 900; i++) {
			const id = `FAULT${String(i).padStart(4, '0')}`;
			if (provider === 'waapi') {
				// message, then its ack as delivered (2) and read (3): same id, different event or status.
				const kind = i % 3 === 0 ? 'message' : 'message_ack';
				const messageId = `FAULT${String(i - (i % 3)).padStart(4, '0')}`;
				distinct.push(sb.eventBody('waapi', kind, { messageId, ack: i % 3 === 1 ? 2 : 3, from: '4915112345678', to: '4915112345678' }));
			} else if (provider === 'wsapi') {
				distinct.push(sb.eventBody('wsapi', 'message', { messageId: id, isMe: i % 4 === 3, from: '4915112345678', text: `burst ${i}` }));
			} else {
				distinct.push(
					i % 2 === 0
						? sb.eventBody('crisp', 'message_send', { fingerprint: 170000000000 + i, sessionId: `session_fault_${i}`, text: `burst ${i}` })
						: sb.eventBody('crisp', 'callback_success', { request_id: `req-${i}`, whatsapp_message_id: `wamid.${id}`, session_id: `session_fault_${i}` }),
				);
			}
		}
	}
	const perBody = provider === 'onPremises' ? 10 : 1;
	const repeatsWanted = 100 / perBody;
	// Every 8th delivery from `first` on is followed by a repeat of the body sent `gap` distinct bodies before.
	const step = 8;
	const first = provider === 'onPremises' ? 10 : 56;
	const gap = provider === 'onPremises' ? 10 : 50;
	const deliveries = [];
	let repeats = 0;
	distinct.forEach((body, i) => {
		deliveries.push({ raw: JSON.stringify(body), events: perBody });
		if (i >= first && (i - first) % step === 0 && repeats < repeatsWanted) {
			deliveries.push({ raw: JSON.stringify(distinct[i - gap]), events: perBody });
			repeats += 1;
		}
	});
	const events = {
		waapi: ['message.received', 'message.status'],
		onPremises: ['message.status'],
		wsapi: ['message.received', 'message.sent'],
		crisp: ['message.received', 'template.result'],
	}[provider];
	return { provider, events, deliveries };
}

/** One delivery, authenticated the way the provider does it (token in the URL, or WSAPI's HMAC signature). */
async function deliver(provider, events, raw, options, staticData, workflowId) {
	/** @type {Record<string, any>} */
	const parameters = { provider, events, options };
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	/** @type {Record<string, string> | undefined} */
	let query = { token: TOKEN };
	let credentials = {};
	if (provider === 'waapi') parameters.instanceId = { __rl: true, mode: 'id', value: '101' };
	if (provider === 'crisp') {
		parameters.webhookToken = CRISP_TOKEN;
		query = { token: CRISP_TOKEN };
	}
	if (provider === 'wsapi') {
		parameters.instanceId = { __rl: true, mode: 'id', value: '' };
		query = undefined;
		credentials = { wsApiApi: sb.credentials.wsApiApi };
		headers['x-webhook-signature'] = `sha256=${createHmac('sha256', sb.credentials.wsApiApi.webhookSigningSecret).update(raw).digest('hex')}`;
	}
	const r = await triggerWebhook({ parameters, credentials, staticData, query, headers, rawBody: Buffer.from(raw), workflowId });
	expect(r.status).toBe(200);
	return r.items;
}

/** Runs `tasks` with at most `limit` at once, in order of start. */
async function pool(tasks, limit) {
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const task = tasks[next++];
			await task();
		}
	};
	await Promise.all(Array.from({ length: limit }, worker));
}

const keyOf = (item) => `${item.provider}|${item.messageId}|${item.event}|${item.status ?? ''}`;

/**
 * Each delivery is a real HTTP call through n8n-core's WebhookContext: about 6–9 ms on this project's idle 2-core
 * machine, and many times that when other jobs share it (a 1,000-call test has been seen past jest's 60 s default).
 * So each test's timeout scales with the calls it makes, at 500 ms a call: on a 2-core machine at a load average of
 * 13 a 1,000-call test passed 150 ms a call; 500 leaves room for a machine fifty times slower than idle.
 */
const MS_PER_CALL = 500;
const timeoutFor = (calls) => Math.max(60_000, calls * MS_PER_CALL);
/** Calls in a burst: 900 one-event bodies + 100 repeats, or On-Premises' 90 ten-status bodies + 10 repeats. */
const burstCalls = (provider) => (provider === 'onPremises' ? 100 : 1000);
const staticDataFor = (provider) => (provider === 'waapi' || provider === 'onPremises' ? activatedStaticData() : {});

/** Every delivery of the burst with `deduplicate` off, at concurrency 8: all the events the trigger emits. */
async function emittedWithoutDedupe(provider, b) {
	const staticData = staticDataFor(provider);
	const emitted = [];
	await pool(b.deliveries.map((d) => async () => emitted.push(...(await deliver(provider, b.events, d.raw, {}, staticData)))), CONCURRENCY);
	return { emitted, staticData };
}

describe.each(['waapi', 'onPremises', 'wsapi', 'crisp'])('%s: burst of 1,000 events, 10%% repeated deliveries', (provider) => {
	// Each test builds its own burst and its own reference: none reads what another one left behind.
	test(
		'deduplicate off: all 1,000 events come out (900 distinct keys among them)',
		async () => {
			const b = burst(provider);
			expect(b.deliveries.reduce((n, d) => n + d.events, 0)).toBe(1000);
			const { emitted, staticData } = await emittedWithoutDedupe(provider, b);
			expect(emitted).toHaveLength(1000);
			const distinctKeys = new Set(emitted.map(keyOf));
			expect(distinctKeys.size).toBe(900);
			expect(emitted.every((i) => i.messageId !== null)).toBe(true);
			expect(staticData.seenEvents).toBeUndefined();
			record('repeated deliveries (dedupe off)', 'trigger', provider, { calls: b.deliveries.length, emitted: emitted.length, distinct: distinctKeys.size });
		},
		timeoutFor(burstCalls(provider)),
	);

	test(
		'deduplicate on, burst at concurrency 8: exactly the 900 distinct events, each once',
		async () => {
			const b = burst(provider);
			// The reference: the distinct keys the same burst gives with deduplicate off.
			const reference = new Set((await emittedWithoutDedupe(provider, b)).emitted.map(keyOf));
			const staticData = staticDataFor(provider);
			const emitted = [];
			await pool(
				b.deliveries.map((d) => async () => emitted.push(...(await deliver(provider, b.events, d.raw, { deduplicate: true }, staticData)))),
				CONCURRENCY,
			);
			expect(emitted).toHaveLength(900);
			const keys = new Set(emitted.map(keyOf));
			expect(keys.size).toBe(900);
			expect([...keys].sort()).toEqual([...reference].sort());
			// The seen-set is in the node's static data, one key per distinct event.
			expect(Object.keys(staticData.seenEvents ?? {})).toHaveLength(900);
			record('repeated deliveries (dedupe on, shared static data)', 'trigger', provider, { calls: b.deliveries.length, emitted: emitted.length, distinct: keys.size });
		},
		// Two passes over the burst: the reference, then the deduplicated one.
		timeoutFor(2 * burstCalls(provider)),
	);

	test(
		'deduplicate on, static data persisted between calls as n8n does (loaded before, saved after each call): 900',
		async () => {
			const b = burst(provider);
			// n8n's live webhook loads the workflow's static data from the database for each call and saves it
			// afterwards when it changed; a JSON copy in, the changed object back, stands in for that.
			let persisted = JSON.stringify(staticDataFor(provider));
			let emitted = 0;
			for (const d of b.deliveries) {
				const staticData = JSON.parse(persisted);
				const items = await deliver(provider, b.events, d.raw, { deduplicate: true }, staticData);
				emitted += items.length;
				persisted = JSON.stringify(staticData);
			}
			expect(emitted).toBe(900);
			expect(Object.keys(JSON.parse(persisted).seenEvents)).toHaveLength(900);
			record('repeated deliveries (dedupe on, persisted per call)', 'trigger', provider, { calls: b.deliveries.length, emitted });
		},
		timeoutFor(burstCalls(provider)),
	);
});

test(
	'WaAPI burst at concurrency 8 with static data persisted per call as n8n does: still exactly the 900 distinct events',
	async () => {
		// What n8n does with concurrent deliveries: each call starts from the static data saved so far and saves
		// its own copy at the end, so calls that overlap do not see each other's seen-set.
		const b = burst('waapi');
		let persisted = JSON.stringify(activatedStaticData());
		let emitted = 0;
		await pool(
			b.deliveries.map((d) => async () => {
				const staticData = JSON.parse(persisted);
				const before = JSON.stringify(staticData);
				// Every delivery goes to the same workflow, as in n8n.
				const items = await deliver('waapi', b.events, d.raw, { deduplicate: true }, staticData, 'faults-dedupe-burst');
				emitted += items.length;
				if (JSON.stringify(staticData) !== before) persisted = JSON.stringify(staticData);
			}),
			CONCURRENCY,
		);
		record('repeated deliveries (dedupe on, n8n persistence, concurrent)', 'trigger', 'waapi', { calls: b.deliveries.length, emitted, kept: Object.keys(JSON.parse(persisted).seenEvents ?? {}).length });
		expect(emitted).toBe(900);
	},
	timeoutFor(burstCalls('waapi')),
);
