// WSAPI (wsapi.chat, hosted or self-hosted): what it is and offers, assembled from the action API
// (api.ts), the webhook side (webhook.ts: inbound parsing; webhookConfig.ts: the instance's webhook
// settings through the account key).
import type { ProviderAdapter } from '../../shared/adapter';
import { configRegistrar } from '../../shared/registration';
import { wsapiApi } from './api';
import { senderIdProperty, wsapiRich } from './rich';
import { wsapiMedia } from './media';
import { parseWsapiWebhook } from './webhook';
import { wsapiWebhookConfig } from './webhookConfig';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const wsapiAdapter: ProviderAdapter = {
	id: 'wsapi',
	displayName: 'WSAPI',
	description: 'WSAPI (wsapi.chat), hosted or self-hosted',
	credentials: [{ type: 'wsApiApi' }],
	operations: [
		'contact.check',
		'instance.get',
		'instance.list',
		'instance.updateWebhook',
		'media.download',
		'message.markRead',
		'message.react',
		'message.sendMedia',
		'message.sendText',
	],
	instance: {
		description:
			"The WSAPI instance ID, or empty for the credential's own instance (another instance needs the Account API Key in the credential)",
		required: false,
		operations: ['instance.get', 'instance.updateWebhook'],
	},
	defaultInstanceId: (credentials) => text(credentials.instanceId),
	properties: [
		senderIdProperty,
		{
			displayName: 'Webhook Events',
			name: 'webhookEvents',
			type: 'multiOptions',
			default: [],
			description:
				"WSAPI's event filter. Empty means every event. System events (logged_in, logged_out, login_error, initial_sync_finished) are always sent.",
			options: [
				'call_accept',
				'call_offer',
				'call_terminate',
				'chat_picture',
				'chat_presence',
				'chat_push_name',
				'chat_setting',
				'chat_status',
				'contact',
				'group',
				'message',
				'message_delete',
				'message_history_sync',
				'message_read',
				'message_star',
				'user_presence',
			].map((e) => ({ name: e, value: e })),
			displayOptions: { show: { resource: ['instance'], operation: ['updateWebhook'] } },
		},
	],
	hint(failure) {
		if (failure.httpStatus === 409) {
			return 'The WSAPI instance has no paired phone: pair it by scanning the QR code in the WSAPI dashboard, then run again.';
		}
		return undefined;
	},
	...wsapiApi,
	...wsapiRich,
	media: wsapiMedia,
	webhookConfig: wsapiWebhookConfig,
	trigger: {
		events: ['message.received', 'message.sent', 'message.status', 'instance.status', 'other'],
		defaultEvents: ['message.received'],
		notice:
			"With an Account API Key in the credential the trigger registers this workflow's URL, event filter and signing secret itself. Without one, paste the Production URL above as the instance's webhook URL in the WSAPI dashboard and set the same signing secret there and in the credential (Webhook Signing Secret): unsigned calls are refused.",
		credential: 'wsApiApi',
		instance: {
			description:
				"The WSAPI instance to register the webhook on, or empty for the credential's own instance",
			required: false,
		},
		auth: {
			kind: 'signature',
			header: 'X-Webhook-Signature',
			secretField: 'webhookSigningSecret',
			secretName: 'Webhook Signing Secret',
			generate: true,
		},
		registrar: configRegistrar(wsapiWebhookConfig),
		// The webhook settings need the account (customer or admin) key; without it the user registers by hand.
		automatic: (credentials) => text(credentials.accountApiKey) !== '',
		manualProblem: (credentials) =>
			text(credentials?.webhookSigningSecret) === ''
				? {
						message:
							'WSAPI calls cannot be authenticated: the credential has neither a Webhook Signing Secret nor an Account API Key',
						description:
							'Set a Webhook Signing Secret in the WSAPI credential and the same secret with the Production URL in the WSAPI dashboard, or add the Account API Key so the trigger registers itself.',
					}
				: undefined,
	},
	parseWebhook: parseWsapiWebhook,
};
