// The template picker (for providers that list their templates): every template page, shown as name +
// languages; the language list follows the chosen template.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../shared/transport';
import type { TemplateOutput } from '../../shared/types';
import { openForLoadOptions, transportFor } from '../execute/context';

async function templates(ctx: ILoadOptionsFunctions): Promise<TemplateOutput[]> {
	const pc = await openForLoadOptions(ctx);
	if (!pc.adapter.listTemplates) return [];
	try {
		return await pc.adapter.listTemplates(transportFor(ctx, pc, DEFAULT_TRANSPORT_OPTIONS));
	} catch (error) {
		throw toNodeError(ctx.getNode(), error);
	}
}

export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const byName = new Map<
		string,
		{ languages: string[]; status: string | null; category: string | null }
	>();
	for (const t of await templates(this)) {
		const entry = byName.get(t.name) ?? { languages: [], status: t.status, category: t.category };
		if (t.language && !entry.languages.includes(t.language)) entry.languages.push(t.language);
		byName.set(t.name, entry);
	}
	return [...byName.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, e]) => ({
			name: e.languages.length ? `${name} (${e.languages.join(', ')})` : name,
			value: name,
			description: [e.category, e.status].filter(Boolean).join(' · ') || undefined,
		}));
}

export async function getTemplateLanguages(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const chosen = this.getCurrentNodeParameter('templateName');
	const languages = new Set<string>();
	for (const t of await templates(this)) {
		if ((chosen === undefined || chosen === '' || t.name === chosen) && t.language)
			languages.add(t.language);
	}
	return [...languages].sort().map((language) => ({ name: language, value: language }));
}
