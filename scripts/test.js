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

// One folder for what this run's test processes write (n8n-core's user folder, binary data, jest's results),
// removed at the end: every test file would otherwise leave its own behind in the system's temporary folder.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-run-'));
const env = { ...process.env, WA_TEST_TMP: runDir };

function run(command, commandArgs) {
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
	return result.status === null ? 1 : result.status;
}

if (!skipBuild) {
	const status = run('npm', ['run', '--silent', 'build']);
	if (status !== 0) {
		fs.rmSync(runDir, { recursive: true, force: true });
		console.log('build failed: no test ran');
		console.log('0 passed, 1 failed');
		process.exit(status);
	}
}

// Suites that start real n8n (or several) run one at a time after the others: beside the CPU-bound property
// and fault suites they would starve them on a 2-core machine. Explicit arguments run as given, in one pass.
const HEAVY = ['test/e2e', 'test/browser', 'test/queue'];
const jestBin = require.resolve('jest/bin/jest');
const resultsDir = path.join(runDir, 'jest');
fs.mkdirSync(resultsDir);
const passes =
	jestArgs.length > 0
		? [jestArgs]
		: [
				['--testPathIgnorePatterns', ...HEAVY.map((dir) => `<rootDir>/${dir}/`)],
				['--runInBand', ...HEAVY],
			];

let passed = 0;
let failed = 0;
let anyStatus = 0;
passes.forEach((passArgs, index) => {
	const resultsFile = path.join(resultsDir, `results-${index}.json`);
	const status = run(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...passArgs]);
	if (status !== 0) anyStatus = status;
	if (!fs.existsSync(resultsFile)) {
		failed += 1;
		return;
	}
	const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
	passed += results.numPassedTests;
	// A suite that failed to load has no failed test of its own: count it, so it cannot pass silently.
	failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
	if (results.numTotalTests === 0) failed += 1;
});
if (anyStatus !== 0 && failed === 0) failed = 1;
fs.rmSync(runDir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
