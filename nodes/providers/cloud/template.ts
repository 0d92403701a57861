// The `template` object of a Cloud API template send (Meta spec `TemplateObject`; pywa
// `pywa/types/templates.py`), from the shared template fields and the Cloud-only ones below: a header
// parameter (text, or an image, video or document by link or media ID), body parameters by position
// (the shared Body Parameters) or by name (`parameter_name`, for templates with named parameters), and
// button parameters (quick-reply payload, URL suffix, copy code).
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemReader } from '../../shared/adapter';
import type { TemplateInput } from '../../shared/types';

const sendTemplate = { resource: ['message'], operation: ['sendTemplate'] };
const MEDIA = ['image', 'video', 'document'] as const;
type HeaderType = 'none' | 'text' | (typeof MEDIA)[number];

export const templateProperties: INodeProperties[] = [
	{
		displayName: 'Header Parameter',
		name: 'templateHeaderType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document', description: 'The document of a document header' },
			{ name: 'Image', value: 'image', description: 'The image of an image header' },
			{ name: 'None', value: 'none', description: 'The header has no parameter (or no header)' },
			{ name: 'Text', value: 'text', description: 'A value for the {{1}} of a text header' },
			{ name: 'Video', value: 'video', description: 'The video of a video header' },
		],
		default: 'none',
		description:
			"What the template's header needs: a text for a {{1}} in a text header, or the media of a media header",
		displayOptions: { show: sendTemplate },
	},
	{
		displayName: 'Header Text',
		name: 'templateHeaderText',
		type: 'string',
		default: '',
		description: 'The value of the placeholder in the text header',
		displayOptions: { show: { ...sendTemplate, templateHeaderType: ['text'] } },
	},
	{
		displayName: 'Header Parameter Name',
		name: 'templateHeaderParameterName',
		type: 'string',
		default: '',
		placeholder: 'e.g. customer_name',
		description:
			'For a template with named parameters: the name of the header placeholder ({{customer_name}}). Leave empty for a numbered one ({{1}}).',
		displayOptions: { show: { ...sendTemplate, templateHeaderType: ['text'] } },
	},
	{
		displayName: 'Header Media Source',
		name: 'templateHeaderMediaSource',
		type: 'options',
		options: [
			{ name: 'Link', value: 'link', description: 'A public HTTP(S) URL that Meta downloads' },
			{
				name: 'Media ID',
				value: 'id',
				description: 'The ID of media uploaded to this number (valid for 30 days)',
			},
		],
		default: 'link',
		description: 'How Meta gets the header media',
		displayOptions: { show: { ...sendTemplate, templateHeaderType: [...MEDIA] } },
	},
	{
		displayName: 'Header Media',
		name: 'templateHeaderMedia',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/header.jpg',
		description: 'The URL or the media ID of the header image, video or document',
		displayOptions: { show: { ...sendTemplate, templateHeaderType: [...MEDIA] } },
	},
	{
		displayName: 'Header File Name',
		name: 'templateHeaderFileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice.pdf',
		description: 'The file name WhatsApp shows for the document (optional)',
		displayOptions: { show: { ...sendTemplate, templateHeaderType: ['document'] } },
	},
	{
		displayName: 'Named Body Parameters',
		name: 'namedBodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Named Parameter',
		description:
			'For a template with named parameters ({{customer_name}}): one value per name. Use either these or Body Parameters, not both.',
		displayOptions: { show: sendTemplate },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. customer_name',
						description: 'The name inside the braces, without them',
					},
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
		displayName: 'Buttons',
		name: 'templateButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Button Parameter',
		description:
			"Parameters of the template's buttons, by the button's position (0 is the first button)",
		displayOptions: { show: sendTemplate },
		options: [
			{
				displayName: 'Button',
				name: 'buttons',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{
								name: 'Copy Code',
								value: 'copyCode',
								description: 'The code a copy-code button copies',
							},
							{
								name: 'Quick Reply',
								value: 'quickReply',
								description: 'The payload that comes back when the user taps it',
							},
							{
								name: 'URL',
								value: 'url',
								description: 'The suffix of a dynamic URL button ({{1}} at the end of its URL)',
							},
						],
						default: 'quickReply',
						description: "The button's type, as the template defines it",
					},
					{
						displayName: 'Index',
						name: 'index',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 9 },
						default: 0,
						description: "The button's position in the template, from 0",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The payload, URL suffix or code',
					},
				],
			},
		],
	},
];

