// zod schemas for the On-Premises client's answers (Meta's envelope: payload + `meta` + `errors[]`).
import { z } from 'zod/v4';

export const metaSchema = z.looseObject({
	version: z.string().optional(),
	api_status: z.string().optional(),
});

export const errorEnvelopeSchema = z.object({
	errors: z
		.array(
			z.looseObject({
				code: z.union([z.number(), z.string()]).optional(),
				title: z.string().optional(),
				details: z.string().optional(),
			}),
		)
		.min(1),
});

const nodeHealthSchema = z.looseObject({ gateway_status: z.string(), role: z.string().optional() });

export const healthSchema = z.looseObject({
	// Single instance: `{gateway_status}`; multiconnect: a map "host:container" → `{gateway_status, role}`.
	health: z.union([nodeHealthSchema, z.record(z.string(), nodeHealthSchema)]),
	meta: metaSchema.optional(),
});

export const contactsSchema = z.looseObject({
	contacts: z.array(
		z.looseObject({
			input: z.union([z.string(), z.number()]),
			status: z.string(),
			wa_id: z.string().optional(),
		}),
	),
	meta: metaSchema.optional(),
});

export const messagesSchema = z.looseObject({
	messages: z.array(z.looseObject({ id: z.string().min(1) })).min(1),
	meta: metaSchema.optional(),
});
