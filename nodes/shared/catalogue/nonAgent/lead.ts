import * as F from '../fields';
import { field, yesNo } from '../field';
import { resourceOf } from '../resources';

const LEAD_WRITE = 'Agent API Access = 1, Modify Leads = 1-4, user level 8+';
const LEAD_READ = 'Agent API Access = 1, Modify Leads = 1-4, user level 7+';
const REPORT_READ = 'Agent API Access = 1, View Reports = 1, user level 7+';

// The custom field notices of a lead insert (add_lead, and update_lead with insert_if_not_found);
// CUSTOM FIELDS DISABLED is verified as phone|lead_id|custom_fields|0 (notes §4.1).
const CUSTOM_FIELDS_INSERT_LINES = {
	'CUSTOM FIELDS VALUES ADDED': ['phone_number', 'lead_id', 'list_id', 'rows_updated'],
	'CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED': ['phone_number', 'lead_id', 'custom_fields', 'custom_fields_enabled'],
	'CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST': ['phone_number', 'lead_id', 'list_id'],
	'CUSTOM FIELDS NOT ADDED, NO FIELDS DEFINED': ['phone_number', 'lead_id', 'list_id'],
} as const;

// Callback notices add_lead and update_lead print when they cannot schedule the callback.
const CALLBACK_NOT_ADDED_LINES = {
	'SCHEDULED CALLBACK NOT ADDED, USER NOT VALID': ['lead_id', 'campaign_id', 'callback_user', 'callback_type'],
	'SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID': ['lead_id', 'campaign_id'],
} as const;

// The hopper insert notice when the lead's local time is outside the call time (code order;
// the docs show phone|user|lead_id|gmt|dialable).
const OUTSIDE_LOCAL_TIME_LINE = {
	'NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME': ['phone_number', 'lead_id', 'gmt_offset', 'dialable', 'api_user'],
} as const;

/** vicidial_list columns in the order lead_all_info and ccc_lead_info print them (code and docs agree). */
const LEAD_COLUMNS = [
	'status',
	'user',
	'vendor_lead_code',
	'source_id',
	'list_id',
	'gmt_offset_now',
	'phone_code',
	'phone_number',
	'title',
	'first_name',
	'middle_initial',
	'last_name',
	'address1',
	'address2',
	'address3',
	'city',
	'state',
	'province',
	'postal_code',
	'country_code',
	'gender',
	'date_of_birth',
	'alt_phone',
	'email',
	'security_phrase',
	'comments',
	'called_count',
	'last_local_call_time',
	'rank',
	'owner',
] as const;

// Hopper notices as update_lead prints them (non_agent_api.php; the docs show another order).
const UPDATE_LEAD_HOPPER_LINES = {
	'ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'],
	...OUTSIDE_LOCAL_TIME_LINE,
	'NOT ADDED TO HOPPER, LEAD NOT FOUND': ['phone_number', 'lead_id', 'api_user'],
	'NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER': ['phone_number', 'lead_id', 'api_user'],
	'REMOVED FROM HOPPER': ['phone_number', 'lead_id', 'hopper_status', 'api_user'],
	'NOT REMOVED FROM HOPPER, LEAD IS NOT IN THE HOPPER': ['phone_number', 'lead_id', 'api_user'],
	'NOT REMOVED FROM HOPPER': ['phone_number', 'lead_id', 'hopper_status', 'api_user'],
} as const;

const CALLBACK_LINE = ['lead_id', 'campaign_id', 'callback_datetime', 'callback_type', 'callback_user', 'callback_status'];

