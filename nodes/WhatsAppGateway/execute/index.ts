// Dispatch: contact.check runs once over all items (bulk); every other operation runs per item with
// pairedItem, continueOnFail and the one error translator.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { hintFor, ProviderError, toNodeApiError } from '../../shared/errors';
import { createRateLimiter } from '../../shared/rateLimiter';
import { executeContactCheck } from './contactCheck';
import { openForExecute, optionsFor, transportFor, transportOptionsFrom } from './context';
import { OPERATIONS } from './operations';

/** The output of a failed item under continueOnFail: the message, and what the translator knows. */
function errorItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = {};
	if (error instanceof ProviderError) {
		const f = error.failure;
		json.error = toNodeApiError(ctx.getNode(), f, itemIndex).message;
		json.provider = f.provider;
		json.httpStatus = f.httpStatus;
		json.code = f.code ?? null;
		json.hint = hintFor(f) ?? null;
	} else {
		json.error = error instanceof Error ? error.message : String(error);
		if (error instanceof NodeOperationError && error.description) json.hint = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** Any failure of an item as the node error n8n shows. */
function nodeErrorOf(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof ProviderError)
		return toNodeApiError(ctx.getNode(), error.failure, itemIndex);
	if (error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

export async function executeGateway(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const pc = await openForExecute(this);
	const resource = String(this.getNodeParameter('resource', 0));
	const operation = String(this.getNodeParameter('operation', 0));
	const key = `${resource}.${operation}`;

	if (key === 'contact.check') return await executeContactCheck.call(this, pc);

	const run = OPERATIONS[key];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${key}"`, {
			description: 'Choose a resource and operation offered for this provider.',
		});
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
			const results = await run({
				ctx: this,
				itemIndex,
				adapter: pc.adapter,
				transport,
				options,
				credentials: pc.credentials,
			});
			for (const json of results) out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				out.push(errorItem(this, error, itemIndex));
				continue;
			}
			throw nodeErrorOf(this, error, itemIndex);
		}
	}
	return [out];
}
