// The Instance list: the provider's own instances (WaAPI, WSAPI with an account key), through the adapter.
import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { adapterFor } from '../providers';
import { ProviderError, toNodeApiError } from '../shared/errors';
import { createTransport } from '../shared/transport';
import { PROVIDERS } from '../shared/types';

export async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const value = this.getCurrentNodeParameter('provider');
	const provider = PROVIDERS.find((p) => p === value) ?? 'waapi';
	const adapter = adapterFor(provider);
	if (!adapter.listInstances) return { results: [] };
	const credentialType = adapter.credentialTypes[0];
	const credentials = await this.getCredentials(credentialType);
	const t = createTransport(this, adapter, credentialType, credentials);
	try {
		const instances = await adapter.listInstances(t);
		const needle = (filter ?? '').toLowerCase();
		return {
			results: instances
				.filter(
					(i) =>
						!needle ||
						i.id.toLowerCase().includes(needle) ||
						(i.name ?? '').toLowerCase().includes(needle),
				)
				.map((i) => ({ name: i.name ? `${i.name} (${i.id})` : i.id, value: i.id })),
		};
	} catch (error) {
		if (error instanceof ProviderError) throw toNodeApiError(this.getNode(), error.failure);
		throw new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error));
	}
}
