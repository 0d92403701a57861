// The Instance parameter (a resource locator) and its searchable list, shared by the action node and the
// trigger: the list is the provider's own instance list (WaAPI; WSAPI with an account key).
import type {
	IDisplayOptions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { adapterFor } from '../providers';
import { ProviderError, toNodeApiError } from './errors';
import { createTransport } from './transport';
import { PROVIDERS } from './types';
import type { InstanceOutput } from './types';

export function instanceLocator(settings: {
	description: string;
	required: boolean;
	show: NonNullable<IDisplayOptions['show']>;
}): INodeProperties {
	return {
		displayName: 'Instance',
		name: 'instanceId',
		type: 'resourceLocator',
		// A required instance is picked from the list; an optional one defaults to an empty ID.
		default: { mode: settings.required ? 'list' : 'id', value: '' },
		required: settings.required,
		description: settings.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an instance...',
				typeOptions: {
					searchListMethod: 'searchInstances',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 12345' },
		],
		displayOptions: { show: settings.show },
	};
}

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
	let instances: InstanceOutput[];
	try {
		instances = await adapter.listInstances(
			createTransport(this, adapter, credentialType, credentials),
		);
	} catch (error) {
		if (error instanceof ProviderError) throw toNodeApiError(this.getNode(), error.failure);
		throw toNodeApiError(this.getNode(), {
			provider,
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
