// Crisp WhatsApp inbound webhook parsing (placeholder).
import type { WebhookParser } from '../../shared/types';

export const parseCrispWebhook: WebhookParser = () => ({ ok: false, problem: 'not implemented' });
