import * as F from '../fields';
import { field, plainOptions, yesNo } from '../field';
import type { Field } from '../field';

/**
 * Parameters of the Non-Agent admin functions (campaigns, users, agent status, phones, DIDs,
 * system), defined once here and shared by the resource files of nonAgent/. Limits come from
 * NON-AGENT_API.txt; where non_agent_api.php checks otherwise (vicidial-api-notes.md §7) the
 * code's limit is used and the comment says so.
 */

/** A 0/1 flag (vicidial_users settings such as hotkeys_active). */
function oneZero(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'boolean', flag: '1/0', description });
}

/** A YES/NO flag (output switches such as include_ip). */
function yesNoWord(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'boolean', flag: 'YES/NO', description });
}

function text(name: string, label: string, min: number, max: number, extra = ''): Field {
	return field({
		name,
		label,
		type: 'string',
		min,
		max,
		description: `${label}: ${min}-${max} characters${extra}`,
	});
}

const IPV4 = { regex: /^\d{1,3}(\.\d{1,3}){3}$/, allowed: 'an IPv4 address such as 10.10.10.16' };

// ---- common ------------------------------------------------------------------------------

export const active = yesNo('active', 'Active', 'Y or N');

export const server_ip = field({
	name: 'server_ip',
	label: 'Server IP',
	type: 'string',
	min: 7,
	max: 15,
	pattern: IPV4,
	description: 'IP address of a VICIdial server defined in the system: 7-15 characters',
});

export const admin_user_group = F.user_group.with({
	name: 'admin_user_group',
	label: 'Admin User Group',
	description: 'User group allowed to administer the record, or ---ALL--- (the default)',
});

export const in_groups = field({
	name: 'in_groups',
	label: 'In-Groups',
	type: 'list',
	separator: '|',
	source: 'inGroups',
	description: 'Inbound group IDs, sent pipe-delimited (SALESLINE|SUPPORT)',
});

export const user_groups = field({
	name: 'user_groups',
	label: 'User Groups',
	type: 'list',
	separator: '|',
	source: 'userGroups',
	description: 'User group IDs, sent pipe-delimited (ADMIN|AGENTS)',
});

export const campaigns = field({
	name: 'campaigns',
	label: 'Campaigns',
	type: 'list',
	separator: '|',
	source: 'campaigns',
	description: 'Campaign IDs, sent pipe-delimited (TESTCAMP|INBOUND); all campaigns when empty',
});

// ---- campaigns (update_campaign) ---------------------------------------------------------

export const campaign_name = text('campaign_name', 'Campaign Name', 6, 40);

// Decimal dial levels such as 1.0 or 2.5; VICIdial refuses anything outside 0-18.
const DIAL_LEVEL = { regex: /^\d{1,2}(\.\d{1,2})?$/, allowed: 'a number such as 1, 2.5 or 3.0' };

export const auto_dial_level = field({
	name: 'auto_dial_level',
	label: 'Auto Dial Level',
	type: 'string',
	min: 1,
	max: 5,
	pattern: DIAL_LEVEL,
	description: 'Lines dialed per agent: 0 to 18, for example 3.0',
});

export const adaptive_maximum_level = field({
	name: 'adaptive_maximum_level',
	label: 'Adaptive Maximum Level',
	type: 'string',
	min: 1,
	max: 5,
	pattern: DIAL_LEVEL,
	description: 'Highest dial level the adaptive methods may reach: 1-5 characters, for example 3.0',
});

export const campaign_vdad_exten = text('campaign_vdad_exten', 'Routing Extension', 3, 20);

export const hopper_level = field({
	name: 'hopper_level',
	label: 'Hopper Level',
	type: 'integer',
	min: 1,
	max: 2000,
	description: 'Leads kept ready in the hopper: 1 to 2000',
});

export const reset_hopper = yesNo(
	'reset_hopper',
	'Reset Hopper',
	'Empty the campaign hopper after the update (default N)',
);

export const dial_method = field({
	name: 'dial_method',
	label: 'Dial Method',
	type: 'options',
	options: [
		{ value: 'MANUAL', name: 'Manual' },
		{ value: 'RATIO', name: 'Ratio' },
		{ value: 'INBOUND_MAN', name: 'Inbound Manual' },
		{ value: 'ADAPT_AVERAGE', name: 'Adaptive Average' },
		{ value: 'ADAPT_HARD_LIMIT', name: 'Adaptive Hard Limit' },
		{ value: 'ADAPT_TAPERED', name: 'Adaptive Tapered' },
	],
	description: 'How the campaign dials',
});

