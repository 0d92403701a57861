// The WhatsApp Gateway action node: one node for four WhatsApp APIs. This file only describes the
// parameters; execute/ dispatches to the provider adapters (nodes/providers).
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	apiKeyNotice,
	authenticationProperty,
	crispWebhookNotice,
	providerProperty,
	selectorProperties,
} from './descriptions/common';
import { contactProperties } from './descriptions/contact';
import { instanceProperties } from './descriptions/instance';
import { messageProperties } from './descriptions/message';
import { optionsProperty } from './descriptions/options';
import { executeGateway } from './execute';
import { searchInstances } from '../shared/instanceLocator';
import { getTemplateLanguages, getTemplates } from './methods/loadOptions';

export class WhatsAppGateway implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Gateway',
		name: 'whatsAppGateway',
		icon: {
			light: 'file:../../icons/whatsappGateway.svg',
			dark: 'file:../../icons/whatsappGateway.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ({ waapi: "WaAPI", onPremises: "On-Premises", wsapi: "WSAPI", crisp: "Crisp" })[$parameter["provider"]] + ": " + $parameter["resource"] + " · " + $parameter["operation"] }}',
		description:
			'Send WhatsApp messages, check numbers and manage instances through WaAPI, WhatsApp Business On-Premises, WSAPI or Crisp',
		defaults: { name: 'WhatsApp Gateway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'waApiApi', required: true, displayOptions: { show: { provider: ['waapi'] } } },
			{
				name: 'whatsAppOnPremisesApi',
				required: true,
				displayOptions: { show: { provider: ['onPremises'], authentication: ['login'] } },
			},
			{
				name: 'whatsAppOnPremisesApiKeyApi',
				required: true,
				displayOptions: { show: { provider: ['onPremises'], authentication: ['apiKey'] } },
			},
			{ name: 'wsApiApi', required: true, displayOptions: { show: { provider: ['wsapi'] } } },
			{
				name: 'crispWhatsAppApi',
				required: true,
				displayOptions: { show: { provider: ['crisp'] } },
			},
		],
		properties: [
			providerProperty,
			authenticationProperty,
			apiKeyNotice,
			crispWebhookNotice,
			...selectorProperties,
			...instanceProperties,
			...messageProperties,
			...contactProperties,
			optionsProperty,
		],
	};

	methods = {
		listSearch: { searchInstances },
		loadOptions: { getTemplates, getTemplateLanguages },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeGateway.call(this);
	}
}
