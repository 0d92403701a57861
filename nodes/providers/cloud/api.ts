// Meta WhatsApp Cloud API actions (Graph, `https://graph.facebook.com/<version>/…`): the WABA's phone
// numbers and templates (every page), one number with its webhook override, and sends from a number.
// HTTP 200 on a send means accepted, not delivered: delivery (or failure such as 131026 / 131047) comes
// later as a status webhook.
import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ItemReader, ProviderAdapter } from '../../shared/adapter';
import { credentialField } from '../../shared/transport';
import type {
	InstanceOutput,
	Recipient,
	SendOutput,
	TemplateInput,
	TemplateOutput,
	Transport,
} from '../../shared/types';
import { describeCloudError } from './errors';
import { pageSchema, phoneNumberSchema, sentSchema, templateSchema } from './schemas';
import type { PhoneNumber } from './schemas';
import { buildTemplate } from './template';
import { sentOutput } from '../../shared/sentOutput';

export const DEFAULT_BASE_URL = 'https://graph.facebook.com';
const PAGE_LIMIT = 100; // the maximum `limit` of the phone_numbers edge (Meta spec)
// A bound on paging, so an answer that keeps naming a next page cannot loop forever.
const MAX_PAGES = 100;

export const NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
	'status',
	'code_verification_status',
	'name_status',
	'platform_type',
	'throughput',
	'webhook_configuration',
].join(',');

const text = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

export function cloudBaseUrl(credentials: IDataObject): string {
	const root = text(credentials.baseUrl).replace(/\/+$/, '') || DEFAULT_BASE_URL;
	// A malformed version is refused by the credential before any request leaves.
	return `${root}/${text(credentials.graphApiVersion)}`;
}

/** The WhatsApp Business Account of the credential, as a path segment. */
export function wabaPath(t: Transport, action: string): string {
	const waba = credentialField(t, 'businessAccountId').trim();
	if (waba === '') {
		t.fail({
			action,
			httpStatus: null,
			message: 'the credential has no WhatsApp Business Account ID',
		});
	}
	return `/${encodeURIComponent(waba)}`;
}

/** The phone number ID the calls are for, as a path segment. */
export function numberPath(t: Transport, instanceId: string | undefined, action: string): string {
	const id = (instanceId ?? t.instanceId ?? '').trim();
	if (id === '') {
		t.fail({
			action,
			httpStatus: null,
			message: 'no phone number ID given: choose the Instance (the business phone number)',
		});
	}
	return `/${encodeURIComponent(id)}`;
}

/** Every page of a Graph edge, following `paging.cursors.after` while Meta names a next page. */
async function everyPage<S extends z.ZodType>(
	t: Transport,
	path: string,
	qs: IDataObject,
	item: S,
	action: string,
): Promise<Array<z.infer<S>>> {
	const schema = pageSchema(item);
	const out: Array<z.infer<S>> = [];
	const seen = new Set<string>();
	let after: string | undefined;
	for (let page = 1; page <= MAX_PAGES; page++) {
		// The `next` link itself is not followed: Graph writes the access token into it.
		const answer = await t.request(
			{
				method: 'GET',
				path,
				qs: after === undefined ? qs : { ...qs, after },
				idempotent: true,
				action,
			},
			schema,
		);
		out.push(...(answer.data as Array<z.infer<S>>));
		const cursor = answer.paging?.cursors?.after;
		if (!answer.paging?.next || !cursor || answer.data.length === 0) return out;
		if (seen.has(cursor)) {
			return t.fail({
				action,
				httpStatus: 200,
				message: `the paging cursor "${cursor}" came back twice; stopped to avoid a loop`,
			});
		}
		seen.add(cursor);
		after = cursor;
	}
	return t.fail({
		action,
		httpStatus: 200,
		message: `more than ${MAX_PAGES} pages; stopped there`,
	});
}

export function instanceOutput(n: PhoneNumber): InstanceOutput {
	const name = [n.display_phone_number, n.verified_name].filter(Boolean).join(' - ');
	return {
		provider: 'cloud',
		id: n.id,
		name: name || null,
		status: n.status ?? n.code_verification_status ?? null,
		// The number's own override; events fall back to the WABA's override, then the app's callback.
		webhookUrl: n.webhook_configuration?.phone_number || null,
		webhookEvents: [],
		raw: n,
	};
}

