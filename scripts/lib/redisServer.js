// @ts-check
// A throwaway Redis (Debian's redis-server) on 127.0.0.1 and a free port, nothing saved to disk, stopped by its pid.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort } = require('./ports');

/** The redis-server binary on PATH (Debian puts it in /usr/bin), or null. */
function findRedisServer() {
	for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
		const candidate = path.join(dir, 'redis-server');
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return null;
}

/** One PING over a fresh connection: true when Redis answers PONG. @param {number} port */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (d) => done(String(d).startsWith('+PONG')));
	});
}

/** @param {{ dir: string, log?: (m: string) => void }} o */
async function startRedis(o) {
	const bin = findRedisServer();
	if (!bin) throw new Error('redis-server is missing: apt-get install redis-server');
	const port = await freePort();
	fs.mkdirSync(o.dir, { recursive: true });
	const logFile = path.join(o.dir, 'redis.log');
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', o.dir, '--logfile', logFile];
	const child = spawn(bin, args, { stdio: 'ignore' });
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 20_000;
	while (!(await ping(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start on port ${port} (log: ${logFile})`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	async function stop() {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	}
	return { port, pid: child.pid, logFile, stop };
}

module.exports = { startRedis, findRedisServer };
