#!/usr/bin/env node
// @ts-check
// `npm run bench`: our node and trigger against n8n's own HTTP Request and Webhook nodes, in real n8n
// 2.41.1, against the provider sandbox, on this machine. Prints a table and writes bench/results.md.
//   --runs N     runs per figure (default 3; the median is reported with min–max)
//   --quick      small counts (500 numbers, 300 events, short parse runs) and 1 run unless --runs is given
//   --no-build   use the dist/ that is there instead of `npm run build`
//   --only LIST  comma-separated parts: bulk,trigger,parse (default all), and the opt-in media (a 20 MB
//                Send Media and a 20 MB file received with Download Media: peak RSS and time, bench/media.js and
//                bench/mediaReceive.js; --media-mb N for another size)
//   --out FILE   where to write the results (default bench/results.md)
//   --profiles LIST / --setups LIST   only these bulk profiles (waapi,onPremises,wsapi) / setups
//                (ours,oursOneItem,peerDefault,peerBatched)
//   --numbers N / --events N          other counts than the defaults (10,000 numbers / 1,000 events a trigger and run)
//   --scaling LIST    our node alone at these counts (e.g. 1000,10000,100000) for the --profiles: how cost grows
//   --scaling-profiles LIST   the profiles of --scaling, when they differ from the bulk part's --profiles
//   --expression-engine NAME  run n8n with N8N_EXPRESSION_ENGINE=NAME (vm is n8n 2.41's default; legacy for a
//                diagnostic: it shows what n8n's isolate costs per call and per expression)
//   --keep       keep the temporary n8n user folder (database, n8n.log) for a look afterwards
//   --report FILE.json  only render FILE.json (the raw figures every run saves beside the .md) to --out again
// Everything listens on 127.0.0.1; every n8n process and the sandbox are stopped at the end.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { ensureRuntime } = require('./runtime');
const { installPackage, repoRoot } = require('./lib/installPackage');
const { importCredentials, importWorkflows, publishWorkflow } = require('./lib/n8nCli');
const { startN8n } = require('./lib/n8nServer');
const { demoCredentials, DEMO_CREDENTIALS } = require('./lib/demoData');
const { makeDataset } = require('../bench/dataset');
const { PROFILES, PEER_DEFAULT_SUBSET } = require('../bench/profiles');
const {
	bulkWorkflow,
	oursNode,
	peerNode,
	oursTriggerWorkflow,
	oursOnPremTriggerWorkflow,
	builtinWebhookWorkflow,
} = require('../bench/workflows');
const { runBulkCase } = require('../bench/bulk');
const { burst } = require('../bench/trigger');
const { freePorts } = require('./lib/ports');
const { waitFor } = require('./lib/waitFor');
const { descendants, startRssSampler } = require('../bench/rss');
const { renderTable, renderMarkdown } = require('../bench/report');
const { runMediaBench } = require('../bench/media');
const { runMediaReceiveBench } = require('../bench/mediaReceive');

const say = (m) => console.log(`[bench] ${m}`);
const LAZY = 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE';
/** The multi-event call: this many On-Premises messages in one POST, each an item of one execution. */
const MULTI_ITEMS = 50;

function parseArgs(argv) {
	const has = (f) => argv.includes(f);
	const value = (f) => {
		const i = argv.indexOf(f);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const quick = has('--quick');
	const runs = Number(value('--runs') ?? (quick ? 1 : 3));
	if (!Number.isInteger(runs) || runs < 1 || runs > 20)
		throw new Error('--runs takes a whole number from 1 to 20');
	const only = (value('--only') ?? 'bulk,trigger,parse').split(',').map((s) => s.trim());
	return {
		quick,
		runs,
		build: !has('--no-build'),
		keep: has('--keep'),
		expressionEngine: value('--expression-engine'),
		parts: {
			bulk: only.includes('bulk'),
			trigger: only.includes('trigger'),
			parse: only.includes('parse'),
			media: only.includes('media'),
		},
		out: path.resolve(repoRoot, value('--out') ?? path.join('bench', 'results.md')),
		report: value('--report'),
		numbers: Number(value('--numbers') ?? (quick ? 500 : 10_000)),
		scaling: (value('--scaling') ?? '').split(',').filter(Boolean).map(Number),
		events: Number(value('--events') ?? (quick ? 300 : 1_000)),
		profiles: value('--profiles')?.split(',') ?? PROFILES.map((p) => p.id),
		scalingProfiles: (value('--scaling-profiles') ?? value('--profiles'))?.split(',') ?? PROFILES.map((p) => p.id),
		setups: value('--setups')?.split(',') ?? ['ours', 'oursOneItem', 'peerDefault', 'peerBatched'],
		concurrency: 8,
		parseMs: quick ? 200 : 1000,
		mediaMb: Number(value('--media-mb') ?? 20),
	};
}

/** `npm run build`, retried: other people may be mid-edit of a source file. */
function build() {
	for (let attempt = 1; attempt <= 3; attempt++) {
		say(`building the package (npm run build), attempt ${attempt} ...`);
		const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, encoding: 'utf8' });
		if (r.status === 0) return;
		say(
			`the build failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`,
		);
		if (attempt < 3) spawnSync('sleep', ['20']);
	}
	throw new Error('the build failed three times (see above)');
}

