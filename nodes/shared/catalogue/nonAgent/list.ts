import * as F from '../fields';
import { field, yesNo } from '../field';
import type { Field } from '../field';
import { resourceOf } from '../resources';
import * as A from './adminFields';

const LIST_WRITE = 'Agent API Access = 1, Modify Lists = 1, user level 8+';

// ---- list settings shared by add_list and update_list ------------------------------------

/** List IDs here are 2-14 digits, not the 3-12 of add_lead (NON-AGENT_API.txt, add_list). */
const list_id = F.list_id.with({ min: 2, max: 14, description: 'List ID: 2-14 digits' });

const list_name = field({
	name: 'list_name',
	label: 'List Name',
	type: 'string',
	min: 2,
	max: 30,
	description: 'Name of the list: 2-30 characters',
});

const list_description = field({
	name: 'list_description',
	label: 'List Description',
	type: 'string',
	max: 255,
	blankable: true,
	description: 'Memo for the list: up to 255 characters',
});

// update_list refuses fewer than 6 or more than 18 digits (its error text); the docs say 6-20.
const outbound_cid = field({
	name: 'outbound_cid',
	label: 'Outbound Caller ID',
	type: 'digits',
	min: 6,
	max: 18,
	blankable: true,
	description: 'Caller ID for calls to this list\'s leads: 6-18 digits',
});

const script = field({
	name: 'script',
	label: 'Script',
	type: 'code',
	min: 1,
	max: 10,
	blankable: true,
	description: 'Script ID defined in VICIdial: 1-10 characters',
});

const am_message = field({
	name: 'am_message',
	label: 'Answering Machine Message',
	type: 'string',
	min: 2,
	max: 100,
	blankable: true,
	description: 'Answering machine message (audio file or extension) overriding the campaign\'s: 2-100 characters',
});

// The docs say 1-10 characters; in-group IDs may have up to 20, and VICIdial checks that it exists.
const drop_inbound_group = field({
	name: 'drop_inbound_group',
	label: 'Drop In-Group',
	type: 'code',
	min: 1,
	max: 20,
	source: 'inGroups',
	blankable: true,
	description: 'In-group that receives this list\'s dropped calls; must exist',
});

function webForm(name: string, label: string): Field {
	return field({
		name,
		label,
		type: 'string',
		min: 6,
		max: 100,
		blankable: true,
		description: `${label} address for this list's leads: 6-100 characters. VICIdial turns + into a space.`,
	});
}

const web_form_address = webForm('web_form_address', 'Web Form');
const web_form_address_two = webForm('web_form_address_two', 'Web Form 2');
const web_form_address_three = webForm('web_form_address_three', 'Web Form 3');

const reset_time = field({
	name: 'reset_time',
	label: 'Reset Times',
	type: 'string',
	min: 4,
	max: 100,
	pattern: { regex: /^\d{4}(-\d{4})*$/, allowed: '24-hour times of 4 digits joined by dashes (0900-1700-2359)' },
	description: 'Times of day the list is reset automatically, such as 0900-1700-2359',
});

const list_tz_method = field({
	name: 'tz_method',
	label: 'Time Zone Method',
	type: 'options',
	default: 'COUNTRY_AND_AREA_CODE',
	options: [
		{ value: 'COUNTRY_AND_AREA_CODE', name: 'Country and Area Code' },
		{ value: 'POSTAL_CODE', name: 'Postal Code' },
		{ value: 'NANPA_PREFIX', name: 'NANPA Prefix Data' },
		{ value: 'OWNER_TIME_ZONE_CODE', name: 'Time Zone Code in Owner' },
	],
	description: 'How the time zone of the list\'s leads is found (default COUNTRY_AND_AREA_CODE)',
});

const list_local_call_time = F.local_call_time.with({
	description: 'Call time ID defined in VICIdial, or campaign to use the campaign\'s (default campaign)',
});

const expiration_date = F.date.with({
	name: 'expiration_date',
	label: 'Expiration Date',
	description: 'Date the list stops being dialed, as YYYY-MM-DD',
});

const custom_fields_copy = list_id.with({
	name: 'custom_fields_copy',
	label: 'Copy Custom Fields From',
	description: 'List whose custom field definitions are copied: 2-14 digits; needs Custom Fields Modify = 1',
});

