// @ts-check
// testCredential: n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts) for a
// credential's declarative `test` request: defaults applied, a temporary No-Op node carrying the request as
// the routing of a `temp` parameter, run by n8n-core's real RoutingNode, then the `rules` and n8n's messages.
// n8n runs preAuthentication for a credential test too (the temp No-Op node is how it recognises one).
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const { createAdditionalData } = require('./additionalData');
const { getCredentialType } = require('./credentialTypes');
const { HarnessCredentialsHelper } = require('./credentialsHelper');
const { nodeTypes: harnessNodeTypes } = require('./nodeTypes');

/** lodash.get for a dotted key. */
function getPath(object, key) {
	return String(key)
		.split('.')
		.reduce((value, part) => (value === null || value === undefined ? undefined : value[part]), object);
}

/**
 * @param {{ type: string, data: Record<string, any>, store?: Record<string, any> }} options
 * @returns {Promise<{ status: 'OK' | 'Error', message: string, credentialStore: Record<string, any>, credentialsHelper: HarnessCredentialsHelper }>}
 */
async function testCredential({ type, data }) {
	const credentialType = getCredentialType(type);
	const store = { [type]: { ...data } };
	const credentialsHelper = new HarnessCredentialsHelper(store);
	const extra = { credentialStore: store, credentialsHelper };
	if (!credentialType.test) return { status: 'Error', message: 'No testing function found for this credential.', ...extra };
	const testRequest = credentialType.test;

	const credentialsDecrypted = { id: `cred-${type}`, name: `${type} (harness)`, type, data: { ...data } };
	const bareNode = { id: 'temp', name: 'Temp-Node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { [type]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } } };
	const bareWorkflow = { id: 'credential-test', nodes: [bareNode], connections: {} };
	try {
		const additionalData = createAdditionalData({ credentialsHelper, workflowData: bareWorkflow, mode: 'internal' });
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(additionalData, credentialsDecrypted.data, type, 'internal');
	} catch (error) {
		return { status: 'Error', message: String(error.message), ...extra };
	}

	const noOp = harnessNodeTypes.getByNameAndVersion('n8n-nodes-base.noOp');
	const nodeTypeCopy = {
		description: {
			...noOp.description,
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	};
	const mockNodeTypes = {
		getKnownTypes: () => ({}),
		getByName: (name) => (name === nodeTypeCopy.description.name ? nodeTypeCopy : undefined),
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(/** @type {any} */ (nodeTypeCopy), version),
	};
	const node = { ...bareNode, parameters: {} };
	// @ts-ignore the mock node types answer only for the temp node, as n8n's do
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: mockNodeTypes });
	const additionalData = createAdditionalData({ credentialsHelper, workflowData: { id: 'credential-test', nodes: [node], connections: {} }, mode: 'internal' });
	const runExecutionData = { resultData: { runData: {} } };
	const executeData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		/** @type {any} */ (runExecutionData),
		0,
		[],
		{ main: [[{ json: {} }]] },
		/** @type {any} */ (executeData),
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, /** @type {any} */ (nodeTypeCopy), /** @type {any} */ (credentialsDecrypted));

	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message, ...extra };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}`, ...extra };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code, ...extra };
		}
		return { status: 'Error', message: String(error.message), ...extra };
	}

	for (const rule of Array.isArray(testRequest.rules) ? testRequest.rules : []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response?.[0]?.[0]?.json;
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message, ...extra };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!', ...extra };
}

module.exports = { testCredential };
