// What every schema of provider bodies (webhooks and answers) shares. The schemas use zod's v4 API, shipped
// inside the zod 3.25 that n8n provides as `zod/v4` (and kept under that name by zod 4): it compiles an object
// schema into one checking function, which parses a webhook body several times faster than the v3 API.
import { z } from 'zod/v4';

/**
 * A provider id or clock value, string or number. Same verdict as `z.union([z.string(), z.number()])`,
 * without the union's cost: a union builds an issue for every branch that fails.
 */
export const idLike = z.custom<string | number>(
	(value) => typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)),
	'Invalid input',
);

function kindOf(input: unknown): string {
	if (input === null) return 'null';
	if (Array.isArray(input)) return 'array';
	return typeof input;
}

/**
 * The common issues in few words ("Required", "Expected array, received string"): these sentences reach the
 * provider in our 400 answer and the user in n8n's log. Runs only when a body is refused.
 */
function wording(issue: z.core.$ZodRawIssue): string | undefined {
	if (issue.code === 'invalid_type') {
		return issue.input === undefined
			? 'Required'
			: `Expected ${issue.expected}, received ${kindOf(issue.input)}`;
	}
	if (issue.code === 'invalid_value' && issue.values.length === 1) {
		return `Invalid literal value, expected ${JSON.stringify(issue.values[0])}`;
	}
	if (issue.code === 'too_small' && issue.origin === 'string') {
		return `String must contain at least ${String(issue.minimum)} character(s)`;
	}
	return undefined;
}

/**
 * safeParse of a provider body or part, with the wording above. The first attempt goes without options:
 * zod copies an options object on every call, a cost paid by every event; a refused body is parsed again.
 */
export function parseBody<S extends z.ZodType>(
	schema: S,
	value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
	const first = schema.safeParse(value);
	return first.success ? first : schema.safeParse(value, { error: wording });
}