/** The peer's credentials: n8n's generic header auth with the same header values our credentials send. */
async function peerCredentials(sb) {
	// On-Premises: the peer needs a session token, as a user would paste one after logging in by hand.
	const creds = sb.credentials.whatsAppOnPremisesApi;
	const res = await fetch(`${sb.urls.onPremises}/v1/users/login`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`,
		},
	});
	const body = /** @type {any} */ (await res.json());
	const token = body?.users?.[0]?.token;
	if (!token) throw new Error(`On-Premises sandbox login failed: HTTP ${res.status}`);
	return {
		waapi: {
			id: 'benchPeerWaapi',
			name: 'Peer WaAPI header',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${sb.credentials.waApiApi.apiToken}` },
		},
		onPremises: {
			id: 'benchPeerOnPrem',
			name: 'Peer On-Premises header',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${token}` },
		},
		wsapi: {
			id: 'benchPeerWsapi',
			name: 'Peer WSAPI header',
			type: 'httpHeaderAuth',
			data: { name: 'X-Api-Key', value: sb.credentials.wsApiApi.apiKey },
		},
	};
}

const ref = (c) => ({ id: c.id, name: c.name });

function machine(runtime) {
	const cpuModel = (os.cpus()[0]?.model ?? 'unknown').trim();
	const n8nNode = spawnSync(runtime.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	let commit = 'unknown';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			cwd: repoRoot,
			encoding: 'utf8',
		}).trim();
	} catch {
		// not a git checkout
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	return {
		date: new Date().toISOString(),
		cores: os.cpus().length,
		memoryGiB: os.totalmem() / 1024 ** 3,
		cpuModel,
		os: `${os.type()} ${os.release()}`,
		load: os.loadavg(),
		benchNode: process.version,
		n8nNode,
		n8n: runtime.n8nVersion,
		packageVersion: pkg.version,
		commit,
	};
}

/** The raw figures beside the report (bench/results.md → bench/results.json), for --report. */
const rawFile = (out) => out.replace(/(\.md)?$/, '.json');

async function main() {
	const o = parseArgs(process.argv.slice(2));
	if (o.report) {
		const saved = JSON.parse(fs.readFileSync(path.resolve(o.report), 'utf8'));
		fs.writeFileSync(o.out, renderMarkdown(saved));
		say(`rendered ${o.report} to ${o.out}`);
		return;
	}
	if (o.scaling.some((n) => !Number.isInteger(n) || n < 100))
		throw new Error('--scaling takes whole numbers of at least 100');
	if (o.parts.bulk && (!Number.isInteger(o.numbers) || o.numbers < 100))
		throw new Error('--numbers takes a whole number of at least 100');
	if (o.parts.trigger && (!Number.isInteger(o.events) || o.events < 10))
		throw new Error('--events takes a whole number of at least 10');
	if (o.parts.media && (!Number.isInteger(o.mediaMb) || o.mediaMb < 1 || o.mediaMb > 100))
		throw new Error('--media-mb takes a whole number from 1 to 100 (the Cloud API takes documents up to 100 MB)');
	if (o.build) build();
	const runtime = await ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-bench-'));
	const { startSandbox } = require(path.join(repoRoot, 'test', 'sandbox'));
	const sb = await startSandbox();
	/** @type {ReturnType<typeof startN8n> | null} */
	let n8n = null;
	const results = {
		options: o,
		machine: machine(runtime),
		bulk: /** @type {any[]} */ ([]),
		trigger: /** @type {any} */ (null),
		parse: /** @type {any} */ (null),
		dataset: /** @type {any} */ (null),
		media: /** @type {any} */ (null),
		mediaReceive: /** @type {any} */ (null),
		scaling: /** @type {any[]} */ ([]),
	};
	let interrupted = false;
	const onSignal = () => {
		interrupted = true;
		say('interrupted: stopping after the current step ...');
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		const [serverPort, serverBroker, cliPort, cliBroker] = await freePorts(4);
		const extraEnv = o.expressionEngine ? { N8N_EXPRESSION_ENGINE: o.expressionEngine } : {};
		const cli = { runtime, userFolder, port: cliPort, brokerPort: cliBroker, extraEnv };
		installPackage(userFolder);
		say(`n8n user folder ${userFolder}; sandbox control ${sb.urls.control}`);

		const dataset = makeDataset(o.numbers);
		results.dataset = {
			count: o.numbers,
			distinct: dataset.distinct,
			existing: dataset.existing,
			duplicates: dataset.duplicates,
			malformed: dataset.malformed,
		};
		const peers = await peerCredentials(sb);
		const ours = Object.fromEntries(
			Object.entries(DEMO_CREDENTIALS).map(([type, c]) => [type, { id: c.id, name: c.name }]),
		);

		/** @type {any[]} */
		const workflows = [];
		/** @type {any[]} */
		const cases = [];
		for (const profile of PROFILES) {
			const head = (count) => {
				const n = Math.min(o.numbers, count);
				return { numbers: dataset.numbers.slice(0, n), truth: dataset.truth.slice(0, n) };
			};
			const subset = head(o.quick ? profile.peerSubset.quick : profile.peerSubset.full);
			const defaultSubset = head(o.quick ? PEER_DEFAULT_SUBSET.quick : PEER_DEFAULT_SUBSET.full);
			const idBase = `bench${profile.id[0].toUpperCase()}${profile.id.slice(1, 6)}`;
			const batching = { batchSize: profile.limit, batchInterval: 1000 };
			const defs = [
				{
					setup: 'ours',
					id: `${idBase}Ours`,
					data: dataset,
					node: oursNode(profile, ours[profile.credentialType]),
					needed: profile.requestsNeeded(dataset),
				},
				// Diagnostic: the same list as one item's text, so n8n evaluates no per-item expression.
				...(profile.batch > 1
					? [
							{
								setup: 'oursOneItem',
								id: `${idBase}One`,
								data: dataset,
								node: oursNode(profile, ours[profile.credentialType], dataset.numbers.join('\n')),
								needed: profile.requestsNeeded(dataset),
								inputs: ['(the list is in the node)'],
							},
						]
					: []),
				{
					setup: 'peerDefault',
					id: `${idBase}PeerA`,
					data: defaultSubset,
					node: peerNode(profile, sb.urls, ref(peers[profile.id]), null),
					needed: defaultSubset.numbers.length,
				},
				{
					setup: 'peerBatched',
					id: `${idBase}PeerB`,
					data: subset,
					node: peerNode(profile, sb.urls, ref(peers[profile.id]), batching),
					needed: subset.numbers.length,
				},
			];
			for (const d of defs) {
				workflows.push(bulkWorkflow(d.id, d.inputs ?? d.data.numbers, d.node));
				cases.push({
					setup: d.setup,
					profile,
					workflowId: d.id,
					truth: d.data.truth,
					requestsNeeded: d.needed,
					fullCount: o.numbers,
				});
			}
		}
		const trigger = {
			ours: oursTriggerWorkflow('benchTrigOurs', '00000000-be71-4000-8000-000000000001'),
			oursV1: oursTriggerWorkflow('benchTrigOursV1', '00000000-be71-4000-8000-000000000004', 1),
			// Several events in one call (On-Premises sends contacts, messages and statuses together).
			oursMulti: oursOnPremTriggerWorkflow('benchTrigOnPrem', '00000000-be71-4000-8000-000000000005'),
			builtin: builtinWebhookWorkflow(
				'benchTrigBuiltin',
				'00000000-be71-4000-8000-000000000002',
				'bench-builtin',
			),
			// Diagnostic: n8n does extra work per call for any webhook node at typeVersion 1, like our trigger.
			builtinV1: builtinWebhookWorkflow(
				'benchTrigBuiltinV1',
				'00000000-be71-4000-8000-000000000003',
				'bench-builtin-v1',
				1,
			),
		};
		workflows.push(...Object.values(trigger));
		const scalingCases = [];
		for (const count of o.scaling) {
			const d = makeDataset(count);
			for (const profile of PROFILES.filter((p) => o.scalingProfiles.includes(p.id))) {
				const id = `benchScale${profile.id.slice(0, 6)}${count}`;
				workflows.push(bulkWorkflow(id, d.numbers, oursNode(profile, ours[profile.credentialType])));
				scalingCases.push({
					count,
					c: { setup: 'ours', profile, workflowId: id, truth: d.truth, requestsNeeded: profile.requestsNeeded(d), fullCount: count },
				});
			}
		}

		say('importing credentials and workflows into n8n ...');
		await importCredentials(cli, [...demoCredentials(sb), ...Object.values(peers)]);
		await importWorkflows(cli, workflows);

		// Results are written after every step, so an interrupted run still leaves what it measured.
		const save = () => {
			fs.mkdirSync(path.dirname(o.out), { recursive: true });
			fs.writeFileSync(o.out, renderMarkdown(results));
			fs.writeFileSync(rawFile(o.out), `${JSON.stringify(results, null, 1)}\n`);
		};
		if (o.parts.media && !interrupted) {
			say(`Send Media of a ${o.mediaMb} MB file, ${o.runs} run(s) ...`);
			results.media = await runMediaBench({
				cli,
				sb,
				userFolder,
				credential: ours.whatsAppGatewayCloudApi,
				runs: o.runs,
				say,
				interrupted: () => interrupted,
				sizeMb: o.mediaMb,
			});
			save();
			if (!interrupted) {
				say(`receiving a ${o.mediaMb} MB file with Download Media, ${o.runs} run(s) ...`);
				results.mediaReceive = await runMediaReceiveBench({ runs: o.runs, sizeMb: o.mediaMb, say });
				save();
			}
		}
		if (o.parts.parse && !interrupted) {
			say('parsing cost (one core) ...');
			results.parse = runParseMicro(o);
			save();
		}

		if (o.parts.bulk) {
			say(
				`bulk check: ${o.numbers} numbers (${dataset.distinct} distinct, ${dataset.duplicates} duplicates, ${dataset.malformed} malformed), ${o.runs} run(s)`,
			);
			for (let run = 1; run <= o.runs && !interrupted; run++) {
				for (const c of cases) {
					if (interrupted) break;
					if (!o.profiles.includes(c.profile.id) || !o.setups.includes(c.setup)) continue;
					const f = await runBulkCase({ cli, sb }, c);
					results.bulk.push({ run, setup: c.setup, profile: c.profile.id, ...f });
					say(
						`run ${run} ${c.profile.label} ${c.setup}: node ${(f.nodeMs / 1000).toFixed(2)} s, execute ${(f.executeMs / 1000).toFixed(1)} s, ` +
							`${f.requests} requests, ${f.status429} × 429, outcomes ${f.outcomes}/${f.numbers} (correct ${f.correct}), ` +
							`efficiency ${f.efficiency.toFixed(3)}, first request after ${f.leadMs} ms, ${f.tailMs} ms after the last, peak ${f.peakRate}/s, RSS ${(f.peakRssBytes / 2 ** 20).toFixed(0)} MB${f.error ? `, error: ${f.error.slice(0, 160)}` : ''}`,
					);
					save();
				}
			}
		}

		for (let run = 1; run <= o.runs && !interrupted; run++) {
			for (const { count, c } of scalingCases) {
				if (interrupted) break;
				const f = await runBulkCase({ cli, sb }, c);
				results.scaling.push({ run, count, profile: c.profile.id, ...f });
				say(
					`scaling run ${run} ${c.profile.label} ${count}: node ${(f.nodeMs / 1000).toFixed(2)} s, ${f.requests} requests, ${f.status429} × 429, ` +
						`outcomes ${f.outcomes}/${f.numbers} (correct ${f.correct}), efficiency ${f.efficiency.toFixed(3)}, RSS ${(f.peakRssBytes / 2 ** 20).toFixed(0)} MB${f.error ? `, error: ${f.error.slice(0, 160)}` : ''}`,
				);
				save();
			}
		}

		if (o.parts.trigger && !interrupted) {
			say(
				`trigger throughput: ${o.events} events at concurrency ${o.concurrency}, ${o.runs} run(s)`,
			);
			for (const w of Object.values(trigger)) await publishWorkflow(cli, w.id);
			sb.configure('waapi', { latencyMs: 0, rateLimit: null, faults: [] });
			sb.configure('onPremises', { latencyMs: 0, rateLimit: null, faults: [] });
			const session = {
				runtime,
				userFolder,
				sb,
				trigger,
				ports: { port: serverPort, brokerPort: serverBroker },
				concurrency: o.concurrency,
				shouldStop: () => interrupted,
				onN8n: (/** @type {ReturnType<typeof startN8n> | null} */ started) => (n8n = started),
			};
			results.trigger = { events: o.events, concurrency: o.concurrency, peakRssBytes: NaN };
			const main = await measureTriggers(session, extraEnv, {
				runs: o.runs,
				events: o.events,
				v1Events: Math.min(o.events, 300),
				onRun: (partial) => {
					Object.assign(results.trigger, partial);
					save();
				},
			});
			Object.assign(results.trigger, main);
			// n8n's setting that builds the webhook-phase isolate only when an expression is really evaluated.
			if (!o.expressionEngine && !interrupted) {
				say(`trigger throughput with ${LAZY}=true: ${o.events} events, ${o.runs} run(s)`);
				results.trigger.lazy = await measureTriggers(
					session,
					{ [LAZY]: 'true' },
					{ runs: o.runs, events: o.events, v1Events: Math.min(o.events, 300), onRun: () => {} },
				);
				save();
			}
			// Diagnostic, same run: n8n's legacy expression engine, which needs no isolate for a webhook call.
			if (!o.expressionEngine && !interrupted) {
				const events = Math.min(o.events, 1000);
				say(`trigger diagnostic: n8n with N8N_EXPRESSION_ENGINE=legacy, ${events} events, 1 run`);
				results.trigger.legacy = await measureTriggers(
					session,
					{ N8N_EXPRESSION_ENGINE: 'legacy' },
					{ runs: 1, events, v1Events: events, onRun: () => {} },
				);
			}
			save();
		}

		console.log(`\n${renderTable(results)}`);
		save();
		say(
			`wrote ${path.relative(repoRoot, o.out)}${interrupted ? ' (interrupted: partial results)' : ''}`,
		);
	} finally {
		if (n8n) await n8n.stop();
		await sb.close();
		const left = descendants();
		if (left.length > 0) {
			say(`processes still running after the stop: ${left.join(', ')}; killing them`);
			for (const pid of left) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
		if (o.keep) say(`kept ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/**
 * One `n8n start` with `engineEnv`: warm-up, the Webhook node v1 once (diagnostic), then `runs` alternating
 * bursts of `events` to our trigger and to the Webhook node v2. n8n is stopped at the end.
 * @param {any} s @param {Record<string, string>} engineEnv
 * @param {{ runs: number, events: number, v1Events: number, onRun: (partial: any) => void }} plan
 */
async function measureTriggers(s, engineEnv, plan) {
	const n8n = startN8n({
		runtime: s.runtime,
		userFolder: s.userFolder,
		...s.ports,
		logFile: path.join(s.userFolder, 'n8n.log'),
		extraEnv: engineEnv,
	});
	s.onN8n(n8n);
	const sampler = startRssSampler();
	try {
		await n8n.waitReady();
		const subscribed = (w) =>
			waitFor(
				() =>
					s.sb.state.waapi.instances
						.find((i) => String(i.id) === '101')
						?.subscriptions.find((sub) => sub.url.includes(w.nodes[0].webhookId))?.url,
				60_000,
			);
		const registered = await subscribed(s.trigger.ours);
		const registeredV1 = await subscribed(s.trigger.oursV1);
		const registeredMulti = await waitFor(
			() => s.sb.state.onPremises.settings.webhooks.url?.includes(s.trigger.oursMulti.nodes[0].webhookId) && s.sb.state.onPremises.settings.webhooks.url,
			60_000,
		);
		if (!registered || !registeredV1 || !registeredMulti)
			throw new Error('our triggers did not register their webhooks with the sandbox (see the n8n log)');
		const query = new URL(registered).search;
		const targets = {
			ours: { url: registered, workflowId: s.trigger.ours.id },
			oursV1: { url: registeredV1, workflowId: s.trigger.oursV1.id },
			oursMulti: { url: registeredMulti, workflowId: s.trigger.oursMulti.id },
			builtin: { url: `${n8n.url}/webhook/bench-builtin${query}`, workflowId: s.trigger.builtin.id },
			builtinV1: { url: `${n8n.url}/webhook/bench-builtin-v1${query}`, workflowId: s.trigger.builtinV1.id },
		};
		const bodies = (n) =>
			Array.from({ length: n }, (_, i) =>
				JSON.stringify(
					s.sb.eventBody('waapi', 'message', {
						instanceId: '101',
						text: `bench event ${i}`,
						from: `49151${String(1000000 + i)}`,
					}),
				),
			);
		const fire = (key, payloads) =>
			burst(
				{ runtime: s.runtime, userFolder: s.userFolder },
				{ ...targets[key], bodies: payloads, concurrency: s.concurrency, shouldStop: s.shouldStop },
			);
		const multiBodies = (n) =>
			Array.from({ length: n }, (_, i) =>
				JSON.stringify(s.sb.eventBody('onPremises', 'batch', { messages: MULTI_ITEMS, statuses: 0, timestamp: String(1700000000 + i) })),
			);
		// Warm-up (not measured): first calls compile code paths and open the database's pages.
		for (const key of ['ours', 'oursV1', 'builtin', 'builtinV1']) await fire(key, bodies(50));
		await fire('oursMulti', multiBodies(5));
		/** @type {Record<'ours' | 'oursV1' | 'builtin' | 'builtinV1' | 'oursMulti', any[]>} */
		const runs = { ours: [], oursV1: [], builtin: [], builtinV1: [], oursMulti: [] };
		const v1 = s.shouldStop() ? null : await fire('builtinV1', bodies(plan.v1Events));
		if (v1) {
			runs.builtinV1.push(v1);
			say(
				`diagnostic builtin typeVersion 1 (${plan.v1Events} events): ${v1.eventsPerSecond.toFixed(0)} events/s, n8n CPU ${v1.cpuMsPerEvent.toFixed(1)} ms/event, executions ${v1.executions}/${v1.events}`,
			);
		}
		for (let run = 1; run <= plan.runs && !s.shouldStop(); run++) {
			const payloads = bodies(plan.events);
			// Rotate who goes first, so none always gets the warmer (or the more loaded) machine.
			const keys = ['ours', 'oursV1', 'builtin'];
			const order = [...keys.slice((run - 1) % 3), ...keys.slice(0, (run - 1) % 3)];
			for (const key of order) {
				const r = await fire(key, payloads);
				if (!r) break;
				runs[key].push(r);
				plan.onRun(runs);
				say(
					`run ${run} ${key}: ${r.eventsPerSecond.toFixed(0)} events/s, n8n CPU ${r.cpuMsPerEvent.toFixed(1)} ms/event, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ` +
						`executions ${r.executions}/${r.events} (${r.succeeded} succeeded), completed ${r.completedPerSecond.toFixed(0)}/s, statuses ${JSON.stringify(r.statuses)}`,
				);
			}
			// One call, many items: as many items as the other bursts' events, in calls of MULTI_ITEMS.
			const m = s.shouldStop() ? null : await fire('oursMulti', multiBodies(Math.max(1, Math.round(plan.events / MULTI_ITEMS))));
			if (m) {
				runs.oursMulti.push({ ...m, itemsPerCall: MULTI_ITEMS });
				plan.onRun(runs);
				say(
					`run ${run} oursMulti (${MULTI_ITEMS} items a call): ${(m.eventsPerSecond * MULTI_ITEMS).toFixed(0)} items/s, n8n CPU ${(m.cpuMsPerEvent / MULTI_ITEMS).toFixed(2)} ms/item, executions ${m.executions}/${m.events}, statuses ${JSON.stringify(m.statuses)}`,
				);
			}
		}
		return { ...runs, peakRssBytes: sampler.stop(), events: plan.events };
	} finally {
		sampler.stop();
		await n8n.stop();
		s.onN8n(null);
	}
}

/** The parser microbenchmark in its own process, on one core (taskset when the machine has it). */
function runParseMicro(o) {
	const script = path.join(repoRoot, 'bench', 'parse-micro.js');
	const args = [script, '--runs', String(o.runs), '--ms', String(o.parseMs)];
	const hasTaskset = spawnSync('taskset', ['--version'], { encoding: 'utf8' }).status === 0;
	const r = hasTaskset
		? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { encoding: 'utf8' })
		: spawnSync(process.execPath, args, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`the parse microbenchmark failed:\n${r.stderr}`);
	return { pinned: hasTaskset, cases: JSON.parse(r.stdout) };
}

main().catch((error) => {
	console.error(`[bench] ${error instanceof Error ? error.stack || error.message : String(error)}`);
	process.exit(1);
});
