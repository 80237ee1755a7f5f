import * as F from '../fields';
import { field } from '../field';
import type { Field } from '../field';
import { resourceOf } from '../resources';
import * as A from './adminFields';

const REPORT_READ = 'Agent API Access = 1, View Reports = 1, user level 7+';
// call_status_stats and call_dispo_report check only these; the docs say level 8 for
// call_status_stats, the code wants 9 (notes §7.3).
const STATS_READ = 'View Reports = 1, user level 9';

/** A dash-joined list (call_status_stats, call_dispo_report: "TESTCAMP-TESTCAMP2"). */
function dashList(base: Field, name: string, label: string, description: string): Field {
	return base.with({ name, label, separator: '-', description });
}

const statuses = field({
	name: 'statuses',
	label: 'Statuses',
	type: 'list',
	separator: '-',
	source: 'campaignStatuses',
	description: 'Only these statuses, sent dash-joined (NP-TD); all when empty',
});

const query_date = F.date.with({
	name: 'query_date',
	label: 'Date',
	description: 'Day to report as YYYY-MM-DD (default today)',
});

export const reportFunctions = resourceOf('nonAgent', 'report', {
	recording_lookup: {
		label: 'Find Recordings',
		action: 'Find call recordings',
		description:
			'Find call recordings by agent, lead, day, call uniqueid or extension, with start time, length in seconds and the recording\'s location (URL) (VICIdial function recording_lookup)',
		fields: [
			F.agent_user.with({ description: 'Recordings of this agent: 2-20 characters' }),
			F.lead_id.with({ description: 'Recordings of this lead (digits)' }),
			F.date.with({ description: 'Recordings of this day as YYYY-MM-DD' }),
			field({
				name: 'uniqueid',
				label: 'Call Uniqueid',
				type: 'string',
				min: 6,
				max: 50,
				pattern: { regex: /^\d+(\.\d+)?$/, allowed: 'a call uniqueid such as 1347566056.399' },
				description: 'Uniqueid of the call (1347566056.399); works best with another search field',
			}),
			field({
				name: 'extension',
				label: 'Extension',
				type: 'string',
				min: 3,
				max: 100,
				description: 'Extension recorded in the recording log: 3-100 characters',
			}),
			F.stage,
		],
		oneOf: [['agent_user', 'lead_id', 'date', 'uniqueid', 'extension']],
		// duration=Y puts the length before location; always asking keeps the columns fixed.
		fixed: { duration: 'Y' },
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: { kind: 'table', columns: ['start_time', 'user', 'recording_id', 'lead_id', 'duration', 'location'] },
		emptyOn: ['NO RECORDINGS FOUND'],
	},

	did_log_export: {
		label: 'Export DID Calls',
		action: 'Export the calls to a DID for one day',
		description:
			'List every inbound call to one DID on one day with call time, caller ID number and length (VICIdial function did_log_export)',
		fields: [
			field({
				name: 'phone_number',
				label: 'DID',
				type: 'string',
				required: true,
				min: 2,
				max: 20,
				source: 'dids',
				description: 'The DID (inbound number pattern) to export: 2-20 characters',
			}),
			F.date.req().with({ description: 'Day of the calls as YYYY-MM-DD' }),
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		// The rows put caller_id_number before call_date, while the docs and the header line say
		// did_number|call_date|caller_id_number|length_in_sec (verified, notes §8.3): the data wins.
		reply: { kind: 'table', columns: ['did_number', 'caller_id_number', 'call_date', 'length_in_sec'], headerMisnames: true },
		emptyOn: ['NO RECORDS FOUND'],
	},

	phone_number_log: {
		label: 'Get Phone Number Calls',
		action: 'Get the calls to phone numbers',
		description:
			'List the calls to or from one or more phone numbers, all or only the last, with list, length, lead status, hangup reason, call status and agent (VICIdial function phone_number_log)',
		fields: [
			F.phone_numbers.req().with({ description: 'Numbers to look up, 6-18 digits each, sent comma-separated' }),
			field({
				name: 'detail',
				label: 'Calls',
				type: 'options',
				default: 'ALL',
				options: [
					{ value: 'ALL', name: 'All Calls' },
					{ value: 'LAST', name: 'Last Call Only' },
				],
				description: 'ALL or LAST (default ALL)',
			}),
			field({
				name: 'type',
				label: 'Direction',
				type: 'options',
				default: 'OUT',
				options: [
					{ value: 'OUT', name: 'Outbound' },
					{ value: 'IN', name: 'Inbound' },
					{ value: 'ALL', name: 'Both' },
				],
				description: 'IN, OUT or ALL (default OUT)',
			}),
			F.archived_lead.with({ description: 'Read lead details from the lead archive (vicidial_list_archive) (default N)' }),
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: {
			kind: 'table',
			columns: [
				'phone_number',
				'call_date',
				'list_id',
				'length_in_sec',
				'lead_status',
				'hangup_reason',
				'call_status',
				'source_id',
				'user',
			],
			// A number without calls gets a NOTICE line of its own (verified).
			lines: { 'NO RECORDS FOUND FOR THIS PHONE NUMBER': ['api_user', 'phone_number'] },
		},
		emptyOn: ['NO RECORDS FOUND'],
	},

	agent_stats_export: {
		label: 'Export Agent Stats',
		action: 'Export agent statistics for a period',
		description:
			'Per-agent call and time statistics for a period: calls, login, talk, wait, pause, dispo and dead time, sessions and pauses, for all agents or one agent or campaign (VICIdial function agent_stats_export)',
		fields: [
			field({
				name: 'datetime_start',
				label: 'Start',
				type: 'dateTime',
				required: true,
				description: 'Start of the period as YYYY-MM-DD HH:MM:SS (server time)',
			}),
			field({
				name: 'datetime_end',
				label: 'End',
				type: 'dateTime',
				required: true,
				description: 'End of the period as YYYY-MM-DD HH:MM:SS (server time)',
			}),
			F.agent_user.with({ description: 'Only this agent: 2-20 characters' }),
			F.campaign_id.with({ description: 'Only this campaign: 2-8 characters' }),
			field({
				name: 'time_format',
				label: 'Time Format',
				type: 'options',
				default: 'HF',
				options: [
					{ value: 'HF', name: 'Hours, Always', description: '0:00:00 even for zero' },
					{ value: 'H', name: 'Hours', description: '1:23:45' },
					{ value: 'M', name: 'Minutes', description: '83:45' },
					{ value: 'S', name: 'Seconds', description: '5023' },
				],
				description: 'How times are written (default HF)',
			}),
			// group_by_campaign=YES is not offered: it adds campaign_id as a first column.
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: {
			kind: 'table',
			columns: [
				'user',
				'full_name',
				'user_group',
				'calls',
				'login_time',
				'total_talk_time',
				'avg_talk_time',
				'avg_wait_time',
				'pct_of_queue',
				'pause_time',
				'sessions',
				'avg_session',
				'pauses',
				'avg_pause_time',
				'pause_pct',
				'pauses_per_session',
				'wait_time',
				'talk_time',
				'dispo_time',
				'dead_time',
			],
		},
		emptyOn: ['NO RECORDS FOUND'],
	},

	callid_info: {
		label: 'Get Call Info',
		action: 'Get information about a call',
		description:
			'Read the customer talk time of a call by its call ID, and with Detail its date, phone number, call type, campaign, list, status and agent (VICIdial function callid_info)',
		fields: [
			F.call_id.req().with({
				min: 16,
				max: 40,
				description: 'Call ID (caller code) of the call: 16-40 characters, for example M4050908070000012345',
			}),
			field({
				name: 'detail',
				label: 'Detail',
				type: 'boolean',
				flag: 'YES/NO',
				description: 'Add call date, phone, call type, campaign, list, status and agent (default NO)',
			}),
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: REPORT_READ,
		reply: {
			kind: 'table',
			// Code order (non_agent_api.php), not the docs' call_date,campaign_id,…,phone. Without
			// Detail only the first two columns come.
			columns: ['call_id', 'custtime', 'call_date', 'phone', 'call_type', 'campaign_id', 'list_id', 'status', 'user'],
		},
	},

	call_status_stats: {
		label: 'Get Call Status Stats',
		action: 'Get call counts by campaign and in-group',
		description:
			'Count one day\'s calls per campaign and in-group: total, human-answered, per hour (HH-count,…) and per status (STATUS-count,…) (VICIdial function call_status_stats)',
		fields: [
			dashList(
				A.campaigns,
				'campaigns',
				'Campaigns',
				'Campaigns to report, sent dash-joined (TESTCAMP-TESTCAMP2), or ---ALL--- for every campaign',
			).req(),
			query_date,
			dashList(
				A.in_groups,
				'ingroups',
				'In-Groups',
				'Only these in-groups, sent dash-joined; all in-groups of the campaigns when empty',
			),
			statuses,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: STATS_READ,
		reply: {
			kind: 'table',
			columns: ['campaign_id', 'total_calls', 'human_answered', 'hourly_breakdown', 'status_breakdown'],
		},
	},

	call_dispo_report: {
		label: 'Get Call Disposition Report',
		action: 'Get a call disposition report',
		description:
			'Total calls per campaign, in-group or DID for a date range, optionally broken down by status with percentages; a TOTAL row comes last (VICIdial function call_dispo_report)',
		fields: [
			dashList(A.campaigns, 'campaigns', 'Campaigns', 'Campaigns to report, sent dash-joined (TESTCAMP-TESTCAMP2)'),
			dashList(A.in_groups, 'ingroups', 'In-Groups', 'In-groups to report, sent dash-joined (TEST_IN2-TEST_IN3)'),
			// The docs list this field as `dids`, but non_agent_api.php reads only `did_patterns` (and
			// `did_ids`), as the docs' own example URL does: `dids` is never looked at.
			field({
				name: 'did_patterns',
				label: 'DIDs',
				type: 'list',
				separator: '-',
				source: 'dids',
				description: 'DID patterns (the DID numbers) to report, sent dash-joined (3125550100-3125550101)',
			}),
			query_date.with({ description: 'First day as YYYY-MM-DD (default today)' }),
			F.date.with({ name: 'end_date', label: 'End Date', description: 'Last day as YYYY-MM-DD (default today)' }),
			statuses,
			field({
				name: 'categories',
				label: 'Status Categories',
				type: 'list',
				separator: '-',
				description: 'Only these status categories, sent dash-joined; all when empty',
			}),
			field({
				name: 'users',
				label: 'Users',
				type: 'list',
				separator: '-',
				source: 'users',
				description: 'Only calls of these agents, sent dash-joined; all when empty',
			}),
			field({
				name: 'status_breakdown',
				label: 'Status Breakdown',
				type: 'boolean',
				flag: '1/0',
				description: 'Add one column per status (default 0)',
			}),
			field({
				name: 'show_percentages',
				label: 'Show Percentages',
				type: 'boolean',
				flag: '1/0',
				description: 'With Status Breakdown, write each count as "5 (4.2%)" (default 0)',
			}),
			field({
				name: 'file_download',
				label: 'File Download',
				type: 'boolean',
				flag: '1/0',
				description: 'Ask VICIdial to send the CSV as a file download (default 0)',
			}),
		],
		oneOf: [['campaigns', 'ingroups', 'did_patterns']],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: STATS_READ,
		reply: {
			kind: 'table',
			delimiter: ',',
			// Always CSV with its own header line (text/plain). Status Breakdown adds one column per
			// status after TOTAL CALLS, named only in that header line.
			columns: ['CAMPAIGN', 'TOTAL CALLS'],
			countsAfterFirst: true,
		},
	},
});
