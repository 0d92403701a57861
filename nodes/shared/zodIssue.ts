// One sentence for a zod failure, naming the field: used for provider answers and webhook bodies alike.

/** What describeIssue reads of a zod error: the first issue, its path and message. */
interface ZodLikeError {
	issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

export function describeIssue(error: ZodLikeError, prefix = ''): string {
	const issue = error.issues[0];
	const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
	return `${path === '' ? '(body)' : path}: ${issue.message}`;
}
