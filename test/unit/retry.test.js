const { isRetryable, parseRetryAfter, retryDelayMs } = require('../../nodes/shared/retry');

const policy = { maxRetries: 3, allowUnsafeRetries: false };
const unsafeAllowed = { ...policy, allowUnsafeRetries: true };

describe('what may be retried', () => {
	test('a 429 is retried even for a send: the provider refused it before acting', () => {
		expect(isRetryable({ httpStatus: 429 }, false, policy)).toBe(true);
	});
	test('a refused connection is retried even for a send: the body never left', () => {
		expect(isRetryable({ httpStatus: null, networkCode: 'ECONNREFUSED' }, false, policy)).toBe(true);
	});
	test.each([
		[{ httpStatus: 500 }],
		[{ httpStatus: 503 }],
		[{ httpStatus: null, networkCode: 'ECONNRESET' }],
		[{ httpStatus: null, networkCode: 'ETIMEDOUT' }],
		[{ httpStatus: null, networkCode: 'ECONNABORTED' }],
		[{ httpStatus: 200, unreadable: true }],
	])('%j may have been processed: retried for reads, not for sends unless allowed', (outcome) => {
		expect(isRetryable(outcome, true, policy)).toBe(true);
		expect(isRetryable(outcome, false, policy)).toBe(false);
		expect(isRetryable(outcome, false, unsafeAllowed)).toBe(true);
	});
	test.each([400, 401, 403, 404, 409, 422])('HTTP %i is final', (status) => {
		expect(isRetryable({ httpStatus: status }, true, unsafeAllowed)).toBe(false);
	});
});

describe('how long to wait', () => {
	test('Retry-After in seconds or as a date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0.5')).toBe(500);
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
	test('Retry-After wins over backoff, capped by maxDelayMs', () => {
		expect(retryDelayMs({ httpStatus: 429, retryAfterHeader: '3' }, 1, policy)).toBe(3000);
		expect(retryDelayMs({ httpStatus: 429, retryAfterHeader: '3600' }, 1, { ...policy, maxDelayMs: 10_000 })).toBe(10_000);
	});
	test('exponential backoff with jitter between half and the full step', () => {
		const p = { ...policy, baseDelayMs: 100, maxDelayMs: 100_000 };
		for (const retry of [1, 2, 3, 4]) {
			const step = 100 * 2 ** (retry - 1);
			expect(retryDelayMs({ httpStatus: 503 }, retry, p, () => 0)).toBe(step / 2);
			expect(retryDelayMs({ httpStatus: 503 }, retry, p, () => 1)).toBe(step);
		}
	});
});

test('a request the credential refused to build is never retried: the same credential would refuse again', () => {
	expect(isRetryable({ httpStatus: null, neverSent: true }, true, unsafeAllowed)).toBe(false);
});
