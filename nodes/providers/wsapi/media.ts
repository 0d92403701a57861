// WSAPI media bytes: GET /media/download?id=<media.id> answers the file with Content-Type and
// Content-Disposition (wsapi-api.yml `downloadMedia`; wsapi-app internal/handler/media.go).
import type { MediaApi } from '../../shared/adapter';
import { fileOf } from '../../shared/download';
import type { DownloadLimit, Transport } from '../../shared/types';

async function download(t: Transport, mediaId: string, limit: DownloadLimit) {
	return fileOf(
		await t.download(
			{
				method: 'GET',
				path: '/media/download',
				qs: { id: mediaId },
				idempotent: true,
				action: 'download the media',
			},
			limit,
		),
	);
}

export const wsapiMedia: MediaApi = { download };
