// @ts-check
// The node-type registry the engine sees: n8n's two built-ins our workflows need (Manual Trigger to start a
// run, No Operation for credential tests, as n8n's CredentialsTester uses it), our two nodes loaded lazily
// from the TypeScript sources (ts-jest transpiles them), and fixture node types a test registers.
const { NodeHelpers } = require('n8n-workflow');

const PACKAGE = 'n8n-nodes-whatsapp-gateway';

class ManualTrigger {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};
	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		return [this.getInputData()];
	}
}

class NoOp {
	description = {
		displayName: 'No Operation, do nothing',
		// n8n's loader prefixes names with the package; the credential tester builds its node from this name.
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};
	/** @this {import('n8n-workflow').IExecuteFunctions} */
	async execute() {
		return [this.getInputData()];
	}
}

/** Our node types, required only when asked for (the files may not exist while others write them). */
const OUR_NODES = {
	[`${PACKAGE}.whatsAppGateway`]: () =>
		new (require('../../nodes/WhatsAppGateway/WhatsAppGateway.node').WhatsAppGateway)(),
	[`${PACKAGE}.whatsAppGatewayTrigger`]: () =>
		new (require('../../nodes/WhatsAppGatewayTrigger/WhatsAppGatewayTrigger.node').WhatsAppGatewayTrigger)(),
};

/** @type {Record<string, any>} */
const loaded = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
};

/**
 * Full type name for what a test passes: 'whatsAppGateway', the full name, or a fixture instance.
 * @param {string | object} nodeType
 * @returns {string}
 */
function resolveTypeName(nodeType) {
	if (typeof nodeType === 'object' && nodeType !== null) {
		const description = /** @type {any} */ (nodeType).description;
		const name = `test.${description.name}`;
		loaded[name] = nodeType;
		return name;
	}
	if (loaded[nodeType] || OUR_NODES[nodeType]) return nodeType;
	if (OUR_NODES[`${PACKAGE}.${nodeType}`]) return `${PACKAGE}.${nodeType}`;
	if (loaded[`test.${nodeType}`]) return `test.${nodeType}`;
	throw new Error(`harness: unknown node type "${nodeType}"`);
}

/** @param {string} name */
function getByName(name) {
	if (!loaded[name] && OUR_NODES[name]) loaded[name] = OUR_NODES[name]();
	return loaded[name];
}

/** A fixture node type under `test.<name>` (a test's tiny node, not our code). */
function registerNodeType(instance) {
	return resolveTypeName(instance);
}

/** The INodeTypes object n8n-workflow's Workflow wants. */
const nodeTypes = {
	getByName,
	/** @param {string} name @param {number} [version] */
	getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(getByName(name), version),
	getKnownTypes: () => ({}),
};

module.exports = { nodeTypes, resolveTypeName, registerNodeType, getByName, PACKAGE };
