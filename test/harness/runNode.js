// @ts-check
// runNode: Manual Trigger → the node under test, run by n8n-core's real WorkflowExecute.
const { WorkflowExecute } = require('n8n-core');

const { createAdditionalData } = require('./additionalData');
const { HarnessCredentialsHelper } = require('./credentialsHelper');
const { getByName, resolveTypeName } = require('./nodeTypes');
const { buildWorkflow, credentialStoreFrom, nodeCredentialsFor } = require('./workflow');

const TRIGGER_NAME = 'Manual Trigger';

/**
 * The error the node threw, as the object itself: n8n-core keeps only a spread copy in the run data.
 * The node type is wrapped (not changed): its own execute runs untouched inside.
 * @param {any} nodeType
 */
function capturingNodeType(nodeType, captured) {
	if (typeof nodeType.execute !== 'function') return nodeType;
	const wrapper = Object.create(nodeType);
	wrapper.execute = async function execute(...args) {
		try {
			return await nodeType.execute.apply(this, args);
		} catch (error) {
			captured.error = error;
			throw error;
		}
	};
	return wrapper;
}

/**
 * @param {{ nodeType: string | object, parameters?: Record<string, any>, credentials?: Record<string, Record<string, any>>,
 *   input?: Array<{ json: any, binary?: any }>, continueOnFail?: boolean, typeVersion?: number, nodeName?: string,
 *   credentialsHelper?: HarnessCredentialsHelper }} options
 */
async function runNode(options) {
	const typeName = resolveTypeName(options.nodeType);
	const original = getByName(typeName);
	const description = original.description ?? original.baseDescription;
	const captured = { error: undefined };

	const store = options.credentialsHelper?.store ?? credentialStoreFrom(options.credentials);
	const credentialsHelper = options.credentialsHelper ?? new HarnessCredentialsHelper(store);
	const nodeName = options.nodeName ?? description?.defaults?.name ?? description?.displayName ?? 'Node';
	const typeVersion =
		options.typeVersion ??
		(Array.isArray(description?.version) ? description.version.slice(-1)[0] : description?.defaultVersion ?? description?.version ?? 1);

	const node = {
		id: 'node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [200, 0],
		parameters: options.parameters ?? {},
		credentials: nodeCredentialsFor(store),
		// n8n's "On Error: Continue" is what makes this.continueOnFail() true.
		...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
	const trigger = { id: 'trigger', name: TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const connections = { [TRIGGER_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };
	const { workflow, workflowData } = buildWorkflow({ nodes: [trigger, node], connections });

	// Let the workflow see the error-capturing wrapper for this run only.
	const wrapped = capturingNodeType(original, captured);
	const baseTypes = workflow.nodeTypes;
	workflow.nodeTypes = {
		...baseTypes,
		getByName: (name) => (name === typeName ? wrapped : baseTypes.getByName(name)),
		getByNameAndVersion: (name, version) => {
			const resolved = baseTypes.getByNameAndVersion(name, version);
			return name === typeName && resolved === original ? wrapped : resolved;
		},
	};

	const additionalData = createAdditionalData({ credentialsHelper, workflowData });
	const finished = new Promise((resolve) => additionalData.hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const input = options.input ?? [{ json: {} }];
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: workflow.getNode(TRIGGER_NAME), data: { main: [input] }, source: null }],
		},
	};
	const execute = new WorkflowExecute(additionalData, 'manual', /** @type {any} */ (runExecutionData));
	await execute.processRunExecutionData(workflow);
	/** @type {any} */
	const run = await finished;

	const runData = run.data.resultData.runData;
	const task = runData[nodeName]?.[0];
	const output = task?.data?.main?.[0] ?? [];
	const error = captured.error ?? task?.error ?? run.data.resultData.error;
	return {
		items: output.map((item) => item.json),
		output,
		outputs: task?.data?.main ?? [],
		error,
		hints: task?.hints ?? [],
		credentialStore: store,
		credentialsHelper,
		runData,
		run,
	};
}

module.exports = { runNode };
