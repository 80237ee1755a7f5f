import { epoch, lines, type Handler } from '../context.cjs';
import { campaignOfList, delimiter, dialable, insertHopper, listCallTime, toEpoch } from './leadUtils.cjs';
import { allowed, apiUserCampaigns, arg, campaignAllowed, denied } from './php.cjs';

/**
 * hopper_list and hopper_bulk_insert (vicidial-api-notes.md §4.2). hopper_bulk_insert came with
 * build 250720-1841; its replies follow the notes and NON-AGENT_API.txt.
 */

/**
 * The last-call age hopper_list prints: hours under a day, days under a year, then years, or
 * NEVER. The unit goes through `_QXZ(…, 6)`, which pads it to six characters (`0 HOURS `).
 */
function lastCallAge(lastCall: string, leadGmt: string, serverGmt: string, nowEpoch: number): string {
	// The PHP shifts the lead's last local call time by the lead-to-server gmt difference.
	const shifted = (toEpoch(lastCall) || 0) + (Number(leadGmt) - Number(serverGmt)) * 3600;
	let age = Math.trunc((nowEpoch - shifted) / 3600);
	if (age < 24) return `${age} ${'HOURS'.padEnd(6)}`;
	age = Math.trunc(age / 24);
	if (age < 365) return `${age} ${'DAYS'.padEnd(6)}`;
	age = Math.trunc(age / 365);
	return age < 30 ? `${age} ${'YEARS'.padEnd(6)}` : 'NEVER'.padEnd(9);
}

const hopperList: Handler = (ctx) => {
	const { state, apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, rights: ['view_reports'] })) return denied('hopper_list', 'GET CAMPAIGN INFO', user, true);
	const campaignId = arg(ctx, 'campaign_id');
	const campaigns = apiUserCampaigns(ctx);
	if (!state.campaigns.has(campaignId) || !campaignAllowed(campaigns, campaignId)) {
		return lines(`ERROR: hopper_list THIS CAMPAIGN DOES NOT EXIST: |${user}|${campaignId}`);
	}
	const entries = state.hopper
		.filter((entry) => entry.status === 'READY' && entry.campaign_id === campaignId)
		.sort((a, b) => b.priority - a.priority || a.hopper_id - b.hopper_id)
		.slice(0, 10000);
	if (entries.length === 0) return lines(`ERROR: hopper_list THERE ARE NO LEADS IN THE HOPPER FOR THIS CAMPAIGN: ${user}|${campaignId}`);
	const dl = delimiter(arg(ctx, 'stage'));
	const columns = ['hopper_order', 'priority', 'lead_id', 'list_id', 'phone_number', 'phone_code', 'state', 'status', 'count', 'gmt_offset', 'rank', 'alt', 'hopper_source', 'vendor_lead_code', 'source_id', 'age_days', 'last_call_time'];
	let output = arg(ctx, 'header') === 'YES' ? columns.join(dl) + '\n' : '';
	const nowEpoch = epoch(now);
	entries.forEach((entry, order) => {
		const lead = state.leads.get(entry.lead_id);
		const gmt = lead?.gmt_offset_now ?? '';
		const ageDays = lead ? Math.trunc((nowEpoch - (toEpoch(lead.entry_date) || 0)) / 86400) : 0;
		const row = [
			order,
			entry.priority,
			entry.lead_id,
			entry.list_id,
			lead?.phone_number ?? '',
			lead?.phone_code ?? '',
			lead?.state ?? '',
			lead?.status ?? '',
			lead?.called_count ?? '',
			gmt,
			lead?.rank ?? '',
			entry.alt_dial,
			entry.source,
			entry.vendor_lead_code,
			lead?.source_id ?? '',
			ageDays,
			lastCallAge(lead?.last_local_call_time ?? '', gmt, state.system.tz, nowEpoch),
		];
		output += row.join(dl) + '\n';
	});
	return output;
};

const hopperBulkInsert: Handler = (ctx) => {
	const { state, apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, rights: ['modify_campaigns'] })) {
		// No verified reply; the docs show the ` - ` form.
		return lines(`ERROR: hopper_bulk_insert USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE HOPPER - ${user}|0`);
	}
	const ids = arg(ctx, 'lead_ids')
		.split(',')
		.filter((id) => id.length > 0 && id.length < 10)
		.slice(0, 1000);
	let out = '';
	let inserted = 0;
	let skipped = 0;
	let lastHopperId = 0;
	for (const id of ids) {
		const lead = state.leads.get(Number(id));
		const campaignId = lead ? campaignOfList(state, lead.list_id) : '';
		let notice = '';
		if (!lead) notice = `NOT ADDED TO HOPPER, LEAD NOT FOUND - ${id}`;
		else if (!state.campaigns.has(campaignId)) notice = `NOT ADDED TO HOPPER, CAMPAIGN DOES NOT EXIST - ${lead.list_id}|${id}`;
		else if (state.hopper.some((entry) => entry.lead_id === lead.lead_id)) notice = `NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER - ${id}`;
		else if (arg(ctx, 'hopper_local_call_time_check') === 'Y') {
			const ok = dialable(listCallTime(state, lead.list_id), lead.gmt_offset_now, now);
			if (ok < 1) notice = `NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME - ${lead.phone_number}|${id}|${lead.gmt_offset_now}|${lead.state}|${ok}`;
		}
		if (notice || !lead) {
			skipped++;
			out += `NOTICE: hopper_bulk_insert ${notice}\n`;
			continue;
		}
		lastHopperId = insertHopper(state, lead, campaignId, lead.list_id, arg(ctx, 'hopper_priority'));
		inserted++;
		out += `NOTICE: hopper_bulk_insert LEAD ADDED TO HOPPER - ${lead.phone_number}|${id}|${lastHopperId}|${user}\n`;
	}
	if (inserted === 0) return `${out}ERROR: hopper_bulk_insert NO LEADS HAVE BEEN INSERTED INTO THE HOPPER - ${skipped}|${inserted}|${user}\n`;
	return `${out}SUCCESS: hopper_bulk_insert LEADS HAVE BEEN INSERTED INTO THE HOPPER - ${inserted}|${skipped}|${lastHopperId}|${user}\n`;
};

export const hopperHandlers: Record<string, Handler> = {
	hopper_list: hopperList,
	hopper_bulk_insert: hopperBulkInsert,
};
