// @ts-check
// A hostname per n8n process. Inside a container n8n names each process `<type>-<hostname>` (elsewhere it picks a
// random id), and processes of one type sharing a hostname confuse its instance registry and shutdown (a webhook
// process keeps waiting for executions it never saw finish). A UTS namespace gives a process its own hostname
// without touching the machine's: `unshare --uts` as root, with a user namespace otherwise.
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

/** @type {string[] | null | undefined} */
let prefix;

/** Whether n8n would take the hostname as its id here (its own test: /.dockerenv or /run/.containerenv). */
function inContainer() {
	return fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv');
}

/** The unshare prefix that works on this machine, or null (checked once). */
function unsharePrefix() {
	if (prefix !== undefined) return prefix;
	const candidates = process.getuid?.() === 0 ? [['unshare', '--uts']] : [['unshare', '--user', '--map-root-user', '--uts']];
	prefix = null;
	for (const c of candidates) {
		const r = spawnSync(c[0], [...c.slice(1), 'sh', '-c', 'hostname qm-probe'], { stdio: 'ignore', timeout: 10_000 });
		if (r.status === 0) {
			prefix = c;
			break;
		}
	}
	return prefix;
}

/**
 * `argv` run under `hostname` when n8n would use it and the machine allows it; `argv` unchanged otherwise.
 * `exec` keeps the pid, so the caller still stops the process (and its group) by the pid it started.
 * @param {string[]} argv @param {string | undefined} hostname
 */
function withHostname(argv, hostname) {
	if (!hostname || !inContainer()) return argv;
	const p = unsharePrefix();
	if (!p) return argv;
	if (!/^[a-z0-9-]{1,63}$/.test(hostname)) throw new Error(`not a hostname: ${hostname}`);
	return [...p, 'sh', '-c', `hostname ${hostname} && exec "$@"`, 'sh', ...argv];
}

/** Whether processes started with withHostname really get distinct hostnames here (for the log). */
function hostnamesAreDistinct() {
	return !inContainer() || unsharePrefix() !== null;
}

module.exports = { withHostname, hostnamesAreDistinct, inContainer };
