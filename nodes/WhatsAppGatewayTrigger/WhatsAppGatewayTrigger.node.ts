// WhatsApp Gateway Trigger: provider webhooks and callbacks as normalised, authenticated, optionally
// de-duplicated events, for every provider in nodes/providers. Provider specifics live in the adapters.
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ADAPTERS } from '../providers';
import { triggerCredentials } from '../shared/credentialEntries';
import { searchTriggerInstances } from '../shared/instanceLocator';
import { EVENT_OPTIONS, triggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

const eventNames = Object.fromEntries(
	Object.values(EVENT_OPTIONS).map((o) => [
		o.value,
		o.name.charAt(0) + o.name.slice(1).toLowerCase(),
	]),
);
const providerNames = Object.fromEntries(ADAPTERS.map((a) => [a.id, a.displayName]));

export class WhatsAppGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Gateway Trigger',
		name: 'whatsAppGatewayTrigger',
		icon: {
			light: 'file:../../icons/whatsappGateway.svg',
			dark: 'file:../../icons/whatsappGateway.dark.svg',
		},
		group: ['trigger'],
		// 1.1: n8n evaluates no expression of its own on every call (it does for typeVersion 1) and leaves
		// bodies of content types it does not know unread (the trigger reads the exact bytes itself).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// "Message received, Message status · WaAPI"
		subtitle: `={{ ($parameter["events"] || []).map(e => (${JSON.stringify(eventNames)})[e] || e).join(", ") + " · " + (${JSON.stringify(providerNames)})[$parameter["provider"]] }}`,
		description: `Starts the workflow on WhatsApp messages, statuses and callbacks from ${ADAPTERS.map((a) => a.displayName).join(', ')}`,
		defaults: { name: 'WhatsApp Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: [
			// A provider that verifies URLs with a GET must reach it while the POST webhook is being
			// registered, so it comes first.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			// Providers need only a 2xx. Left unset, n8n 2.41 answers the literal text "firstEntryJson".
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchInstances: searchTriggerInstances } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
