const { parsePhone, splitPhoneList, chatIdToDigits } = require('../../nodes/shared/phone');

describe('parsePhone', () => {
	test.each([
		['+49 (151) 234-5678', '491512345678'],
		['0049 151 2345678', '491512345678'],
		['491512345678', '491512345678'],
		['4915112345678@c.us', '4915112345678'],
		['4915112345678@s.whatsapp.net', '4915112345678'],
		['4915112345678:12@s.whatsapp.net', '4915112345678'],
		['+1 (516) 283-7151', '15162837151'],
		['49.151.234.5678', '491512345678'],
	])('%s → %s', (input, digits) => {
		expect(parsePhone(input)).toEqual({ ok: true, kind: 'user', digits });
	});

	test('a national number takes the default country code', () => {
		expect(parsePhone('0151 2345678', '+49')).toEqual({ ok: true, kind: 'user', digits: '491512345678' });
		expect(parsePhone('0151 2345678', '0049')).toEqual({ ok: true, kind: 'user', digits: '491512345678' });
	});

	test('a national number without a default country code is refused with the reason', () => {
		const parsed = parsePhone('0151 2345678');
		expect(parsed.ok).toBe(false);
		expect(parsed.reason).toMatch(/Default Country Code/);
	});

	test.each(['', 'abc', '12345', '+1234567890123456', '+49 151 abc 5678', 'someone@example.com', '00'])(
		'%j is not a number',
		(input) => {
			expect(parsePhone(input).ok).toBe(false);
		},
	);

	test('group ids pass through for sends only', () => {
		expect(parsePhone('120363025246125486@g.us', '', true)).toEqual({ ok: true, kind: 'group', id: '120363025246125486@g.us' });
		expect(parsePhone('120363025246125486@g.us').ok).toBe(false);
	});
});

test('splitPhoneList splits on commas, semicolons and new lines, keeps formatted numbers whole', () => {
	expect(splitPhoneList('+49 151 234-5678, 0049 151 2345678;491512345678\n 4915112345678@c.us ,')).toEqual([
		'+49 151 234-5678',
		'0049 151 2345678',
		'491512345678',
		'4915112345678@c.us',
	]);
	expect(splitPhoneList(['+1 516 283 7151', 4915112345678, ['1;2']])).toEqual(['+1 516 283 7151', '4915112345678', '1', '2']);
	expect(splitPhoneList(undefined)).toEqual([]);
});

test('chat ids from providers: personal ids become digits, any other id stays whole', () => {
	expect(chatIdToDigits('4915112345678@c.us')).toBe('4915112345678');
	expect(chatIdToDigits('1234567890:12@s.whatsapp.net')).toBe('1234567890');
	expect(chatIdToDigits('1-2@g.us')).toBe('1-2@g.us');
	expect(chatIdToDigits(null)).toBe(null);
	// A LID or a channel is not a phone number: never reduced to its digits.
	expect(chatIdToDigits('123456789012345@lid')).toBe('123456789012345@lid');
	expect(chatIdToDigits('120363000000000000@newsletter')).toBe('120363000000000000@newsletter');
	expect(chatIdToDigits('US.13491208655302741918')).toBe('US.13491208655302741918');
});

test('a LID or a business-scoped user id is a recipient kept whole, never a phone number to check', () => {
	expect(parsePhone('123456789012345@lid', '', true)).toEqual({ ok: true, kind: 'id', id: '123456789012345@lid' });
	expect(parsePhone('US.13491208655302741918', '', true)).toEqual({ ok: true, kind: 'id', id: 'US.13491208655302741918' });
	expect(parsePhone('123456789012345@lid')).toMatchObject({ ok: false, reason: expect.stringMatching(/without a phone number/) });
});
