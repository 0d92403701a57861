// Crisp WhatsApp webhook configuration (placeholder).
import type { WebhookConfigApi } from '../../shared/types';

export const crispWebhookConfig: WebhookConfigApi | undefined = undefined;
