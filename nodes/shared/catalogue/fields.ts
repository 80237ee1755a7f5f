import { field, yesNo } from './field';
import type { OptionSpec } from './types';

/**
 * Every VICIdial parameter that more than one function takes, defined once. Limits and
 * wording come from NON-AGENT_API.txt / AGENT_API.txt; where the running 2.14 code differs
 * (vicidial-api-notes.md §7) the code wins.
 */

// ---- identifiers -------------------------------------------------------------------------

export const lead_id = field({
	name: 'lead_id',
	label: 'Lead ID',
	type: 'digits',
	min: 1,
	max: 10,
	description: 'The lead\'s ID in vicidial_list (digits)',
});

export const list_id = field({
	name: 'list_id',
	label: 'List',
	type: 'digits',
	min: 3,
	max: 12,
	source: 'lists',
	description: 'List ID: 3-12 digits',
});

export const campaign_id = field({
	name: 'campaign_id',
	label: 'Campaign',
	type: 'code',
	min: 2,
	max: 8,
	source: 'campaigns',
	description: 'Campaign ID: 2-8 characters',
});

export const agent_user = field({
	name: 'agent_user',
	label: 'Agent User',
	type: 'code',
	min: 2,
	max: 20,
	source: 'users',
	description: 'VICIdial user ID of the agent: 2-20 characters',
});

export const logged_in_agent = agent_user.with({
	source: 'loggedInAgents',
	description: 'The agent to act on; must be logged in to the agent screen',
});

export const user_group = field({
	name: 'user_group',
	label: 'User Group',
	type: 'code',
	min: 2,
	max: 20,
	source: 'userGroups',
	description: 'User group ID: 2-20 characters',
});

export const vendor_lead_code = field({
	name: 'vendor_lead_code',
	label: 'Vendor Lead Code',
	type: 'string',
	max: 20,
	blankable: true,
	description: 'Your own ID for the lead (for example the CRM record ID): 1-20 characters',
});

export const status = field({
	name: 'status',
	label: 'Status',
	type: 'code',
	min: 1,
	max: 6,
	source: 'campaignStatuses',
	description: 'Disposition status code: 1-6 characters (SALE, NI, CALLBK, …)',
});

export const call_id = field({
	name: 'call_id',
	label: 'Call ID',
	type: 'string',
	min: 9,
	max: 40,
	pattern: { regex: /^[A-Za-z0-9._]+$/, allowed: 'letters, digits, dots and underscores' },
	description: 'VICIdial caller code of the call (20 characters, for example M1122334450000000008)',
});

// ---- phone numbers -----------------------------------------------------------------------

export const phone_number = field({
	name: 'phone_number',
	label: 'Phone Number',
	type: 'phone',
	min: 6,
	max: 16,
	phoneCodeField: 'phone_code',
	description:
		'6-16 digits. Pasted forms such as "(312) 555-1234" or "+1 312-555-1234" are reduced to digits; a leading + country code goes to Phone Code.',
});

export const phone_code = field({
	name: 'phone_code',
	label: 'Phone Code',
	type: 'digits',
	min: 1,
	max: 4,
	description: 'Country calling code: 1-4 digits (1 for USA/Canada, 44 for the UK)',
});

export const alt_phone = field({
	name: 'alt_phone',
	label: 'Alt Phone',
	type: 'phone',
	min: 1,
	max: 12,
	blankable: true,
	description: 'Alternate phone number: up to 12 digits',
});

// ---- dates -------------------------------------------------------------------------------

export const date = field({
	name: 'date',
	label: 'Date',
	type: 'date',
	description: 'Date as YYYY-MM-DD',
});

export const callback_datetime = field({
	name: 'callback_datetime',
	label: 'Callback Date and Time',
	type: 'dateTime',
	// The Non-Agent API also takes NOW or a number of days ahead (NON-AGENT_API.txt, add_lead).
	accepts: { regex: /^(NOW|\d{1,3}DAYS)$/, allowed: 'NOW or a number of days such as 3DAYS' },
	description:
		'When to call back: YYYY-MM-DD HH:MM:SS (server time), NOW, or a number of days ahead such as 3DAYS',
});

