// Everything a run needs about its provider: the adapter, the credential type chosen by the parameters,
// the credential data and a transport built from the options.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { adapterFor } from '../../providers';
import { readOptions, transportOptionsFrom } from '../../shared/options';
import type { GatewayOptions } from '../../shared/options';
import { createTransport } from '../../shared/transport';
import type { TransportOptions } from '../../shared/transport';
import { PROVIDERS } from '../../shared/types';
import type { ProviderAdapter, ProviderId, Transport } from '../../shared/types';

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

/** The credential type the node's parameters select for a provider. */
export function credentialTypeFor(adapter: ProviderAdapter, authentication: unknown): string {
	if (adapter.id === 'onPremises' && authentication === 'apiKey')
		return 'whatsAppOnPremisesApiKeyApi';
	return adapter.credentialTypes[0];
}

export interface ProviderContext {
	provider: ProviderId;
	adapter: ProviderAdapter;
	credentialType: string;
	credentials: IDataObject;
}

type ParameterReader = (name: string, fallback: unknown) => unknown;

async function open(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	read: ParameterReader,
): Promise<ProviderContext> {
	const provider = read('provider', 'waapi');
	if (!isProviderId(provider)) {
		throw new NodeOperationError(ctx.getNode(), `Unknown provider "${String(provider)}"`, {
			description: `Choose one of: ${PROVIDERS.join(', ')}`,
		});
	}
	const adapter = adapterFor(provider);
	const credentialType = credentialTypeFor(adapter, read('authentication', 'login'));
	const credentials = await ctx.getCredentials(credentialType);
	return { provider, adapter, credentialType, credentials };
}

export async function openForExecute(ctx: IExecuteFunctions): Promise<ProviderContext> {
	return await open(ctx, (name, fallback) => ctx.getNodeParameter(name, 0, fallback));
}

export async function openForLoadOptions(ctx: ILoadOptionsFunctions): Promise<ProviderContext> {
	return await open(ctx, (name, fallback) => ctx.getCurrentNodeParameter(name) ?? fallback);
}

/** A transport for this provider, carrying the credential (and instance) for adapters that route by it. */
export function transportFor(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	pc: ProviderContext,
	options: TransportOptions,
	instanceId?: string,
): Transport {
	return createTransport(ctx, pc.adapter, pc.credentialType, pc.credentials, options, instanceId);
}

export function optionsFor(ctx: IExecuteFunctions, itemIndex: number): GatewayOptions {
	return readOptions(ctx.getNodeParameter('options', itemIndex, {}));
}

/** The instance of an item: the locator's value, else the instance the credential names (WSAPI); '' if none. */
export function instanceIdParam(
	ctx: IExecuteFunctions,
	itemIndex: number,
	credentials: IDataObject,
): string {
	// Read as stored, not with extractValue: that throws for a locator hidden for this provider/operation.
	const stored = ctx.getNodeParameter('instanceId', itemIndex, '');
	const value =
		typeof stored === 'object' && stored !== null && 'value' in stored ? stored.value : stored;
	const given = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	const fromCredential =
		typeof credentials.instanceId === 'string' ? credentials.instanceId.trim() : '';
	return given || fromCredential;
}

export { transportOptionsFrom };
