// WSAPI webhook bodies (wsapi-chat/wsapi-app openapi/wsapi-events.yml, vendored in test/sandbox/specs/): `{ eventId, instanceId, receivedAt, eventType, eventData }`.
// The wiki calls the payload `data`; the code sends `eventData`: both are accepted.
import { z } from 'zod';

export const wsapiEnvelopeSchema = z
	.object({
		eventId: z.string().nullish(),
		instanceId: z.union([z.string(), z.number()]).nullish(),
		receivedAt: z.string().nullish(),
		eventType: z.string().min(1),
		eventData: z.unknown().optional(),
		data: z.unknown().optional(),
	})
	.passthrough();

const senderSchema = z
	.object({
		id: z.string().optional(),
		lid: z.string().optional(),
		phone: z.string().optional(),
		isMe: z.boolean().optional(),
	})
	.passthrough();

export const wsapiMessageSchema = z
	.object({
		id: z.union([z.string(), z.number()]).optional(),
		time: z.string().optional(),
		chatId: z.string().optional(),
		sender: senderSchema.optional(),
		isGroup: z.boolean().optional(),
		type: z.string().optional(),
		text: z.string().nullish(),
		media: z
			.object({
				mediaType: z.string().optional(),
				caption: z.string().nullish(),
				id: z.string().nullish(),
				mimeType: z.string().nullish(),
				fileLength: z.number().nullish(),
				filename: z.string().nullish(),
			})
			.passthrough()
			.nullish(),
		extendedText: z.object({ text: z.string().optional() }).passthrough().nullish(),
		reaction: z.object({ emoji: z.string().nullish() }).passthrough().nullish(),
		isEdit: z.boolean().nullish(),
	})
	.passthrough();

export const wsapiReadSchema = z
	.object({
		chatId: z.string().optional(),
		sender: senderSchema.optional(),
		messageSender: senderSchema.optional(),
		isGroup: z.boolean().optional(),
		messageIds: z.array(z.union([z.string(), z.number()])).nullish(),
		time: z.string().optional(),
		receiptType: z.string().optional(),
	})
	.passthrough();

export const wsapiSessionSchema = z
	.object({
		deviceId: z.string().optional(),
		id: z.string().optional(),
		reason: z.string().optional(),
		error: z.string().optional(),
	})
	.passthrough();

export type WsapiSender = z.infer<typeof senderSchema>;
