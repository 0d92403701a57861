// A per-item parameter for bulk runs. When the parameter is exactly a field of the item (`={{ $json.phone }}`,
// `={{ $json["phone number"] }}`, `={{ $json.contact.phone }}`: what mapping a column produces), the value
// is read from the item itself. n8n 2.x evaluates every expression in an isolate, about 0.5 ms apiece, so
// 10,000 numbers cost seconds before the first request (bench/results.md). Anything else, and any path
// that does not lead to a value, goes through n8n's own evaluation, with n8n's own errors.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

const WHOLE_JSON_PATH =
	/^=\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:'[^'\\\n]*'|"[^"\\\n]*")\s*\])+)\s*\}\}$/;
const SEGMENT = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)")\s*\]/g;

/** The keys of `$json` an expression reads, when it reads nothing else; undefined otherwise. */
export function jsonPathOf(parameter: unknown): string[] | undefined {
	if (typeof parameter !== 'string') return undefined;
	const match = WHOLE_JSON_PATH.exec(parameter);
	if (!match) return undefined;
	return [...match[1].matchAll(SEGMENT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The value at `path` in `json` when every step is an own property; undefined when any step is missing. */
function ownValueAt(json: unknown, path: string[]): { value: unknown } | undefined {
	let current: unknown = json;
	for (const key of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current === undefined ? undefined : { value: current };
}

/** A reader of one parameter for every item: the item's own field when the parameter names one. */
export function itemParameterReader(
	ctx: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	const path = jsonPathOf(ctx.getNode().parameters[name]);
	return (itemIndex) => {
		const direct = path ? ownValueAt(items[itemIndex]?.json, path) : undefined;
		return direct ? direct.value : ctx.getNodeParameter(name, itemIndex, '');
	};
}
