// @ts-check
// The instance owner, managed by environment variables (N8N_INSTANCE_OWNER_*), and a small client of n8n's own
// REST API logged in as that owner (activation/deactivation run the trigger's webhook hooks for real).
const path = require('node:path');
const crypto = require('node:crypto');

/**
 * @param {{ n8nModules: string }} runtime
 * @param {{ email?: string, password?: string }} [o]
 */
function makeOwner(runtime, o = {}) {
	// n8n's own bcryptjs, so the hash is exactly what n8n checks.
	const bcrypt = require(path.join(runtime.n8nModules, 'bcryptjs'));
	const email = o.email || 'owner@example.com';
	const password = o.password || `Demo-${crypto.randomBytes(6).toString('hex')}`;
	return {
		email,
		password,
		firstName: 'Demo',
		lastName: 'Owner',
		passwordHash: bcrypt.hashSync(password, 10),
	};
}

/** @param {string} baseUrl e.g. http://127.0.0.1:5678 @param {{ email: string, password: string }} owner */
async function restSession(baseUrl, owner) {
	const browserId = crypto.randomUUID();
	const login = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (login.status !== 200) throw new Error(`n8n login failed: HTTP ${login.status} ${await login.text()}`);
	const cookie = (login.headers.getSetCookie?.() || [])
		.map((c) => c.split(';')[0])
		.filter((c) => c.startsWith('n8n-auth='))
		.join('; ');
	if (!cookie) throw new Error('n8n login returned no n8n-auth cookie');

	async function call(method, route, body) {
		const res = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: { cookie, 'browser-id': browserId, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status >= 400) throw new Error(`n8n ${method} /rest${route}: HTTP ${res.status} ${text}`);
		const parsed = text ? JSON.parse(text) : null;
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	return {
		call,
		getWorkflow: (id) => call('GET', `/workflows/${id}`),
		async activate(id) {
			const wf = await call('GET', `/workflows/${id}`);
			return call('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		},
		deactivate: (id) => call('POST', `/workflows/${id}/deactivate`, {}),
	};
}

module.exports = { makeOwner, restSession };
