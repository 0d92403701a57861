// The credentials lists of both nodes, generated from the adapters. Each credential is shown by *hiding*
// it for every other provider (and every other Authentication option), not by `show`: n8n's editor takes
// a parameter named in credentials' `show` conditions for the node's authentication field and hides it
// from the parameter list, which would hide the Provider selector itself.
import type { INodeCredentialDescription } from 'n8n-workflow';

import { ADAPTERS } from '../providers';
import type { CredentialChoice, ProviderAdapter } from './adapter';

function othersThan(adapter: ProviderAdapter): string[] {
	return ADAPTERS.filter((a) => a.id !== adapter.id).map((a) => a.id);
}

function entry(adapter: ProviderAdapter, choice: CredentialChoice): INodeCredentialDescription {
	const hide: Record<string, string[]> = { provider: othersThan(adapter) };
	const otherOptions = adapter.credentials
		.filter((c) => c !== choice && c.authentication)
		.map((c) => c.authentication!.value);
	if (choice.authentication && otherOptions.length > 0) hide.authentication = otherOptions;
	return { name: choice.type, required: true, displayOptions: { hide } };
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
		// The trigger has no Authentication parameter: its credential is hidden for other providers only.
		return choice
			? [
					{
						name: choice.type,
						required: true,
						displayOptions: { hide: { provider: othersThan(adapter) } },
					},
				]
			: [];
	});
}
