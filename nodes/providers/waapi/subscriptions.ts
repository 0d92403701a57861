// The trigger's registration at WaAPI: a webhook subscription of the instance (`POST /instances/{id}/webhooks`
// `{ url, events, source }` → `data.id`; `DELETE …/webhooks/{subscriptionId}`), as WaAPI's PHP SDK and its
// Make app do. An instance has several, so several workflows can listen to one number and the instance's own
// webhook URL, someone else's perhaps, is left alone. An account that refuses subscriptions (403: a token
// without the update scope; 404: no such route) falls back to the instance's one webhook URL.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { WebhookRegistrar } from '../../shared/adapter';
import { ProviderError } from '../../shared/errors';
import { configRegistrar } from '../../shared/registration';
import type { Transport } from '../../shared/types';
import { instancePath } from './instanceRecord';
import { waapiWebhookConfig } from './webhookConfig';
import { parseBody } from '../../shared/zodParts';

const id = z.union([z.string(), z.number()]).transform(String);
const subscriptionSchema = z.looseObject({ id, url: z.string().nullish() });
const createdSchema = z.looseObject({ data: subscriptionSchema });
const listSchema = z.looseObject({ data: z.array(subscriptionSchema) });
const stateSchema = z.object({ subscriptionId: z.string().min(1) });

const fallback = configRegistrar(waapiWebhookConfig);

function subscriptionOf(state: IDataObject): string | null {
	const parsed = parseBody(stateSchema, state);
	return parsed.success ? parsed.data.subscriptionId : null;
}

const path = (t: Transport, instanceId: string, subscriptionId?: string) =>
	`${instancePath(instanceId || t.instanceId || '')}/webhooks${subscriptionId ? `/${encodeURIComponent(subscriptionId)}` : ''}`;

/** Whether the account refused the subscription routes themselves (not a failure of this one call). */
function refusesSubscriptions(error: unknown): boolean {
	return (
		error instanceof ProviderError &&
		(error.failure.httpStatus === 403 || error.failure.httpStatus === 404)
	);
}

/** The error again, as the provider failure it is (the transport fails with nothing else). */
function again(t: Transport, error: unknown): ProviderError {
	if (error instanceof ProviderError) return new ProviderError(error.failure);
	return new ProviderError({
		provider: t.provider,
		providerName: t.providerName,
		action: 'manage the webhook subscriptions',
		httpStatus: null,
		message: error instanceof Error ? error.message : String(error),
	});
}

/** A request's answer, or the error it failed with (to look at before deciding whether it is final). */
async function settle<T>(
	request: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	return await request.then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
}

async function remove(t: Transport, instanceId: string, subscriptionId: string): Promise<void> {
	const outcome = await settle(
		t.request(
			{
				method: 'DELETE',
				path: path(t, instanceId, subscriptionId),
				idempotent: true,
				action: 'delete the webhook subscription',
			},
			z.unknown(),
		),
	);
	// Already gone (404): what deleting it was for.
	if (
		outcome.ok ||
		(outcome.error instanceof ProviderError && outcome.error.failure.httpStatus === 404)
	)
		return;
	throw again(t, outcome.error);
}

export const waapiRegistrar: WebhookRegistrar = {
	async register(t, request) {
		const earlier = request.earlier ? subscriptionOf(request.earlier.state) : null;
		// A subscription an earlier activation left behind carries an old token: it goes.
		if (earlier) await remove(t, request.instanceId, earlier);
		const created = await settle(
			t.request(
				{
					method: 'POST',
					path: path(t, request.instanceId),
					body: {
						url: request.url,
						events: waapiWebhookConfig.providerEventsFor(request.events),
						source: 'n8n',
					},
					// Subscribing a URL again answers the existing subscription.
					idempotent: true,
					action: 'subscribe the workflow to the instance',
				},
				createdSchema,
			),
		);
		if (created.ok) return { state: { subscriptionId: created.value.data.id }, notes: [] };
		if (!refusesSubscriptions(created.error)) throw again(t, created.error);
		const registered = await fallback.register(t, request);
		return {
			state: registered.state,
			notes: [
				'the account does not allow webhook subscriptions: the instance webhook URL was set instead',
				...registered.notes,
			],
		};
	},

	async isRegistered(t, record) {
		const subscriptionId = subscriptionOf(record.state);
		if (!subscriptionId) return await fallback.isRegistered(t, record);
		const list = await t.request(
			{
				method: 'GET',
				path: path(t, record.instanceId),
				idempotent: true,
				action: 'list the webhook subscriptions',
			},
			listSchema,
		);
		return list.data.some((s) => s.id === subscriptionId && s.url === record.url);
	},

	async unregister(t, record) {
		const subscriptionId = subscriptionOf(record.state);
		if (!subscriptionId) return await fallback.unregister(t, record);
		await remove(t, record.instanceId, subscriptionId);
	},
};