export const dial_timeout = field({
	name: 'dial_timeout',
	label: 'Dial Timeout',
	type: 'integer',
	min: 1,
	max: 120,
	description: 'Seconds to ring before giving up: 1 to 120',
});

// The values non_agent_api.php accepts. RANDOM orders are left out: the script refuses them
// ("LIST ORDER INCLUDING RANDOM ARE NOT ALLOWED", $camp_lead_order_random=1 in the code).
const LIST_ORDER_BASES = [
	'DOWN',
	'UP',
	'DOWN PHONE',
	'UP PHONE',
	'DOWN LAST NAME',
	'UP LAST NAME',
	'DOWN COUNT',
	'UP COUNT',
	'DOWN LAST CALL TIME',
	'UP LAST CALL TIME',
	'DOWN RANK',
	'UP RANK',
	'DOWN OWNER',
	'UP OWNER',
	'DOWN TIMEZONE',
	'UP TIMEZONE',
];
const NTH_NEW = ['2nd', '3rd', '4th', '5th', '6th'];

export const list_order = field({
	name: 'list_order',
	label: 'List Order',
	type: 'options',
	options: plainOptions([
		...LIST_ORDER_BASES,
		...LIST_ORDER_BASES.flatMap((base) => NTH_NEW.map((nth) => `${base} ${nth} NEW`)),
	]),
	description:
		'Order in which leads are dialed (case-sensitive, for example DOWN COUNT); RANDOM orders are refused by the API',
});

export const list_order_randomize = yesNo(
	'list_order_randomize',
	'List Order Randomize',
	'Randomize hopper loading within the list order',
);

export const list_order_secondary = field({
	name: 'list_order_secondary',
	label: 'List Order Secondary',
	type: 'options',
	options: [
		{ value: 'LEAD_ASCEND', name: 'Lead ID Ascending' },
		{ value: 'LEAD_DESCEND', name: 'Lead ID Descending' },
		{ value: 'CALLTIME_ASCEND', name: 'Call Time Ascending' },
		{ value: 'CALLTIME_DESCEND', name: 'Call Time Descending' },
		{ value: 'VENDOR_ASCEND', name: 'Vendor Lead Code Ascending' },
		{ value: 'VENDOR_DESCEND', name: 'Vendor Lead Code Descending' },
	],
	description: 'Tie-break order within the list order',
});

export const campaign_outbound_cid = field({
	name: 'outbound_cid',
	label: 'Outbound Caller ID',
	type: 'digits',
	// The docs say 1-20 digits; the API's own error says 6 to 20.
	min: 6,
	max: 20,
	description: 'Caller ID number sent on outbound calls: 6-20 digits',
});

export const dial_status_add = F.status.with({
	name: 'dial_status_add',
	label: 'Dial Status Add',
	description: "Add one status to the campaign's dial statuses: 1-6 characters",
});

export const dial_status_remove = F.status.with({
	name: 'dial_status_remove',
	label: 'Dial Status Remove',
	description: "Remove one status from the campaign's dial statuses: 1-6 characters",
});

export const lead_filter_id = field({
	name: 'lead_filter_id',
	label: 'Lead Filter',
	type: 'code',
	min: 1,
	max: 20,
	description: 'A lead filter ID defined in VICIdial, or ---NONE--- to use no filter',
});

function xferconf(name: string, ordinal: string): Field {
	return field({
		name,
		label: `Transfer Conf Number ${ordinal}`,
		type: 'string',
		min: 1,
		max: 50,
		blankable: true,
		description: `Transfer-conference number ${ordinal}: 1-50 characters`,
	});
}

export const xferconf_one = xferconf('xferconf_one', '1');
export const xferconf_two = xferconf('xferconf_two', '2');
export const xferconf_three = xferconf('xferconf_three', '3');
export const xferconf_four = xferconf('xferconf_four', '4');
export const xferconf_five = xferconf('xferconf_five', '5');

// URLs travel URL-encoded in the query; Non-Agent still turns a + into a space (notes §1).
function urlField(name: string, label: string, what: string): Field {
	return field({
		name,
		label,
		type: 'string',
		min: 3,
		max: 65000,
		blankable: true,
		description: `${what}. A full URL must start with http:// or https://; --A--field--B-- placeholders are kept. VICIdial turns + into a space.`,
	});
}

