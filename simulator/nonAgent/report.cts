import { lines, sqlDate, type Handler, type HandlerContext, type SimReply } from '../context.cjs';
import type { SimAgentLog, SimCallLog } from '../state.cjs';
import { delimiter, mathZdc, round1, secConvert, toEpoch } from './leadUtils.cjs';
import { allowed, arg, denied } from './php.cjs';

/**
 * Reports, exports and call lookups (vicidial-api-notes.md §4.6). An empty search answers an
 * ERROR or NOTICE line, never empty data (notes §3).
 */

/** The read rights of the report functions: Agent API Access, view_reports, level 7+. */
const REPORTS = { minLevel: 7, api: true, rights: ['view_reports'] } as const;

const recordingLookup: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, REPORTS)) return denied('recording_lookup', 'GET RECORDING INFO', user, true);
	const agent = arg(ctx, 'agent_user');
	const leadId = arg(ctx, 'lead_id');
	const date = arg(ctx, 'date');
	const uniqueid = arg(ctx, 'uniqueid');
	const extension = arg(ctx, 'extension');
	// Each usable field adds to a score; lead_id and a logged uniqueid count double, 2 are needed.
	let ready = 0;
	const tests: ((r: (typeof ctx.state.recordings)[number]) => boolean)[] = [];
	if (uniqueid.length > 8) {
		const prefix = uniqueid.replace(/\..*$/, '');
		if (ctx.state.callLog.some((call) => call.uniqueid.startsWith(prefix))) {
			tests.push((r) => r.uniqueid.startsWith(prefix));
			ready += 2;
		}
	}
	if (agent.length > 2 && agent.length < 21) {
		tests.push((r) => r.user === agent);
		ready += 1;
	}
	if (leadId.length > 0 && leadId.length < 11) {
		tests.push((r) => String(r.lead_id) === leadId);
		ready += 2;
	}
	if (extension.length > 2 && extension.length < 101) {
		tests.push((r) => r.extension === extension);
		ready += 1;
	}
	if (date.length === 10) {
		tests.push((r) => r.start_time.startsWith(date));
		ready += 1;
	}
	const data = `${user}|${agent}|${leadId}|${date}|${uniqueid}`;
	if (ready < 2) return lines(`ERROR: recording_lookup INVALID SEARCH PARAMETERS: ${data}`);
	const found = ctx.state.recordings
		.filter((r) => tests.every((test) => test(r)))
		.sort((a, b) => (a.start_time < b.start_time ? -1 : a.start_time > b.start_time ? 1 : 0))
		.slice(0, 100000);
	if (found.length === 0) return lines(`ERROR: recording_lookup NO RECORDINGS FOUND - ${data}`);
	const dl = delimiter(arg(ctx, 'stage'));
	// The header never names the duration column, even with duration=Y.
	let output = arg(ctx, 'header') === 'YES' ? ['start_time', 'user', 'recording_id', 'lead_id', 'location'].join(dl) + '\n' : '';
	const withDuration = /Y/.test(arg(ctx, 'duration'));
	for (const r of found) {
		output += [r.start_time, r.user, r.recording_id, r.lead_id, ...(withDuration ? [r.length_in_sec] : []), r.location].join(dl) + '\n';
	}
	return output;
};

const didLogExport: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, REPORTS)) return denied('did_log_export', 'GET DID INFO', user, true);
	const did = arg(ctx, 'phone_number');
	const date = arg(ctx, 'date');
	const ready = (did.length > 0 && did.length < 21 ? 1 : 0) + (date.length === 10 ? 1 : 0);
	if (ready < 2) return lines(`ERROR: did_log_export INVALID SEARCH PARAMETERS: ${user}|${did}|${date}`);
	const calls = ctx.state.callLog
		.filter((call) => call.direction === 'IN' && call.did_pattern === did && call.call_date.startsWith(date))
		.sort((a, b) => (a.call_date < b.call_date ? -1 : 1))
		.slice(0, 100000);
	if (calls.length === 0) return lines(`ERROR: did_log_export NO RECORDS FOUND - ${user}|${arg(ctx, 'agent_user')}|${arg(ctx, 'lead_id')}|${date}`);
	const dl = delimiter(arg(ctx, 'stage'));
	let output = arg(ctx, 'header') === 'YES' ? ['did_number', 'call_date', 'caller_id_number', 'length_in_sec'].join(dl) + '\n' : '';
	// The rows swap two columns the header names in the docs' order (verified, notes §8.3):
	// did_number|caller_id_number|call_date|length_in_sec.
	for (const call of calls) output += [did, call.caller_id_number, call.call_date, call.length_in_sec].join(dl) + '\n';
	return output;
};

