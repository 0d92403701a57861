// The trigger's parameters (design.md "Trigger"): provider, the normalised events to emit, the instance
// where the provider needs one to register, Crisp's token for manual setup, and the options.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { instanceLocator } from '../shared/instanceLocator';

import type { GatewayEventName, ProviderId } from '../shared/types';

const EVENT_OPTIONS: Record<GatewayEventName, INodePropertyOptions> = {
	'message.received': {
		name: 'Message Received',
		value: 'message.received',
		description: 'A message someone sent to this WhatsApp number',
	},
	'message.sent': {
		name: 'Message Sent',
		value: 'message.sent',
		description: 'A message sent from this number (also from the phone itself)',
	},
	'message.status': {
		name: 'Message Status',
		value: 'message.status',
		description: 'A sent message became sent, delivered, read, played or failed',
	},
	'template.result': {
		name: 'Template Result',
		value: 'template.result',
		description: 'The outcome (sent or failed) of a queued template send',
	},
	'instance.status': {
		name: 'Instance Status',
		value: 'instance.status',
		description: 'The WhatsApp session changed state (QR code, ready, logged out, …)',
	},
	other: {
		name: 'Other',
		value: 'other',
		description: 'Any other provider event, with its raw body',
	},
};

/** The normalised events each provider can produce (design.md event table). */
export const PROVIDER_EVENTS: Record<ProviderId, GatewayEventName[]> = {
	waapi: ['message.received', 'message.sent', 'message.status', 'instance.status', 'other'],
	onPremises: ['message.received', 'message.status', 'other'],
	wsapi: ['message.received', 'message.sent', 'message.status', 'instance.status', 'other'],
	crisp: ['message.received', 'template.result', 'other'],
};

const eventsDescription =
	'The events that start the workflow; other calls are acknowledged without a run';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		default: 'waapi',
		options: [
			{ name: 'Crisp WhatsApp', value: 'crisp' },
			{ name: 'WaAPI', value: 'waapi' },
			{ name: 'WhatsApp On-Premises', value: 'onPremises' },
			{ name: 'WSAPI', value: 'wsapi' },
		],
	},
	{
		displayName:
			"On activation the trigger points the instance's webhook at this workflow (with a secret token in the URL) and subscribes the WaAPI events the selected events need; on deactivation it puts the previous webhook back.",
		name: 'waapiNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['waapi'] } },
	},
	{
		displayName:
			"On activation the trigger sets the client's webhook URL (Settings › Application, with a secret token in the URL) to this workflow and puts the previous one back on deactivation. Production clients need an HTTPS URL.",
		name: 'onPremisesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['onPremises'] } },
	},
	{
		displayName:
			"With an Account API Key in the credential the trigger registers this workflow's URL, event filter and signing secret itself. Without one, paste the Production URL above as the instance's webhook URL in the WSAPI dashboard and set the same signing secret there and in the credential (Webhook Signing Secret): unsigned calls are refused.",
		name: 'wsapiNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['wsapi'] } },
	},
	{
		displayName:
			'Crisp is set up by hand: paste the Production URL above followed by ?token=YOUR_WEBHOOK_TOKEN (the Webhook Token below) as the Callback URL in Plugins › WhatsApp › API Settings (template results), and as a Web Hook URL for the event message:send in Settings › Website › Web Hooks (incoming messages). Calls without that token are refused.',
		name: 'crispNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: ['crisp'] } },
	},
	instanceLocator({
		description: 'The WaAPI instance (the WhatsApp number) whose events start the workflow',
		required: true,
		show: { provider: ['waapi'] },
	}),
	instanceLocator({
		description:
			"The WSAPI instance to register the webhook on. Leave empty for the credential's own instance.",
		required: false,
		show: { provider: ['wsapi'] },
	}),
	{
		displayName: 'Webhook Token',
		name: 'webhookToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'A long random secret of your choice; Crisp must call the URL with ?token=&lt;this value&gt;. Calls without it are refused with 401.',
		displayOptions: { show: { provider: ['crisp'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.received'],
		description: eventsDescription,
		options: PROVIDER_EVENTS.waapi.map((e) => EVENT_OPTIONS[e]),
		displayOptions: { show: { provider: ['waapi'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.received'],
		description: eventsDescription,
		options: PROVIDER_EVENTS.onPremises.map((e) => EVENT_OPTIONS[e]),
		displayOptions: { show: { provider: ['onPremises'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.received'],
		description: eventsDescription,
		options: PROVIDER_EVENTS.wsapi.map((e) => EVENT_OPTIONS[e]),
		displayOptions: { show: { provider: ['wsapi'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message.received', 'template.result'],
		description: eventsDescription,
		options: PROVIDER_EVENTS.crisp.map((e) => EVENT_OPTIONS[e]),
		displayOptions: { show: { provider: ['crisp'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Deduplicate',
				name: 'deduplicate',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop an event whose message ID, event and status were already emitted in the last minutes (providers deliver again after timeouts)',
			},
			{
				displayName: 'Deduplication Window (Minutes)',
				name: 'dedupeWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
				description:
					'With Deduplicate: how long an emitted event is remembered (at most 10,000 events are kept)',
			},
			{
				displayName: 'Ignore Own Messages',
				name: 'ignoreOwnMessages',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop messages sent from this WhatsApp number itself (status updates still come)',
			},
			{
				displayName: 'Include Raw',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the provider's own body for each event as `raw` (events of type Other always carry it)",
			},
			{
				displayName: 'Overwrite Existing Webhook',
				name: 'overwriteExistingWebhook',
				type: 'boolean',
				default: false,
				description:
					'Whether to take over an instance whose webhook points at another URL (another workflow or system). The previous URL is put back on deactivation.',
			},
		],
	},
];
