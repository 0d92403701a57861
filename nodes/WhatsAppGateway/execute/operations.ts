// The per-item operations: read the item's parameters, call the adapter, shape the contract output.
// Provider specifics stay in the adapters; this file only knows the contract.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { GatewayOptions } from '../../shared/options';
import { parsePhone } from '../../shared/phone';
import type { ProviderAdapter, Recipient, TemplateInput, Transport } from '../../shared/types';
import { instanceIdParam } from './context';
import { redactSecrets } from './redact';

export interface ItemEnv {
	ctx: IExecuteFunctions;
	itemIndex: number;
	adapter: ProviderAdapter;
	transport: Transport;
	options: GatewayOptions;
	credentials: IDataObject;
}

type Operation = (env: ItemEnv) => Promise<IDataObject[]>;

/** Drops `raw` unless asked for, and never lets a secret through when it is kept. */
function shape(output: object, includeRaw: boolean): IDataObject {
	const json: IDataObject = {};
	for (const [key, value] of Object.entries(output)) {
		if (key === 'raw') continue;
		json[key] = value as IDataObject[string];
	}
	if (includeRaw && 'raw' in output) json.raw = redactSecrets(output.raw) as IDataObject[string];
	return json;
}

function unsupported(env: ItemEnv, what: string): NodeOperationError {
	return new NodeOperationError(env.ctx.getNode(), `${env.adapter.displayName} cannot ${what}`, {
		itemIndex: env.itemIndex,
		description: 'Choose an operation this provider offers.',
	});
}

function text(env: ItemEnv, name: string, fallback = ''): string {
	const value = env.ctx.getNodeParameter(name, env.itemIndex, fallback);
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : fallback;
}

/** The instance of this item: the locator's value, else the instance the credential names (WSAPI). */
function instanceIdOfItem(env: ItemEnv, required: boolean): string {
	const id = instanceIdParam(env.ctx, env.itemIndex, env.credentials);
	if (!id && required) {
		throw new NodeOperationError(env.ctx.getNode(), 'No instance given', {
			itemIndex: env.itemIndex,
			description: 'Choose the instance from the list or enter its ID.',
		});
	}
	return id;
}

function recipientOf(env: ItemEnv): Recipient {
	const raw = env.ctx.getNodeParameter('to', env.itemIndex, '');
	const parsed = parsePhone(raw, env.options.defaultCountryCode, true);
	if (!parsed.ok) {
		throw new NodeOperationError(env.ctx.getNode(), `Invalid recipient: ${parsed.reason}`, {
			itemIndex: env.itemIndex,
			description:
				'Write the number with its country code (e.g. +49 151 2345678), as a chat ID (…@c.us), or set the option Default Country Code for national numbers. Nothing was sent.',
		});
	}
	return parsed.kind === 'group'
		? { kind: 'group', id: parsed.id }
		: { kind: 'user', digits: parsed.digits };
}

function webhookEventsOf(env: ItemEnv): string[] {
	const value = env.ctx.getNodeParameter('webhookEvents', env.itemIndex, []);
	const list = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,;\n]+/)
			: [];
	return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

function bodyParametersOf(env: ItemEnv): string[] {
	const value = env.ctx.getNodeParameter('bodyParameters.parameters', env.itemIndex, []);
	if (!Array.isArray(value)) return [];
	return value.map((entry) =>
		typeof entry === 'object' && entry !== null && 'text' in entry
			? String(entry.text ?? '')
			: String(entry ?? ''),
	);
}

const scoped = (env: ItemEnv, instanceId: string): Transport =>
	env.transport.forInstance(instanceId);

export const OPERATIONS: Record<string, Operation> = {
	'instance.list': async (env) => {
		if (!env.adapter.listInstances) throw unsupported(env, 'list instances');
		const list = await env.adapter.listInstances(env.transport);
		return list.map((instance) => shape(instance, env.options.includeRaw));
	},

	'instance.get': async (env) => {
		if (!env.adapter.getInstance) throw unsupported(env, 'get an instance');
		const id = instanceIdOfItem(env, false);
		const instance = await env.adapter.getInstance(scoped(env, id), id);
		return [shape(instance, env.options.includeRaw)];
	},

	'instance.updateWebhook': async (env) => {
		const api = env.adapter.webhookConfig;
		if (!api)
			throw unsupported(
				env,
				'update the webhook through its API (set it in the provider dashboard)',
			);
		const id = instanceIdOfItem(env, true);
		const url = text(env, 'webhookUrl');
		const written = await api.write(scoped(env, id), id, {
			url: url === '' ? null : url,
			events: webhookEventsOf(env),
		});
		return [
			shape(
				{
					provider: env.adapter.id,
					instanceId: id,
					webhookUrl: written.url,
					webhookEvents: written.events,
					raw: written.raw,
				},
				env.options.includeRaw,
			),
		];
	},

	'message.sendText': async (env) => {
		if (!env.adapter.sendText) throw unsupported(env, 'send a text message');
		const to = recipientOf(env);
		const body = env.ctx.getNodeParameter('text', env.itemIndex, '');
		const message = typeof body === 'string' || typeof body === 'number' ? String(body) : '';
		if (message.trim() === '') {
			throw new NodeOperationError(env.ctx.getNode(), 'The message text is empty', {
				itemIndex: env.itemIndex,
			});
		}
		const id = instanceIdOfItem(env, false);
		const sent = await env.adapter.sendText(scoped(env, id), to, message);
		return [shape(sent, env.options.includeRaw)];
	},

	'message.sendTemplate': async (env) => {
		if (!env.adapter.sendTemplate) throw unsupported(env, 'send a template message');
		const to = recipientOf(env);
		const template: TemplateInput = {
			name: text(env, 'templateName'),
			language: text(env, 'templateLanguage'),
			bodyParameters: bodyParametersOf(env),
			legacyHsm: env.options.legacyHsm,
			crispMessageType: env.options.crispMessageType,
			newSession: env.options.newSession,
		};
		// Shown only for the providers that take them; absent parameters read as ''.
		const namespace = text(env, 'templateNamespace');
		const fromNumber = text(env, 'fromNumber');
		if (namespace) template.namespace = namespace;
		if (fromNumber) template.fromNumber = fromNumber;
		if (!template.name) {
			throw new NodeOperationError(env.ctx.getNode(), 'No template name given', {
				itemIndex: env.itemIndex,
			});
		}
		const id = instanceIdOfItem(env, false);
		const sent = await env.adapter.sendTemplate(scoped(env, id), to, template);
		return [shape(sent, env.options.includeRaw)];
	},

	'template.list': async (env) => {
		if (!env.adapter.listTemplates) throw unsupported(env, 'list templates');
		const list = await env.adapter.listTemplates(env.transport);
		return list.map((template) => shape(template, env.options.includeRaw));
	},
};