const phoneNumberLog: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, REPORTS)) return denied('phone_number_log', 'GET CALL LOG INFO', user, true);
	const numbers = arg(ctx, 'phone_number');
	const phones = numbers.length > 3 ? numbers.split(',').filter((phone) => phone.length > 3) : [];
	if (phones.length === 0) return lines(`ERROR: phone_number_log NO VALID PHONE NUMBERS DEFINED: ${user}|${numbers}|${arg(ctx, 'date')}`);
	const type = ['IN', 'OUT', 'ALL'].includes(arg(ctx, 'type')) ? arg(ctx, 'type') : 'OUT';
	const limit = arg(ctx, 'detail') === 'LAST' ? 1 : 100000;
	const dl = delimiter(arg(ctx, 'stage'));
	const leads = arg(ctx, 'archived_lead') === 'Y' ? ctx.state.archivedLeads : ctx.state.leads;
	let output = '';
	let found = 0;
	const newest = (a: SimCallLog, b: SimCallLog) => (a.call_date < b.call_date ? 1 : -1);
	for (const phone of phones) {
		for (const direction of ['OUT', 'IN'] as const) {
			if (type !== direction && type !== 'ALL') continue;
			const calls = ctx.state.callLog.filter((call) => call.direction === direction && call.phone_number === phone).sort(newest).slice(0, limit);
			if (calls.length === 0) continue;
			if (found === 0 && arg(ctx, 'header') === 'YES') {
				output += ['phone_number', 'call_date', 'list_id', 'length_in_sec', 'lead_status', 'hangup_reason', 'call_status', 'source_id', 'user'].join(dl) + '\n';
			}
			found++;
			for (const call of calls) {
				const lead = leads.get(call.lead_id);
				// lead_status is the lead's status now; call_status is the one logged with the call.
				output += [phone, call.call_date, call.list_id, call.length_in_sec, lead?.status ?? (direction === 'OUT' ? call.status : ''), call.term_reason, call.status, lead?.source_id ?? '', call.user].join(dl) + '\n';
			}
		}
	}
	if (found === 0) return lines(`NOTICE: phone_number_log NO RECORDS FOUND FOR THIS PHONE NUMBER - ${user}|${numbers}|${arg(ctx, 'lead_id')}|${arg(ctx, 'date')}`);
	return output;
};

/** One agent's (or agent-campaign's) totals, summed from vicidial_agent_log rows. */
interface AgentTotals {
	user: string;
	campaign: string;
	calls: number;
	pauses: number;
	sessions: number;
	pause: number;
	wait: number;
	talk: number;
	dispo: number;
	dead: number;
	/** First and last event of the group and the seconds of the last one (group_by_campaign caps login time with them). */
	startEpoch: number;
	endEpoch: number;
	endSec: number;
}

function agentTotals(rows: SimAgentLog[], byCampaign: boolean): AgentTotals[] {
	const totals: AgentTotals[] = [];
	let last = '';
	for (const row of rows) {
		const key = byCampaign ? `${row.campaign_id} ${row.user}` : row.user;
		if (totals.length === 0 || key.toLowerCase() !== last.toLowerCase()) {
			const startEpoch = toEpoch(row.event_time) || 0;
			totals.push({ user: row.user, campaign: row.campaign_id, calls: 0, pauses: 0, sessions: 0, pause: 0, wait: 0, talk: 0, dispo: 0, dead: 0, startEpoch, endEpoch: 0, endSec: 0 });
			last = key;
		}
		const t = totals[totals.length - 1];
		if (row.lead_id > 0) t.calls++;
		if (row.pause_sec > -1) t.pauses++;
		if (/LOGIN/.test(row.sub_status)) t.sessions++;
		t.pause += row.pause_sec;
		t.wait += row.wait_sec;
		t.talk += row.talk_sec;
		t.dispo += row.dispo_sec;
		t.dead += row.dead_sec;
		t.endEpoch = toEpoch(row.event_time) || 0;
		t.endSec = row.pause_sec + row.wait_sec + row.talk_sec + row.dispo_sec;
	}
	return totals;
}

