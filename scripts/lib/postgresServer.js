// @ts-check
// A throwaway PostgreSQL (Debian's postgresql) cluster: initdb into a folder of ours, started on 127.0.0.1 and a
// free port (trust auth, loopback only), one database, stopped by the postmaster's pid. As root the server runs
// as the `postgres` user (PostgreSQL refuses to run as root); otherwise as the current user.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { freePort } = require('./ports');
const { pidAlive } = require('./pidAlive');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The newest installed server's bin folder (/usr/lib/postgresql/<major>/bin) and its major version, or null. */
function findPostgres() {
	const root = '/usr/lib/postgresql';
	let majors = [];
	try {
		majors = fs.readdirSync(root).filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(root, d, 'bin', 'initdb')));
	} catch {
		return null;
	}
	if (majors.length === 0) return null;
	const major = Math.max(...majors.map(Number));
	return { bin: path.join(root, String(major), 'bin'), major };
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. @param {string} bin @param {string[]} args */
function runPg(bin, args) {
	const r = isRoot()
		? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')], { encoding: 'utf8', timeout: 120_000 })
		: spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000 });
	if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
	return r.stdout;
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** @param {{ dir: string, database?: string }} o */
async function startPostgres(o) {
	const pg = findPostgres();
	if (!pg) throw new Error('PostgreSQL is missing: apt-get install postgresql');
	const port = await freePort();
	const database = o.database || 'n8n';
	fs.mkdirSync(o.dir, { recursive: true });
	const data = path.join(o.dir, 'data');
	const logFile = path.join(o.dir, 'postgres.log');
	if (isRoot()) {
		// The postgres user must reach the folder: every parent is at least traversable, the folder is its own.
		for (let d = o.dir; d !== path.dirname(d); d = path.dirname(d)) {
			const mode = fs.statSync(d).mode & 0o777;
			if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o711);
		}
		spawnSync('chown', ['-R', 'postgres:postgres', o.dir]);
	}
	runPg(path.join(pg.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	const serverOptions = `-p ${port} -k ${o.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
	runPg(path.join(pg.bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
	const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	try {
		runPg(path.join(pg.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
	} catch (error) {
		process.kill(pid, 'SIGINT');
		throw error;
	}

	async function stop() {
		if (!pidAlive(pid)) return;
		// SIGINT is PostgreSQL's "fast" shutdown: sessions are ended, nothing is left behind.
		process.kill(pid, 'SIGINT');
		const deadline = Date.now() + 30_000;
		while (pidAlive(pid) && Date.now() < deadline) await sleep(100);
		if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
	}
	return { port, pid, major: pg.major, database, user: 'postgres', logFile, stop };
}

module.exports = { startPostgres, findPostgres };
