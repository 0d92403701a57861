// @ts-check
// Sends under injected faults, for every provider's send: the fault hits the third of five items (armed when
// that request arrives). A send the provider may have acted on (500, reset, timeout, unreadable answer, an
// inner error) is never sent twice unless "Retry Sends That May Duplicate" is on; a 429 is retried and the
// message arrives once; a failure is a clear error on its own item.
const { useSandbox } = require('../support/sandbox');
const { PROVIDERS, atRequest, runGateway } = require('./helpers');
const { record } = require('./matrix');

const RECIPIENTS = ['4915123450011', '4915123450022', '4915123450033', '4915123450044', '4915123450066'];
const INPUT = RECIPIENTS.map((to, i) => ({ json: { to: `+${to}`, text: `fault suite message ${i}` } }));
const FAILING_ITEM = 2;

const TO_TEXT = { to: '={{ $json.to }}' };
const OPS = {
	'WaAPI sendText': {
		provider: 'waapi',
		status: 'sent',
		parameters: { resource: 'message', operation: 'sendText', ...TO_TEXT, text: '={{ $json.text }}' },
	},
	'On-Premises sendText': {
		provider: 'onPremises',
		status: 'sent',
		parameters: { resource: 'message', operation: 'sendText', ...TO_TEXT, text: '={{ $json.text }}' },
	},
	'On-Premises sendTemplate': {
		provider: 'onPremises',
		status: 'sent',
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			...TO_TEXT,
			templateNamespace: 'cdb2df51_9816_c754_c5a4_64cdabdcad3e',
			templateName: 'purchase_with_credit_card',
			templateLanguage: 'en_US',
			bodyParameters: { parameters: [{ text: '={{ $json.text }}' }] },
		},
	},
	'WSAPI sendText': {
		provider: 'wsapi',
		status: 'sent',
		parameters: { resource: 'message', operation: 'sendText', ...TO_TEXT, text: '={{ $json.text }}' },
	},
	'Crisp sendTemplate': {
		provider: 'crisp',
		status: 'accepted',
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			...TO_TEXT,
			templateName: 'hello_world',
			templateLanguage: 'en_US',
			fromNumber: '+4915199999999',
			bodyParameters: { parameters: [{ text: '={{ $json.text }}' }] },
		},
	},
};

const sb = useSandbox();
/** @type {(() => void) | undefined} */
let unhook;
afterEach(() => {
	unhook?.();
	unhook = undefined;
});

/** The recipient a logged send was for, whatever the provider's field and chat-id form. */
function recipientOf(entry) {
	const b = entry.body ?? {};
	return String(b.to ?? b.chatId ?? b.to_number ?? '').replace(/@.*$/, '').replace(/\D/g, '');
}

/** How often the sandbox received each item's send (any answer, a refused or hung one included). */
function receipts(op) {
	const sends = sb.requests(op.provider, { path: PROVIDERS[op.provider].sendPath });
	return RECIPIENTS.map((to) => sends.filter((e) => recipientOf(e) === to).length);
}
function accepted(op) {
	const sends = sb.requests(op.provider, { path: PROVIDERS[op.provider].sendPath }).filter((e) => e.status >= 200 && e.status < 300);
	return RECIPIENTS.map((to) => sends.filter((e) => recipientOf(e) === to).length);
}

/** Arms `fault` (count `count`) when the send of item FAILING_ITEM arrives, so that very send misbehaves. */
function faultAtFailingItem(op, fault, count = 1) {
	const path = PROVIDERS[op.provider].sendPath;
	unhook = atRequest(sb, op.provider, path, FAILING_ITEM + 1, () =>
		sb.configure(op.provider, { faults: [{ ...fault, count, path }] }),
	);
}

function expectSent(out, op, i) {
	expect(out.pairedItem).toEqual({ item: i });
	expect(out.json).toMatchObject({ provider: op.provider, to: RECIPIENTS[i], status: op.status });
	expect(out.json.error).toBeUndefined();
	expect(op.status === 'accepted' ? out.json.requestId : out.json.messageId).toEqual(expect.any(String));
}

/** @type {[string, any][]} */
const MAY_HAVE_ACTED = [
	['500', { kind: 'status', status: 500 }],
	['reset', { kind: 'reset' }],
	['hang', { kind: 'hang' }],
	['malformedJson', { kind: 'malformedJson' }],
];
/** @type {[string, string, any][]} */
const CASES = [];
for (const [name, op] of Object.entries(OPS)) {
	for (const [fault, spec] of MAY_HAVE_ACTED) CASES.push([name, fault, spec]);
	if (op.provider === 'waapi') CASES.push([name, 'innerError', { kind: 'innerError' }]);
}

