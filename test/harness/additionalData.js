// @ts-check
// The IWorkflowExecuteAdditionalData n8n gives the engine, reduced to what n8n-core reads: lifecycle
// hooks, the credentials helper and the instance URLs (the webhook base decides getNodeWebhookUrl).
const { ExecutionLifecycleHooks } = require('n8n-core');

let executionCounter = 0;

function nextExecutionId() {
	executionCounter += 1;
	return String(executionCounter);
}

/**
 * @param {{ credentialsHelper: any, workflowData: { id: string, nodes: any[], connections: any }, mode?: string,
 *   webhookBaseUrl?: string, executionId?: string }} options
 */
function createAdditionalData({ credentialsHelper, workflowData, mode = 'manual', webhookBaseUrl, executionId }) {
	const id = executionId ?? nextExecutionId();
	// @ts-ignore the mode string is one of n8n's WorkflowExecuteMode values
	const hooks = new ExecutionLifecycleHooks(mode, id, workflowData);
	/** @type {any} */
	const additionalData = {
		executionId: id,
		hooks,
		credentialsHelper,
		webhookBaseUrl: webhookBaseUrl ?? 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'harness-user',
	};
	return additionalData;
}

module.exports = { createAdditionalData, nextExecutionId };
