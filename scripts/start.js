#!/usr/bin/env node
// @ts-check
// `npm start`: the whole system on this machine, without any WhatsApp account. Builds the package, installs the
// real-n8n runtime if missing, starts the provider sandbox, prepares an n8n user folder (.n8n-demo/) with an
// owner account, the package, demo credentials pointing at the sandbox and the example workflows, then runs n8n
// on http://127.0.0.1:5678. Ctrl-C (or SIGTERM) stops n8n and the sandbox.
//   --no-build   skip `npm run build` (use the dist/ that is there)
//   --queue      n8n in queue mode instead: Redis, PostgreSQL, main, a webhook process, two workers (lib/queueDemo.js)
// Ports: N8N_DEMO_PORT (5678) and SANDBOX_PORT (3900; the providers use the next ports).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { ensureRuntime } = require('./runtime');
const { installPackage, repoRoot } = require('./lib/installPackage');
const { importCredentials, importWorkflows, publishWorkflow } = require('./lib/n8nCli');
const { startN8n } = require('./lib/n8nServer');
const { makeOwner } = require('./lib/owner');
const { waitFor } = require('./lib/waitFor');
const { portIsFree } = require('./lib/ports');
const { demoCredentials, loadExamples, isWebhookTriggered } = require('./lib/demoData');

const userFolder = path.join(repoRoot, '.n8n-demo');
const n8nPort = Number(process.env.N8N_DEMO_PORT || 5678);
const sandboxPort = Number(process.env.SANDBOX_PORT || 3900);

const say = (m) => console.log(`[start] ${m}`);

/** The demo owner's password is made once per demo folder and kept there (the folder is git-ignored). */
function demoOwner(runtime) {
	const file = path.join(userFolder, 'demo-owner.json');
	let saved = null;
	try {
		saved = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		saved = { email: 'demo@example.com', password: `Demo-${crypto.randomBytes(6).toString('hex')}` };
		fs.writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
	}
	return makeOwner(runtime, saved);
}

/** The ports the demo listens on, and what each one is for. */
function demoPorts() {
	const { PROVIDERS } = require(path.join(repoRoot, 'test', 'sandbox'));
	return [
		{ port: n8nPort, what: 'n8n', env: 'N8N_DEMO_PORT' },
		{ port: n8nPort + 1, what: "n8n's task runner broker", env: 'N8N_DEMO_PORT' },
		{ port: n8nPort + 12, what: "n8n's task runner broker for the import commands", env: 'N8N_DEMO_PORT' },
		{ port: sandboxPort, what: "the sandbox's control endpoint", env: 'SANDBOX_PORT' },
		...PROVIDERS.map((/** @type {string} */ p, /** @type {number} */ i) => ({ port: sandboxPort + 1 + i, what: `the sandbox's fake ${p}`, env: 'SANDBOX_PORT' })),
	];
}

/** Stops before anything starts when a port is taken, saying which, by what, and how to pick others. */
async function checkPorts() {
	const busy = [];
	for (const p of demoPorts()) if (!(await portIsFree(p.port))) busy.push(p);
	if (busy.length === 0) return;
	const lines = busy.map((p) => `  port ${p.port} (${p.what}) is in use by another program`);
	throw new Error(
		[
			'cannot start: a port the demo needs is taken.',
			...lines,
			'Stop that program, or choose other ports: N8N_DEMO_PORT moves n8n (it also uses the next port and the one 12 above),',
			`SANDBOX_PORT moves the sandbox (it uses that port and the ${demoPorts().length - 4} after it), e.g.`,
			'  N8N_DEMO_PORT=5700 SANDBOX_PORT=4900 npm start',
		].join('\n'),
	);
}

function build() {
	if (process.argv.includes('--no-build')) return;
	say('building the package (npm run build) ...');
	const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('the build failed (see above)');
}

