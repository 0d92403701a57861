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

/**
 * The id WhatsApp registered for a number (digits, no suffix), or null when the number is not on WhatsApp:
 * what whatsapp-web.js `getNumberId` answers (`pedroslopez/whatsapp-web.js src/Client.js@03498ea`
 * getNumberId: `queryWidExists(wid)`, "Will return null if the number is not registered on WhatsApp").
 * WaAPI's spec says this id differs from the written number in "countries that don't follow the standard chat
 * ID format (like Brazil, Mexico and Argentina)" (test/sandbox/specs/waapi-openapi.json, operation get-number-id).
 * The real id depends on when the account was registered; the sandbox fixes one rule per country so tests can
 * predict it:
 * - Brazil (55): mobile numbers gained a ninth digit, accounts registered before keep the old id
 *   (https://github.com/pedroslopez/whatsapp-web.js/pull/421, /issues/596). Rule taken from #596: area codes
 *   30 and above drop the 9, area codes below 30 have it.
 * - Mexico (52): WhatsApp answers mobiles as `52 1 <10 digits>` (https://github.com/mgp25/Chat-API/issues/538,
 *   https://github.com/pedroslopez/whatsapp-web.js/issues/1814).
 * - Argentina (54): mobiles as `54 9 <10 digits>`, the 9 of the international mobile prefix (GUESS in detail: the
 *   spec names Argentina without saying how the id differs).
 * @param {string} digits
 * @returns {string | null}
 */
function whatsappIdOf(digits) {
	const d = String(digits).replace(/\D/g, '');
	if (!numberExists(d)) return null;
	let m = /^55(\d{2})(9?)(\d{8})$/.exec(d);
	if (m) return Number(m[1]) >= 30 ? `55${m[1]}${m[3]}` : `55${m[1]}9${m[3]}`;
	m = /^52(1?)(\d{10})$/.exec(d);
	if (m) return `521${m[2]}`;
	m = /^54(9?)(\d{10})$/.exec(d);
	if (m) return `549${m[2]}`;
	return d;
}

module.exports = { numberExists, digitsOf, whatsappIdOf };
