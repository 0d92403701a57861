// WaAPI (waapi.app): what it is and offers, assembled from the action API (api.ts), the webhook side
// (webhook.ts: inbound parsing; webhookConfig.ts: reading and writing the instance's webhook).
import type { ProviderAdapter } from '../../shared/adapter';
import { waapiApi } from './api';
import { waapiRich } from './rich';
import { waapiMedia } from './media';
import { waapiRegistrar } from './subscriptions';
import { parseWaapiWebhook } from './webhook';
import { WAAPI_EVENTS, waapiWebhookConfig } from './webhookConfig';

export const waapiAdapter: ProviderAdapter = {
	id: 'waapi',
	displayName: 'WaAPI',
	description: 'WaAPI (waapi.app): a WhatsApp Web session per instance',
	credentials: [{ type: 'waApiApi' }],
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
		description: 'The WaAPI instance (the WhatsApp number) to use',
		required: true,
		operations: [
			'contact.check',
			'instance.get',
			'instance.updateWebhook',
			'media.download',
			'message.markRead',
			'message.react',
			'message.sendMedia',
			'message.sendText',
		],
	},
	properties: [
		{
			displayName: 'Webhook Events',
			name: 'webhookEvents',
			type: 'multiOptions',
			default: ['message', 'message_ack'],
			description: "WaAPI's own event names to post. Empty means none.",
			options: [...WAAPI_EVENTS].sort().map((e) => ({ name: e, value: e })),
			displayOptions: { show: { resource: ['instance'], operation: ['updateWebhook'] } },
		},
	],
	hint(failure) {
		if (failure.httpStatus === 200 && /not ready|disconnected|qr/i.test(failure.message)) {
			return 'The WaAPI instance is not connected to a phone: open it in the WaAPI dashboard and scan the QR code, then run again. Nothing was sent.';
		}
		if (failure.httpStatus === 200) {
			return 'WaAPI reached the instance but the action failed: check that the instance is ready (Instance → Get) and the recipient.';
		}
		return undefined;
	},
	...waapiApi,
	...waapiRich,
	media: waapiMedia,
	webhookConfig: waapiWebhookConfig,
	trigger: {
		events: ['message.received', 'message.sent', 'message.status', 'instance.status', 'other'],
		defaultEvents: ['message.received'],
		notice:
			"On activation the trigger subscribes this workflow (with a secret token in the URL) to the instance's WaAPI events the selected events need, beside any other webhook of the instance; deactivation removes exactly that subscription. An account without webhook subscriptions gets the instance's webhook URL set instead (and put back on deactivation).",
		credential: 'waApiApi',
		instance: {
			description: 'The WaAPI instance (the WhatsApp number) whose events start the workflow',
			required: true,
		},
		auth: { kind: 'token' },
		registrar: waapiRegistrar,
	},
	parseWebhook: parseWaapiWebhook,
};
