// The adapter interface passes adapters only a Transport. Some calls need more: WaAPI puts the instance in
// the path, WSAPI picks `/account` or `/admin` by the credential's deployment. The caller hands over a
// transport that also carries that scope. The credential data stays in memory: never output or logged.
import type { IDataObject } from 'n8n-workflow';

import type { Transport } from './types';

export interface TransportScope {
	/** The instance the calls are for (WaAPI path, WSAPI instance). */
	instanceId?: string;
	/** The credential's data, for adapters that choose routes by it. */
	credentials?: IDataObject;
}

// Kept beside the transport object rather than on it, so the Transport interface stays as it is.
const scopes = new WeakMap<Transport, TransportScope>();

/** The same transport, carrying `scope` (merged over any scope it already had). */
export function scopeTransport(t: Transport, scope: TransportScope): Transport {
	const scoped: Transport = {
		provider: t.provider,
		credentialType: t.credentialType,
		request: (spec, schema) => t.request(spec, schema),
		fail: (failure) => t.fail(failure),
	};
	scopes.set(scoped, { ...scopeOf(t), ...scope });
	return scoped;
}

export function scopeOf(t: Transport): TransportScope {
	return scopes.get(t) ?? {};
}

/** The instance a transport was scoped to, or undefined. */
export function instanceIdOf(t: Transport): string | undefined {
	const id = scopeOf(t).instanceId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** One credential field as text ('' when absent). */
export function credentialField(t: Transport, name: string): string {
	const value = scopeOf(t).credentials?.[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
