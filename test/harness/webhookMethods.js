// @ts-check
// runWebhookMethod: webhookMethods.<webhook>.checkExists|create|delete run with n8n-core's real HookContext,
// as n8n does on activation ('trigger' mode, 'activate' activation) and deactivation.
const { HookContext } = require('n8n-core');

const { setUpTrigger } = require('./triggerSetup');

/**
 * @param {{ nodeType?: string | object, method: 'checkExists' | 'create' | 'delete', parameters?: Record<string, any>,
 *   credentials?: Record<string, any>, staticData?: Record<string, any>, webhookUrl?: string, webhookName?: string,
 *   activation?: string, credentialsHelper?: any }} options
 */
async function runWebhookMethod(options) {
	const setup = setUpTrigger({ ...options, mode: 'trigger' });
	const methods = setup.nodeType.webhookMethods?.[options.webhookName ?? 'default'];
	const method = methods?.[options.method];
	if (typeof method !== 'function') throw new Error(`harness: no webhook method "${options.method}"`);
	const context = new HookContext(
		setup.workflow,
		setup.node,
		setup.additionalData,
		'trigger',
		/** @type {any} */ (options.activation ?? 'activate'),
		/** @type {any} */ (setup.webhookData),
	);
	if (options.webhookUrl && context.getNodeWebhookUrl(/** @type {any} */ (options.webhookName ?? 'default')) !== options.webhookUrl) {
		throw new Error(`harness: could not make n8n's production URL equal "${options.webhookUrl}"`);
	}
	const result = await method.call(context);
	return { result, staticData: setup.staticData, credentialStore: setup.store, webhookUrl: context.getNodeWebhookUrl(/** @type {any} */ (options.webhookName ?? 'default')) };
}

module.exports = { runWebhookMethod };
