// @ts-check
// Real n8n made ready the way every suite and bench that runs it starts: the runtime, a temporary user folder
// with the package installed as npm would install it, credentials and workflows imported, free ports; then, on
// demand, `n8n start` on that folder with an instance owner and a REST session logged in as that owner.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime } = require('../runtime');
const { installPackage } = require('./installPackage');
const cli = require('./n8nCli');
const { startN8n } = require('./n8nServer');
const { freePort } = require('./ports');
const { makeOwner, restSession } = require('./owner');

/**
 * @param {{
 *   prefix: string,
 *   credentials: object[],
 *   workflows: object[],
 *   extraEnv?: Record<string, string>,
 *   log?: (m: string) => void,
 *   beforeImport?: (userFolder: string) => void,
 * }} spec  prefix: the temporary folder's name start; beforeImport: more to install beside the package
 */
async function prepareN8n(spec) {
	const log = spec.log ?? ((m) => process.stdout.write(`${m}\n`));
	const runtime = await ensureRuntime({ log: (m) => log(`[runtime] ${m}`) });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), spec.prefix));
	/** @type {import('./n8nCli').CliOptions} what the n8n CLI calls take */
	const o = { runtime, userFolder, port: await freePort(), brokerPort: await freePort(), extraEnv: spec.extraEnv };
	try {
		installPackage(userFolder);
		spec.beforeImport?.(userFolder);
		await cli.importCredentials(o, spec.credentials);
		await cli.importWorkflows(o, spec.workflows);
	} catch (error) {
		fs.rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
	/** @type {ReturnType<typeof startN8n> | null} */
	let server = null;
	const logFile = path.join(userFolder, 'n8n.log');
	return {
		runtime,
		userFolder,
		o,
		logFile,
		/** `n8n start` on the folder; resolves once it serves. Its own task-broker port, so CLI calls can run beside it. */
		async start() {
			const owner = makeOwner(runtime);
			const brokerPort = await freePort();
			server = startN8n({ runtime, userFolder, port: o.port, brokerPort, owner, logFile, extraEnv: spec.extraEnv });
			await server.waitReady();
			return { server, owner, rest: await restSession(server.url, owner) };
		},
		/** Stops the server if it was started, and removes the folder unless `keep`. */
		async stop(keep = false) {
			if (server) await server.stop();
			server = null;
			if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Where n8n in filesystem binary mode keeps a stored file: its binary data id, without the mode prefix, under storage/. */
function storedBinaryFile(userFolder, binaryId) {
	return path.join(userFolder, '.n8n', 'storage', binaryId.replace(/^filesystem(-v2)?:/, ''));
}

module.exports = { prepareN8n, storedBinaryFile };
