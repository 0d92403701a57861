// The credentials lists of both nodes, generated from the adapters. n8n's editor takes a parameter named in
// credentials' `show` conditions for the node's authentication field when the plain values of those
// conditions cover its options (or when it is called `authentication`), and then hides it from the panel,
// which would hide the Provider selector itself. So a credential is shown for its provider by a condition
// object (`_cnd`), whose values the editor does not read as options, and kept from the other Authentication
// options by `hide`. (Hidden by `hide` alone, the editor would label every selector just "Credential".)
import type { INodeCredentialDescription } from 'n8n-workflow';

import { ADAPTERS } from '../providers';
import type { CredentialChoice, ProviderAdapter } from './adapter';

type CredentialDisplay = NonNullable<INodeCredentialDescription['displayOptions']>;

/**
 * Shown for this provider only. n8n-workflow evaluates `_cnd` conditions for credentials as for parameters
 * (checkConditions); only the credentials' type leaves them out, hence the cast.
 */
const showFor = (adapter: ProviderAdapter) =>
	({ provider: [{ _cnd: { eq: adapter.id } }] }) as unknown as CredentialDisplay['show'];

function entry(adapter: ProviderAdapter, choice: CredentialChoice): INodeCredentialDescription {
	const otherOptions = adapter.credentials
		.filter((c) => c !== choice && c.authentication)
		.map((c) => c.authentication!.value);
	return {
		name: choice.type,
		required: true,
		displayOptions: {
			show: showFor(adapter),
			...(choice.authentication && otherOptions.length > 0
				? { hide: { authentication: otherOptions } }
				: {}),
		},
	};
}

/** The action node's credentials: every credential of every provider. */
export function actionCredentials(): INodeCredentialDescription[] {
	return ADAPTERS.flatMap((adapter) => adapter.credentials.map((choice) => entry(adapter, choice)));
}

/** The trigger's credentials: the one each provider's trigger uses. */
export function triggerCredentials(): INodeCredentialDescription[] {
	return ADAPTERS.flatMap((adapter) => {
		const type = adapter.trigger.credential;
		const choice = adapter.credentials.find((c) => c.type === type);
		// The trigger has no Authentication parameter: its credential is shown for its provider alone.
		return choice
			? [
					{
						name: choice.type,
						required: true,
						displayOptions: { show: showFor(adapter) },
					},
				]
			: [];
	});
}