export const dispo_call_url = urlField(
	'dispo_call_url',
	'Dispo Call URL',
	'URL called when an agent dispositions a call, or ALT to use the alternate URL list (Update Alt URL)',
);
export const webform_one = urlField(
	'webform_one',
	'Web Form 1',
	'Address of the agent screen Web Form button',
);
export const webform_two = urlField(
	'webform_two',
	'Web Form 2',
	'Address of the agent screen Web Form 2 button',
);
export const webform_three = urlField(
	'webform_three',
	'Web Form 3',
	'Address of the agent screen Web Form 3 button',
);

// ---- alternate URLs (update_alt_url) -----------------------------------------------------

export const entry_type = field({
	name: 'entry_type',
	label: 'Entry Type',
	type: 'options',
	default: 'campaign',
	// The docs name only 'campaign'; the code also takes in-groups and lists.
	options: [
		{ value: 'campaign', name: 'Campaign' },
		{ value: 'ingroup', name: 'In-Group', description: 'Campaign then holds the in-group ID' },
		{
			value: 'list',
			name: 'List',
			description: 'Campaign then holds the list ID; No Agent URLs only',
		},
	],
	description: 'What the URL entries belong to (default campaign)',
});

export const url_type = field({
	name: 'url_type',
	label: 'URL Type',
	type: 'options',
	options: [
		{ value: 'dispo', name: 'Dispo Call URL' },
		{ value: 'start', name: 'Start Call URL' },
		{ value: 'addlead', name: 'Add Lead URL', description: 'In-groups only' },
		{ value: 'noagent', name: 'No Agent Call URL' },
	],
	description: 'Which URL setting the entries belong to; that setting must be ALT',
});

export const alt_url_id = field({
	name: 'alt_url_id',
	label: 'Alt URL ID',
	type: 'string',
	min: 1,
	max: 10,
	pattern: { regex: /^(\d+|NEW|LIST)$/, allowed: 'digits, NEW or LIST' },
	description:
		'ID of the entry to change, NEW to add one or LIST to read them all; may be left empty when only one entry exists',
});

export const url_rank = field({
	name: 'url_rank',
	label: 'URL Rank',
	type: 'digits',
	min: 1,
	max: 5,
	description: 'Order among the entries: up to 5 digits',
});

export const url_statuses = field({
	name: 'url_statuses',
	label: 'URL Statuses',
	type: 'list',
	separator: ' ',
	max: 1000,
	description: 'Dispo URLs only: statuses the URL fires for (SALE PSALE), or ---ALL---',
});

export const url_description = field({
	name: 'url_description',
	label: 'URL Description',
	type: 'string',
	max: 255,
	blankable: true,
	description: 'Description of the entry: up to 255 characters',
});

export const url_lists = field({
	name: 'url_lists',
	label: 'URL Lists',
	type: 'list',
	separator: ' ',
	max: 1000,
	blankable: true,
	description: 'List IDs the URL fires for (101 102); all lists when blank',
});

export const url_call_length = field({
	name: 'url_call_length',
	label: 'URL Call Length',
	type: 'digits',
	min: 1,
	max: 5,
	description: 'Only calls at least this many seconds long fire the URL (default 0)',
});

export const url_address = field({
	name: 'url_address',
	label: 'URL Address',
	type: 'string',
	min: 5,
	max: 65000,
	blankable: true,
	description:
		'The URL to call. A full URL must start with http:// or https://; --A--field--B-- placeholders are kept. VICIdial turns + into a space.',
});

// ---- transfer presets (update_presets) ---------------------------------------------------

export const preset_name = field({
	name: 'preset_name',
	label: 'Preset Name',
	type: 'string',
	min: 1,
	max: 40,
	description: 'Name of the preset; may be left empty when the campaign has only one',
});

export const preset_action = field({
	name: 'action',
	label: 'Action',
	type: 'options',
	default: 'UPDATE',
	options: [
		{ value: 'UPDATE', name: 'Update' },
		{ value: 'NEW', name: 'New' },
		{ value: 'DELETE', name: 'Delete' },
		{ value: 'LIST', name: 'List', description: 'Return all presets of the campaign' },
	],
	description: 'What to do with the preset (default UPDATE)',
});

