// What a media send carries, and each provider's type and size limits, checked before any request so a
// file the provider would refuse is never uploaded.
/** Bytes in chunks, as n8n's binary streams and the request bodies built from them yield them. */
export type ByteStream = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const KB = 1024;
export const MB = 1024 * 1024;

/** A file from an input item's binary property, read in chunks (n8n's filesystem and S3 modes) or from memory. */
export interface MediaFile {
	fileName: string;
	/** As the binary property says, e.g. `audio/ogg; codecs=opus`. */
	mimeType: string;
	/** Bytes. */
	size: number;
	/** A new stream of the bytes for every call: a retried request needs the file again. */
	open(): Promise<ByteStream>;
	/** The bytes as base64 where n8n already holds them so (in-memory binary mode): no second encoding. */
	base64?(): string;
}

interface MediaCommon {
	mediaType: MediaType;
	/** '' when none. */
	caption: string;
	/** '' when none: the binary property's own name is used then. */
	fileName: string;
}

export type MediaInput =
	| (MediaCommon & { source: 'url'; url: string })
	| (MediaCommon & { source: 'binary'; file: MediaFile });

export interface MediaRule {
	/** MIME types (without parameters) the provider takes for this type; absent: any. */
	types?: readonly string[];
	maxBytes: number;
}

export type MediaLimits = Record<MediaType, MediaRule>;

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseMime(mime: string): string {
	return mime.split(';')[0].trim().toLowerCase();
}

export function formatSize(bytes: number): string {
	if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
	if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
	return `${bytes} bytes`;
}

/** Why the provider would refuse this file as `mediaType`, or undefined when it is within its limits. */
export function limitProblem(
	limits: MediaLimits,
	providerName: string,
	mediaType: MediaType,
	file: Pick<MediaFile, 'fileName' | 'mimeType' | 'size'>,
): string | undefined {
	const rule = limits[mediaType];
	const mime = baseMime(file.mimeType);
	if (rule.types && !rule.types.includes(mime)) {
		return `"${file.fileName}" is of type ${mime || 'unknown'}, which ${providerName} does not send as ${mediaType} (it takes ${rule.types.join(', ')})`;
	}
	if (file.size > rule.maxBytes) {
		return `"${file.fileName}" is ${formatSize(file.size)} (${file.size} bytes), over the ${formatSize(rule.maxBytes)} limit of ${providerName} for ${mediaType}`;
	}
	if (file.size === 0) return `"${file.fileName}" is empty`;
	return undefined;
}

/** An http(s) URL, or why not. */
export function urlProblem(url: string, httpsOnly = false): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `"${url.slice(0, 200)}" is not a URL`;
	}
	const allowed = httpsOnly ? ['https:'] : ['http:', 'https:'];
	if (!allowed.includes(parsed.protocol)) {
		return `the media URL must start with ${httpsOnly ? 'https://' : 'http:// or https://'}`;
	}
	return undefined;
}

/** The file name to send: the one given, else the binary property's, else one made from the type. */
export function fileNameOf(media: MediaInput): string {
	if (media.fileName) return media.fileName;
	if (media.source === 'binary') return media.file.fileName;
	const last = decodeURIComponent(new URL(media.url).pathname.split('/').pop() ?? '');
	return last || media.mediaType;
}

const MS_DOCUMENTS = [
	'application/msword',
	'application/vnd.ms-excel',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/**
 * Meta's "Supported media types" (Cloud API; mirrored by AWS End User Messaging): image jpeg/png 5 MB, audio
 * aac/amr/mpeg/mp4/ogg 16 MB, video mp4/3gpp 16 MB, documents (text, PDF, Office) 100 MB, stickers webp
 * 500 KB animated (100 KB static, which only Meta can tell apart). Read as binary megabytes.
 */
export const META_MEDIA_LIMITS: MediaLimits = {
	image: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	video: { types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	audio: {
		types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * MB,
	},
	document: { types: ['text/plain', 'application/pdf', ...MS_DOCUMENTS], maxBytes: 100 * MB },
	sticker: { types: ['image/webp'], maxBytes: 500 * KB },
};
