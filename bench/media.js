// @ts-check
// Send Media of a 20 MB file in real n8n (`--only media`): `n8n execute` runs Read/Write Files from Disk into
// WhatsApp Gateway Send Media (Cloud API: multipart upload to the sandbox, then the send by id), in n8n's
// filesystem binary mode (2.x's default) and in its in-memory mode (`default`), beside a 1 KB file in
// filesystem mode as the baseline. Figures: peak RSS of the n8n process tree, the Send Media node's own time, the execute's wall time,
// and whether the sandbox got the file byte for byte.
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { executeWorkflow, importWorkflows, nodeItems } = require('../scripts/lib/n8nCli');
const { startRssSampler } = require('./rss');
const { fmt } = require('./stats');

const MB = 2 ** 20;
const PKG = 'n8n-nodes-whatsapp-gateway';
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

function mediaWorkflow(id, file, pid, credential) {
	return {
		id,
		name: `bench ${id}`,
		active: false,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-read`, name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [240, 0], parameters: { operation: 'read', fileSelector: file, options: {} } },
			{
				id: `${id}-send`,
				name: 'Send Media',
				type: `${PKG}.whatsAppGateway`,
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					provider: 'cloud',
					resource: 'message',
					operation: 'sendMedia',
					instanceId: { __rl: true, mode: 'id', value: pid },
					to: '+1 650 555 1234',
					mediaType: 'document',
					mediaSource: 'binary',
					binaryPropertyName: 'data',
					options: {},
				},
				credentials: { whatsAppGatewayCloudApi: credential },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Read File', type: 'main', index: 0 }]] },
			'Read File': { main: [[{ node: 'Send Media', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * @param {{ cli: any, sb: any, userFolder: string, credential: { id: string, name: string }, runs: number,
 *   say: (m: string) => void, interrupted: () => boolean, sizeMb?: number }} env `sizeMb`: the large file (20)
 */
async function runMediaBench(env) {
	const dir = path.join(env.userFolder, 'bench-files');
	fs.mkdirSync(dir, { recursive: true });
	const files = {
		large: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes((env.sizeMb ?? 20) * MB - 9)]),
		small: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1024 - 9)]),
	};
	for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.pdf`), bytes);
	const pid = env.sb.ids.cloudPhoneNumberIds[0];
	const cases = [
		{ id: 'benchMediaFs20', label: `${env.sizeMb ?? 20} MB, filesystem mode`, file: 'large', mode: 'filesystem' },
		{ id: 'benchMediaMem20', label: `${env.sizeMb ?? 20} MB, in-memory mode`, file: 'large', mode: 'default' },
		{ id: 'benchMediaFs1k', label: '1 KB, filesystem mode (baseline)', file: 'small', mode: 'filesystem' },
	];
	await importWorkflows(env.cli, cases.map((c) => mediaWorkflow(c.id, path.join(dir, `${c.file}.pdf`), pid, env.credential)));
	/** @type {any[]} */
	const rows = [];
	for (let run = 1; run <= env.runs && !env.interrupted(); run++) {
		for (const c of cases) {
			if (env.interrupted()) break;
			env.sb.reset();
			// n8n 2.x stores binary data on disk unless told `default` (in memory, base64 in the item).
			const extraEnv = { ...env.cli.extraEnv, N8N_RESTRICT_FILE_ACCESS_TO: dir, N8N_DEFAULT_BINARY_DATA_MODE: c.mode };
			const sampler = startRssSampler(50);
			const started = Date.now();
			const r = await executeWorkflow({ ...env.cli, extraEnv }, c.id);
			const executeMs = Date.now() - started;
			const peakRssBytes = sampler.stop();
			const task = r.execution?.data?.resultData?.runData?.['Send Media']?.[0];
			const uploaded = Object.values(env.sb.state.cloud.media).filter((m) => m.source === 'upload');
			const sent = nodeItems(r.execution, 'Send Media')?.[0];
			const row = {
				run,
				case: c.id,
				label: c.label,
				bytes: files[c.file].length,
				peakRssBytes,
				nodeMs: typeof task?.executionTime === 'number' ? task.executionTime : NaN,
				executeMs,
				// The sandbox says what arrived: n8n execute's printed result can be cut short when it holds the
				// file's base64 (in-memory mode), so the node's own time may be missing then.
				intact:
					uploaded.length === 1 &&
					uploaded[0].sha256 === sha256(files[c.file]) &&
					env.sb.state.cloud.sent.length === 1 &&
					(sent === undefined || sent.status === 'sent'),
				error:
					r.code !== 0
						? `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300)}`
						: !r.execution
							? `n8n execute's printed result was cut short (${r.stdout.length} characters of output, the item's base64 among them): no node time`
							: (task?.error?.message ?? undefined),
			};
			rows.push(row);
			env.say(`media run ${run} ${c.label}: node ${row.nodeMs} ms, execute ${(executeMs / 1000).toFixed(1)} s, peak RSS ${(peakRssBytes / MB).toFixed(0)} MB, intact ${row.intact}${row.error ? `, ${row.error}` : ''}`);
		}
	}
	return { sizeMb: env.sizeMb ?? 20, rows };
}

