// @ts-check
// A deterministic bulk-check input: 1,000 numbers over 10 items, 10% of them repeating an earlier number
// in another writing, 3% malformed. Each entry knows what the contract says its output must be.

const MALFORMED = ['12', 'abc', '+49 151 abc 45', '0151 2345678', 'hello@example.com', '++', '1234567890123456789', '4915@g.us'];

/**
 * @returns {{ items: { json: { numbers: string[] } }[], expected: { itemIndex: number, input: string, phone: string | null }[], distinct: string[] }}
 */
function bulkDataset(total = 1000, perItem = 100) {
	/** @type {{ itemIndex: number, input: string, phone: string | null }[]} */
	const expected = [];
	/** @type {string[]} */
	const distinct = [];
	for (let i = 0; i < total; i++) {
		const itemIndex = Math.floor(i / perItem);
		if (i % 100 === 17 || i % 100 === 51 || i % 100 === 88) {
			// 3 in every 100: malformed (no country code and no default, letters, too short/long, a group id).
			expected.push({ itemIndex, input: MALFORMED[i % MALFORMED.length], phone: null });
		} else if (i % 10 === 9) {
			// 10 in every 100: an earlier number again, written differently.
			const earlier = distinct[(i * 7) % distinct.length];
			expected.push({ itemIndex, input: `+${earlier.slice(0, 2)} ${earlier.slice(2, 5)} ${earlier.slice(5)}`, phone: earlier });
		} else {
			const digits = `49151${String(1000000 + i * 37).padStart(7, '0')}`;
			distinct.push(digits);
			// A few writings of a number: plain digits, +CC with spaces, 00CC, a chat id.
			const writings = [digits, `+${digits.slice(0, 2)} (${digits.slice(2, 5)}) ${digits.slice(5, 8)}-${digits.slice(8)}`, `00${digits}`, `${digits}@c.us`];
			expected.push({ itemIndex, input: writings[i % writings.length], phone: digits });
		}
	}
	/** @type {{ json: { numbers: string[] } }[]} */
	const items = [];
	for (const e of expected) {
		items[e.itemIndex] ??= { json: { numbers: [] } };
		items[e.itemIndex].json.numbers.push(e.input);
	}
	return { items, expected, distinct };
}

module.exports = { bulkDataset };
