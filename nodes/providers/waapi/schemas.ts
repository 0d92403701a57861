// zod schemas of WaAPI's answers (WaAPI's OpenAPI spec, vendored in test/sandbox/specs/, and its PHP and TypeScript SDKs). Where the spec and the SDKs disagree
// both shapes are accepted; unknown fields pass through into `raw`.
import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);

export const instanceSchema = z
	.object({
		id,
		name: z.string().nullish(),
		webhook_url: z.string().nullish(),
		webhook_events: z.array(z.string()).nullish(),
	})
	.passthrough();

export const instanceListSchema = z.object({ instances: z.array(instanceSchema) }).passthrough();

// The PHP SDK reads `instance`, the spec says `instances[]`.
export const instanceGetSchema = z
	.object({ instance: instanceSchema.optional(), instances: z.array(instanceSchema).optional() })
	.passthrough()
	.refine((b) => b.instance !== undefined || (b.instances?.length ?? 0) > 0, {
		message: 'neither `instance` nor `instances[0]` is present',
	});

export const clientStatusSchema = z
	.object({
		clientStatus: z
			.object({
				instanceStatus: z.string().nullish(),
				name: z.string().nullish(),
				instanceWebhook: z.string().nullish(),
				instanceEvents: z.array(z.string()).nullish(),
			})
			.passthrough(),
	})
	.passthrough();

const innerSchema = z
	.object({
		status: z.string(),
		message: z.string().optional(),
		data: z.unknown().optional(),
	})
	.passthrough();

/**
 * The action envelope: the inner `data.status` is authoritative (an error can come under HTTP 200). A
 * disconnected instance answers flat, `{ status: "error", message: "instance not ready" }` (WaAPI's
 * TypeScript SDK tests and README): read as the same inner error.
 */
export const actionEnvelopeSchema = z.union([
	z.object({ status: z.string().optional(), data: innerSchema }).passthrough(),
	z
		.object({ status: z.literal('error'), message: z.string().optional() })
		.passthrough()
		.transform((flat) => ({
			...flat,
			data: { status: 'error', message: flat.message, data: undefined as unknown },
		})),
]);

export const numberIdSchema = z
	.object({
		numberId: z
			.union([
				z
					.object({
						_serialized: z.string(),
						user: z.string().optional(),
						server: z.string().optional(),
					})
					.passthrough(),
				z.null(),
				z.literal(false),
			])
			.optional(),
	})
	.passthrough();

const messageId = z.object({ _serialized: z.string() }).passthrough();

export const sentMessageSchema = z
	.object({
		id: messageId.optional(),
		_data: z.object({ id: messageId.optional() }).passthrough().optional(),
	})
	.passthrough()
	.refine((m) => m.id !== undefined || m._data?.id !== undefined, {
		message: 'the answer names no message id',
	});

export const errorBodySchema = z
	.object({
		message: z.string().optional(),
		error: z.string().optional(),
		data: z.object({ message: z.string().optional() }).passthrough().optional(),
	})
	.passthrough();
