// Crisp's WhatsApp plugin: what it is and offers, assembled from the action API (api.ts: templates) and
// the webhook side (webhook.ts: the plugin's send callbacks and Crisp Web Hooks). No API sets the plugin's
// callback URL or the website's Web Hooks, so the trigger is set up by hand with a token.
import type { ProviderAdapter } from '../../shared/adapter';
import { crispApi } from './api';
import { parseCrispWebhook } from './webhook';

export const crispAdapter: ProviderAdapter = {
	id: 'crisp',
	displayName: 'Crisp WhatsApp',
	description: "Crisp's WhatsApp plugin: template messages from a business number",
	credentials: [{ type: 'crispWhatsAppApi' }],
	operations: ['message.sendTemplate', 'template.list'],
	notice:
		"Crisp's webhook (the plugin's callback URL for template results) is set in the Crisp dashboard, under the WhatsApp plugin's API settings, not through this node. Use the WhatsApp Gateway Trigger to receive the callbacks.",
	properties: [
		{
			displayName: 'From Number',
			name: 'fromNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +49 30 1234567',
			description:
				'The business WhatsApp number connected to the Crisp plugin that sends the template',
			displayOptions: { show: { resource: ['message'], operation: ['sendTemplate'] } },
		},
	],
	options: [
		{
			displayName: 'Crisp Message Type',
			name: 'messageType',
			type: 'options',
			options: [
				{
					name: 'Note',
					value: 'note',
					description: 'Shown in the inbox as a note with the template name',
				},
				{
					name: 'Text',
					value: 'text',
					description: 'Shown in the inbox as the message text (components need a text)',
				},
			],
			default: 'note',
			description: 'How the sent template appears in the Crisp inbox',
			displayOptions: { show: { '/operation': ['sendTemplate'] } },
		},
		{
			displayName: 'New Session',
			name: 'newSession',
			type: 'boolean',
			default: false,
			description:
				'Whether Crisp opens a new conversation for the template instead of adding it to the last one',
			displayOptions: { show: { '/operation': ['sendTemplate'] } },
		},
	],
	...crispApi,
	trigger: {
		events: ['message.received', 'template.result', 'other'],
		defaultEvents: ['message.received', 'template.result'],
		notice:
			'Crisp is set up by hand: paste the Production URL above followed by ?token=YOUR_WEBHOOK_TOKEN (the Webhook Token below) as the Callback URL in Plugins › WhatsApp › API Settings (template results), and as a Web Hook URL for the event message:send in Settings › Website › Web Hooks (incoming messages). Calls without that token are refused.',
		auth: { kind: 'token' },
		manualToken: {
			description:
				'A long random secret of your choice; Crisp must call the URL with ?token=&lt;this value&gt;. Calls without it are refused with 401.',
		},
	},
	parseWebhook: parseCrispWebhook,
};
