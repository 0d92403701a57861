// Crisp bodies reaching the trigger: Crisp Web Hooks `{ website_id, event, data, timestamp }`
// (docs.crisp.chat web-hooks quickstart) and the WhatsApp plugin's send callback. The callback's JSON is
// not public (a guess): the Crisp envelope `{ error, reason, data: { request_id, … } }`
// and a flat `{ request_id, … }` are both accepted.
import { z } from 'zod/v4';
import { idLike } from '../../shared/zodParts';

export const crispWebHookSchema = z.looseObject({
	website_id: z.string().optional(),
	event: z.string().min(1),
	data: z.unknown().optional(),
	timestamp: idLike.optional(),
});

export const crispMessageDataSchema = z.looseObject({
	website_id: z.string().optional(),
	session_id: z.string().optional(),
	type: z.string().optional(),
	// A string for text messages, an object for files, pickers, …
	content: z.unknown().optional(),
	from: z.string().optional(),
	origin: z.string().optional(),
	timestamp: idLike.optional(),
	fingerprint: idLike.optional(),
	user: z
		.looseObject({
			nickname: z.string().optional(),
			user_id: z.string().optional(),
			phone: z.string().optional(),
		})
		.optional(),
});

export const crispFileContentSchema = z.looseObject({
	url: z.string().min(1),
	type: z.string().nullish(),
	name: z.string().nullish(),
});

const callbackDataSchema = z.looseObject({
	request_id: z.string().min(1),
	crisp_fingerprint: idLike.nullish(),
	whatsapp_message_id: z.string().nullish(),
	session_id: z.string().nullish(),
	message: z.string().nullish(),
	error: z.union([z.string(), z.boolean()]).nullish(),
	reason: z.string().nullish(),
});

const callbackEnvelopeSchema = z.looseObject({
	error: z.boolean().nullish(),
	reason: z.string().nullish(),
	message: z.string().nullish(),
	data: callbackDataSchema,
});

/** The send callback in either shape, flattened. */
export const crispCallbackSchema = z.union([
	callbackEnvelopeSchema.transform((b) => ({
		failed: b.error === true || b.data.error === true || typeof b.data.error === 'string',
		reason: b.reason ?? b.data.reason ?? null,
		message:
			b.data.message ?? b.message ?? (typeof b.data.error === 'string' ? b.data.error : null),
		data: b.data,
	})),
	callbackDataSchema.transform((d) => ({
		failed: d.error === true || typeof d.error === 'string',
		reason: d.reason ?? null,
		message: d.message ?? (typeof d.error === 'string' ? d.error : null),
		data: d,
	})),
]);
