// @ts-check
// The executions n8n stored, read from its SQLite database (the reader runs under node 24: see sqliteReader.js),
// or from PostgreSQL when `o.postgres` names it (queue mode: see pgReader.js).
const path = require('node:path');
const { execFile } = require('node:child_process');
const { readPgExecutions } = require('./pgReader');

/**
 * @typedef {{ id: string, workflowId: string, status: string, mode: string, finished: boolean,
 *   startedAt: string, stoppedAt: string | null, data: any }} StoredExecution
 * @param {{ runtime: { nodeBin: string, n8nModules: string }, userFolder?: string,
 *   postgres?: { port: number, user: string, database: string } }} o
 * @param {{ workflowId?: string, afterId?: string | number, newest?: boolean }} [filter]
 * @returns {Promise<StoredExecution[]>}
 */
function readExecutions(o, filter = {}) {
	if (o.postgres) return readPgExecutions({ ...o.postgres, n8nModules: o.runtime.n8nModules }, filter);
	if (!o.userFolder) throw new Error('readExecutions: neither a user folder nor a database');
	const dbFile = path.join(o.userFolder, '.n8n', 'database.sqlite');
	const args = ['--no-warnings', path.join(__dirname, 'sqliteReader.js'), dbFile, o.runtime.n8nModules, JSON.stringify(filter)];
	return new Promise((resolve, reject) => {
		execFile(o.runtime.nodeBin, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`reading executions failed: ${stderr || error.message}`));
			else resolve(JSON.parse(stdout));
		});
	});
}

/**
 * Waits (bounded) until `count` finished executions match, and returns them.
 * @param {Parameters<typeof readExecutions>[0]} o @param {Parameters<typeof readExecutions>[1]} filter
 */
async function waitForExecutions(o, filter, count, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	let found = [];
	while (Date.now() < deadline) {
		found = (await readExecutions(o, filter)).filter((e) => e.stoppedAt);
		if (found.length >= count) return found;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`expected ${count} finished execution(s) for ${JSON.stringify(filter)}, found ${found.length}`);
}

/** The id of the newest stored execution, 0 when there is none: executions after it are the ones to come. */
async function lastExecutionId(o) {
	const [last] = await readExecutions(o, { newest: true });
	return last ? Number(last.id) : 0;
}

/** The output items (json) of one node in a stored execution. */
function executionItems(execution, nodeName, output = 0) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return (runs[0]?.data?.main?.[output] || []).map((item) => item.json);
}

module.exports = { readExecutions, waitForExecutions, lastExecutionId, executionItems };
