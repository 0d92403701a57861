// @ts-check
// contact.check on On-Premises at scale: 1,000 numbers over 10 items through n8n's engine against the
// sandbox's /v1/contacts; order, pairing, batching, speed limit, 429 storms, token expiry, v2.43+.
const { useSandbox } = require('../../support/sandbox');
const { HarnessCredentialsHelper } = require('../../harness');
const { runOnPrem, authOf } = require('./helpers');
const { bulkDataset } = require('./dataset');

const sb = useSandbox();

const CHECK = { resource: 'contact', operation: 'check', phoneNumbers: '={{ $json.numbers }}' };

/** Highest number of requests to `path` that the sandbox received in any window of `windowMs`. */
function peakOf(path, windowMs = 1000) {
	const times = sb.requests('onPremises', { path }).map((e) => e.at).sort((a, b) => a - b);
	let peak = 0;
	for (let end = 0, start = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		peak = Math.max(peak, end - start + 1);
	}
	return peak;
}

/** A credentials helper whose store already holds a session token (one login, before the measured run). */
async function loggedIn() {
	const helper = new HarnessCredentialsHelper({ whatsAppOnPremisesApi: { ...sb.credentials.whatsAppOnPremisesApi } });
	const warm = await runOnPrem(sb, { resource: 'instance', operation: 'get' }, { credentialsHelper: helper });
	expect(warm.error).toBeUndefined();
	expect(helper.store.whatsAppOnPremisesApi.sessionToken).toEqual(expect.any(String));
	sb.clearLog();
	return helper;
}

/** Every output item against the dataset: order, pairing, contract fields, the sandbox's rule. */
function expectOutcomes(r, expected, { reliable = true, allValid = false } = {}) {
	expect(r.items).toHaveLength(expected.length);
	r.output.forEach((out, k) => {
		const want = expected[k];
		expect(out.pairedItem).toEqual({ item: want.itemIndex });
		const json = out.json;
		expect(json.provider).toBe('onPremises');
		expect(json.input).toBe(want.input);
		if (want.phone === null) {
			expect(json).toMatchObject({ phone: null, exists: null, status: 'invalidFormat', waId: null, chatId: null });
			expect(json.error).toEqual(expect.any(String));
			return;
		}
		const exists = allValid || sb.numberExists(want.phone);
		expect(json).toEqual({
			provider: 'onPremises',
			input: want.input,
			phone: want.phone,
			exists,
			status: exists ? 'valid' : 'invalid',
			reliable,
			waId: exists ? want.phone : null,
			chatId: exists ? want.phone : null,
		});
	});
}

/** What /v1/contacts received: every distinct number exactly once, `+digits`, `blocking: wait`, Bearer. */
function expectBatches(distinct, batchSize) {
	const calls = sb.requests('onPremises', { path: '/v1/contacts' }).filter((e) => e.status === 200);
	expect(calls).toHaveLength(Math.ceil(distinct.length / batchSize));
	const sent = [];
	for (const call of calls) {
		expect(call.method).toBe('POST');
		expect(authOf(call)).toMatch(/^Bearer \S+$/);
		expect(Object.keys(call.body).sort()).toEqual(['blocking', 'contacts']);
		expect(call.body.blocking).toBe('wait');
		expect(call.body.contacts.length).toBeLessThanOrEqual(batchSize);
		for (const c of call.body.contacts) expect(c).toMatch(/^\+\d{7,15}$/);
		sent.push(...call.body.contacts);
	}
	expect(sent.slice().sort()).toEqual(distinct.map((d) => `+${d}`).sort());
}

test('1,000 numbers, 10 items, 10% duplicates, 3% malformed: order, pairing, one request per batch, speed limit', async () => {
	const { items, expected, distinct } = bulkDataset();
	const helper = await loggedIn();
	const r = await runOnPrem(
		sb,
		{ ...CHECK, options: { batchSize: 100, concurrency: 4, maxRequestsPerSecond: 3 } },
		{ input: items, credentialsHelper: helper },
	);
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 100);
	// 870 distinct numbers → 9 requests; never more than 3 in any second, at the sandbox.
	expect(sb.requests('onPremises', { path: '/v1/contacts' })).toHaveLength(9);
	expect(sb.peakRate('onPremises')).toBeLessThanOrEqual(3);
	expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(0);
	expect(r.hints).toEqual([]);
});

