// @ts-check
// What `npm start` and the end-to-end suite import into n8n: one credential per credential type, pointing at the
// sandbox, with the ids the example workflows reference, and the example workflows themselves.
const fs = require('node:fs');
const path = require('node:path');

const examplesDir = path.resolve(__dirname, '..', '..', 'examples');

/** Credential type → the id and name the examples reference. */
const DEMO_CREDENTIALS = Object.freeze({
	waApiApi: { id: 'sandboxWaApi', name: 'WaAPI (sandbox)' },
	whatsAppOnPremisesApi: { id: 'sandboxOnPrem', name: 'WhatsApp On-Premises (sandbox)' },
	whatsAppOnPremisesApiKeyApi: { id: 'sandboxOnPremKey', name: 'WhatsApp On-Premises API key (sandbox)' },
	wsApiApi: { id: 'sandboxWsApi', name: 'WSAPI (sandbox)' },
	crispWhatsAppApi: { id: 'sandboxCrisp', name: 'Crisp WhatsApp (sandbox)' },
	whatsAppGatewayCloudApi: { id: 'sandboxCloud', name: 'WhatsApp Cloud API (sandbox)' },
});

/**
 * n8n's import format for the sandbox's ready-made credential data.
 * @param {{ credentials: Record<string, object> }} sandbox
 */
function demoCredentials(sandbox) {
	return Object.entries(DEMO_CREDENTIALS).map(([type, ref]) => {
		const data = sandbox.credentials[type];
		if (!data) throw new Error(`the sandbox has no credential data for ${type}`);
		return { id: ref.id, name: ref.name, type, data };
	});
}

/** `{ <type>: { id, name } }` for a workflow node. */
function credentialRef(type) {
	const ref = DEMO_CREDENTIALS[type];
	if (!ref) throw new Error(`unknown credential type ${type}`);
	return { [type]: { id: ref.id, name: ref.name } };
}

/** Every workflow in examples/ (a file holds one workflow or an array of them), with the file it came from. */
function loadExamples() {
	const workflows = [];
	for (const file of fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort()) {
		const parsed = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));
		for (const wf of Array.isArray(parsed) ? parsed : [parsed]) workflows.push({ file, workflow: wf });
	}
	return workflows;
}

/** True when the workflow starts with a trigger that must be published to listen (webhooks, not manual/schedule). */
function isWebhookTriggered(workflow) {
	return workflow.nodes.some((n) => n.type === 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger');
}

module.exports = { DEMO_CREDENTIALS, demoCredentials, credentialRef, loadExamples, isWebhookTriggered, examplesDir };
