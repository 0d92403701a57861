// @ts-check
// The bulk-check fault scenarios, defined once and run per provider (WaAPI: one number a request;
// On-Premises and WSAPI: batches). Every scenario checks the same three
// things: one outcome per input number in input order with its pairedItem, the requests the sandbox received
// against the retry bound, and that the injected faults really fired.
const { useSandbox } = require('../support/sandbox');
const { CHECK, bulkDataset, expectOneOutcomeEach, faultsFired, lookupsFor, runGateway, atRequest, PROVIDERS } = require('./helpers');
const { record } = require('./matrix');

/**
 * @param {'waapi'|'onPremises'|'wsapi'} provider
 * @param {{ concurrency: number, batchSize: number }} shape
 */
function defineBulkSuite(provider, shape) {
	const { concurrency, batchSize } = shape;
	const path = PROVIDERS[provider].checkPath;
	const data = bulkDataset(250, 10);
	const MAX_RETRIES = 3;

	const sb = useSandbox();
	/** @type {(() => void) | undefined} */
	let unhook;
	afterEach(() => {
		unhook?.();
		unhook = undefined;
	});

	const run = (options = {}, continueOnFail = true) =>
		runGateway(sb, provider, CHECK, {
			input: data.items,
			continueOnFail,
			options: { concurrency, batchSize, maxRetries: MAX_RETRIES, ...options },
		});
	const lookupRequests = () => sb.requests(provider, { path });
	const logins = () => sb.requests(provider, { path: '/v1/users/login' }).length;

	/** Requests within the bound, nothing but lookups (and logins) sent; returns the figures for the matrix. */
	function expectWithinBound(maxRetries = MAX_RETRIES) {
		const lookups = lookupsFor(sb, provider, data.distinct, batchSize);
		const sent = lookupRequests().length;
		// A 401 after a token expiry is answered by n8n with one login and one replay of that request.
		const replays = lookupRequests().filter((e) => e.status === 401).length;
		const bound = lookups * (1 + maxRetries) + replays;
		expect(sent).toBeLessThanOrEqual(bound);
		expect(sb.log).toHaveLength(sent + logins());
		return { lookups, sent, bound, logins: logins() };
	}

	test('no fault: one request per lookup, every number its answer', async () => {
		const r = await run();
		const counts = expectOneOutcomeEach(sb, r, provider, data.expected);
		const figures = expectWithinBound();
		expect(figures.sent).toBe(figures.lookups);
		record('none', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, ...counts, ...figures });
	});

	// Faults that a lookup recovers from: every number ends with the sandbox's real answer, and each fired
	// fault costs exactly one extra request.
	/** @type {[string, any][]} */
	const recoverable = [
		['429 storm with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1, count: 2 * concurrency }],
		['429 storm without Retry-After', { kind: 'status', status: 429, retryAfterSeconds: null, count: 2 * concurrency }],
		['500', { kind: 'status', status: 500, count: 2 * concurrency }],
		['reset', { kind: 'reset', count: 2 * concurrency }],
		['hang', { kind: 'hang', count: concurrency }],
		['malformedJson', { kind: 'malformedJson', count: 2 * concurrency }],
	];
	test.each(recoverable)('%s: retried, every number still gets its real answer', async (name, fault) => {
		sb.configure(provider, { faults: [{ ...fault, path }] });
		const r = await run();
		const counts = expectOneOutcomeEach(sb, r, provider, data.expected);
		const fired = faultsFired(sb, provider);
		expect(fired).toBe(fault.count);
		const figures = expectWithinBound();
		expect(figures.sent).toBe(figures.lookups + fired);
		expect(r.hints.map((h) => h.message).join(' ')).toMatch(new RegExp(`${fired} request\\(s\\) were retried`));
		record(name, 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, fired, ...counts, ...figures });
	});

	test('429 storm from the rate limit (Retry-After: 1): every number gets its answer', async () => {
		// The sandbox lets through only a few requests a second; the node is allowed far more. WaAPI's one request
		// a number must outrun the limit even on a loaded machine, so its limit sits well below what ten
		// concurrent lookups reach.
		const requestsPerSecond = provider === 'waapi' ? 50 : 3;
		sb.configure(provider, { rateLimit: { requestsPerSecond, retryAfterSeconds: 1 } });
		const maxRetries = 6;
		const r = await run({ maxRetries });
		const counts = expectOneOutcomeEach(sb, r, provider, data.expected);
		const refused = lookupRequests().filter((e) => e.status === 429).length;
		expect(refused).toBeGreaterThan(0);
		const figures = expectWithinBound(maxRetries);
		expect(figures.sent).toBe(figures.lookups + refused);
		record('429 storm (rate limit)', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, fired: refused, ...counts, ...figures });
	});

	test('mixed faults (429 ±Retry-After, 500, reset, hang, malformed JSON): every number gets its answer', async () => {
		const faults = [
			{ kind: 'status', status: 429, retryAfterSeconds: 1, count: 2 },
			{ kind: 'status', status: 500, count: 2 },
			{ kind: 'reset', count: 2 },
			{ kind: 'hang', count: 2 },
			{ kind: 'malformedJson', count: 2 },
			{ kind: 'status', status: 429, retryAfterSeconds: null, count: 2 },
		].map((f) => ({ ...f, path }));
		sb.configure(provider, { faults });
		if (provider === 'onPremises') {
			// And the session token expires while the batches are under way.
			unhook = atRequest(sb, provider, path, 4, () => sb.expireTokens());
		}
		// As many retries as faults, so no lookup can run out of them however the faults fall.
		const maxRetries = faults.length * 2;
		const r = await run({ maxRetries });
		const counts = expectOneOutcomeEach(sb, r, provider, data.expected);
		const fired = faultsFired(sb, provider);
		expect(fired).toBe(12);
		const figures = expectWithinBound(maxRetries);
		const replays = lookupRequests().filter((e) => e.status === 401).length;
		expect(figures.sent).toBe(figures.lookups + fired + replays);
		if (provider === 'onPremises') {
			expect(replays).toBeGreaterThan(0);
			expect(figures.logins).toBeLessThanOrEqual(1 + replays);
		}
		record('mixed', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, fired: fired + replays, ...counts, ...figures });
	});

	/** The distinct numbers of the second batch (WaAPI: the second number), and the fault that breaks it for good. */
	function breakSecondBatch(maxRetries) {
		// Every lookup is one request (WaAPI: one get-number-id a number), so k = 2 is batch 2.
		const firstOfBatch = path;
		unhook = atRequest(sb, provider, firstOfBatch, 2, () =>
			sb.configure(provider, { faults: [{ kind: 'status', status: 500, count: 1 + maxRetries, path: firstOfBatch }] }),
		);
		const size = provider === 'waapi' ? 1 : batchSize;
		return new Set(data.distinct.slice(size, 2 * size));
	}

	test('a batch that finally fails: its numbers are status "error" with a reason, the rest are answered', async () => {
		const maxRetries = 1;
		const failed = breakSecondBatch(maxRetries);
		const r = await run({ maxRetries, concurrency: 1 });
		const counts = expectOneOutcomeEach(sb, r, provider, data.expected, failed);
		const reasons = new Set(r.items.filter((j) => j.status === 'error').map((j) => j.error));
		expect([...reasons]).toEqual([expect.stringMatching(/Internal Server Error.*after 2 attempts/)]);
		const inputsFailed = data.expected.filter((e) => e.phone !== null && failed.has(e.phone)).length;
		expect(counts.error).toBe(inputsFailed);
		// WaAPI: the failed number never reached get-number-id.
		const figures = expectWithinBound(maxRetries);
		expect(figures.sent).toBe(figures.lookups + maxRetries);
		record('500 until retries run out', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, ...counts, ...figures });
	});

	test('a batch that finally fails without continueOnFail: the node fails naming how many numbers and which batch', async () => {
		const maxRetries = 1;
		const failed = breakSecondBatch(maxRetries);
		const r = await run({ maxRetries, concurrency: 1 }, false);
		expect(r.error).toBeDefined();
		expect(r.items).toEqual([]);
		const batches = provider === 'waapi' ? data.distinct.length : Math.ceil(data.distinct.length / batchSize);
		const numbers = failed.size === 1 ? '1 number' : `${failed.size} numbers`;
		expect(r.error.message).toContain(`could not check ${numbers} (batch 2 of ${batches})`);
		expect(r.error.message).toMatch(/after 2 attempts.*\[HTTP 500/);
		expect(r.error.description).toEqual(expect.any(String));
		// It stopped at the failed batch: batch 3 was never asked for.
		const third = provider === 'waapi' ? data.distinct[2] : data.distinct[2 * batchSize];
		const asked = JSON.stringify(sb.log.map((e) => e.body));
		expect(asked).not.toContain(third);
		record('500 until retries run out (no continueOnFail)', 'bulk', provider, { message: r.error.message });
	});

	if (provider === 'waapi') {
		test('200 with an inner error: those numbers are status "error" with the provider\'s message, never "invalid"', async () => {
			sb.configure(provider, { faults: [{ kind: 'innerError', count: concurrency, path: '/client/action/get-number-id' }] });
			const r = await run();
			// The first `concurrency` requests are the lookups of the first numbers.
			const failed = new Set(data.distinct.slice(0, concurrency));
			const counts = expectOneOutcomeEach(sb, r, provider, data.expected, failed);
			for (const j of r.items.filter((i) => i.status === 'error')) expect(j.error).toMatch(/unexpected error occurred/);
			// An inner error is not retried: one request each, as for every other number.
			const figures = expectWithinBound();
			expect(figures.sent).toBe(figures.lookups);
			record('innerError', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, fired: faultsFired(sb, provider), ...counts, ...figures });
		});
	}

	if (provider === 'onPremises') {
		test('token expiry in the middle of the batches: one login and one replay per refused request, every number answered', async () => {
			unhook = atRequest(sb, provider, path, 3, () => sb.expireTokens());
			const r = await run();
			const counts = expectOneOutcomeEach(sb, r, provider, data.expected);
			const refused = lookupRequests().filter((e) => e.status === 401).length;
			expect(refused).toBeGreaterThan(0);
			const figures = expectWithinBound();
			expect(figures.sent).toBe(figures.lookups + refused);
			// The first login, then at most one per refused request (those in flight when the token died).
			expect(figures.logins).toBeGreaterThanOrEqual(2);
			expect(figures.logins).toBeLessThanOrEqual(1 + refused);
			record('token expiry', 'bulk', provider, { outcomes: r.output.length, total: data.expected.length, fired: refused, ...counts, ...figures });
		});
	}
}

module.exports = { defineBulkSuite };
