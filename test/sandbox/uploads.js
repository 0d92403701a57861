// @ts-check
// Files the fake providers received for sending (On-Premises `/v1/media`, WaAPI and WSAPI base64 bodies): kept
// with their SHA-256 so a test, or another process through the control API (`GET /state`), can check that the
// bytes arrived unchanged. The bytes themselves stay off the enumerable state.
const { createHash, randomUUID } = require('node:crypto');

/**
 * @param {any} providerState e.g. sandbox.state.onPremises
 * @param {{ bytes: Buffer, mimeType: string | null, filename?: string | null, id?: string, via: string }} file
 */
function storeUpload(providerState, file) {
	providerState.uploads ??= {};
	const id = file.id ?? randomUUID();
	const record = {
		id,
		mimeType: file.mimeType,
		filename: file.filename ?? null,
		size: file.bytes.length,
		sha256: createHash('sha256').update(file.bytes).digest('hex'),
		via: file.via,
		at: Date.now(),
	};
	Object.defineProperty(record, 'bytes', { value: file.bytes, enumerable: false });
	providerState.uploads[id] = record;
	return record;
}

/** Standard base64 (RFC 4648 §4, what Go's base64.StdEncoding and Node decode strictly), or null. */
function decodeBase64(text) {
	if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
	return Buffer.from(text, 'base64');
}

module.exports = { storeUpload, decodeBase64 };
