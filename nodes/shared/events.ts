// The one event builder: every trigger item has every contract field (null when the provider did not say),
// timestamps in ISO 8601 whatever the provider's clock format, and one status vocabulary.
import type {
	GatewayEvent,
	GatewayEventName,
	InteractiveReply,
	MediaInfo,
	ProviderId,
} from './types';

export type EventFields = Partial<Omit<GatewayEvent, 'provider' | 'event'>>;

/** A GatewayEvent with every contract field present, in the contract's order. */
export function gatewayEvent(
	provider: ProviderId,
	event: GatewayEventName,
	fields: EventFields,
): GatewayEvent {
	const built: GatewayEvent = {
		provider,
		event,
		instanceId: fields.instanceId ?? null,
		messageId: fields.messageId ?? null,
		chatId: fields.chatId ?? null,
		from: fields.from ?? null,
		to: fields.to ?? null,
		fromMe: fields.fromMe ?? null,
		type: fields.type ?? null,
		text: fields.text ?? null,
		status: fields.status ?? null,
		timestamp: fields.timestamp ?? null,
		requestId: fields.requestId ?? null,
		error: fields.error ?? null,
	};
	if (fields.media) built.media = fields.media;
	if (fields.reply) built.reply = fields.reply;
	if (fields.raw !== undefined) built.raw = fields.raw;
	if (fields.keepRaw) built.keepRaw = true;
	return built;
}

// Below this a number is a unix time in seconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_LIMIT = 1e11;
// JavaScript's Date range.
const MAX_DATE_MS = 8.64e15;

/** Unix seconds, unix milliseconds (number or numeric string) or a date string → ISO 8601; null when unreadable. */
export function toIsoTimestamp(value: unknown): string | null {
	let ms: number;
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value <= 0) return null;
		ms = value < SECONDS_LIMIT ? value * 1000 : value;
	} else if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return null;
		if (/^\d+(\.\d+)?$/.test(trimmed)) return toIsoTimestamp(Number(trimmed));
		ms = Date.parse(trimmed);
		if (Number.isNaN(ms)) return null;
	} else {
		return null;
	}
	if (Math.abs(ms) > MAX_DATE_MS) return null;
	return new Date(Math.round(ms)).toISOString();
}

export const MESSAGE_STATUSES = [
	'pending',
	'sent',
	'delivered',
	'read',
	'played',
	'failed',
	'deleted',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A provider status word, if it is one of the contract's message statuses (case-insensitive). */
export function messageStatus(value: unknown): MessageStatus | null {
	if (typeof value !== 'string') return null;
	const lower = value.toLowerCase();
	return MESSAGE_STATUSES.find((s) => s === lower) ?? null;
}

/** The contract's media object: every field present, null where the provider did not say. */
export function mediaInfo(fields: {
	id?: unknown;
	mimeType?: unknown;
	fileName?: unknown;
	caption?: unknown;
	size?: unknown;
	sha256?: unknown;
}): MediaInfo {
	const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
	const size = typeof fields.size === 'string' ? Number(fields.size) : fields.size;
	return {
		id: idString(fields.id),
		mimeType: text(fields.mimeType),
		fileName: text(fields.fileName),
		caption: text(fields.caption),
		size: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : null,
		sha256: sha256Hex(fields.sha256),
	};
}

/** A SHA-256 as lower-case hex, whether the provider wrote it in hex or in base64 (Meta's webhooks). */
export function sha256Hex(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return null;
	if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
		const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		if (bytes.length === 32) return bytes.toString('hex');
	}
	return value;
}

/** The contract's reply object of an interactive or quick reply. */
export function interactiveReply(id: unknown, title: unknown): InteractiveReply {
	return { id: idString(id), title: typeof title === 'string' ? title : null };
}

/** A non-empty string, or null: provider ids come as strings or numbers. */
export function idString(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

export { describeIssue } from './zodIssue';
