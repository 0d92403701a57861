// @ts-check
// The workflows of the queue-mode suite. Triggers reuse the end-to-end suite's builder; the checks start from
// n8n's Webhook node (POST, answered at once), so a worker runs them like any production execution.
const { triggerWorkflow } = require('../e2e/workflows');
const { credentialRef } = require('../../scripts/lib/demoData');

const ACTION = 'n8n-nodes-whatsapp-gateway.whatsAppGateway';
const rl = (value) => ({ __rl: true, mode: 'id', value });

let seq = 0;
const nodeId = () => `00000000-9e0e-4000-8000-${String(++seq).padStart(12, '0')}`;

/** Nodes in a chain; each entry `{ name, type, typeVersion, parameters, ... }`. */
function chain(id, nodes) {
	const placed = nodes.map((n, i) => ({ id: nodeId(), position: [240 * i, 0], ...n }));
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i < placed.length - 1; i++) {
		connections[placed[i].name] = { main: [[{ node: placed[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: `queue ${id}`, active: false, nodes: placed, connections, settings: { executionOrder: 'v1' } };
}

const kept = { name: 'Kept', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

/** A WaAPI trigger on one instance (message.received, the trigger's own de-duplication on), then `after`. */
function waapiTrigger(id, webhookId, instanceId, after) {
	const base = triggerWorkflow(
		id,
		webhookId,
		{ provider: 'waapi', instanceId: rl(instanceId), events: ['message.received'], options: { deduplicate: true, overwriteExistingWebhook: true } },
		'waApiApi',
	);
	return chain(id, [{ ...base.nodes[0] }, ...after]);
}

/** n8n's Remove Duplicates, "Remove Items Processed in Previous Executions", keyed on the trigger's dedupeKey. */
const removeDuplicates = {
	name: 'Remove Duplicates',
	type: 'n8n-nodes-base.removeDuplicates',
	typeVersion: 2,
	parameters: {
		operation: 'removeItemsSeenInPreviousExecutions',
		logic: 'removeItemsWithAlreadySeenKeyValues',
		dedupeValue: '={{ $json.dedupeKey }}',
		options: {},
	},
};

/**
 * The same as a race-free filter: Redis INCR on `wa-dedupe:<dedupeKey>` (atomic in Redis, which queue mode
 * already has) answers 1 only to the first execution that asks; the IF keeps those, and the event comes back
 * from the trigger by its paired item. The key expires after 7 days.
 */
const firstByRedis = [
	{
		name: 'Count Key',
		type: 'n8n-nodes-base.redis',
		typeVersion: 1,
		parameters: { operation: 'incr', key: '=wa-dedupe:{{ $json.dedupeKey }}', expire: true, ttl: 604800 },
		credentials: { redis: { id: 'qmRedis', name: 'Redis (queue)' } },
	},
	{
		name: 'First Time',
		type: 'n8n-nodes-base.if',
		typeVersion: 2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
				conditions: [{ id: 'first', leftValue: '={{ Object.values($json)[0] }}', rightValue: 1, operator: { type: 'number', operation: 'equals' } }],
				combinator: 'and',
			},
			options: {},
		},
	},
	{
		name: 'Event',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: "={{ $('Trigger').item.json }}", options: {} },
	},
];

/** The Redis credential the race-free filter uses. @param {number} port */
const redisCredential = (port) => ({ id: 'qmRedis', name: 'Redis (queue)', type: 'redis', data: { host: '127.0.0.1', port, database: 0, password: '' } });

/** Webhook (POST /webhook/<path>, answered when received) → contact check of `body.numbers`. */
function checkWorkflow(id, path, credential, parameters) {
	return chain(id, [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `00000000-9e0f-4000-8000-${String(++seq).padStart(12, '0')}`,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Check',
			type: ACTION,
			typeVersion: 1,
			parameters: {
				resource: 'contact',
				operation: 'check',
				phoneNumbers: '={{ $json.body.numbers }}',
				...parameters,
			},
			credentials: credentialRef(credential),
		},
	]);
}

const workflows = {
	dedupe: waapiTrigger('qmDedupe', '00000000-9e01-4000-8000-000000000001', '101', [removeDuplicates, kept]),
	redis: waapiTrigger('qmRedisDedupe', '00000000-9e01-4000-8000-000000000004', '102', [...firstByRedis, kept]),
	plain: waapiTrigger('qmPlain', '00000000-9e01-4000-8000-000000000002', '102', [kept]),
	onPremTrigger: triggerWorkflow(
		'qmTrigOnPrem',
		'00000000-9e01-4000-8000-000000000003',
		{ provider: 'onPremises', events: ['message.received', 'message.status'], options: { overwriteExistingWebhook: true } },
		'whatsAppOnPremisesApi',
	),
	checkWaapi: checkWorkflow('qmCheckWaapi', 'qm-check-waapi', 'waApiApi', {
		provider: 'waapi',
		instanceId: rl('101'),
		options: { maxRequestsPerSecond: '={{ $json.body.rps }}', concurrency: 10, maxRetries: 10 },
	}),
	checkOnPrem: checkWorkflow('qmCheckOnPrem', 'qm-check-onprem', 'whatsAppOnPremisesApi', {
		provider: 'onPremises',
		authentication: 'login',
		options: {},
	}),
};

module.exports = { workflows, redisCredential };
