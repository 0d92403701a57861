// WSAPI inbound webhook parsing (placeholder).
import type { WebhookParser } from '../../shared/types';

export const parseWsapiWebhook: WebhookParser = () => ({ ok: false, problem: 'not implemented' });
