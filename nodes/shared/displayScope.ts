// Display conditions built from adapters: a provider's own parameters are shown for that provider alone,
// and a set of operations becomes one `show` condition that selects exactly those operations.
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { OperationKey } from './operations';
import { OPERATIONS } from './operations';

type Show = NonNullable<IDisplayOptions['show']>;

/** `show` for exactly `keys`: their resources and operation values (see `selectsExactly`). */
export function showFor(keys: readonly OperationKey[]): Show {
	const resources = [...new Set(keys.map((k) => OPERATIONS[k].resource))];
	const operations = [...new Set(keys.map((k) => OPERATIONS[k].value))];
	return { resource: resources, operation: operations };
}

/**
 * Whether `showFor(keys)` selects exactly `keys`: resources and operations are two independent lists, so
 * `instance.list` + `template.get` would also select `instance.get`. The tests check every generated one.
 */
export function selectsExactly(keys: readonly OperationKey[]): boolean {
	const show = showFor(keys);
	const selected = (Object.keys(OPERATIONS) as OperationKey[]).filter(
		(k) =>
			(show.resource as string[]).includes(OPERATIONS[k].resource) &&
			(show.operation as string[]).includes(OPERATIONS[k].value),
	);
	return selected.length === keys.length && selected.every((k) => keys.includes(k));
}

/** The property, shown only where `show` also holds (`show` is merged into its own conditions). */
export function withShow(property: INodeProperties, show: Show): INodeProperties {
	const own = property.displayOptions ?? {};
	return { ...property, displayOptions: { ...own, show: { ...(own.show ?? {}), ...show } } };
}

/** A provider's own property: shown for that provider only (`/provider` inside collections). */
export function forProvider(
	property: INodeProperties,
	providers: readonly string[],
	inCollection = false,
): INodeProperties {
	return withShow(property, { [inCollection ? '/provider' : 'provider']: [...providers] });
}
