// What the trigger reads from its parameters and keeps in the node's static data.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { GATEWAY_EVENTS, PROVIDERS } from '../shared/types';
import type { GatewayEventName, ProviderId } from '../shared/types';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export interface TriggerOptions {
	includeRaw: boolean;
	ignoreOwnMessages: boolean;
	deduplicate: boolean;
	dedupeWindowMinutes: number;
	overwriteExistingWebhook: boolean;
}

export function providerOf(ctx: TriggerContext): ProviderId {
	const value = ctx.getNodeParameter('provider', 'waapi');
	const provider = PROVIDERS.find((p) => p === value);
	if (!provider) {
		throw new NodeOperationError(ctx.getNode(), `Unknown provider "${String(value)}"`, {
			description: `Choose one of: ${PROVIDERS.join(', ')}`,
		});
	}
	return provider;
}

export function selectedEvents(ctx: TriggerContext): GatewayEventName[] {
	const value = ctx.getNodeParameter('events', []);
	const list = Array.isArray(value) ? value : [];
	return GATEWAY_EVENTS.filter((e) => list.includes(e));
}

const optionsSchema = z
	.object({
		includeRaw: z.boolean().optional(),
		ignoreOwnMessages: z.boolean().optional(),
		deduplicate: z.boolean().optional(),
		dedupeWindowMinutes: z.number().positive().optional(),
		overwriteExistingWebhook: z.boolean().optional(),
	})
	.passthrough();

export function optionsOf(ctx: TriggerContext): TriggerOptions {
	const parsed = optionsSchema.safeParse(ctx.getNodeParameter('options', {}));
	const o = parsed.success ? parsed.data : {};
	return {
		includeRaw: o.includeRaw === true,
		ignoreOwnMessages: o.ignoreOwnMessages === true,
		deduplicate: o.deduplicate === true,
		dedupeWindowMinutes: o.dedupeWindowMinutes ?? 60,
		overwriteExistingWebhook: o.overwriteExistingWebhook === true,
	};
}

/** The instance parameter (resource locator or plain string); '' when not set. */
export function instanceIdOf(ctx: TriggerContext, provider: ProviderId): string {
	if (provider !== 'waapi' && provider !== 'wsapi') return '';
	const value = ctx.getNodeParameter('instanceId', '', { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

export function webhookTokenOf(ctx: TriggerContext): string {
	const value = ctx.getNodeParameter('webhookToken', '');
	return typeof value === 'string' ? value : '';
}

// ---- static data (node scope; n8n persists it after activation and production runs) ----

const nonEmpty = z
	.string()
	.nullish()
	.transform((v) => (v ? v : null));

const registrationSchema = z.object({
	/** The exact URL registered at the provider (with `?token=` for token providers). */
	url: z.string().min(1),
	instanceId: z.string().catch(''),
	/** Token expected in the `token` query parameter (WaAPI, On-Premises). */
	token: nonEmpty,
	/** Signing secret the trigger generated and registered (WSAPI without a secret in the credential). */
	signingSecret: nonEmpty,
	/** The provider's configuration before activation, put back on deactivation. */
	previous: z
		.object({ url: nonEmpty, events: z.array(z.string()).catch([]), signingSecret: nonEmpty })
		.nullish()
		.transform((v) => v ?? null),
});

/** What the trigger registered and what it replaced, to check, authenticate and restore. */
export type Registration = z.infer<typeof registrationSchema>;

const KEY = 'registration';

export function readRegistration(staticData: IDataObject): Registration | null {
	const parsed = registrationSchema.safeParse(staticData[KEY]);
	return parsed.success ? parsed.data : null;
}

export function writeRegistration(staticData: IDataObject, registration: Registration): void {
	staticData[KEY] = {
		url: registration.url,
		instanceId: registration.instanceId,
		token: registration.token,
		signingSecret: registration.signingSecret,
		previous: registration.previous,
	};
}

export function clearRegistration(staticData: IDataObject): void {
	delete staticData[KEY];
}
