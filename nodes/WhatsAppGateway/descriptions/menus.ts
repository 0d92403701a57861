// The Resource and Operation menus, generated from what each adapter (and each of its credentials) offers.
//
// n8n's node picker builds its list of actions from every `resource` property and, for each of its
// options, the options of the FIRST `operation` property shown for that resource, and it preselects the
// first value of every `show` condition of that operation property. So there is one Resource property
// (each option shown only for the providers that offer it: the editor honours conditions on options),
// and, first, one Operation property per resource holding every provider's operations for the picker
// alone: it preselects a provider that offers them all, and the panel never shows it (it is hidden for
// every provider; the picker does not read `hide`). Each provider's own Operation menus follow, with the
// defaults that suit it.
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ADAPTERS } from '../../providers';
import type { ProviderAdapter } from '../../shared/adapter';
import { OPERATION_KEYS, OPERATIONS, operationOption, RESOURCES } from '../../shared/operations';
import type { OperationKey, ResourceName } from '../../shared/operations';

type Show = NonNullable<IDisplayOptions['show']>;

interface Menu {
	adapter: ProviderAdapter;
	authentication?: string;
	show: Show;
	offers: OperationKey[];
}

/** The operations a provider offers with one of its credentials, in catalogue order. */
export function offersOf(adapter: ProviderAdapter, credentialType?: string): OperationKey[] {
	const choice = adapter.credentials.find((c) => c.type === credentialType);
	const allowed = choice?.operations ?? adapter.operations;
	return OPERATION_KEYS.filter((k) => adapter.operations.includes(k) && allowed.includes(k));
}

/** One menu per provider, and per credential where the provider has several to choose from. */
function menus(): Menu[] {
	return ADAPTERS.flatMap((adapter) => {
		const choices = adapter.credentials.filter((c) => c.authentication);
		if (choices.length > 1) {
			return choices.map((c) => ({
				adapter,
				authentication: c.authentication!.value,
				show: { provider: [adapter.id], authentication: [c.authentication!.value] },
				offers: offersOf(adapter, c.type),
			}));
		}
		return [{ adapter, show: { provider: [adapter.id] }, offers: offersOf(adapter) }];
	});
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function resourcesOf(offers: OperationKey[]): ResourceName[] {
	return [...new Set(offers.map((k) => OPERATIONS[k].resource))];
}

function resourceOption(resource: ResourceName): INodePropertyOptions {
	return {
		name: RESOURCES[resource].name,
		value: resource,
		description: RESOURCES[resource].description,
	};
}

function selector(
	name: 'resource' | 'operation',
	displayOptions: IDisplayOptions,
	options: INodePropertyOptions[],
	defaultValue: string,
): INodeProperties {
	return {
		displayName: name === 'resource' ? 'Resource' : 'Operation',
		name,
		type: 'options',
		noDataExpression: true,
		displayOptions,
		options: [...options].sort(byName),
		default: defaultValue,
	};
}

/** Send Text is the everyday operation where there is one; otherwise the first. */
function preferred(keys: OperationKey[]): OperationKey {
	return keys.find((k) => k === 'message.sendText') ?? keys[0];
}

const offeredAnywhere = (): OperationKey[] =>
	OPERATION_KEYS.filter((k) =>
		ADAPTERS.some((a) => a.credentials.some((c) => offersOf(a, c.type).includes(k))),
	);

function menuProperties(menu: Menu): INodeProperties[] {
	return resourcesOf(menu.offers).map((resource) => {
		const keys = menu.offers.filter((k) => OPERATIONS[k].resource === resource);
		return selector(
			'operation',
			{ show: { ...menu.show, resource: [resource] } },
			keys.map(operationOption),
			OPERATIONS[preferred(keys)].value,
		);
	});
}

/**
 * Where a resource is offered: the providers offering it with any credential, and the Authentication
 * options under which it is not (the option is hidden for them).
 */
function resourceConditions(resource: ResourceName): IDisplayOptions {
	const offers = (k: OperationKey[]) => k.some((key) => OPERATIONS[key].resource === resource);
	const providers = ADAPTERS.filter((a) => a.credentials.some((c) => offers(offersOf(a, c.type))));
	const without = ADAPTERS.flatMap((a) =>
		a.credentials.filter((c) => c.authentication && !offers(offersOf(a, c.type))),
	).map((c) => c.authentication!.value);
	// An Authentication value another provider uses for a credential that does offer it must not hide it.
	const offeredUnder = new Set(
		ADAPTERS.flatMap((a) =>
			a.credentials.filter((c) => c.authentication && offers(offersOf(a, c.type))),
		).map((c) => c.authentication!.value),
	);
	const hide = [...new Set(without)].filter((v) => !offeredUnder.has(v));
	return {
		show: { provider: providers.map((a) => a.id) },
		...(hide.length ? { hide: { authentication: hide } } : {}),
	};
}

/** The provider the picker preselects for a resource: the first that offers most of its operations. */
export function pickerProvider(resource: ResourceName): ProviderAdapter {
	const count = (a: ProviderAdapter) =>
		offersOf(a).filter((k) => OPERATIONS[k].resource === resource).length;
	return ADAPTERS.reduce((best, a) => (count(a) > count(best) ? a : best));
}

function pickerProperties(): INodeProperties[] {
	const hidden = { provider: ADAPTERS.map((a) => a.id) };
	const offered = offeredAnywhere();
	return resourcesOf(offered).map((resource) => {
		const keys = offered.filter((k) => OPERATIONS[k].resource === resource);
		return selector(
			'operation',
			{ show: { resource: [resource], provider: [pickerProvider(resource).id] }, hide: hidden },
			keys.map(operationOption),
			OPERATIONS[preferred(keys)].value,
		);
	});
}

function resourceProperty(): INodeProperties {
	const resources = resourcesOf(offeredAnywhere());
	return selector(
		'resource',
		{},
		resources.map((r) => ({ ...resourceOption(r), displayOptions: resourceConditions(r) })),
		resources.includes('message') ? 'message' : resources[0],
	);
}

export const selectorProperties: INodeProperties[] = [
	resourceProperty(),
	...pickerProperties(),
	...menus().flatMap(menuProperties),
];
