// Reads the action node's `options` collection into plain settings and the transport's options, so
// every operation applies the same defaults and bounds.
import type { IDataObject } from 'n8n-workflow';

import type { TransportOptions } from './transport';

export interface GatewayOptions {
	defaultCountryCode: string;
	/** 0 = the provider's default batch size. */
	batchSize: number;
	concurrency: number;
	maxRequestsPerSecond: number;
	maxRetries: number;
	includeRaw: boolean;
	timeoutMs: number;
	retryPossibleDuplicates: boolean;
}

export const OPTION_DEFAULTS: GatewayOptions = {
	defaultCountryCode: '',
	batchSize: 0,
	concurrency: 5,
	maxRequestsPerSecond: 10,
	maxRetries: 3,
	includeRaw: false,
	timeoutMs: 30_000,
	retryPossibleDuplicates: false,
};

function int(value: unknown, fallback: number, min: number, max: number): number {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.floor(n)));
}

export function bool(value: unknown, fallback: boolean): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return fallback;
}

/** The options collection (whatever expressions made of it) → bounded settings. */
export function readOptions(raw: unknown): GatewayOptions {
	const o: IDataObject =
		typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as IDataObject) : {};
	const d = OPTION_DEFAULTS;
	return {
		defaultCountryCode:
			typeof o.defaultCountryCode === 'string' || typeof o.defaultCountryCode === 'number'
				? String(o.defaultCountryCode).trim()
				: d.defaultCountryCode,
		batchSize: int(o.batchSize, d.batchSize, 0, 10_000),
		concurrency: int(o.concurrency, d.concurrency, 1, 100),
		maxRequestsPerSecond: int(o.maxRequestsPerSecond, d.maxRequestsPerSecond, 1, 10_000),
		maxRetries: int(o.maxRetries, d.maxRetries, 0, 20),
		includeRaw: bool(o.includeRaw, d.includeRaw),
		timeoutMs: int(o.timeout, d.timeoutMs, 100, 600_000),
		retryPossibleDuplicates: bool(o.retryPossibleDuplicates, d.retryPossibleDuplicates),
	};
}

/** The transport's options for these settings; `throttle`/`onRetry` come from the caller. */
export function transportOptionsFrom(
	options: GatewayOptions,
	hooks: Pick<TransportOptions, 'throttle' | 'onRetry'> = {},
): TransportOptions {
	return {
		maxRetries: options.maxRetries,
		allowUnsafeRetries: options.retryPossibleDuplicates,
		timeoutMs: options.timeoutMs,
		...hooks,
	};
}
