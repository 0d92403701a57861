// The public contract (names of outputs and events) as types, and what the transport and the adapters
// exchange. What a provider is and offers is in adapter.ts.
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { StreamBody } from './uploadBody';

/** The value of the `provider` parameter; the registry (nodes/providers) knows which exist. */
export type ProviderId = string;

// ---- action node outputs ----
export type ContactStatus = 'valid' | 'invalid' | 'processing' | 'invalidFormat' | 'error';

export interface ContactOutput {
	provider: ProviderId;
	input: string;
	phone: string | null;
	exists: boolean | null;
	status: ContactStatus;
	reliable: boolean;
	waId: string | null;
	chatId: string | null;
	error?: string;
	raw?: unknown;
}

export interface SendOutput {
	provider: ProviderId;
	to: string;
	status: 'sent' | 'accepted';
	messageId: string | null;
	requestId: string | null;
	raw?: unknown;
}

export interface InstanceOutput {
	provider: ProviderId;
	id: string;
	name: string | null;
	status: string | null;
	webhookUrl: string | null;
	webhookEvents: string[];
	raw?: unknown;
}

export interface WebhookOutput {
	provider: ProviderId;
	instanceId: string;
	webhookUrl: string | null;
	webhookEvents: string[];
	raw?: unknown;
}

export interface TemplateOutput {
	provider: ProviderId;
	id: string | null;
	name: string;
	language: string | null;
	category: string | null;
	status: string | null;
	components: unknown[];
	raw?: unknown;
}

// ---- trigger output ----
export const GATEWAY_EVENTS = [
	'message.received',
	'message.sent',
	'message.status',
	'template.result',
	'instance.status',
	'other',
] as const;
export type GatewayEventName = (typeof GATEWAY_EVENTS)[number];

export interface GatewayEvent {
	provider: ProviderId;
	event: GatewayEventName;
	instanceId: string | null;
	messageId: string | null;
	chatId: string | null;
	from: string | null;
	to: string | null;
	fromMe: boolean | null;
	type: string | null;
	text: string | null;
	status: string | null;
	timestamp: string | null;
	requestId: string | null;
	error: { code: string | number | null; title: string | null } | null;
	/** What a message with media says about it (only on such messages). */
	media?: MediaInfo;
	/** The button or list row a user tapped (only on interactive and template quick replies). */
	reply?: InteractiveReply;
	raw?: unknown;
	/** The provider's body is part of what the event says (as for `other`): output even without Include Raw. */
	keepRaw?: boolean;
}

/** A message's media as the provider describes it; what it does not say is null. */
export interface MediaInfo {
	/** What Media → Download (and the trigger's Download Media) takes to fetch the bytes. */
	id: string | null;
	mimeType: string | null;
	fileName: string | null;
	caption: string | null;
	/** Bytes. */
	size: number | null;
	sha256: string | null;
	/** Why Download Media gave no bytes (set by the trigger only). */
	error?: string;
}

export interface InteractiveReply {
	id: string | null;
	title: string | null;
}

// ---- transport ----
export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** A body streamed from a file instead of `body` (uploads), opened afresh for every attempt. */
	stream?: StreamBody;
	headers?: IDataObject;
	/**
	 * Whether sending the request twice is harmless (reads, checks, settings). A request that is not
	 * idempotent (a message send) is retried only when the provider surely did not process it (429,
	 * connection refused), unless the user allowed retries that may send twice.
	 */
	idempotent: boolean;
	/** What the request does, for error messages: "send a text message". */
	action: string;
}

/** What the transport knows about a failed call; the error translator turns it into a NodeApiError. */
export interface ProviderFailure {
	provider: ProviderId;
	/** The provider's display name, for messages. */
	providerName: string;
	action: string;
	httpStatus: number | null;
	/** The provider's own error code (On-Premises `errors[].code`, …) when it gave one. */
	code?: string | number;
	/** The provider's own message, never containing a secret. */
	message: string;
	/** Network-level cause: ECONNRESET, ETIMEDOUT, … */
	networkCode?: string;
	/** The provider answered, but the answer could not be read (not JSON, unexpected shape). */
	unreadable?: boolean;
	/** One line on what to do; filled in by the transport from the adapter's and the general hints. */
	hint?: string;
}

