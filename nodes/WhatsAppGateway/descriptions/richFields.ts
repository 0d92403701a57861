// The fields of Send Media, Mark as Read, React and Send Interactive. The menus offer each operation only
// for the providers whose adapter has it, so these are shown by operation alone.
import type { INodeProperties } from 'n8n-workflow';

import { showFor, withShow } from '../../shared/displayScope';
import { INTERACTIVE_LIMITS as L } from '../../shared/interactive';

const media = showFor(['message.sendMedia']);
const interactive = showFor(['message.sendInteractive']);

const mediaFields: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Sticker', value: 'sticker', description: 'A WebP image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		description:
			"How WhatsApp shows the file; the provider's type and size limits for it are checked before anything is sent",
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file an earlier node produced (the input item’s binary data)',
			},
			{ name: 'URL', value: 'url', description: 'A public URL the provider downloads itself' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the input binary field containing the file to be sent',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'The public http(s) URL of the file (On-Premises takes https only)',
		displayOptions: { show: { mediaSource: ['url'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown with an image, video or document (audio and stickers have none)',
		displayOptions: { show: { mediaType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice.pdf',
		description:
			'The name the recipient sees for a document; empty uses the binary file’s own name (or the URL’s last part)',
		displayOptions: { show: { mediaType: ['document'] } },
	},
].map((p) => withShow(p as INodeProperties, media));

const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.messageId }}',
	description:
		'The ID of the message, as the WhatsApp Gateway Trigger gives it; To is the chat it is in (the sender for a direct chat)',
	displayOptions: { show: showFor(['message.markRead', 'message.react']) },
};

const emojiField: INodeProperties = {
	displayName: 'Emoji',
	name: 'emoji',
	type: 'string',
	default: '👍',
	description: 'One emoji; empty removes your reaction',
	displayOptions: { show: showFor(['message.react']) },
};

const interactiveFields: INodeProperties[] = [
	{
		displayName: 'Interactive Type',
		name: 'interactiveType',
		type: 'options',
		options: [
			{ name: 'Reply Buttons', value: 'buttons', description: `Up to ${L.buttons} buttons` },
			{ name: 'List', value: 'list', description: `A menu of up to ${L.rows} rows in sections` },
		],
		default: 'buttons',
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: `Small grey text under the message (at most ${L.footer} characters)`,
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Button',
		description: `At most ${L.buttons}; a tap arrives at the trigger as a button_reply with the button's ID`,
		displayOptions: { show: { interactiveType: ['buttons'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: `What the reply carries (at most ${L.buttonId} characters)`,
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `The button's text (at most ${L.buttonTitle} characters)`,
					},
				],
			},
		],
	},
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Options',
		description: `The button that opens the list (at most ${L.listButtonText} characters)`,
		displayOptions: { show: { interactiveType: ['list'] } },
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Section',
		description: `At most ${L.sections} sections and ${L.rows} rows in all; a choice arrives at the trigger as a list_reply with the row's ID`,
		displayOptions: { show: { interactiveType: ['list'] } },
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: `Needed with several sections (at most ${L.sectionTitle} characters)`,
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						default: {},
						placeholder: 'Add Row',
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'ID',
										name: 'id',
										type: 'string',
										default: '',
										description: `What the reply carries (at most ${L.rowId} characters)`,
									},
									{
										displayName: 'Title',
										name: 'title',
										type: 'string',
										default: '',
										description: `At most ${L.rowTitle} characters`,
									},
									{
										displayName: 'Description',
										name: 'description',
										type: 'string',
										default: '',
										description: `At most ${L.rowDescription} characters`,
									},
								],
							},
						],
					},
				],
			},
		],
	},
].map((p) => withShow(p as INodeProperties, interactive));

export const richProperties: INodeProperties[] = [
	...mediaFields,
	messageIdField,
	emojiField,
	...interactiveFields,
];
