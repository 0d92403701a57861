// zod schemas for the Crisp WhatsApp plugin's answers: Crisp's usual envelope `{ error, reason, data }`.
import { z } from 'zod/v4';

export const envelopeSchema = z.looseObject({
	error: z.boolean().optional(),
	reason: z.string().optional(),
	data: z.unknown().optional(),
});

export const errorDataSchema = z.looseObject({ message: z.string() });

const componentSchema = z.looseObject({ type: z.string().optional(), text: z.string().optional() });

export const templateSchema = z.looseObject({
	id: z.union([z.string(), z.number()]).nullish(),
	name: z.string().min(1),
	language: z.string().nullish(),
	category: z.string().nullish(),
	status: z.string().nullish(),
	components: z.array(componentSchema).nullish(),
});

export const templatesPageSchema = z.looseObject({
	templates: z.array(templateSchema),
	paging_next: z.union([z.string(), z.number()]).nullish(),
});

// A union alone reports a missing id as "Invalid input"; say "Required" then, as for any other field.
const requestIdSchema = z.union([z.string().min(1), z.number()], {
	error: (issue) => (issue.input === undefined ? 'Required' : 'expected a text or number id'),
});

export const sendAcceptedSchema = z.looseObject({ request_id: requestIdSchema });
