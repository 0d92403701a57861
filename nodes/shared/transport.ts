// The one transport: every provider call goes through n8n's httpRequestWithAuthentication (so
// credentials, token refresh on 401 and n8n's proxy settings apply), the one retry policy, zod parsing
// of the answer, and ProviderError for every failure (turned into a NodeApiError by the caller).
import { sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ProviderAdapter } from './adapter';
import { isReadable, megabytes, readBounded, readErrorBody } from './download';
import { generalHint, ProviderError } from './errors';
import { isRetryable, retryDelayMs } from './retry';
import { uploadBlob } from './uploadBody';
import { describeIssue } from './zodIssue';
import type { AttemptOutcome, RetryPolicy } from './retry';
import type {
	DownloadAnswer,
	DownloadLimit,
	ProviderFailure,
	RequestSpec,
	Transport,
} from './types';
import { parseBody } from './zodParts';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface TransportOptions extends RetryPolicy {
	timeoutMs: number;
	/**
	 * Awaited before every attempt (retries included): the bulk check's rate limiter. It may resolve to a
	 * function, called when that attempt has finished (the limiter counts a request until its answer).
	 */
	throttle?: () => Promise<void | (() => void)>;
	/** Told about every retry, e.g. to count them. */
	onRetry?: (outcome: AttemptOutcome, delayMs: number) => void;
}

