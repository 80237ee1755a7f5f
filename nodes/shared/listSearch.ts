import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { getFunction } from './catalogue';
import { callVicidial, checkReply, readCredentials, secretsOf } from './transport';

/**
 * Dropdowns loaded from VICIdial. Each runs one read-only Non-Agent function and filters the
 * rows by the typed text; a field also takes a typed ID or an expression.
 */

async function rows(this: ILoadOptionsFunctions, fn: string, params: Record<string, string> = {}): Promise<IDataObject[]> {
	const spec = getFunction('nonAgent', fn);
	const credentials = readCredentials(await this.getCredentials('vicidialApi'));
	const reply = await callVicidial.call(this, { spec, params, credentials, settings: { maxAttempts: 1, timeoutMs: 15_000 } });
	return checkReply({ node: this.getNode(), spec, parsed: reply.parsed, secrets: secretsOf(credentials) });
}

function results(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').toLowerCase();
	const seen = new Set<string>();
	const unique = items.filter((item) => {
		const key = String(item.value);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return {
		results: unique
			.filter((item) => !needle || item.name.toLowerCase().includes(needle) || String(item.value).toLowerCase().includes(needle))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const list = await rows.call(this, 'campaigns_list');
	return results(
		list.map((row) => ({ name: `${text(row.campaign_name)} (${text(row.campaign_id)})`, value: text(row.campaign_id) })),
		filter,
	);
}

export async function searchLoggedInAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const list = await rows.call(this, 'logged_in_agents');
	return results(
		list.map((row) => ({
			name: `${text(row.full_name)} (${text(row.user)}, ${text(row.status)}, ${text(row.campaign_id)})`,
			value: text(row.user),
		})),
		filter,
	);
}
