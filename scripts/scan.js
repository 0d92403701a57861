#!/usr/bin/env node
// @ts-check
// n8n's community-package verification, run the way n8n runs it (@n8n/scan-community-package): its lint of
// the source (package.json, nodes/**, credentials/**) and of the package as npm publishes it (`npm pack`,
// unpacked: **/*.js and package.json). Part of `npm run lint`; builds dist/ first if it is missing.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

function run(command, args, cwd = root) {
	const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
	return r.stdout;
}

function report(leg, result) {
	if (result.passed) {
		console.log(`scan (${leg}): passed`);
		return true;
	}
	console.log(`scan (${leg}): FAILED: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

async function main() {
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	if (!fs.existsSync(path.join(root, 'dist'))) run('npm', ['run', '--silent', 'build']);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-scan-'));
	try {
		const source = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
		const tarball = run('npm', ['pack', '--silent', '--pack-destination', work]).trim().split('\n').pop() ?? '';
		run('tar', ['-xzf', path.join(work, tarball), '-C', work]);
		const published = await scanner.analyzePackage(path.join(work, 'package'), ['**/*.js', 'package.json']);
		const ok = [report('source', source), report('published package', published)].every(Boolean);
		process.exitCode = ok ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
