// @ts-check
// Webhook bodies of received media and of interactive replies for WaAPI, On-Premises, WSAPI and Crisp (Cloud's
// are in cloudEvents.js), built on the plain `message` body of events.js. The bytes go to inboundMedia.js so the
// provider's download serves exactly what the webhook describes. Fields: `mediaType`, `mimeType`, `filename`,
// `caption`, `bytes` or `size`; WaAPI `inline: false` leaves the file out of the webhook.
const { storeInbound } = require('./inboundMedia');

const MEDIA_KINDS = {
	waapi: ['media', 'buttons_response', 'list_response'],
	onPremises: ['media', 'button_reply', 'list_reply', 'button'],
	wsapi: ['media'],
	crisp: ['message_file'],
};

/**
 * WaAPI forwards whatsapp-web.js' Message (pedroslopez/whatsapp-web.js src/structures/Message.js@03498ea):
 * - media: `hasMedia: true`, `type` image|video|audio|ptt|document|sticker, the caption as `body`, and the raw
 *   message in `_data` (`_patch` keeps `this._data = data`), whose media fields `mimetype`, `size`, `filename`,
 *   `filehash` (base64 SHA-256) are the ones WhatsApp Web's message model has (GUESS: that WaAPI keeps `_data`).
 *   The file itself comes beside the message as `media: {mimetype, data, filename}` (waapi.readme.io message
 *   event; the `data.media` path is a GUESS, see the provider notes), unless `inline: false`;
 * - buttons and list responses: `type` buttons_response / list_response, the chosen text as `body`, and
 *   `selectedButtonId` / `selectedRowId` (Message.js).
 */
function waapiMedia(sandbox, kind, f, body) {
	const message = body.data.message;
	if (kind === 'buttons_response' || kind === 'list_response') {
		message.type = kind;
		message.body = f.title ?? (kind === 'list_response' ? 'Priority Mail Express' : 'Cancel');
		if (kind === 'buttons_response') message.selectedButtonId = f.replyId ?? 'cancel-button';
		else message.selectedRowId = f.replyId ?? 'priority_express';
		return body;
	}
	const type = f.mediaType ?? 'image';
	const record = storeInbound(sandbox, 'waapi', type, { ...f, id: message.id._serialized });
	message.type = type;
	message.hasMedia = true;
	message.body = f.caption ?? (type === 'image' ? 'Check this out' : '');
	message._data = { mimetype: record.mimeType, size: record.size, filehash: Buffer.from(record.sha256, 'hex').toString('base64') };
	if (record.filename) message._data.filename = record.filename;
	if (f.inline !== false) {
		// "filename from whatsapp, most of the time undefined" (waapi.readme.io)
		body.data.media = { mimetype: record.mimeType, data: /** @type {any} */ (record).bytes.toString('base64'), filename: record.filename ?? undefined };
	}
	return body;
}

/**
 * On-Premises messages (flat webhook, test/sandbox/specs/onprem-openapi.yaml `Webhook-Message`):
 * - media: `type` image|video|audio|voice|document|sticker with `{id, mime_type, sha256, caption?}` and
 *   `filename` on audio and documents (`Webhook-Image`…`Webhook-Voice`); the client has downloaded the file when it
 *   calls (Meta On-Premises media reference), so GET /v1/media/{id} serves it;
 * - interactive replies: `type: interactive` with `interactive.{type, button_reply|list_reply}` (Meta's
 *   On-Premises "Sending Interactive Messages" guide, developers.facebook.com/docs/whatsapp/guides/interactive-messages;
 *   the body shape inside the flat webhook follows Meta's interactive webhook reference: GUESS for the client);
 * - a template quick reply: `type: button` with `button: {payload, text}` (Meta webhooks reference, "button").
 */
function onPremisesMedia(sandbox, kind, f, body) {
	const m = body.messages[0];
	delete m.text;
	if (kind === 'button_reply' || kind === 'list_reply') {
		m.type = 'interactive';
		m.context = { from: '15550001111', id: f.contextId ?? 'gBGGFlB5Fpa_context' };
		m.interactive = kind === 'button_reply'
			? { type: 'button_reply', button_reply: { id: f.replyId ?? 'cancel-button', title: f.title ?? 'Cancel' } }
			: { type: 'list_reply', list_reply: { id: f.replyId ?? 'priority_express', title: f.title ?? 'Priority Mail Express', description: 'Next Day to 2 Days' } };
		return body;
	}
	if (kind === 'button') {
		m.type = 'button';
		m.button = { payload: f.payload ?? 'Unsubscribe', text: f.title ?? 'Unsubscribe me' };
		return body;
	}
	const type = f.mediaType ?? 'image';
	const record = storeInbound(sandbox, 'onPremises', type, f);
	const media = { id: record.id, mime_type: record.mimeType, sha256: record.sha256 };
	const caption = f.caption !== undefined ? f.caption : type === 'image' ? 'Check out my new phone!' : null;
	if (caption !== null && type !== 'voice') media.caption = caption;
	if ((type === 'document' || type === 'audio') && record.filename) media.filename = record.filename;
	m.type = type;
	m[type] = media;
	return body;
}

/**
 * WSAPI `message` of type media (test/sandbox/specs/wsapi-events.yml MessageEvent.media: `mediaType`, `mimeType`,
 * `id` "should be used to download the media file", `fileLength`, `caption`, `filename`…); the id decodes to the
 * stored bytes (inboundMedia.js).
 */
function wsapiMedia(sandbox, f, body) {
	const type = f.mediaType ?? 'image';
	const record = storeInbound(sandbox, 'wsapi', type, f);
	const e = body.eventData;
	delete e.text;
	e.type = 'media';
	e.media = { mediaType: type, mimeType: record.mimeType, id: record.id, fileLength: record.size };
	const caption = f.caption !== undefined ? f.caption : type === 'image' ? 'Check this out' : null;
	if (caption !== null) e.media.caption = caption;
	if (record.filename) e.media.filename = record.filename;
	if (type === 'image' || type === 'video') Object.assign(e.media, { height: 1080, width: 1920 });
	return body;
}

/**
 * Crisp `message:send` of type file: `content: {name, url, type}` (crisp-im/node-crisp-api lib/events/Events.ts
 * EventsMessageSendFile). The storage URL is a GUESS of Crisp's form; nothing serves it here.
 */
function crispFile(f, body) {
	body.data.type = 'file';
	body.data.content = {
		name: f.filename ?? 'photo.jpg',
		url: f.url ?? `https://storage.crisp.chat/users/upload/session/${body.data.session_id}/photo.jpg`,
		type: f.mimeType ?? 'image/jpeg',
	};
	return body;
}

/** The body of a media or reply kind, from `base` (the provider's plain message body); null for another kind. */
function mediaEventBody(sandbox, provider, kind, f, base) {
	if (!(MEDIA_KINDS[provider] ?? []).includes(kind)) return null;
	const body = base();
	if (provider === 'waapi') return waapiMedia(sandbox, kind, f, body);
	if (provider === 'onPremises') return onPremisesMedia(sandbox, kind, f, body);
	if (provider === 'wsapi') return wsapiMedia(sandbox, f, body);
	return crispFile(f, body);
}

module.exports = { MEDIA_KINDS, mediaEventBody };
