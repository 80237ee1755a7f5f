import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { getFunction } from './catalogue';
import { plain } from './parameters';
import { checkReply } from './reply';
import { credentialSecrets } from './secrets';
import { callVicidial, readCredentials } from './transport';

/**
 * Dropdowns loaded from VICIdial. Each runs one read-only Non-Agent function and filters the
 * rows by the typed text; a field also takes a typed ID or an expression.
 */

async function rows(this: ILoadOptionsFunctions, fn: string, params: Record<string, string> = {}): Promise<IDataObject[]> {
	const spec = getFunction('nonAgent', fn);
	const credentials = readCredentials(await this.getCredentials('vicidialApi'));
	const reply = await callVicidial.call(this, { spec, params, credentials, settings: { maxAttempts: 1, timeoutMs: 15_000 } });
	return checkReply({ node: this.getNode(), spec, parsed: reply.parsed, secrets: credentialSecrets(credentials) });
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

export async function searchLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	// list_custom_fields with ---ALL--- is the only Non-Agent call that lists every list.
	const list = await rows.call(this, 'list_custom_fields', { list_id: '---ALL---' });
	return results(
		list.map((row) => ({ name: `${text(row.list_name)} (${text(row.list_id)}, ${text(row.campaign_id)})`, value: text(row.list_id) })),
		filter,
	);
}

/** VICIdial cannot list all users over the API: the logged-in agents are offered, any ID can be typed. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const list = await rows.call(this, 'logged_in_agents');
	return results(
		list.map((row) => ({ name: `${text(row.full_name)} (${text(row.user)})`, value: text(row.user) })),
		filter,
	);
}

/** User groups seen on logged-in agents and as campaign owners (VICIdial has no user group list). */
export async function searchUserGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const [agents, campaigns] = await Promise.all([rows.call(this, 'logged_in_agents'), rows.call(this, 'campaigns_list')]);
	const groups = [...agents.map((row) => text(row.user_group)), ...campaigns.map((row) => text(row.user_group))].filter(
		(group) => group !== '' && !group.startsWith('---'),
	);
	return results(
		groups.map((group) => ({ name: group, value: group })),
		filter,
	);
}

/** In-groups from the `ingroup_list` picker (HTML: `choose_file('ID',…)` then the name cell). */
export async function searchInGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const [reply] = await rows.call(this, 'ingroup_list');
	const html = text(reply?.html);
	const items: INodeListSearchItems[] = [];
	// The link text may be wrapped in <font …> before `</a>`; the name is the next cell's text.
	const pattern = /choose_file\('([^']+)'[\s\S]*?<\/a>[\s\S]*?<\/td>\s*<td[^>]*>(?:<[^>]+>)*([^<]*)/g;
	for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
		const name = match[2].trim();
		items.push({ name: name ? `${name} (${match[1]})` : match[1], value: match[1] });
	}
	return results(items, filter);
}

/**
 * Statuses: VICIdial's default system statuses (VICIDIAL_statuses.txt) plus those the chosen
 * campaign used today (call_status_stats); the API has no call that lists a campaign's statuses.
 */
export async function searchStatuses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const defaults: Array<[string, string]> = [
		['A', 'Answering Machine'],
		['AA', 'Answering Machine Auto'],
		['AB', 'Busy Auto'],
		['ADC', 'Disconnected Number Auto'],
		['AFAX', 'Fax Machine Auto'],
		['B', 'Busy'],
		['CALLBK', 'Call Back'],
		['DC', 'Disconnected Number'],
		['DEC', 'Declined Sale'],
		['DNC', 'Do Not Call'],
		['DROP', 'Agent Not Available'],
		['N', 'No Answer'],
		['NA', 'No Answer Autodial'],
		['NI', 'Not Interested'],
		['NP', 'No Pitch No Price'],
		['SALE', 'Sale Made'],
		['XFER', 'Call Transferred'],
	];
	const items: INodeListSearchItems[] = defaults.map(([status, name]) => ({ name: `${name} (${status})`, value: status }));
	const campaign = campaignParameter.call(this);
	if (campaign) {
		const stats = await rows.call(this, 'call_status_stats', { campaigns: campaign });
		for (const row of stats) {
			// status_breakdown: `SALE-3,NI-2` (status-count pairs).
			for (const pair of text(row.status_breakdown).split(',')) {
				const status = pair.split('-')[0];
				if (status) items.push({ name: status, value: status });
			}
		}
	}
	return results(items, filter);
}

/** The Campaign field of the current operation, when it is set. */
function campaignParameter(this: ILoadOptionsFunctions): string {
	// Undefined on operations without a Campaign field: the default statuses alone are offered.
	const value = this.getCurrentNodeParameter('campaignId', { extractValue: true });
	if (typeof value === 'string' && value !== '') return value;
	// Where Campaign is optional it sits in Additional Fields (update_lead's Status).
	const additional = this.getCurrentNodeParameter('additionalFields') as { campaignId?: unknown } | undefined;
	const nested = plain(additional?.campaignId);
	return typeof nested === 'string' ? nested : '';
}
