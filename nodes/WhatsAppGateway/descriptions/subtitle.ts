// The node's subtitle on the canvas, in the words of n8n's own ("Send text · WaAPI"), built from the
// operation catalogue and the providers' display names.
import { ADAPTERS } from '../../providers';
import { OPERATION_KEYS, operationLabel } from '../../shared/operations';

const labels = Object.fromEntries(OPERATION_KEYS.map((k) => [k, operationLabel(k)]));
const names = Object.fromEntries(ADAPTERS.map((a) => [a.id, a.displayName]));

export const subtitle = `={{ (${JSON.stringify(labels)})[$parameter["resource"] + "." + $parameter["operation"]] + " · " + (${JSON.stringify(names)})[$parameter["provider"]] }}`;
