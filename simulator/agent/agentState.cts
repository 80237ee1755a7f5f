import type { Handler, HandlerContext } from '../context.cjs';
import { agentFunction, campaignSetting, input, invalidValue, line, usersByCustomThree } from './common.cjs';
import { logoutAgent } from './scene.cjs';

/**
 * Agent state functions: pause/resume, pause codes, logout, in-group selection, and the CRM
 * (custom_three) lookups. Replies as in agc/api.php; verified texts in notes §5.
 */

/** True while the agent has a call or a lead on screen: the screen then acts after the dispo. */
function busy(live: { call: unknown; lead_id: number }): boolean {
	return live.call !== null || live.lead_id > 0;
}

/** `SUCCESS: external_pause function set - PAUSE|1795326530|1000` (verified). */
const external_pause = agentFunction(
	{ invalid: invalidValue('external_pause', (value) => !/PAUSE|RESUME/.test(value)) },
	({ ctx, agentUser, live, epoch }) => {
		const value = input(ctx, 'value');
		if (value.includes('RESUME') && ['READY', 'QUEUE', 'INCALL', 'CLOSER'].includes(live.status)) {
			return line('ERROR', 'external_pause agent is not paused', `${value}|${agentUser}`);
		}
		live.pending.external_pause = `${value}!${epoch}`;
		// The screen acts at once when idle; with a call or a lead on screen, after the disposition.
		if (!busy(live)) {
			live.status = value.includes('RESUME') ? 'READY' : 'PAUSED';
			if (live.status === 'READY') live.pause_code = '';
			live.last_state_change = epoch;
		}
		return line('SUCCESS', 'external_pause function set', `${value}|${epoch}|${agentUser}`);
	},
);

/** `SUCCESS: pause_code function sent - 1000` (verified); the agent must be PAUSED. */
const pause_code = agentFunction(
	{ invalid: invalidValue('pause_code', (value) => value.length < 1 || value.length > 6) },
	({ ctx, agentUser, live }) => {
		if (live.status !== 'PAUSED') return line('ERROR', 'pause_code error - agent is not paused', agentUser);
		const value = input(ctx, 'value');
		live.pending.external_pause_code = value;
		live.pause_code = value;
		return line('SUCCESS', 'pause_code function sent', agentUser);
	},
);

/**
 * `SUCCESS: logout function set - LOGOUT|1795326531|1000` (verified). api.php writes LOGOUT into
 * the external_pause column; an idle agent is logged out at once, a busy one after the dispo.
 */
const logout = agentFunction(
	{ invalid: invalidValue('logout', (value) => !value.includes('LOGOUT')) },
	({ ctx, state, agentUser, live, epoch }) => {
		const value = input(ctx, 'value');
		live.pending.external_pause = value;
		if (!busy(live)) logoutAgent(state, agentUser);
		return line('SUCCESS', 'logout function set', `${value}|${epoch}|${agentUser}`);
	},
);

/** The in-group ids of VICIdial's ` A B -` list: api.php drops the trailing `-` and skips the first, empty, item. */
function groupList(choices: string): string[] {
	return choices
		.replace(/-$/, '')
		.split(' ')
		.slice(1)
		.filter((group) => group.length > 1);
}

/**
 * `SUCCESS: change_ingroups function set - 6666|1000| AGENTDIRECT -|NO|` (verified):
 * api_user|agent|in-groups|blended|default note. Needs the API user's change_agent_campaign.
 */
