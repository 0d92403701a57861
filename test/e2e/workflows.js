// @ts-check
// The workflows the end-to-end suite imports besides the examples: one action workflow per provider (Manual
// Trigger → our node(s)) and one trigger workflow per provider. Ids stay within n8n's 21 characters.
const { credentialRef } = require('../../scripts/lib/demoData');

const ACTION = 'n8n-nodes-whatsapp-gateway.whatsAppGateway';
const TRIGGER = 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger';

let seq = 0;
const nodeId = () => `00000000-e2e0-4000-8000-${String(++seq).padStart(12, '0')}`;

/** Manual Trigger → steps in a chain. @param {string} id @param {Array<{ name: string, parameters: object, credential: string }>} steps */
function actionWorkflow(id, steps) {
	const nodes = [
		{ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map((s, i) => ({
			id: nodeId(),
			name: s.name,
			type: ACTION,
			typeVersion: 1,
			position: [240 * (i + 1), 0],
			parameters: s.parameters,
			credentials: credentialRef(s.credential),
		})),
	];
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: `e2e ${id}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A single trigger node (its items are the execution's output). */
function triggerWorkflow(id, webhookId, parameters, credential) {
	const node = {
		id: nodeId(),
		name: 'Trigger',
		type: TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		...(credential ? { credentials: credentialRef(credential) } : {}),
	};
	return { id, name: `e2e ${id}`, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } };
}

const rl = (value) => ({ __rl: true, mode: 'id', value });

const actionWorkflows = {
	waapi: actionWorkflow('e2eActWaapi', [
		{
			name: 'Send',
			credential: 'waApiApi',
			parameters: { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: rl('101'), to: '+49 151 2345 6781', text: 'e2e hello from n8n', options: {} },
		},
		{
			name: 'Check',
			credential: 'waApiApi',
			parameters: { provider: 'waapi', resource: 'contact', operation: 'check', instanceId: rl('101'), phoneNumbers: '+49 151 2345 6781, +49 151 2345 6785', options: {} },
		},
	]),
	onPremises: actionWorkflow('e2eActOnPrem', [
		{
			name: 'Send',
			credential: 'whatsAppOnPremisesApi',
			parameters: { provider: 'onPremises', authentication: 'login', resource: 'message', operation: 'sendText', to: '+1 631-555-1234', text: 'e2e hello from n8n', options: {} },
		},
		{
			name: 'Check',
			credential: 'whatsAppOnPremisesApi',
			parameters: { provider: 'onPremises', authentication: 'login', resource: 'contact', operation: 'check', phoneNumbers: '+1 631-555-1231; +1 631-555-1230', options: {} },
		},
	]),
	onPremisesKey: actionWorkflow('e2eActOnPremKey', [
		{
			name: 'Health',
			credential: 'whatsAppOnPremisesApiKeyApi',
			parameters: { provider: 'onPremises', authentication: 'apiKey', resource: 'instance', operation: 'get', options: {} },
		},
	]),
	wsapi: actionWorkflow('e2eActWsapi', [
		{
			name: 'Send',
			credential: 'wsApiApi',
			parameters: { provider: 'wsapi', resource: 'message', operation: 'sendText', to: '+49 151 2345 6781', text: 'e2e hello from n8n', options: {} },
		},
		{
			name: 'Check',
			credential: 'wsApiApi',
			parameters: { provider: 'wsapi', resource: 'contact', operation: 'check', phoneNumbers: '+49 151 2345 6781\n+49 151 2345 6780', options: {} },
		},
	]),
};

const CRISP_TOKEN = 'e2e-crisp-token-3f9a7c21d4b8';
const triggerWorkflows = {
	waapi: triggerWorkflow(
		'e2eTrigWaapi',
		'00000000-e2e1-4000-8000-000000000001',
		{ provider: 'waapi', instanceId: rl('102'), events: ['message.received', 'message.status', 'instance.status'], options: { overwriteExistingWebhook: true } },
		'waApiApi',
	),
	onPremises: triggerWorkflow(
		'e2eTrigOnPrem',
		'00000000-e2e1-4000-8000-000000000002',
		{ provider: 'onPremises', events: ['message.received', 'message.status'], options: { overwriteExistingWebhook: true } },
		'whatsAppOnPremisesApi',
	),
	wsapi: triggerWorkflow(
		'e2eTrigWsapi',
		'00000000-e2e1-4000-8000-000000000003',
		{ provider: 'wsapi', instanceId: rl(''), events: ['message.received', 'message.status'], options: { overwriteExistingWebhook: true } },
		'wsApiApi',
	),
	crisp: triggerWorkflow('e2eTrigCrisp', '00000000-e2e1-4000-8000-000000000004', {
		provider: 'crisp',
		webhookToken: CRISP_TOKEN,
		events: ['message.received', 'template.result'],
		options: {},
	}),
};

module.exports = { actionWorkflows, triggerWorkflows, triggerWorkflow, CRISP_TOKEN };
