// WaAPI action API: instances, the client status, and the client actions send-message,
// is-registered-user and get-number-id. Actions answer in a nested envelope whose inner status decides.
import type { z } from 'zod/v4';

import type { ProviderAdapter } from '../../shared/adapter';
import { chatIdToDigits } from '../../shared/phone';
import type {
	ContactAnswer,
	InstanceOutput,
	Recipient,
	SendOutput,
	Transport,
} from '../../shared/types';
import type { StreamBody } from '../../shared/uploadBody';
import {
	actionEnvelopeSchema,
	clientStatusSchema,
	errorBodySchema,
	instanceListSchema,
	numberIdSchema,
	sentMessageSchema,
} from './schemas';
import { instancePath, readInstance } from './instanceRecord';
import type { WaapiInstance } from './instanceRecord';
import { parseBody } from '../../shared/zodParts';
import { sentOutput } from '../../shared/sentOutput';

/** WaAPI's chat id: `<digits>@c.us` for a person (whatsapp-web.js' form), any other id as given. */
function chatIdFor(to: Recipient): string {
	return to.kind === 'user' ? `${to.digits}@c.us` : to.id;
}

export function requireInstance(t: Transport, action: string): string {
	const id = t.instanceId;
	if (id === undefined) {
		return t.fail({
			action,
			httpStatus: null,
			message: 'no instance given: choose the WaAPI instance',
		});
	}
	return id;
}

function toInstanceOutput(i: WaapiInstance, status: string | null, raw: unknown): InstanceOutput {
	return {
		provider: 'waapi',
		id: i.id,
		name: i.name ?? null,
		status,
		webhookUrl: i.webhook_url ?? null,
		webhookEvents: i.webhook_events ?? [],
		raw,
	};
}

/** Runs one client action and returns its inner `data`; an inner `status: "error"` is a failure. */
export async function runAction<S extends z.ZodType>(
	t: Transport,
	instanceId: string,
	name: string,
	body: Record<string, string | boolean> | StreamBody,
	schema: S,
	action: string,
	idempotent: boolean,
): Promise<{ data: z.infer<S>; raw: unknown }> {
	const streamed = body instanceof Object && 'open' in body && typeof body.open === 'function';
	const envelope = await t.request(
		{
			method: 'POST',
			path: `${instancePath(instanceId)}/client/action/${name}`,
			...(streamed ? { stream: body as StreamBody } : { body: body as Record<string, string> }),
			idempotent,
			action,
		},
		actionEnvelopeSchema,
	);
	if (envelope.data.status !== 'success') {
		t.fail({
			action,
			httpStatus: 200,
			message: envelope.data.message ?? `the action answered status "${envelope.data.status}"`,
		});
	}
	const parsed = parseBody(schema, envelope.data.data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		t.fail({
			action,
			httpStatus: 200,
			message: `the answer had an unexpected shape (data.data${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message})`,
		});
	}
	return { data: parsed.data, raw: envelope };
}

// WaAPI's spec recommends get-number-id for Brazil, Mexico and Argentina: there WhatsApp's id of a number is
// not the number as written (Brazil's ninth digit, Mexico's and Argentina's mobile prefix).
const LOOKUP_COUNTRIES = ['55', '52', '54'];
// Chat ids resolved in this run, per credential and instance: each recipient is looked up once.
const resolved = new WeakMap<object, Map<string, Promise<string>>>();

/** The chat id to send to: looked up with get-number-id where the country needs it, else the usual form. */
export async function resolvedChatId(
	t: Transport,
	instanceId: string,
	to: Recipient,
): Promise<string> {
	if (to.kind !== 'user' || !LOOKUP_COUNTRIES.some((cc) => to.digits.startsWith(cc))) {
		return chatIdFor(to);
	}
	let cache = resolved.get(t.credentials);
	if (!cache) resolved.set(t.credentials, (cache = new Map()));
	const key = `${instanceId}/${to.digits}`;
	let lookup = cache.get(key);
	if (!lookup) {
		lookup = runAction(
			t,
			instanceId,
			'get-number-id',
			{ number: to.digits },
			numberIdSchema,
			'get the chat id of a number',
			true,
		).then(({ data }) => {
			// whatsapp-web.js' getNumberId answers null for a number that is not on WhatsApp.
			if (!data.numberId) {
				return t.fail({
					action: 'send a text message',
					httpStatus: 200,
					message: `${to.digits} is not on WhatsApp (get-number-id found no chat for it); nothing was sent`,
				});
			}
			return data.numberId._serialized;
		});
		lookup.catch(() => cache?.delete(key));
		cache.set(key, lookup);
	}
	return await lookup;
}