const change_ingroups = agentFunction(
	{
		altUser: false,
		invalid: (ctx) => {
			const value = input(ctx, 'value').replace(/[^A-Z]/g, '');
			const blended = input(ctx, 'blended');
			if (blended.length < 2 || input(ctx, 'agent_user').length < 2 || value.length < 3) {
				return line('ERROR', 'change_ingroups not valid', `${value}|${blended}|${input(ctx, 'ingroup_choices')}|${input(ctx, 'agent_user')}`);
			}
			return undefined;
		},
	},
	({ ctx, state, agentUser, live }) => {
		const value = input(ctx, 'value').replace(/[^A-Z]/g, '');
		const blended = input(ctx, 'blended');
		let choices = input(ctx, 'ingroup_choices');
		const campaign = state.campaigns.get(live.campaign_id);
		// TESTCAMP answered the verified change_ingroups, so a seed without the column allows inbound.
		if (campaignSetting(campaign, 'campaign_allow_inbound', 'Y') !== 'Y') {
			return line('ERROR', 'campaign does not allow inbound calls', agentUser);
		}
		if (!ctx.apiUser.change_agent_campaign) return line('ERROR', 'user is not allowed to change agent in-groups', ctx.apiUser.user);
		if (blended === 'YES' && ['MANUAL', 'INBOUND_MAN'].includes(campaign?.dial_method ?? '')) {
			return line('ERROR', 'campaign dial_method does not allow outbound autodial', `${agentUser}|${blended}`);
		}
		const missing = groupList(choices).find((group) => !state.inGroups.has(group));
		if (missing) return line('ERROR', 'ingroup does not exist', `${agentUser}|${missing}|${choices}`);
		if (choices.length < 1 && (value === 'ADD' || value === 'REMOVE')) {
			return line('ERROR', 'ingroup_choices are required for ADD and REMOVE values', `${agentUser}|${value}|${choices}`);
		}
		const current = groupList(live.closer_campaigns);
		if (value === 'ADD') {
			const added = groupList(choices).filter((group) => !current.includes(group));
			choices = ` ${[...current, ...added].map((group) => `${group} `).join('')}-`;
		} else if (value === 'REMOVE') {
			let list = live.closer_campaigns;
			for (const group of groupList(choices)) list = list.replace(` ${group} `, ' ');
			choices = list;
		}
		live.pending.external_ingroups = choices;
		live.pending.external_blended = blended === 'YES' ? '1' : '0';
		live.pending.external_igb_set_user = ctx.apiUser.user;
		live.pending.manager_ingroup_set = 'SET';
		live.closer_campaigns = choices;
		live.outbound_autodial = blended === 'YES' ? 'Y' : 'N';
		let note = '';
		if (input(ctx, 'set_as_default') === 'YES') {
			const agent = state.users.get(agentUser);
			if (agent) agent.closer_campaigns = choices;
			note = 'User settings set as default';
		}
		return line('SUCCESS', 'change_ingroups function set', `${ctx.apiUser.user}|${agentUser}|${choices}|${blended}|${note}`);
	},
);

/** value (CRM agent id) and vendor_id (CRM team id) are both required by the st_* functions. */
function crmInvalid(fn: string, ctx: HandlerContext): string {
	return line('ERROR', `${fn} not valid`, `${input(ctx, 'value')}|${input(ctx, 'vendor_id')}`);
}

/** `SUCCESS: st_login_log user found - 1000`: custom_three → user, and custom_four := vendor_id. */
const st_login_log: Handler = (ctx) => {
	const value = input(ctx, 'value');
	const vendorId = input(ctx, 'vendor_id');
	if (value.length < 1 || vendorId.length < 1) return crmInvalid('st_login_log', ctx);
	const [user] = usersByCustomThree(ctx.state, value);
	if (!user) return line('ERROR', 'no user found', value);
	user.custom_four = vendorId;
	return line('SUCCESS', 'st_login_log user found', user.user);
};

/** `SUCCESS: st_get_agent_active_lead lead found - user|phone|lead_id|vendor_lead_code|province|security_phrase|source_id`. */
const st_get_agent_active_lead: Handler = (ctx) => {
	const value = input(ctx, 'value');
	if (value.length < 1 || input(ctx, 'vendor_id').length < 1) return crmInvalid('st_get_agent_active_lead', ctx);
	const [user] = usersByCustomThree(ctx.state, value);
	if (!user) return line('ERROR', 'no user found', value);
	const live = ctx.state.liveAgents.get(user.user);
	if (!live) return line('ERROR', 'user not logged in', user.user);
	if (live.lead_id < 1) return line('ERROR', 'no active lead found', user.user);
	const lead = ctx.state.leads.get(live.lead_id);
	const fields = [lead?.phone_number, live.lead_id, lead?.vendor_lead_code, lead?.province, lead?.security_phrase, lead?.source_id];
	return line('SUCCESS', 'st_get_agent_active_lead lead found', [user.user, ...fields.map((field) => field ?? '')].join('|'));
};

/**
 * `SUCCESS: calls_in_queue_count - 0` (verified), printed without a newline: calls waiting in the
 * agent's selected in-groups. AGENTDIRECT calls count only when routed to this agent, which the
 * simulator does not model, so that group is left out as api.php leaves it out of the IN() list.
 */
const calls_in_queue_count = agentFunction(
	{ invalid: invalidValue('calls_in_queue_count', (value) => value !== 'DISPLAY') },
	({ state, live }) => {
		const groups = groupList(live.closer_campaigns).filter((group) => group !== 'AGENTDIRECT');
		const waiting = groups.reduce((sum, group) => sum + (state.inGroups.get(group)?.calls_waiting ?? 0), 0);
		return `SUCCESS: calls_in_queue_count - ${waiting}`;
	},
);

export const agentStateHandlers: Record<string, Handler> = {
	external_pause,
	pause_code,
	logout,
	change_ingroups,
	st_login_log,
	st_get_agent_active_lead,
	calls_in_queue_count,
};