export interface Transport {
	readonly provider: ProviderId;
	/** The provider's display name, for messages. */
	readonly providerName: string;
	readonly credentialType: string;
	/** The credential's data, for adapters that route by it (WSAPI deployment). Never output or logged. */
	readonly credentials: IDataObject;
	/** The instance the calls are for (WaAPI paths, WSAPI instance), when one was chosen. */
	readonly instanceId?: string;
	/** The same transport, for calls about `instanceId` (an empty id keeps the current one). */
	forInstance(instanceId: string | undefined): Transport;
	/** Sends one request (with the retry policy) and parses the JSON answer with `schema`. */
	request<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>>;
	/**
	 * Fetches an answer as bytes (media), with the retry policy, never more than `limit.maxBytes` and, with
	 * `limit.deadline`, never after that moment. `url` (absolute) replaces the base URL and path where the
	 * provider names the download location itself.
	 */
	download(spec: RequestSpec & { url?: string }, limit: DownloadLimit): Promise<DownloadAnswer>;
	/** Raises a provider failure found in a successful HTTP answer (e.g. an error envelope under HTTP 200). */
	fail(failure: Omit<ProviderFailure, 'provider' | 'providerName' | 'hint'>): never;
}

export interface DownloadLimit {
	maxBytes: number;
	/** Epoch milliseconds after which the download is given up. */
	deadline?: number;
}

export interface DownloadAnswer {
	bytes: Buffer;
	/** Response headers, lower-case names. */
	headers: Record<string, string>;
}

/** Media bytes with what the provider says they are. */
export interface DownloadedMedia {
	bytes: Buffer;
	mimeType: string | null;
	fileName: string | null;
}

// ---- adapters ----
/** One number asked about in a contact check, already normalised (digits with country code). */
export interface ContactQuery {
	phone: string;
}

/** The provider's answer for one number; the node adds `provider`, `input` and `reliable`. */
export interface ContactAnswer {
	phone: string;
	exists: boolean | null;
	status: Exclude<ContactStatus, 'invalidFormat' | 'error'>;
	waId: string | null;
	chatId: string | null;
	/** False when the provider's answer is not a real check (On-Premises from v2.43). */
	reliable: boolean;
	/** Why an answer is not reliable, for the execution hint. */
	unreliableReason?: string;
	raw?: unknown;
}

/**
 * A recipient: a phone number (digits with country code), a group id, or an id that stands for a person
 * without naming their number (a WhatsApp LID `…@lid`, a business-scoped user id): sent exactly as given.
 */
export type Recipient =
	| { kind: 'user'; digits: string }
	| { kind: 'group'; id: string }
	| { kind: 'id'; id: string };

/** What every template send has; provider-specific parts are read by the adapter from the item. */
export interface TemplateInput {
	name: string;
	language: string;
	bodyParameters: string[];
}

export interface ContactBatching {
	/** Numbers per request the provider's batch endpoint takes (1 = one number a request). */
	defaultBatchSize: number;
	maxBatchSize: number;
}

/** A provider's webhook configuration for one instance. */
export interface WebhookConfig {
	url: string | null;
	/** The provider's own event names. */
	events: string[];
	/** The secret the provider signs deliveries with, where it has one. */
	signingSecret?: string | null;
	/** The verify token of the provider's GET handshake, where it has one (write only). */
	verifyToken?: string;
}

/** Reads and writes an instance's webhook configuration: used by instance.updateWebhook and the trigger. */
export interface WebhookConfigApi {
	read(t: Transport, instanceId: string): Promise<WebhookConfig & { raw?: unknown }>;
	/** `item`: the action node's item, for fields only this provider takes (absent in the trigger). */
	write(
		t: Transport,
		instanceId: string,
		config: WebhookConfig,
		item?: { text(name: string): string },
	): Promise<WebhookConfig & { raw?: unknown }>;
	/** Provider events that the selected normalised events need (e.g. WaAPI `message_ack` for message.status). */
	providerEventsFor(events: GatewayEventName[]): string[];
}

export interface IncomingWebhook {
	/** Parsed JSON body. */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** Parses one webhook delivery into normalised events (without `raw`; the trigger adds it on request). */
export type WebhookParser = (
	incoming: IncomingWebhook,
) => { ok: true; events: GatewayEvent[] } | { ok: false; problem: string };
