// zod schemas of WSAPI's answers (wsapi-chat/wsapi-app openapi/wsapi-api.yml and the hosted API's spec, vendored in test/sandbox/specs/). Unknown fields
// pass through into `raw` (the node redacts keys and secrets there).
import { z } from 'zod/v4';

export const errorBodySchema = z.looseObject({
	status: z.number().optional(),
	detail: z.string().optional(),
	title: z.string().optional(),
});

export const sessionStatusSchema = z.looseObject({
	isConnected: z.boolean().optional(),
	isLoggedIn: z.boolean().optional(),
	deviceId: z.string().nullish(),
});

export const sentSchema = z.looseObject({ id: z.string() });

export const bulkCheckSchema = z.array(
	z.looseObject({ query: z.string(), isInWhatsApp: z.boolean(), jid: z.string().nullish() }),
);

// Hosted: /account/instances (customer key).
export const accountInstanceSchema = z.looseObject({
	id: z.string(),
	name: z.string().nullish(),
	status: z.string().nullish(),
});

export const accountInstancePageSchema = z.looseObject({
	items: z.array(accountInstanceSchema).nullish(),
	totalCount: z.number().optional(),
	pageNumber: z.number().optional(),
	pageSize: z.number().optional(),
});

export const accountInstanceDetailSchema = z.looseObject({
	name: z.string().nullish(),
	status: z.string().nullish(),
	settings: z
		.looseObject({
			webhookUrl: z.string().nullish(),
			eventSigningSecret: z.string().nullish(),
			eventFilters: z.array(z.string()).nullish(),
		})
		.nullish(),
});

// Self-hosted: /admin/instances (admin key).
export const adminInstanceSchema = z.looseObject({
	id: z.string(),
	config: z
		.looseObject({
			webhookUrl: z.string().nullish(),
			signingSecret: z.string().nullish(),
			eventFilters: z.array(z.string()).nullish(),
		})
		.nullish(),
	isConnected: z.boolean().optional(),
	isLoggedIn: z.boolean().optional(),
});

export const adminInstanceListSchema = z.array(adminInstanceSchema);
