// @ts-check
// Everything the browser suite drives, started once: the provider sandbox, an n8n user folder with the package
// installed as npm would (plus the editor-probe fixture package), the demo credentials and the example workflows
// imported as `npm start` does, and `n8n start` with an env-managed owner.
const fs = require('node:fs');
const path = require('node:path');
const { prepareN8n } = require('../../scripts/lib/n8nFolder');
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
	const sb = await startSandbox();
	const examples = loadExamples();
	/** @type {Awaited<ReturnType<typeof prepareN8n>> | null} */
	let n8n = null;
	async function stop() {
		if (n8n) await n8n.stop(Boolean(process.env.WA_BROWSER_KEEP));
		await sb.close();
	}
	try {
		n8n = await prepareN8n({
			prefix: 'wa-gateway-browser-',
			credentials: demoCredentials(sb),
			workflows: [...examples.map((e) => e.workflow), ...(o.workflows || [])],
			beforeImport: installFixture,
			log,
		});
		const { server, owner } = await n8n.start();
		return { url: server.url, owner, sb, userFolder: n8n.userFolder, logFile: n8n.logFile, examples, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, FIXTURE_NAME };
