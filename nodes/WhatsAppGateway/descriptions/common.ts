// Provider, authentication, resource and operation selectors. Every provider shows only what it can do
// (issue 3's table), so nobody discovers a missing operation by a failed run.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Crisp WhatsApp',
			value: 'crisp',
			description: "Crisp's WhatsApp plugin: template messages from a business number",
		},
		{
			name: 'WaAPI',
			value: 'waapi',
			description: 'WaAPI (waapi.app): a WhatsApp Web session per instance',
		},
		{
			name: 'WhatsApp Business On-Premises',
			value: 'onPremises',
			description: "Meta's self-hosted WhatsApp Business API client",
		},
		{ name: 'WSAPI', value: 'wsapi', description: 'WSAPI (wsapi.chat), hosted or self-hosted' },
	],
	default: 'waapi',
	description:
		'Which WhatsApp API to use. Inputs and outputs have the same shape for every provider.',
};

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { provider: ['onPremises'] } },
	options: [
		{
			name: 'Login (Username and Password)',
			value: 'login',
			description: 'Full access: messages, contacts, settings',
		},
		{ name: 'API Key', value: 'apiKey', description: 'The WA_API_KEY of the Webapp: health only' },
	],
	default: 'login',
};

const RESOURCE = {
	contact: {
		name: 'Contact',
		value: 'contact',
		description: 'Whether phone numbers are on WhatsApp',
	},
	instance: {
		name: 'Instance',
		value: 'instance',
		description: 'The WhatsApp number (session) and its webhook',
	},
	message: { name: 'Message', value: 'message', description: 'Send WhatsApp messages' },
	template: { name: 'Template', value: 'template', description: 'Approved message templates' },
} satisfies Record<string, INodePropertyOptions>;

const OPERATION = {
	check: {
		name: 'Check',
		value: 'check',
		action: 'Check whether numbers are on WhatsApp',
		description: 'Check one or many phone numbers (the numbers of all input items in one bulk run)',
	},
	get: {
		name: 'Get',
		value: 'get',
		action: 'Get an instance',
		description: 'Get the status and webhook of an instance',
	},
	list: {
		name: 'List',
		value: 'list',
		action: 'List instances',
		description: 'List the instances of the account',
	},
	sendTemplate: {
		name: 'Send Template',
		value: 'sendTemplate',
		action: 'Send a template message',
		description: 'Send an approved template (works outside the 24-hour window)',
	},
	sendText: {
		name: 'Send Text',
		value: 'sendText',
		action: 'Send a text message',
		description: 'Send a free-text message',
	},
	templateList: {
		name: 'List',
		value: 'list',
		action: 'List templates',
		description: 'List every template with its status',
	},
	updateWebhook: {
		name: 'Update Webhook',
		value: 'updateWebhook',
		action: 'Update the webhook of an instance',
		description: 'Set the URL and the events the provider posts to',
	},
} satisfies Record<string, INodePropertyOptions>;

const WAAPI_WSAPI = { provider: ['waapi', 'wsapi'] };
const ON_PREM_LOGIN = { provider: ['onPremises'], authentication: ['login'] };
const ON_PREM_KEY = { provider: ['onPremises'], authentication: ['apiKey'] };
const CRISP = { provider: ['crisp'] };

/** What each provider (and On-Premises credential) offers, per issue 3's table. */
export const selectorProperties: INodeProperties[] = [
	// WaAPI and WSAPI offer the same operations.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: WAAPI_WSAPI },
		options: [RESOURCE.contact, RESOURCE.instance, RESOURCE.message],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...WAAPI_WSAPI, resource: ['instance'] } },
		options: [OPERATION.get, OPERATION.list, OPERATION.updateWebhook],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...WAAPI_WSAPI, resource: ['contact'] } },
		options: [OPERATION.check],
		default: 'check',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...WAAPI_WSAPI, resource: ['message'] } },
		options: [OPERATION.sendText],
		default: 'sendText',
	},
	// On-Premises with the login credential: everything but instance and template lists.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: ON_PREM_LOGIN },
		options: [RESOURCE.contact, RESOURCE.instance, RESOURCE.message],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...ON_PREM_LOGIN, resource: ['instance'] } },
		options: [OPERATION.get, OPERATION.updateWebhook],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...ON_PREM_LOGIN, resource: ['contact'] } },
		options: [OPERATION.check],
		default: 'check',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...ON_PREM_LOGIN, resource: ['message'] } },
		options: [OPERATION.sendTemplate, OPERATION.sendText],
		default: 'sendText',
	},
	// On-Premises with the API key: health only.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: ON_PREM_KEY },
		options: [RESOURCE.instance],
		default: 'instance',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...ON_PREM_KEY, resource: ['instance'] } },
		options: [OPERATION.get],
		default: 'get',
	},
	// Crisp: templates only.
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: CRISP },
		options: [RESOURCE.message, RESOURCE.template],
		default: 'message',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...CRISP, resource: ['message'] } },
		options: [OPERATION.sendTemplate],
		default: 'sendTemplate',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...CRISP, resource: ['template'] } },
		options: [OPERATION.templateList],
		default: 'list',
	},
];

export const crispWebhookNotice: INodeProperties = {
	displayName:
		"Crisp's webhook (the plugin's callback URL for template results) is set in the Crisp dashboard, under the WhatsApp plugin's API settings, not through this node. Use the WhatsApp Gateway Trigger to receive the callbacks.",
	name: 'crispWebhookNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { provider: ['crisp'] } },
};

export const apiKeyNotice: INodeProperties = {
	displayName:
		'The API-key credential may only read the health of the Webapp. To send messages, check contacts or change the webhook, choose Login.',
	name: 'apiKeyNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { provider: ['onPremises'], authentication: ['apiKey'] } },
};
