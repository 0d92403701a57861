// WhatsApp On-Premises webhook bodies (Meta webhooks page, unblu `Webhook-Event`): the flat shape
// `{ contacts?, messages?, statuses?, errors? }`, several messages or statuses per POST.
import { z } from 'zod/v4';

import { metaInteractiveSchema, metaMediaSchema } from '../../shared/metaWebhook';
import { idLike } from '../../shared/zodParts';

export const onPremisesErrorSchema = z.looseObject({
	code: idLike.optional(),
	title: z.string().optional(),
	details: z.string().optional(),
	href: z.string().optional(),
});

// Media objects: the spec's Webhook-Image/-Video/-Audio/-Voice/-Document (`filename` on audio and documents).
const mediaSchema = metaMediaSchema;

export const onPremisesMessageSchema = z.looseObject({
	id: z.string().min(1),
	from: z.string().optional(),
	timestamp: idLike.optional(),
	type: z.string().optional(),
	group_id: z.string().optional(),
	text: z.looseObject({ body: z.string() }).optional(),
	system: z.looseObject({ body: z.string().optional() }).optional(),
	button: z.looseObject({ text: z.string().optional(), payload: z.string().nullish() }).optional(),
	interactive: metaInteractiveSchema.optional(),
	image: mediaSchema.optional(),
	video: mediaSchema.optional(),
	document: mediaSchema.optional(),
	audio: mediaSchema.optional(),
	voice: mediaSchema.optional(),
	sticker: mediaSchema.optional(),
	errors: z.array(onPremisesErrorSchema).optional(),
});

export const onPremisesStatusSchema = z.looseObject({
	id: z.string().min(1),
	recipient_id: z.string().optional(),
	status: z.string().optional(),
	timestamp: idLike.optional(),
	type: z.string().optional(),
	errors: z.array(onPremisesErrorSchema).optional(),
});

export const onPremisesBodySchema = z
	.looseObject({
		contacts: z.array(z.unknown()).optional(),
		messages: z.array(onPremisesMessageSchema).optional(),
		statuses: z.array(onPremisesStatusSchema).optional(),
		errors: z.array(onPremisesErrorSchema).optional(),
	})
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