/** One credential field as text ('' when absent). */
export function credentialField(t: Transport, name: string): string {
	const value = t.credentials[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 3,
	allowUnsafeRetries: false,
	timeoutMs: 30_000,
};

interface HttpAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

interface CaughtHttpError {
	httpCode?: string | null;
	cause?: {
		code?: string;
		status?: number;
		response?: { status?: number; headers?: IDataObject; data?: unknown };
	};
	code?: string;
	message?: string;
}

type FailedAttempt = AttemptOutcome & { body?: unknown; ownMessage?: string };

function outcomeOf(error: CaughtHttpError): FailedAttempt {
	const response = error.cause?.response;
	const status = response?.status ?? (error.httpCode ? Number(error.httpCode) : NaN);
	const networkCode = error.cause?.code ?? error.code;
	const outcome: FailedAttempt = {
		httpStatus: Number.isFinite(status) && status > 0 ? status : null,
		networkCode:
			typeof networkCode === 'string' && /^E[A-Z_]+$|^UND_/.test(networkCode)
				? networkCode
				: undefined,
		retryAfterHeader: response?.headers?.['retry-after'] as string | undefined,
		body: response?.data,
	};
	// Neither an answer nor a network failure: the request never left, because the credential refused to
	// build it (a failed login, an API key of the wrong length). Its own message says why; it never holds
	// the request itself.
	if (outcome.httpStatus === null && outcome.networkCode === undefined && error.message) {
		outcome.ownMessage = error.message;
		outcome.neverSent = true;
	}
	return outcome;
}

function readJson(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string') return { ok: true, value: body ?? null };
	if (body.trim() === '') return { ok: true, value: null };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

// Credentials whose login was already counted against the speed limit in this execution: transports for
// other items or instances share the credential object, and the login happens once for all of them.
const loginCounted = new WeakSet<IDataObject>();

export function createTransport(
	ctx: RequestContext,
	adapter: ProviderAdapter,
	credentialType: string,
	credentials: IDataObject,
	options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
	instanceId?: string,
): Transport {
	const baseUrl = adapter.baseUrl(credentials);
	const provider = adapter.id;
	const providerName = adapter.displayName;
	const logsInFirst = adapter.credentials.find((c) => c.type === credentialType)?.logsInFirst;

	/** A failure with the provider's name and the hint for it: the adapter's own, else the general one. */
	const withHint = (
		failure: Omit<ProviderFailure, 'provider' | 'providerName' | 'hint'>,
	): ProviderFailure => {
		const named = { ...failure, provider, providerName };
		return { ...named, hint: adapter.hint?.(named) ?? generalHint(named) };
	};

	const failureFrom = (
		spec: RequestSpec,
		outcome: FailedAttempt,
		fallback?: string,
	): ProviderFailure => {
		const parsed = readJson(outcome.body);
		const details = parsed.ok ? adapter.describeError(parsed.value) : {};
		const message =
			details.message ??
			outcome.ownMessage ??
			fallback ??
			(outcome.httpStatus === null
				? 'the connection failed before an answer came'
				: `the provider answered HTTP ${outcome.httpStatus}`);
		return withHint({
			action: spec.action,
			httpStatus: outcome.httpStatus,
			code: details.code,
			message,
			networkCode: outcome.networkCode,
			unreadable: outcome.unreadable,
		});
	};

	/** `bytes`: the answer as a stream (media), fetched from `url` when given, within `timeoutMs`. */
	async function attempt(
		spec: RequestSpec,
		bytes?: { url?: string; timeoutMs: number },
	): Promise<{ answer?: HttpAnswer; failed?: FailedAttempt }> {
		const stream = spec.stream;
		const requestOptions: IHttpRequestOptions = {
			method: spec.method,
			url: bytes?.url ?? `${baseUrl}${spec.path}`,
			qs: spec.qs,
			body: stream ? uploadBlob(stream) : spec.body,
			headers: {
				Accept: bytes ? '*/*' : 'application/json',
				...(stream
					? { 'Content-Type': stream.contentType, 'Content-Length': String(stream.length) }
					: {}),
				...(spec.headers ?? {}),
			},
			json: !bytes,
			...(bytes ? { encoding: 'stream' as const } : {}),
			returnFullResponse: true,
			timeout: bytes?.timeoutMs ?? options.timeoutMs,
			// Following redirects makes the HTTP client keep every byte sent, to replay them: an upload would
			// sit in memory whole. Provider APIs answer uploads without redirects.
			...(stream ? { disableFollowRedirect: true } : {}),
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		};
		try {
			const answer = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				requestOptions,
			)) as HttpAnswer;
			return { answer };
		} catch (error) {
			return { failed: outcomeOf(error as CaughtHttpError) };
		}
	}

	/** Waits for the speed limit; the function returned frees the slots when the attempt has finished. */
	async function gate(): Promise<() => void> {
		if (!options.throttle) return () => undefined;
		// The login n8n makes before the first request reaches the provider too: it takes a slot of its own.
		let loginRelease: (() => void) | void = undefined;
		if (!loginCounted.has(credentials)) {
			loginCounted.add(credentials);
			if (logsInFirst?.(credentials)) loginRelease = await options.throttle();
		}
		const release = await options.throttle();
		return () => {
			if (loginRelease) loginRelease();
			if (release) release();
		};
	}

	async function request<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.infer<S>> {
		let failure: ProviderFailure | undefined;
		for (let retry = 0; ; retry++) {
			const release = await gate();
			const { answer, failed } = await attempt(spec);
			release();
			let outcome: FailedAttempt | undefined = failed;
			let unreadableReason: string | undefined;
			if (answer) {
				const json = readJson(answer.body);
				if (json.ok) {
					const parsed = parseBody(schema, json.value);
					if (parsed.success) return parsed.data;
					unreadableReason = `the answer had an unexpected shape (${describeIssue(parsed.error)})`;
				} else {
					unreadableReason = 'the answer was not valid JSON';
				}
				outcome = { httpStatus: answer.statusCode, unreadable: true };
			}
			const final = outcome as FailedAttempt;
			// Some providers answer their rate limit with another status than 429 and say so in the body.
			if (final.body !== undefined && final.httpStatus !== null && final.httpStatus !== 429) {
				const body = readJson(final.body);
				if (body.ok && adapter.describeError(body.value).rateLimited === true) {
					final.rateLimited = true;
				}
			}
			if (retry < options.maxRetries && isRetryable(final, spec.idempotent, options)) {
				const delay = retryDelayMs(final, retry + 1, options);
				options.onRetry?.(final, delay);
				await sleep(delay);
				continue;
			}
			failure = failureFrom(spec, final, unreadableReason);
			if (retry > 0)
				failure = { ...failure, message: `${failure.message} (after ${retry + 1} attempts)` };
			break;
		}
		throw new ProviderError(failure);
	}

	async function download(
		spec: RequestSpec & { url?: string },
		limit: DownloadLimit,
	): Promise<DownloadAnswer> {
		const tooLarge = (httpStatus: number, size?: number) =>
			new ProviderError(
				withHint({
					action: spec.action,
					httpStatus,
					message: `the file${size === undefined ? '' : ` (${megabytes(size)})`} is over the limit of ${megabytes(limit.maxBytes)}`,
				}),
			);
		const late = () =>
			new ProviderError(
				withHint({
					action: spec.action,
					httpStatus: null,
					networkCode: 'ETIMEDOUT',
					message: 'the download did not finish in the time allowed',
				}),
			);
		for (let retry = 0; ; retry++) {
			const left = limit.deadline === undefined ? options.timeoutMs : limit.deadline - Date.now();
			if (left <= 0) throw late();
			const release = await gate();
			const { answer, failed } = await attempt(spec, {
				url: spec.url,
				timeoutMs: Math.min(options.timeoutMs, left),
			});
			let outcome: FailedAttempt | undefined = failed;
			if (answer && isReadable(answer.body)) {
				const headers: Record<string, string> = {};
				for (const [k, v] of Object.entries(answer.headers ?? {}))
					headers[k.toLowerCase()] = String(v);
				const declared = Number(headers['content-length']);
				if (Number.isFinite(declared) && declared > limit.maxBytes) {
					answer.body.destroy();
					release();
					throw tooLarge(answer.statusCode, declared);
				}
				const read = await readBounded(answer.body, limit.maxBytes, limit.deadline);
				release();
				if (read.ok) return { bytes: read.bytes, headers };
				if (read.tooLarge) throw tooLarge(answer.statusCode);
				outcome = { httpStatus: null, networkCode: read.networkCode };
			} else {
				release();
				if (answer) outcome = { httpStatus: answer.statusCode, unreadable: true };
			}
			const final = outcome as FailedAttempt;
			if (isReadable(final.body)) final.body = await readErrorBody(final.body);
			const wait = retryDelayMs(final, retry + 1, options);
			const inTime = limit.deadline === undefined || Date.now() + wait < limit.deadline;
			if (retry < options.maxRetries && inTime && isRetryable(final, true, options)) {
				options.onRetry?.(final, wait);
				await sleep(wait);
				continue;
			}
			const failure = failureFrom(spec, final);
			throw new ProviderError(
				retry > 0
					? { ...failure, message: `${failure.message} (after ${retry + 1} attempts)` }
					: failure,
			);
		}
	}

	const transport: Transport = {
		provider,
		providerName,
		credentialType,
		credentials,
		instanceId: instanceId === '' ? undefined : instanceId,
		request,
		download,
		fail(failure) {
			throw new ProviderError(withHint(failure));
		},
		forInstance(id) {
			return id
				? createTransport(ctx, adapter, credentialType, credentials, options, id)
				: transport;
		},
	};
	return transport;
}
