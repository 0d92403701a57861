// The WhatsApp Gateway action node: one node for every provider in nodes/providers. This file only
// assembles the description generated from the adapters; execute/ dispatches to them.
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ADAPTERS } from '../providers';
import { actionCredentials } from '../shared/credentialEntries';
import { searchInstances } from '../shared/instanceLocator';
import { fieldProperties } from './descriptions/fields';
import { selectorProperties } from './descriptions/menus';
import { optionsProperty } from './descriptions/options';
import {
	authenticationProperties,
	noticeProperties,
	providerProperty,
} from './descriptions/provider';
import { subtitle } from './descriptions/subtitle';
import { executeGateway } from './execute';
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
		subtitle,
		description: `Send WhatsApp messages, check numbers and manage instances through ${ADAPTERS.map((a) => a.displayName).join(', ')}`,
		defaults: { name: 'WhatsApp Gateway' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: actionCredentials(),
		properties: [
			providerProperty,
			...authenticationProperties,
			...noticeProperties,
			...selectorProperties,
			...fieldProperties,
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
