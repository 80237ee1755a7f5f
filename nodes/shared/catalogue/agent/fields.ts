import { field, yesNo, type Field } from '../field';
import * as F from '../fields';
import type { LineFields, OptionSpec, ReplySpec, RetryPolicy } from '../types';

/**
 * Parameters only the Agent API (agc/api.php) takes, and the pieces every Agent API entry
 * repeats. Limits come from AGENT_API.txt and from the character filters at the top of
 * api.php: characters outside a filter are dropped silently, so the patterns here refuse
 * them instead of letting VICIdial change the value.
 */

// ---- permissions and policies ------------------------------------------------------------

/** What every agent-acting function needs (vicidial-api-notes.md §2.2). */
export const AGENT_ACCESS = 'API user: Agent API Access = 1; agent must be logged in';

/**
 * The usual reason an Agent API call is never repeated: most functions write a command
 * column that the agent's browser carries out about once a second (notes §5), so a repeat
 * after a lost reply could run the command twice or on the agent's next call.
 */
export function liveCommand(why = 'the agent screen runs the queued command; a repeat could run it twice or on the next call'): RetryPolicy {
	return { kind: 'never', why };
}

/** Status-line reply: `lines` maps reason text (after the function name) to `|` value names. */
export function statusReply(lines: LineFields): ReplySpec {
	return { kind: 'status', lines };
}

/** A YES/NO flag: the Agent API spells most of its flags as words. */
export function yesNoWord(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'boolean', flag: 'YES/NO', description });
}

// ---- the `value` parameter -------------------------------------------------------------

/**
 * `value` as a required choice. It means something else in every function (PAUSE/RESUME,
 * a transfer action, a park action), so each entry names it; the default is the first option.
 */
export function valueChoice(
	label: string,
	description: string,
	options: readonly OptionSpec[],
	defaultValue: string = options[0].value,
): Field {
	return field({ name: 'value', label, type: 'options', required: true, default: defaultValue, options, description });
}

/** A `value` VICIdial accepts in one spelling only (external_hangup's 1, logout's LOGOUT). */
export function onlyValue(value: string, name: string): Field {
	return valueChoice('Command', `Always ${value}`, [{ value, name, description: 'The only value VICIdial accepts' }]);
}

// ---- agents and users --------------------------------------------------------------------

export const alt_user = field({
	name: 'alt_user',
	label: 'Alt User (CRM Agent ID)',
	type: 'string',
	min: 2,
	max: 100,
	pattern: { regex: /^[A-Za-z0-9]+$/, allowed: 'letters and digits' },
	description:
		'Find the agent by the Custom 3 field of their VICIdial user instead; when a user is found it replaces Agent User',
});

/** st_login_log and st_get_agent_active_lead: a CRM's agent ID, matched to vicidial_users.custom_three. */
export const crm_agent_id = field({
	name: 'value',
	label: 'CRM Agent ID',
	type: 'string',
	required: true,
	min: 1,
	max: 100,
	pattern: { regex: /^[-_A-Za-z0-9]+$/, allowed: 'letters, digits, - and _' },
	description: 'The agent\'s ID in your CRM, as stored in the Custom 3 field of their VICIdial user',
});

export const crm_team_id = field({
	name: 'vendor_id',
	label: 'CRM Team ID',
	type: 'string',
	required: true,
	min: 1,
	max: 100,
	pattern: { regex: /^[^;#]+$/, allowed: 'any characters except ; and #' },
	description: 'The agent\'s team ID in your CRM',
});

// ---- calls and transfers -----------------------------------------------------------------

export const group_alias = field({
	name: 'group_alias',
	label: 'Group Alias',
	type: 'string',
	min: 2,
	max: 30,
	// api.php keeps only letters and digits of group_alias, so an ID with _ or - never matches.
	pattern: { regex: /^[A-Za-z0-9]+$/, allowed: 'letters and digits' },
	description: 'Group alias whose caller ID number is sent for this call',
});

/** A single in-group (transfer_conference, ra_call_control). */
export const ingroup = field({
	name: 'ingroup_choices',
	label: 'In-Group',
	type: 'code',
	min: 2,
	max: 20,
	source: 'inGroups',
	description:
		'One active in-group to send the call to; DEFAULTINGROUP uses the default transfer group of the call\'s campaign or in-group',
});

/** A number dialed through the dialplan: digits, and * and # (api.php strips anything else). */
export const dial_string = field({
	name: 'phone_number',
	label: 'Number to Dial',
	type: 'string',
	min: 1,
	max: 30,
	pattern: { regex: /^[0-9*#]+$/, allowed: 'digits, * and #' },
	description: 'Number or extension as dialed from the agent\'s session: digits, * and #',
});

/** force_fronter_leave_3way and force_fronter_audio_stop: where to look for the fronter. */
export const fronter_scope = field({
	name: 'value',
	label: 'Where to Find the Fronter',
	type: 'options',
	required: true,
	default: 'LOCAL_ONLY',
	options: [
		{ value: 'LOCAL_ONLY', name: 'This Cluster Only' },
		{ value: 'LOCAL_AND_CCC', name: 'This Cluster, Then CCC', description: 'Look on this cluster first, then on the remote cluster that fronted the call' },
		{ value: 'CCC_REMOTE', name: 'Remote CCC', description: 'Use when the closer is not on this cluster; needs Lead ID' },
	],
	description: 'The fronter is the oldest other agent on a call with the same lead as Agent User',
});

export const ccc_lead_id = F.lead_id.with({
	description: 'The lead on the remote cluster; only used with Remote CCC',
});

// ---- lead data (external_add_lead, update_fields) ----------------------------------------

/**
 * The lead's own fields as the Agent API takes them. It has no `--BLANK--` value
 * (update_fields writes whatever it is given), and it keeps only digits of `rank`.
 */
export const agentLeadDataFields: readonly Field[] = F.leadDataFields.map((f) =>
	f.name === 'rank'
		? f.with({ blankable: false, min: 0, description: 'Lead rank: 0-99999 (the Agent API drops a minus sign)' })
		: f.with({ blankable: false }),
);

// api.php accepts YES or Y for both checks, and has no AREACODE variant (unlike add_lead).
export const dnc_check = yesNo('dnc_check', 'DNC Check', 'Refuse the number when it is on the system DNC list');
export const campaign_dnc_check = yesNo(
	'campaign_dnc_check',
	'Campaign DNC Check',
	'Refuse the number when it is on the DNC list of the agent\'s campaign',
);

// ---- agent screen panels (update_fields, refresh_panel) ----------------------------------

function reload(name: string, label: string, what: string): Field {
	return field({ name, label, type: 'boolean', flag: '1/0', description: `Reload the ${what} on the agent screen` });
}

export const formreload = reload('formreload', 'Reload Form', 'custom fields form');
export const scriptreload = reload('scriptreload', 'Reload Script', 'Script tab');
export const script2reload = reload('script2reload', 'Reload Script 2', 'second Script tab');
export const emailreload = reload('emailreload', 'Reload Email', 'Email panel');
export const chatreload = reload('chatreload', 'Reload Chat', 'Chat panel');
export const callbacksreload = reload('callbacksreload', 'Reload Callbacks', 'Callbacks list');

export const panelReloads: readonly Field[] = [formreload, scriptreload, script2reload, emailreload, chatreload];
