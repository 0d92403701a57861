// Crisp WhatsApp plugin action API: message templates only (list, send). Crisp answers with its envelope
// `{ error, reason, data }`, where `error: true` is a failure even under HTTP 200.
import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { parsePhone, recipientLabel } from '../../shared/phone';
import type { ItemReader, ProviderAdapter } from '../../shared/adapter';
import { bool } from '../../shared/options';
import type {
	Recipient,
	SendOutput,
	TemplateInput,
	TemplateOutput,
	Transport,
} from '../../shared/types';
import {
	envelopeSchema,
	errorDataSchema,
	sendAcceptedSchema,
	templatesPageSchema,
} from './schemas';
import { parseBody } from '../../shared/zodParts';

const DEFAULT_BASE_URL = 'https://plugins.crisp.chat/urn:crisp.im:whatsapp:0/wa/api/website';
// Page size of the Laravel client (the only public user of this route); paging stops at MAX_PAGES so a
// cursor that never ends cannot loop forever.
const PAGE_LIMIT = 20;
const MAX_PAGES = 100;

/** Every route is below the website: the website id is folded into the base URL once, here. */
function crispBaseUrl(credentials: IDataObject): string {
	const base =
		String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '') || DEFAULT_BASE_URL;
	const websiteId = String(credentials.websiteId ?? '').trim();
	return `${base}/${encodeURIComponent(websiteId)}`;
}

function describeCrispError(body: unknown): { code?: string | number; message?: string } {
	const parsed = parseBody(envelopeSchema, body);
	if (!parsed.success || parsed.data.reason === undefined) return {};
	const data = parseBody(errorDataSchema, parsed.data.data);
	return {
		code: parsed.data.reason,
		message: data.success ? data.data.message : parsed.data.reason,
	};
}

type Envelope = z.infer<typeof envelopeSchema>;

/** The envelope's `data` parsed with `schema`; `error: true` (even under HTTP 200) raises the provider's reason. */
function payloadOf<S extends z.ZodType>(
	t: Transport,
	envelope: Envelope,
	schema: S,
	action: string,
): z.infer<S> {
	if (envelope.error === true) {
		const { code, message } = describeCrispError(envelope);
		t.fail({
			action,
			httpStatus: 200,
			code,
			message: message ?? 'Crisp reported an error without a reason',
		});
	}
	const parsed = parseBody(schema, envelope.data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		t.fail({
			action,
			httpStatus: 200,
			message: `the answer had an unexpected shape (data.${issue.path.join('.')}: ${issue.message})`,
		});
	}
	return parsed.data;
}

async function listTemplates(t: Transport): Promise<TemplateOutput[]> {
	const action = 'list the message templates';
	const templates: TemplateOutput[] = [];
	const seenCursors = new Set<string>();
	let after: string | undefined;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const envelope = await t.request(
			{
				method: 'GET',
				path: '/templates',
				// Approved templates only: the others cannot be sent (the Laravel client asks the same way).
				qs: { limit: PAGE_LIMIT, filter_approved: 1, ...(after === undefined ? {} : { after }) },
				idempotent: true,
				action,
			},
			envelopeSchema,
		);
		const data = payloadOf(t, envelope, templatesPageSchema, action);
		for (const template of data.templates) {
			templates.push({
				provider: 'crisp',
				id: template.id === null || template.id === undefined ? null : String(template.id),
				name: template.name,
				language: template.language ?? null,
				category: template.category ?? null,
				status: template.status ?? null,
				components: template.components ?? [],
				raw: template,
			});
		}
		const next = data.paging_next;
		if (next === null || next === undefined || next === '') return templates;
		after = String(next);
		if (seenCursors.has(after)) {
			t.fail({
				action,
				httpStatus: 200,
				message: `the paging cursor "${after}" came back twice; stopped to avoid a loop`,
			});
		}
		seenCursors.add(after);
	}
	return t.fail({
		action,
		httpStatus: 200,
		message: `more than ${MAX_PAGES} pages of ${PAGE_LIMIT} templates; stopped there`,
	});
}