async function listInstances(t: Transport): Promise<InstanceOutput[]> {
	const action = 'list the phone numbers of the WhatsApp Business Account';
	const numbers = await everyPage(
		t,
		`${wabaPath(t, action)}/phone_numbers`,
		{ fields: NUMBER_FIELDS, limit: PAGE_LIMIT },
		phoneNumberSchema,
		action,
	);
	return numbers.map(instanceOutput);
}

async function getInstance(t: Transport, instanceId: string): Promise<InstanceOutput> {
	const action = 'read the phone number';
	const n = await t.request(
		{
			method: 'GET',
			path: numberPath(t, instanceId, action),
			qs: { fields: NUMBER_FIELDS },
			idempotent: true,
			action,
		},
		phoneNumberSchema,
	);
	return instanceOutput(n);
}

/** `to` for a phone number, `recipient` for a business-scoped user id; other ids cannot be sent to. */
export function addressOf(t: Transport, to: Recipient, action: string): IDataObject {
	if (to.kind === 'user') return { recipient_type: 'individual', to: to.digits };
	// An id without a number is a business-scoped user id (`US.13491208655302741918`) or a WhatsApp Web LID (`…@lid`).
	if (to.kind === 'id' && !to.id.includes('@')) {
		return { recipient_type: 'individual', recipient: to.id };
	}
	const what =
		to.kind === 'group'
			? `"${to.id}" is a WhatsApp Web group id`
			: `"${to.id}" is a WhatsApp Web user id (LID)`;
	return t.fail({
		action,
		httpStatus: null,
		message: `${what}; the Cloud API sends to phone numbers and business-scoped user IDs (US.…) only`,
	});
}

export async function send(
	t: Transport,
	to: Recipient,
	message: IDataObject,
	action: string,
): Promise<SendOutput> {
	const path = `${numberPath(t, undefined, action)}/messages`;
	const answer = await t.request(
		{
			method: 'POST',
			path,
			body: { messaging_product: 'whatsapp', ...addressOf(t, to, action), ...message },
			idempotent: false,
			action,
		},
		sentSchema,
	);
	// Meta returned a message id: accepted for delivery; the outcome comes as status webhooks.
	return sentOutput('cloud', to, answer.messages[0].id, answer);
}

async function sendText(t: Transport, to: Recipient, body: string): Promise<SendOutput> {
	return await send(
		t,
		to,
		{ type: 'text', text: { preview_url: false, body } },
		'send a text message',
	);
}

async function sendTemplate(
	t: Transport,
	to: Recipient,
	template: TemplateInput,
	item: ItemReader,
): Promise<SendOutput> {
	const action = 'send a template message';
	const built = buildTemplate(template, item);
	if (!built.ok) return t.fail({ action, httpStatus: null, message: built.problem });
	return await send(t, to, { type: 'template', template: built.template }, action);
}

async function listTemplates(t: Transport): Promise<TemplateOutput[]> {
	const action = 'list the message templates';
	const templates = await everyPage(
		t,
		`${wabaPath(t, action)}/message_templates`,
		{
			fields: 'id,name,language,status,category,parameter_format,components',
			limit: PAGE_LIMIT,
		},
		templateSchema,
		action,
	);
	return templates.map((tpl) => ({
		provider: 'cloud',
		id: tpl.id ?? null,
		name: tpl.name,
		language: tpl.language ?? null,
		category: tpl.category ?? null,
		status: tpl.status ?? null,
		components: tpl.components ?? [],
		raw: tpl,
	}));
}

export const cloudApi: Pick<
	ProviderAdapter,
	| 'describeError'
	| 'baseUrl'
	| 'listInstances'
	| 'getInstance'
	| 'sendText'
	| 'sendTemplate'
	| 'listTemplates'
> = {
	describeError: describeCloudError,
	baseUrl: cloudBaseUrl,
	listInstances,
	getInstance,
	sendText,
	sendTemplate,
	listTemplates,
};
