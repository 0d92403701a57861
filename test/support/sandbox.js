// @ts-check
// useSandbox(): one sandbox per test file (or per describe block, when called inside one), started in a
// beforeAll and closed in an afterAll registered where it is called. Jest runs hooks of one block in the order
// they are declared, so a file's own beforeAll placed after the call already sees the started sandbox.
const { startSandbox } = require('../sandbox');

/**
 * When the sandbox is reset between the tests of the block:
 * - 'beforeEach' (default): sb.reset() before each test: fresh state, knobs, log and timers;
 * - 'afterEach': sb.reset() after each test (the first test meets the sandbox as started);
 * - 'clearLog': only the request log is cleared before each test; state and knobs carry over;
 * - false: never; the tests share one sandbox as it goes (tests that only read it, or reset it themselves).
 * @typedef {'beforeEach' | 'afterEach' | 'clearLog' | false} Reset
 */

/**
 * @param {{ reset?: Reset }} [settings]
 * @returns {any} the live sandbox: every property read or write goes to the sandbox the beforeAll started.
 */
function useSandbox(settings = {}) {
	const reset = settings.reset === undefined ? 'beforeEach' : settings.reset;
	/** @type {any} */
	let live;

	beforeAll(async () => {
		live = await startSandbox();
	});
	afterAll(async () => {
		if (live) await live.close();
	});
	if (reset === 'beforeEach') beforeEach(() => live.reset());
	else if (reset === 'afterEach') afterEach(() => live.reset());
	else if (reset === 'clearLog') beforeEach(() => live.clearLog());
	else if (reset !== false) throw new Error(`useSandbox: unknown reset "${String(reset)}"`);

	const started = () => {
		if (!live) throw new Error('useSandbox: the sandbox is not started yet (use it inside a test or a hook)');
		return live;
	};
	// A proxy rather than the object itself: the sandbox only exists once beforeAll has run, but the test file
	// wants one name for it from the start. Its methods close over the sandbox, so no `this` rebinding is needed.
	return new Proxy(
		{},
		{
			get: (_, key) => {
				// Awaiting or printing the handle before start must not throw.
				if (!live && (key === 'then' || typeof key === 'symbol')) return undefined;
				return Reflect.get(started(), key);
			},
			set: (_, key, value) => Reflect.set(started(), key, value),
			has: (_, key) => Reflect.has(started(), key),
			ownKeys: () => Reflect.ownKeys(started()),
			getOwnPropertyDescriptor: (_, key) => {
				const d = Reflect.getOwnPropertyDescriptor(started(), key);
				return d && { ...d, configurable: true };
			},
		},
	);
}

module.exports = { useSandbox };
