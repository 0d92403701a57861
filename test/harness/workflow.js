// @ts-check
// Building n8n Workflows for the harness: one credential reference per given credential type, the
// store copied so a run never mutates the caller's (sandbox) objects.
const { Workflow } = require('n8n-workflow');

const { nodeTypes } = require('./nodeTypes');

let workflowCounter = 0;

/** @param {Record<string, Record<string, any>> | undefined} credentials */
function credentialStoreFrom(credentials) {
	/** @type {Record<string, Record<string, any>>} */
	const store = {};
	for (const [type, data] of Object.entries(credentials ?? {})) store[type] = { ...data };
	return store;
}

/** @param {Record<string, any>} store */
function nodeCredentialsFor(store) {
	/** @type {Record<string, { id: string, name: string }>} */
	const refs = {};
	for (const type of Object.keys(store)) refs[type] = { id: `cred-${type}`, name: `${type} (harness)` };
	return refs;
}

/**
 * @param {{ nodes: any[], connections?: any, staticData?: any, settings?: any, id?: string }} options
 *   `id`: the workflow id; a new one per run unless a test models several runs of one workflow.
 */
function buildWorkflow({ nodes, connections = {}, staticData, settings = {}, id: givenId }) {
	workflowCounter += 1;
	const id = givenId ?? `harness-wf-${workflowCounter}`;
	const workflow = new Workflow({ id, name: id, nodes, connections, nodeTypes, active: false, staticData, settings });
	return { workflow, workflowData: { id, nodes, connections } };
}

module.exports = { buildWorkflow, credentialStoreFrom, nodeCredentialsFor };
