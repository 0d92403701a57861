// Cloud API webhook bodies (Meta spec `/whatsapp/webhooks` examples; pywa `tests/data/updates/*.json`):
// `{object:"whatsapp_business_account", entry:[{id, changes:[{field, value}]}]}`; a `value` holds
// `messages[]`, `statuses[]`, `message_echoes[]` or `errors[]` with the receiving number in `metadata`.
// Senders who hide their number carry a business-scoped user id (`from_user_id`) instead of `from`.
import { z } from 'zod';

import { metaInteractiveSchema, metaMediaSchema } from '../../shared/metaWebhook';

const idLike = z.union([z.string(), z.number()]);

export const cloudErrorSchema = z
	.object({
		code: idLike.nullish(),
		title: z.string().nullish(),
		message: z.string().nullish(),
	})
	.passthrough();

const mediaSchema = metaMediaSchema;

/** What a message and an echo share: who, when, which type, and the content of each type we read. */
const contentShape = {
	id: z.string().min(1),
	timestamp: idLike.nullish(),
	type: z.string().nullish(),
	text: z.object({ body: z.string().nullish() }).passthrough().nullish(),
	image: mediaSchema.nullish(),
	video: mediaSchema.nullish(),
	document: mediaSchema.nullish(),
	audio: mediaSchema.nullish(),
	sticker: mediaSchema.nullish(),
	interactive: metaInteractiveSchema.nullish(),
	button: z
		.object({ payload: z.string().nullish(), text: z.string().nullish() })
		.passthrough()
		.nullish(),
	reaction: z
		.object({ message_id: z.string().nullish(), emoji: z.string().nullish() })
		.passthrough()
		.nullish(),
	location: z
		.object({ name: z.string().nullish(), address: z.string().nullish() })
		.passthrough()
		.nullish(),
	system: z.object({ body: z.string().nullish() }).passthrough().nullish(),
	errors: z.array(cloudErrorSchema).nullish(),
};

export const cloudMessageSchema = z
	.object({
		...contentShape,
		from: z.string().nullish(),
		from_user_id: z.string().nullish(),
		group_id: z.string().nullish(),
	})
	.passthrough();

export const cloudEchoSchema = z
	.object({
		...contentShape,
		from: z.string().nullish(),
		to: z.string().nullish(),
		to_user_id: z.string().nullish(),
	})
	.passthrough();

export const cloudStatusSchema = z
	.object({
		id: z.string().min(1),
		status: z.string().nullish(),
		timestamp: idLike.nullish(),
		recipient_id: z.string().nullish(),
		recipient_user_id: z.string().nullish(),
		errors: z.array(cloudErrorSchema).nullish(),
	})
	.passthrough();

/** A `value` that carries messages, statuses, echoes or errors. */
export const cloudValueSchema = z
	.object({
		metadata: z
			.object({
				display_phone_number: z.string().nullish(),
				phone_number_id: idLike.nullish(),
			})
			.passthrough()
			.nullish(),
		contacts: z.array(z.unknown()).nullish(),
		messages: z.array(cloudMessageSchema).nullish(),
		statuses: z.array(cloudStatusSchema).nullish(),
		message_echoes: z.array(cloudEchoSchema).nullish(),
		errors: z.array(cloudErrorSchema).nullish(),
	})
	.passthrough();

export const cloudBodySchema = z
	.object({
		object: z.literal('whatsapp_business_account').optional(),
		entry: z
			.array(
				z
					.object({
						id: idLike.nullish(),
						changes: z.array(z.object({ field: z.string(), value: z.unknown() }).passthrough()),
					})
					.passthrough(),
			)
			.min(1),
	})
	.passthrough();

export type CloudError = z.infer<typeof cloudErrorSchema>;
export type CloudMessage = z.infer<typeof cloudMessageSchema>;
export type CloudEcho = z.infer<typeof cloudEchoSchema>;
export type CloudValue = z.infer<typeof cloudValueSchema>;
