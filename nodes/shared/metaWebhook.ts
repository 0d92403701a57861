// What Meta's two APIs (Cloud API and On-Premises) write the same way in a webhook message: a media object
// (`id`, `mime_type`, `sha256`, `caption`, `filename`) and the chosen row or button of an interactive reply.
import { z } from 'zod/v4';

export const metaMediaSchema = z.looseObject({
	id: z.union([z.string(), z.number()]).nullish(),
	mime_type: z.string().nullish(),
	sha256: z.string().nullish(),
	caption: z.string().nullish(),
	filename: z.string().nullish(),
});

export const metaReplySchema = z.looseObject({
	id: z.string().nullish(),
	title: z.string().nullish(),
});

export const metaInteractiveSchema = z.looseObject({
	type: z.string().nullish(),
	button_reply: metaReplySchema.nullish(),
	list_reply: metaReplySchema.nullish(),
});
