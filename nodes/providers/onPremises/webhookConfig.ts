// WhatsApp On-Premises webhook configuration (placeholder).
import type { WebhookConfigApi } from '../../shared/types';

export const onPremisesWebhookConfig: WebhookConfigApi | undefined = undefined;