const custom_copy_method = field({
	name: 'custom_copy_method',
	label: 'Custom Copy Method',
	type: 'options',
	default: 'APPEND',
	options: [
		{ value: 'APPEND', name: 'Append', description: 'Only add missing fields; no data is lost' },
		{ value: 'UPDATE', name: 'Update', description: 'Only change existing field definitions to match' },
		{ value: 'REPLACE', name: 'Replace', description: 'Delete all custom field data of this list and start again' },
	],
	description: 'How Copy Custom Fields From is applied (default APPEND)',
});

const listSettingFields = [
	list_description,
	outbound_cid,
	script,
	am_message,
	drop_inbound_group,
	web_form_address,
	web_form_address_two,
	web_form_address_three,
	reset_time,
	list_tz_method,
	list_local_call_time,
	expiration_date,
	A.xferconf_one,
	A.xferconf_two,
	A.xferconf_three,
	A.xferconf_four,
	A.xferconf_five,
	custom_fields_copy,
	custom_copy_method,
] as const;

// ---- custom field definitions (update_list custom_fields_add/update/delete) ---------------

function cfText(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'string', blankable: true, description });
}

function cfNumber(name: string, label: string, description: string): Field {
	return field({ name, label, type: 'integer', min: 0, max: 100000, description });
}

const customFieldDefinitionFields = [
	yesNo('custom_fields_add', 'Add Custom Field', 'Add the custom field described below; needs Field Label, Name, Size, Type and Rank (default N)'),
	yesNo('custom_fields_update', 'Update Custom Field', 'Change the custom field named by Field Label (default N)'),
	yesNo('custom_fields_delete', 'Delete Custom Field', 'Delete the custom field named by Field Label (default N)'),
	field({
		name: 'field_label',
		label: 'Field Label',
		type: 'string',
		min: 1,
		max: 50,
		pattern: { regex: /^[A-Za-z0-9_]+$/, allowed: 'letters, digits and underscores' },
		description: 'Database name of the custom field: letters, digits and underscores',
	}),
	field({ name: 'field_name', label: 'Field Name', type: 'string', description: 'Name shown on the agent form' }),
	cfNumber('field_size', 'Field Size', 'Size of the form field'),
	field({
		name: 'field_type',
		label: 'Field Type',
		type: 'options',
		options: [
			{ value: 'TEXT', name: 'Text' },
			{ value: 'AREA', name: 'Text Area' },
			{ value: 'SELECT', name: 'Select' },
			{ value: 'MULTI', name: 'Multi-Select' },
			{ value: 'RADIO', name: 'Radio Buttons' },
			{ value: 'CHECKBOX', name: 'Checkboxes' },
			{ value: 'DATE', name: 'Date' },
			{ value: 'TIME', name: 'Time' },
			{ value: 'DISPLAY', name: 'Display Only' },
			{ value: 'SCRIPT', name: 'Script' },
			{ value: 'HIDDEN', name: 'Hidden' },
			{ value: 'READONLY', name: 'Read Only' },
			{ value: 'HIDEBLOB', name: 'Hidden Blob' },
			{ value: 'SWITCH', name: 'Switch List' },
			{ value: 'SOURCESELECT', name: 'Source Select' },
			{ value: 'BUTTON', name: 'Button' },
		],
		description: 'Form element of the custom field (help_documentation.txt lists_fields-field_type)',
	}),
	cfNumber('field_rank', 'Field Rank', 'Row of the field on the form, top to bottom'),
	cfNumber('field_order', 'Field Order', 'Position among fields of the same rank, left to right'),
	field({
		name: 'field_rerank',
		label: 'Re-Rank Fields Below',
		type: 'boolean',
		flag: 'YES/NO',
		description: 'Move fields of the same or lower rank down one place (default NO)',
	}),
	cfNumber('field_max', 'Field Max', 'Longest value the field accepts'),
	cfText('field_default', 'Field Default', 'Default value; --BLANK-- clears it with Update Custom Field'),
	cfText(
		'field_options',
		'Field Options',
		'Options of SELECT, MULTI, RADIO and CHECKBOX fields, one value,label per line; --BLANK-- clears it with Update Custom Field',
	),
	yesNo('field_duplicate', 'Field Duplicate', 'The field duplicates another field of this list (default N)'),
	cfText('field_description', 'Field Description', 'Description of the field; --BLANK-- clears it with Update Custom Field'),
	cfText('field_help', 'Field Help', 'Help text shown to the agent; --BLANK-- clears it with Update Custom Field'),
	yesNo('field_required', 'Field Required', 'The agent must fill the field (default N)'),
	field({
		name: 'multi_position',
		label: 'Multi Position',
		type: 'options',
		default: 'HORIZONTAL',
		options: [
			{ value: 'HORIZONTAL', name: 'Horizontal' },
			{ value: 'VERTICAL', name: 'Vertical' },
		],
		description: 'Layout of the field\'s elements (default HORIZONTAL)',
	}),
	field({
		name: 'name_position',
		label: 'Name Position',
		type: 'options',
		default: 'LEFT',
		options: [
			{ value: 'TOP', name: 'Top' },
			{ value: 'LEFT', name: 'Left' },
		],
		description: 'Where the field name is shown (default LEFT)',
	}),
	yesNo('field_encrypt', 'Field Encrypt', 'Encrypt the field\'s data; ViciHost only (default N)'),
	field({
		name: 'field_show_hide',
		label: 'Field Show Hide',
		type: 'options',
		default: 'DISABLED',
		options: [
			{ value: 'DISABLED', name: 'Disabled' },
			{ value: 'X_OUT_ALL', name: 'X Out All' },
			{ value: 'LAST_1', name: 'Last 1' },
			{ value: 'LAST_2', name: 'Last 2' },
			{ value: 'LAST_3', name: 'Last 3' },
			{ value: 'LAST_4', name: 'Last 4' },
			{ value: 'FIRST_1_LAST_4', name: 'First 1 Last 4' },
		],
		description: 'Which characters of the value the agent sees; ViciHost only (default DISABLED)',
	}),
] as const;

