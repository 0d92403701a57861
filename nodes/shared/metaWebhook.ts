// What Meta's two APIs (Cloud API and On-Premises) write the same way in a webhook message: a media object
// (`id`, `mime_type`, `sha256`, `caption`, `filename`) and the chosen row or button of an interactive reply.
import { z } from 'zod';

export const metaMediaSchema = z
	.object({
		id: z.union([z.string(), z.number()]).nullish(),
		mime_type: z.string().nullish(),
		sha256: z.string().nullish(),
		caption: z.string().nullish(),
		filename: z.string().nullish(),
	})
	.passthrough();

export const metaReplySchema = z
	.object({ id: z.string().nullish(), title: z.string().nullish() })
	.passthrough();

export const metaInteractiveSchema = z
	.object({
		type: z.string().nullish(),
		button_reply: metaReplySchema.nullish(),
		list_reply: metaReplySchema.nullish(),
	})
	.passthrough();
