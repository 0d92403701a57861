// @ts-check
// The trigger's shared modules on their own: timestamps, the ack map, HMAC and token checks, and the
// bounded seen-set (the parts whose limits are impractical to reach through a webhook call).
const { createHmac } = require('node:crypto');
const { gatewayEvent, toIsoTimestamp, messageStatus } = require('../../nodes/shared/events');
const { waapiAckStatus } = require('../../nodes/providers/waapi/webhook');
const { generateSecret, tokenMatches, verifyHmacSignature } = require('../../nodes/shared/webhookAuth');
const { dropSeen, dedupeKey, MAX_SEEN_KEYS } = require('../../nodes/shared/dedupe');

describe('events', () => {
	test('gatewayEvent fills every contract field with null', () => {
		expect(gatewayEvent('waapi', 'other', {})).toEqual({
			provider: 'waapi', event: 'other', instanceId: null, messageId: null, chatId: null, from: null, to: null, fromMe: null,
			type: null, text: null, status: null, timestamp: null, requestId: null, error: null,
		});
	});

	test.each([
		[1518694235, '2018-02-15T11:30:35.000Z'],
		['1518694235', '2018-02-15T11:30:35.000Z'],
		[1506985696616, '2017-10-02T23:08:16.616Z'],
		['2025-05-19T00:51:44.816Z', '2025-05-19T00:51:44.816Z'],
		['2026-02-17T12:00:00+02:00', '2026-02-17T10:00:00.000Z'],
		['', null],
		['yesterday', null],
		[0, null],
		[-5, null],
		[Number.NaN, null],
		[1e300, null],
		[null, null],
		[{}, null],
	])('toIsoTimestamp(%j) → %j', (input, expected) => {
		expect(toIsoTimestamp(input)).toBe(expected);
	});

	test('WaAPI ack codes (whatsapp-web.js MessageAck)', () => {
		expect([-1, 0, 1, 2, 3, 4, '3', 5, 'constructor', null].map(waapiAckStatus)).toEqual([
			'failed', 'pending', 'sent', 'delivered', 'read', 'played', 'read', null, null, null,
		]);
	});

	test('messageStatus keeps only contract statuses', () => {
		expect(['DELIVERED', 'read', 'warning', '__proto__', 7].map(messageStatus)).toEqual(['delivered', 'read', null, null, null]);
	});
});

describe('webhookAuth', () => {
	const body = Buffer.from('{"eventType":"message"}');
	const secret = 'wsapi-demo-signing-secret';
	const good = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

	test('HMAC-SHA256 signature: good, upper-case hex, wrong, truncated, missing, array header, no raw body', () => {
		expect(verifyHmacSignature(body, good, secret)).toBe(true);
		expect(verifyHmacSignature(body, `SHA256=${good.slice(7).toUpperCase()}`, secret)).toBe(true);
		expect(verifyHmacSignature(body, [good], secret)).toBe(true);
		expect(verifyHmacSignature(body, good.replace(/.$/, (c) => (c === '0' ? '1' : '0')), secret)).toBe(false);
		expect(verifyHmacSignature(body, good.slice(0, -1), secret)).toBe(false);
		expect(verifyHmacSignature(body, undefined, secret)).toBe(false);
		expect(verifyHmacSignature(body, good, '')).toBe(false);
		expect(verifyHmacSignature(undefined, good, secret)).toBe(false);
		expect(verifyHmacSignature(Buffer.from(`${body} `), good, secret)).toBe(false);
	});

	test('token: equal only when identical and non-empty', () => {
		expect(tokenMatches('abc', 'abc')).toBe(true);
		expect(tokenMatches(['abc'], 'abc')).toBe(true);
		expect(tokenMatches('abd', 'abc')).toBe(false);
		expect(tokenMatches('abcd', 'abc')).toBe(false);
		expect(tokenMatches('', '')).toBe(false);
		expect(tokenMatches(undefined, 'abc')).toBe(false);
		expect(tokenMatches({ token: 'abc' }, 'abc')).toBe(false);
	});

	test('generated secrets are 48 hex characters and differ', () => {
		const a = generateSecret();
		expect(a).toMatch(/^[0-9a-f]{48}$/);
		expect(generateSecret()).not.toBe(a);
	});
});

