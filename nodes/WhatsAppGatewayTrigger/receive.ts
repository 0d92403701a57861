// One incoming call: a GET handshake where the provider verifies URLs, else authenticate (signature or
// the `token` query parameter, as the adapter declares), parse with the provider's zod schemas,
// normalise, filter (selected events, own instance, own messages, repeats) and start one run with one
// item per event (with its file, under Download Media). Refusals are answered here: 401 unauthenticated,
// 400 unreadable, 403 a wrong verify token.
import type {
	GenericValue,
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { ProviderAdapter } from '../shared/adapter';
import { dropSeen, itemDedupeKey } from '../shared/dedupe';
import { openTriggerProvider } from '../shared/providerContext';
import type { GatewayEvent } from '../shared/types';
import { tokenMatches, verifyHmacSignature } from '../shared/webhookAuth';
import { credentialSecret, registeredVerifyToken } from './lifecycle';
import { itemsWithMedia } from './media';
import {
	adapterOfTrigger,
	instanceIdOf,
	optionsOf,
	paramOf,
	readRegistration,
	selectedEvents,
	webhookTokenOf,
} from './settings';

function refuse(
	ctx: IWebhookFunctions,
	status: 400 | 401 | 403 | 404,
	message: string,
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json({ code: status, message });
	return { noWebhookResponse: true };
}

function firstValue(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstValue(value[0]);
	return typeof value === 'string' ? value : undefined;
}

async function credentialsOf(ctx: IWebhookFunctions, adapter: ProviderAdapter) {
	try {
		return (await openTriggerProvider(ctx, paramOf(ctx))).credentials;
	} catch (error) {
		// Without a credential only what the trigger registered itself can authenticate the call.
		ctx.logger.debug(`WhatsApp Gateway Trigger: no ${adapter.displayName} credential to read`, {
			reason: error instanceof Error ? error.message : String(error),
		});
		return null;
	}
}

/**
 * The exact bytes the provider sent. From typeVersion 1.1 n8n reads and parses only the content types it
 * knows, so the body may still be unread: n8n's request then reads it on demand (`readRawBody`).
 */
async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const req = ctx.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
		rawBody?: Buffer;
		readRawBody?: () => Promise<void>;
	};
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function')
		await req.readRawBody();
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

async function authenticated(
	ctx: IWebhookFunctions,
	adapter: ProviderAdapter,
	staticData: IDataObject,
	rawBody: Buffer | undefined,
): Promise<boolean> {
	const { auth } = adapter.trigger;
	const registration = readRegistration(staticData);
	if (auth.kind === 'signature') {
		const req = ctx.getRequestObject();
		const signature = req.headers[auth.header.toLowerCase()];
		const secrets = [
			registration?.signingSecret ?? '',
			credentialSecret(adapter, await credentialsOf(ctx, adapter)),
		].filter((s) => s !== '');
		return secrets.some((secret) => verifyHmacSignature(rawBody, signature, secret));
	}
	const expected = adapter.trigger.manualToken ? webhookTokenOf(ctx) : (registration?.token ?? '');
	const query: unknown = ctx.getQueryData();
	const given =
		query !== null && typeof query === 'object' && 'token' in query ? query.token : undefined;
	return tokenMatches(given, expected);
}

/** The provider's GET verification: answer the challenge for our verify token, 403 for any other. */
async function handshake(
	ctx: IWebhookFunctions,
	adapter: ProviderAdapter,
): Promise<IWebhookResponseData> {
	const query = ctx.getQueryData() as IDataObject;
	const mode = firstValue(query['hub.mode']);
	const token = firstValue(query['hub.verify_token']);
	const challenge = firstValue(query['hub.challenge']) ?? '';
	const secret = credentialSecret(adapter, await credentialsOf(ctx, adapter));
	const accepted = [webhookTokenOf(ctx), secret ? registeredVerifyToken(ctx, secret) : ''].filter(
		(t) => t !== '',
	);
	if (mode !== 'subscribe' || !accepted.some((expected) => tokenMatches(token, expected))) {
		ctx.logger.warn(
			`WhatsApp Gateway Trigger: refused a ${adapter.displayName} verification with a missing or wrong verify token`,
			{ node: ctx.getNode().name },
		);
		return refuse(ctx, 403, 'Forbidden: wrong verify token');
	}
	const res = ctx.getResponseObject();
	res.status(200).type('text/plain').send(challenge);
	return { noWebhookResponse: true };
}

