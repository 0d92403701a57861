// @ts-check
// The Cloud API media store: uploaded and inbound media, their signed download URLs, and Meta's type/size limits.
const { createHash, createHmac, randomBytes, randomInt } = require('node:crypto');

const MB = 1024 * 1024;
const KB = 1024;

/**
 * MIME types Meta accepts on upload: the list of its own refusal, "(#100) Param file must be a file with one of
 * the following types: …" (fbsamples/whatsapp-api-examples issue 10; MissaelAnda/laravel-whatsapp issue 4).
 */
const UPLOAD_TYPES = [
	'audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg', 'audio/opus', 'application/vnd.ms-powerpoint',
	'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'text/plain',
	'application/vnd.ms-excel', 'image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/3gpp',
];

/**
 * Per message type: the MIME types it takes and the largest file (Meta "Supported media types", mirrored by AWS
 * End User Messaging `supported-media-types`): image 5 MB jpeg/png, audio and video 16 MB, document 100 MB,
 * sticker webp 100 KB static / 500 KB animated. GUESS: "MB" and "KB" are binary (MiB, KiB).
 */
const MEDIA_RULES = {
	image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	video: { types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	audio: { types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/opus'], maxBytes: 16 * MB },
	document: {
		types: ['text/plain', 'application/pdf', 'application/vnd.ms-powerpoint', 'application/msword', 'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
		maxBytes: 100 * MB,
	},
	sticker: { types: ['image/webp'], maxBytes: 500 * KB, staticMaxBytes: 100 * KB },
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
const baseType = (mime) => String(mime ?? '').split(';')[0].trim().toLowerCase();

/** The message type whose rules cover an upload's MIME type (webp: sticker). */
function kindOfMime(mime) {
	const b = baseType(mime);
	return Object.keys(MEDIA_RULES).find((k) => MEDIA_RULES[k].types.includes(b)) ?? null;
}

/** An animated WebP has an `ANIM` chunk (RIFF container, https://developers.google.com/speed/webp/docs/riff_container). */
function isAnimatedWebp(bytes) {
	return bytes.length > 16 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP' && bytes.includes(Buffer.from('ANIM'));
}

const formatBytes = (n) => (n >= MB ? `${n / MB} MB` : `${n / KB} KB`);

/** Meta's media ids are numeric strings (Meta spec upload example `4490709327384033`). */
function newMediaId(state) {
	for (let i = 0; i < 100; i++) {
		const id = `${randomInt(1, 10)}${String(randomInt(0, 1e8)).padStart(8, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
		if (!state.media[id]) return id;
	}
	throw new Error('could not allocate a media id');
}

/**
 * Stores bytes and returns the record. Uploaded media ids last 30 days, webhook media ids 7 days (Meta Media page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media).
 * @param {any} state sandbox.state.cloud
 * @param {{ bytes: Buffer, mimeType: string, filename?: string | null, phoneNumberId: string, source: 'upload' | 'webhook', id?: string }} m
 */
function storeMedia(state, m) {
	const now = Date.now();
	const id = m.id ?? newMediaId(state);
	const record = {
		id,
		mimeType: m.mimeType,
		sha256: createHash('sha256').update(m.bytes).digest('hex'),
		fileSize: m.bytes.length,
		filename: m.filename ?? null,
		phoneNumberId: m.phoneNumberId,
		source: m.source,
		createdAt: now,
		expiresAt: now + (m.source === 'upload' ? 30 : 7) * 24 * 3600 * 1000,
		deleted: false,
	};
	// off the enumerable state: GET /state and the request log stay small
	Object.defineProperty(record, 'bytes', { value: m.bytes, enumerable: false });
	state.media[id] = record;
	return record;
}

/** A live (not deleted, not expired) media record, or null. */
function liveMedia(state, id) {
	const r = state.media[String(id)];
	return r && !r.deleted && r.expiresAt > Date.now() ? r : null;
}

// Signs download URLs; per sandbox process, never a provider secret.
const URL_KEY = randomBytes(32);
const urlHash = (mid, ext) => createHmac('sha256', URL_KEY).update(`${mid}.${ext}`).digest('base64url').slice(0, 32);

const ATTACHMENTS_PATH = '/whatsapp_business/attachments';

/**
 * A download URL shaped like Meta's (`https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…&ext=…&hash=…`,
 * pywa `get_media_url` docstring) but pointing back at the sandbox; it stops working after `lifetimeMs`
 * ("The URL is only valid for 5 minutes", Meta spec `retrieveMediaUrl`).
 */
function mediaUrl(root, record, lifetimeMs, source = null) {
	const ext = Date.now() + lifetimeMs;
	const q = new URLSearchParams({ mid: record.id });
	if (source) q.set('source', source);
	q.set('ext', String(ext));
	q.set('hash', urlHash(record.id, ext));
	return `${root}${ATTACHMENTS_PATH}/?${q.toString()}`;
}

/** Checks a download URL's query: 'ok' with the media id, or why not. */
function checkMediaUrl(query) {
	const mid = typeof query.mid === 'string' ? query.mid : '';
	const ext = Number(query.ext);
	if (!mid || !Number.isFinite(ext) || typeof query.hash !== 'string' || query.hash !== urlHash(mid, ext)) return { ok: false, reason: 'bad signature' };
	if (ext <= Date.now()) return { ok: false, reason: 'expired' };
	return { ok: true, mid };
}

/** Small deterministic-looking bytes with the right magic number, for inbound media a test did not supply. */
function sampleBytes(mimeType, size = 2048) {
	const b = baseType(mimeType);
	const body = randomBytes(size);
	const magic = {
		'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		'application/pdf': Buffer.from('%PDF-1.7\n'),
		'audio/ogg': Buffer.from('OggS'),
	}[b];
	if (b === 'image/webp') {
		const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), body]);
		riff.writeUInt32LE(riff.length - 8, 4);
		return riff;
	}
	if (b === 'video/mp4') return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), body]);
	return magic ? Buffer.concat([magic, body]) : body;
}

module.exports = {
	UPLOAD_TYPES, MEDIA_RULES, ATTACHMENTS_PATH, baseType, kindOfMime, isAnimatedWebp, formatBytes, storeMedia, liveMedia,
	mediaUrl, checkMediaUrl, sampleBytes,
};
