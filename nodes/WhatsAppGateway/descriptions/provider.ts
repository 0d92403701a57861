// Each provider's Authentication choice (where it accepts several credentials) and
// the notices providers declare, all generated from the adapters.
import type { INodeProperties } from 'n8n-workflow';

import { ADAPTERS } from '../../providers';
import { forProvider, withShow } from '../../shared/displayScope';
import { providerProperty } from '../../shared/providerProperty';

export { providerProperty };

/** One Authentication parameter per provider that accepts more than one credential. */
export const authenticationProperties: INodeProperties[] = ADAPTERS.filter(
	(a) => a.credentials.filter((c) => c.authentication).length > 1,
).map((a) => {
	const options = a.credentials.flatMap((c) => (c.authentication ? [c.authentication] : []));
	const first = options[0].value;
	return forProvider(
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			noDataExpression: true,
			options,
			default: first,
		},
		[a.id],
	);
});

function notice(name: string, text: string): INodeProperties {
	return { displayName: text, name, type: 'notice', default: '' };
}

/** A provider's notice, and a notice per credential that has one (e.g. what an API key may not do). */
export const noticeProperties: INodeProperties[] = ADAPTERS.flatMap((a) => [
	...(a.notice ? [forProvider(notice(`${a.id}Notice`, a.notice), [a.id])] : []),
	...a.credentials.flatMap((c) =>
		c.notice && c.authentication
			? [
					withShow(
						forProvider(notice(`${a.id}${c.authentication.value}Notice`, c.notice), [a.id]),
						{
							authentication: [c.authentication.value],
						},
					),
				]
			: [],
	),
]);
