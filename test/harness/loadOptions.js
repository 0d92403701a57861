// @ts-check
// runListSearch / runLoadOptions: a node's methods.listSearch / methods.loadOptions run with n8n-core's real
// LoadOptionsContext, on a one-node workflow like n8n's DynamicNodeParametersService builds.
const { LoadOptionsContext } = require('n8n-core');

const { createAdditionalData } = require('./additionalData');
const { HarnessCredentialsHelper } = require('./credentialsHelper');
const { getByName, resolveTypeName } = require('./nodeTypes');
const { buildWorkflow, credentialStoreFrom, nodeCredentialsFor } = require('./workflow');

/** @param {{ nodeType: string | object, parameters?: Record<string, any>, credentials?: Record<string, any>, path?: string }} options */
function contextFor(options) {
	const typeName = resolveTypeName(options.nodeType);
	const nodeType = getByName(typeName);
	const store = credentialStoreFrom(options.credentials);
	const credentialsHelper = new HarnessCredentialsHelper(store);
	const description = nodeType.description;
	const node = {
		id: 'temp-node',
		name: 'Temp-Node',
		type: typeName,
		typeVersion: Array.isArray(description.version) ? description.version.slice(-1)[0] : description.version,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: nodeCredentialsFor(store),
	};
	const { workflow, workflowData } = buildWorkflow({ nodes: [node] });
	const additionalData = createAdditionalData({ credentialsHelper, workflowData, mode: 'internal' });
	additionalData.currentNodeParameters = options.parameters ?? {};
	// n8n passes the path of the parameter asking for options, e.g. `parameters.instanceId`.
	const context = new LoadOptionsContext(workflow, workflow.getNode('Temp-Node'), additionalData, options.path ?? 'parameters');
	return { context, nodeType, store, credentialsHelper };
}

/**
 * @param {{ nodeType: string | object, method: string, parameters?: Record<string, any>, credentials?: Record<string, any>,
 *   filter?: string, paginationToken?: string | number, path?: string }} options
 * @returns {Promise<any>} the INodeListSearchResult `{ results, paginationToken? }`
 */
async function runListSearch(options) {
	const { context, nodeType } = contextFor(options);
	const method = nodeType.methods?.listSearch?.[options.method];
	if (typeof method !== 'function') throw new Error(`harness: no listSearch method "${options.method}"`);
	return await method.call(context, options.filter, options.paginationToken);
}

/**
 * @param {{ nodeType: string | object, method: string, parameters?: Record<string, any>, credentials?: Record<string, any>, path?: string }} options
 * @returns {Promise<any[]>} INodePropertyOptions[]
 */
async function runLoadOptions(options) {
	const { context, nodeType } = contextFor(options);
	const method = nodeType.methods?.loadOptions?.[options.method];
	if (typeof method !== 'function') throw new Error(`harness: no loadOptions method "${options.method}"`);
	return await method.call(context);
}

module.exports = { runListSearch, runLoadOptions };
