import { sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import type { SimLead } from '../state.cjs';
import { agentFunction, hasLiveCall, input, invalidValue, line, noAgentNamed } from './common.cjs';

/**
 * Functions that change what the agent screen shows: lead fields, panels, timer actions,
 * notifications, the voicemail message and the webphone. Replies as in agc/api.php.
 */

/**
 * api.php tests its query string with a regex per field (`preg_match('/city/', $query_string)`),
 * so a name anywhere in the request counts, even inside another parameter: `emailreload=1` also
 * matches `email` and blanks the lead's email. Rebuilt here from the merged GET and POST parameters.
 */
function queryString(ctx: HandlerContext): string {
	return Object.entries(ctx.params)
		.map(([key, value]) => `${key}=${value}`)
		.join('&')
		.replace(/['"\\;]/g, '');
}

type LeadField = keyof Pick<
	SimLead,
	| 'phone_code'
	| 'address1'
	| 'address2'
	| 'address3'
	| 'alt_phone'
	| 'city'
	| 'comments'
	| 'country_code'
	| 'date_of_birth'
	| 'email'
	| 'first_name'
	| 'gender'
	| 'gmt_offset_now'
	| 'last_name'
	| 'middle_initial'
	| 'phone_number'
	| 'postal_code'
	| 'province'
	| 'security_phrase'
	| 'source_id'
	| 'state'
	| 'title'
	| 'vendor_lead_code'
	| 'rank'
	| 'owner'
>;

/** update_fields' lead columns in api.php's order; the later ones are matched case-insensitively. */
const LEAD_FIELDS: [LeadField, 'i' | ''][] = [
	['phone_code', ''],
	['address1', ''],
	['address2', ''],
	['address3', ''],
	['alt_phone', ''],
	['city', ''],
	['comments', ''],
	['country_code', ''],
	['date_of_birth', ''],
	['email', ''],
	['first_name', ''],
	['gender', ''],
	['gmt_offset_now', ''],
	['last_name', ''],
	['middle_initial', ''],
	['phone_number', ''],
	['postal_code', 'i'],
	['province', 'i'],
	['security_phrase', 'i'],
	['source_id', 'i'],
	['state', 'i'],
	['title', 'i'],
	['vendor_lead_code', 'i'],
	['rank', 'i'],
	['owner', 'i'],
];

/** Panel reload triggers update_fields also accepts (they need a lead on screen there). */
const RELOADS = ['formreload', 'scriptreload', 'script2reload', 'emailreload', 'chatreload'];

/**
 * Set the agent row's columns as an UPDATE does, and count the row as MySQL does: affected
 * only when a value changed.
 */
function updateAgentRow(pending: Record<string, string>, columns: Record<string, string>): number {
	const changed = Object.entries(columns).some(([name, value]) => pending[name] !== value);
	Object.assign(pending, columns);
	return changed ? 1 : 0;
}

/**
 * `SUCCESS: update_fields lead updated - U|1000|4|1|1|city,first_name|city="Tampa",first_name="Zed"|`
 * (verified 2.14, notes §8.4): user | agent | lead_id | rows changed in vicidial_list | rows
 * changed in vicidial_live_agents | field list | the SQL assignments, not the docs'
 * `user|agent|lead_id|fieldsSQL`. Needs the API user's modify_leads 1-4 and a lead on screen.
 */
const update_fields = agentFunction(
	{
		altUser: false,
		invalid: (ctx) => (input(ctx, 'agent_user').length < 1 ? line('ERROR', 'agent_user not valid', input(ctx, 'agent_user')) : undefined),
	},
	({ ctx, state, agentUser, live }) => {
		const modifyLeads = ctx.apiUser.modify_leads;
		if (modifyLeads < 1 || modifyLeads > 4) return line('ERROR', 'user is not allowed to modify lead information', `${agentUser}|${ctx.apiUser.user}`);
		const lead = state.leads.get(live.lead_id);
		if (live.lead_id < 1 || !lead) return line('ERROR', 'agent_user does not have a lead on their screen', agentUser);
		const query = queryString(ctx);
		const fields = LEAD_FIELDS.filter(([name, flags]) => new RegExp(name, flags).test(query));
		const reloads = RELOADS.filter((name) => new RegExp(name, 'i').test(query));
		if (fields.length + reloads.length < 1) return line('ERROR', 'no fields have been defined', agentUser);
		let changed = false;
		const sql: string[] = [];
		for (const [name] of fields) {
			const value = input(ctx, name);
			sql.push(`${name}="${value}"`);
			// MySQL keeps the zero date and 0 when these typed columns get ''.
			const stored = value === '' && name === 'date_of_birth' ? '0000-00-00' : value === '' && name === 'rank' ? '0' : value;
			if (lead[name] !== stored) {
				lead[name] = stored;
				changed = true;
			}
		}
		if (changed) lead.modify_date = sqlDate(ctx.now);
		const list = [...fields.map(([name]) => name), ...reloads].join(',');
		const agentRows = updateAgentRow(live.pending, { external_update_fields: '1', external_update_fields_data: list });
		const leadRows = changed ? 1 : 0;
		return line('SUCCESS', 'update_fields lead updated', `${ctx.apiUser.user}|${agentUser}|${lead.lead_id}|${leadRows}|${agentRows}|${list}|${sql.join(',')}|`);
	},
);

/** The panels refresh_panel reloads, in the order it lists them. */
const PANELS = ['scriptreload', 'script2reload', 'formreload', 'emailreload', 'chatreload', 'callbacksreload'];

/**
 * `SUCCESS: refresh_panel request sent - U|1000|1|scriptreload|` (verified 2.14, notes §8.5):
 * user | agent | agent rows updated | panels; `ERROR: no panels have been defined - 1000` when
 * no panel flag is 1. The request is kept in the agent row's update_fields columns, where
 * update_fields' reloads go too. (The first round's install answered "no panels" even with
 * scriptreload=1, notes §5; the second round's verified reply is the one above.)
 */
const refresh_panel = agentFunction(
	{
		altUser: false,
		invalid: (ctx) => (input(ctx, 'agent_user').length < 1 ? line('ERROR', 'agent_user not valid', input(ctx, 'agent_user')) : undefined),
	},
	({ ctx, agentUser, live }) => {
		const panels = PANELS.filter((name) => input(ctx, name) === '1');
		if (panels.length === 0) return line('ERROR', 'no panels have been defined', agentUser);
		const rows = updateAgentRow(live.pending, { external_update_fields: '1', external_update_fields_data: panels.join(',') });
		return line('SUCCESS', 'refresh_panel request sent', `${ctx.apiUser.user}|${agentUser}|${rows}|${panels.join(',')}|`);
	},
);

/**
 * `SUCCESS: set_timer_action lead updated - 6666|1000|MESSAGE_ONLY|hello|10` (verified):
 * api_user|agent|value|notes|rank. Needs the API user's modify_campaigns.
 */
const set_timer_action = agentFunction(
	{
		altUser: false,
		invalid: (ctx) => {
			const [agent, value] = [input(ctx, 'agent_user'), input(ctx, 'value')];
			return agent.length < 1 || value.length < 2 ? line('ERROR', 'set_timer_action not valid', `${agent}|${value}`) : undefined;
		},
	},
	({ ctx, agentUser, live }) => {
		if (!ctx.apiUser.modify_campaigns) return line('ERROR', 'user is not allowed to modify campaign settings', `${agentUser}|${ctx.apiUser.user}`);
		const [value, notes, rank] = [input(ctx, 'value'), input(ctx, 'notes'), input(ctx, 'rank')];
		live.pending.external_timer_action = value;
		live.pending.external_timer_action_message = notes;
		live.pending.external_timer_action_seconds = rank;
		return line('SUCCESS', 'set_timer_action lead updated', `${ctx.apiUser.user}|${agentUser}|${value}|${notes}|${rank}`);
	},
);

/**
 * `SUCCESS: vm_message function set - agent|lead_id|files|` on a live call; lead_id, when sent,
 * must be the call's lead. The message becomes a vicidial_lead_messages row the VM button plays,
 * kept here as `pending.lead_message`.
 */
const vm_message = agentFunction(
	{
		invalid: (ctx) => {
			const value = input(ctx, 'value');
			if (noAgentNamed(ctx) || value.length < 1) return line('ERROR', 'vm_message not valid', `${input(ctx, 'lead_id')}|${value}|${input(ctx, 'agent_user')}`);
			return undefined;
		},
	},
	({ ctx, agentUser, live }) => {
		if (!hasLiveCall(live)) return line('ERROR', 'agent_user does not have a live call', agentUser);
		const leadId = input(ctx, 'lead_id') || String(live.lead_id);
		if (leadId !== String(live.lead_id)) return line('ERROR', 'current call does not match lead_id submitted', agentUser);
		const value = input(ctx, 'value');
		live.pending.lead_message = value;
		return line('SUCCESS', 'vm_message function set', `${agentUser}|${leadId}|${value}|`);
	},
);

/**
 * The webphone URL of the agent's session: DISPLAY prints it bare (no newline), LAUNCH answers
 * an HTML refresh to it. Errors when the session has no row or the webphone is off.
 */
const webphone_url = agentFunction(
	{ invalid: invalidValue('webphone_url', (value) => value !== 'DISPLAY' && value !== 'LAUNCH') },
	({ ctx, agentUser, live }) => {
		if (!live.session) return line('ERROR', 'webphone_url error - no session data', agentUser);
		const url = live.session.webphone_url;
		if (url.length <= 5) return line('ERROR', 'webphone_url error - webphone url is empty', agentUser);
		if (input(ctx, 'value') === 'DISPLAY') return url;
		return (
			`<META HTTP-EQUIV=Refresh CONTENT="0; URL=${url}">\n</HEAD>\n` +
			'<BODY BGCOLOR=#FFFFFF marginheight=0 marginwidth=0 leftmargin=0 topmargin=0>\n' +
			`<a href="${url}">click here to continue. . .</a>\n</BODY>\n`
		);
	},
);

const RECIPIENT_TABLES: Record<string, [table: string, exists: (ctx: HandlerContext, id: string) => boolean]> = {
	USER: ['vicidial_users', (ctx, id) => ctx.state.users.has(id)],
	USER_GROUP: ['vicidial_user_groups', (ctx, id) => ctx.state.userGroups.has(id)],
	CAMPAIGN: ['vicidial_campaigns', (ctx, id) => ctx.state.campaigns.has(id)],
};

/** `yyyy-mm-dd hh:ii[:ss]`, the notification_date form api.php accepts. */
const NOTIFICATION_DATE = /[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}\s?[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?/;

/**
 * `SUCCESS: notification queued - recipient|recipient_type|notification_id` (the docs stop at
 * "queued"). No agent_user: the recipient is a user, user group or campaign. Refused when the
 * system's Agent API notifications are off. An unknown recipient_type is looked up and announced
 * inline (`Invalid recipient_type (X), NOTICE: found 1000 as USER<BR>`), as api.php prints it.
 */
const send_notification: Handler = (ctx) => {
	const { state, apiUser } = ctx;
	if (!state.system.notifications_enabled) return line('ERROR', 'Agent API Notifications are disabled on this system', '0');
	const value = input(ctx, 'value');
	const recipient = input(ctx, 'recipient');
	let recipientType = input(ctx, 'recipient_type');
	let reply = '';
	if (recipient && !(recipientType in RECIPIENT_TABLES)) {
		reply += `Invalid recipient_type (${recipientType}), `;
		recipientType = Object.keys(RECIPIENT_TABLES).find((type) => RECIPIENT_TABLES[type][1](ctx, recipient)) ?? '';
		if (!recipientType) return reply + line('ERROR', 'no matching recipient found in users, user_groups, or campaigns', recipient);
		reply += `NOTICE: found ${recipient} as ${recipientType}<BR>\n`;
	}
	if (!recipient || !recipientType) return reply + line('ERROR', 'Missing recipient or recipient_type', `${recipient}|${recipientType}`);
	const [table, exists] = RECIPIENT_TABLES[recipientType];
	if (!exists(ctx, recipient)) return reply + line('ERROR', `${recipient} DOES NOT EXIST in ${table}`, `${value}|${recipient}`);
	if (recipientType !== 'USER') {
		const group = state.userGroups.get(apiUser.user_group);
		if (!group) return reply + line('ERROR', 'user_group DOES NOT EXIST', `${value}|${apiUser.user_group}`);
		const allowed = group.allowed_campaigns;
		if (recipientType === 'CAMPAIGN' && !/-ALL/i.test(allowed) && !allowed.toUpperCase().includes(` ${recipient.toUpperCase()} `)) {
			return reply + line('ERROR', `ACCESS TO CAMPAIGN ${recipient} NOT ALLOWED FOR USER ${apiUser.user} (${allowed})`, `${value}|${recipient}`);
		}
		// The seed's user groups carry no admin_viewable_groups, i.e. VICIdial's default ---ALL---.
	}
	const date = input(ctx, 'notification_date');
	// Printed without a newline, so it runs into the SUCCESS line that follows.
	if (date && !NOTIFICATION_DATE.test(date)) reply += `NOTICE: Invalid notification date ${date}, changing to now`;
	const text = input(ctx, 'notification_text');
	if (text.length < 1 && input(ctx, 'show_confetti') !== 'Y') return reply + line('ERROR', 'invalid request', `${recipient}|${recipientType}`);
	const notification_id = state.next.notification_id++;
	state.notifications.push({ notification_id, recipient, recipient_type: recipientType, text });
	return reply + line('SUCCESS', 'notification queued', `${recipient}|${recipientType}|${notification_id}`);
};

export const screenHandlers: Record<string, Handler> = {
	update_fields,
	refresh_panel,
	set_timer_action,
	vm_message,
	webphone_url,
	send_notification,
};
