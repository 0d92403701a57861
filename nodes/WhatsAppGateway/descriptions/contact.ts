// Fields of contact.check.
import type { INodeProperties } from 'n8n-workflow';

export const contactProperties: INodeProperties[] = [
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. +49 151 2345678, +1 (516) 283-7151',
		description:
			'One or more numbers to check, separated by commas, semicolons or new lines (or an array from an expression). Numbers from every input item are checked in one bulk run; each number gives one output item.',
		displayOptions: { show: { resource: ['contact'], operation: ['check'] } },
	},
];
