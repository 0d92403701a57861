// The one output of a send, reaction or read receipt the provider took, whatever the provider.
import { recipientLabel } from './phone';
import type { ProviderId, Recipient, SendOutput } from './types';

/** `raw`, the provider's answer, is left out when there is none. */
export function sentOutput(
	provider: ProviderId,
	to: Recipient,
	messageId: string | null,
	raw?: unknown,
): SendOutput {
	const out: SendOutput = {
		provider,
		to: recipientLabel(to),
		status: 'sent',
		messageId,
		requestId: null,
	};
	if (raw !== undefined) out.raw = raw;
	return out;
}
