// @ts-check
// The engine harness: our nodes and credentials run through n8n-core's real execution machinery.
const { testCredential } = require('./credentialTest');
const { registerCredentialType } = require('./credentialTypes');
const { HarnessCredentialsHelper } = require('./credentialsHelper');
const { runListSearch, runLoadOptions } = require('./loadOptions');
const { registerNodeType, PACKAGE } = require('./nodeTypes');
const { runNode } = require('./runNode');
const { triggerWebhook } = require('./webhook');
const { runWebhookMethod } = require('./webhookMethods');

module.exports = {
	runNode,
	runListSearch,
	runLoadOptions,
	testCredential,
	triggerWebhook,
	runWebhookMethod,
	registerNodeType,
	registerCredentialType,
	HarnessCredentialsHelper,
	PACKAGE,
};
