// WSAPI webhook configuration, with the account key (never the instance key): hosted
// `PUT /account/instances/{id}/settings` (`webhookUrl`, `eventSigningSecret`, `eventFilters`; fields left
// out keep their value), self-hosted `PUT /admin/instances/{id}/config`, which replaces the instance's
// whole configuration (wsapi-app applies defaults to whatever is left out, the instance's own API key
// included): so the current configuration is read first and written back whole with only the webhook
// fields changed.
import type { IDataObject } from 'n8n-workflow';

import type { GatewayEventName, WebhookConfig, WebhookConfigApi } from '../../shared/types';
import { ACCOUNT_HEADERS, deploymentOf } from './account';
import { instanceOrOwn, noContent, readInstanceRecord } from './instanceRecord';

// Events a selected normalised event needs; session events (logged_in, …) always come, whatever the filter.
const NEEDED: Record<GatewayEventName, string[]> = {
	'message.received': ['message'],
	'message.sent': ['message'],
	'message.status': ['message_read'],
	'instance.status': [],
	'template.result': [],
	other: [],
};

export const wsapiWebhookConfig: WebhookConfigApi = {
	async read(t, instanceId) {
		const record = await readInstanceRecord(t, instanceId);
		return {
			url: record.webhookUrl,
			events: record.eventFilters,
			signingSecret: record.signingSecret,
			raw: record.raw,
		};
	},

	async write(t, instanceId, config: WebhookConfig) {
		const id = encodeURIComponent(instanceOrOwn(t, instanceId));
		const selfHosted = deploymentOf(t) === 'selfHosted';
		let body: IDataObject;
		if (selfHosted) {
			const current = await readInstanceRecord(t, instanceId);
			body = {
				...(current.config as IDataObject),
				webhookUrl: config.url ?? '',
				eventFilters: config.events,
			};
			// Left out, the secret keeps its value; null removes it.
			if (config.signingSecret !== undefined) body.signingSecret = config.signingSecret ?? '';
		} else {
			body = { webhookUrl: config.url, eventFilters: config.events };
			if (config.signingSecret !== undefined) body.eventSigningSecret = config.signingSecret;
		}
		const answer = await t.request(
			{
				method: 'PUT',
				path: selfHosted ? `/admin/instances/${id}/config` : `/account/instances/${id}/settings`,
				body,
				headers: ACCOUNT_HEADERS,
				idempotent: true,
				action: 'update the instance webhook settings',
			},
			// 204 No Content.
			noContent,
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
