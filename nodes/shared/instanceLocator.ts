// The Instance parameter (a resource locator) and its searchable list, shared by the action node and the
// trigger: the list is the provider's own instance list, where the adapter can list instances.
import type {
	IDisplayOptions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import type { ProviderAdapter } from './adapter';
import { toNodeError } from './errors';
import { openProvider, openTriggerProvider } from './providerContext';
import type { ProviderContext } from './providerContext';
import { createTransport } from './transport';

export function instanceLocator(settings: {
	description: string;
	required: boolean;
	show?: NonNullable<IDisplayOptions['show']>;
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
		...(settings.show ? { displayOptions: { show: settings.show } } : {}),
	};
}

async function search(
	ctx: ILoadOptionsFunctions,
	pc: {
		adapter: ProviderAdapter;
		credentialType: string | null;
		credentials: ProviderContext['credentials'] | null;
	},
	filter?: string,
): Promise<INodeListSearchResult> {
	const { adapter, credentialType, credentials } = pc;
	if (!adapter.listInstances || !credentialType || !credentials) return { results: [] };
	let instances;
	try {
		instances = await adapter.listInstances(
			createTransport(ctx, adapter, credentialType, credentials),
		);
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
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

const current = (ctx: ILoadOptionsFunctions) => (name: string) => ctx.getCurrentNodeParameter(name);

/** The action node's instance list. */
export async function searchInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await search(this, await openProvider(this, current(this)), filter);
}

/** The trigger's instance list (with the trigger's credential). */
export async function searchTriggerInstances(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await search(this, await openTriggerProvider(this, current(this)), filter);
}
