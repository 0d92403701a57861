// The action node's resources and operations: their contract names, and the words the editor shows for
// them (menus, the node picker, subtitles). Which provider offers which is each adapter's declaration.
import type { INodePropertyOptions } from 'n8n-workflow';

export const RESOURCES = {
	contact: { name: 'Contact', description: 'Whether phone numbers are on WhatsApp' },
	instance: { name: 'Instance', description: 'The WhatsApp number (session) and its webhook' },
	media: { name: 'Media', description: 'Images, voice notes, videos and documents people sent' },
	message: { name: 'Message', description: 'Send WhatsApp messages' },
	template: { name: 'Template', description: 'Approved message templates' },
} as const;

export type ResourceName = keyof typeof RESOURCES;

interface OperationText {
	resource: ResourceName;
	/** The contract value of the `operation` parameter. */
	value: string;
	/** Menu entry, Title Case as n8n's own menus. */
	name: string;
	/** The node picker's sentence. */
	action: string;
	/** The subtitle's words, sentence case as n8n's own subtitles ("Send text"). */
	label: string;
	description: string;
}

export const OPERATIONS = {
	'contact.check': {
		label: 'Check contacts',
		resource: 'contact',
		value: 'check',
		name: 'Check',
		action: 'Check whether numbers are on WhatsApp',
		description: 'Check one or many phone numbers (the numbers of all input items in one bulk run)',
	},
	'instance.get': {
		label: 'Get instance',
		resource: 'instance',
		value: 'get',
		name: 'Get',
		action: 'Get an instance',
		description: 'Get the status and webhook of an instance',
	},
	'instance.list': {
		label: 'List instances',
		resource: 'instance',
		value: 'list',
		name: 'List',
		action: 'List instances',
		description: 'List the instances of the account',
	},
	'instance.updateWebhook': {
		label: 'Update webhook',
		resource: 'instance',
		value: 'updateWebhook',
		name: 'Update Webhook',
		action: 'Update the webhook of an instance',
		description: 'Set the URL and the events the provider posts to',
	},
	'media.download': {
		label: 'Download media',
		resource: 'media',
		value: 'download',
		name: 'Download',
		action: 'Download media',
		description:
			'Get the file of a received message (its media ID, as the trigger gives it) as binary data',
	},
	'message.markRead': {
		label: 'Mark as read',
		resource: 'message',
		value: 'markRead',
		name: 'Mark as Read',
		action: 'Mark a message as read',
		description: 'Send a read receipt (blue ticks), optionally with a typing indicator',
	},
	'message.react': {
		label: 'React',
		resource: 'message',
		value: 'react',
		name: 'React',
		action: 'React to a message',
		description: 'Add an emoji reaction to a message, or remove it with an empty emoji',
	},
	'message.sendInteractive': {
		label: 'Send interactive',
		resource: 'message',
		value: 'sendInteractive',
		name: 'Send Interactive',
		action: 'Send an interactive message',
		description: 'Send reply buttons or a list to choose from',
	},
	'message.sendMedia': {
		label: 'Send media',
		resource: 'message',
		value: 'sendMedia',
		name: 'Send Media',
		action: 'Send a media message',
		description: 'Send an image, video, audio, document or sticker from a binary property or a URL',
	},
	'message.sendTemplate': {
		label: 'Send template',
		resource: 'message',
		value: 'sendTemplate',
		name: 'Send Template',
		action: 'Send a template message',
		description: 'Send an approved template (works outside the 24-hour window)',
	},
	'message.sendText': {
		label: 'Send text',
		resource: 'message',
		value: 'sendText',
		name: 'Send Text',
		action: 'Send a text message',
		description: 'Send a free-text message',
	},
	'template.list': {
		label: 'List templates',
		resource: 'template',
		value: 'list',
		name: 'List',
		action: 'List templates',
		description: 'List every template with its status',
	},
} as const satisfies Record<string, OperationText>;

export type OperationKey = keyof typeof OPERATIONS;

export const OPERATION_KEYS = Object.keys(OPERATIONS) as OperationKey[];

/** The `resource.operation` key of a pair of parameter values, if it is one. */
export function operationKey(resource: unknown, operation: unknown): OperationKey | undefined {
	const key = `${String(resource)}.${String(operation)}`;
	return (OPERATION_KEYS as string[]).includes(key) ? (key as OperationKey) : undefined;
}

export function resourceOf(key: OperationKey): ResourceName {
	return OPERATIONS[key].resource;
}

/** A menu entry of the `operation` parameter. */
export function operationOption(key: OperationKey): INodePropertyOptions {
	const o: OperationText = OPERATIONS[key];
	return { name: o.name, value: o.value, action: o.action, description: o.description };
}

export function operationLabel(key: OperationKey): string {
	return OPERATIONS[key].label;
}
