import type {
	Icon,
	IHttpRequestOptions,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { createHash } from 'node:crypto';
import { UserError } from 'n8n-workflow';
import { z } from 'zod/v4';

import { webappRoot } from '../nodes/providers/onPremises/webappRoot';
import { parseBody } from '../nodes/shared/zodParts';

// The On-Premises client logs in with Basic auth and answers a Bearer token that lives 7 days. n8n keeps
// it in the hidden expirable `sessionToken`, logs in when it is empty and once more after a 401.

const loginAnswer = z.object({
	users: z
		.array(z.object({ token: z.string().min(1), expires_after: z.string().optional() }))
		.min(1),
});

/** What a failed httpRequest carries that is safe to report (never the request, which holds the password). */
const requestFailure = z
	.object({
		code: z.string().optional(),
		httpCode: z.string().nullish(),
		response: z.object({ status: z.number() }).partial().optional(),
		cause: z.object({ code: z.string().optional() }).partial().optional(),
	})
	.partial();

/**
 * The network failure in words. Not the raw code: n8n replaces any message containing ECONNREFUSED & co.
 * with its own generic sentence, which would hide the hint below.
 */
function networkReason(code: string | undefined): string {
	if (!code) return '';
	if (/CERT|SSL|TLS/i.test(code)) return ': its TLS certificate is not trusted';
	if (code === 'ECONNREFUSED') return ': the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ': the host name was not found';
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return ': the connection timed out';
	return '';
}

// Many requests can meet the same expired token at once (a bulk check runs several batches in parallel) and
// n8n asks each of them to log in. One login serves them all: a login under way is shared, and a request
// that failed with a token this process has already replaced gets that replacement. Only the exact token
// that failed is looked up: a token another n8n process logged in for and stored is unknown here, so it is
// never swapped for an older one of ours (which may have expired meanwhile) but replaced by a login.
const loginsUnderWay = new Map<string, Promise<string>>();
// Per credential: a token that failed → the token that replaced it here.
const replacements = new Map<string, Map<string, string>>();
const REMEMBERED = 50;

function loginKey(credentials: ICredentialDataDecryptedObject): string {
	// Hashed so the password is not kept as a map key.
	return createHash('sha256')
		.update(
			`${webappRoot(credentials.baseUrl)}\u0000${credentials.username}\u0000${credentials.password}`,
		)
		.digest('hex');
}

/** Logs in with Basic auth and answers the Bearer token. */
async function logIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const url = `${webappRoot(credentials.baseUrl)}/v1/users/login`;
	let answer: unknown;
	try {
		answer = await helper.helpers.httpRequest({
			method: 'POST',
			url,
			auth: {
				username: String(credentials.username ?? ''),
				password: String(credentials.password ?? ''),
			},
			headers: { Accept: 'application/json' },
			json: true,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		});
	} catch (error) {
		// A new error on purpose: the original one carries the request, Basic header included.
		const failure = parseBody(requestFailure, error);
		const status = failure.success
			? (failure.data.response?.status ?? Number(failure.data.httpCode))
			: NaN;
		const network = failure.success ? (failure.data.cause?.code ?? failure.data.code) : undefined;
		if (status === 401 || status === 403) {
			throw new UserError(
				`Login to the WhatsApp On-Premises API at ${url} failed (HTTP ${status}): check the username and password`,
			);
		}
		if (Number.isFinite(status) && status > 0) {
			throw new UserError(
				`Login to the WhatsApp On-Premises API at ${url} failed (HTTP ${status})`,
			);
		}
		throw new UserError(
			`Could not reach the WhatsApp On-Premises API at ${url}${networkReason(network)}. Check the base URL; for a self-signed certificate turn on "Ignore SSL Issues".`,
		);
	}
	const parsed = parseBody(loginAnswer, answer);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new UserError(
			`The login answer of the WhatsApp On-Premises API has an unexpected shape (${issue.path.join('.') || 'body'}: ${issue.message}); expected {"users":[{"token":"…"}]}`,
		);
	}
	return parsed.data.users[0].token;
}

export class WhatsAppOnPremisesApi implements ICredentialType {
	name = 'whatsAppOnPremisesApi';

	displayName = 'WhatsApp On-Premises API';

	icon: Icon = { light: 'file:../icons/onPremises.svg', dark: 'file:../icons/onPremises.dark.svg' };

	documentationUrl =
		'https://developers.facebook.com/docs/whatsapp/on-premises/reference/users/login';

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
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: 'admin',
			required: true,
			description: 'A user of the Webapp: admin, or a user created with POST /v1/users',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'That user\'s password. The admin password is the one set at the first login (the initial one is "secret" and must be changed).',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the Webapp uses a self-signed or otherwise invalid TLS certificate, as on-premises installations often do',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const key = loginKey(credentials);
		const failed = typeof credentials.sessionToken === 'string' ? credentials.sessionToken : '';
		const known = replacements.get(key) ?? new Map<string, string>();
		// No token yet (a new credential, a credential test) always logs in: only a login under way is shared.
		const replacement = failed === '' ? undefined : known.get(failed);
		if (replacement !== undefined && replacement !== failed) return { sessionToken: replacement };
		let login = loginsUnderWay.get(key);
		if (!login) {
			login = logIn(this, credentials).finally(() => loginsUnderWay.delete(key));
			loginsUnderWay.set(key, login);
		}
		const sessionToken = await login;
		// Tokens that were replaced by the one that just failed now lead to the new one, never to a dead one.
		for (const [older, newer] of known) if (newer === failed) known.set(older, sessionToken);
		if (failed !== '') known.set(failed, sessionToken);
		while (known.size > REMEMBERED) known.delete(known.keys().next().value as string);
		replacements.set(key, known);
		return { sessionToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			...(requestOptions.baseURL ? { baseURL: webappRoot(requestOptions.baseURL) } : {}),
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${String(credentials.sessionToken ?? '')}`,
			},
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
						'The Webapp refused the session token right after the login. Check that the user may call /v1/health.',
				},
			},
		],
	};
}
