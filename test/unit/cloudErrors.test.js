// The Cloud API's error envelope and the retry policy's rate-limit rule, without a network: what the message
// says for Meta's documented shapes (error_data as object or text, missing parts), which codes are rate
// limits, and that an answer the adapter calls a rate limit is retried like a 429, a send included.
const { isRetryable } = require('../../nodes/shared/retry');
const { describeCloudError, RATE_LIMIT_CODES } = require('../../nodes/providers/cloud/errors');

const policy = { maxRetries: 3, allowUnsafeRetries: false };

describe('describeCloudError', () => {
	test('Meta spec example: message without "(#code)", details, subcode and trace id; code as a number', () => {
		const body = {
			error: {
				message: '(#131047) Re-engagement message',
				type: 'OAuthException',
				code: 131047,
				error_subcode: 2494010,
				error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
				fbtrace_id: 'AXsgnV2Cm3ZMGF3dF_cfYIn',
			},
		};
		expect(describeCloudError(body)).toEqual({
			code: 131047,
			message:
				'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number. (error_subcode 2494010, fbtrace_id AXsgnV2Cm3ZMGF3dF_cfYIn)',
		});
	});

	test('error_data as text (template APIs), the user message when it adds something, a numeric-string code', () => {
		const r = describeCloudError({ error: { message: 'Invalid parameter', code: '100', error_data: 'Param name is too long', error_user_msg: 'Use at most 512 characters.' } });
		expect(r).toEqual({ code: 100, message: 'Invalid parameter: Param name is too long: Use at most 512 characters.' });
	});

	test.each([[4], [80007], [130429], [131056]])('code %i is a rate limit', (code) => {
		expect(describeCloudError({ error: { message: 'x', code } }).rateLimited).toBe(true);
	});

	test.each([[131047], [131026], [100], [190], [131048]])('code %i is not', (code) => {
		expect(describeCloudError({ error: { message: 'x', code } }).rateLimited).toBeUndefined();
	});

	test('other shapes give nothing', () => {
		for (const body of [null, 'text', { errors: [] }, { error: 'x' }, []]) expect(describeCloudError(body)).toEqual({});
	});

	test('the set of rate-limit codes is exactly the documented four', () => {
		expect([...RATE_LIMIT_CODES].sort((a, b) => a - b)).toEqual([4, 80007, 130429, 131056]);
	});
});

describe('retry policy: an answer the adapter calls a rate limit', () => {
	test('is retried whatever its status, a send included (it was refused, not processed)', () => {
		expect(isRetryable({ httpStatus: 400, rateLimited: true }, false, policy)).toBe(true);
		expect(isRetryable({ httpStatus: 400, rateLimited: true }, true, policy)).toBe(true);
	});
	test('without the flag a 400 stays final', () => {
		expect(isRetryable({ httpStatus: 400 }, false, { ...policy, allowUnsafeRetries: true })).toBe(false);
	});
	test('a request the credential refused to build is never retried, rate limit or not', () => {
		expect(isRetryable({ httpStatus: null, neverSent: true, rateLimited: true }, false, policy)).toBe(false);
	});
});
