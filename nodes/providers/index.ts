// The provider registry: the node cores look adapters up here and nowhere else. A fifth provider is
// one new folder beside these plus one line below (and its credential).
import type { ProviderAdapter, ProviderId } from '../shared/types';
import { crispAdapter } from './crisp/adapter';
import { onPremisesAdapter } from './onPremises/adapter';
import { waapiAdapter } from './waapi/adapter';
import { wsapiAdapter } from './wsapi/adapter';

export const ADAPTERS: Record<ProviderId, ProviderAdapter> = {
	waapi: waapiAdapter,
	onPremises: onPremisesAdapter,
	wsapi: wsapiAdapter,
	crisp: crispAdapter,
};

export function adapterFor(provider: ProviderId): ProviderAdapter {
	return ADAPTERS[provider];
}
