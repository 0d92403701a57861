// Crisp WhatsApp: the adapter is assembled from the action API (api.ts) and the webhook side
// (webhook.ts: inbound parsing; webhookConfig.ts: reading and writing the instance's webhook).
import type { ProviderAdapter } from '../../shared/types';
import { crispApi } from './api';
import { parseCrispWebhook } from './webhook';
import { crispWebhookConfig } from './webhookConfig';

export const crispAdapter: ProviderAdapter = {
	id: 'crisp',
	displayName: 'Crisp WhatsApp',
	credentialTypes: ['crispWhatsAppApi'],
	...crispApi,
	webhookConfig: crispWebhookConfig,
	parseWebhook: parseCrispWebhook,
};
