// WaAPI media bytes. A `message` webhook may carry the file itself (base64 `media` beside the message,
// waapi.readme.io message event); otherwise the client action download-media (WaAPI TypeScript SDK
// "download media from message"; make-waapi download-media module) answers it as base64 in the action
// envelope, `data.data = {mimetype, data, filename}` as whatsapp-web.js MessageMedia (a GUESS on the path).
// The media ID is the message's serialized ID, which download-media takes as `messageId`.
import { z } from 'zod/v4';

import type { MediaApi } from '../../shared/adapter';
import { megabytes } from '../../shared/download';
import { describeIssue } from '../../shared/zodIssue';
import type { DownloadLimit, Transport } from '../../shared/types';
import { instancePath } from './instanceRecord';
import { actionEnvelopeSchema } from './schemas';
import { parseBody } from '../../shared/zodParts';

const mediaSchema = z.looseObject({
	mimetype: z.string().nullish(),
	data: z.string().min(1),
	filename: z.string().nullish(),
});

const ACTION = 'download the media';

/** Base64 grows 4/3; the envelope around it stays small. */
const answerLimit = (maxBytes: number) => Math.ceil((maxBytes * 4) / 3) + 64 * 1024;

function decoded(t: Transport, base64: string, maxBytes: number): Buffer {
	// The decoded size is known before decoding: a file over the limit is never decoded.
	const size = Math.floor((base64.replace(/=+$/, '').length * 3) / 4);
	if (size > maxBytes) {
		t.fail({
			action: ACTION,
			httpStatus: 200,
			message: `the file (${megabytes(size)}) is over the limit of ${megabytes(maxBytes)}`,
		});
	}
	return Buffer.from(base64, 'base64');
}

async function download(t: Transport, mediaId: string, limit: DownloadLimit) {
	const instanceId = t.instanceId;
	if (!instanceId) {
		return t.fail({
			action: ACTION,
			httpStatus: null,
			message: 'no instance given: choose the WaAPI instance',
		});
	}
	const answer = await t.download(
		{
			method: 'POST',
			path: `${instancePath(instanceId)}/client/action/download-media`,
			body: { messageId: mediaId },
			headers: { 'Content-Type': 'application/json' },
			idempotent: true,
			action: ACTION,
		},
		{ ...limit, maxBytes: answerLimit(limit.maxBytes) },
	);
	let json: unknown;
	try {
		json = JSON.parse(answer.bytes.toString('utf8'));
	} catch {
		return t.fail({
			action: ACTION,
			httpStatus: 200,
			message: 'the answer was not valid JSON',
			unreadable: true,
		});
	}
	const envelope = parseBody(actionEnvelopeSchema, json);
	if (!envelope.success) {
		return t.fail({
			action: ACTION,
			httpStatus: 200,
			message: `the answer had an unexpected shape (${describeIssue(envelope.error)})`,
			unreadable: true,
		});
	}
	if (envelope.data.data.status !== 'success') {
		return t.fail({
			action: ACTION,
			httpStatus: 200,
			message:
				envelope.data.data.message ?? `the action answered status "${envelope.data.data.status}"`,
		});
	}
	const media = parseBody(mediaSchema, envelope.data.data.data);
	if (!media.success) {
		return t.fail({
			action: ACTION,
			httpStatus: 200,
			message: `the answer has no media (${describeIssue(media.error, 'data.data')})`,
		});
	}
	return {
		bytes: decoded(t, media.data.data, limit.maxBytes),
		mimeType: media.data.mimetype ?? null,
		fileName: media.data.filename ?? null,
	};
}

const inlineSchema = z.looseObject({
	data: z.looseObject({
		media: z.looseObject({
			data: z.string().min(1),
			mimetype: z.string().nullish(),
			filename: z.string().nullish(),
		}),
	}),
});

function inline(raw: unknown) {
	const parsed = parseBody(inlineSchema, raw);
	if (!parsed.success) return undefined;
	const m = parsed.data.data.media;
	return { base64: m.data, mimeType: m.mimetype ?? null, fileName: m.filename ?? null };
}

export const waapiMedia: MediaApi = { download, inline };