export const preset_number = field({
	name: 'preset_number',
	label: 'Preset Number',
	type: 'digits',
	min: 1,
	max: 50,
	description: 'Number the preset dials: 1-50 digits',
});

export const preset_hide_number = yesNo(
	'preset_hide_number',
	'Preset Hide Number',
	'Hide the number from the agent (default N)',
);

export const preset_dtmf = field({
	name: 'preset_dtmf',
	label: 'Preset DTMF',
	type: 'string',
	max: 50,
	blankable: true,
	pattern: { regex: /^[0-9PSQ]+$/, allowed: 'digits and P (#), S (*), Q (half-second pause)' },
	description: 'Tones sent after the call connects: digits, P = #, S = *, Q = half-second pause',
});

// ---- caller ID groups (update_cid_group_entry) -------------------------------------------

export const cid_group_id = field({
	name: 'cid_group_id',
	label: 'CID Group ID',
	type: 'code',
	min: 2,
	max: 20,
	description: 'A CID group ID or campaign ID: 2-20 characters',
});

export const areacode = field({
	name: 'areacode',
	label: 'Area Code',
	type: 'string',
	min: 1,
	max: 9,
	description: 'Area code (312), state (FL) or NONE of the entries, or ---ALL--- for all of them',
});

export const cid_stage = field({
	name: 'stage',
	label: 'Action',
	type: 'options',
	options: [
		{ value: 'INFO', name: 'Info', description: 'Return the matching entries' },
		{ value: 'ADD', name: 'Add' },
		{ value: 'UPDATE', name: 'Update' },
		{ value: 'DELETE', name: 'Delete' },
	],
	description: 'What to do with the matching entries',
});

export const cid_outbound_cid = field({
	name: 'outbound_cid',
	label: 'Outbound Caller ID',
	type: 'string',
	max: 20,
	pattern: { regex: /^(\d+|---ALL---)$/, allowed: 'digits or ---ALL---' },
	description:
		'Caller ID number of the entry: 1-20 digits (at least 4 to add). For Update, Delete and Info, ---ALL--- or empty matches every number of the area code.',
});

export const cid_description = text(
	'cid_description',
	'CID Description',
	6,
	50,
	' (default blank)',
);

// ---- users -------------------------------------------------------------------------------

export const new_agent_user = F.agent_user.with({
	source: undefined,
	description:
		'ID of the new user: 2-20 characters, or AUTOGENERATED to let VICIdial pick the next free ID',
});

export const agent_pass = field({
	name: 'agent_pass',
	label: 'Agent Password',
	type: 'password',
	min: 1,
	max: 20,
	description: 'Password of the user: 1-20 characters',
});

export const agent_user_level = field({
	name: 'agent_user_level',
	label: 'User Level',
	type: 'integer',
	min: 1,
	max: 9,
	description:
		"1 to 9; must be below the API user's own level (or equal with Modify Same User Level)",
});

export const agent_full_name = text('agent_full_name', 'Full Name', 1, 50);

export const agent_user_group = F.user_group.with({
	name: 'agent_user_group',
	min: 1,
	description: 'User group of the user: 1-20 characters, must exist in VICIdial',
});

export const phone_login = field({
	name: 'phone_login',
	label: 'Phone Login',
	type: 'code',
	min: 1,
	max: 20,
	description: 'Login of a phone defined in VICIdial: 1-20 characters',
});

export const phone_pass = field({
	name: 'phone_pass',
	label: 'Phone Password',
	type: 'password',
	min: 1,
	max: 20,
	description: 'Password of the phone: 1-20 characters',
});

export const hotkeys_active = oneZero(
	'hotkeys_active',
	'Hotkeys Active',
	'Let the agent use disposition hotkeys',
);

export const voicemail_id = field({
	name: 'voicemail_id',
	label: 'Voicemail ID',
	type: 'digits',
	min: 1,
	max: 10,
	description: 'Voicemail box: 1-10 digits',
});

export const user_email = field({
	name: 'email',
	label: 'Email',
	type: 'string',
	min: 1,
	max: 100,
	description: 'Email address of the user: 1-100 characters',
});

function custom(name: string, ordinal: string): Field {
	return text(name, `Custom ${ordinal}`, 1, 100);
}

export const custom_one = custom('custom_one', 'One');
export const custom_two = custom('custom_two', 'Two');
export const custom_three = custom('custom_three', 'Three');
export const custom_four = custom('custom_four', 'Four');
export const custom_five = custom('custom_five', 'Five');

