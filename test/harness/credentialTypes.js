// @ts-check
// Credential types by name: ours from credentials/*.credentials.ts (loaded on first use, like n8n loads
// the package's `n8n.credentials` list) plus fixture credential types a test registers.
const fs = require('node:fs');
const path = require('node:path');

const CREDENTIALS_DIR = path.join(__dirname, '..', '..', 'credentials');

/** @type {Record<string, any> | undefined} */
let ours;
/** @type {Record<string, any>} */
const fixtures = {};

function loadOurs() {
	if (ours) return ours;
	/** @type {Record<string, any>} */
	const found = {};
	const files = fs.existsSync(CREDENTIALS_DIR) ? fs.readdirSync(CREDENTIALS_DIR) : [];
	for (const file of files.filter((f) => f.endsWith('.credentials.ts'))) {
		const mod = require(path.join(CREDENTIALS_DIR, file));
		for (const Exported of Object.values(mod)) {
			if (typeof Exported !== 'function') continue;
			const instance = new Exported();
			if (typeof instance.name === 'string' && Array.isArray(instance.properties)) found[instance.name] = instance;
		}
	}
	ours = found;
	return ours;
}

/** @param {string} name */
function getCredentialType(name) {
	const type = fixtures[name] ?? loadOurs()[name];
	if (!type) throw new Error(`harness: unknown credential type "${name}"`);
	return type;
}

/** A fixture credential type (a test's own, e.g. to exercise the harness itself). */
function registerCredentialType(instance) {
	fixtures[instance.name] = instance;
}

function knownCredentialTypes() {
	return [...Object.keys(loadOurs()), ...Object.keys(fixtures)];
}

module.exports = { getCredentialType, registerCredentialType, knownCredentialTypes };
