#!/usr/bin/env node
// `npm test`: builds the package (the end-to-end suite loads dist/ into real n8n), runs every jest
// suite, and ends with the one line CI reads: `N passed, N failed`.
// Extra arguments go to jest (`npm test -- test/unit`); `--no-build` skips the build.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const jestArgs = args.filter((a) => a !== '--no-build');

function run(command, commandArgs) {
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env });
	return result.status === null ? 1 : result.status;
}

if (!skipBuild) {
	const status = run('npm', ['run', '--silent', 'build']);
	if (status !== 0) {
		console.log('build failed: no test ran');
		console.log('0 passed, 1 failed');
		process.exit(status);
	}
}

const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-jest-')), 'results.json');
const jestBin = require.resolve('jest/bin/jest');
const status = run(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...jestArgs]);

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
	passed = results.numPassedTests;
	// A suite that failed to load has no failed test of its own: count it, so it cannot pass silently.
	failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
	if (results.numTotalTests === 0) failed += 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