export const waapiApi: Pick<
	ProviderAdapter,
	| 'describeError'
	| 'baseUrl'
	| 'listInstances'
	| 'getInstance'
	| 'contactBatching'
	| 'checkContacts'
	| 'sendText'
> = {
	describeError(body) {
		const parsed = parseBody(errorBodySchema, body);
		if (!parsed.success) return {};
		const message = parsed.data.message ?? parsed.data.error ?? parsed.data.data?.message;
		return message ? { message } : {};
	},

	baseUrl: (credentials) =>
		String(credentials.baseUrl || 'https://waapi.app/api/v1')
			.trim()
			.replace(/\/+$/, ''),

	async listInstances(t) {
		const answer = await t.request(
			{ method: 'GET', path: '/instances', idempotent: true, action: 'list instances' },
			instanceListSchema,
		);
		return answer.instances.map((i) => toInstanceOutput(i, null, i));
	},

	async getInstance(t, instanceId) {
		const action = 'get the instance';
		const id = instanceId || requireInstance(t, action);
		const { instance } = await readInstance(t, id, action);
		const status = await t.request(
			{
				method: 'GET',
				path: `${instancePath(id)}/client/status`,
				idempotent: true,
				action: 'get the instance status',
			},
			clientStatusSchema,
		);
		return toInstanceOutput(instance, status.clientStatus.instanceStatus ?? null, {
			instance,
			clientStatus: status.clientStatus,
		});
	},

	// One request a number: get-number-id answers WhatsApp's id of a number, or null when it is not on
	// WhatsApp (whatsapp-web.js getNumberId; its isRegisteredUser is `Boolean(getNumberId(id))`), so it says
	// both whether the number exists and the chat id to send to (for BR/MX/AR not the written number).
	contactBatching: { defaultBatchSize: 1, maxBatchSize: 1 },

	async checkContacts(t, batch) {
		const instanceId = requireInstance(t, 'check contacts');
		const answers: ContactAnswer[] = [];
		for (const { phone } of batch) {
			const numberId = await runAction(
				t,
				instanceId,
				'get-number-id',
				{ number: phone },
				numberIdSchema,
				'check whether a number is on WhatsApp',
				true,
			);
			const serialized = numberId.data.numberId ? numberId.data.numberId._serialized : null;
			answers.push(
				serialized === null
					? {
							phone,
							exists: false,
							status: 'invalid',
							waId: null,
							chatId: null,
							reliable: true,
							raw: numberId.raw,
						}
					: {
							phone,
							exists: true,
							status: 'valid',
							waId: chatIdToDigits(serialized) ?? phone,
							chatId: serialized,
							reliable: true,
							raw: numberId.raw,
						},
			);
		}
		return answers;
	},

	async sendText(t, to, text) {
		const instanceId = requireInstance(t, 'send a text message');
		const chatId = await resolvedChatId(t, instanceId, to);
		const sent = await runAction(
			t,
			instanceId,
			'send-message',
			{ chatId, message: text },
			sentMessageSchema,
			'send a text message',
			false,
		);
		return sentMessageOutput(to, sent);
	},
};

/** What a send answered, as the node outputs it (the message id WhatsApp Web serialises). */
export function sentMessageOutput(
	to: Recipient,
	sent: { data: z.infer<typeof sentMessageSchema>; raw: unknown },
): SendOutput {
	const id = sent.data.id ?? sent.data._data?.id;
	return sentOutput('waapi', to, id?._serialized ?? null, sent.raw);
}
