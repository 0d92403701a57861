import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// WaAPI tokens never expire, so a plain Bearer header is all it takes.
export class WaApiApi implements ICredentialType {
	name = 'waApiApi';

	displayName = 'WaAPI API';

	icon: Icon = { light: 'file:../icons/waapi.svg', dark: 'file:../icons/waapi.dark.svg' };

	documentationUrl = 'https://waapi.readme.io/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create it at https://waapi.app/user/api-tokens (User API Tokens). Give it the read and update permissions: read lists instances, update changes webhooks. Tokens never expire.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://waapi.app/api/v1',
			description: 'Change only for a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/instances',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'WaAPI refused the API token. Create one at https://waapi.app/user/api-tokens and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The API token lacks a permission. Give it the read and update permissions at https://waapi.app/user/api-tokens.',
				},
			},
		],
	};
}
