// The instance locator and the instance operations' own fields.
import type { INodeProperties } from 'n8n-workflow';

import { instanceLocator } from '../../shared/instanceLocator';

export const instanceProperties: INodeProperties[] = [
	instanceLocator({
		description: 'The WaAPI instance (the WhatsApp number) to use',
		required: true,
		show: { provider: ['waapi'], operation: ['check', 'get', 'sendText', 'updateWebhook'] },
	}),
	instanceLocator({
		description:
			"The WSAPI instance. Leave empty for the credential's own instance; another instance needs the Account API Key in the credential.",
		required: false,
		show: { provider: ['wsapi'], resource: ['instance'], operation: ['get', 'updateWebhook'] },
	}),
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/…',
		description: 'Where the provider posts events. Empty removes the webhook.',
		displayOptions: { show: { resource: ['instance'], operation: ['updateWebhook'] } },
	},
	{
		displayName: 'Webhook Events',
		name: 'webhookEvents',
		type: 'multiOptions',
		default: ['message', 'message_ack'],
		description: "WaAPI's own event names to post. Empty means none.",
		options: [
			'auth_failure',
			'authenticated',
			'call',
			'change_state',
			'disconnected',
			'group_join',
			'group_leave',
			'group_update',
			'loading_screen',
			'media_uploaded',
			'message',
			'message_ack',
			'message_create',
			'message_edit',
			'message_reaction',
			'message_revoke_everyone',
			'message_revoke_me',
			'qr',
			'ready',
			'vote_update',
		].map((e) => ({ name: e, value: e })),
		displayOptions: {
			show: { provider: ['waapi'], resource: ['instance'], operation: ['updateWebhook'] },
		},
	},
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
		displayOptions: {
			show: { provider: ['wsapi'], resource: ['instance'], operation: ['updateWebhook'] },
		},
	},
];