// One template listing per transport (one node run): `text` mode needs each template's body text.
const templateCache = new WeakMap<Transport, Promise<TemplateOutput[]>>();

/** The template's BODY text with `{{n}}` filled in: Crisp needs it when the send shows as a text message. */
async function renderedBody(t: Transport, template: TemplateInput): Promise<string> {
	let listing = templateCache.get(t);
	if (!listing) {
		listing = listTemplates(t);
		templateCache.set(t, listing);
		// A failed listing is not cached: the next item asks again.
		listing.catch(() => templateCache.delete(t));
	}
	const templates = await listing;
	const found =
		templates.find((tpl) => tpl.name === template.name && tpl.language === template.language) ??
		templates.find((tpl) => tpl.name === template.name);
	const body = found?.components.find(
		(component): component is { type: string; text: string } =>
			typeof component === 'object' &&
			component !== null &&
			'type' in component &&
			String(component.type).toUpperCase() === 'BODY' &&
			'text' in component &&
			typeof component.text === 'string',
	);
	if (!body) {
		return t.fail({
			action: 'send a template message',
			httpStatus: null,
			message: `template "${template.name}" (${template.language}) has no body text in the template list; Message Type "text" needs it (use "note" instead)`,
		});
	}
	return body.text.replace(
		/\{\{\s*(\d+)\s*\}\}/g,
		(whole, index: string) => template.bodyParameters[Number(index) - 1] ?? whole,
	);
}

async function sendTemplate(
	t: Transport,
	to: Recipient,
	template: TemplateInput,
	item: ItemReader,
): Promise<SendOutput> {
	const action = 'send a template message';
	if (to.kind !== 'user') {
		return t.fail({
			action,
			httpStatus: null,
			message: 'Crisp sends templates to phone numbers only, not to groups or user ids',
		});
	}
	const mode = item.option('messageType') === 'text' ? 'text' : 'note';
	// The plugin's quickstart sends from_number with every template: the business number that sends it.
	const from = parsePhone(item.text('fromNumber'));
	if (!from.ok || from.kind !== 'user') {
		t.fail({
			action,
			httpStatus: null,
			message: `From Number must be the business WhatsApp number connected to the plugin (${from.ok ? 'a group id is not a phone number' : from.reason})`,
		});
	}
	const bodyComponent: IDataObject = { type: 'BODY' };
	if (mode === 'text') bodyComponent.text = await renderedBody(t, template);
	if (template.bodyParameters.length > 0) {
		bodyComponent.parameters = template.bodyParameters.map((text) => ({ type: 'text', text }));
	}
	const components = Object.keys(bodyComponent).length > 1 ? [bodyComponent] : [];

	const envelope = await t.request(
		{
			method: 'POST',
			path: '/template/send',
			body: {
				message_template: { name: template.name, language: template.language, components },
				crisp_options: { type: mode, new_session: bool(item.option('newSession'), false) },
				// Digits with country code, no `+` (the package's contract for On-Premises and Crisp); Crisp's public
				// examples only show placeholders.
				to_number: to.digits,
				from_number: from.digits,
			},
			idempotent: false,
			action,
		},
		envelopeSchema,
	);
	const accepted = payloadOf(t, envelope, sendAcceptedSchema, action);
	return {
		provider: 'crisp',
		to: recipientLabel(to),
		// Queued, not delivered: the outcome arrives later at the callback URL with this request id.
		status: 'accepted',
		messageId: null,
		requestId: String(accepted.request_id),
		raw: envelope,
	};
}

export const crispApi: Pick<
	ProviderAdapter,
	'describeError' | 'baseUrl' | 'listTemplates' | 'sendTemplate'
> = {
	describeError: describeCrispError,
	baseUrl: crispBaseUrl,
	listTemplates,
	sendTemplate,
};
