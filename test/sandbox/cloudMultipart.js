// @ts-check
// A small, bounded multipart/form-data parser (RFC 7578 over RFC 2046 §5.1) for the Cloud API media upload:
// it works on the bytes already read, never copies more than one part at a time, and refuses anything odd
// (no boundary, too many parts, oversized part headers, a body that does not end with the close delimiter).

const MAX_BOUNDARY = 70; // RFC 2046 §5.1.1: 1 to 70 characters
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

class MultipartError extends Error {}

/** The boundary parameter of a multipart/form-data Content-Type, or null. */
function boundaryOf(contentType) {
	const ct = String(contentType ?? '');
	if (!/^\s*multipart\/form-data\s*(;|$)/i.test(ct)) return null;
	const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(ct);
	const b = m ? (m[1] ?? m[2]) : null;
	return b && b.length <= MAX_BOUNDARY ? b : null;
}

/** `name="value"` parameters of a Content-Disposition header (quoted or token values). */
function dispositionParams(value) {
	/** @type {Record<string, string>} */
	const params = {};
	const re = /;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
	let m;
	while ((m = re.exec(value)) !== null) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
	return params;
}

/**
 * @param {Buffer} raw the whole request body
 * @param {string | undefined} contentType the request's Content-Type
 * @param {{ maxParts?: number, maxHeaderBytes?: number }} [limits]
 * @returns {{ fields: Record<string, string>, files: { name: string, filename: string, contentType: string, data: Buffer }[] }}
 */
function parseMultipart(raw, contentType, limits = {}) {
	const maxParts = limits.maxParts ?? 16;
	const maxHeaderBytes = limits.maxHeaderBytes ?? 4096;
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new MultipartError('Content-Type must be multipart/form-data with a boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	/** @type {Record<string, string>} */
	const fields = {};
	const files = [];

	// the first delimiter may follow a preamble; it must start the body or a line
	let at = raw.indexOf(delimiter);
	if (at < 0 || (at > 0 && !raw.subarray(at - 2, at).equals(CRLF))) throw new MultipartError('multipart body has no opening boundary');
	for (let parts = 0; ; parts++) {
		let cursor = at + delimiter.length;
		const after = raw.subarray(cursor, cursor + 2).toString('latin1');
		if (after === '--') return { fields, files }; // close delimiter: the epilogue is ignored
		if (after !== '\r\n') throw new MultipartError('malformed boundary line');
		if (parts >= maxParts) throw new MultipartError(`more than ${maxParts} parts`);
		cursor += 2;

		const headerEnd = raw.indexOf(HEADER_END, cursor);
		if (headerEnd < 0 || headerEnd - cursor > maxHeaderBytes) throw new MultipartError('part headers missing or too long');
		/** @type {Record<string, string>} */
		const headers = {};
		for (const line of raw.subarray(cursor, headerEnd).toString('utf8').split('\r\n')) {
			const i = line.indexOf(':');
			if (i <= 0) throw new MultipartError(`malformed part header: ${line.slice(0, 60)}`);
			headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const bodyStart = headerEnd + HEADER_END.length;
		const next = raw.indexOf(Buffer.concat([CRLF, delimiter]), bodyStart);
		if (next < 0) throw new MultipartError('part is not closed by a boundary');
		const data = raw.subarray(bodyStart, next);

		const disposition = headers['content-disposition'] ?? '';
		if (!/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('part without Content-Disposition: form-data');
		const params = dispositionParams(disposition);
		if (!params.name) throw new MultipartError('part without a name');
		if (params.filename !== undefined) {
			files.push({ name: params.name, filename: params.filename, contentType: headers['content-type'] ?? 'text/plain', data: Buffer.from(data) });
		} else {
			fields[params.name] = data.toString('utf8');
		}
		at = next + CRLF.length;
	}
}

module.exports = { parseMultipart, boundaryOf, MultipartError };
