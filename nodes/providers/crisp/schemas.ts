// zod schemas for the Crisp WhatsApp plugin's answers: Crisp's usual envelope `{ error, reason, data }`.
import { z } from 'zod';

export const envelopeSchema = z
	.object({
		error: z.boolean().optional(),
		reason: z.string().optional(),
		data: z.unknown().optional(),
	})
	.passthrough();

export const errorDataSchema = z.object({ message: z.string() }).passthrough();

const componentSchema = z
	.object({ type: z.string().optional(), text: z.string().optional() })
	.passthrough();

export const templateSchema = z
	.object({
		id: z.union([z.string(), z.number()]).nullish(),
		name: z.string().min(1),
		language: z.string().nullish(),
		category: z.string().nullish(),
		status: z.string().nullish(),
		components: z.array(componentSchema).nullish(),
	})
	.passthrough();

export const templatesPageSchema = z
	.object({
		templates: z.array(templateSchema),
		paging_next: z.union([z.string(), z.number()]).nullish(),
	})
	.passthrough();

// A union alone reports a missing id as "Invalid input"; say "Required" then, as for any other field.
const requestIdSchema = z.union([z.string().min(1), z.number()], {
	errorMap: (_issue, ctx) => ({
		message: ctx.data === undefined ? 'Required' : 'expected a text or number id',
	}),
});

export const sendAcceptedSchema = z.object({ request_id: requestIdSchema }).passthrough();
