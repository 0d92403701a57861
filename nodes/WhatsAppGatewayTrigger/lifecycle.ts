// Activation and deactivation (webhookMethods.default): register this workflow's URL at the provider,
// never silently taking over another webhook, and put the previous configuration back afterwards.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INode } from 'n8n-workflow';

import { adapterFor } from '../providers';
import { ProviderError, providerName, toNodeApiError } from '../shared/errors';
import { createTransport } from '../shared/transport';
import type { ProviderId, Transport, WebhookConfigApi } from '../shared/types';
import { generateSecret } from '../shared/webhookAuth';
import {
	clearRegistration,
	instanceIdOf,
	optionsOf,
	providerOf,
	readRegistration,
	selectedEvents,
	webhookTokenOf,
	writeRegistration,
} from './settings';
import type { Registration } from './settings';

interface ApiSetup {
	provider: ProviderId;
	config: WebhookConfigApi;
	t: Transport;
	instanceId: string;
	/** WSAPI: the secret from the credential, if it has one. */
	credentialSecret: string;
}

type Setup =
	| { manual: true; provider: ProviderId; credentials: IDataObject | null }
	| ({ manual: false } & ApiSetup);

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** The URL without its query: what the error may show (another workflow's token must not leak) and compare. */
export function withoutQuery(url: string): string {
	const cut = url.search(/[?#]/);
	return cut === -1 ? url : url.slice(0, cut);
}

async function open(ctx: IHookFunctions): Promise<Setup> {
	const provider = providerOf(ctx);
	const adapter = adapterFor(provider);
	if (provider === 'crisp' || !adapter.webhookConfig)
		return { manual: true, provider, credentials: null };
	const credentialType = adapter.credentialTypes[0];
	const credentials = await ctx.getCredentials(credentialType);
	// WSAPI's settings need the account (customer or admin) key; without it the user registers by hand.
	if (provider === 'wsapi' && text(credentials.accountApiKey).trim() === '') {
		return { manual: true, provider, credentials };
	}
	let instanceId = instanceIdOf(ctx, provider);
	if (provider === 'wsapi' && instanceId === '') instanceId = text(credentials.instanceId).trim();
	if (provider === 'waapi' && instanceId === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Choose the WaAPI instance whose events should start the workflow',
			{
				description: 'Set the parameter Instance (from the list or by ID).',
			},
		);
	}
	const transport = createTransport(
		ctx,
		adapter,
		credentialType,
		credentials,
		undefined,
		instanceId,
	);
	return {
		manual: false,
		provider,
		config: adapter.webhookConfig,
		t: transport,
		instanceId,
		credentialSecret: text(credentials.webhookSigningSecret),
	};
}

function nodeError(node: INode, error: unknown): Error {
	if (error instanceof ProviderError) return toNodeApiError(node, error.failure);
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error));
}

/** Manual setup (Crisp; WSAPI without an account key): nothing to register, but refuse what cannot work. */
function checkManualSetup(ctx: IHookFunctions, setup: Extract<Setup, { manual: true }>): void {
	if (setup.provider === 'crisp' && webhookTokenOf(ctx).trim() === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Set a Webhook Token: Crisp calls are authenticated by it',
			{
				description:
					'Choose a long random value and paste the Production URL with ?token=<that value> in Crisp.',
			},
		);
	}
	if (setup.provider === 'wsapi' && text(setup.credentials?.webhookSigningSecret).trim() === '') {
		throw new NodeOperationError(
			ctx.getNode(),
			'WSAPI calls cannot be authenticated: the credential has neither a Webhook Signing Secret nor an Account API Key',
			{
				description:
					'Set a Webhook Signing Secret in the WSAPI credential and the same secret with the Production URL in the WSAPI dashboard, or add the Account API Key so the trigger registers itself.',
			},
		);
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const setup = await open(this);
	if (setup.manual) return false;
	const registration = readRegistration(this.getWorkflowStaticData('node'));
	if (!registration || registration.instanceId !== setup.instanceId) return false;
	try {
		const current = await setup.config.read(setup.t, setup.instanceId);
		return current.url === registration.url;
	} catch (error) {
		throw nodeError(this.getNode(), error);
	}
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const setup = await open(this);
	if (setup.manual) {
		checkManualSetup(this, setup);
		return true;
	}
	const { provider, config, t, instanceId } = setup;
	const staticData = this.getWorkflowStaticData('node');
	const baseUrl = this.getNodeWebhookUrl('default');
	if (!baseUrl)
		throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this trigger');
	const options = optionsOf(this);
	const earlier = readRegistration(staticData);
	try {
		const current = await config.read(t, instanceId);
		const pointsHere = current.url !== null && withoutQuery(current.url) === withoutQuery(baseUrl);
		if (current.url !== null && !pointsHere && !options.overwriteExistingWebhook) {
			const where = instanceId ? ` instance ${instanceId}` : '';
			throw new NodeOperationError(
				this.getNode(),
				`The ${providerName(provider)}${where} already sends its webhooks to ${withoutQuery(current.url)}`,
				{
					description:
						'Another workflow or system receives these events. Point it elsewhere first, or turn on the option Overwrite Existing Webhook (the previous URL is put back on deactivation).',
				},
			);
		}
		// A URL that is already ours (e.g. a previous activation that never got deactivated) is not worth restoring.
		const previous: Registration['previous'] = pointsHere
			? (earlier?.previous ?? null)
			: { url: current.url, events: current.events, signingSecret: current.signingSecret ?? null };

		let token: string | null = null;
		let signingSecret: string | null = null;
		let url = baseUrl;
		if (provider === 'wsapi') {
			if (setup.credentialSecret === '') signingSecret = generateSecret();
		} else {
			token = generateSecret();
			url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}token=${token}`;
		}
		await config.write(t, instanceId, {
			url,
			events: config.providerEventsFor(selectedEvents(this)),
			...(provider === 'wsapi' ? { signingSecret: setup.credentialSecret || signingSecret } : {}),
		});
		writeRegistration(staticData, { url, instanceId, token, signingSecret, previous });
		return true;
	} catch (error) {
		throw nodeError(this.getNode(), error);
	}
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	const setup = await open(this);
	if (setup.manual || !registration) {
		clearRegistration(staticData);
		return true;
	}
	try {
		const current = await setup.config.read(setup.t, registration.instanceId);
		// Someone pointed the instance elsewhere since: that is theirs now, leave it.
		if (current.url === registration.url) {
			const previous = registration.previous;
			await setup.config.write(setup.t, registration.instanceId, {
				url: previous?.url ?? null,
				events: previous?.events ?? [],
				...(setup.provider === 'wsapi' ? { signingSecret: previous?.signingSecret ?? null } : {}),
			});
		}
	} catch (error) {
		throw nodeError(this.getNode(), error);
	}
	clearRegistration(staticData);
	return true;
}
