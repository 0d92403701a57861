// @ts-check
// One measured bulk-check execution: configure the sandbox profile, run the workflow with `n8n execute`
// while sampling n8n's memory, then read the figures from n8n's run data and the sandbox's request log.
const { executeWorkflow, storedExecution } = require('../scripts/lib/n8nCli');
const { numberExists } = require('../test/sandbox/numbers');
const { startRssSampler } = require('./rss');
const { boundMs, peerOutcome } = require('./profiles');
const { MEASURED } = require('./workflows');

const DEFINITE = new Set(['valid', 'invalid', 'invalidFormat']);

/**
 * @typedef {{ setup: 'ours' | 'oursOneItem' | 'peerDefault' | 'peerBatched', profile: import('./profiles').Profile,
 *   workflowId: string, truth: Array<string | null>, requestsNeeded: number, fullCount: number }} BulkCase
 * @typedef {{ ok: boolean, error: string | null, nodeMs: number, executeMs: number, numbers: number,
 *   outputItems: number, outcomes: number, correct: number, requests: number, status429: number, logins: number,
 *   peakRate: number, peakRssBytes: number, boundMs: number, efficiency: number, leadMs: number, spanMs: number, tailMs: number,
 *   scale: number }} BulkFigures
 */

/** Sandbox profile: the latency and limit; a 429 says Retry-After: 1 like most providers. */
function configureProfile(sb, profile) {
	sb.configure(profile.id, {
		latencyMs: profile.latencyMs,
		rateLimit: { requestsPerSecond: profile.limit, retryAfterSeconds: 1 },
		faults: [],
	});
}

/** Our items: one per input number, in order; an outcome is a definite status, correct when it matches. */
function scoreOurs(items, truth) {
	let outcomes = 0;
	let correct = 0;
	items.forEach((json, i) => {
		if (!json || !DEFINITE.has(json.status)) return;
		outcomes++;
		const digits = truth[i];
		if (digits === null) {
			if (json.status === 'invalidFormat') correct++;
		} else if (json.phone === digits && json.exists === numberExists(digits)) {
			correct++;
		}
	});
	return { outcomes, correct };
}

function scorePeer(profile, items, truth) {
	let outcomes = 0;
	let correct = 0;
	items.forEach((json, i) => {
		const o = peerOutcome(profile, json);
		if (!o.answered) return;
		outcomes++;
		const digits = truth[i];
		if (digits === null ? o.exists !== true : o.exists === numberExists(digits)) correct++;
	});
	return { outcomes, correct };
}

/**
 * @param {{ cli: any, sb: any }} env @param {BulkCase} c
 * @returns {Promise<BulkFigures>}
 */
async function runBulkCase(env, c) {
	const { sb } = env;
	configureProfile(sb, c.profile);
	sb.clearLog();
	const sampler = startRssSampler();
	const r = await executeWorkflow(env.cli, c.workflowId, { readStored: false });
	const executeMs = r.ms;
	const peakRssBytes = sampler.stop();
	if (!r.execution && r.code === 0) r.execution = await storedExecution(env.cli, c.workflowId, r.started);

	const run = r.execution?.data?.resultData?.runData?.[MEASURED]?.[0];
	const items = (run?.data?.main?.[0] ?? []).map((item) => item.json);
	const nodeError = run?.error?.message ?? r.execution?.data?.resultData?.error?.message ?? null;
	const error = !r.execution
		? `n8n execute exited ${r.code} without an execution: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`
		: nodeError;
	const { outcomes, correct } = c.setup.startsWith('ours')
		? scoreOurs(items, c.truth)
		: scorePeer(c.profile, items, c.truth);
	const log = sb.requests(c.profile.id);
	const bound = boundMs(c.requestsNeeded, c.profile);
	const nodeMs = typeof run?.executionTime === 'number' ? run.executionTime : NaN;
	const nodeStart = typeof run?.startTime === 'number' ? run.startTime : NaN;
	const arrivals = log.map((e) => e.at);
	return {
		ok: Boolean(r.execution) && !nodeError,
		error,
		nodeMs,
		executeMs,
		numbers: c.truth.length,
		outputItems: items.length,
		outcomes,
		correct,
		requests: log.length,
		status429: log.filter((e) => e.status === 429).length,
		// On-Premises: n8n's login (POST /v1/users/login) when the credential holds no token yet.
		logins: log.filter((e) => e.path.endsWith('/users/login')).length,
		peakRate: sb.peakRate(c.profile.id),
		peakRssBytes,
		boundMs: bound,
		efficiency: bound / nodeMs,
		// Where the node's time went: before the first request reached the provider, and after the last one.
		leadMs: arrivals.length ? Math.min(...arrivals) - nodeStart : NaN,
		spanMs: arrivals.length ? Math.max(...arrivals) - Math.min(...arrivals) : NaN,
		tailMs: arrivals.length
			? nodeStart + nodeMs - (Math.max(...arrivals) + c.profile.latencyMs)
			: NaN,
		// A subset run stands for the whole list: times and request counts scale linearly by this factor.
		scale: c.fullCount / c.truth.length,
	};
}

module.exports = { runBulkCase, configureProfile };
