// @ts-check
// Shared by the fault-injection suite: the providers' parameters and credentials, a deterministic bulk-check
// dataset, the retry bound, and a way to arm a sandbox fault at the k-th matching request (the sandbox's
// own knobs only count from "now", so a failure in the middle of a run needs this).
const { runNode } = require('../harness');

/** Small timeouts so hangs and backoffs cost little; high speed limit so the run is bounded by the sandbox. */
// The timeout is what a hanging answer costs; it must also be long enough that a loaded 2-core machine
// answers every healthy request within it (at 1 s, a few percent timed out there and were retried).
const FAST = { timeout: 5000, maxRetries: 3, maxRequestsPerSecond: 1000 };

/** The instance a provider's calls go to, and the path its lookups / sends reach (the sandbox matches path ends). */
const PROVIDERS = {
	waapi: {
		credentialType: 'waApiApi',
		extra: { instanceId: { __rl: true, mode: 'id', value: '101' } },
		checkPath: '/client/action/get-number-id',
		sendPath: '/client/action/send-message',
	},
	onPremises: {
		credentialType: 'whatsAppOnPremisesApi',
		extra: { authentication: 'login' },
		checkPath: '/v1/contacts',
		sendPath: '/v1/messages',
	},
	wsapi: {
		credentialType: 'wsApiApi',
		extra: {},
		checkPath: '/users/check',
		sendPath: '/messages/text',
	},
	crisp: {
		credentialType: 'crispWhatsAppApi',
		extra: {},
		checkPath: null,
		sendPath: '/template/send',
	},
};

/**
 * Runs the action node for a provider against the sandbox.
 * @param {any} sb
 * @param {'waapi'|'onPremises'|'wsapi'|'crisp'} provider
 * @param {Record<string, any>} parameters
 * @param {{ input?: any[], continueOnFail?: boolean, options?: Record<string, any> }} [o]
 */
async function runGateway(sb, provider, parameters, o = {}) {
	const p = PROVIDERS[provider];
	return await runNode({
		nodeType: 'whatsAppGateway',
		parameters: { provider, ...p.extra, ...parameters, options: { ...FAST, ...(o.options ?? {}) } },
		credentials: { [p.credentialType]: { ...sb.credentials[p.credentialType] } },
		input: o.input,
		continueOnFail: o.continueOnFail,
	});
}

// ── bulk-check dataset ─────────────────────────────────────────────────────
const MALFORMED = ['12', 'abc', '+49 151 abc 45', '0151 2345678', 'hello@example.com', '1234567890123456789', '4915@g.us'];

/**
 * `total` numbers over items of `perItem`: ~8% repeat an earlier number in another writing, ~3% malformed,
 * the rest distinct; about a fifth of the distinct ones are not on WhatsApp (the sandbox's last-digit rule).
 * Each entry says what its one outcome must be.
 * @returns {{ items: { json: { numbers: string } }[], expected: { itemIndex: number, input: string, phone: string | null }[], distinct: string[] }}
 */
function bulkDataset(total = 250, perItem = 10) {
	/** @type {{ itemIndex: number, input: string, phone: string | null }[]} */
	const expected = [];
	/** @type {string[]} */
	const distinct = [];
	for (let i = 0; i < total; i++) {
		const itemIndex = Math.floor(i / perItem);
		if (i % 37 === 19 || i % 41 === 23) {
			expected.push({ itemIndex, input: MALFORMED[i % MALFORMED.length], phone: null });
		} else if (i % 12 === 11 && distinct.length > 0) {
			const earlier = distinct[(i * 7) % distinct.length];
			expected.push({ itemIndex, input: `+${earlier.slice(0, 2)} ${earlier.slice(2, 5)} ${earlier.slice(5)}`, phone: earlier });
		} else {
			const digits = `49152${String(3000000 + i * 53).padStart(7, '0')}`;
			distinct.push(digits);
			const writings = [digits, `+${digits.slice(0, 2)} (${digits.slice(2, 5)}) ${digits.slice(5, 8)}-${digits.slice(8)}`, `00${digits}`];
			expected.push({ itemIndex, input: writings[i % writings.length], phone: digits });
		}
	}
	/** @type {{ json: { numbers: string } }[]} */
	const items = [];
	for (const e of expected) {
		items[e.itemIndex] ??= { json: { numbers: '' } };
		// One text per item, numbers on their own lines (how a pasted column looks).
		items[e.itemIndex].json.numbers += (items[e.itemIndex].json.numbers ? '\n' : '') + e.input;
	}
	return { items, expected, distinct };
}

