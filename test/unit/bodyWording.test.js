// The sentences a refused webhook body gets: the provider sees them in our 400 answer, the user in n8n's log.
const { z } = require('zod/v4');
const { parseBody, idLike } = require('../../dist/nodes/shared/zodParts');
const { describeIssue } = require('../../dist/nodes/shared/zodIssue');

const schema = z.looseObject({
	event: z.string().min(1),
	list: z.array(z.string()).optional(),
	object: z.literal('whatsapp_business_account').optional(),
	id: idLike.optional(),
});

const refused = (value) => {
	const parsed = parseBody(schema, value);
	expect(parsed.success).toBe(false);
	return describeIssue(parsed.error);
};

test.each([
	['a missing field', {}, 'event: Required'],
	['a field of the wrong type', { event: 'x', list: 'a' }, 'list: Expected array, received string'],
	['null where an array belongs', { event: 'x', list: null }, 'list: Expected array, received null'],
	['an array where an object belongs', [], '(body): Expected object, received array'],
	[
		'another literal',
		{ event: 'x', object: 'page' },
		'object: Invalid literal value, expected "whatsapp_business_account"',
	],
	['an empty string', { event: '' }, 'event: String must contain at least 1 character(s)'],
	['an id that is neither text nor number', { event: 'x', id: true }, 'id: Invalid input'],
])('%s', (_name, value, sentence) => {
	expect(refused(value)).toBe(sentence);
});

test('an accepted body comes back whole, unknown fields kept', () => {
	const body = { event: 'message', id: 7, extra: { a: 1 } };
	expect(parseBody(schema, body)).toEqual({ success: true, data: body });
});

test('idLike refuses NaN and accepts both id writings', () => {
	expect(idLike.safeParse(Number.NaN).success).toBe(false);
	expect(idLike.safeParse('101').success).toBe(true);
	expect(idLike.safeParse(101).success).toBe(true);
});
