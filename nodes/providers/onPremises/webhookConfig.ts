// WhatsApp On-Premises webhook configuration: `GET`/`PATCH /v1/settings/application` (`webhooks.url`).
// The client posts every notification to that one URL: there is no event list to choose.
import { z } from 'zod/v4';

import type { WebhookConfigApi } from '../../shared/types';

const applicationSchema = z.looseObject({
	webhooks: z.looseObject({ url: z.string().nullish() }).nullish(),
});

// Meta documents `{ settings: { application: {…} } }`; the unofficial OpenAPI shows the object flat.
const readSchema = z.union([
	z
		.looseObject({ settings: z.looseObject({ application: applicationSchema }) })
		.transform((b) => ({ url: b.settings.application.webhooks?.url, answer: b })),
	applicationSchema.transform((b) => ({ url: b.webhooks?.url, answer: b })),
]);

export const onPremisesWebhookConfig: WebhookConfigApi = {
	async read(t) {
		const answer = await t.request(
			{
				method: 'GET',
				path: '/v1/settings/application',
				idempotent: true,
				action: 'read the application settings',
			},
			readSchema,
		);
		return { url: answer.url || null, events: [], raw: answer.answer };
	},

	async write(t, _instanceId, config) {
		const answer = await t.request(
			{
				method: 'PATCH',
				path: '/v1/settings/application',
				// An empty URL removes the webhook.
				body: { webhooks: { url: config.url ?? '' } },
				idempotent: true,
				action: 'update the webhook URL in the application settings',
			},
			z.unknown(),
		);
		return { url: config.url, events: [], raw: answer };
	},

	providerEventsFor() {
		return [];
	},
};
