// WaAPI's record of one instance (`GET /instances/{id}`): its name and webhook. Instance → Get and the
// webhook configuration read it the same way. The PHP SDK reads `instance`; the spec says `instances[]`.
import type { z } from 'zod/v4';

import type { Transport } from '../../shared/types';
import { instanceGetSchema } from './schemas';
import type { instanceSchema } from './schemas';

export type WaapiInstance = z.infer<typeof instanceSchema>;

export function instancePath(id: string): string {
	return `/instances/${encodeURIComponent(id)}`;
}

export async function readInstance(
	t: Transport,
	instanceId: string,
	action = 'read the instance',
): Promise<{ instance: WaapiInstance; raw: unknown }> {
	const id = instanceId.trim() || t.instanceId || '';
	const answer = await t.request(
		{ method: 'GET', path: instancePath(id), idempotent: true, action },
		instanceGetSchema,
	);
	const instance = answer.instance ?? answer.instances?.[0];
	if (!instance)
		return t.fail({ action, httpStatus: 200, message: 'the answer names no instance' });
	return { instance, raw: answer };
}
