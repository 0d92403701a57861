// The account side of WSAPI: which instance-management API the credential opens (hosted `/account/*` with
// the customer key, self-hosted `/admin/*` with the admin key) and how it is asked for.
import { WSAPI_AUTH_ACCOUNT, WSAPI_AUTH_MARKER } from '../../../credentials/WsApiApi.credentials';
import { credentialField } from '../../shared/transport';
import type { Transport } from '../../shared/types';

// Asks the credential's authenticate to send the account (customer/admin) key instead of the instance key:
// n8n gives a credential only the request, so the request has to say which of its keys it needs.
export const ACCOUNT_HEADERS = { [WSAPI_AUTH_MARKER]: WSAPI_AUTH_ACCOUNT };

export type Deployment = 'hosted' | 'selfHosted';

export function deploymentOf(t: Transport): Deployment {
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
export function sessionState(s: { isConnected?: boolean; isLoggedIn?: boolean }): string | null {
	if (s.isLoggedIn === true) return 'paired';
	if (s.isConnected === true) return 'unpaired';
	if (s.isConnected === false) return 'disconnected';
	return null;
}