describe.each(CASES)('%s, %s', (opName, faultName, fault) => {
	const op = OPS[opName];

	test('continueOnFail: the item fails with a clear error, sent once; the other items are sent, paired right', async () => {
		faultAtFailingItem(op, fault);
		const r = await runGateway(sb, op.provider, op.parameters, { input: INPUT, continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.output).toHaveLength(INPUT.length);
		r.output.forEach((out, i) => {
			if (i !== FAILING_ITEM) return expectSent(out, op, i);
			expect(out.pairedItem).toEqual({ item: i });
			expect(out.json.provider).toBe(op.provider);
			expect(out.json.error).toMatch(new RegExp(`could not send a (text|template) message \\(item ${i}\\): `));
			expect(out.json.hint).toEqual(expect.any(String));
		});
		expect(receipts(op)).toEqual([1, 1, 1, 1, 1]);
		record(faultName, 'send', opName, { mode: 'continueOnFail', receipts: receipts(op), accepted: accepted(op), error: r.output[FAILING_ITEM].json.error, hint: r.output[FAILING_ITEM].json.hint });
	});

	test('without continueOnFail: the node fails on that item with message, item index and hint; nothing sent twice', async () => {
		faultAtFailingItem(op, fault);
		const r = await runGateway(sb, op.provider, op.parameters, { input: INPUT, continueOnFail: false });
		expect(r.error).toBeDefined();
		expect(r.error.message).toMatch(new RegExp(`could not send a (text|template) message \\(item ${FAILING_ITEM}\\): `));
		expect(r.error.context?.itemIndex).toBe(FAILING_ITEM);
		expect(r.error.description).toEqual(expect.any(String));
		// Items before it went out once each, the failing one once, the ones after it not at all.
		expect(receipts(op)).toEqual([1, 1, 1, 0, 0]);
		record(faultName, 'send', opName, { mode: 'fail', receipts: receipts(op), message: r.error.message, hint: r.error.description });
	});

	const retried = fault.kind !== 'innerError';
	test(retried
		? 'retryPossibleDuplicates on: the send is retried (at most maxRetries times) and succeeds'
		: 'retryPossibleDuplicates on: an inner error is the provider\'s final answer, not retried', async () => {
		const maxRetries = 2;
		faultAtFailingItem(op, fault);
		const r = await runGateway(sb, op.provider, op.parameters, {
			input: INPUT,
			continueOnFail: false,
			options: { retryPossibleDuplicates: true, maxRetries },
		});
		if (!retried) {
			// HTTP 200 whose inner status says the action was not carried out: the node reports it as it is.
			expect(r.error?.message).toMatch(/\(item 2\): an unexpected error occurred/);
			expect(receipts(op)).toEqual([1, 1, 1, 0, 0]);
			record(faultName, 'send', opName, { mode: 'retryPossibleDuplicates', receipts: receipts(op), accepted: accepted(op) });
			return;
		}
		expect(r.error).toBeUndefined();
		r.output.forEach((out, i) => expectSent(out, op, i));
		const got = receipts(op);
		// The failing item reached the sandbox twice: the faulty attempt and the retry.
		expect(got).toEqual([1, 1, 2, 1, 1]);
		expect(got[FAILING_ITEM]).toBeLessThanOrEqual(1 + maxRetries);
		expect(accepted(op)[FAILING_ITEM]).toBe(fault.kind === 'malformedJson' ? 2 : 1);
		record(faultName, 'send', opName, { mode: 'retryPossibleDuplicates', receipts: got, accepted: accepted(op) });
	});
});

describe.each(Object.keys(OPS))('%s, 429', (opName) => {
	const op = OPS[opName];

	// Retry-After: 1 costs a real second a 429, so that storm is one 429 long; the backoff one is two.
	test.each([
		['with Retry-After', 1, 1],
		['without Retry-After', null, 2],
	])('429 %s: retried without the duplicates option, the message arrives exactly once', async (label, retryAfterSeconds, storm) => {
		faultAtFailingItem(op, { kind: 'status', status: 429, retryAfterSeconds }, storm);
		const r = await runGateway(sb, op.provider, op.parameters, { input: INPUT, continueOnFail: false });
		expect(r.error).toBeUndefined();
		r.output.forEach((out, i) => expectSent(out, op, i));
		expect(accepted(op)).toEqual([1, 1, 1, 1, 1]);
		expect(receipts(op)).toEqual([1, 1, 1 + storm, 1, 1]);
		if (retryAfterSeconds !== null) {
			// Retry-After honoured: the retry came no sooner than the provider asked.
			const sends = sb.requests(op.provider, { path: PROVIDERS[op.provider].sendPath }).filter((e) => recipientOf(e) === RECIPIENTS[FAILING_ITEM]);
			expect(sends[1].at - sends[0].at).toBeGreaterThanOrEqual(retryAfterSeconds * 1000);
		}
		record(`429 storm ${label}`, 'send', opName, { receipts: receipts(op), accepted: accepted(op) });
	});

	test('429 until retries run out: that item fails with the rate-limit hint, the others are sent', async () => {
		const maxRetries = 2;
		faultAtFailingItem(op, { kind: 'status', status: 429, retryAfterSeconds: 0 }, 1 + maxRetries);
		const r = await runGateway(sb, op.provider, op.parameters, { input: INPUT, continueOnFail: true, options: { maxRetries } });
		expect(r.error).toBeUndefined();
		r.output.forEach((out, i) => {
			if (i !== FAILING_ITEM) return expectSent(out, op, i);
			expect(out.pairedItem).toEqual({ item: i });
			expect(out.json.httpStatus).toBe(429);
			expect(out.json.error).toMatch(/\(item 2\).*after 3 attempts.*\[HTTP 429/);
			expect(out.json.hint).toMatch(/rate limit/i);
		});
		expect(accepted(op)).toEqual([1, 1, 0, 1, 1]);
		expect(receipts(op)).toEqual([1, 1, 1 + maxRetries, 1, 1]);
		record('429 until retries run out', 'send', opName, { receipts: receipts(op), accepted: accepted(op), error: r.output[FAILING_ITEM].json.error });
	});
});
