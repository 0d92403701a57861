// WaAPI webhook configuration: `GET /instances/{id}` (`webhook_url`, `webhook_events`) and
// `PUT /instances/{id}` `{ webhook: { url, events } }` (null url / [] events reset them).
import { z } from 'zod/v4';

import type {
	GatewayEventName,
	Transport,
	WebhookConfig,
	WebhookConfigApi,
} from '../../shared/types';
import { instancePath, readInstance } from './instanceRecord';
import { WAAPI_STATE_EVENTS } from './webhook';

/** Every event WaAPI can post (spec enum and the PHP SDK's WebhookEvent::ALL). */
export const WAAPI_EVENTS = [
	'message',
	'loading_screen',
	'qr',
	'authenticated',
	'auth_failure',
	'ready',
	'disconnected',
	'message_create',
	'message_edit',
	'message_revoke_everyone',
	'message_revoke_me',
	'message_ack',
	'message_reaction',
	'media_uploaded',
	'group_join',
	'group_leave',
	'group_update',
	'change_state',
	'call',
	'vote_update',
];

const NEEDED: Record<Exclude<GatewayEventName, 'other' | 'template.result'>, string[]> = {
	'message.received': ['message'],
	'message.sent': ['message_create'],
	'message.status': ['message_ack'],
	'instance.status': WAAPI_STATE_EVENTS,
};
const NAMED = new Set(Object.values(NEEDED).flat());

const writeSchema = z.looseObject({
	data: z
		.looseObject({
			instanceWebhook: z.string().nullish(),
			instanceEvents: z.array(z.string()).nullish(),
		})
		.optional(),
});

function pathFor(t: Transport, instanceId: string): string {
	return instancePath(instanceId.trim() || t.instanceId || '');
}

export const waapiWebhookConfig: WebhookConfigApi = {
	async read(t, instanceId) {
		const { instance, raw } = await readInstance(t, instanceId, 'read the instance webhook');
		return { url: instance.webhook_url || null, events: instance.webhook_events ?? [], raw };
	},

	async write(t, instanceId, config: WebhookConfig) {
		const answer = await t.request(
			{
				method: 'PUT',
				path: pathFor(t, instanceId),
				body: { webhook: { url: config.url, events: config.events } },
				idempotent: true,
				action: 'update the instance webhook',
			},
			writeSchema,
		);
		return {
			url: answer.data?.instanceWebhook ?? config.url,
			events: answer.data?.instanceEvents ?? config.events,
			raw: answer,
		};
	},

	providerEventsFor(events) {
		const wanted = new Set<string>();
		for (const event of events) {
			// `other` is "anything else": every event no named one stands for.
			const names =
				event === 'other'
					? WAAPI_EVENTS.filter((e) => !NAMED.has(e))
					: event === 'template.result'
						? []
						: NEEDED[event];
			for (const name of names) wanted.add(name);
		}
		return WAAPI_EVENTS.filter((e) => wanted.has(e));
	},
};
