#!/usr/bin/env node
// @ts-check
// The real-n8n runtime: node 24 (from the npm registry) and n8n 2.41.1, installed once into a cache folder outside
// the repository, keyed by version, and reused. n8n 2.x refuses the system's node 20, hence its own node.
//   node scripts/runtime.js           install if missing, print the paths
//   node scripts/runtime.js --check   exit 0 if installed, 1 if not (installs nothing)
// Cache root: $WA_GATEWAY_CACHE or ~/.cache/n8n-nodes-whatsapp-gateway. Nothing outside it is written: npm's own
// download cache for the install is kept inside the root and removed once the install is complete.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { pidAlive } = require('./lib/pidAlive');

const NODE_MAJOR = 24;
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';
// linkedom 0.18.15 needs `cssomnom`, which the registry does not serve (see the recipe).
const N8N_PACKAGE_JSON = { private: true, dependencies: { n8n: N8N_VERSION }, overrides: { linkedom: '0.18.13' } };
const DONE = 'done 0';
const HEARTBEAT_MS = 10_000;
const LOCK_WAIT_MS = 30 * 60_000;

function cacheRoot() {
	return process.env.WA_GATEWAY_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-gateway');
}

function nodePackageName() {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	return `node-${platform}-${process.arch}`;
}

/** Every path the rest of the tooling needs, whether or not it is installed yet. */
function runtimePaths(root = cacheRoot()) {
	const nodeDir = path.join(root, `node-${NODE_MAJOR}`);
	const nodeHome = path.join(nodeDir, 'node_modules', nodePackageName());
	const n8nDir = path.join(root, `n8n-${N8N_VERSION}`);
	const n8nModules = path.join(n8nDir, 'node_modules');
	return {
		root,
		nodeDir,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nModules,
		n8nBin: path.join(n8nModules, '.bin', 'n8n'),
		// Run as `<nodeBin> <n8nMain>`: the .bin script's shebang would pick the system node.
		n8nMain: path.join(n8nModules, 'n8n', 'bin', 'n8n'),
		n8nVersion: N8N_VERSION,
		nodeMajor: NODE_MAJOR,
	};
}

function readStatus(dir) {
	try {
		return fs.readFileSync(path.join(dir, 'status'), 'utf8').trim();
	} catch {
		return '';
	}
}

function nodeWorks(nodeBin) {
	if (!fs.existsSync(nodeBin)) return false;
	const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 && r.stdout.trim().startsWith(`v${NODE_MAJOR}.`);
}

function nodeInstalled(p) {
	// A folder installed by hand without a marker is accepted when its binary really is node 24.
	return (readStatus(p.nodeDir) === DONE || !fs.existsSync(path.join(p.nodeDir, 'status'))) && nodeWorks(p.nodeBin);
}

function n8nInstalled(p) {
	return (
		readStatus(p.n8nDir) === DONE &&
		fs.existsSync(p.n8nMain) &&
		fs.existsSync(path.join(p.n8nModules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))
	);
}

function isRuntimeInstalled(root = cacheRoot()) {
	const p = runtimePaths(root);
	return nodeInstalled(p) && n8nInstalled(p);
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/**
 * Runs npm with its output appended to `logFile`, printing a heartbeat so a long install is visibly alive.
 * @param {string[]} args @param {{ cwd: string, env: NodeJS.ProcessEnv, logFile: string, label: string, log: (m: string) => void, progress?: () => string }} o
 */
function runNpm(args, o) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = fs.openSync(o.logFile, 'a');
		fs.writeSync(out, `\n$ npm ${args.join(' ')}\n`);
		const child = spawn(npmCommand(), args, { cwd: o.cwd, env: o.env, stdio: ['ignore', out, out] });
		const timer = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			o.log(`  ... ${o.label}: ${seconds} s${o.progress ? `, ${o.progress()}` : ''}`);
		}, HEARTBEAT_MS);
		child.on('error', (error) => {
			clearInterval(timer);
			fs.closeSync(out);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			fs.closeSync(out);
			const seconds = Math.round((Date.now() - started) / 1000);
			if (code === 0) {
				o.log(`  ${o.label}: done in ${seconds} s`);
				resolve(seconds);
				return;
			}
			const tail = fs.readFileSync(o.logFile, 'utf8').split('\n').slice(-25).join('\n');
			reject(new Error(`${o.label} failed (npm exit ${code}). Last lines of ${o.logFile}:\n${tail}`));
		});
	});
}