/** The five free user fields, in the docs' order. */
export const userCustomFields = [
	custom_one,
	custom_two,
	custom_three,
	custom_four,
	custom_five,
] as const;

export const wrapup_seconds_override = field({
	name: 'wrapup_seconds_override',
	label: 'Wrapup Seconds Override',
	type: 'integer',
	min: -1,
	max: 9999,
	description: '-1 to 9999; -1 (the default) uses the campaign setting',
});

export const agent_choose_ingroups = oneZero(
	'agent_choose_ingroups',
	'Agent Choose In-Groups',
	'Let the agent pick in-groups at login (default 1)',
);

export const agent_choose_blended = oneZero(
	'agent_choose_blended',
	'Agent Choose Blended',
	'Let the agent choose blended outbound at login (default 1)',
);

export const closer_default_blended = oneZero(
	'closer_default_blended',
	'Closer Default Blended',
	'Preselect blended outbound for the agent (default 0)',
);

function rankField(name: string, label: string, scope: string): Field {
	return field({
		name,
		label,
		type: 'integer',
		min: -9,
		max: 9,
		description: `-9 to 9; sets the user's rank on ${scope}`,
	});
}

function gradeField(name: string, label: string, scope: string): Field {
	return field({
		name,
		label,
		type: 'integer',
		min: 1,
		max: 10,
		description: `1 to 10; sets the user's grade on ${scope}`,
	});
}

export const campaign_rank = rankField(
	'campaign_rank',
	'Campaign Rank',
	'all campaigns (or only Campaign with Campaign Rank/Grade Only)',
);
export const campaign_grade = gradeField(
	'campaign_grade',
	'Campaign Grade',
	'all campaigns (or only Campaign with Campaign Rank/Grade Only)',
);
export const ingroup_rank = rankField(
	'ingroup_rank',
	'In-Group Rank',
	'all in-groups (or only Group ID with In-Group Rank/Grade Only)',
);
export const ingroup_grade = gradeField(
	'ingroup_grade',
	'In-Group Grade',
	'all in-groups (or only Group ID with In-Group Rank/Grade Only)',
);

export const camp_rg_only = oneZero(
	'camp_rg_only',
	'Campaign Rank/Grade Only',
	'Set the rank and grade for Campaign only instead of every campaign; needs Campaign',
);

export const ingrp_rg_only = oneZero(
	'ingrp_rg_only',
	'In-Group Rank/Grade Only',
	'Set the rank and grade for Group ID only instead of every in-group; needs Group ID',
);

export const group_id = field({
	name: 'group_id',
	label: 'Group ID',
	type: 'code',
	min: 2,
	max: 20,
	source: 'inGroups',
	description: 'In-group ID; needed with In-Group Rank/Grade Only',
});

export const reset_password = field({
	name: 'reset_password',
	label: 'Reset Password',
	type: 'digits',
	min: 1,
	max: 2,
	pattern: { regex: /^(0|[89]|[1-9]\d)$/, allowed: '0 or a length of 8 or more' },
	description:
		'Length (8 or more) of a random new password that VICIdial emails to the user; 0 does nothing. Needs a valid email on the user or in Email.',
});

export const delete_user = yesNo(
	'delete_user',
	'Delete User',
	'Delete the user instead of updating it; needs Delete Users = 1 (default N)',
);

export const source_user = F.agent_user.with({
	name: 'source_user',
	label: 'Source User',
	description: 'Existing user to copy: 2-20 characters',
});

export const remote_agent_status = field({
	name: 'status',
	label: 'Status',
	type: 'options',
	options: [
		{ value: 'ACTIVE', name: 'Active' },
		{ value: 'INACTIVE', name: 'Inactive' },
	],
	description: 'ACTIVE or INACTIVE',
});

export const number_of_lines = field({
	name: 'number_of_lines',
	label: 'Number of Lines',
	type: 'integer',
	min: 1,
	// The docs say "1-20 digits"; the code accepts 1 to 999.
	max: 999,
	description: 'Lines the remote agent takes: 1 to 999',
});

export const ignore_agentdirect = yesNo(
	'ignore_agentdirect',
	'Ignore AGENTDIRECT',
	'Leave AGENTDIRECT in-groups out of the result (default N)',
);

