import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

// Meta's WhatsApp Cloud API (graph.facebook.com): a system-user access token as Bearer on every call. The
// Graph API version is the first path segment, `^v<major>.<minor>$` (Meta's OpenAPI `Version` parameter,
// facebook/openapi business-messaging-api_v23.0.yaml); a malformed one is refused here, before any request.
const VERSION = /^v\d+\.\d+$/;

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

// The test reads the WABA's phone numbers. With ignoreHttpStatusErrors Meta's error envelope arrives as the
// answer, so each Graph error code gets its own message (rules compare one field with one value).
const metaCode = (value: number, message: string) => ({
	type: 'responseSuccessBody' as const,
	properties: { key: 'error.code', value, message },
});

export class WhatsAppGatewayCloudApi implements ICredentialType {
	name = 'whatsAppGatewayCloudApi';

	// n8n's rules want credential names to end in "API", so not "WhatsApp Cloud API (Meta)".
	displayName = 'Meta WhatsApp Cloud API';

	icon: Icon = { light: 'file:../icons/cloud.svg', dark: 'file:../icons/cloud.dark.svg' };

	documentationUrl =
		'https://developers.facebook.com/documentation/business-messaging/whatsapp/access-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"A system user's access token (Business Settings › Users › System users › Generate new token) with the whatsapp_business_management and whatsapp_business_messaging permissions, for a system user that has access to the WhatsApp Business Account",
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 102290129340398',
			description:
				'The ID of the WhatsApp Business Account (WABA) whose phone numbers and templates the node uses: WhatsApp Manager › Account tools, or the API Setup page of the Meta app',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The Meta app's secret (App settings › Basic). Meta signs every webhook with it (X-Hub-Signature-256); the trigger needs it and refuses calls it cannot check.",
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 987654321098765',
			description:
				"Optional: the Meta app's ID (App settings › Basic). With it the trigger checks that exactly this app is subscribed to the WhatsApp Business Account.",
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: 'v25.0',
			placeholder: 'v25.0',
			description:
				'The Graph API version every call names, written like v25.0. Meta serves each version for about two years (Graph API changelog).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Change only for a proxy or a test server; the version is appended to it',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const version = text(credentials.graphApiVersion);
		if (!VERSION.test(version)) {
			throw new UserError(
				`The Graph API Version "${version}" in the WhatsApp Cloud API credential is not a version: write it like v25.0 (a "v", the major number, a dot, the minor number)`,
			);
		}
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${text(credentials.accessToken)}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl.trim().replace(/\\/+$/, "") + "/" + String($credentials.graphApiVersion).trim()}}',
			url: '=/{{encodeURIComponent(String($credentials.businessAccountId).trim())}}/phone_numbers',
			qs: { fields: 'id', limit: 1 },
			method: 'GET',
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			metaCode(
				190,
				'Meta: the access token is invalid, expired or revoked (Graph error 190). Generate a new system-user token (Business Settings › Users › System users › Generate new token) and paste it here.',
			),
			metaCode(
				104,
				'Meta: no access token arrived (Graph error 104). Paste the system user’s access token.',
			),
			metaCode(
				200,
				'Meta: this token may not read the WhatsApp Business Account (Graph error 200, permission denied). Give the system user access to the WABA and generate the token again with the whatsapp_business_management and whatsapp_business_messaging permissions.',
			),
			metaCode(
				10,
				'Meta: the app has no permission for this (Graph error 10). Generate the token again with the whatsapp_business_management and whatsapp_business_messaging permissions.',
			),
			metaCode(
				100,
				'Meta: no WhatsApp Business Account with this ID is visible to the token (Graph error 100). Use the WABA ID from WhatsApp Manager › Account tools, not a phone number ID or the app ID.',
			),
			metaCode(
				803,
				'Meta: no object with this ID exists (Graph error 803). Check the WhatsApp Business Account ID.',
			),
			{
				// Any other answer without the `data` list: not the phone numbers of a WABA.
				type: 'responseSuccessBody',
				properties: {
					key: 'data',
					value: undefined,
					message:
						'The answer is not the phone number list of a WhatsApp Business Account. Check the Base URL (https://graph.facebook.com), the Graph API Version and the WhatsApp Business Account ID.',
				},
			},
		],
	};
}
