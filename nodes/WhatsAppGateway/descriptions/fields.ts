// The operations' fields. Fields every provider shares are shown by resource and operation; the Instance
// locator, the template fields and anything a provider alone takes follow the adapters' declarations.
import type { INodeProperties } from 'n8n-workflow';

import { ADAPTERS } from '../../providers';
import { forProvider, showFor, withShow } from '../../shared/displayScope';
import { instanceLocator } from '../../shared/instanceLocator';
import type { OperationKey } from '../../shared/operations';
import { offersOf } from './menus';
import { richProperties } from './richFields';

const providersOffering = (key: OperationKey) =>
	ADAPTERS.filter((a) => offersOf(a).includes(key)).map((a) => a.id);

const instanceProperties: INodeProperties[] = ADAPTERS.flatMap((a) =>
	a.instance
		? [
				forProvider(
					instanceLocator({
						description: a.instance.description,
						required: a.instance.required,
						show: showFor(a.instance.operations),
					}),
					[a.id],
				),
			]
		: [],
);

const shared: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. +49 151 2345678, +1 (516) 283-7151',
		description:
			'The phone numbers to check, with country code, separated by commas, semicolons or new lines (or an array); the numbers of every input item are checked in one bulk run, one output item per number',
		displayOptions: { show: showFor(['contact.check']) },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +49 151 2345678',
		description:
			'The recipient: a phone number with country code in any common writing (+49 151 234-5678, 0049…, 49151…), a chat ID (…@c.us, …@s.whatsapp.net), a group ID (…@g.us) or a user ID without a number (…@lid); a national number (leading 0) takes the Default Country Code option',
		displayOptions: { show: { resource: ['message'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'The text to send; on the official APIs free text reaches a user only within 24 hours of their last message (else send a template)',
		displayOptions: { show: showFor(['message.sendText', 'message.sendInteractive']) },
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/…',
		description: 'The URL the provider is to post its events to (empty removes the webhook)',
		displayOptions: { show: showFor(['instance.updateWebhook']) },
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The ID of the file in a message the WhatsApp Gateway Trigger received (the ID in its media object)',
		displayOptions: { show: showFor(['media.download']) },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		description:
			'The binary field of the output item that gets the file (n8n names it `data` by default)',
		displayOptions: { show: showFor(['media.download']) },
	},
];

// Providers that can list their templates get pickers; the others take the name and language as text.
const sendTemplate = providersOffering('message.sendTemplate');
const picking = sendTemplate.filter((id) => ADAPTERS.find((a) => a.id === id)?.listTemplates);
const typing = sendTemplate.filter((id) => !picking.includes(id));
const templateShow = showFor(['message.sendTemplate']);

const templateProperties: INodeProperties[] = [
	...(picking.length
		? [
				{
					displayName: 'Template Name or ID',
					name: 'templateName',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getTemplates' },
					default: '',
					required: true,
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Template Language Name or ID',
					name: 'templateLanguage',
					type: 'options',
					typeOptions: {
						loadOptionsMethod: 'getTemplateLanguages',
						loadOptionsDependsOn: ['templateName'],
					},
					default: '',
					required: true,
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			].map((p) => withShow(forProvider(p as INodeProperties, picking), templateShow))
		: []),
	...(typing.length
		? [
				{
					displayName: 'Template Name',
					name: 'templateName',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. purchase_with_credit_card',
					description: 'The name of the approved template',
				},
				{
					displayName: 'Template Language',
					name: 'templateLanguage',
					type: 'string',
					default: 'en_US',
					required: true,
					description: 'The language code the template was approved in, e.g. en_US',
				},
			].map((p) => withShow(forProvider(p as INodeProperties, typing), templateShow))
		: []),
];

/** What only one provider takes, shown for it alone. */
const providerProperties: INodeProperties[] = ADAPTERS.flatMap((a) =>
	(a.properties ?? []).map((p) => forProvider(p, [a.id])),
);

const bodyParameters: INodeProperties = {
	displayName: 'Body Parameters',
	name: 'bodyParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	placeholder: 'Add Parameter',
	description: 'Values for the placeholders {{1}}, {{2}}, … of the template body, in order',
	displayOptions: { show: templateShow },
	options: [
		{
			displayName: 'Parameter',
			name: 'parameters',
			values: [
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					default: '',
					description: 'The value of this placeholder',
				},
			],
		},
	],
};

export const fieldProperties: INodeProperties[] = [
	...instanceProperties,
	...shared,
	...templateProperties,
	...providerProperties,
	bodyParameters,
	...richProperties,
];
