// WhatsApp On-Premises: the adapter is assembled from the action API (api.ts) and the webhook side
// (webhook.ts: inbound parsing; webhookConfig.ts: reading and writing the instance's webhook).
import type { ProviderAdapter } from '../../shared/types';
import { onPremisesApi } from './api';
import { parseOnPremisesWebhook } from './webhook';
import { onPremisesWebhookConfig } from './webhookConfig';

export const onPremisesAdapter: ProviderAdapter = {
	id: 'onPremises',
	displayName: 'WhatsApp On-Premises',
	credentialTypes: ['whatsAppOnPremisesApi', 'whatsAppOnPremisesApiKeyApi'],
	...onPremisesApi,
	// n8n runs the credential's preAuthentication (POST /v1/users/login) while the session token is empty.
	logsInFirst: (credentialType, credentials) =>
		credentialType === 'whatsAppOnPremisesApi' && !credentials.sessionToken,
	webhookConfig: onPremisesWebhookConfig,
	parseWebhook: parseOnPremisesWebhook,
};
