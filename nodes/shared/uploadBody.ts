// Request bodies that carry a file without holding it in memory: the raw bytes, a JSON object with the
// bytes as one base64 string, or a multipart form. Each is a fresh stream per attempt with its exact
// length, so a retry can send it again and the provider gets a Content-Length.
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { ByteStream, MediaFile } from './media';

export interface StreamBody {
	contentType: string;
	/** Bytes of the whole body. */
	length: number;
	open(): Promise<ByteStream>;
}

/**
 * The body as n8n's HTTP client (axios) takes a file: a Blob-like object, read through `stream()` for
 * every attempt. Unlike a stream it can be sent again, so n8n's own retry after renewing a login
 * credential on a 401 works too.
 */
export class UploadBlob {
	constructor(
		readonly size: number,
		readonly type: string,
		private readonly body: StreamBody,
	) {}

	get [Symbol.toStringTag]() {
		return 'Blob';
	}

	async *stream(): AsyncGenerator<Uint8Array | string> {
		yield* await this.body.open();
	}
}

export const uploadBlob = (body: StreamBody) => new UploadBlob(body.length, body.contentType, body);

/** The file's bytes as they are (On-Premises `/v1/media`). */
export function rawBody(file: MediaFile, contentType = file.mimeType): StreamBody {
	return { contentType, length: file.size, open: () => file.open() };
}

/** Base64 of a byte stream, chunk by chunk (3-byte groups carried across chunks). */
async function* base64Of(source: ByteStream): AsyncGenerator<string> {
	let rest = Buffer.alloc(0);
	for await (const chunk of source) {
		const data = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		const bytes = rest.length ? Buffer.concat([rest, data]) : data;
		const whole = bytes.length - (bytes.length % 3);
		if (whole > 0) yield bytes.subarray(0, whole).toString('base64');
		rest = Buffer.from(bytes.subarray(whole));
	}
	if (rest.length) yield rest.toString('base64');
}

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** `fields` as JSON with one more string field `key` holding the file as base64 (WaAPI, WSAPI). */
export function jsonWithBase64(fields: IDataObject, key: string, file: MediaFile): StreamBody {
	const head = JSON.stringify(fields);
	const prefix = `${head.slice(0, -1)}${head === '{}' ? '' : ','}${JSON.stringify(key)}:"`;
	const suffix = '"}';
	const length =
		Buffer.byteLength(prefix) + base64Length(file.size) + Buffer.byteLength(suffix);
	return {
		contentType: 'application/json',
		length,
		async open() {
			if (file.base64) return [prefix, file.base64(), suffix];
			const source = await file.open();
			return (async function* () {
				yield prefix;
				yield* base64Of(source);
				yield suffix;
			})();
		},
	};
}

/** A header value in a multipart part: quotes and line breaks would end it early. */
const quoted = (value: string) => value.replace(/["\r\n\\]/g, '_');

/** `multipart/form-data` with text `fields` and one file part (Cloud API `/{phone-number-id}/media`). */
export function multipartBody(
	fields: Record<string, string>,
	filePart: { name: string; fileName: string; contentType: string },
	file: MediaFile,
): StreamBody {
	const boundary = `----n8nWhatsAppGateway${randomBytes(12).toString('hex')}`;
	let head = '';
	for (const [name, value] of Object.entries(fields)) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
	}
	head +=
		`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(filePart.name)}"; filename="${quoted(filePart.fileName)}"\r\n` +
		`Content-Type: ${filePart.contentType}\r\n\r\n`;
	const tail = `\r\n--${boundary}--\r\n`;
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		length: Buffer.byteLength(head) + file.size + Buffer.byteLength(tail),
		async open() {
			const source = await file.open();
			return (async function* () {
				yield head;
				yield* source;
				yield tail;
			})();
		},
	};
}
