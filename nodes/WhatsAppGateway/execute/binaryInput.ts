// An input item's binary property as a MediaFile, read through n8n's helpers: stored binary data (the
// filesystem and S3 modes) is streamed, never loaded whole; in-memory data is used as the base64 it is.
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { MediaFile } from '../../shared/media';

// 256 KB reads: large enough for few syscalls, small enough to keep a 100 MB upload's memory flat.
const CHUNK = 256 * 1024;

/** Bytes encoded by a base64 string, without decoding it. */
function base64Bytes(data: string): number {
	const clean = data.replace(/\s/g, '');
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

async function sizeOf(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		const meta = await ctx.helpers.getBinaryMetadata(binary.id);
		if (typeof meta.fileSize === 'number') return meta.fileSize;
	}
	return base64Bytes(binary.data);
}

export async function binaryFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<MediaFile> {
	const item = ctx.getInputData()[itemIndex];
	const binary = item?.binary?.[propertyName];
	if (!binary) {
		const names = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`The item has no binary property "${propertyName}"`,
			{
				itemIndex,
				description: names.length
					? `Its binary properties are: ${names.join(', ')}. Set Input Binary Field to one of them. Nothing was sent.`
					: 'The item has no binary data at all: the node before this one must output a file (e.g. Read/Write Files from Disk, HTTP Request with Response Format File). Nothing was sent.',
			},
		);
	}
	const id = binary.id;
	const size = await sizeOf(ctx, binary);
	const file: MediaFile = {
		fileName: binary.fileName || propertyName,
		mimeType: binary.mimeType || 'application/octet-stream',
		size,
		open: async () =>
			id
				? await ctx.helpers.getBinaryStream(id, CHUNK)
				: [Buffer.from(binary.data, 'base64')],
	};
	if (!id) file.base64 = () => binary.data;
	return file;
}