// ---- real-time status --------------------------------------------------------------------

export const include_ip = yesNoWord(
	'include_ip',
	'Include IP',
	'Add computer_ip, the address the agent last logged in from (default NO)',
);

export const show_sub_status = yesNoWord(
	'show_sub_status',
	'Show Sub-Status',
	'Fill pause_code and sub_status; needs a log lookup (default NO)',
);

export const session_id = field({
	name: 'session_id',
	label: 'Session ID',
	type: 'digits',
	min: 7,
	max: 7,
	description: "The agent's conference session: 7 digits (session_id in Agent Status)",
});

export const monitor_stage = field({
	name: 'stage',
	label: 'Monitor Type',
	type: 'options',
	default: 'MONITOR',
	options: [
		{ value: 'MONITOR', name: 'Monitor', description: 'Listen only' },
		{ value: 'BARGE', name: 'Barge', description: 'Talk to both agent and customer' },
		{
			value: 'BARGESWAP',
			name: 'Barge Swap',
			description: 'Barge, with the call placed from the other side',
		},
		{
			value: 'WHISPER',
			name: 'Whisper',
			description: 'Talk to the agent only; needs agent whisper enabled, else monitors',
		},
		{ value: 'HIJACK', name: 'Hijack', description: 'Not functional in VICIdial' },
	],
	description: 'How the phone joins the session (default MONITOR)',
});

// ---- phones ------------------------------------------------------------------------------

export const extension = text('extension', 'Extension', 2, 100);

export const dialplan_number = field({
	name: 'dialplan_number',
	label: 'Dialplan Number',
	type: 'digits',
	min: 1,
	max: 20,
	description: 'Number that rings the phone: 1-20 digits',
});

export const protocol = field({
	name: 'protocol',
	label: 'Protocol',
	type: 'options',
	default: 'SIP',
	options: [
		{ value: 'SIP', name: 'SIP' },
		{ value: 'IAX2', name: 'IAX2' },
		{ value: 'Zap', name: 'Zap' },
		{ value: 'EXTERNAL', name: 'External' },
	],
	description: 'Phone protocol: SIP, IAX2, Zap or EXTERNAL',
});

export const registration_password = field({
	name: 'registration_password',
	label: 'Registration Password',
	type: 'password',
	min: 1,
	max: 20,
	description: 'Password the phone registers with: 1-20 characters',
});

export const phone_full_name = text('phone_full_name', 'Phone Full Name', 1, 50);

export const local_gmt = field({
	name: 'local_gmt',
	label: 'Local GMT',
	type: 'string',
	default: '-5.00',
	pattern: {
		regex: /^-?\d{1,2}\.\d{2}$/,
		allowed: 'an offset with two decimals such as -5.00 or 5.50',
	},
	description: 'Time zone offset of the phone without DST, written like -5.00 (the default)',
});

export const phone_outbound_cid = field({
	name: 'outbound_cid',
	label: 'Outbound Caller ID',
	type: 'digits',
	min: 1,
	max: 20,
	description: 'Caller ID number of the phone: 1-20 digits',
});

export const outbound_alt_cid = field({
	name: 'outbound_alt_cid',
	label: 'Outbound Alt Caller ID',
	type: 'digits',
	min: 6,
	max: 18,
	blankable: true,
	description: 'Alternate caller ID number: 6-18 digits',
});

export const phone_context = field({
	name: 'phone_context',
	label: 'Phone Context',
	type: 'string',
	min: 1,
	max: 20,
	description: 'Dialplan context of the phone (default "default")',
});

export const phone_email = field({
	name: 'email',
	label: 'Email',
	type: 'string',
	min: 1,
	max: 100,
	description: 'Email address for voicemail: 1-100 characters',
});

export const is_webphone = field({
	name: 'is_webphone',
	label: 'Is Webphone',
	type: 'options',
	options: [
		{ value: 'N', name: 'No' },
		{ value: 'Y', name: 'Yes' },
		{ value: 'Y_API_LAUNCH', name: 'Yes, Launched by API' },
	],
	description: 'Treat the phone as a webphone (default N)',
});

export const webphone_auto_answer = yesNo(
	'webphone_auto_answer',
	'Webphone Auto Answer',
	'Answer as soon as the call to the agent is placed (default N)',
);

export const use_external_server_ip = yesNo(
	'use_external_server_ip',
	'Use External Server IP',
	"Register with the server's external IP (default N)",
);

