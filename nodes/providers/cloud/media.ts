// Cloud API media bytes: GET /{media-id} names a URL (valid 5 minutes), and that URL answers the bytes only
// with the same Bearer token (Meta spec `retrieveMediaUrl`). An answer 404 means the URL expired on the
// way: it is looked up once more.
import { z } from 'zod/v4';

import type { MediaApi } from '../../shared/adapter';
import { ProviderError } from '../../shared/errors';
import type { DownloadLimit, Transport } from '../../shared/types';

const mediaUrlSchema = z.looseObject({ url: z.url(), mime_type: z.string().nullish() });

async function download(t: Transport, mediaId: string, limit: DownloadLimit) {
	const fetchOnce = async () => {
		const found = await t.request(
			{
				method: 'GET',
				path: `/${encodeURIComponent(mediaId)}`,
				idempotent: true,
				action: 'look up the media',
			},
			mediaUrlSchema,
		);
		const answer = await t.download(
			{ method: 'GET', path: '', url: found.url, idempotent: true, action: 'download the media' },
			limit,
		);
		return {
			bytes: answer.bytes,
			mimeType: answer.headers['content-type'] ?? found.mime_type ?? null,
			// Meta names no file: a document's name is in the webhook (media.fileName).
			fileName: null,
		};
	};
	const first = await fetchOnce().catch((error: unknown) => error as Error);
	if (!(first instanceof Error)) return first;
	const expired =
		first instanceof ProviderError &&
		first.failure.httpStatus === 404 &&
		first.failure.action === 'download the media';
	if (!expired) throw first;
	return await fetchOnce();
}

export const cloudMedia: MediaApi = { download };
