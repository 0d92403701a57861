// @ts-check
// What a user must see in the editor: the one place the browser suite takes its expectations from. The table is
// the README's "WhatsApp Gateway (action node)" section (operations per provider; the On-Premises API-key
// credential offers Instance → Get alone; Crisp's webhook is set in its dashboard, so Crisp offers no Instance
// operation). A new provider is one more entry in PROVIDERS (and its credential type in CREDENTIAL_TYPES); a new
// operation is one more entry in OPERATIONS plus the providers that offer it.

/** Credential type → its display name (what the credential selector and its items show). */
const CREDENTIAL_TYPES = Object.freeze({
	waApiApi: 'WaAPI API',
	whatsAppOnPremisesApi: 'WhatsApp On-Premises API',
	whatsAppOnPremisesApiKeyApi: 'WhatsApp On-Premises Monitoring API',
	wsApiApi: 'WSAPI API',
	crispWhatsAppApi: 'Crisp WhatsApp API',
	whatsAppGatewayCloudApi: 'Meta WhatsApp Cloud API',
});

/** Resource value → the name the Resource dropdown shows. */
const RESOURCES = Object.freeze({ instance: 'Instance', contact: 'Contact', media: 'Media', message: 'Message', template: 'Template' });

/** resource → operation value → the name the Operation dropdown shows and the action the node picker lists. */
const OPERATIONS = Object.freeze({
	instance: {
		list: { name: 'List', action: 'List instances' },
		get: { name: 'Get', action: 'Get an instance' },
		updateWebhook: { name: 'Update Webhook', action: 'Update the webhook of an instance' },
	},
	contact: { check: { name: 'Check', action: 'Check whether numbers are on WhatsApp' } },
	media: { download: { name: 'Download', action: 'Download media' } },
	message: {
		sendText: { name: 'Send Text', action: 'Send a text message' },
		sendTemplate: { name: 'Send Template', action: 'Send a template message' },
		sendMedia: { name: 'Send Media', action: 'Send a media message' },
		markRead: { name: 'Mark as Read', action: 'Mark a message as read' },
		react: { name: 'React', action: 'React to a message' },
		sendInteractive: { name: 'Send Interactive', action: 'Send an interactive message' },
	},
	template: { list: { name: 'List', action: 'List templates' } },
});

/**
 * @typedef {{ authentication?: RegExp, credential: keyof typeof CREDENTIAL_TYPES,
 *   resources: Partial<Record<keyof typeof RESOURCES, string[]>> }} AuthVariant
 * @typedef {{ id: string, name: RegExp, short: string, auth: AuthVariant[] }} Provider
 * `name` matches the Provider dropdown's entry, `short` is how a subtitle names the provider (its one display name); `auth` lists the
 * Authentication choices (only On-Premises has more than one) with the credential type and the operations each
 * one offers.
 * @type {Provider[]}
 */
const PROVIDERS = [
	{
		id: 'waapi',
		name: /^WaAPI$/,
		short: 'WaAPI',
		auth: [{ credential: 'waApiApi', resources: { instance: ['list', 'get', 'updateWebhook'], contact: ['check'], media: ['download'], message: ['sendText', 'sendMedia', 'markRead', 'react'] } }],
	},
	{
		id: 'onPremises',
		name: /^WhatsApp On-Premises$/,
		short: 'WhatsApp On-Premises',
		auth: [
			{
				authentication: /^Login/,
				credential: 'whatsAppOnPremisesApi',
				resources: { instance: ['get', 'updateWebhook'], contact: ['check'], media: ['download'], message: ['sendText', 'sendTemplate', 'sendMedia', 'markRead', 'sendInteractive'] },
			},
			{ authentication: /^API Key/, credential: 'whatsAppOnPremisesApiKeyApi', resources: { instance: ['get'] } },
		],
	},
	{
		id: 'wsapi',
		name: /^WSAPI$/,
		short: 'WSAPI',
		auth: [{ credential: 'wsApiApi', resources: { instance: ['list', 'get', 'updateWebhook'], contact: ['check'], media: ['download'], message: ['sendText', 'sendMedia', 'markRead', 'react'] } }],
	},
	{
		id: 'crisp',
		name: /^Crisp WhatsApp$/,
		short: 'Crisp WhatsApp',
		auth: [{ credential: 'crispWhatsAppApi', resources: { message: ['sendTemplate'], template: ['list'] } }],
	},
	{
		id: 'cloud',
		name: /^WhatsApp Cloud API$/,
		short: 'WhatsApp Cloud API',
		auth: [
			{
				credential: 'whatsAppGatewayCloudApi',
				resources: {
					instance: ['list', 'get', 'updateWebhook'],
					media: ['download'],
					message: ['sendText', 'sendTemplate', 'sendMedia', 'markRead', 'react', 'sendInteractive'],
					template: ['list'],
				},
			},
		],
	},
];

/** The trigger's events as its Events field names them; the picker shows each as "On <event, lower case>". */
const TRIGGER_EVENTS = ['Message Received', 'Message Sent', 'Message Status', 'Template Result', 'Instance Status', 'Other'];

/**
 * The trigger's Options collection ("Add option"), per provider: what every provider has, plus Download Media and
 * Max Media Size where the provider serves the files of received messages (the README's "Receiving media").
 */
const TRIGGER_OPTIONS_ALL = ['Deduplicate', 'Deduplication Window (Minutes)', 'Ignore Own Messages', 'Include Raw', 'Overwrite Existing Webhook'];
const TRIGGER_MEDIA_OPTIONS = ['Download Media', 'Max Media Size (MB)'];
const TRIGGER_MEDIA_PROVIDERS = ['waapi', 'onPremises', 'wsapi', 'cloud'];

/** The options the trigger offers for a provider, sorted. @param {string} provider */
function expectedTriggerOptions(provider) {
	return [...TRIGGER_OPTIONS_ALL, ...(TRIGGER_MEDIA_PROVIDERS.includes(provider) ? TRIGGER_MEDIA_OPTIONS : [])].sort();
}

/** Every action the node picker must list for the action node, once each: every operation any provider offers. */
function expectedActions() {
	const actions = new Set();
	for (const provider of PROVIDERS) {
		for (const variant of provider.auth) {
			for (const [resource, operations] of Object.entries(variant.resources)) {
				for (const operation of operations ?? []) actions.add(OPERATIONS[resource][operation].action);
			}
		}
	}
	return [...actions].sort();
}

/** What the node panel must offer for one provider and Authentication choice: credential, resources, operations. */
function expectedPanel(variant) {
	return {
		credentialType: CREDENTIAL_TYPES[variant.credential],
		resources: Object.fromEntries(
			Object.entries(variant.resources).map(([resource, operations]) => [
				RESOURCES[resource],
				(operations ?? []).map((operation) => OPERATIONS[resource][operation].name).sort(),
			]),
		),
	};
}

module.exports = { CREDENTIAL_TYPES, RESOURCES, OPERATIONS, PROVIDERS, TRIGGER_EVENTS, expectedActions, expectedPanel, expectedTriggerOptions };
