// WaAPI webhook configuration (placeholder).
import type { WebhookConfigApi } from '../../shared/types';

export const waapiWebhookConfig: WebhookConfigApi | undefined = undefined;
