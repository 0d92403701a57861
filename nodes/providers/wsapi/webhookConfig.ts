// WSAPI webhook configuration, with the account key (never the instance key): hosted
// `GET /account/instances/{id}` + `PUT …/settings` (`webhookUrl`, `eventSigningSecret`, `eventFilters`),
// self-hosted `GET /admin/instances/{id}` + `PUT …/config` (`webhookUrl`, `signingSecret`, `eventFilters`).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { WSAPI_AUTH_ACCOUNT, WSAPI_AUTH_MARKER } from '../../../credentials/WsApiApi.credentials';
import { credentialField } from '../../shared/transport';
import type {
	GatewayEventName,
	Transport,
	WebhookConfig,
	WebhookConfigApi,
} from '../../shared/types';

// Asks the credential's authenticate to send the account (customer/admin) key instead of the instance key.
const ACCOUNT_AUTH_HEADERS: IDataObject = { [WSAPI_AUTH_MARKER]: WSAPI_AUTH_ACCOUNT };

const filtersSchema = z.array(z.string()).nullish();

const hostedReadSchema = z
	.object({
		settings: z
			.object({
				webhookUrl: z.string().nullish(),
				eventSigningSecret: z.string().nullish(),
				eventFilters: filtersSchema,
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();

const selfHostedReadSchema = z
	.object({
		config: z
			.object({
				webhookUrl: z.string().nullish(),
				signingSecret: z.string().nullish(),
				eventFilters: filtersSchema,
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();

// Events a selected normalised event needs; session events (logged_in, …) always come, whatever the filter.
const NEEDED: Record<GatewayEventName, string[]> = {
	'message.received': ['message'],
	'message.sent': ['message'],
	'message.status': ['message_read'],
	'instance.status': [],
	'template.result': [],
	other: [],
};

function target(t: Transport, instanceId: string): { selfHosted: boolean; id: string } {
	const id = instanceId.trim() || credentialField(t, 'instanceId');
	return {
		selfHosted: credentialField(t, 'deployment') === 'selfHosted',
		id: encodeURIComponent(id),
	};
}

export const wsapiWebhookConfig: WebhookConfigApi | undefined = {
	async read(t, instanceId) {
		const { selfHosted, id } = target(t, instanceId);
		const action = 'read the instance webhook settings';
		if (selfHosted) {
			const answer = await t.request(
				{
					method: 'GET',
					path: `/admin/instances/${id}`,
					headers: ACCOUNT_AUTH_HEADERS,
					idempotent: true,
					action,
				},
				selfHostedReadSchema,
			);
			return {
				url: answer.config?.webhookUrl || null,
				events: answer.config?.eventFilters ?? [],
				signingSecret: answer.config?.signingSecret || null,
				raw: answer,
			};
		}
		const answer = await t.request(
			{
				method: 'GET',
				path: `/account/instances/${id}`,
				headers: ACCOUNT_AUTH_HEADERS,
				idempotent: true,
				action,
			},
			hostedReadSchema,
		);
		return {
			url: answer.settings?.webhookUrl || null,
			events: answer.settings?.eventFilters ?? [],
			signingSecret: answer.settings?.eventSigningSecret || null,
			raw: answer,
		};
	},

	async write(t, instanceId, config: WebhookConfig) {
		const { selfHosted, id } = target(t, instanceId);
		const body: IDataObject = selfHosted
			? { webhookUrl: config.url ?? '', eventFilters: config.events }
			: { webhookUrl: config.url, eventFilters: config.events };
		// Left out, the secret keeps its value; null (or '' self-hosted) removes it.
		if (config.signingSecret !== undefined) {
			if (selfHosted) body.signingSecret = config.signingSecret ?? '';
			else body.eventSigningSecret = config.signingSecret;
		}
		const answer = await t.request(
			{
				method: 'PUT',
				path: selfHosted ? `/admin/instances/${id}/config` : `/account/instances/${id}/settings`,
				body,
				headers: ACCOUNT_AUTH_HEADERS,
				idempotent: true,
				action: 'update the instance webhook settings',
			},
			// 204 No Content.
			z.unknown(),
		);
		return {
			url: config.url,
			events: config.events,
			signingSecret: config.signingSecret,
			raw: answer,
		};
	},

	providerEventsFor(events) {
		// An empty filter means every event: what `other` ("anything else") needs.
		if (events.includes('other')) return [];
		return [...new Set(events.flatMap((e) => NEEDED[e]))];
	},
};
