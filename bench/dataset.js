// @ts-check
// The bulk-check input: N phone numbers written the way people write them, with 5% duplicates (the same number
// in another writing) and 2% malformed entries, generated from a seed so every run and every setup sees the
// same list. Also returns what a correct check must find, to verify outcomes rather than just count them.
const { numberExists } = require('../test/sandbox/numbers');
// mulberry32: a small seeded PRNG, deterministic across node versions.
const { prng } = require('../test/action/helpers');

const WRITINGS = [
	(d) => `+${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 9)} ${d.slice(9)}`,
	(d) => `00${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5)}`,
	(d) => `+${d.slice(0, 2)} (${d.slice(2, 5)}) ${d.slice(5, 9)}-${d.slice(9)}`,
	(d) => d,
	(d) => `+${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 9)}.${d.slice(9)}`,
];

// Each is refused by a careful normaliser (too short, too long, letters, national without a country code)
// and contains no list separator (`,` `;` newline), so it stays one entry.
const MALFORMED = [
	(r) => `+49 ${Math.floor(r() * 90 + 10)}`,
	(r) => `+49 151 2345 6789 ${Math.floor(r() * 9000 + 1000)} 77`,
	(r) => `call me ${Math.floor(r() * 1000)}`,
	(r) => `49-ABC-${Math.floor(r() * 9000 + 1000)}`,
	(r) => `0151 ${Math.floor(r() * 9000000 + 1000000)}`,
];

/**
 * @param {number} count @param {number} [seed]
 * @returns {{ numbers: string[], truth: Array<string | null>, distinct: number, existing: number, duplicates: number,
 *   malformed: number }} `truth[i]`: the digits `numbers[i]` stands for, null when malformed
 */
function makeDataset(count, seed = 20260506) {
	const r = prng(seed);
	const duplicates = Math.round(count * 0.05);
	const malformed = Math.round(count * 0.02);
	const uniqueCount = count - duplicates - malformed;
	/** @type {string[]} */
	const digits = [];
	const seen = new Set();
	while (digits.length < uniqueCount) {
		// German mobile numbers: 49 15x and eight digits (13 digits with country code).
		let d = `4915${1 + Math.floor(r() * 7)}`;
		for (let i = 0; i < 8; i++) d += String(Math.floor(r() * 10));
		if (seen.has(d)) continue;
		seen.add(d);
		digits.push(d);
	}
	const pick = (n) => Math.floor(r() * n);
	/** @type {string[]} */
	const entries = digits.map((d) => WRITINGS[pick(WRITINGS.length)](d));
	/** @type {Array<string | null>} */
	const truth = [...digits];
	// A duplicate is a number already in the list, usually written another way, inserted anywhere.
	for (let i = 0; i < duplicates; i++) {
		const at = pick(entries.length);
		const d = digits[pick(uniqueCount)];
		entries.splice(at, 0, WRITINGS[pick(WRITINGS.length)](d));
		truth.splice(at, 0, d);
	}
	for (let i = 0; i < malformed; i++) {
		const at = pick(entries.length + 1);
		entries.splice(at, 0, MALFORMED[pick(MALFORMED.length)](r));
		truth.splice(at, 0, null);
	}
	return {
		numbers: entries,
		truth,
		distinct: uniqueCount,
		existing: digits.filter((d) => numberExists(d)).length,
		duplicates,
		malformed,
	};
}

module.exports = { makeDataset, prng };
