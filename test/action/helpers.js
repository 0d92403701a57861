// @ts-check
// Shared fixtures of the action-node tests: a deterministic bulk of phone numbers (with the digits each one
// must become, written independently of the code under test) and small parameter builders.

/** A small deterministic PRNG (mulberry32), so every run checks the same numbers. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The ways users write one German mobile number `49` + `1xx` + 7–8 digits. */
const WRITINGS = [
	(d) => `+${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5)}`,
	(d) => `00${d}`,
	(d) => d,
	(d) => `+${d.slice(0, 2)} (${d.slice(2, 5)}) ${d.slice(5, 8)}-${d.slice(8)}`,
	(d) => `${d}@c.us`,
	(d) => `${d}@s.whatsapp.net`,
	(d) => `0${d.slice(2)}`, // national: needs defaultCountryCode 49
];

const MALFORMED = ['not a number', '12345', '+49 151 23x4567', '4915123456789012345', 'call me maybe', '++', '0', 'abc@g.us'];

/**
 * `total` numbers spread over `items` items: ~10% repeat an earlier number in another writing, ~3% cannot be
 * a phone number. Every entry says what the node must output for it.
 * @returns {{ items: Array<{ json: { numbers: string[] } }>, entries: Array<{ item: number, input: string, digits: string | null }>, distinct: string[] }}
 */
function bulkNumbers(total = 1000, items = 10, seed = 42) {
	const random = prng(seed);
	const entries = [];
	const distinct = [];
	for (let i = 0; i < total; i++) {
		const item = Math.floor((i * items) / total);
		const r = random();
		if (r < 0.03) {
			entries.push({ item, input: MALFORMED[Math.floor(random() * MALFORMED.length)], digits: null });
		} else if (r < 0.13 && distinct.length > 0) {
			const digits = distinct[Math.floor(random() * distinct.length)];
			const write = WRITINGS[Math.floor(random() * WRITINGS.length)];
			entries.push({ item, input: write(digits), digits });
		} else {
			// 49 + 15x + 8 digits = 13 digits; unique by construction (the counter is part of it).
			const digits = `4915${Math.floor(random() * 10)}${String(10_000_000 + distinct.length * 7919).slice(-8)}`;
			distinct.push(digits);
			const write = WRITINGS[Math.floor(random() * WRITINGS.length)];
			entries.push({ item, input: write(digits), digits });
		}
	}
	const grouped = Array.from({ length: items }, () => /** @type {string[]} */ ([]));
	for (const e of entries) grouped[e.item].push(e.input);
	return { items: grouped.map((numbers) => ({ json: { numbers } })), entries, distinct };
}

/** A resource-locator value by id. */
const rl = (value) => ({ __rl: true, mode: 'id', value });

/** Every string in a value, deeply (to look for secrets). */
function allText(value) {
	return JSON.stringify(value ?? null);
}

module.exports = { bulkNumbers, rl, allText, prng };
