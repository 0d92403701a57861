// Download Media: the file of each media message as the item's binary `data`, through the adapter's one
// media download (the same as Media → Download), within a size limit and one deadline for the whole call.
// It runs after the provider has been answered, so a slow file never makes the provider wait, time out
// and deliver the event again. Nothing here throws: a file that cannot be had becomes `media.error`.
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { ProviderAdapter } from '../shared/adapter';
import { megabytes } from '../shared/download';
import { toNodeError } from '../shared/errors';
import { mediaToBinary } from '../shared/mediaBinary';
import { openTriggerProvider } from '../shared/providerContext';
import { createTransport } from '../shared/transport';
import type { DownloadedMedia, GatewayEvent, MediaInfo, Transport } from '../shared/types';
import { instanceIdOf, paramOf } from './settings';

/** How long all downloads of one call may take together. */
export const DOWNLOAD_BUDGET_MS = 60_000;

const MB = 1024 * 1024;

/** Why a file was not fetched, as one sentence (what the error translator says for provider failures). */
function reason(ctx: IWebhookFunctions, error: unknown): string {
	return toNodeError(ctx.getNode(), error).message;
}

async function fetchFile(
	adapter: ProviderAdapter,
	event: GatewayEvent,
	media: MediaInfo,
	maxBytes: number,
	deadline: number,
	transport: () => Promise<Transport>,
): Promise<DownloadedMedia> {
	const api = adapter.media!;
	const inline = api.inline?.(event.raw);
	if (inline) {
		const size = Math.floor((inline.base64.replace(/=+$/, '').length * 3) / 4);
		if (size > maxBytes)
			throw new Error(
				`the file (${megabytes(size)}) is over the Max Media Size of ${megabytes(maxBytes)}`,
			);
		return {
			bytes: Buffer.from(inline.base64, 'base64'),
			mimeType: inline.mimeType,
			fileName: inline.fileName,
		};
	}
	if (!media.id) throw new Error(`${adapter.displayName} gave no media ID for this message`);
	const t = await transport();
	return await api.download(t.forInstance(event.instanceId ?? undefined), media.id, {
		maxBytes,
		deadline,
	});
}

/** The items of `events` (built by `toItem`), each media message with its file or with `media.error`. */
export async function itemsWithMedia(
	ctx: IWebhookFunctions,
	adapter: ProviderAdapter,
	events: GatewayEvent[],
	toItem: (event: GatewayEvent) => INodeExecutionData,
	maxMediaSizeMb: number,
): Promise<INodeExecutionData[]> {
	const maxBytes = maxMediaSizeMb * MB;
	const deadline = Date.now() + DOWNLOAD_BUDGET_MS;
	// Opened once, on the first file that needs a request.
	let opened: Promise<Transport> | undefined;
	const transport = () =>
		(opened ??= openTriggerProvider(ctx, paramOf(ctx)).then(({ credentialType, credentials }) => {
			if (!credentialType || !credentials)
				throw new Error(`the trigger has no ${adapter.displayName} credential to download with`);
			return createTransport(
				ctx,
				adapter,
				credentialType,
				credentials,
				// One retry at most: the deadline bounds the rest.
				{ maxRetries: 1, allowUnsafeRetries: false, timeoutMs: DOWNLOAD_BUDGET_MS },
				instanceIdOf(ctx, adapter) || adapter.defaultInstanceId?.(credentials),
			);
		}));

	const items: INodeExecutionData[] = [];
	for (const event of events) {
		const item = toItem(event);
		items.push(item);
		const media = event.media;
		if (!media) continue;
		const out: IDataObject = { ...media };
		item.json.media = out;
		try {
			if (media.size !== null && media.size > maxBytes) {
				throw new Error(
					`the file (${megabytes(media.size)}) is over the Max Media Size of ${megabytes(maxBytes)}`,
				);
			}
			const file = await fetchFile(adapter, event, media, maxBytes, deadline, transport);
			const binary = await mediaToBinary(
				ctx.helpers,
				{ ...file, fileName: file.fileName ?? media.fileName },
				event.type ?? 'media',
			);
			item.binary = { data: binary };
			out.mimeType = media.mimeType ?? binary.mimeType;
			out.fileName = media.fileName ?? binary.fileName ?? null;
			out.size = file.bytes.length;
		} catch (error) {
			out.error = reason(ctx, error);
			ctx.logger.warn(
				`WhatsApp Gateway Trigger: no file for a ${adapter.displayName} media message`,
				{
					node: ctx.getNode().name,
					reason: out.error,
				},
			);
		}
	}
	return items;
}
