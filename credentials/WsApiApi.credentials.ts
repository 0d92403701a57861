import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/**
 * Instance calls send the instance key and `X-Instance-Id`. Instance management (`/account/*` hosted,
 * `/admin/*` self-hosted) needs the account key *instead*, with no instance header. A node asks for that by
 * adding the header `X-Gateway-Auth: account` to its request; this credential removes the marker (it never
 * reaches WSAPI) and puts the account key in `X-Api-Key`.
 */
export const WSAPI_AUTH_MARKER = 'X-Gateway-Auth';
export const WSAPI_AUTH_ACCOUNT = 'account';

/** Headers without any spelling of `names` (HTTP header names are case-insensitive). */
function withoutHeaders(headers: IDataObject, names: string[]): IDataObject {
	const drop = names.map((name) => name.toLowerCase());
	const kept: IDataObject = {};
	for (const [key, value] of Object.entries(headers)) {
		if (!drop.includes(key.toLowerCase())) kept[key] = value;
	}
	return kept;
}

function headerValue(headers: IDataObject, name: string): unknown {
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
	return key === undefined ? undefined : headers[key];
}

export class WsApiApi implements ICredentialType {
	name = 'wsApiApi';

	displayName = 'WSAPI API';

	icon: Icon = { light: 'file:../icons/wsapi.svg', dark: 'file:../icons/wsapi.dark.svg' };

	documentationUrl = 'https://docs.wsapi.chat';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The instance's API key. Hosted: the instance page of the WSAPI dashboard. Self-hosted: the instance's apiKey, or WSAPI_DEFAULT_API_KEY when the instance has none.",
		},
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ins_abc123',
			description:
				'The ID of the WhatsApp instance, sent as X-Instance-Id (shown next to the instance in the dashboard)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.wsapi.chat',
			description:
				'Hosted: https://api.wsapi.chat. Self-hosted: the address of your WSAPI server, e.g. http://localhost:8080.',
		},
		{
			displayName: 'Deployment',
			name: 'deployment',
			type: 'options',
			options: [
				{ name: 'Hosted (api.wsapi.chat)', value: 'hosted' },
				{ name: 'Self-Hosted (wsapi-app)', value: 'selfHosted' },
			],
			default: 'hosted',
			description:
				'Decides which instance-management API the account key opens: /account/* (hosted) or /admin/* (self-hosted)',
		},
		{
			displayName: 'Account API Key',
			name: 'accountApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional; needed to list instances and to register webhooks. Hosted: your customer API key from the account settings of the dashboard (opens /account/*). Self-hosted: the admin key, WSAPI_ADMIN_API_KEY (opens /admin/*, multi-instance mode only).',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional; the secret WSAPI signs webhook events with (X-Webhook-Signature). Hosted: the instance webhook settings in the dashboard. Self-hosted: eventSigningSecret of the instance or WSAPI_DEFAULT_SIGNING_SECRET. Leave empty to let the trigger generate and register one (needs the account API key).',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		const wantsAccount =
			String(headerValue(headers, WSAPI_AUTH_MARKER) ?? '').toLowerCase() === WSAPI_AUTH_ACCOUNT;
		const base = withoutHeaders(headers, [WSAPI_AUTH_MARKER, 'X-Api-Key', 'X-Instance-Id']);
		if (wantsAccount) {
			const accountApiKey =
				typeof credentials.accountApiKey === 'string' ? credentials.accountApiKey : '';
			if (accountApiKey === '') {
				const where =
					credentials.deployment === 'selfHosted'
						? 'the admin key (WSAPI_ADMIN_API_KEY)'
						: 'your customer API key from the WSAPI dashboard';
				throw new UserError(
					`This operation manages instances and needs the Account API Key in the WSAPI credential: set it to ${where}`,
				);
			}
			return { ...requestOptions, headers: { ...base, 'X-Api-Key': accountApiKey } };
		}
		return {
			...requestOptions,
			headers: {
				...base,
				'X-Api-Key': String(credentials.apiKey ?? ''),
				'X-Instance-Id': String(credentials.instanceId ?? ''),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/session/status',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'WSAPI refused the API key for this instance. Check the API key and the instance ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'WSAPI needs an instance ID (X-Instance-Id). Fill in the Instance ID field.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'WSAPI does not know this instance ID. Check the Instance ID and the base URL.',
				},
			},
		],
	};
}
