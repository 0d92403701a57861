// WaAPI media and rich messages, all client actions (WaAPI's OpenAPI spec): `send-media` with a URL or the
// file as base64 (`mediaBase64` + `mediaName`, streamed into the JSON body), `send-seen` (marks the chat
// read) with `send-typing` for the typing indicator, and `react-to-message` (empty reaction removes).
// WaAPI has no interactive messages (whatsapp-web.js dropped buttons and lists).
import { z } from 'zod/v4';

import type { ProviderAdapter } from '../../shared/adapter';
import { fileNameOf, KB, MB } from '../../shared/media';
import type { MediaInput, MediaLimits } from '../../shared/media';
import { jsonWithBase64 } from '../../shared/uploadBody';
import type { Recipient, SendOutput, Transport } from '../../shared/types';
import { requireInstance, resolvedChatId, runAction, sentMessageOutput } from './api';
import { sentMessageSchema } from './schemas';
import { sentOutput } from '../../shared/sentOutput';

const IMAGES = ['image/jpeg', 'image/png', 'image/gif'];

/**
 * The types the spec's send-media lists: images jpg/jpeg/png/gif, videos mp4/3gp/mov, audio mp3/wav/ogg/m4a,
 * documents "pdf, doc, docx, txt, xlsx, etc" (any type); stickers are images WaAPI converts (`asSticker`).
 * WaAPI publishes no size limit: WhatsApp's own are assumed, 16 MB for media, 100 MB for documents, and
 * 500 KB for a sticker.
 */
const WAAPI_LIMITS: MediaLimits = {
	image: { types: IMAGES, maxBytes: 16 * MB },
	video: { types: ['video/mp4', 'video/3gpp', 'video/quicktime'], maxBytes: 16 * MB },
	audio: {
		types: [
			'audio/mpeg',
			'audio/mp3',
			'audio/wav',
			'audio/x-wav',
			'audio/ogg',
			'audio/mp4',
			'audio/x-m4a',
		],
		maxBytes: 16 * MB,
	},
	document: { maxBytes: 100 * MB },
	sticker: { types: [...IMAGES, 'image/webp'], maxBytes: 500 * KB },
};

const doneSchema = z.looseObject({});

async function sendMedia(t: Transport, to: Recipient, media: MediaInput): Promise<SendOutput> {
	const action = `send the ${media.mediaType}`;
	const instanceId = requireInstance(t, action);
	const chatId = await resolvedChatId(t, instanceId, to);
	const fields: Record<string, string | boolean> = { chatId, mediaName: fileNameOf(media) };
	if (media.caption && media.mediaType !== 'audio' && media.mediaType !== 'sticker') {
		fields.mediaCaption = media.caption;
	}
	if (media.mediaType === 'document') fields.asDocument = true;
	if (media.mediaType === 'sticker') fields.asSticker = true;
	const body =
		media.source === 'url'
			? { ...fields, mediaUrl: media.url }
			: jsonWithBase64(fields, 'mediaBase64', media.file);
	const sent = await runAction(t, instanceId, 'send-media', body, sentMessageSchema, action, false);
	return sentMessageOutput(to, sent);
}

async function markRead(
	t: Transport,
	chat: Recipient,
	messageId: string,
	options: { showTyping: boolean },
): Promise<SendOutput> {
	const action = 'mark the chat read';
	const instanceId = requireInstance(t, action);
	const chatId = await resolvedChatId(t, instanceId, chat);
	// send-seen marks every message of the chat read: WhatsApp Web has no receipt for one message.
	const seen = await runAction(t, instanceId, 'send-seen', { chatId }, doneSchema, action, true);
	const raw: Record<string, unknown> = { seen: seen.raw };
	if (options.showTyping) {
		const typing = await runAction(
			t,
			instanceId,
			'send-typing',
			{ chatId },
			doneSchema,
			'show typing in the chat',
			true,
		);
		raw.typing = typing.raw;
	}
	return sentOutput('waapi', chat, messageId, raw);
}

async function react(
	t: Transport,
	chat: Recipient,
	messageId: string,
	emoji: string,
): Promise<SendOutput> {
	const action = emoji === '' ? 'remove the reaction' : 'react to the message';
	const instanceId = requireInstance(t, action);
	const done = await runAction(
		t,
		instanceId,
		'react-to-message',
		{ messageId, reaction: emoji },
		doneSchema,
		action,
		false,
	);
	return sentOutput('waapi', chat, messageId, done.raw);
}

export const waapiRich: Pick<
	ProviderAdapter,
	'mediaLimits' | 'sendMedia' | 'typingIndicator' | 'markRead' | 'react'
> = {
	mediaLimits: WAAPI_LIMITS,
	sendMedia,
	typingIndicator: true,
	markRead,
	react,
};
