// Cloud API media and rich messages, all from the number's `/messages` edge: media by link, or uploaded
// first to `/{phone-number-id}/media` (multipart: `file`, `type`, `messaging_product`) and sent by the
// returned id; read receipts with the optional typing indicator; reactions; reply buttons and lists.
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ProviderAdapter } from '../../shared/adapter';
import { metaInteractive } from '../../shared/interactive';
import { baseMime, fileNameOf, META_MEDIA_LIMITS } from '../../shared/media';
import type { MediaInput } from '../../shared/media';
import { multipartBody } from '../../shared/uploadBody';
import type { Recipient, SendOutput, Transport } from '../../shared/types';
import { numberPath, send } from './api';
import { sentOutput } from '../../shared/sentOutput';

// `POST /{phone-number-id}/media` → `{"id":"4490709327384033"}` (Meta spec `uploadImage`).
const uploadedSchema = z.looseObject({
	id: z.union([z.string().min(1), z.number()]).transform(String),
});
// A read receipt answers `{"success":true}` (Meta spec "Send typing indicator and read receipt").
const successSchema = z.looseObject({ success: z.literal(true) });

/** Caption on image, video and document only, file name on documents only (Meta spec `MediaObject` examples). */
function mediaObject(media: MediaInput, ref: IDataObject): IDataObject {
	const out: IDataObject = { ...ref };
	if (media.caption && ['image', 'video', 'document'].includes(media.mediaType)) {
		out.caption = media.caption;
	}
	if (media.mediaType === 'document') out.filename = fileNameOf(media);
	return out;
}

async function upload(
	t: Transport,
	media: Extract<MediaInput, { source: 'binary' }>,
): Promise<string> {
	const action = `upload the ${media.mediaType}`;
	const mime = baseMime(media.file.mimeType);
	const answer = await t.request(
		{
			method: 'POST',
			path: `${numberPath(t, undefined, action)}/media`,
			stream: multipartBody(
				{ messaging_product: 'whatsapp', type: mime },
				{ name: 'file', fileName: fileNameOf(media), contentType: media.file.mimeType },
				media.file,
			),
			// An upload only stores a file for 30 days: uploading it twice sends nothing twice.
			idempotent: true,
			action,
		},
		uploadedSchema,
	);
	return answer.id;
}

async function sendMedia(t: Transport, to: Recipient, media: MediaInput): Promise<SendOutput> {
	const ref = media.source === 'url' ? { link: media.url } : { id: await upload(t, media) };
	return await send(
		t,
		to,
		{ type: media.mediaType, [media.mediaType]: mediaObject(media, ref) },
		`send the ${media.mediaType}`,
	);
}

async function markRead(
	t: Transport,
	chat: Recipient,
	messageId: string,
	options: { showTyping: boolean },
): Promise<SendOutput> {
	const action = options.showTyping
		? 'mark the message read and show typing'
		: 'mark the message read';
	const answer = await t.request(
		{
			method: 'POST',
			path: `${numberPath(t, undefined, action)}/messages`,
			body: {
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: messageId,
				...(options.showTyping ? { typing_indicator: { type: 'text' } } : {}),
			},
			// Marking read twice changes nothing.
			idempotent: true,
			action,
		},
		successSchema,
	);
	return sentOutput('cloud', chat, messageId, answer);
}

async function react(
	t: Transport,
	chat: Recipient,
	messageId: string,
	emoji: string,
): Promise<SendOutput> {
	return await send(
		t,
		chat,
		{ type: 'reaction', reaction: { message_id: messageId, emoji } },
		emoji === '' ? 'remove the reaction' : 'react to the message',
	);
}

export const cloudRich: Pick<
	ProviderAdapter,
	'mediaLimits' | 'sendMedia' | 'typingIndicator' | 'markRead' | 'react' | 'sendInteractive'
> = {
	mediaLimits: META_MEDIA_LIMITS,
	sendMedia,
	typingIndicator: true,
	markRead,
	react,
	async sendInteractive(t, to, message) {
		return await send(
			t,
			to,
			{ type: 'interactive', interactive: metaInteractive(message) },
			'send an interactive message',
		);
	},
};
