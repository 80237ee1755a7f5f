import { epoch, sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import type { SimCampaign, SimLiveAgent, SimState, SimUser } from '../state.cjs';

/**
 * What every Agent API handler shares: api.php's input filters, the alt_user lookup and the
 * logged-in check, and the `RESULT: reason - data` line format. Texts follow agc/api.php
 * 2.14 (SVN r3939) and vicidial-api-notes.md §2.2 and §5.
 */

/** One api.php reply line: `SUCCESS: reason - data` and a newline. */
export function line(result: 'SUCCESS' | 'ERROR' | 'NOTICE', reason: string, data: string): string {
	return `${result}: ${reason} - ${data}\n`;
}

type Filter = [RegExp, string];
const plusToSpace: Filter = [/\+/g, ' '];
const only = (pattern: RegExp): Filter => [pattern, ''];

/**
 * api.php's per-parameter filters for a system without non-latin characters (`use_non_latin=0`):
 * what a node sends is what VICIdial keeps after these, e.g. spaces vanish from `value`.
 * A `+` that survived URL decoding (sent as %2B) becomes a space where api.php says so.
 */
const FILTERS: Record<string, Filter[]> = {
	agent_user: [only(/[^-_0-9a-zA-Z]/g)],
	value: [only(/[^-|_0-9a-zA-Z]/g)],
	focus: [only(/[^-_0-9a-zA-Z]/g)],
	preview: [only(/[^-_0-9a-zA-Z]/g)],
	search: [only(/[^-_0-9a-zA-Z]/g)],
	notes: [plusToSpace, only(/[^- ._0-9a-zA-Z]/g)],
	group_alias: [only(/[^0-9a-zA-Z]/g)],
	dial_prefix: [only(/[^0-9a-zA-Z]/g)],
	vtiger_callback: [only(/[^A-Z]/g)],
	alt_dial: [only(/[^0-9A-Z]/g)],
	blended: [only(/[^A-Z]/g)],
	ingroup_choices: [plusToSpace, only(/[^- _0-9a-zA-Z]/g)],
	set_as_default: [only(/[^A-Z]/g)],
	phone_code: [only(/[^0-9X]/g)],
	phone_number: [only(/[^*#0-9]/g)],
	lead_id: [only(/[^0-9]/g)],
	vendor_id: [only(/[;#]/g), plusToSpace],
	vendor_lead_code: [only(/[;#]/g), plusToSpace],
	source_id: [only(/[;#]/g), plusToSpace],
	gmt_offset_now: [only(/[^-_.0-9]/g)],
	title: [only(/[^- '_.0-9a-zA-Z]/g)],
	first_name: [only(/[^- '+_.0-9a-zA-Z]/g), plusToSpace],
	middle_initial: [only(/[^0-9a-zA-Z]/g)],
	last_name: [only(/[^- '+_.0-9a-zA-Z]/g), plusToSpace],
	address1: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	address2: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	address3: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	city: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	state: [only(/[^- 0-9a-zA-Z]/g)],
	province: [only(/[^- '+._0-9a-zA-Z]/g), plusToSpace],
	// Filtered twice in api.php: the second pass drops the quote the first one kept.
	postal_code: [only(/[^- '+0-9a-zA-Z]/g), plusToSpace, only(/[^- ._0-9a-zA-Z]/g)],
	country_code: [only(/[^A-Z]/g)],
	gender: [only(/[^A-Z]/g)],
	date_of_birth: [only(/[^-0-9]/g)],
	alt_phone: [only(/[^- '+_.0-9a-zA-Z]/g), plusToSpace],
	email: [only(/[^- '+.:/@%_0-9a-zA-Z]/g), plusToSpace],
	security_phrase: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	comments: [only(/[;#]/g), plusToSpace],
	rank: [only(/[^0-9]/g)],
	owner: [only(/[^- '+.:/@_0-9a-zA-Z]/g), plusToSpace],
	dial_override: [only(/[^A-Z]/g)],
	consultative: [only(/[^A-Z]/g)],
	callback_datetime: [plusToSpace, only(/[^- :._0-9a-zA-Z]/g)],
	callback_type: [only(/[^A-Z]/g)],
	callback_comments: [plusToSpace, only(/[^- ._0-9a-zA-Z]/g)],
	qm_dispo_code: [only(/[^-._0-9a-zA-Z]/g)],
	alt_user: [only(/[^0-9a-zA-Z]/g)],
	status: [only(/[^-_0-9a-zA-Z]/g)],
	dial_ingroup: [only(/[^-_0-9a-zA-Z]/g)],
	cid_choice: [only(/[^-_0-9a-zA-Z]/g)],
	outbound_cid: [only(/[^-_0-9a-zA-Z]/g)],
	recipient: [only(/[^-_0-9a-zA-Z]/g)],
	recipient_type: [only(/[^_a-zA-Z]/g)],
	stage: [only(/['"\\;]/g)],
	dnc_check: [only(/[^-_0-9a-zA-Z]/g)],
	campaign_dnc_check: [only(/[^-_0-9a-zA-Z]/g)],
	notification_date: [only(/[^- :0-9]/g)],
	notification_text: [only(/[;#]/g), plusToSpace],
	notification_retry: [only(/[^YN]/gi)],
	show_confetti: [only(/[^YN]/gi)],
	text_size: [only(/[^0-9]/g)],
	text_font: [only(/[^,\- a-zA-Z]/g)],
	text_weight: [only(/[^,a-zA-Z]/g)],
	text_color: [only(/[^0-9a-zA-Z]/g)],
	duration: [only(/[^0-9]/g)],
	maxParticleCount: [only(/[^0-9]/g)],
	particleSpeed: [only(/[^0-9]/g)],
	multi_dial_phones: [only(/[^,0-9]/g)],
};

/** A request parameter after api.php's filter for it; '' when absent. */
export function input(ctx: HandlerContext, name: string): string {
	let text = ctx.params[name] ?? '';
	for (const [pattern, replacement] of FILTERS[name] ?? []) text = text.replace(pattern, replacement);
	return text;
}

/** A campaign column the seed may not carry, with VICIdial's schema default. */
export function campaignSetting(campaign: SimCampaign | undefined, name: string, fallback: string): string {
	const setting = campaign?.[name];
	return typeof setting === 'string' ? setting : fallback;
}

/** Users whose custom_three holds a CRM agent id, ordered by user as api.php's `order by user`. */
export function usersByCustomThree(state: SimState, crmId: string): SimUser[] {
	return [...state.users.values()].filter((user) => user.custom_three === crmId).sort((a, b) => a.user.localeCompare(b.user));
}

/** The logged-in agent a handler acts on, once the common checks have passed. */
export interface AgentRequest {
	readonly ctx: HandlerContext;
	readonly state: SimState;
	readonly agentUser: string;
	readonly live: SimLiveAgent;
	/** The request time as `date("U")`, echoed in several replies. */
	readonly epoch: number;
}

export interface AgentFunctionSpec {
	/** The function's own "not valid" check; returns its ERROR line, or undefined when the input is usable. */
	invalid: (ctx: HandlerContext) => string | undefined;
	/** Whether the function resolves `alt_user` through vicidial_users.custom_three (default true). */
	altUser?: boolean;
	/**
	 * Answer `ERROR: no user found - <agent_user>` for an agent_user that is not a user
	 * (notes §2.2; the docs list it for exactly these functions). Default: same as altUser.
	 */
	checkUser?: boolean;
	/** The not-logged-in line when a function words it differently (audio_playback adds the stage). */
	notLoggedIn?: (ctx: HandlerContext, agentUser: string) => string;
	/** The line for an alt_user without a match, when a function words it differently. */
	altUserNotFound?: (ctx: HandlerContext, altUser: string) => string;
}

/**
 * Build a handler that runs api.php's common steps in its order: the function's "not valid"
 * check, the alt_user lookup, the user check, then the vicidial_live_agents row. The API user's
 * allowed-functions check already ran in server.ts.
 *
 * Quirk kept from api.php: an alt_user without a match prints `ERROR: no user found - <alt_user>`
 * and does not stop, so the reply goes on with whatever agent_user was sent.
 */
export function agentFunction(spec: AgentFunctionSpec, run: (request: AgentRequest) => string): Handler {
	return (ctx) => {
		const invalid = spec.invalid(ctx);
		if (invalid !== undefined) return invalid;
		const altUser = spec.altUser ?? true;
		let agentUser = input(ctx, 'agent_user');
		let prefix = '';
		const alt = input(ctx, 'alt_user');
		if (altUser && alt.length > 1) {
			const [found] = usersByCustomThree(ctx.state, alt);
			if (found) agentUser = found.user;
			else prefix = spec.altUserNotFound ? spec.altUserNotFound(ctx, alt) : line('ERROR', 'no user found', alt);
		}
		if ((spec.checkUser ?? altUser) && prefix === '' && !ctx.state.users.has(agentUser)) {
			return line('ERROR', 'no user found', agentUser);
		}
		const live = ctx.state.liveAgents.get(agentUser);
		if (!live) {
			return prefix + (spec.notLoggedIn ? spec.notLoggedIn(ctx, agentUser) : line('ERROR', 'agent_user is not logged in', agentUser));
		}
		return prefix + run({ ctx, state: ctx.state, agentUser, live, epoch: epoch(ctx.now) });
	};
}

/** `(strlen($agent_user)<1) and (strlen($alt_user)<2)`: neither way to name the agent was used. */
export function noAgentNamed(ctx: HandlerContext, minAgentLength = 1): boolean {
	return input(ctx, 'agent_user').length < minAgentLength && input(ctx, 'alt_user').length < 2;
}

/** The call id as the agent screen holds it (vicidial_live_agents.callerid), '' without a call. */
export function callerIdOf(live: SimLiveAgent): string {
	return live.call?.call_id ?? '';
}

/** api.php's "live call" test: a lead on screen and a callerid longer than 15 characters. */
export function hasLiveCall(live: SimLiveAgent): boolean {
	return live.lead_id > 0 && callerIdOf(live).length > 15;
}

/**
 * Queue an Asterisk Manager action (a vicidial_manager row), as api.php does for call_agent and
 * audio_playback. Nothing consumes it: the simulator has no Asterisk.
 */
export function queueManagerAction(
	state: SimState,
	now: Date,
	action: { server_ip: string; action: string; callerid: string; channel: string; exten: string },
): void {
	state.admin.manager.push({ man_id: state.admin.next_man_id++, entry_date: sqlDate(now), outbound_cid: '', ...action });
}

/**
 * The "not valid" check most functions share: `ERROR: <fn> not valid - <value>|<agent_user>`
 * when `bad(value)` holds or neither agent_user nor alt_user names the agent.
 */
export function invalidValue(fn: string, bad: (value: string) => boolean): (ctx: HandlerContext) => string | undefined {
	return (ctx) => {
		const value = input(ctx, 'value');
		return bad(value) || noAgentNamed(ctx) ? line('ERROR', `${fn} not valid`, `${value}|${input(ctx, 'agent_user')}`) : undefined;
	};
}

/**
 * group_alias as external_dial and transfer_conference check it: it must exist, and its caller id
 * must pass PHP's `$caller_id_number < 4` (only an empty or tiny number fails; the docs' "123" passes).
 */
export function groupAliasCallerId(ctx: HandlerContext, agentUser: string): { ok: true; callerIdNumber: string } | { ok: false; reply: string } {
	const groupAlias = input(ctx, 'group_alias');
	if (groupAlias.length < 2) return { ok: true, callerIdNumber: '' };
	const alias = ctx.state.groupAliases.get(groupAlias);
	if (!alias) return { ok: false, reply: line('ERROR', 'group_alias is not valid', `${agentUser}|${groupAlias}`) };
	const callerIdNumber = alias.caller_id_number;
	if (callerIdNumber === '' || Number(callerIdNumber) < 4) {
		return { ok: false, reply: line('ERROR', 'caller_id_number from group_alias is not valid', `${agentUser}|${groupAlias}|${callerIdNumber}`) };
	}
	return { ok: true, callerIdNumber };
}