// ---- lead fields (add_lead, update_lead, external_add_lead, update_fields) ----------------

function text(name: string, label: string, max: number, extra = ''): ReturnType<typeof field> {
	return field({
		name,
		label,
		type: 'string',
		max,
		blankable: true,
		description: `${label}: up to ${max} characters${extra}`,
	});
}

export const title = text('title', 'Title', 4);
export const first_name = text('first_name', 'First Name', 30);
export const middle_initial = text('middle_initial', 'Middle Initial', 1);
export const last_name = text('last_name', 'Last Name', 30);
export const address1 = text('address1', 'Address 1', 100);
export const address2 = text('address2', 'Address 2', 100);
export const address3 = text('address3', 'Address 3', 100);
export const city = text('city', 'City', 50);
export const state = text('state', 'State', 2, ' (two-letter code)');
export const province = text('province', 'Province', 50);
export const postal_code = text('postal_code', 'Postal Code', 10);
export const country_code = text('country_code', 'Country Code', 3, ' (for example USA)');
export const email = text('email', 'Email', 70);
export const security_phrase = text('security_phrase', 'Security Phrase', 100);
export const comments = text('comments', 'Comments', 255, '. VICIdial turns + into a space.');
export const source_id = text('source_id', 'Source ID', 50);
export const owner = text('owner', 'Owner', 20, ' (user ID, territory or user group)');
export const gender = field({
	name: 'gender',
	label: 'Gender',
	type: 'options',
	options: [
		{ value: 'U', name: 'Undefined' },
		{ value: 'M', name: 'Male' },
		{ value: 'F', name: 'Female' },
	],
	blankable: true,
	description: 'U, M or F',
});
export const date_of_birth = date.with({
	name: 'date_of_birth',
	label: 'Date of Birth',
	blankable: true,
	description: 'Date of birth as YYYY-MM-DD',
});
export const rank = field({
	name: 'rank',
	label: 'Rank',
	type: 'integer',
	min: -99999,
	max: 99999,
	description: 'Lead rank: up to 5 digits',
});
export const gmt_offset_now = field({
	name: 'gmt_offset_now',
	label: 'GMT Offset',
	type: 'string',
	max: 6,
	pattern: { regex: /^[+-]?\d{1,2}(\.\d{1,2})?$/, allowed: 'an offset such as -5.00 or 9.5' },
	description: 'Time zone offset such as -5.00; VICIdial looks it up from the phone number when it can',
});

/** The lead's own data, in the order VICIdial's docs list them. */
export const leadDataFields = [
	vendor_lead_code,
	source_id,
	gmt_offset_now,
	title,
	first_name,
	middle_initial,
	last_name,
	address1,
	address2,
	address3,
	city,
	state,
	province,
	postal_code,
	country_code,
	gender,
	date_of_birth,
	alt_phone,
	email,
	security_phrase,
	comments,
	rank,
	owner,
] as const;

// ---- common settings ---------------------------------------------------------------------

export const dnc_check = field({
	name: 'dnc_check',
	label: 'DNC Check',
	type: 'options',
	options: [
		{ value: 'N', name: 'No' },
		{ value: 'Y', name: 'Yes', description: 'Refuse numbers on the system DNC list' },
		{ value: 'AREACODE', name: 'Area Code', description: 'Also refuse area-code wildcard entries' },
	],
	description: 'Check the system DNC list first (default N)',
});

export const campaign_dnc_check = dnc_check.with({
	name: 'campaign_dnc_check',
	label: 'Campaign DNC Check',
	description: 'Check the campaign DNC list first; needs Campaign (default N)',
});

export const add_to_hopper = yesNo(
	'add_to_hopper',
	'Add to Hopper',
	'Put the lead in the campaign hopper so it is dialed soon (default N)',
);

