// The one retry policy. What may be retried depends on whether the provider can have acted on the
// request: a 429 (or an answer the adapter reads as a rate limit, whatever its status) or a refused
// connection means it did not, so even a send is retried; a 5xx, a reset or a timeout after the body
// left may mean the message went out, so a send is retried only when the user allowed duplicates.

export interface AttemptOutcome {
	httpStatus: number | null;
	networkCode?: string;
	/** The answer could not be read (not JSON, unexpected shape). */
	unreadable?: boolean;
	/** The request never left: the credential refused to build it (failed login, malformed key). */
	neverSent?: boolean;
	/** The provider refused the request for its rate limit without a 429 (its own error code says so). */
	rateLimited?: boolean;
	retryAfterHeader?: string | string[];
}

export interface RetryPolicy {
	maxRetries: number;
	/** Retry requests that are not idempotent even when the provider may have processed them. */
	allowUnsafeRetries: boolean;
	/** First backoff step in ms (doubled each retry, with jitter). */
	baseDelayMs?: number;
	/** Longest wait, whether from Retry-After or backoff. */
	maxDelayMs?: number;
}

// The body never reached the provider (or was refused before processing): safe to send again.
const NOT_PROCESSED_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const MAYBE_PROCESSED_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'UND_ERR_SOCKET',
]);

export function isRetryable(
	outcome: AttemptOutcome,
	idempotent: boolean,
	policy: RetryPolicy,
): boolean {
	// The same credential would refuse again: retrying only repeats the error.
	if (outcome.neverSent) return false;
	const mayRepeat = idempotent || policy.allowUnsafeRetries;
	const { httpStatus, networkCode } = outcome;
	if (httpStatus === 429 || outcome.rateLimited === true) return true;
	if (httpStatus === null) {
		if (networkCode && NOT_PROCESSED_NETWORK_CODES.has(networkCode)) return true;
		return (
			mayRepeat && (networkCode === undefined || MAYBE_PROCESSED_NETWORK_CODES.has(networkCode))
		);
	}
	if (httpStatus >= 500) return mayRepeat;
	if (outcome.unreadable) return mayRepeat;
	return false;
}

/** Milliseconds named by a Retry-After header (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(
	header: string | string[] | undefined,
	now = Date.now(),
): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before retry number `retry` (1-based). */
export function retryDelayMs(
	outcome: AttemptOutcome,
	retry: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const maxDelay = policy.maxDelayMs ?? 30_000;
	const fromHeader = parseRetryAfter(outcome.retryAfterHeader);
	if (fromHeader !== undefined) return Math.min(fromHeader, maxDelay);
	const base = policy.baseDelayMs ?? 250;
	const exponential = Math.min(base * 2 ** (retry - 1), maxDelay);
	// "Equal jitter": at least half the step, so retries from many workers spread without collapsing to 0.
	return Math.round(exponential / 2 + (random() * exponential) / 2);
}