const SUB_TYPES = {
	quickReply: {
		sub_type: 'quick_reply',
		parameter: (v: string) => ({ type: 'payload', payload: v }),
	},
	url: { sub_type: 'url', parameter: (v: string) => ({ type: 'text', text: v }) },
	copyCode: {
		sub_type: 'copy_code',
		parameter: (v: string) => ({ type: 'coupon_code', coupon_code: v }),
	},
} as const;

function entries(item: ItemReader, path: string): IDataObject[] {
	const value = item.param(path, []);
	return Array.isArray(value)
		? value.filter((e): e is IDataObject => typeof e === 'object' && e !== null)
		: [];
}

const textOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The template object, or a sentence saying which field is wrong (nothing is sent then). */
export function buildTemplate(
	template: TemplateInput,
	item: ItemReader,
): { ok: true; template: IDataObject } | { ok: false; problem: string } {
	const components: IDataObject[] = [];

	const header = (textOf(item.param('templateHeaderType', 'none')) || 'none') as HeaderType;
	if (header === 'text') {
		const text = textOf(item.param('templateHeaderText', ''));
		if (text === '') return { ok: false, problem: 'Header Text is empty' };
		const name = item.text('templateHeaderParameterName');
		components.push({
			type: 'header',
			parameters: [{ type: 'text', ...(name ? { parameter_name: name } : {}), text }],
		});
	} else if ((MEDIA as readonly string[]).includes(header)) {
		const media = item.text('templateHeaderMedia');
		if (media === '') return { ok: false, problem: `Header Media (the ${header}) is empty` };
		const byId = item.param('templateHeaderMediaSource', 'link') === 'id';
		if (!byId && !/^https?:\/\//i.test(media)) {
			return {
				ok: false,
				problem: `Header Media "${media}" is not an http(s) URL (choose Media ID as the source for an uploaded media ID)`,
			};
		}
		const fileName = header === 'document' ? item.text('templateHeaderFileName') : '';
		components.push({
			type: 'header',
			parameters: [
				{
					type: header,
					[header]: {
						...(byId ? { id: media } : { link: media }),
						...(fileName ? { filename: fileName } : {}),
					},
				},
			],
		});
	} else if (header !== 'none') {
		return {
			ok: false,
			problem: `Header Parameter "${String(header)}" is not one of none, text, image, video, document`,
		};
	}

	const named = entries(item, 'namedBodyParameters.parameters');
	if (named.length > 0 && template.bodyParameters.length > 0) {
		return {
			ok: false,
			problem:
				'both Body Parameters and Named Body Parameters are set: a template has either numbered or named parameters',
		};
	}
	if (named.length > 0) {
		const parameters: IDataObject[] = [];
		for (const [i, p] of named.entries()) {
			const name = textOf(p.name).trim();
			if (name === '') return { ok: false, problem: `Named Body Parameter ${i + 1} has no name` };
			parameters.push({ type: 'text', parameter_name: name, text: textOf(p.text) });
		}
		components.push({ type: 'body', parameters });
	} else if (template.bodyParameters.length > 0) {
		components.push({
			type: 'body',
			parameters: template.bodyParameters.map((text) => ({ type: 'text', text })),
		});
	}

	for (const [i, b] of entries(item, 'templateButtons.buttons').entries()) {
		const kind = SUB_TYPES[textOf(b.type) as keyof typeof SUB_TYPES];
		if (!kind) return { ok: false, problem: `Button ${i + 1} has no valid type` };
		const index = Number(b.index ?? 0);
		if (!Number.isInteger(index) || index < 0) {
			return { ok: false, problem: `Button ${i + 1} has no valid index (0 is the first button)` };
		}
		const value = textOf(b.value);
		if (value === '')
			return { ok: false, problem: `Button ${i + 1} (index ${index}) has no value` };
		components.push({
			type: 'button',
			sub_type: kind.sub_type,
			// The spec's examples write the index as a string.
			index: String(index),
			parameters: [kind.parameter(value)],
		});
	}

	return {
		ok: true,
		template: {
			name: template.name,
			language: { code: template.language },
			...(components.length > 0 ? { components } : {}),
		},
	};
}
