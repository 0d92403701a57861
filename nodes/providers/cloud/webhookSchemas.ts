// Cloud API webhook bodies (Meta spec `/whatsapp/webhooks` examples; pywa `tests/data/updates/*.json`):
// `{object:"whatsapp_business_account", entry:[{id, changes:[{field, value}]}]}`; a `value` holds
// `messages[]`, `statuses[]`, `message_echoes[]` or `errors[]` with the receiving number in `metadata`.
// Senders who hide their number carry a business-scoped user id (`from_user_id`) instead of `from`.
import { z } from 'zod/v4';

import { metaInteractiveSchema, metaMediaSchema } from '../../shared/metaWebhook';

const idLike = z.union([z.string(), z.number()]);

export const cloudErrorSchema = z.looseObject({
	code: idLike.nullish(),
	title: z.string().nullish(),
	message: z.string().nullish(),
});

const mediaSchema = metaMediaSchema;

/** What a message and an echo share: who, when, which type, and the content of each type we read. */
const contentShape = {
	id: z.string().min(1),
	timestamp: idLike.nullish(),
	type: z.string().nullish(),
	text: z.looseObject({ body: z.string().nullish() }).nullish(),
	image: mediaSchema.nullish(),
	video: mediaSchema.nullish(),
	document: mediaSchema.nullish(),
	audio: mediaSchema.nullish(),
	sticker: mediaSchema.nullish(),
	interactive: metaInteractiveSchema.nullish(),
	button: z.looseObject({ payload: z.string().nullish(), text: z.string().nullish() }).nullish(),
	reaction: z
		.looseObject({ message_id: z.string().nullish(), emoji: z.string().nullish() })
		.nullish(),
	location: z.looseObject({ name: z.string().nullish(), address: z.string().nullish() }).nullish(),
	system: z.looseObject({ body: z.string().nullish() }).nullish(),
	errors: z.array(cloudErrorSchema).nullish(),
};

export const cloudMessageSchema = z.looseObject({
	...contentShape,
	from: z.string().nullish(),
	from_user_id: z.string().nullish(),
	group_id: z.string().nullish(),
});

export const cloudEchoSchema = z.looseObject({
	...contentShape,
	from: z.string().nullish(),
	to: z.string().nullish(),
	to_user_id: z.string().nullish(),
});

export const cloudStatusSchema = z.looseObject({
	id: z.string().min(1),
	status: z.string().nullish(),
	timestamp: idLike.nullish(),
	recipient_id: z.string().nullish(),
	recipient_user_id: z.string().nullish(),
	errors: z.array(cloudErrorSchema).nullish(),
});

/** A `value` that carries messages, statuses, echoes or errors. */
export const cloudValueSchema = z.looseObject({
	metadata: z
		.looseObject({
			display_phone_number: z.string().nullish(),
			phone_number_id: idLike.nullish(),
		})
		.nullish(),
	contacts: z.array(z.unknown()).nullish(),
	messages: z.array(cloudMessageSchema).nullish(),
	statuses: z.array(cloudStatusSchema).nullish(),
	message_echoes: z.array(cloudEchoSchema).nullish(),
	errors: z.array(cloudErrorSchema).nullish(),
});

export const cloudBodySchema = z.looseObject({
	object: z.literal('whatsapp_business_account').optional(),
	entry: z
		.array(
			z.looseObject({
				id: idLike.nullish(),
				changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
			}),
		)
		.min(1),
});

export type CloudError = z.infer<typeof cloudErrorSchema>;
export type CloudMessage = z.infer<typeof cloudMessageSchema>;
export type CloudEcho = z.infer<typeof cloudEchoSchema>;
export type CloudValue = z.infer<typeof cloudValueSchema>;
