// Authenticating calls to the trigger: WSAPI signs the raw body (HMAC-SHA256), the other providers sign
// nothing, so the trigger puts a secret token in the URL it registers. Both comparisons are timing-safe.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret (URL-safe hex) for a token or a signing secret. */
export function generateSecret(bytes = 24): string {
	return randomBytes(bytes).toString('hex');
}

function firstHeader(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstHeader(value[0]);
	return typeof value === 'string' ? value : undefined;
}

/** True when `header` is `sha256=<hex HMAC-SHA256 of rawBody with secret>`. */
export function verifyHmacSignature(rawBody: unknown, header: unknown, secret: string): boolean {
	const given = firstHeader(header)?.trim();
	if (!given || !secret || !Buffer.isBuffer(rawBody)) return false;
	const expected = Buffer.from(
		`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`,
	);
	const actual = Buffer.from(given.replace(/^sha256=/i, 'sha256=').toLowerCase());
	// timingSafeEqual throws on different lengths; a length mismatch is simply a wrong signature.
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The signature WSAPI would send for `rawBody` (tests and tooling). */
export function signBody(rawBody: Buffer | string, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when the token given (e.g. the `token` query parameter) equals the expected one. */
export function tokenMatches(given: unknown, expected: string): boolean {
	const value = firstHeader(given);
	if (value === undefined || value === '' || !expected) return false;
	// Compare fixed-length digests so neither the content nor the length of the secret leaks through timing.
	const a = createHash('sha256').update(value).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

/**
 * A token derived from a secret and a scope (HMAC-SHA256, hex): the same on activation and on every later
 * call, without being stored. A provider may verify the webhook URL before the activation that registers
 * it has been saved, so the answer cannot wait for static data.
 */
export function derivedToken(secret: string, scope: string): string {
	return createHmac('sha256', secret).update(`whatsapp-gateway-verify:${scope}`).digest('hex');
}
