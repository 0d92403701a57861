// WSAPI action API. Instance calls use the instance key (the credential adds X-Api-Key + X-Instance-Id);
// listing and reading other instances uses the account key: hosted `/account/instances`, self-hosted
// `/admin/instances`, chosen by the credential's `deployment`.
import { WSAPI_AUTH_ACCOUNT, WSAPI_AUTH_MARKER } from '../../../credentials/WsApiApi.credentials';
import { chatIdToDigits, recipientLabel, toProviderChatId } from '../../shared/phone';
import { credentialField } from '../../shared/transport';
import type { ContactAnswer, InstanceOutput, ProviderAdapter, Transport } from '../../shared/types';
import {
	accountInstanceDetailSchema,
	accountInstancePageSchema,
	adminInstanceListSchema,
	adminInstanceSchema,
	bulkCheckSchema,
	errorBodySchema,
	sentSchema,
	sessionStatusSchema,
} from './schemas';

const ACCOUNT_HEADERS = { [WSAPI_AUTH_MARKER]: WSAPI_AUTH_ACCOUNT };
const PAGE_SIZE = 100;
// A bound on pagination, so a provider that keeps answering full pages cannot loop forever.
const MAX_PAGES = 100;

type Deployment = 'hosted' | 'selfHosted';

function deploymentOf(t: Transport): Deployment {
	return credentialField(t, 'deployment') === 'selfHosted' ? 'selfHosted' : 'hosted';
}

/** Fails clearly when the account key is missing (the credential would refuse the request anyway). */
export function requireAccountKey(t: Transport, action: string): void {
	if (credentialField(t, 'accountApiKey') !== '') return;
	const key =
		deploymentOf(t) === 'selfHosted'
			? 'the admin key (WSAPI_ADMIN_API_KEY)'
			: 'your customer API key from the WSAPI dashboard';
	t.fail({
		action,
		httpStatus: null,
		message: `this needs the Account API Key in the WSAPI credential: set it to ${key}`,
	});
}

/** A session's state in one word: paired (logged in), unpaired (connected, no phone), disconnected. */
function sessionState(s: { isConnected?: boolean; isLoggedIn?: boolean }): string | null {
	if (s.isLoggedIn === true) return 'paired';
	if (s.isConnected === true) return 'unpaired';
	if (s.isConnected === false) return 'disconnected';
	return null;
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

/** The account's (or admin's) record of one instance: name, status and webhook settings. */
async function managedInstance(
	t: Transport,
	id: string,
): Promise<Omit<InstanceOutput, 'provider'>> {
	const path = encodeURIComponent(id);
	if (deploymentOf(t) === 'selfHosted') {
		const i = await t.request(
			{
				method: 'GET',
				path: `/admin/instances/${path}`,
				headers: ACCOUNT_HEADERS,
				idempotent: true,
				action: 'get the instance',
			},
			adminInstanceSchema,
		);
		return {
			id,
			name: null,
			status: sessionState(i),
			webhookUrl: i.config?.webhookUrl || null,
			webhookEvents: i.config?.eventFilters ?? [],
			raw: i,
		};
	}
	const d = await t.request(
		{
			method: 'GET',
			path: `/account/instances/${path}`,
			headers: ACCOUNT_HEADERS,
			idempotent: true,
			action: 'get the instance',
		},
		accountInstanceDetailSchema,
	);
	return {
		id,
		name: d.name ?? null,
		status: d.status ?? null,
		webhookUrl: d.settings?.webhookUrl || null,
		webhookEvents: d.settings?.eventFilters ?? [],
		raw: d,
	};
}

export const wsapiApi: Pick<ProviderAdapter, 'describeError' | 'baseUrl'> &
	Partial<ProviderAdapter> = {
	describeError(body) {
		const parsed = errorBodySchema.safeParse(body);
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
			return output(await managedInstance(t, id));
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
		const managed = hasAccountKey ? await managedInstance(t, id) : undefined;
		return output({
			id,
			name: managed?.name ?? null,
			status: sessionState(session),
			webhookUrl: managed?.webhookUrl ?? null,
			webhookEvents: managed?.webhookEvents ?? [],
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
				body: { to: toProviderChatId(to, 'wsapi'), text },
				idempotent: false,
				action: 'send a text message',
			},
			sentSchema,
		);
		return {
			provider: 'wsapi',
			to: recipientLabel(to),
			status: 'sent',
			messageId: sent.id,
			requestId: null,
			raw: sent,
		};
	},
};
