// @ts-check
// Everything the browser suite drives, started once: the provider sandbox, an n8n user folder with the package
// installed as npm would (plus the editor-probe fixture package), the demo credentials and the example workflows
// imported as `npm start` does, and `n8n start` with an env-managed owner.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime } = require('../../scripts/runtime');
const { installPackage } = require('../../scripts/lib/installPackage');
const cli = require('../../scripts/lib/n8nCli');
const { startN8n } = require('../../scripts/lib/n8nServer');
const { freePort } = require('../../scripts/lib/ports');
const { makeOwner } = require('../../scripts/lib/owner');
const { demoCredentials, loadExamples } = require('../../scripts/lib/demoData');
const { startSandbox } = require('../sandbox');

const FIXTURE_DIR = path.join(__dirname, 'fixture-package');
const FIXTURE_NAME = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'package.json'), 'utf8')).name;

/** Adds the fixture package beside ours in `.n8n/nodes` (copied, and named in the folder's manifest). */
function installFixture(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', FIXTURE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.cpSync(FIXTURE_DIR, target, { recursive: true });
	const manifestFile = path.join(nodesDir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	manifest.dependencies[FIXTURE_NAME] = '0.0.1';
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}

/** @param {{ log?: (m: string) => void, workflows?: object[] }} [o] */
async function startStack(o = {}) {
	const log = o.log || (() => {});
	const runtime = await ensureRuntime({ log: (m) => log(`[runtime] ${m}`) });
	const sb = await startSandbox();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-browser-'));
	const port = await freePort();
	const brokerPort = await freePort();
	const cliOptions = { runtime, userFolder, port, brokerPort };
	/** @type {ReturnType<typeof startN8n> | null} */
	let server = null;
	async function stop() {
		if (server) await server.stop();
		await sb.close();
		if (!process.env.WA_BROWSER_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	}
	try {
		installPackage(userFolder);
		installFixture(userFolder);
		await cli.importCredentials(cliOptions, demoCredentials(sb));
		const examples = loadExamples();
		await cli.importWorkflows(cliOptions, [...examples.map((e) => e.workflow), ...(o.workflows || [])]);
		const owner = makeOwner(runtime);
		const logFile = path.join(userFolder, 'n8n.log');
		server = startN8n({ runtime, userFolder, port, brokerPort: await freePort(), owner, logFile });
		await server.waitReady();
		return { url: server.url, owner, sb, userFolder, logFile, examples, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, FIXTURE_NAME };
