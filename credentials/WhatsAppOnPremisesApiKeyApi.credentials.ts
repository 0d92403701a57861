import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { webappRoot } from '../nodes/providers/onPremises/webappRoot';

// WA_API_KEY authenticates health, metrics and stats only. Meta requires 12–128 characters; a key outside
// that range can never be right, so it is refused before any request is sent.
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;

export class WhatsAppOnPremisesApiKeyApi implements ICredentialType {
	name = 'whatsAppOnPremisesApiKeyApi';

	// What the key opens is the Webapp's monitoring (health, metrics, stats); n8n's rule wants "… API".
	displayName = 'WhatsApp On-Premises Monitoring API';

	icon: Icon = { light: 'file:../icons/onPremises.svg', dark: 'file:../icons/onPremises.dark.svg' };

	documentationUrl = 'https://developers.facebook.com/docs/whatsapp/on-premises/reference/metrics';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://whatsapp.example.com:9090',
			description:
				'The root of your WhatsApp Business API Webapp (https://host:port), without /v1. A trailing / or /v1 is ignored.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The WA_API_KEY value from the waweb section of your docker-compose .yml (12–128 characters; restart the Webapp after changing it). It only opens health, metrics and stats.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the Webapp uses a self-signed or otherwise invalid TLS certificate, as on-premises installations often do',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
		if (apiKey.length < MIN_LENGTH || apiKey.length > MAX_LENGTH) {
			throw new UserError(
				`The On-Premises API key must be ${MIN_LENGTH} to ${MAX_LENGTH} characters long (WA_API_KEY rule), but it has ${apiKey.length}. No request was sent.`,
			);
		}
		return {
			...requestOptions,
			...(requestOptions.baseURL ? { baseURL: webappRoot(requestOptions.baseURL) } : {}),
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Apikey ${apiKey}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// authenticate() reduces it to the Webapp root, as for every other request.
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/health',
			method: 'GET',
			headers: { Accept: 'application/json' },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The Webapp refused the API key. It must equal WA_API_KEY of the waweb container, and the Webapp must have been restarted after it was set.',
				},
			},
		],
	};
}
