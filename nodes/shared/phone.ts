// The one phone-number module: every writing of a number users paste (with +, 00, spaces, dashes,
// parentheses, chat-id suffixes) becomes digits with country code, and back into each provider's form.
import type { Recipient } from './types';

export type ParsedNumber =
	| { ok: true; kind: 'user'; digits: string }
	| { ok: true; kind: 'group'; id: string }
	| { ok: true; kind: 'id'; id: string }
	| { ok: false; reason: string };

// E.164 allows at most 15 digits; WSAPI's own check accepts 7 to 15 (`^\+?\d{7,15}$`).
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const USER_SUFFIXES = ['@c.us', '@s.whatsapp.net'];
const GROUP_SUFFIX = '@g.us';
// A WhatsApp LID (`…@lid`, whatsapp-web.js and whatsmeow name senders so when no number is known) and a
// Cloud API business-scoped user id (`US.13491208655302741918`) stand for a person without their number.
const LID = /^\d{5,25}(:\d+)?@lid$/i;
const BUSINESS_SCOPED_ID = /^[A-Z]{2}\.\d{5,30}$/;
// Characters that belong to the writing of one number, not to the number.
const FORMATTING = /[\s\-.()/\u00a0]/g;

/** Normalises a country code option: "+49", "0049", "49" → "49"; "" → "". */
export function normaliseCountryCode(code: string | undefined): string {
	return (code ?? '').trim().replace(/^\+/, '').replace(/^00/, '');
}

/**
 * Parses one recipient or contact.
 * - `+49 (151) 234-5678`, `0049 151 2345678`, `491512345678`, `491512345678@c.us`,
 *   `491512345678@s.whatsapp.net` (a device part `:12` is dropped) → digits `491512345678`.
 * - A national number (one leading 0) takes `defaultCountryCode`; without one it is refused.
 * - A group id (`…@g.us`), a LID (`…@lid`) or a business-scoped user id is kept whole when
 *   `allowIds` (sends), refused otherwise (checks: none of them is a phone number).
 */
export function parsePhone(
	input: unknown,
	defaultCountryCode = '',
	allowIds = false,
): ParsedNumber {
	if (typeof input !== 'string' && typeof input !== 'number') {
		return { ok: false, reason: 'not a phone number (empty or not text)' };
	}
	const raw = String(input).trim();
	if (raw === '') return { ok: false, reason: 'empty phone number' };

	const lower = raw.toLowerCase();
	if (lower.endsWith(GROUP_SUFFIX)) {
		if (!allowIds) return { ok: false, reason: 'a group id is not a phone number' };
		return /^[\d-]+@g\.us$/.test(lower)
			? { ok: true, kind: 'group', id: lower }
			: { ok: false, reason: `"${raw}" is not a valid group id` };
	}
	if (LID.test(raw) || BUSINESS_SCOPED_ID.test(raw)) {
		if (!allowIds) {
			return { ok: false, reason: `"${raw}" is a WhatsApp user id without a phone number` };
		}
		return { ok: true, kind: 'id', id: LID.test(raw) ? lower : raw };
	}

	let candidate = raw;
	const suffix = USER_SUFFIXES.find((s) => lower.endsWith(s));
	if (suffix) {
		candidate = raw.slice(0, raw.length - suffix.length).split(':')[0];
		if (!/^\d+$/.test(candidate)) return { ok: false, reason: `"${raw}" is not a valid chat id` };
	} else if (raw.includes('@')) {
		return { ok: false, reason: `"${raw}" is not a phone number or a personal chat id` };
	}

	candidate = candidate.replace(FORMATTING, '');
	let digits: string;
	if (candidate.startsWith('+')) {
		digits = candidate.slice(1);
	} else if (candidate.startsWith('00')) {
		digits = candidate.slice(2);
	} else if (candidate.startsWith('0')) {
		const cc = normaliseCountryCode(defaultCountryCode);
		if (!cc) {
			return {
				ok: false,
				reason: `"${raw}" is a national number: write it with its country code or set the option Default Country Code`,
			};
		}
		digits = cc + candidate.slice(1);
	} else {
		digits = candidate;
	}

	if (!/^\d+$/.test(digits)) {
		return {
			ok: false,
			reason: `"${raw}" contains characters that are not part of a phone number`,
		};
	}
	if (digits.startsWith('0')) return { ok: false, reason: `"${raw}" has no valid country code` };
	if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
		return {
			ok: false,
			reason: `"${raw}" has ${digits.length} digits; a phone number with country code has ${MIN_DIGITS} to ${MAX_DIGITS}`,
		};
	}
	return { ok: true, kind: 'user', digits };
}

/**
 * Splits a `phoneNumbers` value into single numbers: an array (from an expression) or text separated by
 * commas, semicolons or new lines. Spaces, dashes, dots and parentheses stay: they are part of one number.
 */
export function splitPhoneList(value: unknown): string[] {
	const parts: unknown[] = Array.isArray(value) ? value : [value];
	const out: string[] = [];
	for (const part of parts) {
		if (part === null || part === undefined) continue;
		if (Array.isArray(part)) {
			out.push(...splitPhoneList(part));
			continue;
		}
		for (const piece of String(part).split(/[,;\n\r]+/)) {
			if (piece.trim() !== '') out.push(piece.trim());
		}
	}
	return out;
}

/**
 * A chat id or JID as it comes from a provider (webhooks, answers) → the digits of a personal chat id
 * (`…@c.us`, `…@s.whatsapp.net`, or plain digits); any other id (a group, a LID, a channel, a
 * business-scoped user id) as given, never read as a phone number.
 */
export function chatIdToDigits(chatId: string | null | undefined): string | null {
	if (!chatId) return null;
	const at = chatId.indexOf('@');
	const suffix = at === -1 ? '' : chatId.slice(at).toLowerCase();
	if (suffix !== '' && !USER_SUFFIXES.includes(suffix)) return chatId;
	const user = (at === -1 ? chatId : chatId.slice(0, at)).split(':')[0];
	return /^\+?\d+$/.test(user) ? user.replace(/^\+/, '') : chatId;
}

/** A recipient's output form: digits with country code, or the id as given. */
export function recipientLabel(recipient: Recipient): string {
	return recipient.kind === 'user' ? recipient.digits : recipient.id;
}

/** A recipient from a parsed number (which must be one that parsed). */
export function recipientOf(parsed: Exclude<ParsedNumber, { ok: false }>): Recipient {
	return parsed.kind === 'user'
		? { kind: 'user', digits: parsed.digits }
		: { kind: parsed.kind, id: parsed.id };
}
