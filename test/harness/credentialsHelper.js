// @ts-check
// An ICredentialsHelper that behaves like n8n's (packages/cli/src/credentials-helper.ts): generic
// `authenticate` with `={{$credentials.x}}` resolved through the workflow's expression engine, function
// `authenticate` called as is, `preAuthentication` when the expirable hidden property is empty, when
// n8n-core reports a 401 (`expired`), or during a credential test, with its output persisted into the
// store. The store (`{ [type]: data }`) stands in for n8n's credentials table.
const { ICredentialsHelper, NodeHelpers, Workflow, isExpression } = require('n8n-workflow');

const { getCredentialType } = require('./credentialTypes');

/** @typedef {Record<string, any>} Data */

class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, Data>} store
	 * @param {{ credentialTypes?: Record<string, any> }} [options] `credentialTypes`: credential type instances by
	 *   name that this helper uses instead of the shared ones. Two helpers given ONE store and each its own
	 *   separately loaded credential module model two n8n processes (workers) sharing one credentials table:
	 *   module state such as a credential's in-memory token cache is then per process, as in n8n.
	 */
	constructor(store, options = {}) {
		super();
		this.store = store;
		this.credentialTypes = options.credentialTypes ?? {};
		/** Every preAuthentication call, for tests: `{ type, expired, testing }`. */
		this.preAuthentications = [];
	}

	/** @param {string} name */
	typeOf(name) {
		return this.credentialTypes[name] ?? getCredentialType(name);
	}

	getParentTypes(/** @type {string} */ name) {
		const type = this.typeOf(name);
		/** @type {string[]} */
		const parents = [];
		for (const parent of type.extends ?? []) parents.push(parent, ...this.getParentTypes(parent));
		return parents;
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.typeOf(type).properties;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.typeOf(typeName);
		if (!type.authenticate) return requestOptions;
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		if (!workflow || !node) throw new Error('Workflow and node are required for declarative credential authentication');
		requestOptions.headers ??= {};
		if (type.authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(type.authenticate.properties)) {
				for (const [key, value] of Object.entries(/** @type {object} */ (outerValue))) {
					const keyResolved = this.resolveValue(key, credentials, workflow, node);
					const valueResolved = this.resolveValue(value, credentials, workflow, node);
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	/** n8n's resolveValue: only expressions are evaluated, falsy results become ''. */
	resolveValue(value, credentials, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? resolved.toString() : '';
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.typeOf(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p?.typeOptions?.expirable === true);
		if (expirable?.name === undefined || typeof type.preAuthentication !== 'function') return undefined;
		// n8n treats the No-Op temp node as "this is a credential test" and always logs in then.
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
		this.preAuthentications.push({ type: typeName, expired: credentialsExpired === true, testing });
		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		const stored = this.store[typeName] ?? {};
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
		}
		await this.updateCredentials(node.credentials[typeName], typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.typeOf(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) ?? undefined;
	}

	async getCredentials(nodeCredentials, type) {
		const store = this.store;
		if (!store[type]) throw new Error(`harness: no credentials of type "${type}" were given`);
		return {
			id: nodeCredentials?.id ?? type,
			name: nodeCredentials?.name ?? type,
			type,
			getData: async () => ({ ...store[type] }),
		};
	}

	/** n8n's getDecrypted: stored data with the type's defaults, expressions resolved. */
	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
		if (!this.store[type]) throw new Error(`harness: no credentials of type "${type}" were given`);
		const original = { ...this.store[type] };
		if (raw === true) return original;
		return await this.applyDefaultsAndOverwrites(additionalData, original, type, mode, executeData, expressionResolveValues);
	}

	async applyDefaultsAndOverwrites(additionalData, decryptedDataOriginal, type, mode, executeData, expressionResolveValues) {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(properties, { ...decryptedDataOriginal }, true, false, null, null);
		if (expressionResolveValues) {
			data = expressionResolveValues.workflow.expression.getParameterValue(
				data,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				{},
				executeData,
				false,
				data,
			);
		} else if (Object.values(data ?? {}).some((v) => isExpression(v))) {
			data = resolveStandalone(data, mode);
		}
		return /** @type {Data} */ (data);
	}

	async updateCredentials(_nodeCredentials, type, data) {
		this.store[type] = { ...data };
	}

	async updateCredentialsOauthTokenData() {}
}

/** Expressions in credential data outside a run (n8n resolves them against a mock workflow). */
function resolveStandalone(data, mode) {
	const mockNode = { id: 'mock', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
	const mockTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	};
	// @ts-ignore minimal mock types, as n8n's own credentials helper uses
	const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockTypes });
	return workflow.expression.getComplexParameterValue(mockNode, data, mode, {}, undefined, undefined, data);
}

module.exports = { HarnessCredentialsHelper };
