// The Provider selector both nodes start with, generated from the registry.
import type { INodeProperties } from 'n8n-workflow';

import { ADAPTERS, DEFAULT_PROVIDER } from '../providers';

export const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: [...ADAPTERS]
		.sort((a, b) => a.displayName.localeCompare(b.displayName))
		.map((a) => ({ name: a.displayName, value: a.id, description: a.description })),
	default: DEFAULT_PROVIDER,
	description:
		'Which WhatsApp API to use. Inputs and outputs have the same shape for every provider.',
};
