// zod schemas of WaAPI's answers (WaAPI's OpenAPI spec, vendored in test/sandbox/specs/, and its PHP and TypeScript SDKs). Where the spec and the SDKs disagree
// both shapes are accepted; unknown fields pass through into `raw`.
import { z } from 'zod/v4';

const id = z.union([z.string(), z.number()]).transform(String);

export const instanceSchema = z.looseObject({
	id,
	name: z.string().nullish(),
	webhook_url: z.string().nullish(),
	webhook_events: z.array(z.string()).nullish(),
});

export const instanceListSchema = z.looseObject({ instances: z.array(instanceSchema) });

// The PHP SDK reads `instance`, the spec says `instances[]`.
export const instanceGetSchema = z
	.looseObject({
		instance: instanceSchema.optional(),
		instances: z.array(instanceSchema).optional(),
	})
	.refine((b) => b.instance !== undefined || (b.instances?.length ?? 0) > 0, {
		message: 'neither `instance` nor `instances[0]` is present',
	});

export const clientStatusSchema = z.looseObject({
	clientStatus: z.looseObject({
		instanceStatus: z.string().nullish(),
		name: z.string().nullish(),
		instanceWebhook: z.string().nullish(),
		instanceEvents: z.array(z.string()).nullish(),
	}),
});

const innerSchema = z.looseObject({
	status: z.string(),
	message: z.string().optional(),
	data: z.unknown().optional(),
});

/**
 * The action envelope: the inner `data.status` is authoritative (an error can come under HTTP 200). A
 * disconnected instance answers flat, `{ status: "error", message: "instance not ready" }` (WaAPI's
 * TypeScript SDK tests and README): read as the same inner error.
 */
export const actionEnvelopeSchema = z.union([
	z.looseObject({ status: z.string().optional(), data: innerSchema }),
	z
		.looseObject({ status: z.literal('error'), message: z.string().optional() })
		.transform((flat) => ({
			...flat,
			data: { status: 'error', message: flat.message, data: undefined as unknown },
		})),
]);

export const numberIdSchema = z.looseObject({
	numberId: z
		.union([
			z.looseObject({
				_serialized: z.string(),
				user: z.string().optional(),
				server: z.string().optional(),
			}),
			z.null(),
			z.literal(false),
		])
		.optional(),
});

const messageId = z.looseObject({ _serialized: z.string() });

export const sentMessageSchema = z
	.looseObject({
		id: messageId.optional(),
		_data: z.looseObject({ id: messageId.optional() }).optional(),
	})
	.refine((m) => m.id !== undefined || m._data?.id !== undefined, {
		message: 'the answer names no message id',
	});

export const errorBodySchema = z.looseObject({
	message: z.string().optional(),
	error: z.string().optional(),
	data: z.looseObject({ message: z.string().optional() }).optional(),
});
