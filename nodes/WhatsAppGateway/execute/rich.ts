// The media and rich-message operations: read the item's parameters (and binary file), check the
// provider's limits before any request, call the adapter, shape the output as the other sends.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { bool } from '../../shared/options';
import {
	interactiveProblem,
	readButtons,
	readSections,
} from '../../shared/interactive';
import type { InteractiveInput } from '../../shared/interactive';
import { limitProblem, MEDIA_TYPES, urlProblem } from '../../shared/media';
import type { MediaInput, MediaType } from '../../shared/media';
import type { OperationKey } from '../../shared/operations';
import { binaryFile } from './binaryInput';
import type { ItemEnv } from './operations';
import { itemReader, recipientOfItem, scoped, shape, unsupported } from './operations';
import { instanceFor } from './context';

type Operation = (env: ItemEnv) => Promise<IDataObject[]>;

function refuse(env: ItemEnv, message: string, description?: string): never {
	throw new NodeOperationError(env.ctx.getNode(), message, {
		itemIndex: env.itemIndex,
		description: description ?? 'Nothing was sent.',
	});
}

async function mediaOfItem(env: ItemEnv): Promise<MediaInput> {
	const reader = itemReader(env);
	const mediaType = reader.text('mediaType') as MediaType;
	if (!MEDIA_TYPES.includes(mediaType)) refuse(env, `Unknown media type "${mediaType}"`);
	const common = { mediaType, caption: reader.text('caption'), fileName: reader.text('fileName') };
	if (reader.text('mediaSource') === 'url') {
		const url = reader.text('mediaUrl');
		if (url === '') refuse(env, 'No media URL given');
		const problem = urlProblem(url);
		if (problem) refuse(env, `Invalid media URL: ${problem}`);
		return { ...common, source: 'url', url };
	}
	const property = reader.text('binaryPropertyName') || 'data';
	const file = await binaryFile(env.ctx, env.itemIndex, property);
	if (common.fileName) file.fileName = common.fileName;
	const limits = env.pc.adapter.mediaLimits;
	const problem = limits && limitProblem(limits, env.pc.adapter.displayName, mediaType, file);
	if (problem) refuse(env, `The file cannot be sent: ${problem}`);
	return { ...common, source: 'binary', file };
}

function interactiveOfItem(env: ItemEnv): InteractiveInput {
	const reader = itemReader(env);
	const base = { text: String(reader.param('text', '') ?? ''), footer: reader.text('footer') };
	const message: InteractiveInput =
		reader.text('interactiveType') === 'list'
			? {
					...base,
					interactiveType: 'list',
					listButtonText: reader.text('listButtonText'),
					sections: readSections(reader.param('sections', {})),
				}
			: { ...base, interactiveType: 'buttons', buttons: readButtons(reader.param('buttons', {})) };
	const problem = interactiveProblem(message);
	if (problem) refuse(env, `The interactive message cannot be sent: ${problem}`);
	return message;
}

function messageIdOfItem(env: ItemEnv): string {
	const id = itemReader(env).text('messageId');
	if (id === '') refuse(env, 'No message ID given', 'Map the ID of the message, e.g. from the trigger: {{ $json.messageId }}.');
	return id;
}

const instanceOf = (env: ItemEnv) => instanceFor(env.ctx, env.itemIndex, env.pc, env.key);

export const RICH_OPERATIONS: Partial<Record<OperationKey, Operation>> = {
	'message.sendMedia': async (env) => {
		const { sendMedia } = env.pc.adapter;
		if (!sendMedia) throw unsupported(env);
		const to = recipientOfItem(env);
		const media = await mediaOfItem(env);
		const id = instanceOf(env);
		const sent = await sendMedia.call(env.pc.adapter, scoped(env, id), to, media, itemReader(env));
		return [shape(sent, env.options.includeRaw)];
	},

	'message.markRead': async (env) => {
		const { markRead } = env.pc.adapter;
		if (!markRead) throw unsupported(env);
		const chat = recipientOfItem(env);
		const messageId = messageIdOfItem(env);
		const showTyping =
			env.pc.adapter.typingIndicator === true && bool(itemReader(env).option('showTyping'), false);
		const id = instanceOf(env);
		const done = await markRead.call(
			env.pc.adapter,
			scoped(env, id),
			chat,
			messageId,
			{ showTyping },
			itemReader(env),
		);
		return [shape(done, env.options.includeRaw)];
	},

	'message.react': async (env) => {
		const { react } = env.pc.adapter;
		if (!react) throw unsupported(env);
		const chat = recipientOfItem(env);
		const messageId = messageIdOfItem(env);
		const emoji = String(itemReader(env).param('emoji', '') ?? '').trim();
		const id = instanceOf(env);
		const done = await react.call(env.pc.adapter, scoped(env, id), chat, messageId, emoji, itemReader(env));
		return [shape(done, env.options.includeRaw)];
	},

	'message.sendInteractive': async (env) => {
		const { sendInteractive } = env.pc.adapter;
		if (!sendInteractive) throw unsupported(env);
		const to = recipientOfItem(env);
		const message = interactiveOfItem(env);
		const id = instanceOf(env);
		const sent = await sendInteractive.call(env.pc.adapter, scoped(env, id), to, message);
		return [shape(sent, env.options.includeRaw)];
	},
};
