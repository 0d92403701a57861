// @ts-check
// The workflows the bench imports into n8n. Bulk check: Manual Trigger → "Numbers" (Edit Fields, the list as
// JSON) → "Split" (one item per number) → the measured node, either our contact check or n8n's HTTP Request
// node. Trigger throughput: our trigger alone, and n8n's Webhook node alone. Ids stay within 21 characters.

const ACTION = 'n8n-nodes-whatsapp-gateway.whatsAppGateway';
const { triggerWorkflow } = require('../test/e2e/workflows');
const MEASURED = 'Check';

let seq = 0;
const nodeId = () => `00000000-be70-4000-8000-${String(++seq).padStart(12, '0')}`;

/** @param {string} id @param {string[]} numbers @param {object} measured a node without id/name/position */
function bulkWorkflow(id, numbers, measured) {
	const nodes = [
		{
			id: nodeId(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: nodeId(),
			name: 'Numbers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ phone: numbers }), options: {} },
		},
		{
			id: nodeId(),
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'phone', options: {} },
		},
		{ id: nodeId(), name: MEASURED, position: [660, 0], ...measured },
	];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name: `bench ${id}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Our node: contact.check over every item's `phone` (or over a fixed list given as text).
 * @param {import('./profiles').Profile} profile @param {{ id: string, name: string }} credential
 * @param {string} [phoneNumbers] default: the expression `{{ $json.phone }}`, evaluated per item
 */
function oursNode(profile, credential, phoneNumbers = '={{ $json.phone }}') {
	return {
		type: ACTION,
		typeVersion: 1,
		parameters: {
			provider: profile.id,
			resource: 'contact',
			operation: 'check',
			...profile.extraParameters,
			phoneNumbers,
			options: { ...profile.options },
		},
		credentials: { [profile.credentialType]: credential },
	};
}

/**
 * n8n's HTTP Request node, one request per item. `batching` null = every option at its default.
 * @param {import('./profiles').Profile} profile @param {Record<string, string>} urls
 * @param {{ id: string, name: string }} credential an httpHeaderAuth credential
 * @param {{ batchSize: number, batchInterval: number } | null} batching
 */
function peerNode(profile, urls, credential, batching) {
	const p = profile.peer;
	/** @type {Record<string, unknown>} */
	const parameters = {
		method: p.method,
		url: p.url(urls),
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		options: batching
			? {
					batching: {
						batch: { batchSize: batching.batchSize, batchInterval: batching.batchInterval },
					},
				}
			: {},
	};
	if (p.headers) {
		parameters.sendHeaders = true;
		parameters.headerParameters = { parameters: p.headers };
	}
	if (p.body) {
		parameters.sendBody = true;
		parameters.specifyBody = 'json';
		parameters.jsonBody = p.body;
	}
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		credentials: { httpHeaderAuth: credential },
		// The one setting changed from the defaults: a refused number (HTTP 400/429) must not discard every
		// other answer of the run, so the counts below are comparable.
		onError: 'continueRegularOutput',
	};
}

/** A workflow of one (trigger) node: its items are the execution's output. */
function singleNodeWorkflow(id, node) {
	return { id, name: `bench ${id}`, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } };
}

/**
 * Our trigger, WaAPI, registering itself on instance 101 with the demo credential (the token lands in its
 * registered URL), at typeVersion 1.1 (new nodes) unless told.
 */
function oursTriggerWorkflow(id, webhookId, typeVersion = 1.1) {
	const parameters = {
		provider: 'waapi',
		instanceId: { __rl: true, mode: 'id', value: '101' },
		events: ['message.received'],
		options: {},
	};
	return withTypeVersion({ ...triggerWorkflow(id, webhookId, parameters, 'waApiApi'), name: `bench ${id}` }, typeVersion);
}

/** Our trigger, On-Premises (its settings' one webhook URL), typeVersion 1.1: several events a call. */
function oursOnPremTriggerWorkflow(id, webhookId) {
	const parameters = { provider: 'onPremises', events: ['message.received', 'message.status'], options: { overwriteExistingWebhook: true } };
	return withTypeVersion(
		{ ...triggerWorkflow(id, webhookId, parameters, 'whatsAppOnPremisesApi'), name: `bench ${id}` },
		1.1,
	);
}

function withTypeVersion(workflow, typeVersion) {
	return { ...workflow, nodes: workflow.nodes.map((n) => ({ ...n, typeVersion })) };
}

/** n8n's Webhook node, POST, answering when the call is received (typeVersion 2 unless told). */
function builtinWebhookWorkflow(id, webhookId, path, typeVersion = 2) {
	const node = {
		id: nodeId(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	return singleNodeWorkflow(id, node);
}

module.exports = {
	bulkWorkflow,
	oursNode,
	peerNode,
	oursTriggerWorkflow,
	oursOnPremTriggerWorkflow,
	builtinWebhookWorkflow,
	MEASURED,
};