export const hopper_priority = field({
	name: 'hopper_priority',
	label: 'Hopper Priority',
	type: 'integer',
	min: -99,
	max: 99,
	description: '-99 to 99, higher is dialed first (default 0)',
});

export const hopper_local_call_time_check = yesNo(
	'hopper_local_call_time_check',
	'Hopper Local Call Time Check',
	'Only add to the hopper when the lead\'s local call time allows it (default N)',
);

export const custom_fields = yesNo(
	'custom_fields',
	'Custom Fields',
	'Accept custom list field values (set automatically when custom fields are given)',
);

export const list_exists_check = yesNo(
	'list_exists_check',
	'List Exists Check',
	'Refuse the request when the list is not defined in VICIdial (default N)',
);

export const callback = yesNo('callback', 'Schedule Callback', 'Set the lead as a scheduled callback; needs Campaign');
export const callback_status = status.with({
	name: 'callback_status',
	label: 'Callback Status',
	description: 'Status used for the callback: 1-6 characters (default CALLBK)',
});
export const callback_type = field({
	name: 'callback_type',
	label: 'Callback Type',
	type: 'options',
	options: [
		{ value: 'ANYONE', name: 'Anyone', description: 'Any agent of the campaign may take it' },
		{ value: 'USERONLY', name: 'User Only', description: 'Only Callback User may take it' },
	],
	description: 'USERONLY or ANYONE (default ANYONE)',
});
export const callback_user = agent_user.with({
	name: 'callback_user',
	label: 'Callback User',
	description: 'The agent a USERONLY callback is assigned to',
});
export const callback_comments = comments.with({
	name: 'callback_comments',
	label: 'Callback Comments',
	blankable: false,
	description: 'Shown to the agent when the callback comes up: up to 255 characters',
});

export const header = field({
	name: 'header',
	label: 'Header',
	type: 'boolean',
	flag: 'YES/NO',
	description: 'Ask for a header line',
});

export const stage = field({
	name: 'stage',
	label: 'Format',
	type: 'options',
	options: [
		{ value: 'pipe', name: 'Pipe' },
		{ value: 'csv', name: 'CSV' },
		{ value: 'tab', name: 'Tab' },
	],
	description: 'Delimiter VICIdial uses for the rows; the node parses all three',
});

export const tz_method = field({
	name: 'tz_method',
	label: 'Time Zone Method',
	type: 'options',
	options: [
		{ value: '', name: 'Country and Area Code', description: 'Default lookup' },
		{ value: 'POSTAL', name: 'Postal Code' },
		{ value: 'TZCODE', name: 'Time Zone Code in Owner' },
		{ value: 'NANPA', name: 'NANPA Prefix Data' },
	],
	description: 'How VICIdial finds the lead\'s time zone',
});

/**
 * add_lead's duplicate checks (NON-AGENT_API.txt, duplicate_check): what is compared and where.
 * "This list" is the list the lead goes into; "the campaign's lists" every list of its campaign.
 */
const DUPLICATE_SCOPES = [
	['LIST', 'in this list', 'in the same list'],
	['CAMP', "in the campaign's lists", "in all lists of this list's campaign"],
	['SYS', 'anywhere', 'in the entire system'],
] as const;

const DUPLICATE_MATCHES = [
	['DUP', 'Same phone', 'a lead with the same phone_number'],
	['DUPPHONEALT', 'Phone or alt phone', 'a lead whose phone_number or alt_phone is this phone'],
	['DUPTITLEALTPHONE', 'Same title and alt phone', 'a lead with the same title and alt_phone'],
	['DUPNAMEPHONE', 'Same name and phone', 'a lead with the same first_name, last_name and phone_number'],
] as const;

export const duplicateCheckValues: OptionSpec[] = DUPLICATE_MATCHES.flatMap(([prefix, label, compared]) =>
	DUPLICATE_SCOPES.map(([scope, where, docsWhere]) => ({
		value: `${prefix}${scope}`,
		name: `${label} ${where} (${prefix}${scope})`,
		description: `Refuse the lead when ${compared} exists ${docsWhere}`,
	})),
);

