// @ts-check
// The one-node workflow a trigger runs in, shared by triggerWebhook and runWebhookMethod: node static data
// is the caller's object (n8n's getWorkflowStaticData('node') proxies it, so writes land in it), and the
// webhook base URL + webhookId are chosen so that n8n's production URL equals the URL the test names.
const { createAdditionalData } = require('./additionalData');
const { HarnessCredentialsHelper } = require('./credentialsHelper');
const { getByName, resolveTypeName } = require('./nodeTypes');
const { buildWorkflow, credentialStoreFrom, nodeCredentialsFor } = require('./workflow');

const DEFAULT_BASE = 'http://localhost:5678/webhook';
const DEFAULT_WEBHOOK_ID = 'harness-webhook-id';

/** The resolved `path` of one of the trigger's webhook descriptions. */
function webhookPath(workflow, node, description, mode) {
	const raw = description.path;
	const value = typeof raw === 'string' && !raw.startsWith('=') ? raw : workflow.expression.getSimpleParameterValue(node, raw, mode, {});
	return String(value ?? '').replace(/^\//, '');
}

/**
 * Splits `<base>/<webhookId>/<path>` so that n8n's getNodeWebhookUrl rebuilds exactly `webhookUrl`.
 * @param {string} webhookUrl @param {string} path
 */
function splitWebhookUrl(webhookUrl, path) {
	const suffix = path ? `/${path}` : '';
	if (suffix && !webhookUrl.endsWith(suffix)) {
		throw new Error(`harness: webhookUrl "${webhookUrl}" must end with the trigger's webhook path "/${path}"`);
	}
	const prefix = webhookUrl.slice(0, webhookUrl.length - suffix.length);
	const cut = prefix.lastIndexOf('/');
	if (cut <= 'http://'.length) throw new Error(`harness: webhookUrl "${webhookUrl}" has no <base>/<webhookId>/ part`);
	return { baseUrl: prefix.slice(0, cut), webhookId: prefix.slice(cut + 1) };
}

/**
 * @param {{ nodeType?: string | object, parameters?: Record<string, any>, credentials?: Record<string, any>, workflowId?: string,
 *   staticData?: Record<string, any>, webhookUrl?: string, webhookName?: string, mode: string, credentialsHelper?: any }} options
 */
function setUpTrigger(options) {
	const typeName = resolveTypeName(options.nodeType ?? 'whatsAppGatewayTrigger');
	const nodeType = getByName(typeName);
	const description = nodeType.description;
	const webhookName = options.webhookName ?? 'default';
	const webhookDescription = (description.webhooks ?? []).find((w) => w.name === webhookName);
	if (!webhookDescription) throw new Error(`harness: node type "${typeName}" has no webhook "${webhookName}"`);

	const store = options.credentialsHelper?.store ?? credentialStoreFrom(options.credentials);
	const credentialsHelper = options.credentialsHelper ?? new HarnessCredentialsHelper(store);
	const nodeName = description.defaults?.name ?? description.displayName;
	const node = {
		id: 'trigger-under-test',
		name: nodeName,
		type: typeName,
		typeVersion: options.typeVersion ?? (Array.isArray(description.version) ? description.version.slice(-1)[0] : description.version),
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: nodeCredentialsFor(store),
		webhookId: DEFAULT_WEBHOOK_ID,
	};
	const staticData = options.staticData ?? {};
	// Calls to one trigger in n8n share their workflow's id: a test passes `workflowId` to model that.
	const { workflow, workflowData } = buildWorkflow({
		nodes: [node],
		staticData: { [`node:${nodeName}`]: staticData },
		id: options.workflowId,
	});
	const workflowNode = workflow.getNode(nodeName);
	const path = webhookPath(workflow, workflowNode, webhookDescription, options.mode);

	let baseUrl = DEFAULT_BASE;
	if (options.webhookUrl) {
		const split = splitWebhookUrl(options.webhookUrl, path);
		baseUrl = split.baseUrl;
		workflowNode.webhookId = split.webhookId;
	}
	const additionalData = createAdditionalData({ credentialsHelper, workflowData, mode: options.mode, webhookBaseUrl: baseUrl });
	const webhookData = {
		httpMethod: webhookDescription.httpMethod ?? 'POST',
		node: nodeName,
		path: `${workflowNode.webhookId}/${path}`,
		webhookDescription,
		workflowId: workflow.id,
		webhookId: workflowNode.webhookId,
		isTest: false,
	};
	return { workflow, node: workflowNode, nodeType, additionalData, webhookData, webhookDescription, staticData, store, credentialsHelper, path };
}

module.exports = { setUpTrigger };
