// The `options` collection; names are the contract, read by nodes/shared/options.ts (whose
// OPTION_DEFAULTS must match the literal defaults here: a test checks it). Options only one provider has
// come from its adapter and are shown for it alone.
import type { INodeProperties } from 'n8n-workflow';

import { ADAPTERS } from '../../providers';
import { forProvider } from '../../shared/displayScope';

const sharedOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'Speed limits, retries, how numbers are read, and what the output includes',
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Numbers per request where the provider has a batch endpoint; 0 uses the provider's default. Capped at what the provider accepts (one number a request where it has no batch endpoint).",
			displayOptions: { show: { '/resource': ['contact'] } },
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 5,
			description: 'At most this many requests in flight at once during a contact check',
			displayOptions: { show: { '/resource': ['contact'] } },
		},
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 49',
			description:
				'Country code for national numbers written with a leading 0 (0151 2345678 → 491512345678). Without it such numbers are refused.',
			displayOptions: { show: { '/resource': ['contact', 'message'] } },
		},
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: "Whether to add the provider's own answer for each item as `raw`",
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				"The node never starts more requests than this in any one second (retries included). Set it to the provider's limit.",
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 3,
			description:
				'How often a request is retried after 429, 503 (honouring Retry-After) or a network error, with exponential backoff',
		},
		{
			displayName: 'Retry Sends That May Duplicate',
			name: 'retryPossibleDuplicates',
			type: 'boolean',
			default: false,
			description:
				'Whether to retry a send after a timeout or server error too. The message may then arrive twice; without this only sends the provider surely refused (429) are retried.',
			displayOptions: { show: { '/resource': ['message'] } },
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: 30000,
			description: 'Milliseconds to wait for each answer before the request counts as failed',
		},
	],
};

const typing = ADAPTERS.filter((a) => a.typingIndicator && a.markRead).map((a) => a.id);

/** Shown for Mark as Read where the provider has a typing indicator. */
const showTypingOption: INodeProperties[] = typing.length
	? [
			forProvider(
				{
					displayName: 'Show Typing',
					name: 'showTyping',
					type: 'boolean',
					default: false,
					description:
						'Whether to show "typing…" in the chat after marking the message read, while the workflow prepares the answer (WhatsApp hides it when the answer arrives or after about 25 seconds)',
					displayOptions: { show: { '/operation': ['markRead'] } },
				},
				typing,
				true,
			),
		]
	: [];

const providerOptions = [
	...ADAPTERS.flatMap((a) => (a.options ?? []).map((o) => forProvider(o, [a.id], true))),
	...showTypingOption,
];

export const optionsProperty: INodeProperties = {
	...sharedOptions,
	options: [...(sharedOptions.options as INodeProperties[]), ...providerOptions].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	),
};
