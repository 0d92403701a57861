// The On-Premises client's version (`meta.version`, e.g. "v2.45.1" or "2.45.1") and what it implies.

export interface ClientVersion {
	major: number;
	minor: number;
	patch: number;
}

/** Parses "v2.45.1" / "2.45" → numbers; anything else (placeholders, absent) → undefined. */
export function parseClientVersion(version: string | null | undefined): ClientVersion | undefined {
	const match = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/i.exec(version ?? '');
	if (!match) return undefined;
	return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

/**
 * Meta repurposed /v1/contacts in v2.43: from then on it answers `valid` with a `wa_id` for every number,
 * WhatsApp account or not. A server that does not say its version cannot be judged either way, so its
 * answers are not claimed to be real checks. `reason` says why, for the hint.
 */
export function contactCheckReliability(
	version: string | null | undefined,
): { reliable: true } | { reliable: false; reason: string } {
	const parsed = parseClientVersion(version);
	if (!parsed) {
		return {
			reliable: false,
			reason:
				'the server did not say its version (meta.version), so it is not known whether it checks numbers (before v2.43) or answers "valid" for every number (from v2.43)',
		};
	}
	if (parsed.major < 2 || (parsed.major === 2 && parsed.minor < 43)) return { reliable: true };
	return {
		reliable: false,
		reason: `this WhatsApp On-Premises server (${version}, v2.43 or later) reports every number as valid`,
	};
}
