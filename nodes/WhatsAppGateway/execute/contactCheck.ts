// contact.check: every item's numbers in one bulk run (nodes/shared/bulkCheck.ts), one output item per
// input number with its pairedItem, and a hint when answers are not real checks.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runBulkCheck } from '../../shared/bulkCheck';
import type { CheckEntry } from '../../shared/bulkCheck';
import { toNodeApiError } from '../../shared/errors';
import { splitPhoneList } from '../../shared/phone';
import { createRateLimiter } from '../../shared/rateLimiter';
import { instanceFor, optionsFor, transportFor, transportOptionsFrom } from './context';
import type { ProviderContext } from './context';
import { itemParameterReader } from './itemParameter';
import { redactSecrets } from './redact';

export async function executeContactCheck(
	this: IExecuteFunctions,
	pc: ProviderContext,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// The run's settings come from the first item: one run, one speed limit.
	const options = optionsFor(this, 0);
	const phoneNumbersOf = itemParameterReader(this, 'phoneNumbers', items);
	const entries: CheckEntry[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const numbers = splitPhoneList(phoneNumbersOf(itemIndex));
		// An item without a number still gets an outcome, so no input disappears silently.
		if (numbers.length === 0) entries.push({ itemIndex, input: '' });
		for (const input of numbers) entries.push({ itemIndex, input });
	}

	let retries = 0;
	const limiter = createRateLimiter(options.maxRequestsPerSecond);
	const transport = transportFor(
		this,
		pc,
		transportOptionsFrom(options, { throttle: () => limiter.acquire(), onRetry: () => retries++ }),
		instanceFor(this, 0, pc, 'contact.check') || undefined,
	);
	const result = await runBulkCheck(pc.adapter, transport, entries, {
		defaultCountryCode: options.defaultCountryCode,
		batchSize: options.batchSize,
		concurrency: options.concurrency,
		includeRaw: options.includeRaw,
		continueOnFail: this.continueOnFail(),
	});
	if (!result.ok) throw toNodeApiError(this.getNode(), result.failure);

	if (result.unreliable > 0) {
		this.addExecutionHints({
			type: 'warning',
			location: 'outputPane',
			message: `${result.unreliable} answer(s) are not a real check (see the field "reliable"): ${result.unreliableReason ?? `this ${pc.adapter.displayName} server cannot tell numbers on WhatsApp from others`}.`,
		});
	}
	if (retries > 0) {
		this.addExecutionHints({
			type: 'info',
			location: 'outputPane',
			message: `The provider asked to slow down or failed temporarily: ${retries} request(s) were retried. Lower Max Requests per Second or Concurrency to avoid this.`,
		});
	}

	return [
		result.results.map(({ itemIndex, json }) => {
			const { raw, ...fields } = json;
			const out: IDataObject = { ...fields };
			if ('raw' in json) out.raw = redactSecrets(raw) as IDataObject[string];
			return { json: out, pairedItem: { item: itemIndex } };
		}),
	];
}