/** The results.md section for `results.media`. */
function renderMedia(media) {
	const labels = [...new Set(media.rows.map((r) => r.label))];
	const of = (label, key) => media.rows.filter((r) => r.label === label).map((r) => r[key]);
	const mb = (label) => of(label, 'peakRssBytes').map((b) => b / MB);
	const table = [
		'| File | Send Media node (ms) | `n8n execute` (s) | Peak RSS of n8n (MB) | Arrived byte for byte |',
		'|---|---|---|---|---|',
		...labels.map((l) => {
			const intact = of(l, 'intact');
			const arrived = intact.every(Boolean) ? 'yes' : `**${intact.filter(Boolean).length} of ${intact.length} runs**`;
			return `| ${l} | ${fmt(of(l, 'nodeMs'))} | ${fmt(of(l, 'executeMs').map((x) => x / 1000), 1)} | ${fmt(mb(l))} | ${arrived} |`;
		}),
		...media.rows.filter((r) => r.error).map((r) => `\nRun ${r.run}, ${r.label}: ${r.error}`),
	];
	return [
		`## Send Media: a ${media.sizeMb ?? 20} MB file (\`--only media\`)`,
		'',
		'`bench/media.js`: `n8n execute` runs Read/Write Files from Disk → WhatsApp Gateway *Send Media* (Cloud API: multipart upload to the sandbox, then the send by media id). Peak RSS is the whole n8n process tree (n8n alone takes several hundred MB to boot); the 1 KB row is that baseline, so the difference is what the file costs. "Arrived byte for byte": the sandbox got one upload with the file\'s sha256 and one send.' +
			(media.measured ? ` Measured on ${media.measured.date} (load average at start ${media.measured.load.map((x) => x.toFixed(2)).join(' / ')}), in a run of its own.` : ''),
		'',
		...table,
		'',
	];
}

/** The results.md section of bench/mediaReceive.js. */
function renderMediaReceive(result) {
	const { rows, runs, sizeMb } = result;
	const labels = [...new Set(rows.map((r) => r.label))];
	const of = (label, key) => rows.filter((r) => r.label === label).map((r) => r[key]);
	const load = result.loadAtEnd.map((x) => x.toFixed(2)).join(' / ');
	return [
		`## Receiving a ${sizeMb} MB file (\`--only media\`, bench/mediaReceive.js)`,
		'',
		`A published WhatsApp Gateway Trigger (WSAPI, *Download Media* on, n8n 2.41.1 in its filesystem binary mode, an n8n and a sandbox of its own) gets a signed media event from the sandbox, which then serves the file; the trigger answers first and downloads after. "Answered": the provider's HTTP answer; "stored": until n8n had stored the execution with the file; peak RSS of n8n's process tree during the delivery. Median of ${runs} runs with min–max, measured on ${result.measuredAt} (load average at the end ${load}).`,
		'',
		'| File | Provider answered (ms) | Execution stored (ms) | Peak RSS of n8n (MB) | Stored byte for byte |',
		'|---|---|---|---|---|',
		...labels.map((l) => {
			const ok = of(l, 'intact');
			return `| ${l} | ${fmt(of(l, 'answeredMs'))} | ${fmt(of(l, 'storedMs'))} | ${fmt(of(l, 'peakRssBytes').map((b) => b / MB))} | ${ok.every(Boolean) ? 'yes' : `**${ok.filter(Boolean).length} of ${ok.length}**`} |`;
		}),
		'',
	];
}

module.exports = { runMediaBench, renderMedia, renderMediaReceive };
