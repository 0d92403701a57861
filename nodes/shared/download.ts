// Reading a streamed answer into memory without ever holding more than a limit, nor waiting past a
// deadline: media bytes come from the provider, whose size and speed we do not control.
import type { DownloadAnswer, DownloadedMedia } from './types';

/** What is read of a streamed answer (a Node.js readable stream). */
export interface Readable {
	on(event: string, listener: (...args: never[]) => void): unknown;
	destroy(): unknown;
}

export type BoundedRead =
	| { ok: true; bytes: Buffer }
	| { ok: false; tooLarge: true }
	| { ok: false; tooLarge: false; networkCode: string };

export function isReadable(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Readable).on === 'function' &&
		typeof (value as Readable).destroy === 'function'
	);
}

/** Reads `stream` to its end, unless it grows over `maxBytes` or `deadline` (epoch ms) passes first. */
export async function readBounded(
	stream: Readable,
	maxBytes: number,
	deadline?: number,
): Promise<BoundedRead> {
	return await new Promise<BoundedRead>((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const late = () => finish({ ok: false, tooLarge: false, networkCode: 'ETIMEDOUT' });
		// AbortSignal.timeout's timer does not keep the process alive once nothing else waits.
		const timer =
			deadline === undefined ? undefined : AbortSignal.timeout(Math.max(1, deadline - Date.now()));
		const finish = (result: BoundedRead) => {
			if (done) return;
			done = true;
			timer?.removeEventListener('abort', late);
			if (!result.ok) stream.destroy();
			resolve(result);
		};
		timer?.addEventListener('abort', late, { once: true });
		stream.on('data', (chunk: Buffer | string) => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > maxBytes) return finish({ ok: false, tooLarge: true });
			chunks.push(buffer);
		});
		stream.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks, size) }));
		stream.on('error', (error: NodeJS.ErrnoException) =>
			finish({ ok: false, tooLarge: false, networkCode: error.code ?? 'ECONNRESET' }),
		);
		stream.on('aborted', () => finish({ ok: false, tooLarge: false, networkCode: 'ECONNRESET' }));
	});
}

/** An error answer's body as text (at most 64 KB: enough for any provider's error message). */
export async function readErrorBody(stream: Readable): Promise<string> {
	const read = await readBounded(stream, 64 * 1024, Date.now() + 5_000);
	return read.ok ? read.bytes.toString('utf8') : '';
}

const MB = 1024 * 1024;

/** `12.3 MB`, for messages. */
export function megabytes(bytes: number): string {
	const mb = bytes / MB;
	return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** A download answer as a file: the bytes, the Content-Type and the Content-Disposition's file name. */
export function fileOf(answer: DownloadAnswer): DownloadedMedia {
	return {
		bytes: answer.bytes,
		mimeType: answer.headers['content-type'] ?? null,
		fileName: dispositionFileName(answer.headers['content-disposition']),
	};
}

/** The file name of a `Content-Disposition` header, if it names one. */
export function dispositionFileName(header: string | undefined): string | null {
	if (!header) return null;
	const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			// not percent-encoded after all: fall back to the plain parameter
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
	const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
	return name === '' ? null : name;
}
