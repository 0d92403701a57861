// WhatsApp On-Premises action API (placeholder).
import type { ProviderAdapter } from '../../shared/types';

export const onPremisesApi: Pick<ProviderAdapter, 'describeError' | 'baseUrl'> &
	Partial<ProviderAdapter> = {
	describeError: () => ({}),
	baseUrl: (credentials) => String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
};
