import * as F from '../fields';
import { field } from '../field';
import type { FunctionSpec } from '../types';

const LEAD_WRITE = 'Agent API Access = 1, Modify Leads = 1-4 and user level 8 or higher';

export const add_lead: FunctionSpec = {
	name: 'add_lead',
	api: 'nonAgent',
	resource: 'lead',
	displayName: 'Add Lead',
	action: 'Add a lead',
	description:
		'Insert a new lead into a list (VICIdial function add_lead), with optional duplicate and DNC checks, hopper insert, scheduled callback and custom fields',
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
			displayName: 'Duplicate Check',
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
	permission: LEAD_WRITE,
	reply: {
		kind: 'status',
		lines: {
			// Code order, not the docs' (vicidial-api-notes.md §7.1).
			'LEAD HAS BEEN ADDED': ['phone_number', 'list_id', 'lead_id', 'gmt_offset', 'api_user'],
			'ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'],
			'SCHEDULED CALLBACK ADDED': ['lead_id', 'campaign_id', 'callback_datetime', 'callback_type', 'callback_user', 'callback_status'],
			'DUPLICATE PHONE NUMBER': ['phone_number', 'list_id', 'lead_id', 'existing_list_id', 'match'],
			'DUPLICATE TITLE ALT_PHONE': ['title', 'alt_phone', 'list_id', 'lead_id', 'existing_list_id'],
			'DUPLICATE NAME PHONE': ['first_name', 'last_name', 'phone_number', 'list_id', 'lead_id', 'existing_list_id'],
			'INVALID PHONE NUMBER': ['phone_number', 'api_user'],
			'PHONE NUMBER IN': ['phone_number', 'api_user'],
		},
	},
};

export const leadFunctions: readonly FunctionSpec[] = [add_lead];
