import { epoch, type Handler, type HandlerContext } from '../context.cjs';
import type { SimLiveAgent, SimState } from '../state.cjs';
import { agentFunction, callerIdOf, campaignSetting, groupAliasCallerId, hasLiveCall, input, invalidValue, line } from './common.cjs';
import { endCall } from './scene.cjs';

/**
 * Transfer-conference frame, parking, remote-agent call control and the fronter commands.
 * Replies as in agc/api.php (2.14); the docs' examples are in vicidial-docs/AGENT_API.txt.
 */

/** Values that take the customer off the agent's line: the screen then shows the disposition. */
const LEAVES_CALL = ['BLIND_TRANSFER', 'LEAVE_VM', 'HANGUP_BOTH', 'LEAVE_3WAY_CALL'];

/** group_alias and cid_choice checks shared by the two transfer branches of api.php. */
function checkCallerId(ctx: HandlerContext, agentUser: string): ReturnType<typeof groupAliasCallerId> {
	const alias = groupAliasCallerId(ctx, agentUser);
	const cidChoice = input(ctx, 'cid_choice');
	if (alias.ok && cidChoice.length > 1 && !/CAMPAIGN|AGENT_PHONE|CUSTOMER|CUSTOM_CID/.test(cidChoice)) {
		return { ok: false, reply: line('ERROR', 'cid_choice is not valid', `${agentUser}|${cidChoice}`) };
	}
	return alias;
}

/** DEFAULTINGROUP: the default_xfer_group of the call's in-group (inbound) or campaign. */
function defaultXferGroup(state: SimState, live: SimLiveAgent): string {
	if (live.call?.call_type === 'IN') return '';
	return campaignSetting(state.campaigns.get(live.campaign_id), 'default_xfer_group', '');
}

/**
 * `|Multi-phones: <kept> <sent> <rows>` for multi_dial_phones: up to 18-digit numbers of 5+
 * digits, duplicates dropped; the vicidial_3way_press_multi insert affects one row.
 */
function multiDialOutput(ctx: HandlerContext): string {
	const phones = input(ctx, 'multi_dial_phones');
	if (phones.length <= 4) return '';
	const sent = phones.split(',');
	const kept: string[] = [];
	for (const phone of sent) if (phone.length > 4 && phone.length < 19 && !kept.join(',').includes(phone)) kept.push(phone);
	return `|Multi-phones: ${kept.length} ${sent.length} ${kept.length > 0 ? 1 : 0}`;
}

/**
 * `SUCCESS: transfer_conference function set - value|ingroup|phone_number|consultative|agent|callerid|`
 * (docs: `LOCAL_CLOSER|SALESLINE||YES|6666|M2141842580000000044|`). Needs a live call. The command
 * lands in external_transferconf as api.php's `---`-separated string.
 */
const transfer_conference = agentFunction(
	{ invalid: invalidValue('transfer_conference', (value) => value.length < 8) },
	({ ctx, state, agentUser, live, epoch }) => {
		if (!hasLiveCall(live)) return line('ERROR', 'agent_user does not have a live call', agentUser);
		const value = input(ctx, 'value');
		const phone = input(ctx, 'phone_number');
		const consultative = input(ctx, 'consultative') === 'YES' ? 'YES' : 'NO';
		const cidChoice = input(ctx, 'cid_choice');
		const groupAlias = input(ctx, 'group_alias');
		let ingroup = input(ctx, 'ingroup_choices');
		let command: string;
		if (value === 'LOCAL_CLOSER' || (['DIAL_WITH_CUSTOMER', 'PARK_CUSTOMER_DIAL'].includes(value) && consultative === 'YES')) {
			if (ingroup.length < 2) return line('ERROR', 'ingroup is not valid', ingroup);
			if (ingroup.includes('DEFAULTINGROUP')) ingroup = defaultXferGroup(state, live);
			if (state.inGroups.get(ingroup)?.active !== 'Y') return line('ERROR', 'ingroup is not valid', ingroup);
			const checked = checkCallerId(ctx, agentUser);
			if (!checked.ok) return checked.reply;
			command = `${value}---${ingroup}---${phone}---${consultative}------${groupAlias}---${checked.callerIdNumber}---${epoch}---${cidChoice}`;
		} else if (['BLIND_TRANSFER', 'LEAVE_VM', 'DIAL_WITH_CUSTOMER', 'PARK_CUSTOMER_DIAL'].includes(value)) {
			const checked = checkCallerId(ctx, agentUser);
			if (!checked.ok) return checked.reply;
			command = `${value}------${phone}---NO---${input(ctx, 'dial_override')}---${groupAlias}---${checked.callerIdNumber}---${epoch}---${cidChoice}`;
		} else if (['HANGUP_XFER', 'HANGUP_BOTH', 'LEAVE_3WAY_CALL'].includes(value)) {
			command = `${value}---------NO------------${epoch}`;
		} else {
			// api.php echoes the API user here, not the agent.
			return line('ERROR', 'value is not valid', `${value}|${ctx.apiUser.user}`);
		}
		const callerid = callerIdOf(live);
		live.pending.external_transferconf = command;
		const blind = value === 'LOCAL_CLOSER' && consultative === 'NO';
		if (blind || LEAVES_CALL.includes(value)) endCall(state, agentUser, ctx.now);
		return line('SUCCESS', 'transfer_conference function set', `${value}|${ingroup}|${phone}|${consultative}|${agentUser}|${callerid}${multiDialOutput(ctx)}|`);
	},
);

