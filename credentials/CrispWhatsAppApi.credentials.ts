import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Crisp's WhatsApp plugin authenticates every call with HTTP Basic `identifier:key`.
export class CrispWhatsAppApi implements ICredentialType {
	name = 'crispWhatsAppApi';

	displayName = 'Crisp WhatsApp API';

	icon: Icon = { light: 'file:../icons/crisp.svg', dark: 'file:../icons/crisp.dark.svg' };

	documentationUrl = 'https://docs.crisp.chat/guides/messaging-apis/whatsapp-api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Identifier',
			name: 'identifier',
			type: 'string',
			default: '',
			required: true,
			description:
				'The identifier of the token pair from Crisp: Plugins → WhatsApp → API Tokens. Only website owners can generate it.',
		},
		// The rule guesses from the field name; `key` (a contract name) is the secret half of Crisp's token pair.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Key',
			name: 'key',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The key of the same token pair (Plugins → WhatsApp → API Tokens). Crisp shows it only once; regenerating it emails every website owner.',
		},
		{
			displayName: 'Website ID',
			name: 'websiteId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '8c842203-7ed8-4e29-a608-7cf78a7d2fcc',
			description:
				'The website the WhatsApp plugin is installed on: Settings → Website Settings → Setup instructions in Crisp',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://plugins.crisp.chat/urn:crisp.im:whatsapp:0/wa/api/website',
			description: 'Change only for a proxy or a test server; the website ID is appended to it',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.identifier}}',
				password: '={{$credentials.key}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/{{encodeURIComponent($credentials.websiteId)}}/templates',
			qs: { limit: 1 },
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Crisp refused the identifier and key. Generate a token pair in Crisp: Plugins → WhatsApp → API Tokens (website owners only).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This token pair may not use the WhatsApp plugin of that website. Check the website ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No WhatsApp plugin was found for that website ID. Check the website ID and the base URL.',
				},
			},
		],
	};
}
