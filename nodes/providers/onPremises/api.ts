// WhatsApp On-Premises action API (Meta's Business API client, /v1/...). Two credentials share it: the
// login one (Bearer token from /v1/users/login, refreshed by n8n on a 401) and the API-key one, which the
// client accepts for /v1/health only.
import type { IDataObject } from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ItemReader, ProviderAdapter } from '../../shared/adapter';
import { bool } from '../../shared/options';
import type {
	ContactAnswer,
	ContactQuery,
	InstanceOutput,
	Recipient,
	SendOutput,
	TemplateInput,
	Transport,
} from '../../shared/types';
import { contactsSchema, errorEnvelopeSchema, healthSchema, messagesSchema } from './schemas';
import { contactCheckReliability } from './version';
import { webappRoot } from './webappRoot';
import { parseBody } from '../../shared/zodParts';
import { sentOutput } from '../../shared/sentOutput';

function describeOnPremisesError(body: unknown): { code?: string | number; message?: string } {
	const parsed = parseBody(errorEnvelopeSchema, body);
	if (!parsed.success) return {};
	const [first] = parsed.data.errors;
	const title = first.title?.trim();
	const details = first.details?.trim();
	const message = title && details && details !== title ? `${title}: ${details}` : title || details;
	return { code: first.code, message: message || undefined };
}

// Healthiest first: a multiconnect cluster is only as usable as its worst working node.
const GATEWAY_RANK = ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'];
const rank = (status: string): number => {
	const index = GATEWAY_RANK.indexOf(status);
	return index === -1 ? GATEWAY_RANK.length : index;
};
// Secondary masters are standby: their state does not say whether messages can go out.
const WORKING_ROLES = new Set(['primary_master', 'coreapp']);

function gatewayStatus(health: z.infer<typeof healthSchema>['health']): string | null {
	if (typeof health.gateway_status === 'string') return health.gateway_status;
	const nodes = Object.values(health).filter(
		(node): node is { gateway_status: string; role?: string } =>
			typeof node === 'object' && node !== null && 'gateway_status' in node,
	);
	const working = nodes.filter((node) => node.role !== undefined && WORKING_ROLES.has(node.role));
	const considered = working.length > 0 ? working : nodes;
	if (considered.length === 0) return null;
	return considered.reduce((worst, node) =>
		rank(node.gateway_status) > rank(worst.gateway_status) ? node : worst,
	).gateway_status;
}

async function getInstance(t: Transport, instanceId: string): Promise<InstanceOutput> {
	const answer = await t.request(
		{
			method: 'GET',
			path: '/v1/health',
			idempotent: true,
			action: 'read the health of the client',
		},
		healthSchema,
	);
	const version = answer.meta?.version;
	return {
		provider: 'onPremises',
		// One client per credential: there is no instance id in this API.
		id: instanceId.trim() || 'default',
		name: version ? `WhatsApp On-Premises ${version}` : 'WhatsApp On-Premises',
		status: gatewayStatus(answer.health),
		// The webhook lives in /v1/settings/application, which the API-key credential may not read.
		webhookUrl: null,
		webhookEvents: [],
		raw: answer,
	};
}

const digitsOf = (value: string | number): string => String(value).replace(/\D/g, '');