/** `SUCCESS: park_call function set - PARK_CUSTOMER|1000`; needs a lead on screen. */
const park_call = agentFunction(
	{ invalid: invalidValue('park_call', (value) => value.length < 10) },
	({ ctx, agentUser, live }) => {
		if (live.lead_id < 1) return line('ERROR', 'agent_user does not have a lead on their screen', agentUser);
		const value = input(ctx, 'value');
		live.pending.external_park = value;
		return line('SUCCESS', 'park_call function set', `${value}|${agentUser}`);
	},
);

/**
 * Remote-agent call control on the call whose callerid is `value`:
 * `SUCCESS: ra_call_control hungup - agent|callerid|HANGUP`, or `… transfer - agent|callerid|phone_number`
 * (api.php's wording; the docs show "transferred"). The call is then gone: the lead gets the
 * status (RAXFER by default) and the remote agent is READY again.
 */
const ra_call_control = agentFunction(
	{
		altUser: false,
		checkUser: true,
		invalid: (ctx) => {
			const [value, agent, stage] = [input(ctx, 'value'), input(ctx, 'agent_user'), input(ctx, 'stage')];
			if (value.length < 1 || agent.length < 1 || stage.length < 1) return line('ERROR', 'ra_call_control not valid', `${value}|${agent}|${stage}`);
			return undefined;
		},
	},
	({ ctx, state, agentUser }) => {
		const value = input(ctx, 'value');
		const stage = input(ctx, 'stage');
		const holder = [...state.liveAgents.values()].find((agent) => agent.call?.call_id === value);
		const call = holder?.call;
		if (!holder || !call) return line('ERROR', 'no active call found', value);
		const phone = input(ctx, 'phone_number');
		let reply: string;
		if (stage === 'HANGUP') {
			reply = line('SUCCESS', 'ra_call_control hungup', `${agentUser}|${value}|HANGUP`);
		} else if (stage === 'EXTENSIONTRANSFER') {
			if (phone.length < 2) return line('ERROR', 'phone_number is not valid', phone);
			reply = line('SUCCESS', 'ra_call_control transfer', `${agentUser}|${value}|${phone}`);
		} else if (stage === 'INGROUPTRANSFER') {
			let ingroup = input(ctx, 'ingroup_choices');
			if (ingroup.length < 2) return line('ERROR', 'ingroup is not valid', ingroup);
			if (ingroup.includes('DEFAULTINGROUP')) ingroup = defaultXferGroup(state, holder);
			if (state.inGroups.get(ingroup)?.active !== 'Y') return line('ERROR', 'ingroup is not valid', ingroup);
			reply = line('SUCCESS', 'ra_call_control transfer', `${agentUser}|${value}|${phone}`);
		} else {
			return line('ERROR', 'stage is not valid', stage);
		}
		const status = input(ctx, 'status') || 'RAXFER';
		const logged = endCall(state, holder.user, ctx.now);
		if (logged) logged.status = status;
		const lead = state.leads.get(call.lead_id);
		if (lead) lead.status = status;
		holder.lead_id = 0;
		holder.sub_status = '';
		holder.status = 'READY';
		return reply;
	},
);

