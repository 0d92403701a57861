// A number's webhook override (Meta "Webhook overrides"; Meta spec `WebhookConfiguration`; pywa
// `set_phone_alternate_callback_url`): read with `GET /{phone-number-id}?fields=webhook_configuration`,
// set with `POST /{phone-number-id}` `{webhook_configuration:{override_callback_uri, verify_token}}`
// (Meta first verifies the URL with its GET handshake, using that verify token), removed with an empty
// `override_callback_uri`. Only message-related fields follow an override; template and account events
// always go to the app's callback. Meta never returns verify tokens.
import { z } from 'zod/v4';

import type { WebhookConfigApi } from '../../shared/types';
import { numberPath } from './api';
import { successSchema, webhookConfigurationSchema } from './schemas';

const overrideSchema = z.looseObject({
	id: z.unknown().optional(),
	webhook_configuration: webhookConfigurationSchema.nullish(),
});

export const cloudWebhookConfig: WebhookConfigApi = {
	async read(t, instanceId) {
		const action = "read the phone number's webhook override";
		const answer = await t.request(
			{
				method: 'GET',
				path: numberPath(t, instanceId, action),
				qs: { fields: 'webhook_configuration' },
				idempotent: true,
				action,
			},
			overrideSchema,
		);
		return { url: answer.webhook_configuration?.phone_number || null, events: [], raw: answer };
	},

	async write(t, instanceId, config, item) {
		const url = config.url ?? '';
		const action =
			url === ''
				? "remove the phone number's webhook override"
				: "set the phone number's webhook override";
		const path = numberPath(t, instanceId, action);
		const verifyToken = config.verifyToken ?? item?.text('verifyToken') ?? '';
		if (url !== '' && verifyToken === '') {
			t.fail({
				action,
				httpStatus: null,
				message:
					'the Verify Token is empty: Meta verifies the URL with a GET carrying it, which the endpoint must answer with the challenge',
			});
		}
		const answer = await t.request(
			{
				method: 'POST',
				path,
				body: {
					webhook_configuration:
						url === ''
							? { override_callback_uri: '' }
							: { override_callback_uri: url, verify_token: verifyToken },
				},
				idempotent: true,
				action,
			},
			successSchema,
		);
		if (!answer.success) {
			t.fail({ action, httpStatus: 200, message: 'Meta answered success: false' });
		}
		return { url: url === '' ? null : url, events: [], raw: answer };
	},

	// An override carries every message-related field the app subscribes to: there is no list to choose.
	providerEventsFor() {
		return [];
	},
};