function npmEnv(p, extra = {}) {
	const env = { ...process.env, ...extra };
	env.npm_config_cache = path.join(p.root, 'npm-cache');
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

/** Fails fast, with a message that says what to check, when the registry cannot be reached. */
function checkRegistry(p, log) {
	const env = npmEnv(p);
	const registry = spawnSync(npmCommand(), ['config', 'get', 'registry'], { env, encoding: 'utf8' }).stdout.trim();
	log(`  checking the npm registry (${registry || 'default'}) ...`);
	const ping = spawnSync(npmCommand(), ['ping', '--fetch-retries=1', '--fetch-timeout=20000'], {
		env,
		encoding: 'utf8',
		timeout: 90_000,
	});
	if (ping.status !== 0) {
		const lines = `${ping.stderr || ''}${ping.stdout || ''}`.split('\n');
		// npm's own diagnosis: the error code and the failed request, not its generic advice.
		const why = lines.filter((l) => /\bcode\b|errno|request to|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|E\d{3}/.test(l)).join('\n');
		throw new Error(
			`Cannot reach the npm registry ${registry}: the runtime (node ${NODE_MAJOR} and n8n ${N8N_VERSION}) is downloaded ` +
				`from it once, into ${p.root}. Check the network, the proxy settings (npm config get proxy / https-proxy) ` +
				`or the registry setting, then run \`node scripts/runtime.js\` again.\nnpm ping said: ${why || `exit ${ping.status}`}`,
		);
	}
}

/** How many entries npm's download cache holds (npm prints no progress when it has no terminal). */
function countDownloads(p) {
	const content = path.join(p.root, 'npm-cache', '_cacache', 'content-v2', 'sha512');
	let count = 0;
	try {
		for (const a of fs.readdirSync(content)) {
			for (const b of fs.readdirSync(path.join(content, a))) count += fs.readdirSync(path.join(content, a, b)).length;
		}
	} catch {
		// not created yet
	}
	return count;
}

function freshDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
}

async function installNode(p, log) {
	log(`- node ${NODE_VERSION} (${nodePackageName()} from the npm registry) -> ${p.nodeDir}`);
	freshDir(p.nodeDir);
	fs.writeFileSync(
		path.join(p.nodeDir, 'package.json'),
		JSON.stringify({ private: true, dependencies: { [nodePackageName()]: NODE_VERSION } }),
	);
	await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: p.nodeDir,
		env: npmEnv(p),
		logFile: path.join(p.nodeDir, 'install.log'),
		label: `installing node ${NODE_VERSION}`,
		log,
	});
	if (!nodeWorks(p.nodeBin)) throw new Error(`node ${NODE_VERSION} was installed but ${p.nodeBin} does not run`);
	fs.writeFileSync(path.join(p.nodeDir, 'status'), `${DONE}\n`);
}