export const template_id = text(
	'template_id',
	'Template ID',
	1,
	15,
	'; must be a template defined in VICIdial',
);

export const on_hook_agent = yesNo(
	'on_hook_agent',
	'On-Hook Agent',
	'Treat the phone as on-hook when an agent logs in with it (default N)',
);

export const phone_ring_timeout = field({
	name: 'phone_ring_timeout',
	label: 'Phone Ring Timeout',
	type: 'integer',
	// The docs say 1-3 digits; the API's own error says 2 to 180 seconds.
	min: 2,
	max: 180,
	description: 'Seconds to ring the phone: 2 to 180 (default 60)',
});

export const delete_vm_after_email = yesNo(
	'delete_vm_after_email',
	'Delete Voicemail After Email',
	'Delete voicemail messages once emailed (default N)',
);

export const delete_phone = yesNo(
	'delete_phone',
	'Delete Phone',
	'Delete the phone instead of updating it; needs Ast Delete Phones = 1 (default N)',
);

// ---- phone and group aliases -------------------------------------------------------------

export const alias_id = field({
	name: 'alias_id',
	label: 'Alias ID',
	type: 'code',
	min: 2,
	max: 20,
	description: 'ID of the phone alias: 2-20 characters',
});

export const alias_name = text('alias_name', 'Alias Name', 1, 50);

export const phone_logins = field({
	name: 'phone_logins',
	label: 'Phone Logins',
	type: 'list',
	separator: ',',
	min: 2,
	max: 255,
	description:
		'Logins of existing phones, sent comma-separated (100a,100b): 2-255 characters in all',
});

export const delete_alias = yesNo(
	'delete_alias',
	'Delete Alias',
	'Delete the alias instead of updating it; needs Ast Delete Phones = 1 (default N)',
);

export const caller_id_number = field({
	name: 'caller_id_number',
	label: 'Caller ID Number',
	type: 'digits',
	min: 6,
	max: 20,
	description: 'Caller ID number the alias sends: 6-20 digits',
});

export const group_alias_id = field({
	name: 'group_alias_id',
	label: 'Group Alias ID',
	type: 'string',
	min: 3,
	max: 30,
	pattern: { regex: /^[A-Za-z0-9_]+$/, allowed: 'letters, digits and underscores' },
	description:
		'ID of the alias: 3-30 characters, no spaces or punctuation (default: the caller ID number)',
});

export const group_alias_name = text(
	'group_alias_name',
	'Group Alias Name',
	3,
	50,
	' (default: the caller ID number)',
);

export const caller_id_name = text('caller_id_name', 'Caller ID Name', 6, 20, ' (default blank)');

// ---- DIDs --------------------------------------------------------------------------------

// The docs ask for a + to be sent as %2B in DID patterns, but the Non-Agent API turns every +
// into a space, %2B included (vicidial-api-notes.md §1, verified): the schema refuses a +.
export const did_pattern = field({
	name: 'did_pattern',
	label: 'DID Pattern',
	type: 'string',
	min: 2,
	max: 50,
	description:
		'The DID number or pattern: 2-50 characters, without + (the API turns + into a space)',
});

export const existing_did_pattern = did_pattern.with({
	source: 'dids',
	description:
		'A DID defined in VICIdial: 2-50 characters, without + (the API turns + into a space)',
});

export const source_did_pattern = existing_did_pattern.with({
	name: 'source_did_pattern',
	label: 'Source DID Pattern',
	description: 'The DID to copy: 2-50 characters, must exist in VICIdial',
});

export const new_dids = field({
	name: 'new_dids',
	label: 'New DIDs',
	type: 'list',
	separator: ',',
	min: 2,
	max: 2000,
	// The list check lets + through; it would arrive as a space (see did_pattern).
	pattern: {
		regex: /^[A-Za-z0-9_.-]+$/,
		allowed: 'DID patterns of letters, digits, _ . and - (no +: the API turns + into a space)',
	},
	description: 'DID patterns to create, sent comma-separated: 2-2000 characters in all',
});

export const did_description = text('did_description', 'DID Description', 6, 50);

