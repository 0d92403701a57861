// zod schemas of WSAPI's answers (wsapi-chat/wsapi-app openapi/wsapi-api.yml and the hosted API's spec, vendored in test/sandbox/specs/). Unknown fields
// pass through into `raw` (the node redacts keys and secrets there).
import { z } from 'zod';

export const errorBodySchema = z
	.object({
		status: z.number().optional(),
		detail: z.string().optional(),
		title: z.string().optional(),
	})
	.passthrough();

export const sessionStatusSchema = z
	.object({
		isConnected: z.boolean().optional(),
		isLoggedIn: z.boolean().optional(),
		deviceId: z.string().nullish(),
	})
	.passthrough();

export const sentSchema = z.object({ id: z.string() }).passthrough();

export const bulkCheckSchema = z.array(
	z
		.object({ query: z.string(), isInWhatsApp: z.boolean(), jid: z.string().nullish() })
		.passthrough(),
);

// Hosted: /account/instances (customer key).
export const accountInstanceSchema = z
	.object({ id: z.string(), name: z.string().nullish(), status: z.string().nullish() })
	.passthrough();

export const accountInstancePageSchema = z
	.object({
		items: z.array(accountInstanceSchema).nullish(),
		totalCount: z.number().optional(),
		pageNumber: z.number().optional(),
		pageSize: z.number().optional(),
	})
	.passthrough();

export const accountInstanceDetailSchema = z
	.object({
		name: z.string().nullish(),
		status: z.string().nullish(),
		settings: z
			.object({
				webhookUrl: z.string().nullish(),
				eventSigningSecret: z.string().nullish(),
				eventFilters: z.array(z.string()).nullish(),
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();

// Self-hosted: /admin/instances (admin key).
export const adminInstanceSchema = z
	.object({
		id: z.string(),
		config: z
			.object({
				webhookUrl: z.string().nullish(),
				signingSecret: z.string().nullish(),
				eventFilters: z.array(z.string()).nullish(),
			})
			.passthrough()
			.nullish(),
		isConnected: z.boolean().optional(),
		isLoggedIn: z.boolean().optional(),
	})
	.passthrough();

export const adminInstanceListSchema = z.array(adminInstanceSchema);
