// @ts-check
// `npm start -- --queue`: the demo in n8n's queue mode on this machine, with the queue-mode suite's own library
// (queueCluster.js): Redis and PostgreSQL of its own on free ports (the machine's servers are not touched), a main
// process (editor and REST API), one webhook process (production webhooks), two workers, the provider sandbox, the
// demo credentials and the example workflows, activated through main. Everything lives in a temporary folder,
// removed on Ctrl-C together with every process it started.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime } = require('../runtime');
const { repoRoot } = require('./installPackage');
const { startQueueCluster, missingQueueServices, INSTALL_HINT } = require('./queueCluster');
const { makeOwner, restSession } = require('./owner');
const { waitFor } = require('./waitFor');
const { portIsFree } = require('./ports');
const { demoCredentials, loadExamples, isWebhookTriggered } = require('./demoData');

const say = (m) => console.log(`[start --queue] ${m}`);

/** Why the demo cannot run here, in words for the user; null when Redis and PostgreSQL are installed. */
function whatIsMissing() {
	const missing = missingQueueServices();
	if (missing.length === 0) return null;
	return [
		`queue mode needs Redis (the job queue) and PostgreSQL (n8n's database); not found: ${missing.join(', ')}.`,
		`Install them with \`${INSTALL_HINT}\` (Debian/Ubuntu). n8n supports PostgreSQL 16 and newer; Debian 12's 15 runs with a warning.`,
		'The demo starts its own Redis and PostgreSQL on free ports in a temporary folder; servers already',
		'running on this machine are not used or changed, and no service needs to be enabled.',
	].join('\n');
}

/** @param {{ n8nPort: number, sandboxPort: number }} o */
async function runQueueDemo(o) {
	const problem = whatIsMissing();
	if (problem) {
		console.error(`[start --queue] ${problem}`);
		process.exit(1);
	}
	const webhookPort = o.n8nPort + 2;
	for (const [port, what] of [[o.n8nPort, 'n8n main'], [webhookPort, 'the n8n webhook process']]) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} (${what}) is in use; choose others with N8N_DEMO_PORT (main uses it, the webhook process the one 2 above)`);
	}
	const runtime = await ensureRuntime();
	const { startSandbox } = require(path.join(repoRoot, 'test', 'sandbox'));
	const { portsFromEnv } = require('../sandbox');
	const sandbox = await startSandbox({ ports: portsFromEnv({ SANDBOX_PORT: String(o.sandboxPort) }) });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-queue-demo-'));
	/** @type {any} */
	let cluster = null;
	let stopping = false;
	async function shutdown(code) {
		if (stopping) return;
		stopping = true;
		say('stopping the workers, the webhook process, main, Redis, PostgreSQL and the sandbox ...');
		try {
			if (cluster) await cluster.stop();
		} finally {
			await sandbox.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
		say('stopped');
		process.exit(code);
	}
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		const owner = makeOwner(runtime, { email: 'demo@example.com' });
		const examples = loadExamples();
		say(`starting Redis, PostgreSQL and n8n in queue mode (logs in ${dir}) ...`);
		cluster = await startQueueCluster({
			runtime,
			dir,
			webhooks: 1,
			workers: 2,
			mainPort: o.n8nPort,
			webhookPort,
			owner,
			credentials: demoCredentials(sandbox),
			workflows: examples.map((e) => e.workflow),
			log: say,
		});
		const rest = await restSession(cluster.main.url, owner);
		for (const { workflow } of examples.filter((e) => isWebhookTriggered(e.workflow))) await rest.activate(workflow.id);
		const webhook = cluster.webhooks[0];
		const crispTrigger = examples
			.find((e) => e.workflow.id === 'waExampleCrispResult')
			?.workflow.nodes.find((n) => n.type.endsWith('.whatsAppGatewayTrigger'));
		if (crispTrigger) {
			sandbox.configure('crisp', { callbackUrl: `${webhook.url}/webhook/${crispTrigger.webhookId}/webhook?token=${crispTrigger.parameters.webhookToken}` });
		}
		const autoReplyUrl = await waitFor(
			() => sandbox.state.waapi.instances.find((i) => String(i.id) === '101')?.subscriptions.find((s) => s.url.startsWith(cluster.webhookUrl))?.url,
			30_000,
		);
		console.log(
			[
				'',
				`  n8n (queue mode) is running: editor and API on main ${cluster.main.url}/`,
				`  log in as:       ${owner.email}`,
				`  password:        ${owner.password}`,
				`  webhook process: ${webhook.url}/webhook/...  (N8N_WEBHOOK_URL: where the providers deliver)`,
				`  workers:         ${cluster.workers.map((w) => w.name).join(', ')} run every production execution`,
				`  Redis ${cluster.redis.port}, PostgreSQL ${cluster.postgres.major} ${cluster.postgres.port}, logs: ${dir}`,
				'',
				'  Try it: an incoming WhatsApp message for the auto-reply workflow, through the webhook process, run by a worker:',
				`      curl -s -X POST ${sandbox.urls.control}/events/waapi/message -H 'content-type: application/json' \\`,
				`        -d '{"url":"${autoReplyUrl ?? '<production URL>?token=...'}","instanceId":"101","from":"+49 151 2345 6781","text":"Where is my order?"}'`,
				'  Its execution shows in the editor; the worker that ran it logs "Worker finished execution <id>".',
				'',
				'  Ctrl-C stops everything started here.',
				'',
			].join('\n'),
		);
		for (const p of [cluster.main, ...cluster.webhooks, ...cluster.workers]) {
			void p.server.exited.then((code) => {
				if (!stopping) {
					say(`${p.name} exited unexpectedly (code ${code}); see ${p.logFile}`);
					void shutdown(1);
				}
			});
		}
	} catch (error) {
		console.error(`[start --queue] ${error instanceof Error ? error.message : String(error)}`);
		await shutdown(1);
	}
}

module.exports = { runQueueDemo, whatIsMissing };
