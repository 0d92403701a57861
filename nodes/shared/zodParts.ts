// Schema parts shared by the providers' body schemas.
import { z } from 'zod';

/**
 * A provider id or clock value, string or number. Same verdict and message as
 * `z.union([z.string(), z.number()])`, without the union's cost: zod builds an issue for every branch
 * that fails, so a number paid for a failed string check on every event.
 */
export const idLike = z.custom<string | number>(
	(value) => typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)),
	'Invalid input',
);
