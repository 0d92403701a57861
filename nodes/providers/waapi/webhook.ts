// WaAPI inbound webhook parsing (placeholder).
import type { WebhookParser } from '../../shared/types';

export const parseWaapiWebhook: WebhookParser = () => ({ ok: false, problem: 'not implemented' });
