// @ts-check
// Bounded polling for things n8n does in the background (webhook registration after activation or start).

/**
 * Calls fn every `intervalMs` until it returns a truthy value or `timeoutMs` has passed; returns its last value.
 * @template T
 * @param {() => T} fn
 * @param {number} [timeoutMs]
 * @param {number} [intervalMs]
 * @returns {Promise<T>}
 */
async function waitFor(fn, timeoutMs = 10_000, intervalMs = 200) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = fn();
		if (value) return value;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	return fn();
}

module.exports = { waitFor };