// ---- functions ---------------------------------------------------------------------------

export const listFunctions = resourceOf('nonAgent', 'list', {
	add_list: {
		label: 'Add List',
		action: 'Add a list',
		description:
			'Create a lead list in a campaign, with optional caller ID, script, web forms, reset times, call time, expiration date and custom fields copied from another list (VICIdial function add_list)',
		fields: [
			list_id.req().with({ source: undefined, description: 'ID of the new list: 2-14 digits' }),
			list_name.req(),
			F.campaign_id.req().with({ description: 'Campaign the list belongs to; must exist: 2-8 characters' }),
			A.active.with({ description: 'Dial the list: Y or N (default N)' }),
			...listSettingFields.map((f) => f.with({ blankable: false })),
		],
		writes: true,
		// A repeat is refused with LIST ALREADY EXISTS.
		retry: { kind: 'always' },
		permission: LIST_WRITE,
		reply: {
			kind: 'status',
			lines: {
				'LIST HAS BEEN ADDED': ['api_user', 'list_id', 'list_name', 'campaign_id'],
				'LIST ALREADY EXISTS': ['api_user', 'list_id'],
				'CAMPAIGN DOES NOT EXIST': ['api_user', 'campaign_id'],
			},
		},
	},

	update_list: {
		label: 'Update List',
		action: 'Update a list',
		description:
			'Change a list\'s settings, reset its leads for redialing, delete it or its leads, copy custom fields, or add, change and delete one custom field; can create the list when it does not exist (VICIdial function update_list)',
		fields: [
			list_id.req().with({ description: 'List to update: 2-14 digits' }),
			F.insert_if_not_found.with({
				description: 'Create the list (as add_list) when it does not exist; needs List Name and Campaign (default N)',
			}),
			yesNo('reset_list', 'Reset List', 'Reset the called-since-last-reset flag of every lead in the list (default N)'),
			yesNo('delete_list', 'Delete List', 'Delete the list; needs Delete Lists = 1 (default N)'),
			yesNo('delete_leads', 'Delete Leads', 'Delete every lead of the list; needs Delete Lists = 1 (default N)'),
			F.archived_lead.with({ description: 'Reset or delete the archived leads (vicidial_list_archive) instead (default N)' }),
			// update_list refuses names shorter than 6 characters (its error text); add_list takes 2.
			list_name.with({ min: 6, description: 'New name of the list: 6-30 characters' }),
			F.campaign_id.with({ description: 'Move the list to this campaign; must exist: 2-8 characters' }),
			A.active.with({ description: 'Dial the list: Y or N' }),
			...listSettingFields,
			...customFieldDefinitionFields,
		],
		writes: true,
		// Settings, resets and deletes give the same result when repeated (a second delete is
		// refused with LIST DOES NOT EXIST); a repeated reset_list counts once more toward the
		// daily reset limit.
		retry: { kind: 'always' },
		permission: `${LIST_WRITE}; Delete Lists = 1 to delete, Custom Fields Modify = 1 for custom fields`,
		// insert_if_not_found hands over to add_list, whose lines carry that name.
		replyAliases: ['add_list'],
		// Printed first whenever no setting is changed, even when a reset or delete follows.
		preambleNotices: ['NO UPDATES DEFINED'],
		reply: {
			kind: 'status',
			lines: {
				'LIST HAS BEEN UPDATED': ['api_user', 'list_id'],
				'LIST HAS BEEN ADDED': ['api_user', 'list_id', 'list_name', 'campaign_id'],
				'LIST DOES NOT EXIST, SENDING TO add_list FUNCTION': ['api_user', 'list_id'],
				'LIST DOES NOT EXIST': ['api_user', 'list_id'],
				'NO UPDATES DEFINED': ['api_user'],
				'LEADS IN LIST HAVE BEEN RESET': ['api_user', 'list_id', 'leads_reset'],
				'LIST HAS BEEN DELETED': ['api_user', 'list_id', 'lists_deleted'],
				'LEADS IN LIST HAVE BEEN DELETED': ['api_user', 'list_id', 'leads_deleted'],
				'USER DOES NOT HAVE PERMISSION TO DELETE LISTS': ['api_user', 'allowed'],
				'USER DOES NOT HAVE PERMISSION TO DELETE LEADS': ['api_user', 'allowed'],
				'COPY CUSTOM FIELDS COMMAND SENT': ['api_user', 'list_id', 'custom_copy_method', 'result'],
				'ADD CUSTOM FIELD COMMAND SENT': ['api_user', 'list_id', 'field_label', 'field_type', 'result'],
				'UPDATE CUSTOM FIELD COMMAND SENT': ['api_user', 'list_id', 'field_label', 'field_type', 'result'],
				'DELETE CUSTOM FIELD COMMAND SENT': ['api_user', 'list_id', 'field_label', 'field_type', 'result'],
				'FIELD DOES NOT EXIST': ['api_user', 'list_id', 'field_label'],
			},
		},
	},

	list_info: {
		label: 'Get List',
		action: 'Get a list summary',
		description:
			'Read a list\'s name, campaign, active flag, last change and call dates, expiration date and resets today, optionally with lead counts and how many leads are dialable now (VICIdial function list_info)',
		fields: [
			list_id.req().with({ description: 'List to read: 2-14 digits' }),
			yesNo('leads_counts', 'Lead Counts', 'Add the number of all leads and of NEW leads (default N)'),
			yesNo('dialable_count', 'Dialable Count', 'Add how many leads the campaign settings allow to dial now (default N)'),
			F.archived_lead.with({ description: 'Count the archived leads (vicidial_list_archive) instead (default N)' }),
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: LIST_WRITE,
		// The count columns come only when asked for; the header line says which ones came.
		fixed: { header: 'YES' },
		reply: {
			kind: 'table',
			// Verified with leads_counts=Y (notes §4.3); rows end with a trailing |.
			columns: [
				'list_id',
				'list_name',
				'campaign_id',
				'active',
				'list_changedate',
				'list_lastcalldate',
				'expiration_date',
				'resets_today',
				'all_leads_count',
				'new_leads_count',
				'dialable_count',
			],
		},
	},

	list_custom_fields: {
		label: 'List Custom Fields',
		action: 'List the custom fields of a list',
		description:
			'List the custom data field labels of one list, or of every list with ---ALL---, space-separated per list; display-only form elements are left out (VICIdial function list_custom_fields)',
		fields: [
			field({
				name: 'list_id',
				label: 'List',
				type: 'string',
				required: true,
				min: 2,
				max: 14,
				source: 'lists',
				pattern: { regex: /^(\d{2,14}|---ALL---)$/, allowed: 'a list ID of 2-14 digits or ---ALL---' },
				description: 'List ID of 2-14 digits, or ---ALL--- for every list',
			}),
			field({
				name: 'custom_order',
				label: 'Order',
				type: 'options',
				default: 'table_order',
				options: [
					{ value: 'table_order', name: 'Table Order' },
					{ value: 'alpha_up', name: 'A to Z' },
					{ value: 'alpha_down', name: 'Z to A' },
				],
				description: 'Order of the field labels (default table_order)',
			}),
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: `${LIST_WRITE}; custom list fields enabled in System Settings`,
		reply: {
			kind: 'table',
			columns: [
				'list_id',
				'list_name',
				'campaign_id',
				'active',
				'list_changedate',
				'list_lastcalldate',
				'custom_fields_list_space_delimited',
			],
		},
	},
});
