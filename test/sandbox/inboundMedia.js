// @ts-check
// Media people sent to WaAPI, On-Premises and WSAPI numbers: the bytes each provider keeps for a received
// message, under the id its webhook names, so its download endpoint can serve them (Cloud's own store is
// cloudMedia.js). Ids take each provider's form (sources beside each).
const { createHash, randomUUID, randomBytes } = require('node:crypto');
const { gzipSync, gunzipSync } = require('node:zlib');
const { sampleBytes } = require('./cloudMedia');

const DEFAULT_MIME = { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/ogg; codecs=opus', voice: 'audio/ogg; codecs=opus', ptt: 'audio/ogg; codecs=opus', document: 'application/pdf', sticker: 'image/webp' };
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * WSAPI's media id is self-contained: gzip + URL-safe base64 of the CDN URL, directPath, mediaKey, hashes, MIME
 * type, file name, type and length (wsapi-app internal/event/media_id.go); the server decodes it on each
 * download. Here `directPath` names the stored bytes.
 */
function wsapiMediaId(record) {
	const json = JSON.stringify({
		url: `https://mmg.whatsapp.net${record.directPath}`,
		directPath: record.directPath,
		mediaKey: randomBytes(32).toString('base64'),
		fileSha256: Buffer.from(record.sha256, 'hex').toString('base64'),
		mimeType: record.mimeType,
		filename: record.filename ?? '',
		type: record.kind,
		fileLength: record.size,
	});
	return gzipSync(Buffer.from(json)).toString('base64url');
}

/** The stored record a WSAPI media id points at, or null (an id that does not decode, or unknown bytes). */
function wsapiLookup(sandbox, id) {
	try {
		const decoded = JSON.parse(gunzipSync(Buffer.from(String(id), 'base64url')).toString('utf8'));
		return sandbox.state.inboundMedia.wsapi[decoded.directPath] ?? null;
	} catch {
		return null;
	}
}

/**
 * Keeps the bytes of a received message. `fields`: `bytes` (Buffer) or `size` (random bytes with the type's magic
 * number), `mimeType`, `filename`, `id`. Returns `{ id, mimeType, filename, size, sha256 }` (bytes not enumerable).
 * @param {any} sandbox @param {'waapi' | 'onPremises' | 'wsapi'} provider @param {string} kind @param {Record<string, any>} f
 */
function storeInbound(sandbox, provider, kind, f = {}) {
	const mimeType = f.mimeType ?? DEFAULT_MIME[kind] ?? 'application/octet-stream';
	// exactly `size` bytes, starting with the type's magic number
	const bytes = Buffer.isBuffer(f.bytes) ? f.bytes : sampleBytes(mimeType, f.size ?? 2048).subarray(0, f.size ?? 2048);
	const record = {
		kind,
		mimeType,
		filename: f.filename !== undefined ? f.filename : kind === 'document' ? 'invoice.pdf' : null,
		size: bytes.length,
		sha256: sha256(bytes),
		directPath: `/v/t62.7118-24/${randomBytes(12).toString('hex')}.enc`,
		id: '',
	};
	Object.defineProperty(record, 'bytes', { value: bytes, enumerable: false });
	const store = sandbox.state.inboundMedia[provider];
	if (provider === 'wsapi') {
		record.id = f.id ?? wsapiMediaId(record);
		store[record.directPath] = record;
	} else {
		// On-Premises media ids are UUIDs (spec `Webhook-Image` example); WaAPI's is the message's own id.
		record.id = f.id ?? randomUUID();
		store[record.id] = record;
	}
	return record;
}

/** The stored record for a provider's media id, or null. */
function findInbound(sandbox, provider, id) {
	if (provider === 'wsapi') return wsapiLookup(sandbox, id);
	return sandbox.state.inboundMedia[provider][String(id)] ?? null;
}

module.exports = { storeInbound, findInbound, DEFAULT_MIME };