const FRONTER_VALUES = ['LOCAL_ONLY', 'LOCAL_AND_CCC', 'CCC_REMOTE'];

/**
 * The fronter: the longest-waiting other logged-in agent with the same lead on screen. CCC
 * (cross-cluster) lookups are not simulated, so LOCAL_AND_CCC finds only local fronters.
 */
function fronterFor(state: SimState, agentUser: string, leadId: number): SimLiveAgent | undefined {
	return [...state.liveAgents.values()]
		.filter((agent) => agent.user !== agentUser && agent.lead_id === leadId)
		.sort((a, b) => a.last_state_change - b.last_state_change)[0];
}

/** The lead both functions look up: the agent's own, or lead_id for CCC_REMOTE. 0 = none. */
function fronterLead(ctx: HandlerContext, live: SimLiveAgent | undefined): number {
	const value = input(ctx, 'value');
	const leadId = input(ctx, 'lead_id');
	if (value === 'CCC_REMOTE' && leadId.length > 0) return Number(leadId);
	return live?.lead_id ?? 0;
}

/** Build a fronter handler: CCC_REMOTE works without the agent being logged in, as in api.php. */
function fronterFunction(fn: string, run: (ctx: HandlerContext, agentUser: string, leadId: number) => string): Handler {
	const invalid = invalidValue(fn, (value) => !FRONTER_VALUES.includes(value));
	const local = agentFunction({ invalid }, ({ ctx, agentUser, live }) => run(ctx, agentUser, fronterLead(ctx, live)));
	return (ctx) => {
		const agentUser = input(ctx, 'agent_user');
		const remote = input(ctx, 'value') === 'CCC_REMOTE' && invalid(ctx) === undefined && !ctx.state.liveAgents.has(agentUser);
		return remote ? run(ctx, agentUser, fronterLead(ctx, undefined)) : local(ctx);
	};
}

/**
 * `SUCCESS: force_fronter_leave_3way SENT - <fronter>`, printed without a newline: the fronter
 * gets a LEAVE_3WAY_CALL transfer command.
 */
const force_fronter_leave_3way = fronterFunction('force_fronter_leave_3way', (ctx, agentUser, leadId) => {
	if (leadId < 1) return line('ERROR', 'agent_user is not on a phone call', agentUser);
	const fronter = fronterFor(ctx.state, agentUser, leadId);
	if (!fronter) return line('ERROR', 'no fronter found', agentUser);
	fronter.pending.external_transferconf = `LEAVE_3WAY_CALL---------NO------------${epoch(ctx.now)}`;
	return `SUCCESS: force_fronter_leave_3way SENT - ${fronter.user}`;
});

/**
 * `SUCCESS: force_fronter_audio_stop function sent - value|stage|agent|fronter` (api.php's
 * wording; the docs show "function SENT"): stops the audio playing in the fronter's session.
 */
const force_fronter_audio_stop = fronterFunction('force_fronter_audio_stop', (ctx, agentUser, leadId) => {
	if (leadId < 1) return line('ERROR', 'agent_user is not on a phone call', agentUser);
	const fronter = fronterFor(ctx.state, agentUser, leadId);
	if (!fronter) return line('ERROR', 'no fronter found', agentUser);
	const stage = input(ctx, 'stage');
	if (fronter.session_id.length <= 5 || fronter.server_ip.length <= 5) {
		return line('ERROR', 'force_fronter_audio_stop error - no fronter session found', `${stage}|${agentUser}|${fronter.user}`);
	}
	if (!fronter.playing) {
		const data = `${fronter.session_id}|${fronter.server_ip}|${stage}|${agentUser}|${fronter.user}`;
		return line('ERROR', 'force_fronter_audio_stop error - no audio playing in other agent session', data);
	}
	fronter.playing = undefined;
	return line('SUCCESS', 'force_fronter_audio_stop function sent', `${input(ctx, 'value')}|${stage}|${agentUser}|${fronter.user}`);
});

export const transferHandlers: Record<string, Handler> = {
	transfer_conference,
	park_call,
	ra_call_control,
	force_fronter_leave_3way,
	force_fronter_audio_stop,
};
