// Dispatch: contact.check runs once over all items (bulk); every other operation runs per item with
// pairedItem, continueOnFail and the one error translator.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ProviderError, toNodeError } from '../../shared/errors';
import { operationKey } from '../../shared/operations';
import { createRateLimiter } from '../../shared/rateLimiter';
import { executeContactCheck } from './contactCheck';
import { openForExecute, optionsFor, transportFor, transportOptionsFrom } from './context';
import { OPERATIONS } from './operations';

/** The output of a failed item under continueOnFail: the message, and what the translator knows. */
function errorItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: toNodeError(ctx.getNode(), error, itemIndex).message };
	if (error instanceof ProviderError) {
		const f = error.failure;
		json.provider = f.provider;
		json.httpStatus = f.httpStatus;
		json.code = f.code ?? null;
		json.hint = f.hint ?? null;
	} else if (error instanceof NodeOperationError && error.description) {
		json.hint = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}

export async function executeGateway(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const pc = await openForExecute(this);
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const key = operationKey(resource, operation);
	const run = key && pc.adapter.operations.includes(key) ? OPERATIONS[key] : undefined;
	if (key === 'contact.check' && pc.adapter.operations.includes(key)) {
		return await executeContactCheck.call(this, pc);
	}
	if (!key || !run) {
		throw new NodeOperationError(
			this.getNode(),
			`${pc.adapter.displayName} does not offer "${String(resource)}.${String(operation)}"`,
			{ description: 'Choose a resource and operation offered for this provider.' },
		);
	}

	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	// One speed limit for the whole run, whatever each item's other options say.
	const limiter = createRateLimiter(optionsFor(this, 0).maxRequestsPerSecond);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const options = optionsFor(this, itemIndex);
			const transport = transportFor(
				this,
				pc,
				transportOptionsFrom(options, { throttle: () => limiter.acquire() }),
			);
			const results = await run({ ctx: this, itemIndex, key, pc, transport, options });
			const items = Array.isArray(results) ? results.map((json) => ({ json })) : results.items;
			for (const item of items) out.push({ ...item, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				out.push(errorItem(this, error, itemIndex));
				continue;
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [out];
}