async function checkContacts(t: Transport, batch: ContactQuery[]): Promise<ContactAnswer[]> {
	const answer = await t.request(
		{
			method: 'POST',
			path: '/v1/contacts',
			// `wait`: the answer carries the result instead of a later webhook; `+` marks the country code.
			body: { blocking: 'wait', contacts: batch.map((query) => `+${query.phone}`) },
			idempotent: true,
			action: `check ${batch.length} contact${batch.length === 1 ? '' : 's'}`,
		},
		contactsSchema,
	);
	const reliability = contactCheckReliability(answer.meta?.version);
	const reliable = reliability.reliable;
	const unreliableReason = reliability.reliable ? undefined : reliability.reason;
	// The client echoes each input as it was sent; order is not promised, so match by the digits.
	const byPhone = new Map<string, (typeof answer.contacts)[number]>();
	for (const contact of answer.contacts) byPhone.set(digitsOf(contact.input), contact);

	const missing = batch.filter((query) => !byPhone.has(query.phone)).map((query) => query.phone);
	if (missing.length > 0) {
		const shown = missing.slice(0, 5).join(', ');
		t.fail({
			action: `check ${batch.length} contacts`,
			httpStatus: 200,
			message: `the answer has no result for ${missing.length} number${missing.length === 1 ? '' : 's'} (${shown}${missing.length > 5 ? ', …' : ''})`,
		});
	}

	return batch.map((query): ContactAnswer => {
		const contact = byPhone.get(query.phone);
		const status = contact?.status;
		const waId = contact?.wa_id ?? null;
		if (status === 'valid') {
			return {
				phone: query.phone,
				exists: true,
				status: 'valid',
				waId,
				chatId: waId,
				reliable,
				unreliableReason,
				raw: contact,
			};
		}
		if (status === 'invalid' || status === 'failed') {
			// `failed`: Meta's example for a number the client could not read; it cannot be messaged either.
			return {
				phone: query.phone,
				exists: false,
				status: 'invalid',
				waId: null,
				chatId: null,
				reliable,
				unreliableReason,
				raw: contact,
			};
		}
		// `processing` (or a state this client version added): not known yet.
		return {
			phone: query.phone,
			exists: null,
			status: 'processing',
			waId,
			chatId: waId,
			reliable,
			unreliableReason,
			raw: contact,
		};
	});
}

/** `to` and `recipient_type` of a message: digits for a user, the bare group id (no `@g.us`) for a group. */
function addressOf(t: Transport, to: Recipient, action: string): IDataObject {
	if (to.kind === 'group') return { recipient_type: 'group', to: to.id.replace(/@g\.us$/i, '') };
	if (to.kind === 'user') return { recipient_type: 'individual', to: to.digits };
	return t.fail({
		action,
		httpStatus: null,
		message: `"${to.id}" is a WhatsApp user id without a phone number; the On-Premises client sends to phone numbers and groups only`,
	});
}

export async function send(
	t: Transport,
	to: Recipient,
	body: IDataObject,
	action: string,
): Promise<SendOutput> {
	const answer = await t.request(
		{
			method: 'POST',
			path: '/v1/messages',
			body: { ...addressOf(t, to, action), ...body },
			idempotent: false,
			action,
		},
		messagesSchema,
	);
	return sentOutput('onPremises', to, answer.messages[0].id, answer);
}

async function sendText(t: Transport, to: Recipient, text: string): Promise<SendOutput> {
	return await send(
		t,
		to,
		{ type: 'text', preview_url: false, text: { body: text } },
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
	const namespace = item.text('templateNamespace');
	if (namespace === '') {
		t.fail({
			action,
			httpStatus: null,
			message:
				'the template namespace is empty: On-Premises needs it (WhatsApp Manager → Message Templates shows it next to the templates)',
		});
	}
	// "deterministic": the only policy left since Meta deprecated "fallback" (Jan 2020).
	const language = { policy: 'deterministic', code: template.language };
	if (bool(item.option('legacyHsm'), false)) {
		return await send(
			t,
			to,
			{
				type: 'hsm',
				hsm: {
					namespace,
					element_name: template.name,
					language,
					localizable_params: template.bodyParameters.map((text) => ({ default: text })),
				},
			},
			action,
		);
	}
	const components =
		template.bodyParameters.length > 0
			? [
					{
						type: 'body',
						parameters: template.bodyParameters.map((text) => ({ type: 'text', text })),
					},
				]
			: undefined;
	return await send(
		t,
		to,
		{
			type: 'template',
			template: { namespace, name: template.name, language, ...(components ? { components } : {}) },
		},
		action,
	);
}

export const onPremisesApi: Pick<
	ProviderAdapter,
	| 'describeError'
	| 'baseUrl'
	| 'getInstance'
	| 'contactBatching'
	| 'checkContacts'
	| 'sendText'
	| 'sendTemplate'
> = {
	describeError: describeOnPremisesError,
	baseUrl: (credentials) => webappRoot(credentials.baseUrl),
	getInstance,
	// Meta documents no maximum for /v1/contacts; with `blocking: "wait"` the answer waits for every lookup,
	// so batches stay moderate (100: 1,000 numbers in 10 calls) and are capped at 1,000 to stay well inside
	// the transport's timeout.
	contactBatching: { defaultBatchSize: 100, maxBatchSize: 1000 },
	checkContacts,
	sendText,
	sendTemplate,
};
