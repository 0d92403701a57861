// On-Premises media and rich messages: a file is uploaded as raw bytes to `/v1/media` (Content-Type =
// its MIME type) and sent by the returned id, a URL is sent as `link`; read receipts are
// `PUT /v1/messages/{id}` `{status: "read"}`; reply buttons and lists are Meta's `interactive` object.
// The client has no typing indicator and no reactions in its API.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ProviderAdapter } from '../../shared/adapter';
import { metaInteractive } from '../../shared/interactive';
import { fileNameOf, META_MEDIA_LIMITS } from '../../shared/media';
import type { MediaInput } from '../../shared/media';
import { rawBody } from '../../shared/uploadBody';
import type { Recipient, SendOutput, Transport } from '../../shared/types';
import { send } from './api';
import { sentOutput } from '../../shared/sentOutput';

// `{"media":[{"id":"f043afd0-…"}]}` (onprem-openapi.yaml `UploadMedia`; Meta /v1/media page).
const uploadedSchema = z.looseObject({
	media: z.array(z.looseObject({ id: z.string().min(1) })).min(1),
});
const anySchema = z.unknown();

/**
 * Meta's media node takes uploads up to 100 MB and gives no per-type limits; they are taken to be the Cloud
 * API's (the same Meta media pipeline).
 */
const ON_PREMISES_LIMITS = META_MEDIA_LIMITS;

async function upload(
	t: Transport,
	media: Extract<MediaInput, { source: 'binary' }>,
): Promise<string> {
	const answer = await t.request(
		{
			method: 'POST',
			path: '/v1/media',
			stream: rawBody(media.file),
			// Storing a file twice sends nothing twice.
			idempotent: true,
			action: `upload the ${media.mediaType}`,
		},
		uploadedSchema,
	);
	return answer.media[0].id;
}

/** Caption on image, video and document; file name on documents only (spec `ImageById`, `DocumentById`, …). */
function mediaObject(media: MediaInput, ref: IDataObject): IDataObject {
	const out: IDataObject = { ...ref };
	if (media.caption && ['image', 'video', 'document'].includes(media.mediaType)) {
		out.caption = media.caption;
	}
	if (media.mediaType === 'document') out.filename = fileNameOf(media);
	return out;
}

async function sendMedia(t: Transport, to: Recipient, media: MediaInput): Promise<SendOutput> {
	const action = `send the ${media.mediaType}`;
	if (media.source === 'url' && !media.url.startsWith('https://')) {
		// The client fetches links over HTTPS only (Meta's media reference: "link … HTTPS").
		return t.fail({
			action,
			httpStatus: null,
			message: 'the On-Premises client takes https:// links only',
		});
	}
	const ref = media.source === 'url' ? { link: media.url } : { id: await upload(t, media) };
	return await send(
		t,
		to,
		{ type: media.mediaType, [media.mediaType]: mediaObject(media, ref) },
		action,
	);
}

async function markRead(t: Transport, chat: Recipient, messageId: string): Promise<SendOutput> {
	const answer = await t.request(
		{
			method: 'PUT',
			path: `/v1/messages/${encodeURIComponent(messageId)}`,
			body: { status: 'read' },
			idempotent: true,
			action: 'mark the message read',
		},
		anySchema,
	);
	return sentOutput('onPremises', chat, messageId, answer);
}

export const onPremisesRich: Pick<
	ProviderAdapter,
	'mediaLimits' | 'sendMedia' | 'markRead' | 'sendInteractive'
> = {
	mediaLimits: ON_PREMISES_LIMITS,
	sendMedia,
	markRead,
	async sendInteractive(t, to, message) {
		return await send(
			t,
			to,
			{ type: 'interactive', interactive: metaInteractive(message) },
			'send an interactive message',
		);
	},
};
