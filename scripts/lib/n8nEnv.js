// @ts-check
// The environment every n8n process of ours runs with (server and CLI alike): one user folder, loopback only,
// no telemetry, no outside calls, and the modules nobody here uses switched off (faster, less memory).
const path = require('node:path');

const DISABLED_MODULES = [
	'insights', 'chat-hub', 'workflow-builder', 'instance-ai', 'agents', 'mcp', 'mcp-registry', 'quick-connect',
	'oauth-server', 'favorites', 'n8n-packages', 'otel', 'workflow-reviews', 'sso-oidc', 'sso-saml', 'ldap',
	'log-streaming', 'source-control', 'external-secrets', 'provisioning',
].join(',');

/**
 * @param {{ userFolder: string, port?: number, brokerPort?: number, encryptionKey?: string,
 *   owner?: { email: string, firstName: string, lastName: string, passwordHash: string },
 *   nodeBin?: string, extra?: Record<string, string> }} o
 */
function n8nEnv(o) {
	const port = o.port ?? 5678;
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env };
	// Whatever the caller's shell had for n8n must not leak into our instance.
	for (const key of Object.keys(env)) if (key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
	// Under jest NODE_ENV is "test", which makes n8n skip community packages and silence its logger.
	delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	Object.assign(env, {
		N8N_USER_FOLDER: o.userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort ?? port + 1),
		N8N_DISABLED_MODULES: DISABLED_MODULES,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
	});
	if (o.encryptionKey) env.N8N_ENCRYPTION_KEY = o.encryptionKey;
	if (o.owner) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: o.owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: o.owner.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: o.owner.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: o.owner.passwordHash,
		});
	}
	// The task runner n8n spawns must find node 24 too.
	if (o.nodeBin) env.PATH = `${path.dirname(o.nodeBin)}${path.delimiter}${env.PATH || ''}`;
	return Object.assign(env, o.extra || {});
}

module.exports = { n8nEnv };
