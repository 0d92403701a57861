// WaAPI: the adapter is assembled from the action API (api.ts) and the webhook side
// (webhook.ts: inbound parsing; webhookConfig.ts: reading and writing the instance's webhook).
import type { ProviderAdapter } from '../../shared/types';
import { waapiApi } from './api';
import { parseWaapiWebhook } from './webhook';
import { waapiWebhookConfig } from './webhookConfig';

export const waapiAdapter: ProviderAdapter = {
	id: 'waapi',
	displayName: 'WaAPI',
	credentialTypes: ['waApiApi'],
	...waapiApi,
	webhookConfig: waapiWebhookConfig,
	parseWebhook: parseWaapiWebhook,
};
