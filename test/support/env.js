// n8n-core writes `<N8N_USER_FOLDER>/.n8n/config` when loaded: give every test file a throwaway folder
// instead of the user's home. Runs before any test module is required.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('wa-gateway-test-')) {
	// Under `npm test`, inside the run's folder that scripts/test.js removes at the end.
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(process.env.WA_TEST_TMP || os.tmpdir(), 'wa-gateway-test-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
