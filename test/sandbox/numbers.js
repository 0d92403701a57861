// @ts-check
// The one deterministic rule for "is this number on WhatsApp" shared by all four fake providers, so a test
// can predict every answer: a number is NOT on WhatsApp iff its last digit is 0 or 5.

/** @param {string} digits */
function numberExists(digits) {
	const d = String(digits).replace(/\D/g, '');
	if (d.length === 0) return false;
	const last = d[d.length - 1];
	return last !== '0' && last !== '5';
}

/** Strips the writing of a phone number the way the providers do (`+`, spaces, dashes, dots, parentheses). */
function digitsOf(input) {
	return String(input).replace(/[\s+\-().]/g, '');
}

module.exports = { numberExists, digitsOf };
