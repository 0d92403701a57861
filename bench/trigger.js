// @ts-check
// Trigger throughput: the same provider-shaped events POSTed at a fixed concurrency to our trigger and to
// n8n's Webhook node in one running n8n; latency per call, calls per second, and the executions n8n stored.
const path = require('node:path');
const { execFile } = require('node:child_process');
const { Pool } = require('undici');
const { cpuMs } = require('./rss');

/**
 * Executions per workflow started since `since` (counted under node 24, see countExecutions.js).
 * @param {{ runtime: { nodeBin: string }, userFolder: string }} o @param {string[]} ids @param {string} since
 * @returns {Promise<Record<string, { total: number, finished: number, success: number, lastStoppedAt: string | null, firstStartedAt: string | null }>>}
 */
function countExecutions(o, ids, since) {
	const dbFile = path.join(o.userFolder, '.n8n', 'database.sqlite');
	const args = [
		'--no-warnings',
		path.join(__dirname, 'countExecutions.js'),
		dbFile,
		JSON.stringify(ids),
		since,
	];
	return new Promise((resolve, reject) => {
		execFile(o.runtime.nodeBin, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`counting executions failed: ${stderr || error.message}`));
			else resolve(JSON.parse(stdout));
		});
	});
}

/** n8n's stored timestamps ("YYYY-MM-DD HH:MM:SS.SSS" UTC, or ISO) → ms. */
function parseDbTime(value) {
	if (!value) return NaN;
	const s = String(value);
	return Date.parse(
		/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`,
	);
}

/** The moment as n8n's SQLite stores it, for comparisons in SQL. */
function dbTime(ms) {
	return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * POSTs every body to `url` with `concurrency` calls in flight; a bounded loop over the given bodies, left
 * early (no new calls) once `shouldStop()` says so.
 * @param {string} url @param {string[]} bodies raw JSON @param {number} concurrency @param {() => boolean} [shouldStop]
 */
async function postAll(url, bodies, concurrency, shouldStop = () => false) {
	const u = new URL(url);
	const pool = new Pool(u.origin, { connections: concurrency, pipelining: 1 });
	const pathAndQuery = `${u.pathname}${u.search}`;
	/** @type {number[]} */
	const latencies = [];
	/** @type {Record<string, number>} */
	const statuses = {};
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < bodies.length && !shouldStop()) {
			const body = bodies[next++];
			const t = performance.now();
			let status = 'network error';
			try {
				const res = await pool.request({
					path: pathAndQuery,
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'user-agent': 'eazeWA Webhook User Agent',
					},
					body,
					headersTimeout: 60_000,
					bodyTimeout: 60_000,
				});
				await res.body.text();
				status = String(res.statusCode);
			} catch {
				// counted as a network error below
			}
			latencies.push(performance.now() - t);
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsedMs = performance.now() - started;
	await pool.close();
	return { latencies, statuses, elapsedMs, sent: next };
}

function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * One measured burst against one target, then a bounded wait until n8n stored every execution.
 * @param {{ runtime: any, userFolder: string }} o
 * @param {{ url: string, workflowId: string, bodies: string[], concurrency: number, settleTimeoutMs?: number,
 *   shouldStop?: () => boolean }} t
 */
async function burst(o, t) {
	// A second's margin: SQLite's stored time and ours may round differently.
	const since = dbTime(Date.now() - 1000);
	const before = (await countExecutions(o, [t.workflowId], since))[t.workflowId];
	const cpuBefore = cpuMs();
	const startedAt = Date.now();
	const posted = await postAll(t.url, t.bodies, t.concurrency, t.shouldStop);
	if (posted.sent < t.bodies.length) return null; // interrupted: not a measurement
	const deadline = Date.now() + (t.settleTimeoutMs ?? 120_000);
	let now = before;
	for (;;) {
		now = (await countExecutions(o, [t.workflowId], since))[t.workflowId];
		const pending = now.total - now.finished;
		if (
			(now.finished - before.finished >= t.bodies.length && pending === 0) ||
			Date.now() > deadline
		)
			break;
		await new Promise((r) => setTimeout(r, 250));
	}
	const cpuUsed = cpuMs() - cpuBefore;
	const sorted = [...posted.latencies].sort((a, b) => a - b);
	const accepted = Object.entries(posted.statuses)
		.filter(([s]) => /^2\d\d$/.test(s))
		.reduce((sum, [, n]) => sum + n, 0);
	const lastStopped = parseDbTime(now.lastStoppedAt);
	return {
		events: t.bodies.length,
		accepted,
		statuses: posted.statuses,
		eventsPerSecond: (t.bodies.length / posted.elapsedMs) * 1000,
		p50Ms: percentile(sorted, 50),
		p99Ms: percentile(sorted, 99),
		executions: now.total - before.total,
		succeeded: now.success - before.success,
		// From the first call until n8n stored the last execution: the rate at which events were fully handled.
		// n8n's CPU time (main process and task runner) per event, from /proc.
		cpuMsPerEvent: cpuUsed / t.bodies.length,
		completedPerSecond: Number.isFinite(lastStopped)
			? (t.bodies.length / Math.max(1, lastStopped - startedAt)) * 1000
			: NaN,
	};
}

module.exports = { burst, postAll, countExecutions, dbTime, parseDbTime };
