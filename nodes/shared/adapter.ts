// What a provider is, as its adapter declares it. The node and trigger descriptions, the credential
// lists, the menus, the subtitles and the trigger's setup and authentication are generated from these
// declarations; node code never names a provider.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { InteractiveInput } from './interactive';
import type { MediaInput, MediaLimits } from './media';
import type { OperationKey } from './operations';
import type {
	ContactAnswer,
	ContactBatching,
	ContactQuery,
	DownloadedMedia,
	DownloadLimit,
	GatewayEventName,
	InstanceOutput,
	ProviderFailure,
	Recipient,
	SendOutput,
	TemplateInput,
	TemplateOutput,
	Transport,
	WebhookConfigApi,
	WebhookParser,
} from './types';

/** One credential type a provider accepts. */
export interface CredentialChoice {
	/** The credential type name. */
	type: string;
	/** With several credentials, the option of the node's Authentication parameter that selects this one. */
	authentication?: { value: string; name: string; description: string };
	/** The operations this credential opens; absent: every operation of the provider. */
	operations?: readonly OperationKey[];
	/** A notice shown in the action node while this credential is chosen. */
	notice?: string;
	/** Whether n8n will log in (one more request to the provider) before the first request. */
	logsInFirst?(credentials: IDataObject): boolean;
}

/** The Instance parameter of the action node. */
export interface InstanceParameter {
	description: string;
	required: boolean;
	/** The operations that take it. */
	operations: readonly OperationKey[];
}

/** Reads the current item's parameters and options, for what only one provider takes. */
export interface ItemReader {
	/** A node parameter of this item ('' or `fallback` when it is not set or not shown). */
	param(name: string, fallback?: unknown): unknown;
	/** An entry of the Options collection of this item. */
	option(name: string): unknown;
	/** A text parameter, trimmed ('' when absent). */
	text(name: string): string;
}

/** How a provider authenticates its calls to the trigger. */
export type TriggerAuth =
	| {
			/** A secret `token` query parameter in the registered URL (the provider signs nothing). */
			kind: 'token';
	  }
	| {
			/** `sha256=<hex HMAC-SHA256 of the raw body>` in `header`, with the secret in `secretField`. */
			kind: 'signature';
			header: string;
			/** The credential field holding the secret, and its display name. */
			secretField: string;
			secretName: string;
			/** Whether automatic setup may generate and register a secret when the credential has none. */
			generate: boolean;
	  };

export interface RegisterRequest {
	instanceId: string;
	/** The trigger's webhook URL as n8n gives it (no token). */
	webhookUrl: string;
	/** What to register: the webhook URL, with `?token=` for token providers. */
	url: string;
	events: GatewayEventName[];
	/** Take over a webhook that points elsewhere (it is put back, where possible, on deactivation). */
	overwrite: boolean;
	/** The secret the provider is to sign with, when the trigger registers one. */
	signingSecret?: string | null;
	/** The verify token of a GET handshake, when the provider has one. */
	verifyToken?: string;
	/** What an earlier activation of this trigger registered, if it was never removed. */
	earlier?: RegistrationRecord;
}

export interface Registered {
	/** What unregistering needs (the previous configuration, a subscription id, …); kept in static data. */
	state: IDataObject;
	/** Lines for n8n's log: what was taken over or set up on the way. */
	notes: string[];
}

export interface RegistrationRecord {
	instanceId: string;
	url: string;
	state: IDataObject;
}

/** Registers the trigger's URL at the provider and removes it again. */
export interface WebhookRegistrar {
	register(t: Transport, request: RegisterRequest): Promise<Registered>;
	/** Whether what was registered still stands. */
	isRegistered(t: Transport, record: RegistrationRecord): Promise<boolean>;
	/**
	 * Removes the registration. A registrar that must not fail deactivation resolves with warnings for n8n's
	 * log instead of throwing.
	 */
	unregister(t: Transport, record: RegistrationRecord): Promise<void | { warnings: string[] }>;
}