/** The JSON the provider sent: n8n's parsed body, or the raw bytes when n8n did not parse them (not sent as JSON). */
function bodyOf(
	ctx: IWebhookFunctions,
	raw: Buffer | undefined,
): { ok: true; value: unknown } | { ok: false } {
	const parsed: unknown = ctx.getBodyData();
	const parsedSomething =
		parsed !== null &&
		typeof parsed === 'object' &&
		!Buffer.isBuffer(parsed) &&
		Object.keys(parsed).length > 0;
	if (parsedSomething) return { ok: true, value: parsed };
	const source =
		typeof parsed === 'string' ? parsed : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
	if (source.trim() === '') return { ok: true, value: parsed ?? null };
	try {
		return { ok: true, value: JSON.parse(source) };
	} catch {
		return { ok: false };
	}
}

function isOwnMessage(event: GatewayEvent): boolean {
	return (
		event.fromMe === true && (event.event === 'message.received' || event.event === 'message.sent')
	);
}

function jsonValue(value: unknown): GenericValue {
	if (value === null || typeof value === 'object') return value;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
		return value;
	return null;
}

function toItem(event: GatewayEvent, keepRaw: boolean): INodeExecutionData {
	const { raw, keepRaw: always, ...fields } = event;
	const json: IDataObject = { ...fields, dedupeKey: itemDedupeKey(event) };
	if (keepRaw || always || event.event === 'other') json.raw = jsonValue(raw);
	return { json };
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const adapter = adapterOfTrigger(this);
	if (this.getWebhookName() !== 'default') {
		if (!adapter.trigger.handshake) return refuse(this, 404, 'Not found');
		return await handshake(this, adapter);
	}
	const staticData = this.getWorkflowStaticData('node');
	const rawBody = await rawBodyOf(this);

	if (!(await authenticated(this, adapter, staticData, rawBody))) {
		const { auth } = adapter.trigger;
		const what = auth.kind === 'signature' ? auth.header : 'token';
		// Never the secret or the given value: only that it did not match.
		this.logger.warn(
			`WhatsApp Gateway Trigger: refused a ${adapter.displayName} call with a missing or wrong ${what}`,
			{ node: this.getNode().name },
		);
		return refuse(this, 401, `Unauthorized: missing or wrong ${what}`);
	}

	const body = bodyOf(this, rawBody);
	if (!body.ok) return refuse(this, 400, 'The body is not valid JSON');
	const parsed = adapter.parseWebhook({ body: body.value, headers: this.getHeaderData() });
	if (!parsed.ok) return refuse(this, 400, `Bad request: ${parsed.problem}`);

	const options = optionsOf(this);
	const wanted = new Set(selectedEvents(this));
	let events = parsed.events.filter((e) => wanted.has(e.event));
	if (adapter.trigger.onlyOwnInstance) {
		const own = instanceIdOf(this, adapter);
		if (own) events = events.filter((e) => e.instanceId === null || e.instanceId === own);
	}
	if (options.ignoreOwnMessages) events = events.filter((e) => !isOwnMessage(e));
	if (options.deduplicate) {
		const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
		events = dropSeen(staticData, events, options.dedupeWindowMinutes, Date.now(), scope);
	}

	if (events.length === 0) {
		// Acknowledged (the provider must not retry) without a run: nothing the user asked for.
		return { webhookResponse: { received: true, emitted: 0 } };
	}
	const item = (e: GatewayEvent) => toItem(e, options.includeRaw);
	if (!options.downloadMedia || !adapter.media || !events.some((e) => e.media)) {
		return { workflowData: [events.map(item)] };
	}
	// Files can take longer than a provider waits: it is answered now, and the run starts with the files.
	this.getResponseObject().status(200).json({ received: true, emitted: events.length });
	const items = await itemsWithMedia(this, adapter, events, item, options.maxMediaSizeMb);
	return { noWebhookResponse: true, workflowData: [items] };
}
