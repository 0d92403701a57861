// The one way every entry point (execution, load options, list search, trigger hooks, the webhook) opens
// its provider: the adapter the `provider` parameter names, the credential type its parameters choose,
// and that credential's data.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { ADAPTERS, DEFAULT_PROVIDER, findAdapter } from '../providers';
import type { CredentialChoice, ProviderAdapter } from './adapter';

export interface ProviderContext {
	adapter: ProviderAdapter;
	credentialType: string;
	credentials: IDataObject;
}

/** Reads a parameter of the node (the first item's, or the editor's current value). */
export type ParameterReader = (name: string) => unknown;

interface ContextSource {
	getNode(): INode;
	getCredentials(type: string): Promise<IDataObject>;
}

/** The adapter the `provider` parameter names; a clear error for anything else. */
export function adapterOf(node: INode, read: ParameterReader): ProviderAdapter {
	const value = read('provider') ?? DEFAULT_PROVIDER;
	const adapter = findAdapter(value);
	if (!adapter) {
		throw new NodeOperationError(node, `Unknown provider "${String(value)}"`, {
			description: `Choose one of: ${ADAPTERS.map((a) => a.displayName).join(', ')}`,
		});
	}
	return adapter;
}

/** The credential the action node's parameters choose: the Authentication option, else the default. */
export function credentialChoice(
	adapter: ProviderAdapter,
	read: ParameterReader,
): CredentialChoice {
	const authentication = read('authentication');
	return (
		adapter.credentials.find((c) => c.authentication?.value === authentication) ??
		adapter.credentials[0]
	);
}

/** Opens the action node's provider (execution, load options, list search). */
export async function openProvider(
	ctx: ContextSource,
	read: ParameterReader,
): Promise<ProviderContext> {
	const adapter = adapterOf(ctx.getNode(), read);
	const credentialType = credentialChoice(adapter, read).type;
	return { adapter, credentialType, credentials: await ctx.getCredentials(credentialType) };
}

export interface TriggerProviderContext {
	adapter: ProviderAdapter;
	/** The trigger's credential type, or null for a provider set up by hand without one. */
	credentialType: string | null;
	credentials: IDataObject | null;
}

/** Opens the trigger's provider (activation hooks and incoming calls). */
export async function openTriggerProvider(
	ctx: ContextSource,
	read: ParameterReader,
): Promise<TriggerProviderContext> {
	const adapter = adapterOf(ctx.getNode(), read);
	const credentialType = adapter.trigger.credential ?? null;
	const credentials = credentialType ? await ctx.getCredentials(credentialType) : null;
	return { adapter, credentialType, credentials };
}
