// WSAPI media and rich messages (wsapi-api.yml; wsapi-chat/wsapi-app internal/handler/message.go): one
// endpoint per media type, `POST /messages/{image|video|audio|document|sticker}`, with exactly one of
// `data` (standard base64, streamed into the JSON body) or `url`; read receipts
// `POST /messages/{id}/read`, the typing indicator `PUT /chats/{chatId}/presence` and reactions
// `POST /messages/{id}/reaction` (empty removes). No interactive messages (whatsmeow has none to send).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v4';

import type { ItemReader, ProviderAdapter } from '../../shared/adapter';
import { baseMime, fileNameOf, MB } from '../../shared/media';
import type { MediaInput, MediaLimits } from '../../shared/media';
import { jsonWithBase64 } from '../../shared/uploadBody';
import type { Recipient, SendOutput, Transport } from '../../shared/types';
import { jidFor, sentMessageOutput } from './api';
import { sentSchema } from './schemas';
import { sentOutput } from '../../shared/sentOutput';

/**
 * The server refuses files over 50 MB that it downloads from a `url` (internal/whatsapp/mediaurl.go
 * maxDownloadSize); `data` is taken to have the same bound. Stickers are WebP (spec `SendStickerRequest`);
 * other types are detected by the server.
 */
const WSAPI_LIMITS: MediaLimits = {
	image: { maxBytes: 50 * MB },
	video: { maxBytes: 50 * MB },
	audio: { maxBytes: 50 * MB },
	document: { maxBytes: 50 * MB },
	sticker: { types: ['image/webp'], maxBytes: 50 * MB },
};

// 204 No Content for receipts and presence: nothing to read.
const noContentSchema = z.unknown();

/** The sender of the message: the chat itself in a direct chat, the given member in a group. */
function senderOf(t: Transport, chat: Recipient, item: ItemReader, action: string): string {
	const given = item.text('senderId');
	if (given) return given.includes('@') ? given : `${given.replace(/\D/g, '')}@s.whatsapp.net`;
	if (chat.kind === 'group') {
		return t.fail({
			action,
			httpStatus: null,
			message: 'a message in a group needs its sender: set Sender ID (the member who wrote it)',
		});
	}
	return jidFor(chat);
}

async function sendMedia(t: Transport, to: Recipient, media: MediaInput): Promise<SendOutput> {
	const action = `send the ${media.mediaType}`;
	const fields: IDataObject = { to: jidFor(to) };
	if (media.caption && ['image', 'video', 'document'].includes(media.mediaType)) {
		fields.caption = media.caption;
	}
	// `filename` is required for documents (spec `SendDocumentRequest`).
	if (media.mediaType === 'document') fields.filename = fileNameOf(media);
	if (media.source === 'binary' && media.mediaType !== 'sticker') {
		fields.mimeType = baseMime(media.file.mimeType);
	}
	const path = `/messages/${media.mediaType}`;
	const sent = await t.request(
		media.source === 'url'
			? { method: 'POST', path, body: { ...fields, url: media.url }, idempotent: false, action }
			: {
					method: 'POST',
					path,
					stream: jsonWithBase64(fields, 'data', media.file),
					idempotent: false,
					action,
				},
		sentSchema,
	);
	return sentMessageOutput(to, sent);
}

async function markRead(
	t: Transport,
	chat: Recipient,
	messageId: string,
	options: { showTyping: boolean },
	item: ItemReader,
): Promise<SendOutput> {
	const action = 'mark the message read';
	const chatId = jidFor(chat);
	await t.request(
		{
			method: 'POST',
			path: `/messages/${encodeURIComponent(messageId)}/read`,
			body: { chatId, senderId: senderOf(t, chat, item, action), receiptType: 'read' },
			idempotent: true,
			action,
		},
		noContentSchema,
	);
	if (options.showTyping) {
		await t.request(
			{
				method: 'PUT',
				path: `/chats/${encodeURIComponent(chatId)}/presence`,
				body: { state: 'typing' },
				idempotent: true,
				action: 'show typing in the chat',
			},
			noContentSchema,
		);
	}
	return sentOutput('wsapi', chat, messageId);
}

async function react(
	t: Transport,
	chat: Recipient,
	messageId: string,
	emoji: string,
	item: ItemReader,
): Promise<SendOutput> {
	const action = emoji === '' ? 'remove the reaction' : 'react to the message';
	const sent = await t.request(
		{
			method: 'POST',
			path: `/messages/${encodeURIComponent(messageId)}/reaction`,
			body: { to: jidFor(chat), senderId: senderOf(t, chat, item, action), reaction: emoji },
			idempotent: false,
			action,
		},
		sentSchema,
	);
	return sentMessageOutput(chat, sent);
}

export const wsapiRich: Pick<
	ProviderAdapter,
	'mediaLimits' | 'sendMedia' | 'typingIndicator' | 'markRead' | 'react'
> = {
	mediaLimits: WSAPI_LIMITS,
	sendMedia,
	typingIndicator: true,
	markRead,
	react,
};

/** Sender ID: who wrote the message, needed in groups (spec `MarkAsReadRequest`, `SendReactionRequest`). */
export const senderIdProperty = {
	displayName: 'Sender ID',
	name: 'senderId',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. 4915112345678@s.whatsapp.net',
	description:
		'Who wrote the message: needed when To is a group (the member’s number or JID); empty in a direct chat, where it is the chat itself',
	displayOptions: { show: { resource: ['message'], operation: ['markRead', 'react'] } },
};