export const leadFunctions = resourceOf('nonAgent', 'lead', {
	add_lead: {
		label: 'Add Lead',
		action: 'Add a lead',
		description:
			'Insert a new lead into a list, with optional duplicate and DNC checks, hopper insert, scheduled callback and custom fields (VICIdial function add_lead)',
		fields: [
			F.phone_number.req(),
			F.list_id.req().with({ description: 'List to add the lead to: 3-12 digits (VICIdial uses 999 when none is sent)' }),
			F.phone_code.with({ default: '1' }),
			...F.leadDataFields.map((f) => f.with({ blankable: false })),
			F.campaign_id.with({ description: 'Needed for Campaign DNC Check and callbacks: 2-8 characters' }),
			F.dnc_check,
			F.campaign_dnc_check,
			field({
				name: 'duplicate_check',
				label: 'Duplicate Check',
				type: 'multiOptions',
				separator: '-',
				options: F.duplicateCheckValues,
				description:
					'Refuse the lead when a matching one exists (in the list, the campaign\'s lists or the system). With one set, a retry after a timeout cannot add the lead twice.',
			}),
			F.add_to_hopper,
			F.hopper_priority,
			F.hopper_local_call_time_check,
			F.tz_method,
			F.callback,
			F.callback_status,
			F.callback_datetime,
			F.callback_type,
			F.callback_user,
			F.callback_comments,
			F.list_exists_check,
		],
		writes: true,
		retry: {
			kind: 'whenSet',
			params: ['duplicate_check'],
			why: 'without a duplicate check a repeated add_lead adds the lead twice',
		},
		customFields: true,
		duplicateAsData: true,
		// From 1.1 the two checks sit at the top, next to On Duplicate; VICIdial adds a lead to a
		// list that does not exist without a word, so List Exists Check starts on there.
		promoted: { fields: ['duplicate_check', 'list_exists_check'], since: 1.1, defaults: { list_exists_check: true } },
		permission: LEAD_WRITE,
		reply: {
			kind: 'status',
			lines: {
				// Code order, not the docs' (vicidial-api-notes.md §7.1).
				'LEAD HAS BEEN ADDED': ['phone_number', 'list_id', 'lead_id', 'gmt_offset', 'api_user'],
				'ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'],
				...OUTSIDE_LOCAL_TIME_LINE,
				'SCHEDULED CALLBACK ADDED': ['lead_id', 'campaign_id', 'callback_datetime', 'callback_type', 'callback_user', 'callback_status'],
				...CALLBACK_NOT_ADDED_LINES,
				...CUSTOM_FIELDS_INSERT_LINES,
				'DUPLICATE PHONE NUMBER': ['phone_number', 'list_id', 'lead_id', 'existing_list_id', 'match'],
				'DUPLICATE TITLE ALT_PHONE': ['title', 'alt_phone', 'list_id', 'lead_id', 'existing_list_id'],
				'DUPLICATE NAME PHONE': ['first_name', 'last_name', 'phone_number', 'list_id', 'lead_id', 'existing_list_id'],
				'INVALID PHONE NUMBER': ['phone_number', 'api_user'],
				'PHONE NUMBER IN': ['phone_number', 'api_user'],
				'PHONE NUMBER IN CAMPAIGN DNC': ['phone_number', 'campaign_id', 'api_user'],
			},
		},
	},

	update_lead: {
		label: 'Update Lead',
		action: 'Update a lead',
		description:
			'Change the fields of a lead found by lead ID, vendor lead code or phone number; can also delete or reset it, set or remove a scheduled callback, add it to or remove it from the hopper, or insert it when not found (VICIdial function update_lead)',
		fields: [
			F.lead_id.with({ description: 'Lead to update (digits); or search by Vendor Lead Code or Phone Number with Search Method' }),
			F.phone_number.with({
				description:
					'Search key with Search Method PHONE_NUMBER, the number of a lead created by Insert If Not Found, or the new number with Update Phone Number: 6-16 digits. Pasted forms are reduced to digits; a leading + country code goes to Phone Code.',
			}),
			field({
				name: 'search_method',
				label: 'Search Method',
				type: 'multiOptions',
				separator: '_',
				options: [
					{ value: 'LEAD_ID', name: 'Lead ID' },
					{ value: 'VENDOR_LEAD_CODE', name: 'Vendor Lead Code' },
					{ value: 'PHONE_NUMBER', name: 'Phone Number' },
				],
				description:
					'Which keys find the lead; VICIdial always tries lead ID, then vendor lead code, then phone number (default LEAD_ID)',
			}),
			field({
				name: 'search_location',
				label: 'Search Location',
				type: 'options',
				default: 'SYSTEM',
				options: [
					{ value: 'LIST', name: 'List', description: 'Only the list in List' },
					{ value: 'CAMPAIGN', name: 'Campaign', description: 'All lists of the campaign of List' },
					{ value: 'SYSTEM', name: 'System', description: 'Every list' },
				],
				description: 'Where to look for the lead; LIST and CAMPAIGN need List (default SYSTEM)',
			}),
			F.list_id.with({
				description: 'List to search (Search Location LIST or CAMPAIGN) and to insert into (Insert If Not Found): 3-12 digits',
			}),
			F.records.with({ description: 'How many matching leads to update, newest first (default 1)' }),
			F.insert_if_not_found.with({
				description: 'Add the lead when none matches; needs Phone Number, Phone Code and List (default N)',
			}),
			yesNo('no_update', 'No Update', 'Change nothing; only report the lead that matches (default N)'),
			yesNo('delete_lead', 'Delete Lead', 'Delete the lead and archive its callbacks (default N)'),
			yesNo(
				'delete_cf_data',
				'Delete Custom Field Data',
				'Delete the lead\'s custom field data and reset its entry list ID (default N)',
			),
			F.reset_lead,
			yesNo('update_phone_number', 'Update Phone Number', 'Write Phone Number into the lead (default N)'),
			F.user_field,
			F.list_id_field,
			F.list_exists_check.with({ description: 'Refuse the update when Move to List is not a defined list (default N)' }),
			F.status.with({ description: 'New status: 1-6 characters, no punctuation or spaces (SALE, NI, CALLBK, …)' }),
			...F.leadDataFields.map((f) =>
				f.name === 'vendor_lead_code'
					? f.with({
							description:
								'Search key with Search Method VENDOR_LEAD_CODE, otherwise the new vendor lead code: 1-20 characters',
						})
					: f,
			),
			F.called_count,
			F.phone_code.with({ description: 'New country calling code: 1-4 digits' }),
			F.entry_list_id,
			F.force_entry_list_id,
			field({
				name: 'callback',
				label: 'Scheduled Callback',
				type: 'options',
				options: [
					{ value: 'N', name: 'No Change' },
					{ value: 'Y', name: 'Set', description: 'Add or update the scheduled callback; needs Campaign' },
					{ value: 'REMOVE', name: 'Remove', description: 'Delete the scheduled callback' },
				],
				description: 'Y, N or REMOVE (default N)',
			}),
			F.campaign_id.with({ description: 'Campaign of the scheduled callback: 2-8 characters' }),
			F.callback_status,
			F.callback_datetime,
			F.callback_type,
			F.callback_user,
			F.callback_comments,
			F.add_to_hopper,
			yesNo('remove_from_hopper', 'Remove from Hopper', 'Take the lead out of the hopper unless it is being dialed (default N)'),
			F.hopper_priority,
			F.hopper_local_call_time_check,
			F.archived_lead,
		],
		oneOf: [['lead_id', 'vendor_lead_code', 'phone_number']],
		writes: true,
		retry: { kind: 'always' },
		customFields: true,
		permission: LEAD_WRITE,
		reply: {
			kind: 'status',
			// Field names as non_agent_api.php prints them; update_lead sends the two callback counts
			// from one variable, and the DELETED reason carries them too ("LEAD HAS BEEN DELETED 0|0").
			// A call with only callback or hopper options prints NOTICE lines and no SUCCESS (notes §7.7).
			lines: {
				'LEAD HAS BEEN UPDATED': ['api_user', 'lead_id', 'rows_updated', 'callbacks_deleted', 'callbacks_archived'],
				'LEAD HAS BEEN DELETED': ['api_user', 'lead_id', 'rows_updated', 'callbacks_deleted', 'callbacks_archived'],
				'LEAD HAS BEEN ADDED': ['phone_number', 'list_id', 'lead_id', 'gmt_offset', 'api_user'],
				'LEADS FOUND IN THE SYSTEM': ['api_user', 'lead_id', 'vendor_lead_code', 'phone_number', 'list_id', 'entry_list_id'],
				'NO MATCHES FOUND IN THE SYSTEM': ['api_user', 'lead_id', 'vendor_lead_code', 'phone_number'],
				'NO VALID SEARCH METHOD': ['api_user', 'search_method', 'lead_id', 'vendor_lead_code', 'phone_number'],
				'INVALID DATA FOR LEAD INSERTION': ['api_user', 'phone_number', 'phone_code', 'list_id', 'insert_if_not_found'],
				'SCHEDULED CALLBACK ADDED': CALLBACK_LINE,
				'SCHEDULED CALLBACK UPDATED': CALLBACK_LINE,
				'SCHEDULED CALLBACK NOT UPDATED, NO FIELDS SPECIFIED': ['lead_id'],
				...CALLBACK_NOT_ADDED_LINES,
				'SCHEDULED CALLBACK DELETED': ['api_user', 'lead_id', 'callbacks_deleted', 'callbacks_archived'],
				...UPDATE_LEAD_HOPPER_LINES,
				'CUSTOM FIELDS VALUES UPDATED': ['phone_number', 'lead_id', 'list_id', 'entry_list_id', 'custom_list_id', 'rows_updated'],
				'CUSTOM FIELDS ENTRY DELETED': ['phone_number', 'lead_id', 'list_id', 'entry_list_id', 'custom_list_id', 'rows_deleted'],
				'CUSTOM FIELDS DATA HAS BEEN DELETED': ['api_user', 'lead_id', 'entry_list_id', 'rows_updated', 'rows_deleted'],
				...CUSTOM_FIELDS_INSERT_LINES,
			},
		},
	},

	batch_update_lead: {
		label: 'Batch Update Leads',
		action: 'Update many leads at once',
		description:
			'Set the same field values (status, list, owner, name, address, …) on a list of leads in one statement; no custom fields, callbacks or hopper (VICIdial function batch_update_lead)',
		fields: [
			F.lead_ids.req().with({ description: 'Leads to update: lead IDs of 1-9 digits, sent comma-separated' }),
			// Code default 1000; the docs say 100.
			F.records.with({ description: 'Update at most this many of the leads, highest lead ID first (default 1000)' }),
			F.reset_lead,
			F.user_field,
			F.list_id_field,
			F.list_exists_check.with({ description: 'Refuse the update when Move to List is not a defined list (default N)' }),
			F.status.with({ description: 'New status: 1-6 characters, no punctuation or spaces (SALE, NI, CALLBK, …)' }),
			...F.leadDataFields,
			F.called_count,
			F.phone_code.with({ description: 'New country calling code: 1-4 digits' }),
			F.archived_lead,
		],
		writes: true,
		// Setting the same values again changes nothing.
		retry: { kind: 'always' },
		permission: LEAD_WRITE,
		reply: {
			kind: 'status',
			lines: {
				// Code order user|updated|found|lead_ids (the verified 6666|3|3|3,2,1 cannot tell the two counts apart).
				'LEADS HAVE BEEN UPDATED': ['api_user', 'updated', 'found', 'lead_ids'],
				'NO MATCHES FOUND IN THE SYSTEM': ['api_user', 'lead_ids'],
				'NO LEADS FOUND': ['api_user', 'updated', 'lead_ids'],
			},
		},
	},

	lead_field_info: {
		label: 'Get Lead Field',
		action: 'Get one field of a lead',
		description:
			'Read the value of one standard or custom field of a lead, for example its status or a custom field such as favorite_color (VICIdial function lead_field_info)',
		fields: [
			F.lead_id.req(),
			field({
				name: 'field_name',
				label: 'Field Name',
				type: 'string',
				required: true,
				min: 1,
				max: 50,
				pattern: { regex: /^[A-Za-z0-9_]+$/, allowed: 'letters, digits and underscores' },
				// PHP 8 answers an unknown field name with HTTP 500 and an empty body (notes §7.9).
				description:
					'vicidial_list column or custom field label (first_name, status, favorite_color). An unknown name makes VICIdial fail with HTTP 500.',
			}),
			F.custom_fields.with({ description: 'Y when Field Name is a custom field (default N)' }),
			F.list_id.with({ description: 'Read the custom field from this list instead of the lead\'s entry list: 3-12 digits' }),
			F.archived_lead,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: LEAD_READ,
		reply: { kind: 'value', field: 'value' },
	},

	lead_all_info: {
		label: 'Get Lead',
		action: 'Get all data of a lead',
		description:
			'Read every standard field of a lead, and optionally its custom fields, by lead ID, or all leads with a phone number (up to 1000, newest first) (VICIdial function lead_all_info)',
		fields: [
			F.lead_id,
			F.phone_number.with({
				max: 19,
				phoneCodeField: undefined,
				description: 'Used when Lead ID is empty: 6-19 digits; returns every lead with this number, newest first',
			}),
			F.custom_fields.with({ description: 'Append the lead\'s custom field values to each row (default N)' }),
			F.force_entry_list_id,
			F.archived_lead,
			F.stage,
		],
		oneOf: [['lead_id', 'phone_number']],
		writes: false,
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, Modify Leads = 1-5, View Reports = 1, user level 7+',
		// With Custom Fields = Y the custom values follow lead_id and only the header line names
		// them (per lead: a phone search repeats it before every row, notes §4.1).
		fixed: { header: 'YES' },
		reply: { kind: 'table', columns: [...LEAD_COLUMNS, 'entry_list_id', 'lead_id'] },
	},

	lead_search: {
		label: 'Search Leads by Phone',
		action: 'Search leads by phone number',
		description:
			'Find the lead IDs that have one or more phone numbers: one row per searched number with the match count and the lead IDs, newest first (VICIdial function lead_search)',
		fields: [
			F.phone_numbers.req(),
			F.records.with({ description: 'At most this many leads in all, newest first (default 1000)' }),
			F.archived_lead,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		// Code needs user level 8; the docs say 7 (notes §7.3).
		permission: 'Agent API Access = 1, Modify Leads = 1-5, user level 8+',
		// header=YES is not offered: its header line has no delimiters (notes §3, §7.5).
		reply: { kind: 'table', columns: ['search_key', 'records_found', 'lead_ids'] },
		emptyOn: ['NO MATCHES FOUND'],
	},

	lead_status_search: {
		label: 'Search Leads by Status',
		action: 'Search leads by status and call date',
		description:
			'Get every field of the leads whose calls on one date (inbound or outbound) ended with a status, optionally with custom fields; or of one lead by ID (VICIdial function lead_status_search)',
		fields: [
			F.status.with({ description: 'Call status to look for (SALE, NI, …): 1-6 characters; needs Date' }),
			F.date.with({ description: 'Call date as YYYY-MM-DD; needs Status' }),
			F.lead_id.with({ description: 'Used only when Status and Date are empty: the lead to show' }),
			F.custom_fields.with({ description: 'Add the lead\'s custom field values (default N)' }),
			F.list_id.with({ description: 'Read custom fields from this list instead of the lead\'s entry list: 3-12 digits' }),
			F.archived_lead,
		],
		// Status and date together, or a lead ID alone.
		oneOf: [
			['status', 'lead_id'],
			['date', 'lead_id'],
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: LEAD_READ,
		reply: { kind: 'keyValue', separator: ' => ', recordStart: /^;-+ START OF RECORD/ },
		emptyOn: ['NO RESULTS FOUND'],
	},

	lead_callback_info: {
		label: 'Get Lead Callbacks',
		action: 'Get the scheduled callbacks of a lead',
		description:
			'List the scheduled callbacks of a lead, current, archived or both, with recipient, status, callback time, agent and comments; the newest last (VICIdial function lead_callback_info)',
		fields: [
			// The docs say "16-40 characters"; the code takes a lead ID of up to 11 digits.
			F.lead_id.req(),
			field({
				name: 'search_location',
				label: 'Search Location',
				type: 'options',
				default: 'CURRENT',
				options: [
					{ value: 'CURRENT', name: 'Current', description: 'Active scheduled callbacks' },
					{ value: 'ARCHIVE', name: 'Archive', description: 'Archived (deleted or done) callbacks' },
					{ value: 'ALL', name: 'All', description: 'Archived first, then current' },
				],
				description: 'Which callbacks to list (default CURRENT)',
			}),
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: {
			kind: 'table',
			columns: [
				'lead_id',
				'callback_type',
				'recipient',
				'callback_status',
				'lead_status',
				'callback_date',
				'entry_date',
				'user',
				'list_id',
				'campaign_id',
				'user_group',
				'customer_timezone',
				'customer_time',
				'comments',
			],
		},
		emptyOn: ['CALLBACK NOT FOUND'],
	},

	lead_dearchive: {
		label: 'Restore Archived Lead',
		action: 'Restore a lead from the archive',
		description:
			'Move a lead from the lead archive (vicidial_list_archive) back to the active leads so it can be dialed and edited again (VICIdial function lead_dearchive)',
		fields: [F.lead_id.req()],
		writes: true,
		// A repeat finds the lead already active and is refused (NON-ARCHIVED LEAD FOUND).
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, Modify Leads = 1, user level 8+',
		reply: {
			kind: 'status',
			// SUCCESS uses ": " before the values, not " - " (non_agent_api.php).
			lines: {
				'LEAD DE-ARCHIVED': ['api_user', 'lead_id', 'rows_inserted', 'rows_deleted'],
				'NON-ARCHIVED LEAD FOUND': ['api_user', 'lead_id', 'list_id'],
			},
		},
	},

	ccc_lead_info: {
		label: 'Get Lead by Call ID',
		action: 'Get the lead of a cross-cluster call',
		description:
			'Read the lead data of a call by its call ID, for cross-cluster communication; only calls of the last 10 hours are found (VICIdial function ccc_lead_info)',
		fields: [
			// Code: 18-39 characters starting with Y, J, V, M, DC, S, LP, VH or XL (docs: 16-40).
			F.call_id.req().with({
				min: 18,
				max: 39,
				description: 'Call ID of a call from the last 10 hours: 18-39 characters (for example M4050908070000012345)',
			}),
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: { kind: 'table', columns: [...LEAD_COLUMNS] },
	},

	update_log_entry: {
		label: 'Update Call Log Status',
		action: 'Change the status of a call log entry',
		description:
			'Change the status recorded for one call in the outbound (vicidial_log) or inbound (vicidial_closer_log) call log, found by call ID or uniqueid and campaign or in-group (VICIdial function update_log_entry)',
		fields: [
			F.call_id.req().with({
				description: 'The call\'s uniqueid (1347566056.399) or its 20-character call ID (M9131554060000426264)',
			}),
			field({
				name: 'group',
				label: 'Campaign or In-Group',
				type: 'code',
				required: true,
				min: 2,
				max: 20,
				description: 'Campaign ID (outbound log) or in-group ID (inbound log) of the call: 2-20 characters',
			}),
			F.status.req().with({ description: 'New status for the log entry: 1-6 characters' }),
		],
		writes: true,
		// A repeat sets the same status and is refused (NO RECORDS UPDATED).
		retry: { kind: 'always' },
		permission: LEAD_WRITE,
		reply: {
			kind: 'status',
			lines: {
				'RECORD HAS BEEN UPDATED': ['api_user', 'user', 'group', 'call_id', 'status', 'old_status', 'uniqueid'],
				'NO RECORDS UPDATED': ['api_user', 'group', 'call_id', 'status', 'old_status', 'uniqueid'],
				'NO RECORDS FOUND': ['api_user', 'group', 'call_id', 'status'],
			},
		},
	},

	check_phone_number: {
		label: 'Check Phone Number',
		action: 'Check a phone number is valid, dialable and not in DNC',
		description:
			'Check whether a phone number is valid, not in a DNC list and dialable now under a call time, with the time zone offset found by each lookup method (VICIdial function check_phone_number)',
		fields: [
			F.phone_number.req(),
			F.phone_code.with({ default: '1' }),
			F.local_call_time.req().with({ description: 'Call time ID to test against (for example 9am-9pm)' }),
			F.postal_code.with({
				type: 'digits',
				blankable: false,
				min: 5,
				max: 5,
				description: 'USA ZIP code of 5 digits; needed for the POSTAL method',
			}),
			F.state.with({ blankable: false, description: 'Two-letter state; only needed with state call time rules' }),
			F.owner.with({
				blankable: false,
				min: 2,
				max: 6,
				description: 'Time zone code such as GST; needed for the TZCODE method',
			}),
			F.dnc_check,
			F.campaign_dnc_check,
			F.campaign_id.with({ description: 'Needed for Campaign DNC Check: 2-8 characters' }),
			F.usacan_prefix_check,
			F.usacan_areacode_check,
			F.nanpa_ac_prefix_check,
			field({
				name: 'tz_method',
				label: 'Time Zone Methods',
				type: 'multiOptions',
				separator: '',
				options: [
					{ value: 'AREACODE', name: 'Country and Area Code' },
					{ value: 'POSTAL', name: 'Postal Code' },
					{ value: 'TZCODE', name: 'Time Zone Code in Owner' },
					{ value: 'NANPA', name: 'NANPA Prefix Data' },
				],
				description: 'Lookups to run, each reported with its own result; sent joined (AREACODEPOSTAL) (default AREACODE)',
			}),
		],
		writes: false,
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, user level 8+',
		// One bare line (notes §8.7): `AREACODE: 1|-5.00#POSTAL: 0|-7.0#PHONE: 7275551111|1||||`,
		// per method `<dialable 0/1>|<gmt>`, then PHONE: number|code|postal|state|owner|.
		reply: {
			kind: 'parts',
			separator: '#',
			parts: {
				AREACODE: ['areacode_dialable', 'areacode_gmt_offset'],
				POSTAL: ['postal_dialable', 'postal_gmt_offset'],
				TZCODE: ['tzcode_dialable', 'tzcode_gmt_offset'],
				NANPA: ['nanpa_dialable', 'nanpa_gmt_offset'],
				PHONE: ['phone_number', 'phone_code', 'postal_code', 'state', 'owner'],
			},
			lines: {
				'PHONE NUMBER IN DNC': ['phone_number', 'api_user'],
				'PHONE NUMBER IN CAMPAIGN DNC': ['phone_number', 'campaign_id', 'api_user'],
			},
		},
		// With a DNC check asked for, "in DNC" is the check's answer, not a failed request.
		answersOn: {
			'PHONE NUMBER IN DNC': { in_dnc: true, dnc_list: 'system' },
			'PHONE NUMBER IN CAMPAIGN DNC': { in_dnc: true, dnc_list: 'campaign' },
		},
	},
});
