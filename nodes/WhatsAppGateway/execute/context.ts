// What a run needs about its provider, opened the one way (nodes/shared/providerContext), and the
// transport built from the options.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { OperationKey } from '../../shared/operations';
import { openProvider } from '../../shared/providerContext';
import type { ProviderContext } from '../../shared/providerContext';
import { readOptions, transportOptionsFrom } from '../../shared/options';
import type { GatewayOptions } from '../../shared/options';
import { createTransport } from '../../shared/transport';
import type { TransportOptions } from '../../shared/transport';
import type { Transport } from '../../shared/types';

export type { ProviderContext };

export async function openForExecute(ctx: IExecuteFunctions): Promise<ProviderContext> {
	// null, not undefined: without a fallback n8n throws for a parameter that is not set.
	return await openProvider(ctx, (name) => ctx.getNodeParameter(name, 0, null));
}

export async function openForLoadOptions(ctx: ILoadOptionsFunctions): Promise<ProviderContext> {
	return await openProvider(ctx, (name) => ctx.getCurrentNodeParameter(name));
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

/** The instance of an item: the locator's value, else the adapter's default for the credential; '' if none. */
export function instanceIdParam(
	ctx: IExecuteFunctions,
	itemIndex: number,
	pc: ProviderContext,
): string {
	// Read as stored, not with extractValue: that throws for a locator hidden for this provider/operation.
	const stored = ctx.getNodeParameter('instanceId', itemIndex, '');
	const value =
		typeof stored === 'object' && stored !== null && 'value' in stored ? stored.value : stored;
	const given = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return given || (pc.adapter.defaultInstanceId?.(pc.credentials) ?? '');
}

export { transportOptionsFrom };

/** The instance an operation of this item is for; an error where the adapter requires one and none is given. */
export function instanceFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	pc: ProviderContext,
	key: OperationKey,
): string {
	const declared = pc.adapter.instance;
	const takesOne = declared?.operations.includes(key) === true;
	const id = takesOne || pc.adapter.defaultInstanceId ? instanceIdParam(ctx, itemIndex, pc) : '';
	if (!id && takesOne && declared?.required) {
		throw new NodeOperationError(ctx.getNode(), 'No instance given', {
			itemIndex,
			description: 'Choose the instance from the list or enter its ID.',
		});
	}
	return id;
}
