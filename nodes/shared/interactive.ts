// Reply buttons and lists: the contract's input, Meta's length limits (checked before sending, so a
// too-long title is named instead of refused with a bare 131009), and Meta's `interactive` object, which
// the Cloud API and the On-Premises client share.
import type { IDataObject } from 'n8n-workflow';

export interface InteractiveButton {
	id: string;
	title: string;
}

export interface InteractiveRow {
	id: string;
	title: string;
	description: string;
}

export interface InteractiveSection {
	title: string;
	rows: InteractiveRow[];
}

export type InteractiveInput = { text: string; footer: string } & (
	| { interactiveType: 'buttons'; buttons: InteractiveButton[] }
	| { interactiveType: 'list'; listButtonText: string; sections: InteractiveSection[] }
);

// Meta spec `InteractiveObject` and the Cloud notes: body ≤ 1024, reply buttons 1–3 with title ≤ 20 and
// id ≤ 256, list button text ≤ 20, ≤ 10 sections, row title ≤ 24, description ≤ 72, id ≤ 200; "up to
// 10 rows for all sections combined", section title ≤ 24 and footer ≤ 60 (Meta's interactive list and
// reply-button message pages).
export const INTERACTIVE_LIMITS = {
	body: 1024,
	footer: 60,
	buttons: 3,
	buttonTitle: 20,
	buttonId: 256,
	listButtonText: 20,
	sections: 10,
	rows: 10,
	sectionTitle: 24,
	rowTitle: 24,
	rowDescription: 72,
	rowId: 200,
} as const;

const L = INTERACTIVE_LIMITS;

/** Characters as WhatsApp counts them (code points, so an emoji is one). */
const length = (text: string) => [...text].length;

function tooLong(label: string, text: string, max: number): string | undefined {
	const n = length(text);
	return n > max ? `${label} "${text.slice(0, 40)}" has ${n} characters; at most ${max} are allowed` : undefined;
}

/** The first limit the message breaks, or undefined. */
export function interactiveProblem(m: InteractiveInput): string | undefined {
	if (m.text.trim() === '') return 'the message text is empty';
	const problems: Array<string | undefined> = [
		tooLong('The text', m.text, L.body),
		tooLong('The footer', m.footer, L.footer),
	];
	if (m.interactiveType === 'buttons') {
		if (m.buttons.length === 0) return 'add at least one button';
		if (m.buttons.length > L.buttons) {
			return `${m.buttons.length} buttons given; at most ${L.buttons} are allowed`;
		}
		const ids = new Set<string>();
		for (const [i, b] of m.buttons.entries()) {
			if (b.title === '') return `button ${i + 1} has no title`;
			if (b.id === '') return `button ${i + 1} ("${b.title}") has no ID`;
			if (ids.has(b.id)) return `the button ID "${b.id}" is used twice`;
			ids.add(b.id);
			problems.push(
				tooLong(`Button title`, b.title, L.buttonTitle),
				tooLong('Button ID', b.id, L.buttonId),
			);
		}
	} else {
		if (m.listButtonText === '') return 'the list button text is empty';
		problems.push(tooLong('The list button text', m.listButtonText, L.listButtonText));
		if (m.sections.length === 0) return 'add at least one section with a row';
		if (m.sections.length > L.sections) {
			return `${m.sections.length} sections given; at most ${L.sections} are allowed`;
		}
		const rows = m.sections.reduce((n, s) => n + s.rows.length, 0);
		if (rows > L.rows) return `${rows} rows given; at most ${L.rows} are allowed in all sections together`;
		const ids = new Set<string>();
		for (const [i, s] of m.sections.entries()) {
			if (s.rows.length === 0) return `section ${i + 1} has no rows`;
			// Several sections need titles to tell them apart (Meta: required with more than one section).
			if (m.sections.length > 1 && s.title === '') return `section ${i + 1} has no title`;
			problems.push(tooLong('Section title', s.title, L.sectionTitle));
			for (const r of s.rows) {
				if (r.title === '') return `a row of section ${i + 1} has no title`;
				if (r.id === '') return `the row "${r.title}" has no ID`;
				if (ids.has(r.id)) return `the row ID "${r.id}" is used twice`;
				ids.add(r.id);
				problems.push(
					tooLong('Row title', r.title, L.rowTitle),
					tooLong('Row description', r.description, L.rowDescription),
					tooLong('Row ID', r.id, L.rowId),
				);
			}
		}
	}
	return problems.find((p) => p !== undefined);
}

/** Meta's `interactive` object (Cloud API and On-Premises `type: "interactive"`). */
export function metaInteractive(m: InteractiveInput): IDataObject {
	const footer = m.footer ? { footer: { text: m.footer } } : {};
	if (m.interactiveType === 'buttons') {
		return {
			type: 'button',
			body: { text: m.text },
			...footer,
			action: {
				buttons: m.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
			},
		};
	}
	return {
		type: 'list',
		body: { text: m.text },
		...footer,
		action: {
			button: m.listButtonText,
			sections: m.sections.map((s) => ({
				...(s.title ? { title: s.title } : {}),
				rows: s.rows.map((r) => ({
					id: r.id,
					title: r.title,
					...(r.description ? { description: r.description } : {}),
				})),
			})),
		},
	};
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

/** A list parameter as the editor stores it (`{ button: [...] }`), as an array, or as JSON text. */
function entries(value: unknown, key: string): unknown[] {
	let v = value;
	if (typeof v === 'string') {
		if (v.trim() === '') return [];
		try {
			v = JSON.parse(v);
		} catch {
			return [];
		}
	}
	if (Array.isArray(v)) return v;
	if (typeof v === 'object' && v !== null && Array.isArray((v as IDataObject)[key])) {
		return (v as IDataObject)[key] as unknown[];
	}
	return [];
}

const field = (o: unknown, name: string) =>
	typeof o === 'object' && o !== null ? str((o as IDataObject)[name]) : '';

export function readButtons(value: unknown): InteractiveButton[] {
	return entries(value, 'button').map((b) => ({ id: field(b, 'id'), title: field(b, 'title') }));
}

export function readSections(value: unknown): InteractiveSection[] {
	return entries(value, 'section').map((s) => ({
		title: field(s, 'title'),
		rows: entries(typeof s === 'object' && s !== null ? (s as IDataObject).rows : [], 'row').map(
			(r) => ({
				id: field(r, 'id'),
				title: field(r, 'title'),
				description: field(r, 'description'),
			}),
		),
	}));
}