async function installN8n(p, log) {
	log(`- n8n ${N8N_VERSION} -> ${p.n8nDir} (about 3-4 minutes and 2.7 GB on a cold cache)`);
	freshDir(p.n8nDir);
	fs.writeFileSync(path.join(p.n8nDir, 'package.json'), JSON.stringify(N8N_PACKAGE_JSON));
	// npm runs under node 24 (first on PATH); install scripts stay off, or a Kafka client's download fails
	// and npm rolls the whole install back.
	const pathWithNode24 = `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH || ''}`;
	const countPackages = () => {
		if (fs.existsSync(p.n8nModules)) return `${fs.readdirSync(p.n8nModules).length} top-level packages unpacked`;
		return `${countDownloads(p)} files downloaded`;
	};
	await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: p.n8nDir,
		env: npmEnv(p, { PATH: pathWithNode24 }),
		logFile: path.join(p.n8nDir, 'install.log'),
		label: `installing n8n ${N8N_VERSION}`,
		log,
		progress: countPackages,
	});
	// The prebuilt sqlite3 download fails here: compile it against node 24's own headers (the user's
	// ~/.npmrc may point nodedir at the system node's).
	await runNpm(['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: p.n8nDir,
		env: npmEnv(p, { PATH: pathWithNode24, npm_config_nodedir: p.nodeHome }),
		logFile: path.join(p.n8nDir, 'rebuild.log'),
		label: `compiling sqlite3 for node ${NODE_MAJOR}`,
		log,
	});
	const check = spawnSync(p.nodeBin, ['-e', `require(${JSON.stringify(path.join(p.n8nModules, 'sqlite3'))})`], {
		encoding: 'utf8',
	});
	if (check.status !== 0) throw new Error(`sqlite3 does not load under node ${NODE_MAJOR}:\n${check.stderr}`);
	const version = spawnSync(p.nodeBin, [p.n8nMain, '--version'], { encoding: 'utf8' }).stdout.trim();
	if (version !== N8N_VERSION) throw new Error(`installed n8n reports version "${version}", expected ${N8N_VERSION}`);
	fs.writeFileSync(path.join(p.n8nDir, 'status'), `${DONE}\n`);
}

/** One installer at a time per cache root (npm start and the test suite may both ask). */
async function withLock(p, log, fn) {
	fs.mkdirSync(p.root, { recursive: true });
	const lockFile = path.join(p.root, '.install.lock');
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
			if (!holder || !pidAlive(holder)) {
				fs.rmSync(lockFile, { force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`another install (pid ${holder}) still holds ${lockFile}`);
			if (!announced) log(`  waiting for another install of the runtime (pid ${holder}) to finish ...`);
			announced = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

/**
 * Installs what is missing and returns the runtime's paths.
 * @param {{ root?: string, log?: (m: string) => void }} [options]
 */
async function ensureRuntime(options = {}) {
	const log = options.log || ((m) => console.log(`[runtime] ${m}`));
	const p = runtimePaths(options.root || cacheRoot());
	if (isRuntimeInstalled(p.root)) return p;
	const started = Date.now();
	await withLock(p, log, async () => {
		// Re-check under the lock: another process may have finished meanwhile.
		if (nodeInstalled(p) && n8nInstalled(p)) return;
		log(`installing the real-n8n runtime into ${p.root}`);
		checkRegistry(p, log);
		if (nodeInstalled(p)) log(`- node ${NODE_MAJOR}: already installed (${p.nodeBin})`);
		else await installNode(p, log);
		if (!fs.existsSync(path.join(p.nodeDir, 'status'))) fs.writeFileSync(path.join(p.nodeDir, 'status'), `${DONE}\n`);
		if (n8nInstalled(p)) log(`- n8n ${N8N_VERSION}: already installed`);
		else await installN8n(p, log);
		fs.rmSync(path.join(p.root, 'npm-cache'), { recursive: true, force: true });
		log(`runtime ready in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return p;
}

module.exports = { ensureRuntime, runtimePaths, isRuntimeInstalled, cacheRoot, N8N_VERSION, NODE_MAJOR };

if (require.main === module) {
	const p = runtimePaths();
	if (process.argv.includes('--check')) {
		const ok = isRuntimeInstalled(p.root);
		console.log(ok ? `installed: ${p.root}` : `not installed: ${p.root}`);
		process.exit(ok ? 0 : 1);
	}
	ensureRuntime()
		.then((r) => {
			console.log(`node: ${r.nodeBin}\nn8n:  ${r.n8nBin}`);
		})
		.catch((error) => {
			console.error(`[runtime] ${error instanceof Error ? error.message : String(error)}`);
			process.exit(1);
		});
}
