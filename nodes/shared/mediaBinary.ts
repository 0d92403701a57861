// Media bytes → n8n binary data, through n8n's own helper (so the filesystem and S3 binary modes apply):
// the provider's MIME type and file name, or a name from the kind of media and the type's extension.
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DownloadedMedia } from './types';

/** Media bytes above this are never read into memory, whoever asks (WhatsApp's largest: 100 MB documents). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

export async function mediaToBinary(
	helpers: (IExecuteFunctions | IWebhookFunctions)['helpers'],
	media: DownloadedMedia,
	fallbackName: string,
): Promise<IBinaryData> {
	// A name is a name, never a path.
	const fileName = media.fileName?.replace(/[/\\]/g, '_').trim() || undefined;
	const binary = await helpers.prepareBinaryData(
		media.bytes,
		fileName,
		media.mimeType ?? undefined,
	);
	if (!fileName) {
		binary.fileName = binary.fileExtension
			? `${fallbackName}.${binary.fileExtension}`
			: fallbackName;
	}
	return binary;
}