export const did_route = field({
	name: 'did_route',
	label: 'DID Route',
	type: 'options',
	options: [
		{ value: 'EXTEN', name: 'Extension' },
		{ value: 'VOICEMAIL', name: 'Voicemail' },
		{ value: 'AGENT', name: 'Agent' },
		{ value: 'PHONE', name: 'Phone' },
		{ value: 'IN_GROUP', name: 'In-Group' },
		{ value: 'CALLMENU', name: 'Call Menu' },
		{ value: 'VMAIL_NO_INST', name: 'Voicemail Without Instructions' },
	],
	description: 'Where calls to the DID go',
});

export const record_call = field({
	name: 'record_call',
	label: 'Record Call',
	type: 'options',
	options: [
		{ value: 'N', name: 'No' },
		{ value: 'Y', name: 'Yes' },
		{ value: 'Y_QUEUESTOP', name: 'Yes, Stop When Queued' },
	],
	description: 'Record calls to the DID',
});

// The docs say digits; the code only checks the length (1-50).
export const did_extension = text('extension', 'Extension', 1, 50, ' (route EXTEN)');

export const exten_context = text('exten_context', 'Extension Context', 1, 50, ' (route EXTEN)');

export const voicemail_ext = field({
	name: 'voicemail_ext',
	label: 'Voicemail Box',
	type: 'digits',
	min: 1,
	max: 10,
	description: 'Voicemail box for route VOICEMAIL: 1-10 digits',
});

export const phone_extension = text('phone_extension', 'Phone Extension', 1, 100, ' (route PHONE)');

export const did_group = field({
	name: 'group',
	label: 'In-Group',
	type: 'code',
	min: 2,
	max: 20,
	source: 'inGroups',
	description: 'In-group ID for route IN_GROUP; must exist in VICIdial',
});

export const menu_id = field({
	name: 'menu_id',
	label: 'Call Menu',
	type: 'code',
	min: 2,
	max: 50,
	description: 'Call menu ID for route CALLMENU; must exist in VICIdial',
});

export const filter_clean_cid_number = text(
	'filter_clean_cid_number',
	'Filter Clean CID Number',
	1,
	20,
);

export const call_handle_method = text(
	'call_handle_method',
	'Call Handle Method',
	3,
	20,
	'; for route IN_GROUP: CID, CIDLOOKUP, CLOSER, … (default CID)',
);

export const agent_search_method = field({
	name: 'agent_search_method',
	label: 'Agent Search Method',
	type: 'options',
	options: [
		{ value: 'LB', name: 'Load-Balanced' },
		{ value: 'LO', name: 'Load-Balanced Overflow' },
		{ value: 'SO', name: 'Server-Only' },
	],
	description: 'Agent search for route IN_GROUP (default LB)',
});

export const did_entry_list_id = F.entry_list_id.with({
	min: 1,
	description: 'Entry list ID for new leads with route IN_GROUP: 1-12 digits (default 0)',
});

export const delete_did = yesNo(
	'delete_did',
	'Delete DID',
	'Delete the DID instead of updating it; needs Delete DIDs = 1 (default N)',
);

/** What add_did and update_did can set, in the docs' order. */
export const didSettingFields = [
	did_description,
	active,
	did_route,
	record_call,
	did_extension,
	exten_context,
	voicemail_ext,
	phone_extension,
	server_ip.with({
		description: 'Server for route PHONE: an IPv4 address of a server defined in VICIdial',
	}),
	did_group,
	menu_id,
	filter_clean_cid_number,
	call_handle_method,
	agent_search_method,
	F.list_id.with({
		description: 'List for new leads with route IN_GROUP: 3-12 digits (default 999)',
	}),
	did_entry_list_id,
	F.campaign_id.with({
		description: 'Campaign for route IN_GROUP: 2-8 characters (default blank)',
	}),
	F.phone_code.with({ description: 'Phone code for route IN_GROUP: 1-4 digits (default 1)' }),
] as const;

// ---- system ------------------------------------------------------------------------------

export const sounds_sort = field({
	name: 'stage',
	label: 'Sort By',
	type: 'options',
	default: 'name',
	options: [
		{ value: 'name', name: 'Name' },
		{ value: 'date', name: 'Date', description: 'Newest first' },
		{ value: 'size', name: 'Size', description: 'Largest first' },
	],
	description: 'Order of the files; VICIdial lists nothing without one',
});

export const container_type = field({
	name: 'type',
	label: 'Container Type',
	type: 'code',
	min: 1,
	max: 40,
	description: 'Settings container type to list (for example OTHER or PERL_CLI)',
});
