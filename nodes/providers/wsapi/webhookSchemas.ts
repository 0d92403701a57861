// WSAPI webhook bodies (wsapi-chat/wsapi-app openapi/wsapi-events.yml, vendored in test/sandbox/specs/): `{ eventId, instanceId, receivedAt, eventType, eventData }`.
// The wiki calls the payload `data`; the code sends `eventData`: both are accepted.
import { z } from 'zod/v4';

export const wsapiEnvelopeSchema = z.looseObject({
	eventId: z.string().nullish(),
	instanceId: z.union([z.string(), z.number()]).nullish(),
	receivedAt: z.string().nullish(),
	eventType: z.string().min(1),
	eventData: z.unknown().optional(),
	data: z.unknown().optional(),
});

const senderSchema = z.looseObject({
	id: z.string().optional(),
	lid: z.string().optional(),
	phone: z.string().optional(),
	isMe: z.boolean().optional(),
});

export const wsapiMessageSchema = z.looseObject({
	id: z.union([z.string(), z.number()]).optional(),
	time: z.string().optional(),
	chatId: z.string().optional(),
	sender: senderSchema.optional(),
	isGroup: z.boolean().optional(),
	type: z.string().optional(),
	text: z.string().nullish(),
	media: z
		.looseObject({
			mediaType: z.string().optional(),
			caption: z.string().nullish(),
			id: z.string().nullish(),
			mimeType: z.string().nullish(),
			fileLength: z.number().nullish(),
			filename: z.string().nullish(),
		})
		.nullish(),
	extendedText: z.looseObject({ text: z.string().optional() }).nullish(),
	reaction: z.looseObject({ emoji: z.string().nullish() }).nullish(),
	isEdit: z.boolean().nullish(),
});

export const wsapiReadSchema = z.looseObject({
	chatId: z.string().optional(),
	sender: senderSchema.optional(),
	messageSender: senderSchema.optional(),
	isGroup: z.boolean().optional(),
	messageIds: z.array(z.union([z.string(), z.number()])).nullish(),
	time: z.string().optional(),
	receiptType: z.string().optional(),
});

export const wsapiSessionSchema = z.looseObject({
	deviceId: z.string().optional(),
	id: z.string().optional(),
	reason: z.string().optional(),
	error: z.string().optional(),
});

export type WsapiSender = z.infer<typeof senderSchema>;
