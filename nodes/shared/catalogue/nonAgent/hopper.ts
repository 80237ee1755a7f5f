import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';

export const hopperFunctions = resourceOf('nonAgent', 'hopper', {
	hopper_list: {
		label: 'List Hopper Leads',
		action: 'List the leads in a campaign hopper',
		description:
			'List the leads waiting in a campaign\'s hopper to be dialed, in dialing order, with priority, phone number, status, call count, time zone and age (VICIdial function hopper_list)',
		fields: [
			F.campaign_id.req().with({ description: 'Campaign whose hopper to list: 2-8 characters' }),
			field({
				name: 'search_method',
				label: 'Query Method',
				type: 'options',
				default: '',
				options: [
					{ value: '', name: 'Standard' },
					{ value: 'BLOCK', name: 'Blocking', description: 'One joined query: faster, but may slow other database work' },
				],
				description: 'How VICIdial reads the hopper (default Standard)',
			}),
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, View Reports = 1, user level 8+',
		reply: {
			kind: 'table',
			// Verified header (notes §4.2).
			columns: [
				'hopper_order',
				'priority',
				'lead_id',
				'list_id',
				'phone_number',
				'phone_code',
				'state',
				'status',
				'count',
				'gmt_offset',
				'rank',
				'alt',
				'hopper_source',
				'vendor_lead_code',
				'source_id',
				'age_days',
				'last_call_time',
			],
			// The unit goes through _QXZ(…, 6), which pads it: `0 HOURS `, `NEVER    ` (notes §8.9).
			padded: ['last_call_time'],
		},
		emptyOn: ['THERE ARE NO LEADS IN THE HOPPER'],
	},

	hopper_bulk_insert: {
		label: 'Add Leads to Hopper',
		action: 'Add leads to the hopper',
		description:
			'Queue up to 1000 existing leads for dialing, each in the hopper of its list\'s campaign; leads already queued or outside their local call time are skipped and reported. Needs VICIdial build 250720 or newer (VICIdial function hopper_bulk_insert)',
		fields: [
			F.lead_ids.req().with({ maxItems: 1000, description: 'Leads to queue: up to 1000 lead IDs of 1-9 digits, sent comma-separated' }),
			F.hopper_priority,
			F.hopper_local_call_time_check,
		],
		writes: true,
		// A repeat finds the leads already in the hopper and skips them.
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, Modify Campaigns = 1, user level 8+',
		reply: {
			kind: 'status',
			// One NOTICE per lead, then the SUCCESS or ERROR summary. Value orders from
			// non_agent_api.php where the docs differ (OUTSIDE OF LOCAL TIME has no phone number;
			// CAMPAIGN DOES NOT EXIST lacks the "NOT ADDED TO HOPPER," of the docs).
			lines: {
				'LEADS HAVE BEEN INSERTED INTO THE HOPPER': ['inserted', 'skipped', 'last_hopper_id', 'api_user'],
				'NO LEADS HAVE BEEN INSERTED INTO THE HOPPER': ['skipped', 'not_found', 'api_user'],
				'LEAD ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'],
				'NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME': ['lead_id', 'gmt_offset', 'state', 'dialable'],
				'NOT ADDED TO HOPPER, CAMPAIGN DOES NOT EXIST': ['list_id', 'lead_id'],
				'CAMPAIGN DOES NOT EXIST': ['list_id', 'lead_id'],
				'NOT ADDED TO HOPPER, LEAD NOT FOUND': ['lead_id'],
				'NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER': ['lead_id'],
				'NOT ADDED TO HOPPER, LEAD HOPPER INSERT ERROR': ['lead_id'],
			},
		},
	},
});
