// Activation and deactivation (webhookMethods.default): register this workflow's URL at the provider the
// way its adapter declares (never silently taking over another webhook), and remove it again afterwards.
// Manual setups register nothing but refuse to activate when calls could not be authenticated.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { ProviderAdapter, WebhookRegistrar } from '../shared/adapter';
import { SetupError, toNodeError } from '../shared/errors';
import { openTriggerProvider } from '../shared/providerContext';
import { createTransport } from '../shared/transport';
import type { Transport } from '../shared/types';
import { derivedToken, generateSecret } from '../shared/webhookAuth';
import {
	clearRegistration,
	instanceIdOf,
	optionsOf,
	paramOf,
	readRegistration,
	selectedEvents,
	webhookTokenOf,
	writeRegistration,
} from './settings';

type Setup =
	| { automatic: false; adapter: ProviderAdapter; credentials: IDataObject | null }
	| {
			automatic: true;
			adapter: ProviderAdapter;
			credentials: IDataObject;
			registrar: WebhookRegistrar;
			t: Transport;
			instanceId: string;
	  };

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** The secret a signature is checked with: the credential's field the adapter names. */
export function credentialSecret(
	adapter: ProviderAdapter,
	credentials: IDataObject | null,
): string {
	const { auth } = adapter.trigger;
	return auth.kind === 'signature' ? text(credentials?.[auth.secretField]).trim() : '';
}

/** The verify token automatic setup registers for a GET handshake: derived, so nothing has to be stored. */
export function registeredVerifyToken(
	ctx: { getWorkflow(): { id?: string }; getNode(): { id: string } },
	secret: string,
): string {
	return derivedToken(secret, `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`);
}

async function open(ctx: IHookFunctions): Promise<Setup> {
	const read = paramOf(ctx);
	const { adapter, credentialType, credentials } = await openTriggerProvider(ctx, read);
	const { registrar, automatic } = adapter.trigger;
	if (
		!registrar ||
		!credentials ||
		!credentialType ||
		(automatic && !automatic(credentials, read))
	) {
		return { automatic: false, adapter, credentials };
	}
	let instanceId = instanceIdOf(ctx, adapter);
	if (instanceId === '') instanceId = adapter.defaultInstanceId?.(credentials) ?? '';
	if (instanceId === '' && adapter.trigger.instance?.required) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose the ${adapter.displayName} instance whose events should start the workflow`,
			{ description: 'Set the parameter Instance (from the list or by ID).' },
		);
	}
	const t = createTransport(ctx, adapter, credentialType, credentials, undefined, instanceId);
	return { automatic: true, adapter, credentials, registrar, t, instanceId };
}

/** Refuses what cannot work: a signature without a secret, a manual setup without its token. */
function checkAuthenticable(ctx: IHookFunctions, setup: Setup): void {
	const { adapter, credentials } = setup;
	const { auth, manualProblem, manualToken } = adapter.trigger;
	if (!setup.automatic) {
		const problem = manualProblem?.(credentials);
		if (problem) throw new SetupError(problem.message, problem.description);
		if (manualToken && webhookTokenOf(ctx).trim() === '') {
			throw new SetupError(
				`Set a Webhook Token: ${adapter.displayName} calls are authenticated by it`,
				manualToken.description,
			);
		}
	}
	const generates = setup.automatic && auth.kind === 'signature' && auth.generate;
	if (auth.kind === 'signature' && !generates && credentialSecret(adapter, credentials) === '') {
		throw new SetupError(
			`${adapter.displayName} calls cannot be authenticated: the credential has no ${auth.secretName}`,
			`Set the ${auth.secretName} in the ${adapter.displayName} credential: the trigger checks every call's signature with it, and refuses calls it cannot check.`,
		);
	}
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const setup = await open(this);
	if (!setup.automatic) return false;
	const registration = readRegistration(this.getWorkflowStaticData('node'));
	if (!registration || registration.instanceId !== setup.instanceId) return false;
	try {
		return await setup.registrar.isRegistered(setup.t, registration);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

export async function create(this: IHookFunctions): Promise<boolean> {
	try {
		const setup = await open(this);
		checkAuthenticable(this, setup);
		if (!setup.automatic) return true;
		const { adapter, registrar, t, instanceId, credentials } = setup;
		const staticData = this.getWorkflowStaticData('node');
		const webhookUrl = this.getNodeWebhookUrl('default');
		if (!webhookUrl)
			throw new SetupError(
				'n8n gave no webhook URL for this trigger',
				'Save the workflow and activate it again.',
			);
		const { auth } = adapter.trigger;

		let token: string | null = null;
		let signingSecret: string | null = null;
		let url = webhookUrl;
		if (auth.kind === 'token') {
			token = generateSecret();
			url = `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}token=${token}`;
		} else if (auth.generate && credentialSecret(adapter, credentials) === '') {
			signingSecret = generateSecret();
		}
		const secret = credentialSecret(adapter, credentials);
		const earlier = readRegistration(staticData);
		const registered = await registrar.register(t, {
			instanceId,
			webhookUrl,
			url,
			events: selectedEvents(this),
			overwrite: optionsOf(this).overwriteExistingWebhook,
			...(auth.kind === 'signature' && auth.generate
				? { signingSecret: secret || signingSecret }
				: {}),
			...(adapter.trigger.handshake ? { verifyToken: registeredVerifyToken(this, secret) } : {}),
			...(earlier && earlier.instanceId === instanceId ? { earlier } : {}),
		});
		for (const note of registered.notes) {
			this.logger.info(`WhatsApp Gateway Trigger (${adapter.displayName}): ${note}`, {
				node: this.getNode().name,
			});
		}
		writeRegistration(staticData, {
			url,
			instanceId,
			token,
			signingSecret,
			state: registered.state,
		});
		return true;
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = readRegistration(staticData);
	const setup = await open(this);
	if (setup.automatic && registration) {
		let outcome;
		try {
			outcome = await setup.registrar.unregister(setup.t, registration);
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
		for (const warning of outcome?.warnings ?? []) {
			this.logger.warn(`WhatsApp Gateway Trigger (${setup.adapter.displayName}): ${warning}`, {
				node: this.getNode().name,
			});
		}
	}
	clearRegistration(staticData);
	return true;
}
