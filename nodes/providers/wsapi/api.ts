// WSAPI action API. Instance calls use the instance key (the credential adds X-Api-Key + X-Instance-Id);
// listing and reading other instances uses the account key: hosted `/account/instances`, self-hosted
// `/admin/instances`, chosen by the credential's `deployment`.
import type { z } from 'zod/v4';

import type { ProviderAdapter } from '../../shared/adapter';
import { chatIdToDigits } from '../../shared/phone';
import { credentialField } from '../../shared/transport';
import type {
	ContactAnswer,
	InstanceOutput,
	Recipient,
	SendOutput,
	Transport,
} from '../../shared/types';
import { ACCOUNT_HEADERS, deploymentOf, requireAccountKey, sessionState } from './account';
import { readInstanceRecord } from './instanceRecord';
import {
	accountInstancePageSchema,
	adminInstanceListSchema,
	bulkCheckSchema,
	errorBodySchema,
	sentSchema,
	sessionStatusSchema,
} from './schemas';
import { parseBody } from '../../shared/zodParts';
import { sentOutput } from '../../shared/sentOutput';

const PAGE_SIZE = 100;
// A bound on pagination, so a provider that keeps answering full pages cannot loop forever.
const MAX_PAGES = 100;

/** WSAPI's JID: `<digits>@s.whatsapp.net` for a person (whatsmeow's form), any other id as given. */
export function jidFor(to: Recipient): string {
	return to.kind === 'user' ? `${to.digits}@s.whatsapp.net` : to.id;
}

function output(fields: Omit<InstanceOutput, 'provider'>): InstanceOutput {
	return { provider: 'wsapi', ...fields };
}

async function listHosted(t: Transport): Promise<InstanceOutput[]> {
	const out: InstanceOutput[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const answer = await t.request(
			{
				method: 'GET',
				path: '/account/instances',
				qs: { pageNumber: page, pageSize: PAGE_SIZE },
				headers: ACCOUNT_HEADERS,
				idempotent: true,
				action: 'list instances',
			},
			accountInstancePageSchema,
		);
		const items = answer.items ?? [];
		for (const i of items) {
			out.push(
				output({
					id: i.id,
					name: i.name ?? null,
					status: i.status ?? null,
					webhookUrl: null,
					webhookEvents: [],
					raw: i,
				}),
			);
		}
		const total = answer.totalCount ?? out.length;
		if (items.length === 0 || out.length >= total || items.length < (answer.pageSize ?? PAGE_SIZE))
			break;
	}
	return out;
}

async function listSelfHosted(t: Transport): Promise<InstanceOutput[]> {
	const list = await t.request(
		{
			method: 'GET',
			path: '/admin/instances',
			headers: ACCOUNT_HEADERS,
			idempotent: true,
			action: 'list instances',
		},
		adminInstanceListSchema,
	);
	return list.map((i) =>
		output({
			id: i.id,
			name: null,
			status: sessionState(i),
			webhookUrl: i.config?.webhookUrl || null,
			webhookEvents: i.config?.eventFilters ?? [],
			raw: i,
		}),
	);
}

export const wsapiApi: Pick<
	ProviderAdapter,
	| 'describeError'
	| 'baseUrl'
	| 'listInstances'
	| 'getInstance'
	| 'contactBatching'
	| 'checkContacts'
	| 'sendText'
> = {
	describeError(body) {
		const parsed = parseBody(errorBodySchema, body);
		if (!parsed.success) return {};
		const message = parsed.data.detail ?? parsed.data.title;
		return message ? { message } : {};
	},

	baseUrl: (credentials) =>
		String(credentials.baseUrl || 'https://api.wsapi.chat')
			.trim()
			.replace(/\/+$/, ''),

	async listInstances(t) {
		requireAccountKey(t, 'list instances');
		return deploymentOf(t) === 'selfHosted' ? await listSelfHosted(t) : await listHosted(t);
	},

	async getInstance(t, instanceId) {
		const own = credentialField(t, 'instanceId');
		const id = instanceId || own;
		const hasAccountKey = credentialField(t, 'accountApiKey') !== '';
		if (id !== own) {
			// Another instance's session is not reachable with this credential's instance key.
			requireAccountKey(t, "get another instance than the credential's");
			const r = await readInstanceRecord(t, id);
			return output({
				id,
				name: r.name,
				status: r.status,
				webhookUrl: r.webhookUrl,
				webhookEvents: r.eventFilters,
				raw: r.raw,
			});
		}
		const session = await t.request(
			{
				method: 'GET',
				path: '/session/status',
				idempotent: true,
				action: 'get the session status',
			},
			sessionStatusSchema,
		);
		const managed = hasAccountKey ? await readInstanceRecord(t, id) : undefined;
		return output({
			id,
			name: managed?.name ?? null,
			status: sessionState(session),
			webhookUrl: managed?.webhookUrl ?? null,
			webhookEvents: managed?.eventFilters ?? [],
			raw: managed ? { session, instance: managed.raw } : { session },
		});
	},

	// POST /users/check takes a list; the self-hosted server refuses more than 100 at once.
	contactBatching: { defaultBatchSize: 50, maxBatchSize: 100 },

	async checkContacts(t, batch) {
		const answer = await t.request(
			{
				method: 'POST',
				path: '/users/check',
				body: { phones: batch.map((q) => q.phone) },
				idempotent: true,
				action: 'check contacts',
			},
			bulkCheckSchema,
		);
		return answer.map(
			(r): ContactAnswer => ({
				phone: r.query.replace(/^\+/, ''),
				exists: r.isInWhatsApp,
				status: r.isInWhatsApp ? 'valid' : 'invalid',
				waId: r.isInWhatsApp ? (chatIdToDigits(r.jid ?? null) ?? r.query.replace(/^\+/, '')) : null,
				chatId: r.isInWhatsApp ? (r.jid ?? `${r.query.replace(/^\+/, '')}@s.whatsapp.net`) : null,
				reliable: true,
				raw: r,
			}),
		);
	},

	async sendText(t, to, text) {
		const sent = await t.request(
			{
				method: 'POST',
				path: '/messages/text',
				body: { to: jidFor(to), text },
				idempotent: false,
				action: 'send a text message',
			},
			sentSchema,
		);
		return sentMessageOutput(to, sent);
	},
};

/** What a send answered (`{ id }`), as the node outputs it. */
export function sentMessageOutput(to: Recipient, sent: z.infer<typeof sentSchema>): SendOutput {
	return sentOutput('wsapi', to, sent.id, sent);
}
