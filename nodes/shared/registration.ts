// Registering the trigger by rewriting an instance's one webhook configuration (URL, events, secret):
// read what is there, refuse to take over someone else's webhook unless allowed, write ours, and on
// deactivation put back what was there, if the webhook is still ours.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { RegisterRequest, Registered, WebhookRegistrar } from './adapter';
import { SetupError } from './errors';
import type { Transport, WebhookConfigApi } from './types';
import { parseBody } from './zodParts';

/** The URL without its query: what an error may show (another workflow's token must not leak) and compare. */
export function withoutQuery(url: string): string {
	const cut = url.search(/[?#]/);
	return cut === -1 ? url : url.slice(0, cut);
}

/** The refusal to take over a webhook that points elsewhere. */
export function takeoverRefused(t: Transport, instanceId: string, url: string): SetupError {
	const where = instanceId ? ` instance ${instanceId}` : '';
	return new SetupError(
		`The ${t.providerName}${where} already sends its webhooks to ${withoutQuery(url)}`,
		'Another workflow or system receives these events. Point it elsewhere first, or turn on the option Overwrite Existing Webhook.',
	);
}

const nullable = z
	.string()
	.nullish()
	.transform((v) => (v ? v : null));

const previousSchema = z
	.object({ url: nullable, events: z.array(z.string()).catch([]), signingSecret: nullable })
	.nullish()
	.transform((v) => v ?? null);

const stateSchema = z.object({ previous: previousSchema, wroteSecret: z.boolean().catch(false) });

function stateOf(record: { state: IDataObject } | undefined) {
	const parsed = parseBody(stateSchema, record?.state ?? {});
	return parsed.success ? parsed.data : { previous: null, wroteSecret: false };
}

export function configRegistrar(api: WebhookConfigApi): WebhookRegistrar {
	return {
		async register(t, request: RegisterRequest): Promise<Registered> {
			const { instanceId } = request;
			const current = await api.read(t, instanceId);
			const pointsHere =
				current.url !== null && withoutQuery(current.url) === withoutQuery(request.webhookUrl);
			if (current.url !== null && !pointsHere && !request.overwrite) {
				throw takeoverRefused(t, instanceId, current.url);
			}
			// A URL that is already ours (an activation never deactivated) is not worth restoring.
			const previous = pointsHere
				? stateOf(request.earlier).previous
				: {
						url: current.url,
						events: current.events,
						signingSecret: current.signingSecret ?? null,
					};
			const wroteSecret = request.signingSecret !== undefined;
			await api.write(t, instanceId, {
				url: request.url,
				events: api.providerEventsFor(request.events),
				...(wroteSecret ? { signingSecret: request.signingSecret } : {}),
			});
			const notes =
				current.url !== null && !pointsHere
					? [
							`took over the webhook of ${withoutQuery(current.url)}; it is put back on deactivation`,
						]
					: [];
			return { state: { previous, wroteSecret }, notes };
		},

		async isRegistered(t, record) {
			const current = await api.read(t, record.instanceId);
			return current.url === record.url;
		},

		async unregister(t, record) {
			const current = await api.read(t, record.instanceId);
			// Someone pointed the instance elsewhere since: that is theirs now, leave it.
			if (current.url !== record.url) return;
			const { previous, wroteSecret } = stateOf(record);
			await api.write(t, record.instanceId, {
				url: previous?.url ?? null,
				events: previous?.events ?? [],
				...(wroteSecret ? { signingSecret: previous?.signingSecret ?? null } : {}),
			});
		},
	};
}
