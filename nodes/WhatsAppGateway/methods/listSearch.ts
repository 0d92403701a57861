// The instance locator's searchable list, from the provider's own instance list.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ProviderError, toNodeApiError } from '../../shared/errors';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../shared/transport';
import type { InstanceOutput } from '../../shared/types';
import { openForLoadOptions, transportFor } from '../execute/context';

export async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const pc = await openForLoadOptions(this);
	if (!pc.adapter.listInstances) return { results: [] };
	let instances: InstanceOutput[];
	try {
		instances = await pc.adapter.listInstances(transportFor(this, pc, DEFAULT_TRANSPORT_OPTIONS));
	} catch (error) {
		if (error instanceof ProviderError) throw toNodeApiError(this.getNode(), error.failure);
		throw toNodeApiError(this.getNode(), {
			provider: pc.provider,
			action: 'list instances',
			httpStatus: null,
			message: error instanceof Error ? error.message : String(error),
		});
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results = instances
		.filter(
			(i) =>
				!needle ||
				i.id.toLowerCase().includes(needle) ||
				(i.name ?? '').toLowerCase().includes(needle),
		)
		.map((i) => ({
			name: i.name ? `${i.name} (${i.id})${i.status ? ` · ${i.status}` : ''}` : i.id,
			value: i.id,
		}));
	return { results };
}
