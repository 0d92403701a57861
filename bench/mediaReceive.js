#!/usr/bin/env node
// @ts-check
// Receiving a 20 MB file in real n8n: a published WSAPI trigger with Download Media (n8n's filesystem binary
// mode) gets media events from the sandbox, beside a 1 KB file as the baseline. Figures per delivery: how soon
// the provider was answered, how soon n8n had stored the execution, and the peak RSS of n8n's process tree
// while it ran; and whether the stored file is the served one, byte for byte. Part of `npm run bench -- --only
// media`; alone it prints its results.md section:
//   node bench/mediaReceive.js [--runs N] [--mb M]   (after npm run build)
const fs = require('node:fs');
const os = require('node:os');
const { createHash } = require('node:crypto');
const { prepareN8n, storedBinaryFile } = require('../scripts/lib/n8nFolder');
const { lastExecutionId, waitForExecutions } = require('../scripts/lib/executions');
const { demoCredentials } = require('../scripts/lib/demoData');
const { waitFor } = require('../scripts/lib/waitFor');
const { startSandbox } = require('../test/sandbox');
const { triggerWorkflow } = require('../test/e2e/workflows');
const { startRssSampler } = require('./rss');
const { renderMediaReceive } = require('./media');

const MB = 1024 * 1024;
const WEBHOOK_ID = '00000000-be1c-4000-8000-0000000000d2';
const sha = (b) => createHash('sha256').update(b).digest('hex');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(name);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/**
 * Runs the deliveries in an n8n and a sandbox of its own.
 * @param {{ runs: number, sizeMb: number, say: (m: string) => void }} env
 */
async function runMediaReceiveBench({ runs, sizeMb, say }) {
	const sb = await startSandbox();
	/** @type {Awaited<ReturnType<typeof prepareN8n>> | null} */
	let n8n = null;
	try {
		const workflow = triggerWorkflow(
			'benchReceive',
			WEBHOOK_ID,
			{
				provider: 'wsapi',
				instanceId: { __rl: true, mode: 'id', value: '' },
				events: ['message.received'],
				options: { overwriteExistingWebhook: true, downloadMedia: true, maxMediaSizeMb: sizeMb + 5 },
			},
			'wsApiApi',
		);
		n8n = await prepareN8n({
			prefix: 'wa-gateway-bench-receive-',
			credentials: demoCredentials(sb),
			workflows: [workflow],
			extraEnv: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
			log: say,
		});
		const { o, userFolder } = n8n;
		const { server, rest } = await n8n.start();
		await rest.activate(workflow.id);
		const main = () => sb.state.wsapi.instances.find((i) => i.id === sb.ids.wsapiInstanceId);
		await waitFor(() => String(main().webhookUrl).startsWith(`${server.url}/webhook/${WEBHOOK_ID}/`), 30_000);

		const cases = [
			{ label: `${sizeMb} MB document`, size: sizeMb * MB },
			{ label: '1 KB document (baseline)', size: 1024 },
		];
		// One delivery before measuring, so that n8n's first-call costs are not in a row.
		await sb.deliverEvent('wsapi', 'media', { mediaType: 'document', mimeType: 'application/pdf', filename: 'warm.pdf', size: 1024 });
		await waitForExecutions(o, { workflowId: workflow.id }, 1, 60_000);
		/** @type {any[]} */
		const rows = [];
		for (let run = 1; run <= runs; run++) {
			for (const c of cases) {
				const after = await lastExecutionId(o);
				const sampler = startRssSampler(50);
				const started = Date.now();
				const r = await sb.deliverEvent('wsapi', 'media', { mediaType: 'document', mimeType: 'application/pdf', filename: 'report.pdf', size: c.size });
				const answeredMs = Date.now() - started;
				const [execution] = await waitForExecutions(o, { workflowId: workflow.id, afterId: after }, 1, 120_000);
				const storedMs = new Date(execution.stoppedAt).getTime() - started;
				const peakRssBytes = sampler.stop();
				const item = execution.data.resultData.runData.Trigger[0].data.main[0][0];
				const served = Object.values(sb.state.inboundMedia.wsapi).at(-1);
				const file = item.binary?.data?.id
					? storedBinaryFile(userFolder, item.binary.data.id)
					: null;
				const intact = r.deliveries[0]?.status === 200 && file !== null && sha(fs.readFileSync(file)) === served.sha256;
				rows.push({ run, label: c.label, answeredMs, storedMs, peakRssBytes, intact });
				say(`receive run ${run} ${c.label}: answered ${answeredMs} ms, stored after ${storedMs} ms, peak RSS ${(peakRssBytes / MB).toFixed(0)} MB, intact ${intact}`);
			}
		}
		return { runs, sizeMb, rows, measuredAt: new Date().toISOString(), loadAtEnd: os.loadavg() };
	} finally {
		if (n8n) await n8n.stop();
		await sb.close();
	}
}

async function main() {
	const result = await runMediaReceiveBench({
		runs: arg('--runs', 3),
		sizeMb: arg('--mb', 20),
		say: (m) => process.stderr.write(`${m}\n`),
	});
	process.stdout.write(`${renderMediaReceive(result).join('\n')}\n`);
}

module.exports = { runMediaReceiveBench };

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	});
}
