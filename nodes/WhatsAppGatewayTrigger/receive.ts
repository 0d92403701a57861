// One incoming call: authenticate (WSAPI signature, or the `token` query parameter), parse with the
// provider's zod schemas, normalise, filter (selected events, own messages, repeats) and start one run
// with one item per event. Refusals are answered here: 401 unauthenticated, 400 unreadable.
import type {
	GenericValue,
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { adapterFor } from '../providers';
import { dropSeen } from '../shared/dedupe';
import type { GatewayEvent, ProviderId } from '../shared/types';
import { tokenMatches, verifyHmacSignature } from '../shared/webhookAuth';
import {
	optionsOf,
	providerOf,
	readRegistration,
	selectedEvents,
	webhookTokenOf,
} from './settings';

function refuse(ctx: IWebhookFunctions, status: 400 | 401, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json({ code: status, message });
	return { noWebhookResponse: true };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The secrets a WSAPI signature may be made with: the credential's, and the one the trigger registered. */
async function wsapiSecrets(ctx: IWebhookFunctions, staticData: IDataObject): Promise<string[]> {
	const secrets = [readRegistration(staticData)?.signingSecret ?? ''];
	try {
		const credentials = await ctx.getCredentials('wsApiApi');
		secrets.push(text(credentials.webhookSigningSecret));
	} catch (error) {
		// Without a credential only a secret the trigger registered itself can authenticate the call.
		ctx.logger.debug(
			'WhatsApp Gateway Trigger: no WSAPI credential to read a signing secret from',
			{
				reason: error instanceof Error ? error.message : String(error),
			},
		);
	}
	return secrets.filter((s) => s !== '');
}

async function authenticated(
	ctx: IWebhookFunctions,
	provider: ProviderId,
	staticData: IDataObject,
): Promise<boolean> {
	const req = ctx.getRequestObject();
	if (provider === 'wsapi') {
		const signature = req.headers['x-webhook-signature'];
		const secrets = await wsapiSecrets(ctx, staticData);
		return secrets.some((secret) => verifyHmacSignature(req.rawBody, signature, secret));
	}
	const expected =
		provider === 'crisp' ? webhookTokenOf(ctx) : (readRegistration(staticData)?.token ?? '');
	const query = ctx.getQueryData();
	return tokenMatches(
		query !== null && typeof query === 'object' && 'token' in query ? query.token : undefined,
		expected,
	);
}

/** The JSON the provider sent: n8n's parsed body, or the raw bytes when n8n did not parse them (not sent as JSON). */
function bodyOf(ctx: IWebhookFunctions): { ok: true; value: unknown } | { ok: false } {
	const parsed: unknown = ctx.getBodyData();
	const raw: unknown = ctx.getRequestObject().rawBody;
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
	const { raw, ...fields } = event;
	const json: IDataObject = { ...fields };
	if (keepRaw || event.event === 'other') json.raw = jsonValue(raw);
	return { json };
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const provider = providerOf(this);
	const staticData = this.getWorkflowStaticData('node');

	if (!(await authenticated(this, provider, staticData))) {
		const what = provider === 'wsapi' ? 'X-Webhook-Signature' : 'token';
		// Never the secret or the given value: only that it did not match.
		this.logger.warn(
			`WhatsApp Gateway Trigger: refused a ${provider} call with a missing or wrong ${what}`,
			{
				node: this.getNode().name,
			},
		);
		return refuse(this, 401, `Unauthorized: missing or wrong ${what}`);
	}

	const body = bodyOf(this);
	if (!body.ok) return refuse(this, 400, 'The body is not valid JSON');
	const parsed = adapterFor(provider).parseWebhook({
		body: body.value,
		headers: this.getHeaderData(),
	});
	if (!parsed.ok) return refuse(this, 400, `Bad request: ${parsed.problem}`);

	const options = optionsOf(this);
	const wanted = new Set(selectedEvents(this));
	let events = parsed.events.filter((e) => wanted.has(e.event));
	if (options.ignoreOwnMessages) events = events.filter((e) => !isOwnMessage(e));
	if (options.deduplicate) {
		const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
		events = dropSeen(staticData, events, options.dedupeWindowMinutes, Date.now(), scope);
	}

	if (events.length === 0) {
		// Acknowledged (the provider must not retry) without a run: nothing the user asked for.
		return { webhookResponse: { received: true, emitted: 0 } };
	}
	return { workflowData: [events.map((e) => toItem(e, options.includeRaw))] };
}
