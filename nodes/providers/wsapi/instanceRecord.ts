// The account's (hosted, customer key) or admin's (self-hosted, admin key) record of one instance: its
// name, status and webhook settings. Instance → Get and the webhook settings read it the same way.
import { z } from 'zod/v4';

import { credentialField } from '../../shared/transport';
import type { Transport } from '../../shared/types';
import { ACCOUNT_HEADERS, deploymentOf, sessionState } from './account';
import { accountInstanceDetailSchema, adminInstanceSchema } from './schemas';

export interface InstanceRecord {
	id: string;
	name: string | null;
	status: string | null;
	webhookUrl: string | null;
	eventFilters: string[];
	signingSecret: string | null;
	/** Self-hosted: the whole InstanceConfig as the server holds it (written back whole). */
	config?: Record<string, unknown>;
	raw: unknown;
}

/** The instance the calls are about: the one given, else the one the credential names. */
export function instanceOrOwn(t: Transport, instanceId: string): string {
	return instanceId.trim() || credentialField(t, 'instanceId');
}

export async function readInstanceRecord(
	t: Transport,
	instanceId: string,
): Promise<InstanceRecord> {
	const id = instanceOrOwn(t, instanceId);
	const path = encodeURIComponent(id);
	if (deploymentOf(t) === 'selfHosted') {
		const i = await t.request(
			{
				method: 'GET',
				path: `/admin/instances/${path}`,
				headers: ACCOUNT_HEADERS,
				idempotent: true,
				action: 'read the instance',
			},
			adminInstanceSchema,
		);
		return {
			id,
			name: null,
			status: sessionState(i),
			webhookUrl: i.config?.webhookUrl || null,
			eventFilters: i.config?.eventFilters ?? [],
			signingSecret: i.config?.signingSecret || null,
			config: i.config ?? {},
			raw: i,
		};
	}
	const d = await t.request(
		{
			method: 'GET',
			path: `/account/instances/${path}`,
			headers: ACCOUNT_HEADERS,
			idempotent: true,
			action: 'read the instance',
		},
		accountInstanceDetailSchema,
	);
	return {
		id,
		name: d.name ?? null,
		status: d.status ?? null,
		webhookUrl: d.settings?.webhookUrl || null,
		eventFilters: d.settings?.eventFilters ?? [],
		signingSecret: d.settings?.eventSigningSecret || null,
		raw: d,
	};
}

export const noContent = z.unknown();
