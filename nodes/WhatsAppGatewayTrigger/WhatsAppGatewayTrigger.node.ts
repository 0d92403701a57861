// WhatsApp Gateway Trigger: provider webhooks and callbacks (WaAPI, On-Premises, WSAPI, Crisp) as
// normalised, authenticated, optionally de-duplicated events. Provider specifics live in the adapters.
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { searchInstances } from '../shared/instanceLocator';
import { receive } from './receive';

export class WhatsAppGatewayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Gateway Trigger',
		name: 'whatsAppGatewayTrigger',
		icon: {
			light: 'file:../../icons/whatsappGateway.svg',
			dark: 'file:../../icons/whatsappGateway.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["provider"] + ": " + $parameter["events"].join(", ")}}',
		description:
			'Starts the workflow on WhatsApp messages, statuses and callbacks from WaAPI, On-Premises, WSAPI or Crisp',
		defaults: { name: 'WhatsApp Gateway Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'waApiApi', required: true, displayOptions: { show: { provider: ['waapi'] } } },
			{
				name: 'whatsAppOnPremisesApi',
				required: true,
				displayOptions: { show: { provider: ['onPremises'] } },
			},
			{ name: 'wsApiApi', required: true, displayOptions: { show: { provider: ['wsapi'] } } },
		],
		webhooks: [
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

	methods = { listSearch: { searchInstances } };

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
