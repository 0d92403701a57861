// @ts-check
// n8n's own CLI, run under node 24 against one user folder. Each call boots n8n (3-4 s, ~440 MB): batch work
// into as few calls as possible and never run two at once.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { n8nEnv } = require('./n8nEnv');
const { readExecutions } = require('./executions');

/**
 * @typedef {{ nodeBin: string, n8nMain: string }} Runtime
 * @typedef {{ runtime: Runtime, userFolder: string, encryptionKey?: string, brokerPort?: number, port?: number, extraEnv?: Record<string, string> }} CliOptions
 */

/**
 * Runs `n8n <args>`; resolves with its exit code and output, never rejects on a non-zero exit.
 * @param {CliOptions} o @param {string[]} args @param {Record<string, string>} [extraEnv]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function runCli(o, args, extraEnv = {}) {
	const env = n8nEnv({
		userFolder: o.userFolder,
		encryptionKey: o.encryptionKey,
		// A CLI call may run beside a started server: keep its task-runner broker off the server's port.
		port: o.port ?? 5678,
		brokerPort: o.brokerPort ?? 5690,
		nodeBin: o.runtime.nodeBin,
		extra: { ...o.extraEnv, ...extraEnv },
	});
	return new Promise((resolve, reject) => {
		const child = spawn(o.runtime.nodeBin, [o.runtime.n8nMain, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
	});
}

/** Like runCli, but a non-zero exit is an error that carries n8n's output. */
async function runCliOk(o, args, extraEnv) {
	const r = await runCli(o, args, extraEnv);
	if (r.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited ${r.code}\n${tail(r.stdout)}\n${tail(r.stderr)}`);
	}
	return r;
}

function tail(text, lines = 30) {
	return text.trim().split('\n').slice(-lines).join('\n');
}

function withTempJson(data, fn) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-n8n-'));
	const file = path.join(dir, 'data.json');
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return Promise.resolve(fn(file)).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

/** @param {CliOptions} o @param {Array<{ id: string, name: string, type: string, data: object }>} credentials */
function importCredentials(o, credentials) {
	return withTempJson(credentials, (file) => runCliOk(o, ['import:credentials', `--input=${file}`]));
}

/** @param {CliOptions} o @param {object[]} workflows each with an `id` of at most 21 characters */
function importWorkflows(o, workflows) {
	return withTempJson(workflows, (file) => runCliOk(o, ['import:workflow', `--input=${file}`]));
}

/** Marks a workflow active; takes effect when the server (re)starts. */
function publishWorkflow(o, id) {
	return runCliOk(o, ['publish:workflow', `--id=${id}`]);
}

/** What the package loading looks like to n8n: every node type it loaded. */
async function exportNodes(o) {
	return withTempJson([], async (file) => {
		await runCliOk(o, ['export:nodes', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	});
}

/** Every credential, decrypted (the e2e suite reads back a stored token; never print the result). */
async function exportCredentials(o) {
	return withTempJson([], async (file) => {
		await runCliOk(o, ['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	});
}

/**
 * `n8n execute --id`: runs a workflow that starts with a Manual Trigger and returns the execution n8n printed,
 * or, when the printed record did not arrive, the one it stored.
 * `ms`: how long the command ran (reading the stored execution afterwards not included). With
 * `readStored: false` the caller reads it (storedExecution), e.g. after it stopped measuring n8n.
 * @returns {Promise<{ code: number, execution: any, stdout: string, stderr: string, ms: number, started: number }>}
 */
async function executeWorkflow(o, id, { readStored = true } = {}) {
	const started = Date.now();
	const r = await runCli(o, ['execute', `--id=${id}`], { N8N_LOG_FORMAT: 'json' });
	const ms = Date.now() - started;
	let execution = null;
	for (const line of r.stdout.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			const record = JSON.parse(line);
			const meta = record.metadata || {};
			// The command prints its result through the logger: that record is the execution JSON.
			if (meta.function === 'log' && meta.file === 'base-command.js' && typeof record.message === 'string') {
				execution = JSON.parse(record.message);
			}
		} catch {
			// not a JSON record of the result
		}
	}
	if (!execution && r.code === 0 && readStored) execution = await storedExecution(o, id, started);
	return { code: r.code, execution, stdout: r.stdout, stderr: r.stderr, ms, started };
}

/**
 * n8n prints the execution through its logger's stream and then calls `process.exit()` (exitSuccessFully in
 * n8n/dist/commands/base-command.js), which drops a record of tens of MB still in the stream; the execution
 * itself is stored (mode `cli`), so it is read from the database instead.
 */
async function storedExecution(o, id, since) {
	const [last] = await readExecutions(o, { workflowId: id, newest: true });
	if (!last || last.mode !== 'cli' || Date.parse(`${last.startedAt.replace(' ', 'T')}Z`) < since - 1000) return null;
	return { id: last.id, finished: last.finished, mode: last.mode, status: last.status, data: last.data };
}

/**
 * The output items (json) of one node in an execution printed by `n8n execute`.
 * @param {any} execution @param {string} nodeName @param {number} [output]
 */
function nodeItems(execution, nodeName, output = 0) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	const main = runs[0]?.data?.main?.[output] || [];
	return main.map((item) => item.json);
}

module.exports = {
	runCli,
	runCliOk,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	exportNodes,
	exportCredentials,
	executeWorkflow,
	storedExecution,
	nodeItems,
	tail,
};
