#!/usr/bin/env node
// `npm run sandbox`: the provider sandbox on its own, for manual tries and for processes that drive it
// through the control endpoint. SANDBOX_PORT=3900 → control 3900, waapi 3901, onPremises 3902, wsapi 3903,
// crisp 3904, cloud 3905; without it every port is random. Stops cleanly on Ctrl-C / SIGTERM.
const { startSandbox, portsFromBase, demoSecrets } = require('../test/sandbox');

function portsFromEnv(env) {
	if (!env.SANDBOX_PORT) return {};
	return portsFromBase(Number(env.SANDBOX_PORT));
}

async function main() {
	const sb = await startSandbox({ ports: portsFromEnv(process.env) });
	const c = sb.credentials;
	const lines = [
		'WhatsApp provider sandbox (demo secrets: not real, safe to print)',
		`  control     ${sb.urls.control}   (POST /configure/{provider}, POST /events/{provider}/{kind}, GET /log, POST /reset, POST /expire-tokens, GET /state, POST /handshake/cloud)`,
		`  WaAPI       ${sb.urls.waapi}   apiToken=${c.waApiApi.apiToken}   instances ${sb.ids.waapiInstances.join(', ')}`,
		`  On-Premises ${sb.urls.onPremises}   username=${c.whatsAppOnPremisesApi.username} password=${c.whatsAppOnPremisesApi.password} apiKey=${c.whatsAppOnPremisesApiKeyApi.apiKey}`,
		`  WSAPI       ${sb.urls.wsapi}   instanceId=${c.wsApiApi.instanceId} apiKey=${c.wsApiApi.apiKey} customerKey=${c.wsApiApi.accountApiKey} adminKey=${c.wsApiApiSelfHosted.accountApiKey} signingSecret=${c.wsApiApi.webhookSigningSecret}`,
		`  Crisp       ${sb.urls.crisp}   identifier=${c.crispWhatsAppApi.identifier} key=${c.crispWhatsAppApi.key} websiteId=${c.crispWhatsAppApi.websiteId}`,
		`  Cloud API   ${sb.urls.cloud}   accessToken=${c.whatsAppGatewayCloudApi.accessToken} businessAccountId=${c.whatsAppGatewayCloudApi.businessAccountId} appSecret=${c.whatsAppGatewayCloudApi.appSecret} appId=${c.whatsAppGatewayCloudApi.appId} noScopeToken=${demoSecrets.cloud.noScopeToken} phone numbers ${sb.ids.cloudPhoneNumberIds.join(', ')} (paths /${c.whatsAppGatewayCloudApi.graphApiVersion}/…)`,
		'Numbers ending in 0 or 5 are not on WhatsApp. Ctrl-C to stop.',
	];
	console.log(lines.join('\n'));

	let closing = false;
	const stop = async (signal) => {
		if (closing) return;
		closing = true;
		console.log(`\n${signal}: closing the sandbox`);
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`sandbox failed to start: ${error.message}`);
		process.exit(1);
	});
}

module.exports = { portsFromEnv };