describe('dedupe', () => {
	const ev = (messageId, status = null, event = 'message.status') => gatewayEvent('waapi', event, { messageId, status });
	const MIN = 60_000;

	test('key = provider + messageId + event + status; no key without a message id', () => {
		expect(dedupeKey(ev('m1', 'read'))).toBe('waapi|m1|message.status|read');
		expect(dedupeKey(ev(null))).toBeNull();
		// A failed Crisp template result has no message id: its request id identifies it.
		const failed = gatewayEvent('crisp', 'template.result', { requestId: 'r-1', status: 'failed' });
		expect(dedupeKey(failed)).toBe('crisp|r-1|template.result|failed');
	});

	test('drops within the window, lets through after it, never drops events without a message id', () => {
		const staticData = {};
		expect(dropSeen(staticData, [ev('m1', 'read'), ev(null), ev(null)], 10, 0, 'unit/7')).toHaveLength(3);
		expect(dropSeen(staticData, [ev('m1', 'read'), ev('m1', 'played'), ev(null)], 10, 5 * MIN, 'unit/7')).toHaveLength(2);
		expect(dropSeen(staticData, [ev('m1', 'read')], 10, 10 * MIN + 1, 'unit/7')).toHaveLength(1);
	});

	test(`keeps at most ${MAX_SEEN_KEYS} keys, forgetting the oldest first`, () => {
		const staticData = {};
		const batch = (from, n) => Array.from({ length: n }, (_, i) => ev(`m${from + i}`));
		expect(dropSeen(staticData, batch(0, 6000), 60, 1000, 'unit/8')).toHaveLength(6000);
		expect(dropSeen(staticData, batch(6000, 6000), 60, 2000, 'unit/8')).toHaveLength(6000);
		const keys = Object.keys(staticData.seenEvents);
		expect(keys).toHaveLength(MAX_SEEN_KEYS);
		// The 2,000 oldest were forgotten, the newest kept.
		expect(keys[0]).toBe('waapi|m2000|message.status|');
		expect(keys[keys.length - 1]).toBe('waapi|m11999|message.status|');
		expect(dropSeen(staticData, [ev('m0'), ev('m11999')], 60, 3000, 'unit/8').map((e) => e.messageId)).toEqual(['m0']);
	});

	test('deliveries that each load the stored set before the other saved still see each other (n8n loads and saves static data per call)', () => {
		const stored = {};
		const load = () => JSON.parse(JSON.stringify(stored));
		const save = (data) => Object.assign(stored, data);
		// Two calls load the same stored set at the same moment; the first saves after the second.
		const first = load();
		const second = load();
		expect(dropSeen(first, [ev('m1', 'read')], 10, 0, 'unit/concurrent')).toHaveLength(1);
		expect(dropSeen(second, [ev('m1', 'read'), ev('m2', 'read')], 10, 1, 'unit/concurrent')).toHaveLength(1);
		save(second);
		save(first);
		// The stored set lost m2 to the late save, the process did not: m2 is still recognised.
		expect(dropSeen(load(), [ev('m2', 'read')], 10, 2, 'unit/concurrent')).toHaveLength(0);
		// Another trigger node (scope) has its own memory.
		expect(dropSeen({}, [ev('m2', 'read')], 10, 2, 'unit/other-node')).toHaveLength(1);
	});

	test('tolerates foreign static data', () => {
		const staticData = { seenEvents: 'corrupt' };
		expect(dropSeen(staticData, [ev('m1')], 10, 0, 'unit/9')).toHaveLength(1);
		expect(Object.keys(staticData.seenEvents)).toEqual(['waapi|m1|message.status|']);
	});
});