const CHECK = { resource: 'contact', operation: 'check', phoneNumbers: '={{ $json.numbers }}' };

/**
 * Every input number has exactly one outcome, in input order, paired with its item; `failed` numbers (digits)
 * carry `status: "error"` with a reason, every other number the sandbox's own answer.
 * @param {any} sb @param {any} r @param {string} provider
 * @param {{ itemIndex: number, input: string, phone: string | null }[]} expected
 * @param {Set<string>} [failed]
 */
function expectOneOutcomeEach(sb, r, provider, expected, failed = new Set()) {
	expect(r.error).toBeUndefined();
	expect(r.output).toHaveLength(expected.length);
	const counts = { valid: 0, invalid: 0, invalidFormat: 0, error: 0 };
	r.output.forEach((out, k) => {
		const want = expected[k];
		expect(out.pairedItem).toEqual({ item: want.itemIndex });
		const json = out.json;
		expect(json.provider).toBe(provider);
		expect(json.input).toBe(want.input);
		if (want.phone === null) {
			expect(json).toMatchObject({ phone: null, exists: null, status: 'invalidFormat' });
			expect(json.error).toEqual(expect.any(String));
		} else if (failed.has(want.phone)) {
			expect(json).toMatchObject({ phone: want.phone, exists: null, status: 'error', waId: null, chatId: null });
			expect(json.error).toEqual(expect.any(String));
			expect(json.error.length).toBeGreaterThan(10);
		} else {
			const exists = sb.numberExists(want.phone);
			expect({ phone: json.phone, exists: json.exists, status: json.status, reliable: json.reliable }).toEqual({
				phone: want.phone,
				exists,
				status: exists ? 'valid' : 'invalid',
				reliable: true,
			});
			expect(json.error).toBeUndefined();
		}
		counts[json.status] += 1;
	});
	return counts;
}

/** Logical lookups a clean run makes: one request per batch; WaAPI two per registered number, one otherwise. */
function lookupsFor(sb, provider, distinct, batchSize) {
	// WaAPI: one get-number-id a number.
	if (provider === 'waapi') return distinct.length;
	return Math.ceil(distinct.length / batchSize);
}

/** Fault bookkeeping: how many injected faults fired (each fault's `count - remaining`). */
function faultsFired(sb, provider) {
	return sb.knobs[provider].faults.reduce((n, f) => n + (f.count - f.remaining), 0);
}

/**
 * Calls `action` when the k-th request whose path matches arrives, before the sandbox handles it (so a fault
 * armed there hits that very request). Returns a function that removes the observer.
 * @param {any} sb @param {string} provider @param {string | RegExp} path @param {number} k @param {() => void} action
 */
function atRequest(sb, provider, path, k, action) {
	let seen = 0;
	const log = sb.log;
	const matches = (e) => e.provider === provider && (path instanceof RegExp ? path.test(e.path) : e.path === path || e.path.endsWith(path));
	log.push = function push(...entries) {
		const n = Array.prototype.push.apply(this, entries);
		for (const e of entries) {
			if (matches(e)) {
				seen += 1;
				if (seen === k) action();
			}
		}
		return n;
	};
	return () => {
		delete log.push;
	};
}

module.exports = { FAST, PROVIDERS, runGateway, bulkDataset, CHECK, expectOneOutcomeEach, lookupsFor, faultsFired, atRequest };