const agentStatsExport: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, REPORTS)) return denied('agent_stats_export', 'GET AGENT INFO', user, true);
	const agent = arg(ctx, 'agent_user');
	const campaign = arg(ctx, 'campaign_id');
	const start = arg(ctx, 'datetime_start');
	const end = arg(ctx, 'datetime_end');
	const data = `${user}|${agent}|${start}|${end}|${campaign}`;
	// Both datetimes must be 19 characters, whatever else is given.
	if (start.length !== 19 || end.length !== 19) return lines(`ERROR: agent_stats_export INVALID SEARCH PARAMETERS: ${data}`);
	const byCampaign = arg(ctx, 'group_by_campaign') === 'YES';
	const rows = ctx.state.agentLog
		.filter((row) => (agent.length === 0 || row.user === agent) && (campaign.length === 0 || row.campaign_id === campaign) && row.event_time >= start && row.event_time <= end)
		.sort((a, b) => (byCampaign && a.campaign_id !== b.campaign_id ? (a.campaign_id < b.campaign_id ? -1 : 1) : a.user !== b.user ? (a.user < b.user ? -1 : 1) : a.agent_log_id - b.agent_log_id));
	if (rows.length === 0) return lines(`ERROR: agent_stats_export NO RECORDS FOUND - ${data}`);
	const dl = delimiter(arg(ctx, 'stage'));
	const format = arg(ctx, 'time_format') || 'HF';
	const columns = ['user', 'full_name', 'user_group', 'calls', 'login_time', 'total_talk_time', 'avg_talk_time', 'avg_wait_time', 'pct_of_queue', 'pause_time', 'sessions', 'avg_session', 'pauses', 'avg_pause_time', 'pause_pct', 'pauses_per_session', 'wait_time', 'talk_time', 'dispo_time', 'dead_time'];
	let output = arg(ctx, 'header') === 'YES' ? [...(byCampaign ? ['campaign_id'] : []), ...columns].join(dl) + '\n' : '';
	const totals = agentTotals(rows, byCampaign);
	const totalCalls = totals.reduce((sum, t) => sum + t.calls, 0);
	// The PHP averages talk time with the previous agent's value (its $cust_sec is set after use).
	let custSec = 0;
	for (const t of totals) {
		const account = ctx.state.users.get(t.user);
		// Only group_by_campaign records a start epoch; without it the cap never bites.
		const span = (t.endEpoch - (byCampaign ? t.startEpoch : 0)) + t.endSec;
		const login = Math.min(t.pause + t.wait + t.talk + t.dispo, span);
		const sessions = Math.max(t.sessions, 1);
		const avgCust = mathZdc(custSec, t.calls);
		const pausePct = t.pauses < 1 || login < 1 ? '100' : round1(mathZdc(t.pause, login) * 100);
		const called = t.calls >= 1;
		custSec = called ? t.talk - t.dead : 0;
		const cells = [
			t.user,
			account?.full_name ?? '',
			account?.user_group ?? '',
			t.calls,
			secConvert(login, format),
			secConvert(custSec, format),
			secConvert(Math.round(avgCust), format),
			secConvert(Math.round(mathZdc(t.wait, t.calls)), format),
			`${round1(mathZdc(t.calls, totalCalls) * 100)}%`,
			t.pause,
			sessions,
			secConvert(Math.round(mathZdc(login, sessions)), format),
			t.pauses,
			secConvert(Math.round(mathZdc(t.pause, t.pauses)), format),
			`${pausePct}%`,
			Math.round(mathZdc(t.pauses, sessions)),
			secConvert(called ? t.wait : 0, format),
			secConvert(called ? t.talk : 0, format),
			secConvert(called ? t.dispo : 0, format),
			secConvert(called ? t.dead : 0, format),
		];
		output += [...(byCampaign ? [t.campaign] : []), ...cells].join(dl) + '\n';
	}
	return output;
};

