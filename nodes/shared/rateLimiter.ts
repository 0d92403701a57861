// The speed limit: never more than `maxRequestsPerSecond` requests in any sliding window of one second, as
// the provider counts them. The provider sees a request at some moment between our start and our receipt
// of its answer, and not always equally late; so a request counts from its start until one second after
// its answer. Granting a start only while fewer than the limit count guarantees that any one-second window
// of arrivals at the provider holds at most the limit, whatever the delays on the way.
import { sleep } from 'n8n-workflow';

export interface RateLimiter {
	/** Resolves when one more request may start, with the function to call when its answer came. */
	acquire(): Promise<() => void>;
	/** How many starts were granted so far. */
	readonly granted: number;
}

export function createRateLimiter(maxRequestsPerSecond: number, windowMs = 1000): RateLimiter {
	const limit = Math.max(1, Math.floor(maxRequestsPerSecond));
	let inFlight = 0;
	// When finished requests got their answers, oldest first; each counts until windowMs after it.
	const finished: number[] = [];
	// Callers queue on one chain, so grants happen in arrival order, one decision at a time.
	let chain: Promise<unknown> = Promise.resolve();
	let granted = 0;

	const counted = (now: number): number => {
		while (finished.length > 0 && finished[0] <= now - windowMs) finished.shift();
		return inFlight + finished.length;
	};

	const grantNext = async (): Promise<() => void> => {
		for (;;) {
			const now = Date.now();
			if (counted(now) < limit) break;
			// Wait for the oldest answer to leave the window, or poll briefly while all are still in flight.
			const wait = finished.length > 0 ? finished[0] + windowMs - now + 1 : 5;
			await sleep(Math.max(1, wait));
		}
		inFlight++;
		granted++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			inFlight--;
			finished.push(Date.now());
		};
	};

	return {
		acquire() {
			const turn = chain.then(grantNext);
			chain = turn.catch(() => undefined);
			return turn;
		},
		get granted() {
			return granted;
		},
	};
}
