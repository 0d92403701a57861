// The per-item operations: read the item's parameters, call the adapter, shape the contract output.
// Provider specifics stay in the adapters; this file only knows the contract.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemReader } from '../../shared/adapter';
import { MAX_MEDIA_BYTES, mediaToBinary } from '../../shared/mediaBinary';
import type { OperationKey } from '../../shared/operations';
import type { GatewayOptions } from '../../shared/options';
import { parsePhone, recipientOf } from '../../shared/phone';
import type { Recipient, TemplateInput, Transport } from '../../shared/types';
import { instanceFor } from './context';
import type { ProviderContext } from './context';
import { redactSecrets } from './redact';
import { RICH_OPERATIONS } from './rich';

export interface ItemEnv {
	ctx: IExecuteFunctions;
	itemIndex: number;
	key: OperationKey;
	pc: ProviderContext;
	transport: Transport;
	options: GatewayOptions;
}

/** Output items as JSON, or whole items where an operation gives binary data too. */
export type OperationResult = IDataObject[] | { items: INodeExecutionData[] };

type Operation = (env: ItemEnv) => Promise<OperationResult>;

/** Drops `raw` unless asked for, and never lets a secret through when it is kept. */
export function shape(output: object, includeRaw: boolean): IDataObject {
	const json: IDataObject = {};
	for (const [key, value] of Object.entries(output)) {
		if (key === 'raw') continue;
		json[key] = value as IDataObject[string];
	}
	if (includeRaw && 'raw' in output) json.raw = redactSecrets(output.raw) as IDataObject[string];
	return json;
}

export function unsupported(env: ItemEnv): NodeOperationError {
	return new NodeOperationError(
		env.ctx.getNode(),
		`${env.pc.adapter.displayName} does not offer "${env.key}"`,
		{ itemIndex: env.itemIndex, description: 'Choose an operation this provider offers.' },
	);
}

/** The item's parameters and options, for the adapter's own fields. */
export function itemReader(env: Pick<ItemEnv, 'ctx' | 'itemIndex'>): ItemReader {
	const param = (name: string, fallback: unknown = '') =>
		env.ctx.getNodeParameter(name, env.itemIndex, fallback);
	return {
		param,
		option(name) {
			const options = param('options', {});
			return typeof options === 'object' && options !== null
				? (options as IDataObject)[name]
				: undefined;
		},
		text(name) {
			const value = param(name, '');
			return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		},
	};
}

function instanceIdOfItem(env: ItemEnv): string {
	return instanceFor(env.ctx, env.itemIndex, env.pc, env.key);
}

export function recipientOfItem(env: ItemEnv): Recipient {
	const raw = env.ctx.getNodeParameter('to', env.itemIndex, '');
	const parsed = parsePhone(raw, env.options.defaultCountryCode, true);
	if (!parsed.ok) {
		throw new NodeOperationError(env.ctx.getNode(), `Invalid recipient: ${parsed.reason}`, {
			itemIndex: env.itemIndex,
			description:
				'Write the number with its country code (e.g. +49 151 2345678), as a chat ID (…@c.us), or set the option Default Country Code for national numbers. Nothing was sent.',
		});
	}
	return recipientOf(parsed);
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

export const scoped = (env: ItemEnv, instanceId: string): Transport =>
	env.transport.forInstance(instanceId);

export const OPERATIONS: Partial<Record<OperationKey, Operation>> = {
	...RICH_OPERATIONS,
	'instance.list': async (env) => {
		const { listInstances } = env.pc.adapter;
		if (!listInstances) throw unsupported(env);
		const list = await listInstances.call(env.pc.adapter, env.transport);
		return list.map((instance) => shape(instance, env.options.includeRaw));
	},

	'instance.get': async (env) => {
		const { getInstance } = env.pc.adapter;
		if (!getInstance) throw unsupported(env);
		const id = instanceIdOfItem(env);
		const instance = await getInstance.call(env.pc.adapter, scoped(env, id), id);
		return [shape(instance, env.options.includeRaw)];
	},

	'instance.updateWebhook': async (env) => {
		const api = env.pc.adapter.webhookConfig;
		if (!api) throw unsupported(env);
		const id = instanceIdOfItem(env);
		const reader = itemReader(env);
		const url = reader.text('webhookUrl');
		const written = await api.write(
			scoped(env, id),
			id,
			{ url: url === '' ? null : url, events: webhookEventsOf(env) },
			reader,
		);
		return [
			shape(
				{
					provider: env.pc.adapter.id,
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
		const { sendText } = env.pc.adapter;
		if (!sendText) throw unsupported(env);
		const to = recipientOfItem(env);
		const body = env.ctx.getNodeParameter('text', env.itemIndex, '');
		const message = typeof body === 'string' || typeof body === 'number' ? String(body) : '';
		if (message.trim() === '') {
			throw new NodeOperationError(env.ctx.getNode(), 'The message text is empty', {
				itemIndex: env.itemIndex,
			});
		}
		const id = instanceIdOfItem(env);
		const sent = await sendText.call(env.pc.adapter, scoped(env, id), to, message);
		return [shape(sent, env.options.includeRaw)];
	},

	'message.sendTemplate': async (env) => {
		const { sendTemplate } = env.pc.adapter;
		if (!sendTemplate) throw unsupported(env);
		const to = recipientOfItem(env);
		const reader = itemReader(env);
		const template: TemplateInput = {
			name: reader.text('templateName'),
			language: reader.text('templateLanguage'),
			bodyParameters: bodyParametersOf(env),
		};
		if (!template.name) {
			throw new NodeOperationError(env.ctx.getNode(), 'No template name given', {
				itemIndex: env.itemIndex,
			});
		}
		const id = instanceIdOfItem(env);
		const sent = await sendTemplate.call(env.pc.adapter, scoped(env, id), to, template, reader);
		return [shape(sent, env.options.includeRaw)];
	},

	'media.download': async (env) => {
		const { media } = env.pc.adapter;
		if (!media) throw unsupported(env);
		const reader = itemReader(env);
		const mediaId = reader.text('mediaId');
		if (mediaId === '') {
			throw new NodeOperationError(env.ctx.getNode(), 'No media ID given', {
				itemIndex: env.itemIndex,
				description: "Use the trigger's media.id, e.g. {{ $json.media.id }}.",
			});
		}
		const property = reader.text('binaryPropertyName') || 'data';
		const id = instanceIdOfItem(env);
		const file = await media.download(scoped(env, id), mediaId, { maxBytes: MAX_MEDIA_BYTES });
		const binary = await mediaToBinary(env.ctx.helpers, file, 'media');
		const json: IDataObject = {
			provider: env.pc.adapter.id,
			mediaId,
			mimeType: binary.mimeType,
			fileName: binary.fileName ?? null,
			size: file.bytes.length,
		};
		return { items: [{ json, binary: { [property]: binary } }] };
	},

	'template.list': async (env) => {
		const { listTemplates } = env.pc.adapter;
		if (!listTemplates) throw unsupported(env);
		const list = await listTemplates.call(env.pc.adapter, env.transport);
		return list.map((template) => shape(template, env.options.includeRaw));
	},
};
