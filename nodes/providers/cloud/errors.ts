// Meta's error envelope → the provider's code and one message that names what Meta said (message,
// `error_data.details`, `error_subcode`, `fbtrace_id` for Meta's support), and a hint per Graph or WhatsApp
// error code. Codes and meanings: Meta's error-codes page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes) and
// pywa `pywa/errors.py`; callers key on the code, not on titles, which Meta says it will deprecate.
import type { ProviderFailure } from '../../shared/types';
import { errorEnvelopeSchema } from './schemas';
import { parseBody } from '../../shared/zodParts';

/**
 * Answers that refuse a request for a rate limit, whatever their HTTP status (130429 and 131056 come with
 * HTTP 400): app-level (4), WABA-level (80007), the number's throughput (130429), and the pair limit to one
 * recipient (131056). The request was not processed, so it is retried with backoff, a send included.
 */
export const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131056]);

function numeric(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

export function describeCloudError(body: unknown): {
	code?: string | number;
	message?: string;
	rateLimited?: boolean;
} {
	const parsed = parseBody(errorEnvelopeSchema, body);
	if (!parsed.success) return {};
	const e = parsed.data.error;
	// "(#131047) Re-engagement message": the code is given apart, so the prefix is dropped (as n8n does).
	const said = (e.message ?? '').replace(/^\(#\d+\)\s*/, '').trim();
	const details = (typeof e.error_data === 'string' ? e.error_data : e.error_data?.details)?.trim();
	const userMessage = e.error_user_msg?.trim();
	const parts: string[] = [];
	for (const part of [said || e.error_user_title?.trim(), details, userMessage]) {
		if (part && !parts.some((p) => p.includes(part))) parts.push(part);
	}
	const ids = [
		e.error_subcode !== null && e.error_subcode !== undefined
			? `error_subcode ${e.error_subcode}`
			: undefined,
		e.fbtrace_id ? `fbtrace_id ${e.fbtrace_id}` : undefined,
	].filter((s): s is string => s !== undefined);
	const code = numeric(e.code) ?? (e.code === null || e.code === undefined ? undefined : e.code);
	const message =
		parts.length > 0 || ids.length > 0
			? `${parts.join(': ') || 'Meta gave no message'}${ids.length ? ` (${ids.join(', ')})` : ''}`
			: undefined;
	return {
		...(code === undefined ? {} : { code }),
		...(message === undefined ? {} : { message }),
		...(typeof code === 'number' && RATE_LIMIT_CODES.has(code) ? { rateLimited: true } : {}),
	};
}

/** The parameter Meta names in a code-100 message ("Param template['name'] …", "The parameter to is required."). */
function namedParameter(message: string): string | undefined {
	const match =
		/\bParam(?:eter)? ([\w.]+(?:\[[^\]]+\])*)/i.exec(message) ??
		/\bThe parameter ([\w.]+(?:\[[^\]]+\])*) is required/i.exec(message);
	return match?.[1];
}

const TEMPLATE_HINTS: Record<number, string> = {
	132000:
		'The number of template parameters does not match the template: give one Body Parameter per {{n}} placeholder (or, for a template with named parameters, one Named Body Parameter per name), and the header and button parameters the template defines.',
	132001:
		'The template does not exist in this language or is not approved (yet): pick the name and the language from the lists; Template → List shows every template with its status.',
	132005: 'The template text with its parameter values is too long: shorten the values.',
	132007: "The template's content breaks a WhatsApp policy: edit the template in WhatsApp Manager.",
	132008:
		'A template parameter has the wrong format: the header takes the format the template defines (text, image, video or document), quick-reply buttons a payload, URL buttons a URL suffix, copy-code buttons a code.',
	132012:
		'A template parameter has the wrong format: the header takes the format the template defines (text, image, video or document), quick-reply buttons a payload, URL buttons a URL suffix, copy-code buttons a code.',
	132015:
		'The template is paused for low quality: edit it in WhatsApp Manager, wait until it is active again, or send another template.',
	132016: 'The template was paused too often and is now disabled for good: create a new template.',
};

const RATE_LIMIT_HINTS: Record<number, string> = {
	4: 'The Meta app reached its API call rate limit: lower Max Requests per Second or wait a while. The node retried with backoff up to Max Retries.',
	80007:
		"The WhatsApp Business Account reached Meta's rate limit for API calls: lower Max Requests per Second or wait a while. The node retried with backoff up to Max Retries.",
	130429:
		"The number's message throughput was reached (80 messages per second by default): lower Max Requests per Second. The node retried with backoff up to Max Retries.",
	131056:
		'Too many messages to the same user in a short time (pair rate limit, about one every 6 seconds): space out the messages to this recipient. The node retried with backoff up to Max Retries.',
};

export function cloudHint(failure: ProviderFailure): string | undefined {
	const code = numeric(failure.code);
	if (code === undefined) return undefined;
	if (RATE_LIMIT_HINTS[code]) return RATE_LIMIT_HINTS[code];
	if (TEMPLATE_HINTS[code]) return TEMPLATE_HINTS[code];
	if (code >= 132000 && code < 133000) {
		return `Meta refused the template (error ${code}): check its name, language, parameters and status in WhatsApp Manager (Template → List shows them).`;
	}
	switch (code) {
		case 131047:
			return 'More than 24 hours have passed since this user last wrote to this number, so free text is refused: send a template (Message → Send Template) instead.';
		case 131026:
			return 'Meta could not deliver the message: the number is not on WhatsApp, the user has not accepted the current Terms of Service, or uses an old WhatsApp version. The Cloud API has no contact check; this failure is how it shows.';
		case 190:
			return "The access token has expired or was revoked (e.g. the system user's token was regenerated or the app lost access): generate a new system-user token and put it in the credential.";
		case 100: {
			if (/does not exist|cannot be loaded|missing permissions/i.test(failure.message)) {
				return 'No object with this ID is visible to the token: check the Instance (the phone number ID) and the WhatsApp Business Account ID in the credential.';
			}
			const name = namedParameter(failure.message);
			return name
				? `Meta refused the parameter ${name}: check the value the node sends for it (see the message).`
				: 'Meta refused a parameter of the request (error 100): check the IDs and the values the node sends (see the message).';
		}
		case 0:
		case 3:
		case 10:
			return 'The token or the app lacks a permission: generate the system-user token with whatsapp_business_messaging (sends) and whatsapp_business_management (numbers, templates, webhooks).';
		case 131005:
			return 'Access denied: the token lacks a WhatsApp permission (whatsapp_business_messaging for sends, whatsapp_business_management for numbers, templates and webhooks).';
		case 131008:
		case 131009:
			return 'Meta refused a value of the request (a required one missing or one out of range): see the message for which.';
		case 131021:
			return 'The recipient is the sending number itself: send to another number.';
		case 131030:
			return "The recipient is not on the test number's allowed list: add it in the app's WhatsApp › API Setup, or use a production number.";
		case 131048:
			return 'Meta restricts how many messages this number may send for now (spam rate limit): wait several hours before sending again.';
		case 131049:
			return 'Meta held this marketing message back to keep user engagement healthy: try again later, not right away.';
		case 131050:
			return 'The user has stopped marketing messages from this business: do not send marketing templates to them.';
		case 131062:
			return 'This message (e.g. an authentication template) cannot go to a business-scoped user ID: send it to the phone number.';
		case 131031:
		case 368:
			return 'The WhatsApp Business Account is restricted or locked for a policy violation: see Account quality in WhatsApp Manager.';
		case 2200:
			return "Meta could not verify the webhook URL: it must answer Meta's GET (hub.mode=subscribe) with the challenge when the verify token matches, over HTTPS with a valid certificate. The trigger answers it itself while it is active.";
		default:
			if (code >= 200 && code < 300) {
				return 'The token may not use this WhatsApp Business Account: give its system user access to the WABA and generate the token with whatsapp_business_management and whatsapp_business_messaging.';
			}
			return undefined;
	}
}
