// The one error translator: every provider failure becomes a NodeApiError with the HTTP status, the
// provider's own code and message, the item, and a one-line hint. Built from plain fields only, so no
// request header (and so no secret) ever reaches an error.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { ProviderFailure } from './types';

/** The hint every provider shares for a failure, or undefined when the message says it all. */
export function generalHint(failure: Omit<ProviderFailure, 'hint'>): string | undefined {
	const { providerName, httpStatus, message, networkCode } = failure;
	const text = message.toLowerCase();
	if (text.includes('24 hour') || text.includes('support window')) {
		return 'The last message from this user is more than 24 hours old: send a template message instead of free text.';
	}
	if (httpStatus === 401 || httpStatus === 403) {
		return `${providerName} refused the credential: check the secret in the credential (and its base URL) and that it may do this.`;
	}
	if (httpStatus === 429) {
		return 'The provider is rate limiting: lower Max Requests per Second or Concurrency in the options, or raise Max Retries.';
	}
	if (httpStatus === 404) {
		return 'Not found: check the instance ID (or the template name) and the base URL in the credential.';
	}
	if (networkCode === 'ECONNREFUSED' || networkCode === 'ENOTFOUND') {
		return 'The provider could not be reached: check the base URL in the credential and that the server is up.';
	}
	if (
		networkCode === 'ETIMEDOUT' ||
		networkCode === 'ECONNABORTED' ||
		networkCode === 'ECONNRESET'
	) {
		return 'The connection failed before an answer came. Checks and reads are retried up to Max Retries; a send is not, because the message may have gone out (see the option Retry Sends That May Duplicate).';
	}
	if (failure.unreadable) {
		return 'The provider answered, but not in the documented form: a message may have gone out, so check before sending again (a send is retried only with Retry Sends That May Duplicate). Check the base URL in the credential.';
	}
	if (httpStatus !== null && httpStatus >= 500) {
		return 'The provider had an internal error; try again later.';
	}
	return undefined;
}

/** Builds the NodeApiError for a failure. */
export function toNodeApiError(
	node: INode,
	failure: ProviderFailure,
	itemIndex?: number,
): NodeApiError {
	const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	const tags = [
		// A request that never left (the credential refused to build it) has neither status nor network code.
		failure.httpStatus !== null ? `HTTP ${failure.httpStatus}` : failure.networkCode,
		// A code that is the message itself (Crisp's reason) is not repeated.
		failure.code === undefined || String(failure.code) === failure.message
			? undefined
			: `code ${failure.code}`,
	].filter((tag): tag is string => tag !== undefined);
	const suffix = tags.length ? ` [${tags.join(', ')}]` : '';
	const message = `${failure.providerName} could not ${failure.action}${where}: ${failure.message}${suffix}`;
	const response: JsonObject = {
		message,
		httpCode: failure.httpStatus === null ? null : String(failure.httpStatus),
		providerCode: failure.code === undefined ? null : String(failure.code),
	};
	const error = new NodeApiError(node, response, {
		message,
		description: failure.hint,
		httpCode: failure.httpStatus === null ? undefined : String(failure.httpStatus),
		itemIndex,
	});
	// NodeApiError swaps any message that mentions a network code (ECONNRESET, …) for a generic
	// sentence without provider or action; ours says more, so it is set again.
	error.message = message;
	return error;
}

/** Thrown inside adapters and the transport; the node turns it into a NodeApiError for the right item. */
export class ProviderError extends Error {
	constructor(readonly failure: ProviderFailure) {
		super(failure.message);
		this.name = 'ProviderError';
	}
}

/** A setup that cannot go ahead (a webhook someone else uses, a missing secret): message and what to do. */
export class SetupError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'SetupError';
	}
}

/** Any failure, from any node context, as the error n8n shows: the one place errors become node errors. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof ProviderError) return toNodeApiError(node, error.failure, itemIndex);
	if (error instanceof SetupError) {
		return new NodeOperationError(node, error.message, {
			description: error.description,
			...(itemIndex === undefined ? {} : { itemIndex }),
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, itemIndex === undefined ? {} : { itemIndex });
}
