// Meta's WhatsApp Cloud API (graph.facebook.com): what it is and offers, assembled from the action API
// (api.ts, errors.ts, template.ts), the webhook side (webhook.ts: inbound parsing; webhookConfig.ts: a
// number's webhook override) and the trigger's own registrar (registrar.ts). There is no contact check:
// the Cloud API has no endpoint for one (a send to a number that is not on WhatsApp fails later with 131026).
import type { ProviderAdapter } from '../../shared/adapter';
import { cloudApi } from './api';
import { cloudMedia } from './media';
import { cloudHint } from './errors';
import { cloudRegistrar } from './registrar';
import { cloudRich } from './rich';
import { templateProperties } from './template';
import { parseCloudWebhook } from './webhook';
import { cloudWebhookConfig } from './webhookConfig';

const SETUP = 'webhookSetup';

export const cloudAdapter: ProviderAdapter = {
	id: 'cloud',
	displayName: 'WhatsApp Cloud API',
	description: "Meta's WhatsApp Business Platform Cloud API (graph.facebook.com)",
	credentials: [{ type: 'whatsAppGatewayCloudApi' }],
	operations: [
		'instance.get',
		'instance.list',
		'instance.updateWebhook',
		'media.download',
		'message.markRead',
		'message.react',
		'message.sendInteractive',
		'message.sendMedia',
		'message.sendTemplate',
		'message.sendText',
		'template.list',
	],
	instance: {
		description:
			'The business phone number to use (its phone number ID), from the WhatsApp Business Account of the credential',
		required: true,
		operations: [
			'instance.get',
			'instance.updateWebhook',
			'message.markRead',
			'message.react',
			'message.sendInteractive',
			'message.sendMedia',
			'message.sendTemplate',
			'message.sendText',
		],
	},
	notice:
		'A send that Meta answers with a message ID is accepted, not yet delivered: delivery, reads and failures (e.g. outside the 24-hour window, or a number not on WhatsApp) arrive as Message Status events in the WhatsApp Gateway Trigger.',
	properties: [
		...templateProperties,
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Meta verifies the URL with a GET carrying this token (hub.verify_token) and accepts it only if the endpoint answers with the challenge. Needed to set a URL; the WhatsApp Gateway Trigger sets the number's webhook itself.",
			displayOptions: { show: { resource: ['instance'], operation: ['updateWebhook'] } },
		},
	],
	hint: cloudHint,
	...cloudApi,
	...cloudRich,
	media: cloudMedia,
	webhookConfig: cloudWebhookConfig,
	trigger: {
		events: ['message.received', 'message.sent', 'message.status', 'other'],
		defaultEvents: ['message.received'],
		notice:
			"Automatic setup points the number's own webhook (Meta's per-number override) at this workflow, so each number can have its own workflow on one Meta app; Meta verifies the URL first, and deactivation removes the override. Manual setup: paste the Production URL above as Callback URL and the Webhook Token below as Verify token in the Meta app (WhatsApp › Configuration). Template and account events always go to the app's callback URL. Calls without Meta's signature (checked with the App Secret) are refused.",
		credential: 'whatsAppGatewayCloudApi',
		instance: {
			description:
				'The business phone number (its phone number ID) whose events start the workflow',
			required: true,
		},
		auth: {
			kind: 'signature',
			header: 'X-Hub-Signature-256',
			secretField: 'appSecret',
			secretName: 'App Secret',
			generate: false,
		},
		handshake: true,
		onlyOwnInstance: true,
		registrar: cloudRegistrar(cloudWebhookConfig),
		automatic: (_credentials, param) => param(SETUP) !== 'manual',
		manualToken: {
			description:
				"The verify token of Meta's GET verification: a long random text of your choice, entered as Verify token beside the Callback URL in the Meta app (WhatsApp › Configuration)",
			show: { [SETUP]: ['manual'] },
		},
		properties: [
			{
				displayName: 'Webhook Setup',
				name: SETUP,
				type: 'options',
				options: [
					{
						name: 'Automatic (Number Override)',
						value: 'automatic',
						description:
							"The trigger sets the number's webhook override on activation and removes it on deactivation",
					},
					{
						name: 'Manual (Meta App Dashboard)',
						value: 'manual',
						description:
							'You paste the Production URL and the Webhook Token into the Meta app; nothing is registered',
					},
				],
				default: 'automatic',
				description: 'How Meta learns where to send this number’s events',
			},
		],
	},
	parseWebhook: parseCloudWebhook,
};
