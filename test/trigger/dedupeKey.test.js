// @ts-check
// Every trigger item carries `dedupeKey`, the same string for a repeated delivery whichever n8n process
// receives it (no state involved), so n8n's Remove Duplicates node can de-duplicate across processes.
const { useSandbox } = require('../support/sandbox');
const { deliver, expectDedupeKey } = require('./helpers');

const sb = useSandbox({ reset: false });

/** The items of one delivery, with Deduplicate off and fresh static data: what another process would emit. */
async function items(provider, body) {
	const r = await deliver(sb, provider, body, { options: { deduplicate: false } });
	expect(r.status).toBe(200);
	for (const item of r.items) expectDedupeKey(item);
	return r.items;
}

const keys = (list) => list.map((i) => i.dedupeKey);

test('a repeated WaAPI message gets the same key; another message another key', async () => {
	const body = sb.eventBody('waapi', 'message', { messageId: '3EB0DD01', from: '4915112345678' });
	const first = await items('waapi', body);
	expect(first[0].dedupeKey).toBe('waapi|false_4915112345678@c.us_3EB0DD01|message.received|');
	expect(keys(await items('waapi', structuredClone(body)))).toEqual(keys(first));
	const other = await items('waapi', sb.eventBody('waapi', 'message', { messageId: '3EB0DD02', from: '4915112345678' }));
	expect(other[0].dedupeKey).not.toBe(first[0].dedupeKey);
});

test('statuses of one message differ by status; a batch gives one key per entry', async () => {
	const body = sb.eventBody('onPremises', 'batch', { messages: 2, statuses: 2 });
	const list = await items('onPremises', body);
	expect(list).toHaveLength(4);
	expect(new Set(keys(list)).size).toBe(4);
	expect(keys(await items('onPremises', structuredClone(body)))).toEqual(keys(list));
	const read = await items('waapi', sb.eventBody('waapi', 'message_ack', { messageId: '3EB0DD03', ack: 3 }));
	const played = await items('waapi', sb.eventBody('waapi', 'message_ack', { messageId: '3EB0DD03', ack: 4 }));
	expect(read[0].dedupeKey).toMatch(/\|message\.status\|read$/);
	expect(played[0].dedupeKey).toMatch(/\|message\.status\|played$/);
});

test('a Crisp template result is keyed by its request id', async () => {
	const [item] = await items('crisp', sb.eventBody('crisp', 'callback_error', { request_id: 'dd-request-1' }));
	expect(item.dedupeKey).toBe('crisp|dd-request-1|template.result|failed');
});

test('an event without an id: dated by the provider, a repeat gets the same key; undated, every delivery its own', async () => {
	const loggedIn = sb.eventBody('wsapi', 'logged_in', { receivedAt: '2026-12-02T10:00:00.000Z' });
	const [a] = await items('wsapi', loggedIn);
	const [b] = await items('wsapi', structuredClone(loggedIn));
	expect(a.dedupeKey).toBe(b.dedupeKey);
	expect(a.dedupeKey.startsWith('wsapi|instance.status|logged_in|ins_demo1|2026-12-02T10:00:00.000Z|')).toBe(true);
	const [later] = await items('wsapi', sb.eventBody('wsapi', 'logged_in', { receivedAt: '2026-12-02T11:00:00.000Z' }));
	expect(later.dedupeKey).not.toBe(a.dedupeKey);
	// WaAPI's `ready` carries no id and no time: two of them cannot be told from one repeated, so none is dropped.
	const ready = sb.eventBody('waapi', 'ready', {});
	const [r1] = await items('waapi', ready);
	const [r2] = await items('waapi', structuredClone(ready));
	expect(r1.dedupeKey).not.toBe(r2.dedupeKey);
});
