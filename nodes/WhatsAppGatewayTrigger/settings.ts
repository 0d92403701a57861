// What the trigger reads from its parameters and keeps in the node's static data.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ProviderAdapter } from '../shared/adapter';
import { adapterOf } from '../shared/providerContext';
import { GATEWAY_EVENTS } from '../shared/types';
import type { GatewayEventName } from '../shared/types';
import { parseBody } from '../shared/zodParts';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export interface TriggerOptions {
	includeRaw: boolean;
	ignoreOwnMessages: boolean;
	deduplicate: boolean;
	dedupeWindowMinutes: number;
	overwriteExistingWebhook: boolean;
	downloadMedia: boolean;
	maxMediaSizeMb: number;
}

/** A parameter of the trigger node as stored (undefined when not set or not shown). */
export function paramOf(ctx: TriggerContext) {
	// null, not undefined: without a fallback n8n throws for a parameter that is not set.
	return (name: string): unknown => ctx.getNodeParameter(name, null);
}

export function adapterOfTrigger(ctx: TriggerContext): ProviderAdapter {
	return adapterOf(ctx.getNode(), paramOf(ctx));
}

export function selectedEvents(ctx: TriggerContext): GatewayEventName[] {
	const value = ctx.getNodeParameter('events', []);
	const list = Array.isArray(value) ? value : [];
	return GATEWAY_EVENTS.filter((e) => list.includes(e));
}

const optionsSchema = z.looseObject({
	includeRaw: z.boolean().optional(),
	ignoreOwnMessages: z.boolean().optional(),
	deduplicate: z.boolean().optional(),
	dedupeWindowMinutes: z.number().positive().optional(),
	overwriteExistingWebhook: z.boolean().optional(),
	downloadMedia: z.boolean().optional(),
	maxMediaSizeMb: z.number().optional(),
});

export function optionsOf(ctx: TriggerContext): TriggerOptions {
	const parsed = parseBody(optionsSchema, ctx.getNodeParameter('options', {}));
	const o = parsed.success ? parsed.data : {};
	return {
		includeRaw: o.includeRaw === true,
		ignoreOwnMessages: o.ignoreOwnMessages === true,
		deduplicate: o.deduplicate === true,
		dedupeWindowMinutes: o.dedupeWindowMinutes ?? 60,
		overwriteExistingWebhook: o.overwriteExistingWebhook === true,
		downloadMedia: o.downloadMedia === true,
		// Bounded whatever was typed: memory is held per file until n8n stores it.
		maxMediaSizeMb: Math.min(100, Math.max(1, o.maxMediaSizeMb ?? 25)),
	};
}

/** The instance parameter (resource locator or plain string) where the provider has one; '' otherwise. */
export function instanceIdOf(ctx: TriggerContext, adapter: ProviderAdapter): string {
	if (!adapter.trigger.instance) return '';
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

const registrationSchema = z
	.object({
		/** The exact URL registered at the provider (with `?token=` for token providers). */
		url: z.string().min(1),
		instanceId: z.string().catch(''),
		/** Token expected in the `token` query parameter. */
		token: nonEmpty,
		/** Signing secret the trigger generated and registered (the credential had none). */
		signingSecret: nonEmpty,
		/** What the registrar needs to remove the registration (the previous configuration, an id, …). */
		state: z.record(z.string(), z.unknown()).optional(),
		/** Written by earlier versions: the configuration to put back, now part of `state`. */
		previous: z.unknown().optional(),
	})
	.transform(({ previous, state, ...rest }) => ({
		...rest,
		state: (state ??
			(previous !== undefined
				? { previous, wroteSecret: rest.signingSecret !== null }
				: {})) as IDataObject,
	}));

/** What the trigger registered, to check, authenticate and remove. */
export type Registration = z.infer<typeof registrationSchema>;

const KEY = 'registration';

export function readRegistration(staticData: IDataObject): Registration | null {
	const parsed = parseBody(registrationSchema, staticData[KEY]);
	return parsed.success ? parsed.data : null;
}

export function writeRegistration(staticData: IDataObject, registration: Registration): void {
	staticData[KEY] = {
		url: registration.url,
		instanceId: registration.instanceId,
		token: registration.token,
		signingSecret: registration.signingSecret,
		state: registration.state,
	};
}

export function clearRegistration(staticData: IDataObject): void {
	delete staticData[KEY];
}
