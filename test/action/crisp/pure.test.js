// @ts-check
// The Crisp adapter's pure parts: base URL with the website folded in, error envelope.
const { crispApi } = require('../../../nodes/providers/crisp/api');

describe('Crisp base URL', () => {
	test('the website id is the first path segment below the base', () => {
		expect(
			crispApi.baseUrl({ baseUrl: 'https://plugins.crisp.chat/urn:crisp.im:whatsapp:0/wa/api/website/', websiteId: 'abc-123' }),
		).toBe('https://plugins.crisp.chat/urn:crisp.im:whatsapp:0/wa/api/website/abc-123');
	});

	test('an empty base URL falls back to the public plugin', () => {
		expect(crispApi.baseUrl({ baseUrl: '', websiteId: 'w1' })).toBe(
			'https://plugins.crisp.chat/urn:crisp.im:whatsapp:0/wa/api/website/w1',
		);
	});
});

describe('Crisp error envelope', () => {
	test('reason is the code, data.message the message', () => {
		expect(crispApi.describeError({ error: true, reason: 'invalid_data', data: { message: 'to_number is missing' } })).toEqual({
			code: 'invalid_data',
			message: 'to_number is missing',
		});
	});

	test('reason alone', () => {
		expect(crispApi.describeError({ error: true, reason: 'not_found', data: {} })).toEqual({
			code: 'not_found',
			message: 'not_found',
		});
	});

	test('other shapes give nothing', () => {
		expect(crispApi.describeError('<html>')).toEqual({});
		expect(crispApi.describeError({ errors: [{ code: 1 }] })).toEqual({});
	});
});
