// WhatsApp On-Premises (Meta's self-hosted Business API client, sunset by Meta): what it is and offers,
// assembled from the action API (api.ts), the webhook side (webhook.ts: inbound parsing;
// webhookConfig.ts: the application settings' webhook URL).
import type { ProviderAdapter } from '../../shared/adapter';
import { configRegistrar } from '../../shared/registration';
import { onPremisesApi } from './api';
import { onPremisesRich } from './rich';
import { onPremisesMedia } from './media';
import { parseOnPremisesWebhook } from './webhook';
import { onPremisesWebhookConfig } from './webhookConfig';

export const onPremisesAdapter: ProviderAdapter = {
	id: 'onPremises',
	displayName: 'WhatsApp On-Premises',
	description: "Meta's self-hosted WhatsApp Business API client (sunset by Meta)",
	credentials: [
		{
			type: 'whatsAppOnPremisesApi',
			authentication: {
				value: 'login',
				name: 'Login (Username and Password)',
				description: 'Full access: messages, contacts, settings',
			},
			// n8n runs the credential's preAuthentication (POST /v1/users/login) while the session token is empty.
			logsInFirst: (credentials) => !credentials.sessionToken,
		},
		{
			type: 'whatsAppOnPremisesApiKeyApi',
			authentication: {
				value: 'apiKey',
				name: 'API Key',
				description: 'The WA_API_KEY of the Webapp: health only',
			},
			operations: ['instance.get'],
			notice:
				'The API-key credential may only read the health of the Webapp. To send messages, check contacts or change the webhook, choose Login.',
		},
	],
	operations: [
		'contact.check',
		'instance.get',
		'instance.updateWebhook',
		'media.download',
		'message.markRead',
		'message.sendInteractive',
		'message.sendMedia',
		'message.sendTemplate',
		'message.sendText',
	],
	properties: [
		{
			displayName: 'Template Namespace',
			name: 'templateNamespace',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. cdb2df51_9816_c754_c5a4_64cdabdcad3e',
			description:
				"The namespace of the business's templates (WhatsApp Manager → Message Templates)",
			displayOptions: { show: { resource: ['message'], operation: ['sendTemplate'] } },
		},
	],
	options: [
		{
			displayName: 'Legacy HSM Format',
			name: 'legacyHsm',
			type: 'boolean',
			default: false,
			description:
				'Whether to send the template in the legacy `hsm` form, for Webapp versions before templates',
			displayOptions: { show: { '/operation': ['sendTemplate'] } },
		},
	],
	hint(failure) {
		const code = String(failure.code);
		if (code === '1013') {
			return 'The recipient is not a valid WhatsApp user: check the number (with country code) or run Check Contacts first.';
		}
		if (code === '470') {
			return 'The last message from this user is more than 24 hours old: send a template message instead of free text.';
		}
		if (code === '1015') {
			return 'The provider is rate limiting: lower Max Requests per Second or Concurrency in the options, or raise Max Retries.';
		}
		return undefined;
	},
	...onPremisesApi,
	...onPremisesRich,
	media: onPremisesMedia,
	webhookConfig: onPremisesWebhookConfig,
	trigger: {
		events: ['message.received', 'message.status', 'other'],
		defaultEvents: ['message.received'],
		notice:
			"On activation the trigger sets the client's webhook URL (Settings › Application, with a secret token in the URL) to this workflow and puts the previous one back on deactivation. Production clients need an HTTPS URL.",
		credential: 'whatsAppOnPremisesApi',
		auth: { kind: 'token' },
		registrar: configRegistrar(onPremisesWebhookConfig),
	},
	parseWebhook: parseOnPremisesWebhook,
};
