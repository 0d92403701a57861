// @ts-check
// Workflows the browser suite opens in the editor, imported with the examples before n8n starts. Each node is
// set up as a user would leave it (provider, resource, operation and the sandbox credential chosen), so a test
// of a list or a subtitle does not depend on the Provider selector working.
const { credentialRef } = require('../../scripts/lib/demoData');

const ACTION = 'n8n-nodes-whatsapp-gateway.whatsAppGateway';
const TOOL = 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTool';

let seq = 0;
const nodeId = () => `00000000-b0b0-4000-8000-${String(++seq).padStart(12, '0')}`;
const listInstance = { __rl: true, mode: 'list', value: '' };

function gateway(name, type, position, parameters, credential) {
	return { id: nodeId(), name, type, typeVersion: 1, position, parameters, credentials: credentialRef(credential) };
}

function workflow(id, name, nodes, connections = {}) {
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

const start = () => ({ id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });

/** One node per list the editor loads from a provider: instances (WaAPI, WSAPI) and Crisp's templates. */
const lists = workflow('browserLists', 'browser: lists', [
	start(),
	gateway('WaAPI Send', ACTION, [300, -200], { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: listInstance }, 'waApiApi'),
	gateway('WSAPI Get', ACTION, [300, 0], { provider: 'wsapi', resource: 'instance', operation: 'get', instanceId: listInstance }, 'wsApiApi'),
	gateway('Crisp Template', ACTION, [300, 200], { provider: 'crisp', resource: 'message', operation: 'sendTemplate' }, 'crispWhatsAppApi'),
	gateway('Cloud Send', ACTION, [300, 400], { provider: 'cloud', resource: 'message', operation: 'sendText', instanceId: listInstance }, 'whatsAppGatewayCloudApi'),
]);

/** An AI Agent with the node as two tools, one per provider that lists instances. */
const tools = workflow(
	'browserTools',
	'browser: tools',
	[
		{ id: nodeId(), name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [0, 0], parameters: {} },
		gateway('WaAPI Tool', TOOL, [-100, 250], { provider: 'waapi', resource: 'message', operation: 'sendText', instanceId: listInstance }, 'waApiApi'),
		gateway('WSAPI Tool', TOOL, [150, 250], { provider: 'wsapi', resource: 'instance', operation: 'get', instanceId: listInstance }, 'wsApiApi'),
	],
	{
		'WaAPI Tool': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		'WSAPI Tool': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	},
);

/** One node per provider, each on an operation of its own: what the canvas subtitles are read from. */
const SUBTITLE_CASES = [
	{ node: 'S WaAPI', provider: 'waapi', resource: 'message', operation: 'sendText', credential: 'waApiApi' },
	{ node: 'S On-Premises', provider: 'onPremises', resource: 'message', operation: 'sendTemplate', credential: 'whatsAppOnPremisesApi', extra: { authentication: 'login' } },
	{ node: 'S WSAPI', provider: 'wsapi', resource: 'contact', operation: 'check', credential: 'wsApiApi' },
	{ node: 'S Crisp', provider: 'crisp', resource: 'template', operation: 'list', credential: 'crispWhatsAppApi' },
	{ node: 'S Cloud', provider: 'cloud', resource: 'template', operation: 'list', credential: 'whatsAppGatewayCloudApi' },
];
const subtitles = workflow(
	'browserSubtitles',
	'browser: subtitles',
	SUBTITLE_CASES.map((c, i) =>
		gateway(c.node, ACTION, [300 * i, 0], { provider: c.provider, ...c.extra, resource: c.resource, operation: c.operation }, c.credential),
	),
);

const TRIGGER = 'n8n-nodes-whatsapp-gateway.whatsAppGatewayTrigger';

/** One trigger per provider, as a user leaves it before choosing options: what the trigger's Options are read from. */
const TRIGGER_CASES = [
	{ node: 'T WaAPI', provider: 'waapi', credential: 'waApiApi' },
	{ node: 'T On-Premises', provider: 'onPremises', credential: 'whatsAppOnPremisesApi' },
	{ node: 'T WSAPI', provider: 'wsapi', credential: 'wsApiApi' },
	{ node: 'T Crisp', provider: 'crisp', credential: null },
	{ node: 'T Cloud', provider: 'cloud', credential: 'whatsAppGatewayCloudApi' },
];
const triggers = workflow(
	'browserTriggers',
	'browser: triggers',
	TRIGGER_CASES.map((c, i) => ({
		id: nodeId(),
		name: c.node,
		type: TRIGGER,
		typeVersion: 1.1,
		position: [300 * i, 0],
		webhookId: `00000000-b0b1-4000-8000-${String(i + 1).padStart(12, '0')}`,
		parameters: { provider: c.provider, events: ['message.received'], options: {} },
		...(c.credential ? { credentials: credentialRef(c.credential) } : {}),
	})),
);

module.exports = { lists, tools, subtitles, triggers, SUBTITLE_CASES, TRIGGER_CASES, ACTION, TOOL, all: [lists, tools, subtitles, triggers] };