// ---- added for lead/hopper/list/dnc/report ----------------------------------------------

export const archived_lead = yesNo(
	'archived_lead',
	'Archived Lead',
	'Work on the lead archive (vicidial_list_archive) instead of the active leads (default N)',
);

export const lead_ids = field({
	name: 'lead_ids',
	label: 'Lead IDs',
	type: 'list',
	separator: ',',
	pattern: { regex: /^\d{1,9}(,\d{1,9})*$/, allowed: 'lead IDs of 1-9 digits' },
	description: 'Lead IDs of 1-9 digits, sent comma-separated (193715,1677922)',
});

export const phone_numbers = field({
	name: 'phone_number',
	label: 'Phone Numbers',
	type: 'list',
	separator: ',',
	pattern: { regex: /^\d{6,18}(,\d{6,18})*$/, allowed: 'phone numbers of 6-18 digits' },
	description: 'Phone numbers of 6-18 digits, sent comma-separated (3125551212,9055551212)',
});

export const records = field({
	name: 'records',
	label: 'Records',
	type: 'integer',
	min: 1,
	max: 1000000,
	description: 'How many matching leads to act on, newest first',
});

export const local_call_time = field({
	name: 'local_call_time',
	label: 'Local Call Time',
	type: 'code',
	min: 1,
	max: 10,
	description: 'A call time ID defined in VICIdial (for example 9am-9pm)',
});

export const reset_lead = yesNo(
	'reset_lead',
	'Reset Lead',
	'Clear the called-since-last-reset flag so the lead can be dialed again (default N)',
);

export const insert_if_not_found = yesNo(
	'insert_if_not_found',
	'Insert If Not Found',
	'Create the record when no match is found (default N)',
);

// update_lead and batch_update_lead spell these with _field because list_id and user mean
// the search list and the API user there (NON-AGENT_API.txt, EDITABLE FIELDS).
export const user_field = field({
	name: 'user_field',
	label: 'Lead User',
	type: 'string',
	min: 1,
	max: 20,
	source: 'users',
	blankable: true,
	description: 'Sets the lead\'s user column (the agent who owns the last call): 1-20 characters',
});

export const list_id_field = list_id.with({
	name: 'list_id_field',
	label: 'Move to List',
	description: 'Moves the lead to this list (sets its list_id): 3-12 digits',
});

export const called_count = field({
	name: 'called_count',
	label: 'Called Count',
	type: 'integer',
	min: 0,
	max: 99999,
	description: 'Number of dial attempts recorded on the lead (digits only)',
});

export const entry_list_id = field({
	name: 'entry_list_id',
	label: 'Entry List ID',
	type: 'digits',
	min: 3,
	max: 12,
	description:
		'List whose custom fields hold this lead\'s data: 3-12 digits. Ignored when Custom Fields is Y; a wrong value can detach the lead from its custom data.',
});

export const force_entry_list_id = entry_list_id.with({
	name: 'force_entry_list_id',
	label: 'Force Entry List ID',
	description:
		'Use this list\'s custom fields instead of the lead\'s entry list: 3-12 digits. A wrong value can detach the lead from its custom data.',
});

export const usacan_prefix_check = yesNo(
	'usacan_prefix_check',
	'USA/Canada Prefix Check',
	'Refuse USA/Canada numbers whose 4th digit is 0 or 1 (default N)',
);

export const usacan_areacode_check = yesNo(
	'usacan_areacode_check',
	'USA/Canada Area Code Check',
	'Refuse USA/Canada numbers with an unknown area code (default N)',
);

export const nanpa_ac_prefix_check = yesNo(
	'nanpa_ac_prefix_check',
	'NANPA Prefix Check',
	'Refuse numbers whose area code and prefix are not in the optional NANPA data (default N)',
);