test('the default batch size is 100 and the node asks the provider nothing for malformed numbers', async () => {
	const helper = await loggedIn();
	const r = await runOnPrem(
		sb,
		{ ...CHECK, options: { maxRequestsPerSecond: 20 } },
		{ input: [{ json: { numbers: ['491511234561', 'abc', '+49 151 1234562', '491511234561@c.us', '12'] } }], credentialsHelper: helper },
	);
	expect(r.error).toBeUndefined();
	expect(r.items.map((i) => i.status)).toEqual(['valid', 'invalidFormat', 'valid', 'valid', 'invalidFormat']);
	const calls = sb.requests('onPremises', { path: '/v1/contacts' });
	expect(calls).toHaveLength(1);
	expect(calls[0].body).toEqual({ blocking: 'wait', contacts: ['+491511234561', '+491511234562'] });
});

test('a 429 storm (the Webapp allows 2 requests a second) is recovered without losing a number', async () => {
	const { items, expected, distinct } = bulkDataset();
	const helper = await loggedIn();
	sb.configure('onPremises', { rateLimit: { requestsPerSecond: 2, retryAfterSeconds: 1 } });
	const r = await runOnPrem(
		sb,
		{ ...CHECK, options: { batchSize: 100, concurrency: 5, maxRequestsPerSecond: 10, maxRetries: 10 } },
		{ input: items, credentialsHelper: helper },
	);
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 100);
	const calls = sb.requests('onPremises', { path: '/v1/contacts' });
	expect(calls.filter((e) => e.status === 429).length).toBeGreaterThan(0);
	expect(calls.filter((e) => e.status === 200)).toHaveLength(9);
	expect(r.hints.map((h) => h.message).join('\n')).toMatch(/retried/);
	expect(peakOf('/v1/contacts')).toBeLessThanOrEqual(10);
});

test('v2.41.2: reliable answers, no hint', async () => {
	const helper = await loggedIn();
	const r = await runOnPrem(sb, { ...CHECK, phoneNumbers: '491511234561, 491511234560' }, { credentialsHelper: helper });
	expect(r.error).toBeUndefined();
	expect(r.items.map((i) => [i.status, i.exists, i.reliable])).toEqual([
		['valid', true, true],
		['invalid', false, true],
	]);
	expect(r.hints).toEqual([]);
});

test('v2.45.1 answers valid for everyone: reliable false on every item and an execution hint', async () => {
	const { items, expected } = bulkDataset(200, 100);
	const helper = await loggedIn();
	sb.configure('onPremises', { version: 'v2.45.1' });
	const r = await runOnPrem(sb, { ...CHECK, options: { maxRequestsPerSecond: 20 } }, { input: items, credentialsHelper: helper });
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected, { reliable: false, allValid: true });
	const hint = r.hints.find((h) => /not a real check/.test(h.message));
	expect(hint).toBeDefined();
	expect(hint.message).toMatch(/v2\.43 or later/);
	const answered = expected.filter((e) => e.phone !== null).length;
	expect(hint.message).toMatch(new RegExp(`^${answered} answer`));
});

test('the token expires between runs: exactly one re-login and every number answered', async () => {
	const { items, expected, distinct } = bulkDataset(300, 100);
	const helper = await loggedIn();
	sb.expireTokens();
	const r = await runOnPrem(
		sb,
		{ ...CHECK, options: { batchSize: 50, concurrency: 1, maxRequestsPerSecond: 20 } },
		{ input: items, credentialsHelper: helper },
	);
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 50);
	const logins = sb.requests('onPremises', { path: '/v1/users/login' });
	expect(logins).toHaveLength(1);
	expect(helper.preAuthentications).toEqual([
		{ type: 'whatsAppOnPremisesApi', expired: false, testing: false },
		{ type: 'whatsAppOnPremisesApi', expired: true, testing: false },
	]);
	// One request was refused with the old token, then retried with the new one.
	expect(sb.requests('onPremises', { path: '/v1/contacts' }).map((e) => e.status).filter((s) => s === 401)).toHaveLength(1);
});

test('default concurrency (5): the token expires between runs → exactly one re-login, every number answered', async () => {
	// Five batches start together with the expired token and all get a 401; n8n refreshes per request, so
	// only a login shared by concurrent refreshes keeps this to one (see the credential's preAuthentication).
	const { items, expected, distinct } = bulkDataset(1000, 100);
	const helper = await loggedIn();
	sb.expireTokens();
	sb.configure('onPremises', { latencyMs: 20 });
	const r = await runOnPrem(sb, { ...CHECK, options: { maxRequestsPerSecond: 10 } }, { input: items, credentialsHelper: helper });
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 100);
	expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(1);
});

test('default concurrency (5), no token yet: one login for the whole run', async () => {
	const { items, expected } = bulkDataset(1000, 100);
	sb.configure('onPremises', { latencyMs: 20 });
	const r = await runOnPrem(sb, { ...CHECK, options: { maxRequestsPerSecond: 10 } }, { input: items });
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(1);
	expect(sb.requests('onPremises', { path: '/v1/contacts' }).every((e) => e.status === 200)).toBe(true);
});

