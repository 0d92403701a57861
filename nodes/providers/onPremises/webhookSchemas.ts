// WhatsApp On-Premises webhook bodies (Meta webhooks page, unblu `Webhook-Event`): the flat shape
// `{ contacts?, messages?, statuses?, errors? }`, several messages or statuses per POST.
import { z } from 'zod';

import { metaInteractiveSchema, metaMediaSchema } from '../../shared/metaWebhook';
import { idLike } from '../../shared/zodParts';

export const onPremisesErrorSchema = z
	.object({
		code: idLike.optional(),
		title: z.string().optional(),
		details: z.string().optional(),
		href: z.string().optional(),
	})
	.passthrough();

// Media objects: the spec's Webhook-Image/-Video/-Audio/-Voice/-Document (`filename` on audio and documents).
const mediaSchema = metaMediaSchema;

export const onPremisesMessageSchema = z
	.object({
		id: z.string().min(1),
		from: z.string().optional(),
		timestamp: idLike.optional(),
		type: z.string().optional(),
		group_id: z.string().optional(),
		text: z.object({ body: z.string() }).passthrough().optional(),
		system: z.object({ body: z.string().optional() }).passthrough().optional(),
		button: z
			.object({ text: z.string().optional(), payload: z.string().nullish() })
			.passthrough()
			.optional(),
		interactive: metaInteractiveSchema.optional(),
		image: mediaSchema.optional(),
		video: mediaSchema.optional(),
		document: mediaSchema.optional(),
		audio: mediaSchema.optional(),
		voice: mediaSchema.optional(),
		sticker: mediaSchema.optional(),
		errors: z.array(onPremisesErrorSchema).optional(),
	})
	.passthrough();

export const onPremisesStatusSchema = z
	.object({
		id: z.string().min(1),
		recipient_id: z.string().optional(),
		status: z.string().optional(),
		timestamp: idLike.optional(),
		type: z.string().optional(),
		errors: z.array(onPremisesErrorSchema).optional(),
	})
	.passthrough();

export const onPremisesBodySchema = z
	.object({
		contacts: z.array(z.unknown()).optional(),
		messages: z.array(onPremisesMessageSchema).optional(),
		statuses: z.array(onPremisesStatusSchema).optional(),
		errors: z.array(onPremisesErrorSchema).optional(),
	})
	.passthrough()
	.refine(
		(b) =>
			b.messages !== undefined ||
			b.statuses !== undefined ||
			b.errors !== undefined ||
			b.contacts !== undefined,
		{
			message: 'none of messages, statuses, errors or contacts is present',
		},
	);

export type OnPremisesError = z.infer<typeof onPremisesErrorSchema>;
export type OnPremisesMessage = z.infer<typeof onPremisesMessageSchema>;
