// WaAPI webhook bodies (waapi.readme.io, make-waapi samples): `{ event, instanceId, data }`, with the
// whatsapp-web.js message object under `data.message`. Lenient: every inner field is optional.
import { z } from 'zod/v4';
import { idLike } from '../../shared/zodParts';

export const waapiEnvelopeSchema = z.looseObject({
	event: z.string().min(1),
	// A string in the readme, a number in the samples.
	instanceId: idLike.nullish(),
	data: z.unknown().optional(),
});

// whatsapp-web.js sends the id as an object; a string id is tried second, so the common case fails no branch.
const messageIdSchema = z.union([
	z.looseObject({
		_serialized: z.string().optional(),
		id: z.string().optional(),
		fromMe: z.boolean().optional(),
		remote: z.string().optional(),
	}),
	z.string(),
]);

export const waapiMessageSchema = z.looseObject({
	id: messageIdSchema.optional(),
	fromMe: z.boolean().optional(),
	from: z.string().optional(),
	to: z.string().optional(),
	author: z.string().nullish(),
	body: z.string().nullish(),
	type: z.string().optional(),
	timestamp: idLike.optional(),
	ack: z.number().optional(),
	hasMedia: z.boolean().optional(),
	// whatsapp-web.js Message: the row or button a list/buttons response chose.
	selectedButtonId: z.string().nullish(),
	selectedRowId: z.string().nullish(),
	// whatsapp-web.js keeps the media's description in the raw message (`filehash`: base64 SHA-256).
	_data: z
		.looseObject({
			mimetype: z.string().nullish(),
			size: z.number().nullish(),
			filename: z.string().nullish(),
			filehash: z.string().nullish(),
		})
		.nullish(),
});

/** The media a `message` webhook carries beside the message (waapi.readme.io message event). */
export const waapiInlineMediaSchema = z.looseObject({
	mimetype: z.string().nullish(),
	data: z.string().nullish(),
	filename: z.string().nullish(),
	filesize: z.number().nullish(),
});

export type WaapiMessage = z.infer<typeof waapiMessageSchema>;

/** `data` of message / message_create: `{ message }`, or (defensively) the message itself. */
export const waapiMessageDataSchema = z.union([
	z.looseObject({ message: waapiMessageSchema }),
	waapiMessageSchema.transform((message) => ({ message })),
]);

/** `data` of message_ack: `{ ack, message }`; the ack may also sit on the message. */
export const waapiAckDataSchema = z.looseObject({
	ack: idLike.optional(),
	message: waapiMessageSchema.optional(),
});

export const waapiStateDataSchema = z.looseObject({
	status: z.string().optional(),
	state: z.string().optional(),
	reason: z.string().optional(),
	message: z.string().optional(),
});
