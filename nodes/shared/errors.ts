// The one error translator: every provider failure becomes a NodeApiError with the HTTP status, the
// provider's own code and message, the item, and a one-line hint for the common cases. Built from
// plain fields only, so no request header (and so no secret) ever reaches an error.
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { ProviderFailure, ProviderId } from './types';

const PROVIDER_NAMES: Record<ProviderId, string> = {
	waapi: 'WaAPI',
	onPremises: 'WhatsApp On-Premises',
	wsapi: 'WSAPI',
	crisp: 'Crisp WhatsApp',
};

export function providerName(provider: ProviderId): string {
	return PROVIDER_NAMES[provider];
}

/** The hint for a failure, or undefined when there is nothing better to say than the message. */
export function hintFor(failure: ProviderFailure): string | undefined {
	const { provider, httpStatus, code, message, networkCode } = failure;
	const text = message.toLowerCase();
	if (provider === 'wsapi' && httpStatus === 409) {
		return 'The WSAPI instance has no paired phone: pair it by scanning the QR code in the WSAPI dashboard, then run again.';
	}
	if (String(code) === '1013') {
		return 'The recipient is not a valid WhatsApp user: check the number (with country code) or run Check Contacts first.';
	}
	if (String(code) === '470' || text.includes('24 hour') || text.includes('support window')) {
		return 'The last message from this user is more than 24 hours old: send a template message instead of free text.';
	}
	if (httpStatus === 401 || httpStatus === 403) {
		return `${providerName(provider)} refused the credential: check the secret in the credential (and its base URL) and that it may do this.`;
	}
	if (httpStatus === 429 || String(code) === '1015') {
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
	if (provider === 'waapi' && httpStatus === 200) {
		return 'WaAPI reached the instance but the action failed: check that the instance is ready (Instance → Get) and the recipient.';
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
	const message = `${providerName(failure.provider)} could not ${failure.action}${where}: ${failure.message}${suffix}`;
	const hint = hintFor(failure);
	const response: JsonObject = {
		message,
		httpCode: failure.httpStatus === null ? null : String(failure.httpStatus),
		providerCode: failure.code === undefined ? null : String(failure.code),
	};
	const error = new NodeApiError(node, response, {
		message,
		description: hint,
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
