// WSAPI: the adapter is assembled from the action API (api.ts) and the webhook side
// (webhook.ts: inbound parsing; webhookConfig.ts: reading and writing the instance's webhook).
import type { ProviderAdapter } from '../../shared/types';
import { wsapiApi } from './api';
import { parseWsapiWebhook } from './webhook';
import { wsapiWebhookConfig } from './webhookConfig';

export const wsapiAdapter: ProviderAdapter = {
	id: 'wsapi',
	displayName: 'WSAPI',
	credentialTypes: ['wsApiApi'],
	...wsapiApi,
	webhookConfig: wsapiWebhookConfig,
	parseWebhook: parseWsapiWebhook,
};