export interface TriggerPolicy {
	/** The normalised events this provider can produce. */
	readonly events: readonly GatewayEventName[];
	readonly defaultEvents: readonly GatewayEventName[];
	/** How setup works, shown above the parameters. */
	readonly notice: string;
	/** The credential type the trigger uses; absent: none (manual setup with a token). */
	readonly credential?: string;
	readonly instance?: { description: string; required: boolean };
	readonly auth: TriggerAuth;
	/** The provider verifies the URL with a GET (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`). */
	readonly handshake?: boolean;
	/** Events for another instance than the trigger's are acknowledged without a run. */
	readonly onlyOwnInstance?: boolean;
	/** Automatic setup; without it (or when `automatic` says no) the user sets the webhook up by hand. */
	readonly registrar?: WebhookRegistrar;
	automatic?(credentials: IDataObject, param: (name: string) => unknown): boolean;
	/**
	 * Manual setup with a token the user chooses (the `webhookToken` parameter): what it is for, and, where
	 * the provider also sets up automatically, the trigger parameters that show it (manual setup only).
	 */
	readonly manualToken?: {
		description: string;
		show?: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;
	};
	/** Why a manual setup cannot authenticate calls, if it cannot: activation then fails with this. */
	manualProblem?(
		credentials: IDataObject | null,
	): { message: string; description: string } | undefined;
	/** Trigger parameters only this provider has. */
	readonly properties?: readonly INodeProperties[];
}

/** How a provider serves media bytes: the one download behind Media → Download and Download Media. */
export interface MediaApi {
	/** The bytes of a media ID as the trigger gives it (`media.id`). */
	download(t: Transport, mediaId: string, limit: DownloadLimit): Promise<DownloadedMedia>;
	/** The bytes a webhook body itself carries for its message (base64), when it does. */
	inline?(
		raw: unknown,
	): { base64: string; mimeType: string | null; fileName: string | null } | undefined;
}

export interface ProviderAdapter {
	/** The value of the `provider` parameter. */
	readonly id: string;
	/** The provider's one name, wherever it is shown. */
	readonly displayName: string;
	/** One line for the Provider menu. */
	readonly description: string;
	/** The credential types it accepts, the default first. */
	readonly credentials: readonly [CredentialChoice, ...CredentialChoice[]];
	/** The action node's operations it offers. */
	readonly operations: readonly OperationKey[];
	readonly instance?: InstanceParameter;
	/** The instance calls are about when none is given (e.g. the one the credential names). */
	defaultInstanceId?(credentials: IDataObject): string;
	/** A notice shown in the action node for every operation. */
	readonly notice?: string;
	/** Action-node parameters only this provider has (shown for it alone). */
	readonly properties?: readonly INodeProperties[];
	/** Entries of the Options collection only this provider has (shown for it alone). */
	readonly options?: readonly INodeProperties[];
	/** A hint for a failure, where the provider knows better than the general ones. */
	hint?(failure: ProviderFailure): string | undefined;
	/**
	 * Error body → provider code and message (unknown shapes give {}), and whether the body says the request
	 * was refused for a rate limit (then it is retried like a 429, a send included: it was not processed).
	 */
	describeError(body: unknown): { code?: string | number; message?: string; rateLimited?: boolean };
	/** The credential's base URL, without a trailing slash. */
	baseUrl(credentials: IDataObject): string;

	listInstances?(t: Transport): Promise<InstanceOutput[]>;
	getInstance?(t: Transport, instanceId: string): Promise<InstanceOutput>;
	readonly contactBatching?: ContactBatching;
	checkContacts?(t: Transport, batch: ContactQuery[]): Promise<ContactAnswer[]>;
	sendText?(t: Transport, to: Recipient, text: string): Promise<SendOutput>;
	sendTemplate?(
		t: Transport,
		to: Recipient,
		template: TemplateInput,
		item: ItemReader,
	): Promise<SendOutput>;
	listTemplates?(t: Transport): Promise<TemplateOutput[]>;
	/** The types and sizes it sends, per media type: checked before any request (message.sendMedia). */
	readonly mediaLimits?: MediaLimits;
	sendMedia?(t: Transport, to: Recipient, media: MediaInput, item: ItemReader): Promise<SendOutput>;
	/** Whether markRead can also show a typing indicator (the `showTyping` option). */
	readonly typingIndicator?: boolean;
	markRead?(
		t: Transport,
		chat: Recipient,
		messageId: string,
		options: { showTyping: boolean },
		item: ItemReader,
	): Promise<SendOutput>;
	/** `emoji` '' removes the reaction. */
	react?(
		t: Transport,
		chat: Recipient,
		messageId: string,
		emoji: string,
		item: ItemReader,
	): Promise<SendOutput>;
	sendInteractive?(t: Transport, to: Recipient, message: InteractiveInput): Promise<SendOutput>;
	/** Media bytes (media.download, and the trigger's Download Media); absent: the provider serves none. */
	readonly media?: MediaApi;
	/** Reading and writing an instance's webhook (instance.updateWebhook, and the trigger's registrar). */
	readonly webhookConfig?: WebhookConfigApi;

	readonly trigger: TriggerPolicy;
	/** Inbound webhook bodies → normalised events. */
	readonly parseWebhook: WebhookParser;
}
