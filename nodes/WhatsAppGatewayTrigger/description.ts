// The trigger's parameters, generated from the adapters' trigger policies: the provider, how its setup
// works, the instance where it needs one, the token of a manual setup, the normalised events it can
// produce, and the options.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ADAPTERS } from '../providers';
import { forProvider, withShow } from '../shared/displayScope';
import { instanceLocator } from '../shared/instanceLocator';
import { providerProperty } from '../shared/providerProperty';
import { GATEWAY_EVENTS } from '../shared/types';
import type { GatewayEventName } from '../shared/types';

export const EVENT_OPTIONS: Record<GatewayEventName, INodePropertyOptions> = {
	'message.received': {
		name: 'Message Received',
		value: 'message.received',
		description: 'A message someone sent to this WhatsApp number',
	},
	'message.sent': {
		name: 'Message Sent',
		value: 'message.sent',
		description: 'A message sent from this number (also from the phone itself)',
	},
	'message.status': {
		name: 'Message Status',
		value: 'message.status',
		description: 'A sent message became sent, delivered, read, played or failed',
	},
	'template.result': {
		name: 'Template Result',
		value: 'template.result',
		description: 'The outcome (sent or failed) of a queued template send',
	},
	'instance.status': {
		name: 'Instance Status',
		value: 'instance.status',
		description: 'The WhatsApp session changed state (QR code, ready, logged out, …)',
	},
	other: {
		name: 'Other',
		value: 'other',
		description: 'Any other provider event, with its raw body',
	},
};

const eventsDescription =
	'The events that start the workflow; other calls are acknowledged without a run';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function eventsProperty(
	events: readonly GatewayEventName[],
	defaults: readonly GatewayEventName[],
) {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...defaults],
		description: eventsDescription,
		options: events.map((e) => EVENT_OPTIONS[e]).sort(byName),
	} satisfies INodeProperties;
}

// n8n's node picker lists the options of the first property named "Events", so every event comes first
// in one list the panel never shows (it is hidden for every provider); each provider then has its own.
const pickerEvents: INodeProperties = {
	...eventsProperty(GATEWAY_EVENTS, ['message.received']),
	displayOptions: { hide: { provider: ADAPTERS.map((a) => a.id) } },
};

const notices: INodeProperties[] = ADAPTERS.map((a) =>
	forProvider(
		{ displayName: a.trigger.notice, name: `${a.id}Notice`, type: 'notice', default: '' },
		[a.id],
	),
);

const instances: INodeProperties[] = ADAPTERS.flatMap((a) =>
	a.trigger.instance ? [forProvider(instanceLocator(a.trigger.instance), [a.id])] : [],
);

const tokens: INodeProperties[] = ADAPTERS.flatMap((a) => {
	const manual = a.trigger.manualToken;
	if (!manual) return [];
	const token = forProvider(
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: manual.description,
		},
		[a.id],
	);
	// A provider that also sets up automatically asks for the token only when set up by hand.
	return [manual.show ? withShow(token, manual.show) : token];
});

const own: INodeProperties[] = ADAPTERS.flatMap((a) =>
	(a.trigger.properties ?? []).map((p) => forProvider(p, [a.id])),
);

const events: INodeProperties[] = ADAPTERS.map((a) =>
	forProvider(eventsProperty(a.trigger.events, a.trigger.defaultEvents), [a.id]),
);

// Providers that serve media bytes to the trigger's credential.
const downloading = ADAPTERS.filter((a) => a.media && a.trigger.credential).map((a) => a.id);

const [downloadMedia, maxMediaSize] = (
	[
		{
			displayName: 'Download Media',
			name: 'downloadMedia',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the file of a received image, voice note, video or document to its item as binary data (field `data`). The provider is answered first; a download that fails or is too large leaves the item without the file, with `media.error` saying why.',
		},
		{
			displayName: 'Max Media Size (MB)',
			name: 'maxMediaSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 25,
			description:
				'With Download Media: larger files are not downloaded (the item says so in `media.error`)',
		},
	] satisfies INodeProperties[]
).map((p) => forProvider(p, downloading, true));

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Deduplicate',
			name: 'deduplicate',
			type: 'boolean',
			default: false,
			description:
				'Whether to drop an event whose message ID, event and status were already emitted in the last minutes (providers deliver again after timeouts)',
		},
		downloadMedia,
		{
			displayName: 'Deduplication Window (Minutes)',
			name: 'dedupeWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10080 },
			default: 60,
			description:
				'With Deduplicate: how long an emitted event is remembered (at most 10,000 events are kept)',
		},
		{
			displayName: 'Ignore Own Messages',
			name: 'ignoreOwnMessages',
			type: 'boolean',
			default: false,
			description:
				'Whether to drop messages sent from this WhatsApp number itself (status updates still come)',
		},
		{
			displayName: 'Include Raw',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description:
				"Whether to add the provider's own body for each event as `raw` (events of type Other always carry it)",
		},
		maxMediaSize,
		{
			displayName: 'Overwrite Existing Webhook',
			name: 'overwriteExistingWebhook',
			type: 'boolean',
			default: false,
			description:
				'Whether to take over a webhook that points at another URL (another workflow or system). Where the provider lets the previous one be restored, it is put back on deactivation.',
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	providerProperty,
	pickerEvents,
	...notices,
	...instances,
	// A provider's own parameters (e.g. how it is set up) come before the token a manual setup asks for.
	...own,
	...tokens,
	...events,
	options,
];
