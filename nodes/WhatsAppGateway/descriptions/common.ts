// Provider, authentication, resource and operation selectors. Every provider shows only what it can do
// (issue 3's table), so nobody discovers a missing operation by a failed run.
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

type ResourceName = keyof typeof RESOURCE;
type OperationName = keyof typeof OPERATION;

interface Menu {
	show: NonNullable<IDisplayOptions['show']>;
	defaultResource: ResourceName;
	/** Resource → its operations, in the order shown. */
	offers: Partial<Record<ResourceName, OperationName[]>>;
}

/** What each provider (and On-Premises credential) offers, per issue 3's table. */
const MENUS: Menu[] = [
	{
		// WaAPI and WSAPI offer the same operations.
		show: { provider: ['waapi', 'wsapi'] },
		defaultResource: 'message',
		offers: {
			contact: ['check'],
			instance: ['get', 'list', 'updateWebhook'],
			message: ['sendText'],
		},
	},
	{
		// On-Premises with the login credential: everything but instance and template lists.
		show: { provider: ['onPremises'], authentication: ['login'] },
		defaultResource: 'message',
		offers: {
			contact: ['check'],
			instance: ['get', 'updateWebhook'],
			message: ['sendTemplate', 'sendText'],
		},
	},
	{
		// On-Premises with the API key: health only.
		show: { provider: ['onPremises'], authentication: ['apiKey'] },
		defaultResource: 'instance',
		offers: { instance: ['get'] },
	},
	{
		// Crisp: templates only.
		show: { provider: ['crisp'] },
		defaultResource: 'message',
		offers: { message: ['sendTemplate'], template: ['templateList'] },
	},
];

function selector(
	displayName: 'Resource' | 'Operation',
	show: Menu['show'],
	options: INodePropertyOptions[],
	defaultValue: string,
): INodeProperties {
	return {
		displayName,
		name: displayName.toLowerCase(),
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options,
		default: defaultValue,
	};
}

function menuProperties(menu: Menu): INodeProperties[] {
	const resources = Object.keys(menu.offers) as ResourceName[];
	const properties = [
		selector(
			'Resource',
			menu.show,
			resources.map((r) => RESOURCE[r]),
			menu.defaultResource,
		),
	];
	for (const resource of resources) {
		const operations = (menu.offers[resource] ?? []).map((o) => OPERATION[o]);
		// Send Text is the everyday operation where there is one; otherwise the first.
		const preferred = operations.find((o) => o.value === 'sendText') ?? operations[0];
		properties.push(
			selector('Operation', { ...menu.show, resource: [resource] }, operations, preferred.value),
		);
	}
	return properties;
}

export const selectorProperties: INodeProperties[] = MENUS.flatMap(menuProperties);

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
