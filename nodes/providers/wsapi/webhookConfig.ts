// WSAPI webhook configuration (placeholder).
import type { WebhookConfigApi } from '../../shared/types';

export const wsapiWebhookConfig: WebhookConfigApi | undefined = undefined;
