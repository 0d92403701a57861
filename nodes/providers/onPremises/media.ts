// On-Premises media bytes: GET /v1/media/{id} with the session token answers the file itself (Meta
// On-Premises `media` reference; spec `DownloadMedia`); its type comes from the answer's Content-Type.
import type { MediaApi } from '../../shared/adapter';
import { fileOf } from '../../shared/download';
import type { DownloadLimit, Transport } from '../../shared/types';

async function download(t: Transport, mediaId: string, limit: DownloadLimit) {
	return fileOf(
		await t.download(
			{
				method: 'GET',
				path: `/v1/media/${encodeURIComponent(mediaId)}`,
				idempotent: true,
				action: 'download the media',
			},
			limit,
		),
	);
}

export const onPremisesMedia: MediaApi = { download };
