// One temporary folder for what a jest run's test files write (n8n-core's user folder, binary data), removed
// when the run ends; each test file would otherwise leave its own behind. `npm test` makes the folder itself
// (its results go there too) and removes it; a run of jest alone makes and removes its own here.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const OWNED = 'WA_TEST_TMP_OWNED_BY_JEST';

async function globalSetup() {
	if (process.env.WA_TEST_TMP) return;
	// Workers start after this and inherit the environment.
	process.env.WA_TEST_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-gateway-run-'));
	process.env[OWNED] = '1';
}

async function globalTeardown() {
	if (process.env[OWNED] !== '1' || !process.env.WA_TEST_TMP) return;
	fs.rmSync(process.env.WA_TEST_TMP, { recursive: true, force: true });
}

module.exports = { globalSetup, globalTeardown };
