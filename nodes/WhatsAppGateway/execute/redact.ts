// Raw provider answers can hold secrets (a WSAPI instance's apiKey, a signing secret): `raw` in the
// output never shows them.
const SECRET_KEY = /secret|api_?key|token|password|authorization/i;

export function redactSecrets(value: unknown, depth = 0): unknown {
	if (depth > 20) return null;
	if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
	if (typeof value === 'object' && value !== null) {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) {
			// Flags such as hasApiKey say whether a secret exists, not what it is.
			out[key] =
				SECRET_KEY.test(key) && typeof v !== 'boolean' && v !== null
					? '[redacted]'
					: redactSecrets(v, depth + 1);
		}
		return out;
	}
	return value;
}
