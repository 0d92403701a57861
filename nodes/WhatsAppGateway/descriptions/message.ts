// Fields of the message operations.
import type { INodeProperties } from 'n8n-workflow';

export const messageProperties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +49 151 2345678',
		description:
			'The recipient: a phone number with country code in any common writing (+49 151 234-5678, 0049…, 49151…), a chat ID (…@c.us, …@s.whatsapp.net), or a group ID (…@g.us). A national number (leading 0) takes the Default Country Code option.',
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
			'The message text. Free text reaches a user only within 24 hours of their last message on the official APIs.',
		displayOptions: { show: { resource: ['message'], operation: ['sendText'] } },
	},
	{
		displayName: 'Template Name or ID',
		name: 'templateName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: {
			show: { provider: ['crisp'], resource: ['message'], operation: ['sendTemplate'] },
		},
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. purchase_with_credit_card',
		description: 'The element name of the approved template',
		displayOptions: {
			show: { provider: ['onPremises'], resource: ['message'], operation: ['sendTemplate'] },
		},
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
		displayOptions: {
			show: { provider: ['crisp'], resource: ['message'], operation: ['sendTemplate'] },
		},
	},
	{
		displayName: 'Template Language',
		name: 'templateLanguage',
		type: 'string',
		default: 'en_US',
		required: true,
		description: 'The language code the template was approved in, e.g. en_US',
		displayOptions: {
			show: { provider: ['onPremises'], resource: ['message'], operation: ['sendTemplate'] },
		},
	},
	{
		displayName: 'Template Namespace',
		name: 'templateNamespace',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cdb2df51_9816_c754_c5a4_64cdabdcad3e',
		description: "The namespace of the business's templates (WhatsApp Manager → Message Templates)",
		displayOptions: {
			show: { provider: ['onPremises'], resource: ['message'], operation: ['sendTemplate'] },
		},
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Parameter',
		description: 'Values for the placeholders {{1}}, {{2}}, … of the template body, in order',
		displayOptions: { show: { resource: ['message'], operation: ['sendTemplate'] } },
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
	},
	{
		displayName: 'From Number',
		name: 'fromNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +49 30 1234567',
		description:
			'The business WhatsApp number connected to the Crisp plugin that sends the template',
		displayOptions: {
			show: { provider: ['crisp'], resource: ['message'], operation: ['sendTemplate'] },
		},
	},
];
