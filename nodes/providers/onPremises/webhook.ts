// WhatsApp On-Premises inbound webhook parsing (placeholder).
import type { WebhookParser } from '../../shared/types';

export const parseOnPremisesWebhook: WebhookParser = () => ({ ok: false, problem: 'not implemented' });
