// @ts-check
// `n8n start` (or `n8n webhook`, `n8n worker`) as a child process: started in its own process group (n8n spawns a
// task-runner child), ready when /healthz/readiness answers 200, stopped with SIGTERM to the whole group and
// SIGKILL only if it hangs. Optionally under a hostname of its own (see hostname.js).
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { n8nEnv } = require('./n8nEnv');
const { withHostname } = require('./hostname');

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{ runtime: { nodeBin: string, n8nMain: string }, userFolder: string, port?: number, brokerPort?: number,
 *   encryptionKey?: string, owner?: { email: string, firstName: string, lastName: string, passwordHash: string },
 *   logFile?: string, inheritOutput?: boolean, extraEnv?: Record<string, string>,
 *   command?: string[], hostname?: string, readyUrl?: string }} o
 *   `command`: n8n's arguments (default `start`); `readyUrl`: what answers 200 when ready (a worker's health
 *   port; default the server's /healthz/readiness); `hostname`: run under that hostname where possible.
 */
function startN8n(o) {
	const port = o.port ?? 5678;
	const env = n8nEnv({
		userFolder: o.userFolder,
		port,
		brokerPort: o.brokerPort,
		encryptionKey: o.encryptionKey,
		owner: o.owner,
		nodeBin: o.runtime.nodeBin,
		extra: o.extraEnv,
	});
	const out = o.logFile ? fs.openSync(o.logFile, 'a') : 'ignore';
	const stdio = o.inheritOutput ? 'inherit' : ['ignore', out, out];
	const argv = withHostname([o.runtime.nodeBin, o.runtime.n8nMain, ...(o.command ?? ['start'])], o.hostname);
	const child = spawn(argv[0], argv.slice(1), { env, stdio, detached: true });
	if (typeof out === 'number') fs.closeSync(out);
	let exited = child.exitCode !== null;
	/** @type {Promise<number | null>} */
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = true;
			resolve(code ?? (signal ? 128 : null));
		}),
	);
	const url = `http://127.0.0.1:${port}`;

	function signalGroup(signal) {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// the group is already gone
		}
	}

	async function waitReady(timeoutMs = READY_TIMEOUT_MS) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n exited before it was ready${o.logFile ? ` (log: ${o.logFile})` : ''}`);
			try {
				const res = await fetch(o.readyUrl ?? `${url}/healthz/readiness`);
				if (res.status === 200) return;
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		throw new Error(`n8n was not ready after ${timeoutMs / 1000} s${o.logFile ? ` (log: ${o.logFile})` : ''}`);
	}

	async function stop() {
		if (!exited) {
			signalGroup('SIGTERM');
			// The timer is cleared once n8n exits: a pending one would keep the caller's process (jest) alive.
			let timer;
			const timeout = new Promise((resolve) => {
				timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
			});
			const timedOut = await Promise.race([exitPromise.then(() => false), timeout]);
			clearTimeout(timer);
			if (timedOut) signalGroup('SIGKILL');
			await exitPromise;
		}
		// The task runner lives in the same group: make sure nothing of it is left.
		signalGroup('SIGKILL');
	}

	return { child, url, port, waitReady, stop, exited: exitPromise };
}

module.exports = { startN8n };