const callidInfo: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, REPORTS)) return denied('callid_info', 'GET CALL INFO', user, true);
	const callId = arg(ctx, 'call_id');
	if (!(callId.length > 17 && callId.length < 40 && /^(Y|J|V|M|DC|S|LP|VH|XL)/.test(callId))) return lines(`ERROR: callid_info INVALID SEARCH PARAMETERS: ${user}|${callId}`);
	const dl = delimiter(arg(ctx, 'stage'));
	const detail = arg(ctx, 'detail') === 'YES';
	let output = '';
	if (arg(ctx, 'header') === 'YES') {
		// The code's detail header (and rows) differ from the docs' `call_id,custtime,call_date,campaign_id,…`.
		output += (detail ? ['call_id', 'custtime', 'call_date', 'phone', 'call_type', 'campaign_id', 'list_id', 'status', 'user'] : ['call_id', 'custtime']).join(dl) + '\n';
	}
	const extended = ctx.state.callLog.find((call) => call.call_id === callId);
	if (!extended) return lines(`ERROR: callid_info CALL NOT FOUND: ${user}|${arg(ctx, 'agent_user')}`);
	const inbound = /^(Y|J|LP|VH)/.test(callId);
	const type = inbound ? 'INBOUND' : /^V/.test(callId) ? 'OUTBOUND_AUTO' : /^M/.test(callId) ? 'OUTBOUND_MANUAL' : 'OUTBOUND_OTHER';
	const log = ctx.state.callLog.find((call) => call.direction === (inbound ? 'IN' : 'OUT') && call.uniqueid === extended.uniqueid && call.lead_id === extended.lead_id);
	if (!log) return lines(`ERROR: callid_info CALL LOG NOT FOUND: ${user}|${arg(ctx, 'agent_user')}`);
	// Customer talk time: the agent's talk time on this call minus its dead time.
	const agentRow = ctx.state.agentLog.find((row) => row.uniqueid === log.uniqueid && row.lead_id === log.lead_id && row.user === log.user);
	const custTime = agentRow ? agentRow.talk_sec - agentRow.dead_sec : 0;
	const row = detail ? [callId, custTime, extended.call_date, log.phone_number, type, log.campaign_id, log.list_id, log.status, log.user] : [callId, custTime];
	return output + row.join(dl) + '\n';
};

/** `A-B` lists of call_status_stats and call_dispo_report; null for `---ALL---` or the ALL keyword. */
function dashList(value: string, allKeyword: string): string[] | null {
	const items = value.split('-');
	return items.includes(allKeyword) || /---ALL---/.test(value) ? null : items;
}

/** Calls of both logs between the report's start and end (query_date/query_time … end_date/end_time). */
function reportWindow(ctx: HandlerContext): [string, string] {
	const queryDate = arg(ctx, 'query_date') || sqlDate(ctx.now).slice(0, 10);
	const queryTime = (ctx.params.query_time ?? '').replace(/[^:0-9]/g, '') || '00:00:00';
	const endDate = arg(ctx, 'end_date') || queryDate;
	const endTime = (ctx.params.end_time ?? '').replace(/[^:0-9]/g, '') || '23:59:59';
	return [`${queryDate} ${queryTime}`, `${endDate} ${endTime}`];
}

