// Crisp WhatsApp: no API sets the plugin's callback URL or the website's Web Hooks, so the user pastes the
// trigger's URL (with its token) in the Crisp dashboard; the trigger shows how.
import type { WebhookConfigApi } from '../../shared/types';

export const crispWebhookConfig: WebhookConfigApi | undefined = undefined;
