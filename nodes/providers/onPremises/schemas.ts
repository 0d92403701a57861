// zod schemas for the On-Premises client's answers (Meta's envelope: payload + `meta` + `errors[]`).
import { z } from 'zod';

export const metaSchema = z
	.object({ version: z.string().optional(), api_status: z.string().optional() })
	.passthrough();

export const errorEnvelopeSchema = z.object({
	errors: z
		.array(
			z
				.object({
					code: z.union([z.number(), z.string()]).optional(),
					title: z.string().optional(),
					details: z.string().optional(),
				})
				.passthrough(),
		)
		.min(1),
});

const nodeHealthSchema = z
	.object({ gateway_status: z.string(), role: z.string().optional() })
	.passthrough();

export const healthSchema = z
	.object({
		// Single instance: `{gateway_status}`; multiconnect: a map "host:container" → `{gateway_status, role}`.
		health: z.union([nodeHealthSchema, z.record(nodeHealthSchema)]),
		meta: metaSchema.optional(),
	})
	.passthrough();

export const contactsSchema = z
	.object({
		contacts: z.array(
			z
				.object({
					input: z.union([z.string(), z.number()]),
					status: z.string(),
					wa_id: z.string().optional(),
				})
				.passthrough(),
		),
		meta: metaSchema.optional(),
	})
	.passthrough();

export const messagesSchema = z
	.object({
		messages: z.array(z.object({ id: z.string().min(1) }).passthrough()).min(1),
		meta: metaSchema.optional(),
	})
	.passthrough();
