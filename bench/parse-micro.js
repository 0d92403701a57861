#!/usr/bin/env node
// @ts-check
// Parsing cost: for each provider, a message event and a status event as the provider sends them, parsed from
// the raw JSON text and normalised by the shipped parser (dist/nodes/providers/*/webhook.js), in a plain loop
// on one core. Prints JSON: [{ provider, kind, eventsPerSecond: [per run], itemsPerEvent }].
//   node bench/parse-micro.js [--runs N] [--ms M]   (M: measuring time per run and case, default 1000)
const path = require('node:path');
const { eventBody } = require('../test/sandbox/events');
const { initialState, demoIds } = require('../test/sandbox/defaults');

const dist = path.resolve(__dirname, '..', 'dist', 'nodes', 'providers');
const PARSERS = {
	waapi: require(path.join(dist, 'waapi', 'webhook.js')).parseWaapiWebhook,
	onPremises: require(path.join(dist, 'onPremises', 'webhook.js')).parseOnPremisesWebhook,
	wsapi: require(path.join(dist, 'wsapi', 'webhook.js')).parseWsapiWebhook,
	crisp: require(path.join(dist, 'crisp', 'webhook.js')).parseCrispWebhook,
	cloud: require(path.join(dist, 'cloud', 'webhook.js')).parseCloudWebhook,
};
const CASES = [
	['waapi', 'message'],
	['waapi', 'message_ack'],
	['onPremises', 'message'],
	['onPremises', 'status'],
	['wsapi', 'message'],
	['wsapi', 'message_read'],
	['crisp', 'message_send'],
	['crisp', 'callback_success'],
	['cloud', 'text'],
	['cloud', 'status'],
];

function arg(name, fallback) {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Events per second for one case: as many parse + normalise rounds as fit in `ms`, checked every 256. */
function measure(parse, raw, headers, ms) {
	let sink = 0;
	let n = 0;
	const started = performance.now();
	let elapsed = 0;
	while (elapsed < ms) {
		for (let i = 0; i < 256; i++) {
			const result = parse({ body: JSON.parse(raw), headers });
			if (!result.ok) throw new Error(`the parser refused a sandbox event: ${result.problem}`);
			sink += result.events.length;
		}
		n += 256;
		elapsed = performance.now() - started;
	}
	return { eventsPerSecond: (n / elapsed) * 1000, sink };
}

function main() {
	const runs = arg('--runs', 3);
	const ms = arg('--ms', 1000);
	const sandbox = { state: initialState(), ids: structuredClone(demoIds) };
	const out = [];
	for (const [provider, kind] of CASES) {
		const body = eventBody(sandbox, provider, kind, {});
		const raw = JSON.stringify(body);
		const headers = { 'content-type': 'application/json' };
		const parse = PARSERS[provider];
		const first = parse({ body: JSON.parse(raw), headers });
		if (!first.ok)
			throw new Error(`${provider} ${kind}: the parser refused a sandbox event: ${first.problem}`);
		measure(parse, raw, headers, Math.min(300, ms)); // warm-up: let the JIT settle
		const eventsPerSecond = [];
		for (let r = 0; r < runs; r++)
			eventsPerSecond.push(measure(parse, raw, headers, ms).eventsPerSecond);
		out.push({
			provider,
			kind,
			bytes: Buffer.byteLength(raw),
			itemsPerEvent: first.events.length,
			eventsPerSecond,
		});
	}
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
