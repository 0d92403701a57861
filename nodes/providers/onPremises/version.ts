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
 * WhatsApp account or not. An unknown version cannot be judged, so its answers are taken at face value.
 */
export function contactCheckIsReal(version: string | null | undefined): boolean {
	const parsed = parseClientVersion(version);
	if (!parsed) return true;
	return parsed.major < 2 || (parsed.major === 2 && parsed.minor < 43);
}
