// The bulk contact check: numbers from every item are normalised, de-duplicated (one lookup per distinct
// number), cut into batches the provider accepts and checked by a bounded pool of workers; every input
// number then gets its own outcome, in input order. Speed limit and retries live in the transport.
import { parsePhone } from './phone';
import type { ProviderAdapter } from './adapter';
import { generalHint, ProviderError } from './errors';
import type {
	ContactAnswer,
	ContactOutput,
	ContactQuery,
	ProviderFailure,
	Transport,
} from './types';

export interface CheckEntry {
	itemIndex: number;
	/** One number as the user wrote it. */
	input: string;
}

export interface BulkCheckSettings {
	defaultCountryCode: string;
	/** 0 = the provider's default. */
	batchSize: number;
	concurrency: number;
	includeRaw: boolean;
	/** Mark a failed batch's numbers `status: "error"` instead of failing the run. */
	continueOnFail: boolean;
}

export interface CheckedNumber {
	itemIndex: number;
	json: ContactOutput;
}

export type BulkCheckResult =
	| {
			ok: true;
			results: CheckedNumber[];
			unreliable: number;
			/** The provider's reason for the first unreliable answer. */
			unreliableReason?: string;
			batches: number;
	  }
	| { ok: false; failure: ProviderFailure };

type Outcome = { answer: ContactAnswer } | { error: string };

/** The batch size used: the user's (or the provider's default), never above what the provider takes. */
export function effectiveBatchSize(adapter: ProviderAdapter, requested: number): number {
	const batching = adapter.contactBatching ?? { defaultBatchSize: 1, maxBatchSize: 1 };
	const wanted = requested > 0 ? requested : batching.defaultBatchSize;
	return Math.max(1, Math.min(wanted, batching.maxBatchSize));
}

function failureOf(error: unknown, adapter: ProviderAdapter, action: string): ProviderFailure {
	if (error instanceof ProviderError) return { ...error.failure };
	const message = error instanceof Error ? error.message : String(error);
	const failure = {
		provider: adapter.id,
		providerName: adapter.displayName,
		action,
		httpStatus: null,
		message,
	};
	return { ...failure, hint: generalHint(failure) };
}

/** Pairs a batch's answers with its queries: by phone, or by position when the provider echoed another form. */
function matchAnswers(batch: string[], answers: ContactAnswer[]): Map<string, ContactAnswer> {
	const byPhone = new Map<string, ContactAnswer>();
	for (const answer of answers) byPhone.set(answer.phone, answer);
	if (batch.every((phone) => byPhone.has(phone))) return byPhone;
	const matched = new Map<string, ContactAnswer>();
	if (answers.length === batch.length) {
		batch.forEach((phone, index) => matched.set(phone, { ...answers[index], phone }));
		return matched;
	}
	for (const phone of batch) {
		const answer = byPhone.get(phone);
		if (answer) matched.set(phone, answer);
	}
	return matched;
}

export async function runBulkCheck(
	adapter: ProviderAdapter,
	t: Transport,
	entries: CheckEntry[],
	settings: BulkCheckSettings,
): Promise<BulkCheckResult> {
	const check = adapter.checkContacts;
	if (!check) {
		return {
			ok: false,
			failure: {
				provider: adapter.id,
				providerName: adapter.displayName,
				action: 'check contacts',
				httpStatus: null,
				message: 'this provider cannot check contacts',
			},
		};
	}

	// Normalise; each distinct number is looked up once, in order of first appearance.
	const parsed = entries.map((entry) =>
		parsePhone(entry.input, settings.defaultCountryCode, false),
	);
	const distinct: string[] = [];
	const seen = new Set<string>();
	for (const p of parsed) {
		if (p.ok && p.kind === 'user' && !seen.has(p.digits)) {
			seen.add(p.digits);
			distinct.push(p.digits);
		}
	}

	const size = effectiveBatchSize(adapter, settings.batchSize);
	const batches: string[][] = [];
	for (let i = 0; i < distinct.length; i += size) batches.push(distinct.slice(i, i + size));

	const outcomes = new Map<string, Outcome>();
	let stopWith: ProviderFailure | undefined;
	let next = 0;

	const worker = async (): Promise<void> => {
		while (stopWith === undefined && next < batches.length) {
			const index = next++;
			const batch = batches[index];
			const queries: ContactQuery[] = batch.map((phone) => ({ phone }));
			try {
				const answers = await check.call(adapter, t, queries);
				const matched = matchAnswers(batch, answers);
				for (const phone of batch) {
					const answer = matched.get(phone);
					outcomes.set(
						phone,
						answer ? { answer } : { error: 'the provider gave no answer for this number' },
					);
				}
			} catch (error) {
				const failure = failureOf(error, adapter, 'check contacts');
				if (!settings.continueOnFail) {
					const numbers = batch.length === 1 ? '1 number' : `${batch.length} numbers`;
					stopWith ??= {
						...failure,
						action: `check ${numbers} (batch ${index + 1} of ${batches.length})`,
					};
					return;
				}
				for (const phone of batch) outcomes.set(phone, { error: failure.message });
			}
		}
	};

	const workers = Math.max(1, Math.min(settings.concurrency, batches.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (stopWith) return { ok: false, failure: stopWith };

	let unreliable = 0;
	let unreliableReason: string | undefined;
	const results = entries.map((entry, i): CheckedNumber => {
		const p = parsed[i];
		const base = { provider: adapter.id, input: entry.input };
		if (!p.ok || p.kind !== 'user') {
			const error = p.ok ? 'a group id is not a phone number' : p.reason;
			return {
				itemIndex: entry.itemIndex,
				json: {
					...base,
					phone: null,
					exists: null,
					status: 'invalidFormat',
					reliable: true,
					waId: null,
					chatId: null,
					error,
				},
			};
		}
		const outcome = outcomes.get(p.digits) ?? { error: 'the number was not checked' };
		if ('error' in outcome) {
			return {
				itemIndex: entry.itemIndex,
				json: {
					...base,
					phone: p.digits,
					exists: null,
					status: 'error',
					reliable: true,
					waId: null,
					chatId: null,
					error: outcome.error,
				},
			};
		}
		const a = outcome.answer;
		if (!a.reliable) {
			unreliable++;
			unreliableReason ??= a.unreliableReason;
		}
		const json: ContactOutput = {
			...base,
			phone: p.digits,
			exists: a.exists,
			status: a.status,
			reliable: a.reliable,
			waId: a.waId,
			chatId: a.chatId,
		};
		if (settings.includeRaw) json.raw = a.raw ?? null;
		return { itemIndex: entry.itemIndex, json };
	});
	return { ok: true, results, unreliable, unreliableReason, batches: batches.length };
}