const callStatusStats: Handler = (ctx) => {
	const { state, apiUser } = ctx;
	const user = apiUser.user;
	const campaignsParam = arg(ctx, 'campaigns');
	const source = ctx.params.source ?? '';
	// The campaigns check comes before the rights and borrows the invalid-source wording.
	if (campaignsParam.length < 2) return lines(`ERROR: call_status_stats INVALID OR MISSING CAMPAIGNS - ${source}`, `ERROR: Invalid Source: |${source}|`);
	if (!allowed(apiUser, { minLevel: 9, rights: ['view_reports'] })) return denied('call_status_stats', 'VIEW STATS', user, true);
	const [from, to] = reportWindow(ctx);
	const picked = dashList(campaignsParam, 'ALLCAMPAIGNS');
	const campaignIds = (picked ?? [...state.campaigns.keys()]).slice().sort();
	const humanAnswered = new Set([
		...state.systemStatuses.filter((s) => s.human_answered === 'Y').map((s) => s.status),
		...[...state.campaigns.values()].filter((c) => picked === null || picked.includes(c.campaign_id)).flatMap((c) => c.statuses.filter((s) => s.human_answered === 'Y').map((s) => s.status)),
	]);
	const statuses = arg(ctx, 'statuses') ? arg(ctx, 'statuses').split('-') : null;
	let ingroups: string[];
	if (arg(ctx, 'ingroups').length === 0) {
		const closer = [...state.campaigns.values()]
			.filter((c) => picked === null || picked.includes(c.campaign_id))
			.map((c) => (typeof c.closer_campaigns === 'string' ? c.closer_campaigns.trim().replace(/ -$/, '') : ''))
			.filter(Boolean);
		ingroups = [...new Set(closer.flatMap((list) => list.split(' ')))];
	} else {
		ingroups = arg(ctx, 'ingroups').split('-');
	}
	const line = (id: string, direction: 'OUT' | 'IN') => {
		const calls = state.callLog.filter((c) => c.direction === direction && c.campaign_id === id && c.call_date >= from && c.call_date <= to && (!statuses || statuses.includes(c.status)));
		const hours = Array.from({ length: 24 }, (_, h) => {
			const hh = String(h).padStart(2, '0');
			return `${hh}-${calls.filter((c) => c.call_date.slice(11, 13) === hh).length}`;
		});
		const byStatus = [...new Set(calls.map((c) => c.status))].sort().map((s) => `${s}-${calls.filter((c) => c.status === s).length}`);
		return `${id}|${calls.length}|${calls.filter((c) => humanAnswered.has(c.status)).length}|${hours.join(',')}|${byStatus.join(',')}|\n`;
	};
	return campaignIds.map((id) => line(id, 'OUT')).join('') + [...ingroups].sort().map((id) => line(id, 'IN')).join('');
};

/** A status count with its share of the row's total, as `show_percentages=1` prints it. */
function withPercent(count: number, total: number, percentages: boolean): string {
	return percentages ? `${count} (${((100 * count) / total).toFixed(1)}%)` : String(count);
}

