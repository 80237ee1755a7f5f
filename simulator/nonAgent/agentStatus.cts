import { delimiterFor, epoch, sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import type { SimLiveAgent, SimState } from '../state.cjs';
import { dashLine, setting } from './adminReplies.cjs';
import { phoneByLogin } from './phone.cjs';
import { allowed, arg, campaignAllowed, denied, groupCampaigns } from './php.cjs';

/** The read functions here need API access, "view reports" and level 7; their error ends `|user|0|`. */
const reportsDenied = (ctx: HandlerContext, fn: string, what: string) =>
	allowed(ctx.apiUser, { minLevel: 7, api: true, rights: ['view_reports'] }) ? undefined : denied(fn, what, ctx.apiUser.user, true);

/**
 * The real-time sub-status agent_status and logged_in_agents compute (notes §4.5): DISPO or
 * PREVIEW while paused with a lead, 3-WAY/DEAD/DIAL while in a call, else empty. PARK and RING
 * need Asterisk tables the simulator does not keep; a value the Agent API side stored in
 * `sub_status` fills in when nothing is computed. The simulator keeps a previewed lead in
 * `lead_id`, where VICIdial has `preview_lead_id`, so the lead column needs no swap.
 */
function realTimeSubStatus(state: SimState, agent: SimLiveAgent): string {
	let subStatus = '';
	const leadId = agent.lead_id;
	if (agent.status === 'PAUSED' && agent.lead_id > 0) subStatus = 'DISPO';
	if (agent.status === 'PAUSED' && agent.preview) subStatus = 'PREVIEW';
	if (agent.status === 'INCALL') {
		const sameLead = [...state.liveAgents.values()].filter((other) => other.status === 'INCALL' && leadId > 0 && other.lead_id === leadId);
		if (sameLead.length > 1) subStatus = '3-WAY';
		if (!agent.call) subStatus = 'DEAD';
		else if (agent.call.call_type === 'MANUAL' && agent.call.uniqueid.length < 5 && agent.call.channel.length < 5) subStatus = 'DIAL';
	}
	return subStatus || agent.sub_status;
}

/**
 * agent_status: one agent's live row. The header is the observed one (`status|callerid|…|session_id`,
 * notes §7.4); `computer_ip` is added to it only with include_ip=YES. The PHP looks the IP up in
 * login records older than two days (an inverted date test), so a current login prints none.
 */
const agent_status: Handler = (ctx) => {
	const denied = reportsDenied(ctx, 'agent_status', 'GET AGENT INFO');
	if (denied) return denied;
	const { state, apiUser } = ctx;
	const agentUser = arg(ctx, 'agent_user');
	if (agentUser.length < 1 || agentUser.length > 99) return `ERROR: agent_status INVALID SEARCH PARAMETERS: ${apiUser.user}|${agentUser}\n`;
	const user = state.users.get(agentUser);
	if (!user) return `ERROR: agent_status AGENT NOT FOUND: ${apiUser.user}|${agentUser}\n`;
	const agent = state.liveAgents.get(agentUser);
	if (!agent) return `ERROR: agent_status AGENT NOT LOGGED IN: ${apiUser.user}|${agentUser}\n`;
	const DL = delimiterFor(arg(ctx, 'stage'));
	const includeIp = arg(ctx, 'include_ip') === 'YES';
	const columns = [
		'status',
		'callerid',
		'lead_id',
		'campaign_id',
		'calls_today',
		'full_name',
		'user_group',
		'user_level',
		'pause_code',
		'real_time_sub_status',
		'phone_number',
		'vendor_lead_code',
		'session_id',
	];
	const header = arg(ctx, 'header') === 'YES' ? `${[...columns, ...(includeIp ? ['computer_ip'] : [])].join(DL)}\n` : '';
	const subStatus = realTimeSubStatus(state, agent);
	const leadId = agent.lead_id;
	const lead = leadId > 0 ? state.leads.get(leadId) : undefined;
	let phoneNumber = lead?.phone_number ?? '';
	if (agent.call && agent.call.phone_number.length > 3) phoneNumber = agent.call.phone_number;
	const row = [
		agent.status,
		agent.call?.call_id ?? '',
		leadId,
		agent.campaign_id,
		agent.calls_today,
		user.full_name,
		user.user_group,
		user.user_level,
		agent.pause_code,
		subStatus,
		phoneNumber,
		lead?.vendor_lead_code ?? '',
		agent.session_id,
	];
	return `${header}${row.join(DL)}\n`;
};

/**
 * logged_in_agents: one row per live agent, filtered by campaigns and user_groups (pipe lists).
 * pause_code and sub_status are two extra columns with show_sub_status=YES (verified row
 * `1000|TESTCAMP|8600051|PAUSED|0||0|Test Agent|ADMIN|1||`). None found:
 * `ERROR: logged_in_agents NO LOGGED IN AGENTS: <user>|`.
 */
const logged_in_agents: Handler = (ctx) => {
	const denied = reportsDenied(ctx, 'logged_in_agents', 'GET AGENT INFO');
	if (denied) return denied;
	const { state, apiUser } = ctx;
	const allowed = groupCampaigns(state, apiUser.user_group);
	const campaigns = arg(ctx, 'campaigns');
	const userGroups = arg(ctx, 'user_groups');
	const campaignFilter = campaigns.length > 0 ? new Set(campaigns.split('|')) : null;
	const groupFilter = userGroups.length > 0 ? new Set(userGroups.split('|')) : null;
	const DL = delimiterFor(arg(ctx, 'stage'));
	const subStatus = arg(ctx, 'show_sub_status') === 'YES';
	const columns = [
		'user',
		'campaign_id',
		'session_id',
		'status',
		'lead_id',
		'callerid',
		'calls_today',
		'full_name',
		'user_group',
		'user_level',
		...(subStatus ? ['pause_code', 'sub_status'] : []),
	];
	let rows = '';
	for (const agent of state.liveAgents.values()) {
		if (!campaignAllowed(allowed, agent.campaign_id) || (campaignFilter && !campaignFilter.has(agent.campaign_id))) continue;
		const user = state.users.get(agent.user);
		if (!user || (groupFilter && !groupFilter.has(user.user_group))) continue;
		const extra = subStatus ? [agent.pause_code, realTimeSubStatus(state, agent)] : [];
		rows += `${[agent.user, agent.campaign_id, agent.session_id, agent.status, agent.lead_id, agent.call?.call_id ?? '', agent.calls_today, user.full_name, user.user_group, user.user_level, ...extra].join(DL)}\n`;
	}
	if (rows.length === 0) return `ERROR: logged_in_agents NO LOGGED IN AGENTS: ${apiUser.user}|${arg(ctx, 'agent_user')}\n`;
	return (arg(ctx, 'header') === 'YES' ? `${columns.join(DL)}\n` : '') + rows;
};

/** The counters user_group_status and in_group_status share, from live agents' states. */
interface AgentCounts {
	total: number;
	inCalls: number;
	waiting: number;
	paused: number;
	dead: number;
	dispo: number;
	inDial: number;
}

/**
 * How the status functions count one agent: READY/PAUSED with a lead is DISPO; INCALL without a
 * live call is DEAD (user_group_status only) and a manual call still ringing is DIAL.
 */
function countAgent(counts: AgentCounts, agent: SimLiveAgent, detectDead: boolean): void {
	let status: string = agent.status;
	if ((status === 'READY' || status === 'PAUSED') && agent.lead_id > 0) status = 'DISPO';
	if (status === 'INCALL' && detectDead) {
		if (!agent.call) status = 'DEAD';
		else if (agent.call.call_type === 'MANUAL' && agent.call.uniqueid.length < 5 && agent.call.channel.length < 5) status = 'DIAL';
	}
	if (status === 'DEAD') counts.dead += 1;
	if (status === 'DISPO') counts.dispo += 1;
	if (status === 'PAUSED') counts.paused += 1;
	if (/INCALL|DIAL|QUEUE|PARK/.test(status)) counts.inCalls += 1;
	if (/DIAL/.test(status)) counts.inDial += 1;
	if (/READY|CLOSER/.test(status)) counts.waiting += 1;
	counts.total += 1;
}

const emptyCounts = (): AgentCounts => ({ total: 0, inCalls: 0, waiting: 0, paused: 0, dead: 0, dispo: 0, inDial: 0 });

/** Calls waiting in a queue: the in-groups' LIVE calls (vicidial_auto_calls status LIVE). */
function waitingCalls(state: SimState, groupIds?: Set<string>): number {
	let waiting = 0;
	for (const group of state.inGroups.values()) if (!groupIds || groupIds.has(group.group_id)) waiting += group.calls_waiting;
	return waiting;
}

/**
 * user_group_status: one line for all the groups asked (names joined with spaces). calls_waiting
 * counts every LIVE call the API user may see, not only the groups' (as in the PHP).
 */
const user_group_status: Handler = (ctx) => {
	const denied = reportsDenied(ctx, 'user_group_status', 'GET USER GROUP INFO');
	if (denied) return denied;
	const { state, apiUser } = ctx;
	const userGroups = arg(ctx, 'user_groups');
	if (userGroups.length < 1 || userGroups.length > 9999) return `ERROR: user_group_status INVALID SEARCH PARAMETERS: ${apiUser.user}|${userGroups}\n`;
	const groups = new Set(userGroups.split('|'));
	const counts = emptyCounts();
	for (const agent of state.liveAgents.values()) {
		const user = state.users.get(agent.user);
		if (user && groups.has(user.user_group)) countAgent(counts, agent, true);
	}
	const DL = delimiterFor(arg(ctx, 'stage'));
	const columns = [
		'usergroups',
		'calls_waiting',
		'agents_logged_in',
		'agents_in_calls',
		'agents_waiting',
		'agents_paused',
		'agents_in_dead_calls',
		'agents_in_dispo',
		'agents_in_dial',
	];
	const header = arg(ctx, 'header') === 'YES' ? `${columns.join(DL)}\n` : '';
	const row = [
		userGroups.replace(/\|/g, ' '),
		waitingCalls(state),
		counts.total,
		counts.inCalls,
		counts.waiting,
		counts.paused,
		counts.dead,
		counts.dispo,
		counts.inDial,
	];
	return `${header}${row.join(DL)}\n`;
};

/** The in-groups an agent takes calls from: its selected closer_campaigns, ` A B -`. */
const agentInGroups = (agent: SimLiveAgent) =>
	agent.closer_campaigns
		.replace(/-$/, '')
		.split(' ')
		.filter((id) => id.length > 0);

/**
 * in_group_status: one line for all the in-groups asked. Agents are those with one of the groups
 * selected; total_calls adds the calls agents have from those groups to the waiting ones.
 */
const in_group_status: Handler = (ctx) => {
	const denied = reportsDenied(ctx, 'in_group_status', 'GET IN-GROUP INFO');
	if (denied) return denied;
	const { state, apiUser } = ctx;
	const inGroups = arg(ctx, 'in_groups');
	if (inGroups.length < 1 || inGroups.length > 9999) return `ERROR: in_group_status INVALID SEARCH PARAMETERS: ${apiUser.user}|${inGroups}\n`;
	const groups = new Set(inGroups.split('|'));
	const counts = emptyCounts();
	let answered = 0;
	for (const agent of state.liveAgents.values()) {
		if (agent.call?.call_type === 'IN' && groups.has(agent.call.group)) answered += 1;
		if (agentInGroups(agent).some((id) => groups.has(id)) && state.users.has(agent.user)) countAgent(counts, agent, false);
	}
	const waiting = waitingCalls(state, groups);
	const DL = delimiterFor(arg(ctx, 'stage'));
	const columns = [
		'ingroups',
		'total_calls',
		'calls_waiting',
		'agents_logged_in',
		'agents_in_calls',
		'agents_waiting',
		'agents_paused',
		'agents_in_dispo',
		'agents_in_dial',
	];
	const header = arg(ctx, 'header') === 'YES' ? `${columns.join(DL)}\n` : '';
	const row = [
		inGroups.replace(/\|/g, ' '),
		waiting + answered,
		waiting,
		counts.total,
		counts.inCalls,
		counts.waiting,
		counts.paused,
		counts.dispo,
		counts.inDial,
	];
	return `${header}${row.join(DL)}\n`;
};

/** The HTML of agent_ingroup_info for stage=info and stage=change (the PHP's markup). */
function ingroupHtml(ctx: HandlerContext, agent: SimLiveAgent, fullName: string, change: boolean): string {
	const { state } = ctx;
	const agentUser = agent.user;
	const campaign = state.campaigns.get(agent.campaign_id);
	const inboundAllowed = campaign !== undefined && setting(campaign, 'campaign_allow_inbound') === 'Y' && campaign.dial_method !== 'MANUAL';
	const autodialAllowed = campaign !== undefined && !['MANUAL', 'INBOUND_MAN'].includes(campaign.dial_method);
	const closerGroups = (inboundAllowed && campaign ? setting(campaign, 'closer_campaigns') : '').replace(/-$/, '').split(' ');
	const selected = new Set(agentInGroups(agent));
	const manager = 'N';
	let out = '<TABLE WIDTH=680 CELLPADDING=0 CELLSPACING=5 BGCOLOR="#D9E6FE"><TR><TD ALIGN=LEFT>\n';
	out += `Agent: ${agentUser} - ${fullName} </TD><TD>\n`;
	out += ` &nbsp; Campaign: ${agent.campaign_id}</TD><TD>\n`;
	out += '<a href="#" onclick="hide_ingroup_info();">Close</a></TD></TR><TR><TD COLSPAN=3 BGCOLOR="#CCCCFF">\n';
	const groups = closerGroups.filter((id) => id.length > 1);
	const name = (id: string) => state.inGroups.get(id)?.group_name ?? '';
	if (change && ctx.apiUser.change_agent_campaign) {
		out += '<TABLE CELLPADDING=0 CELLSPACING=3 BORDER=0>\n';
		out += '<TR><TD ALIGN=RIGHT VALIGN=TOP>Selected In-Groups: </TD><TD ALIGN=LEFT>\n';
		out += `<INPUT TYPE=HIDDEN NAME=agent_user ID=agent_user value="${agentUser}">\n`;
		out += '<SELECT SIZE=10 NAME=ingroup_new_selections ID=ingroup_new_selections multiple>\n';
		for (const id of groups) out += `<option value="${id}"${selected.has(id) ? ' SELECTED' : ''}>${id} - ${name(id)}</option>\n`;
		if (groups.length < 1) out += '<option value="">No In-Groups Allowed</option>\n';
		out += '</SELECT><BR></TD></TR>\n';
		out += '<TR><TD ALIGN=RIGHT>Change, Add, Remove:\n</TD><TD ALIGN=LEFT>\n';
		out += '<SELECT SIZE=1 NAME=ingroup_add_remove_change ID=ingroup_add_remove_change>\n';
		out += '<option value="CHANGE">CHANGE - Set in-groups to those selected above</option>\n';
		out += '<option value="ADD">ADD - Add in-groups selected above to agent selected</option>\n';
		out += '<option value="REMOVE">REMOVE - Remove in-groups selected above from agent selected</option>\n';
		out += '</SELECT>\n</TD></TR>\n';
		const blended = autodialAllowed ? agent.outbound_autodial : 'N';
		out += '<TR><TD ALIGN=RIGHT>Blended Outbound Autodial:\n</TD><TD ALIGN=LEFT>\n';
		out += `<SELECT SIZE=1 NAME=blended ID=blended${autodialAllowed ? '' : ' DISABLED'}>\n`;
		out += `<option value="YES"${blended === 'Y' ? ' SELECTED' : ''}>Yes</option>\n`;
		out += `<option value="NO"${blended === 'N' ? ' SELECTED' : ''}>No</option>\n`;
		out += '</SELECT>\n</TD></TR>\n';
		out += '<TR><TD ALIGN=RIGHT>Set As User Default:\n</TD><TD ALIGN=LEFT>\n';
		out += `<SELECT SIZE=1 NAME=set_as_default ID=set_as_default${ctx.apiUser.modify_users ? '' : ' DISABLED'}>\n`;
		out += '<option value="YES">Yes</option>\n<option value="NO" SELECTED>No</option>\n';
		out += '</SELECT>\n</TD></TR>\n';
		out += '<TR><TD ALIGN=CENTER COLSPAN=2>\n';
		out += `<INPUT TYPE=BUTTON NAME=SUBMIT ID=SUBMIT VALUE="Submit Changes" onclick="submit_ingroup_changes('${agentUser}')">\n`;
		out += '</TD></TR>\n</TABLE>\n</TD></TR></TABLE>\n';
		return out;
	}
	out += '<TABLE CELLPADDING=0 CELLSPACING=3 BORDER=0>\n';
	for (const id of groups) out += `<TR><TD>${id}${selected.has(id) ? ' *' : ''}</TD><TD>${name(id)}</TD></TR>\n`;
	if (groups.length < 1) out += '<TR><TD>No In-Groups Allowed</TD></TR>\n';
	out += '</TABLE><BR>\n';
	out += `SELECTED INGROUPS: ${agent.closer_campaigns}<BR>\n`;
	out += `OUTBOUND AUTODIAL: ${agent.outbound_autodial}<BR>\n`;
	out += `MANAGER OVERRIDE: ${manager}<BR>\n`;
	out += 'MANAGER: <BR>\n\n</TD></TR></TABLE>\n';
	return out;
}

/**
 * agent_ingroup_info: a logged-in agent's in-groups. stage=text prints a SUCCESS line with an
 * empty reason, then the values and a blank line (verified `SUCCESS:  - 1000|text`,
 * `SELECTED INGROUPS: …`, `OUTBOUND AUTODIAL: N`, `MANAGER OVERRIDE: N`, `MANAGER: `); other
 * stages print the admin screen's HTML. Unknown and logged-out agents are both INVALID USER ID.
 */
const agent_ingroup_info: Handler = (ctx) => {
	const { state, apiUser } = ctx;
	if (!allowed(apiUser, { minLevel: 7, api: true })) return denied('agent_ingroup_info', 'GET AGENT INFO', apiUser.user, true);
	const agentUser = arg(ctx, 'agent_user');
	const user = state.users.get(agentUser);
	const agent = state.liveAgents.get(agentUser);
	if (!user || !agent) return `ERROR: agent_ingroup_info INVALID USER ID - ${agentUser}|${apiUser.user}\n`;
	const stage = arg(ctx, 'stage');
	if (stage === 'text') {
		// manager_ingroup_set is 'N' and external_igb_set_user empty until a manager forces in-groups.
		return `SUCCESS:  - ${agentUser}|${stage}\nSELECTED INGROUPS: ${agent.closer_campaigns}\nOUTBOUND AUTODIAL: ${agent.outbound_autodial}\nMANAGER OVERRIDE: N\nMANAGER: \n\n`;
	}
	return ingroupHtml(ctx, agent, user.full_name, stage === 'change');
};

/** `127.0.0.1` → `127*000*000*001*`: the server part of a conference dial string. */
const dialStringPrefix = (serverIp: string) =>
	serverIp
		.split('.')
		.map((part) => part.padStart(3, '0'))
		.map((part) => `${part}*`)
		.join('');

/** Meetme conferences 8600001-8600299 exist on every server (vicidial_conferences), used or not. */
function conferenceExists(state: SimState, sessionId: string, serverIp: string): boolean {
	if (!state.admin.servers.some((server) => server.server_ip === serverIp)) return false;
	const n = Number(sessionId);
	if (/^\d{7}$/.test(sessionId) && n >= 8600001 && n <= 8600299) return true;
	return [...state.liveAgents.values()].some((agent) => agent.session_id === sessionId && agent.server_ip === serverIp);
}

/**
 * blind_monitor: queues an Originate in vicidial_manager that calls phone_login into the
 * session; Asterisk does the rest. Verified
 * `SUCCESS: blind_monitor HAS BEEN LAUNCHED - 55000|127*000*000*001*08600051|55000|8600051|1|6666`
 * (login|dial string|dialplan number|session|manager id|user).
 */
const blind_monitor: Handler = (ctx) => {
	const { state, apiUser } = ctx;
	if (!allowed(apiUser, { minLevel: 7, api: true })) return denied('blind_monitor', 'BLIND MONITOR', apiUser.user, true);
	const sessionId = arg(ctx, 'session_id');
	const serverIp = arg(ctx, 'server_ip');
	const phoneLogin = arg(ctx, 'phone_login');
	if (!conferenceExists(state, sessionId, serverIp)) return `ERROR: blind_monitor INVALID SESSION ID - ${sessionId}|${serverIp}|${apiUser.user}\n`;
	const phone = phoneByLogin(state, phoneLogin);
	if (!phone) return `ERROR: blind_monitor INVALID PHONE LOGIN - ${phoneLogin}|${apiUser.user}\n`;
	const server = state.admin.servers.find((s) => s.server_ip === serverIp);
	const confbridge = server?.conf_engine === 'CONFBRIDGE';
	let stage = arg(ctx, 'stage');
	let cidPrefix = 'BM';
	if (/MONITOR/.test(stage) || stage.length < 1) stage = confbridge ? '4' : '0';
	if (/BARGE/.test(stage)) {
		stage = confbridge ? '6' : '';
		cidPrefix = 'BB';
	}
	if (/HIJACK/.test(stage)) {
		stage = '';
		cidPrefix = 'BB';
	}
	if (/WHISPER/.test(stage)) {
		if (state.admin.settings.agent_whisper_enabled) {
			stage = '47378218';
			cidPrefix = 'BW';
		} else {
			stage = '0';
		}
	}
	const dialString = `${dialStringPrefix(serverIp)}${stage}${sessionId}`;
	const callerid = `${cidPrefix}${epoch(ctx.now)}${apiUser.user.padStart(8, '0').slice(0, 8)}`;
	const manId = state.admin.next_man_id;
	state.admin.next_man_id += 1;
	state.admin.manager.push({
		man_id: manId,
		entry_date: sqlDate(ctx.now),
		server_ip: phone.server_ip,
		action: 'Originate',
		callerid,
		channel: `Local/${dialString}@default`,
		exten: phone.dialplan_number,
		outbound_cid: phone.outbound_cid,
	});
	return dashLine('SUCCESS', 'blind_monitor HAS BEEN LAUNCHED', phoneLogin, `${dialString}|${phone.dialplan_number}|${sessionId}|${manId}|${apiUser.user}`);
};

export const agentStatusHandlers: Record<string, Handler> = {
	agent_status,
	logged_in_agents,
	user_group_status,
	in_group_status,
	agent_ingroup_info,
	blind_monitor,
};
