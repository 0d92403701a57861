// One sentence for a zod failure, naming the field: used for provider answers and webhook bodies alike.
import type { z } from 'zod';

export function describeIssue(error: z.ZodError, prefix = ''): string {
	const issue = error.issues[0];
	const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
	return `${path === '' ? '(body)' : path}: ${issue.message}`;
}