const callDispoReport: Handler = (ctx) => {
	const { state, apiUser } = ctx;
	const user = apiUser.user;
	const source = ctx.params.source ?? '';
	const campaigns = arg(ctx, 'campaigns');
	const ingroups = arg(ctx, 'ingroups');
	const didPatterns = arg(ctx, 'did_patterns');
	const didIds = arg(ctx, 'did_ids');
	if (campaigns.length < 2 && ingroups.length < 2 && didIds.length < 1 && didPatterns.length < 2) {
		return lines(`ERROR: call_dispo_report INVALID OR MISSING CAMPAIGNS, INGROUPS, OR DIDS - ${source}`, `ERROR: Invalid Source: |${source}|`);
	}
	// The code labels this report's permission error as call_status_stats.
	if (!allowed(apiUser, { minLevel: 9, rights: ['view_reports'] })) return denied('call_status_stats', 'VIEW STATS', user, true);
	const [from, to] = reportWindow(ctx);
	const breakdown = arg(ctx, 'status_breakdown').length > 0;
	const percentages = breakdown && arg(ctx, 'show_percentages').length > 0;
	let statusFilter: string[] | null = null;
	if (arg(ctx, 'statuses') || arg(ctx, 'categories')) {
		const categories = arg(ctx, 'categories').split('-');
		const inCategory = [...state.systemStatuses, ...[...state.campaigns.values()].flatMap((c) => c.statuses)].filter((s) => categories.includes(s.category)).map((s) => s.status);
		const all = arg(ctx, 'statuses').split('-').includes('ALLSTATUSES') || /---ALL---/.test(arg(ctx, 'statuses')) || categories.includes('ALLCATEGORIES') || /---ALL---/.test(arg(ctx, 'categories'));
		statusFilter = all ? null : [...new Set([...arg(ctx, 'statuses').split('-'), ...inCategory])];
	}
	let userFilter: string[] | null = null;
	if (arg(ctx, 'users') || arg(ctx, 'user_groups')) {
		const groups = arg(ctx, 'user_groups').split('-');
		const usersParam = arg(ctx, 'users').split('-');
		const all = usersParam.includes('ALLUSERS') || /---ALL---/.test(arg(ctx, 'users')) || groups.includes('ALLGROUPS') || /---ALL---/.test(arg(ctx, 'user_groups'));
		userFilter = all ? null : [...new Set([...usersParam, ...[...state.users.values()].filter((u) => groups.includes(u.user_group)).map((u) => u.user)])];
	}
	const keep = (c: SimCallLog) => c.call_date >= from && c.call_date <= to && (!statusFilter || statusFilter.includes(c.status)) && (!userFilter || userFilter.includes(c.user));
	const seenStatuses: string[] = [];
	const grand = new Map<string, number>();
	let grandTotal = 0;
	/** Rows keyed by campaign, in-group or DID, with their status counts, in query order. */
	const tally = (calls: SimCallLog[], keyOf: (c: SimCallLog) => string) => {
		const rows = new Map<string, Map<string, number>>();
		for (const c of [...calls].sort((a, b) => (keyOf(a) + ' ' + a.status < keyOf(b) + ' ' + b.status ? -1 : 1))) {
			const row = rows.get(keyOf(c)) ?? new Map<string, number>();
			rows.set(keyOf(c), row);
			row.set('TOTAL CALLS', (row.get('TOTAL CALLS') ?? 0) + 1);
			grandTotal++;
			if (!breakdown) continue;
			if (!seenStatuses.includes(c.status)) seenStatuses.push(c.status);
			row.set(c.status, (row.get(c.status) ?? 0) + 1);
			grand.set(c.status, (grand.get(c.status) ?? 0) + 1);
		}
		return rows;
	};
	const sections: Map<string, Map<string, number>>[] = [];
	if (campaigns.length > 0) {
		const picked = dashList(campaigns, 'ALLCAMPAIGNS');
		sections.push(tally(state.callLog.filter((c) => c.direction === 'OUT' && (!picked || picked.includes(c.campaign_id)) && keep(c)), (c) => c.campaign_id));
	}
	if (ingroups.length > 0) {
		const picked = dashList(ingroups, 'ALLGROUPS');
		sections.push(tally(state.callLog.filter((c) => c.direction === 'IN' && (!picked || picked.includes(c.campaign_id)) && keep(c)), (c) => c.campaign_id));
	} else if (didPatterns.length > 0 || didIds.length > 0) {
		// DIDs are reported only when no in-groups are asked for.
		const patterns = didPatterns.split('-');
		const all = patterns.includes('ALLPATTERNS') || /---ALL---/.test(didPatterns) || /---ALL---/.test(didIds);
		sections.push(tally(state.callLog.filter((c) => c.direction === 'IN' && c.did_pattern !== '' && (all || patterns.includes(c.did_pattern)) && keep(c)), (c) => c.did_pattern));
	}
	let report = `CAMPAIGN,TOTAL CALLS${breakdown ? seenStatuses.map((s) => `,${s}`).join('') : ''}\n`;
	for (const rows of sections) {
		for (const [key, counts] of rows) {
			const total = counts.get('TOTAL CALLS') ?? 0;
			report += `${key},${total}`;
			// Each row's statuses are key-sorted while the header keeps first-seen order (as the PHP does).
			if (breakdown) report += [...seenStatuses].sort().map((s) => `,${withPercent(counts.get(s) ?? 0, total, percentages)}`).join('');
			report += '\n';
		}
	}
	report += `TOTAL,${grandTotal}` + [...grand.keys()].sort().map((s) => `,${withPercent(grand.get(s) ?? 0, grandTotal, percentages)}`).join('');
	// No newline after the TOTAL line: the PHP echoes the report as built.
	const reply: SimReply = { status: 200, body: report, contentType: Number(arg(ctx, 'file_download')) > 0 ? 'application/octet-stream' : 'text/plain;charset=UTF-8' };
	return reply;
};

export const reportHandlers: Record<string, Handler> = {
	recording_lookup: recordingLookup,
	did_log_export: didLogExport,
	phone_number_log: phoneNumberLog,
	agent_stats_export: agentStatsExport,
	callid_info: callidInfo,
	call_status_stats: callStatusStats,
	call_dispo_report: callDispoReport,
};
