// @ts-check
// The On-Premises adapter's pure parts: version rule, base URL forms, error envelope.
const { parseClientVersion, contactCheckReliability } = require('../../../nodes/providers/onPremises/version');
const { onPremisesApi } = require('../../../nodes/providers/onPremises/api');

describe('On-Premises client version', () => {
	test.each([
		['v2.41.2', { major: 2, minor: 41, patch: 2 }],
		['2.45.1', { major: 2, minor: 45, patch: 1 }],
		['V2.43', { major: 2, minor: 43, patch: 0 }],
	])('parses %s', (text, expected) => {
		expect(parseClientVersion(text)).toEqual(expected);
	});

	test('placeholders and absent versions do not parse', () => {
		expect(parseClientVersion('whatsapp-business-api-client-version')).toBeUndefined();
		expect(parseClientVersion(undefined)).toBeUndefined();
	});

	test.each([
		['v2.41.2', true],
		['v2.42.9', true],
		['v2.43.0', false],
		['2.45.1', false],
		['v3.0.0', false],
		['v1.99.0', true],
		// A server that does not say its version cannot be judged: its answers are not claimed to be real.
		[undefined, false],
	])('contact check is real on %s: %s', (version, real) => {
		expect(contactCheckReliability(version).reliable).toBe(real);
	});
});

describe('On-Premises base URL', () => {
	test.each([
		'https://wa.example.com:9090',
		'https://wa.example.com:9090/',
		'https://wa.example.com:9090/v1',
		'https://wa.example.com:9090/v1/',
		' https://wa.example.com:9090//V1// ',
	])('%s → the Webapp root', (baseUrl) => {
		expect(onPremisesApi.baseUrl({ baseUrl })).toBe('https://wa.example.com:9090');
	});
});

describe('On-Premises error envelope', () => {
	test('first error: code, title and details', () => {
		expect(
			onPremisesApi.describeError({
				errors: [
					{ code: 1013, title: 'User is not valid', details: 'the recipient is not a WhatsApp user' },
					{ code: 1000, title: 'Generic error' },
				],
				meta: { version: 'v2.41.2' },
			}),
		).toEqual({ code: 1013, message: 'User is not valid: the recipient is not a WhatsApp user' });
	});

	test('title only', () => {
		expect(onPremisesApi.describeError({ errors: [{ code: 470, title: 'Re-engagement message' }] })).toEqual({
			code: 470,
			message: 'Re-engagement message',
		});
	});

	test('other shapes give nothing', () => {
		expect(onPremisesApi.describeError({ message: 'nope' })).toEqual({});
		expect(onPremisesApi.describeError(null)).toEqual({});
		expect(onPremisesApi.describeError({ errors: [] })).toEqual({});
	});
});