async function main() {
	if (process.argv.includes('--queue')) {
		const { runQueueDemo, whatIsMissing } = require('./lib/queueDemo');
		// Say what is missing before a build the user would wait for in vain.
		if (!whatIsMissing()) build();
		await runQueueDemo({ n8nPort, sandboxPort });
		return;
	}
	await checkPorts();
	build();
	const runtime = await ensureRuntime();
	fs.mkdirSync(userFolder, { recursive: true });

	const { startSandbox } = require(path.join(repoRoot, 'test', 'sandbox'));
	const { portsFromEnv } = require('./sandbox');
	const sandbox = await startSandbox({ ports: portsFromEnv({ SANDBOX_PORT: String(sandboxPort) }) });
	say(`sandbox: control ${sandbox.urls.control}`);

	/** @type {ReturnType<typeof startN8n> | null} */
	let n8n = null;
	let stopping = false;
	async function shutdown(code) {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the sandbox ...');
		try {
			if (n8n) await n8n.stop();
		} finally {
			await sandbox.close();
		}
		say('stopped');
		process.exit(code);
	}
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		const cli = { runtime, userFolder, port: n8nPort, brokerPort: n8nPort + 12 };
		installPackage(userFolder);
		say('importing the demo credentials and the example workflows ...');
		await importCredentials(cli, demoCredentials(sandbox));
		const examples = loadExamples();
		await importWorkflows(
			cli,
			examples.map((e) => e.workflow),
		);
		for (const { workflow } of examples.filter((e) => isWebhookTriggered(e.workflow))) {
			await publishWorkflow(cli, workflow.id);
		}
		const owner = demoOwner(runtime);
		const logFile = path.join(userFolder, 'n8n.log');
		say(`starting n8n (log: ${path.relative(repoRoot, logFile)}) ...`);
		n8n = startN8n({ runtime, userFolder, port: n8nPort, brokerPort: n8nPort + 1, owner, logFile });
		const current = n8n;
		void current.exited.then((code) => {
			if (!stopping) {
				say(`n8n exited unexpectedly (code ${code}); see ${logFile}`);
				void shutdown(1);
			}
		});
		await current.waitReady();
		// The Crisp plugin's callback URL is set by hand in Crisp: here, in the sandbox, to the example trigger.
		const crispResult = examples.find((e) => e.workflow.id === 'waExampleCrispResult');
		const crispTrigger = crispResult?.workflow.nodes.find((n) => n.type.endsWith('.whatsAppGatewayTrigger'));
		if (crispTrigger) {
			sandbox.configure('crisp', {
				callbackUrl: `${current.url}/webhook/${crispTrigger.webhookId}/webhook?token=${crispTrigger.parameters.webhookToken}`,
			});
		}
		const autoReplyUrl = await waitFor(() => sandbox.state.waapi.instances.find((i) => String(i.id) === '101')?.subscriptions.find((sub) => sub.url.includes('/webhook/'))?.url);
		console.log(
			[
				'',
				`  n8n is running:  ${current.url}/`,
				`  log in as:       ${owner.email}`,
				`  password:        ${owner.password}`,
				'',
				`  sandbox:         ${sandbox.urls.control}  (fake WaAPI, On-Premises, WSAPI, Crisp and Cloud API; the demo credentials point at it)`,
				'  Try it:',
				'  - an incoming WhatsApp message for the published auto-reply workflow (see its execution in n8n):',
				`      curl -s -X POST ${sandbox.urls.control}/events/waapi/message -H 'content-type: application/json' \\`,
				`        -d '{"url":"${autoReplyUrl ?? '<the workflow production URL>?token=...'}","instanceId":"101","from":"+49 151 2345 6781","text":"Where is my order?"}'`,
				'  - an incoming Cloud API message, signed and sent where Meta would send it (the published Cloud reply workflow):',
				`      curl -s -X POST ${sandbox.urls.control}/events/cloud/text -H 'content-type: application/json' -d '{"from":"16505551234","text":"Hi"}'`,
				'  - open "WhatsApp (Crisp): send a template" and run it: the sandbox calls back "template result by requestId".',
				'  - open "WhatsApp: nightly contact check" or "point every instance\'s webhook" and run them.',
				'',
				'  Ctrl-C stops n8n and the sandbox.',
				'',
			].join('\n'),
		);
	} catch (error) {
		console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
		await shutdown(1);
	}
}

main().catch((error) => {
	console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