test('no token yet, the node at the Webapp\'s limit: the login counts against it, so no 429', async () => {
	// 3 requests a second at the Webapp and in the node: the login and the first batches start together.
	const { items, expected, distinct } = bulkDataset(1000, 100);
	sb.configure('onPremises', { rateLimit: { requestsPerSecond: 3, retryAfterSeconds: 1 } });
	const r = await runOnPrem(
		sb,
		{ ...CHECK, options: { batchSize: 100, concurrency: 5, maxRequestsPerSecond: 3 } },
		{ input: items },
	);
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 100);
	expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(1);
	expect(sb.log.filter((e) => e.status === 429)).toHaveLength(0);
	expect(sb.peakRate('onPremises')).toBeLessThanOrEqual(3);
	expect(r.hints).toEqual([]);
});

test('the token expires in the middle of a run: exactly one re-login and every number answered', async () => {
	const { items, expected, distinct } = bulkDataset(1000, 100);
	const helper = await loggedIn();
	sb.configure('onPremises', { latencyMs: 20 });
	let expiredAt = -1;
	// Expire every token once the third batch has been answered (bounded: stops with the run).
	const watcher = setInterval(() => {
		const done = sb.requests('onPremises', { path: '/v1/contacts' }).filter((e) => e.status === 200).length;
		if (expiredAt < 0 && done >= 3) {
			expiredAt = done;
			sb.expireTokens();
		}
	}, 5);
	let r;
	try {
		r = await runOnPrem(
			sb,
			{ ...CHECK, options: { batchSize: 100, concurrency: 1, maxRequestsPerSecond: 10 } },
			{ input: items, credentialsHelper: helper },
		);
	} finally {
		clearInterval(watcher);
	}
	expect(expiredAt).toBeGreaterThanOrEqual(3);
	expect(r.error).toBeUndefined();
	expectOutcomes(r, expected);
	expectBatches(distinct, 100);
	expect(sb.requests('onPremises', { path: '/v1/users/login' })).toHaveLength(1);
	expect(sb.requests('onPremises', { path: '/v1/contacts' }).filter((e) => e.status === 401)).toHaveLength(1);
});

test('a batch that finally fails: continueOnFail marks its numbers "error", the others are answered', async () => {
	const helper = await loggedIn();
	const numbers = Array.from({ length: 30 }, (_, i) => `4915112345${String(i).padStart(2, '0')}`);
	// The first /v1/contacts request fails with a 503; with no retries allowed its batch fails for good.
	sb.configure('onPremises', { faults: [{ kind: 'status', status: 503, count: 1, path: '/v1/contacts' }] });
	const r = await runOnPrem(
		sb,
		{ ...CHECK, phoneNumbers: numbers.join('\n'), options: { batchSize: 10, concurrency: 1, maxRetries: 0, maxRequestsPerSecond: 50 } },
		{ credentialsHelper: helper, continueOnFail: true },
	);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(30);
	const calls = sb.requests('onPremises', { path: '/v1/contacts' });
	expect(calls.map((e) => e.status)).toEqual([503, 200, 200]);
	const failedBatch = calls[0].body.contacts.map((c) => c.slice(1));
	expect(failedBatch).toEqual(numbers.slice(0, 10));
	r.items.forEach((item, k) => {
		expect(r.output[k].pairedItem).toEqual({ item: 0 });
		expect(item.input).toBe(numbers[k]);
		if (k < 10) {
			expect(item).toMatchObject({ status: 'error', exists: null, phone: numbers[k] });
			expect(item.error).toMatch(/Service not ready/);
		} else {
			expect(item.status).toBe(sb.numberExists(numbers[k]) ? 'valid' : 'invalid');
		}
	});
});

test('a batch that finally fails without continueOnFail fails the node naming the numbers and the batch', async () => {
	const helper = await loggedIn();
	const numbers = Array.from({ length: 25 }, (_, i) => `4915112345${String(i).padStart(2, '0')}`);
	sb.configure('onPremises', { faults: [{ kind: 'status', status: 500, count: 100, path: '/v1/contacts' }] });
	const r = await runOnPrem(
		sb,
		{ ...CHECK, phoneNumbers: numbers.join(','), options: { batchSize: 10, concurrency: 1, maxRetries: 1, maxRequestsPerSecond: 50 } },
		{ credentialsHelper: helper },
	);
	expect(r.error).toBeDefined();
	expect(r.error.message).toMatch(/could not check 10 numbers \(batch 1 of 3\)/);
	expect(r.error.message).toMatch(/\[HTTP 500, code 1014\]/);
	// The check is idempotent: the 500 was retried once, then the run stopped.
	expect(sb.requests('onPremises', { path: '/v1/contacts' })).toHaveLength(2);
});

