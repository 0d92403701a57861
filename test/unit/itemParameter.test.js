// @ts-check
// Which expressions the bulk check reads straight from the item: exactly a path of `$json` fields, nothing else.
const { jsonPathOf } = require('../../nodes/WhatsAppGateway/execute/itemParameter');

describe('jsonPathOf', () => {
	test.each([
		['={{ $json.phone }}', ['phone']],
		['={{$json.phone}}', ['phone']],
		['={{ $json.contact.phone }}', ['contact', 'phone']],
		['={{ $json["the phone"] }}', ['the phone']],
		["={{ $json['the phone'] }}", ['the phone']],
		['={{ $json.contact["mobile #1"].value }}', ['contact', 'mobile #1', 'value']],
		['={{ $json.$phone_2 }}', ['$phone_2']],
	])('%s reads %j', (expression, path) => {
		expect(jsonPathOf(expression)).toEqual(path);
	});

	test.each([
		['+49 151 2345678'],
		['$json.phone'],
		['={{ $json }}'],
		['={{ $json.phone }} '],
		['=+{{ $json.phone }}'],
		['={{ $json.phone }}, {{ $json.other }}'],
		['={{ $json.phone ?? "" }}'],
		['={{ $json.phone.trim() }}'],
		['={{ $json[0] }}'],
		['={{ $json[key] }}'],
		['={{ $json["a\\"b"] }}'],
		['={{ $json.phones[0] }}'],
		['={{ $("Other").item.json.phone }}'],
		['={{ $input.item.json.phone }}'],
		[undefined],
		[42],
		[['={{ $json.phone }}']],
	])('%j is left to n8n', (expression) => {
		expect(jsonPathOf(expression)).toBeUndefined();
	});
});
