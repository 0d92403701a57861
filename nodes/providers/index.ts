// The provider registry: every other file finds providers here. A new provider is one folder beside these
// and one line below; the first is the default of the Provider parameter (saved workflows rely on it).
import type { ProviderAdapter } from '../shared/adapter';
import { cloudAdapter } from './cloud/adapter';
import { crispAdapter } from './crisp/adapter';
import { onPremisesAdapter } from './onPremises/adapter';
import { waapiAdapter } from './waapi/adapter';
import { wsapiAdapter } from './wsapi/adapter';

export const ADAPTERS: readonly ProviderAdapter[] = [
	waapiAdapter,
	onPremisesAdapter,
	wsapiAdapter,
	crispAdapter,
	cloudAdapter,
];

export const DEFAULT_PROVIDER = ADAPTERS[0].id;

export function findAdapter(provider: unknown): ProviderAdapter | undefined {
	return ADAPTERS.find((adapter) => adapter.id === provider);
}
