import * as F from '../fields';
import { resourceOf } from '../resources';
import * as A from './adminFields';

const CAMPAIGN_WRITE = 'Agent API Access = 1, Modify Campaigns = 1, user level 8+';

export const campaignFunctions = resourceOf('nonAgent', 'campaign', {
	campaigns_list: {
		label: 'List Campaigns',
		action: 'List campaigns',
		description:
			'List the campaigns the API user may see, or one campaign, with dial method, dial level, lead order and dial statuses (VICIdial function campaigns_list)',
		fields: [
			F.campaign_id.with({
				description: 'Only this campaign: 2-8 characters; all campaigns when empty',
			}),
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, View Reports = 1, user level 8+',
		reply: {
			kind: 'table',
			columns: [
				'campaign_id',
				'campaign_name',
				'active',
				'user_group',
				'dial_method',
				'dial_level',
				'lead_order',
				'dial_statuses',
				'dial_timeout',
				'dial_prefix',
				'manual_dial_prefix',
				'three_way_dial_prefix',
			],
		},
		emptyOn: ['THIS USER HAS NO VIEWABLE CAMPAIGNS'],
	},

	update_campaign: {
		label: 'Update Campaign',
		action: 'Update a campaign',
		description:
			'Change campaign settings: name, active, dial method and level, hopper, lead order, dial statuses, caller ID, transfer numbers, Dispo Call URL and web forms; can also reset the hopper (VICIdial function update_campaign)',
		fields: [
			F.campaign_id.req().with({ description: 'Campaign to update: 2-8 characters' }),
			A.campaign_name,
			A.active,
			A.auto_dial_level,
			A.adaptive_maximum_level,
			A.campaign_vdad_exten,
			A.hopper_level,
			A.reset_hopper,
			A.dial_method,
			A.dial_timeout,
			A.list_order,
			A.list_order_randomize,
			A.list_order_secondary,
			A.campaign_outbound_cid,
			A.dial_status_add,
			A.dial_status_remove,
			A.lead_filter_id,
			A.xferconf_one,
			A.xferconf_two,
			A.xferconf_three,
			A.xferconf_four,
			A.xferconf_five,
			A.dispo_call_url,
			A.webform_one,
			A.webform_two,
			A.webform_three,
		],
		writes: true,
		retry: {
			kind: 'never',
			why: 'dial_status_add prepends the status again on a repeat and a repeated dial_status_remove fails',
		},
		permission: CAMPAIGN_WRITE,
		// Like update_list (notes §8.8): a hopper reset alone comes after NO UPDATES DEFINED.
		preambleNotices: ['NO UPDATES DEFINED'],
		reply: {
			kind: 'status',
			lines: {
				'CAMPAIGN HAS BEEN UPDATED': ['api_user', 'campaign_id'],
				'HOPPER HAS BEEN RESET': ['api_user', 'campaign_id', 'hopper_rows'],
				'NO UPDATES DEFINED': ['api_user'],
			},
		},
	},

	update_alt_url: {
		label: 'Update Alt URL',
		action: 'List or update the alternate call URLs of a campaign',
		description:
			'List, add or change the alternate ("ALT") Dispo, Start, Add Lead or No Agent Call URL entries of a campaign; the campaign\'s URL setting must be ALT (VICIdial function update_alt_url)',
		fields: [
			F.campaign_id.req().with({
				max: 20,
				description:
					'Campaign (or in-group or list, see Entry Type) the entries belong to: 2-20 characters',
			}),
			A.entry_type.req(),
			A.url_type.req(),
			// Documented as required, but VICIdial picks the only entry when it is left empty.
			A.alt_url_id,
			A.active.with({ description: 'Y or N (default N)' }),
			A.url_rank,
			A.url_statuses,
			A.url_description,
			A.url_lists,
			A.url_call_length,
			A.url_address,
			F.stage.with({
				description: 'Delimiter of the rows when Alt URL ID is LIST; the node parses all three',
			}),
		],
		writes: true,
		retry: { kind: 'never', why: 'with alt_url_id=NEW a repeat adds a second entry' },
		permission: CAMPAIGN_WRITE,
		// alt_url_id=LIST answers bare rows; every other call answers status lines.
		reply: {
			kind: 'table',
			columns: [
				'url_id',
				'campaign_id',
				'entry_type',
				'active',
				'url_type',
				'url_rank',
				'url_statuses',
				'url_description',
				'url_lists',
				'url_call_length',
				'url_address',
			],
			lines: {
				'ALT URL HAS BEEN UPDATED': ['api_user', 'url_id', 'url_type', 'entry_type', 'campaign_id'],
				// The ID comes as text: `NEW URL ID: 2`.
				'ALT URL HAS BEEN ADDED': ['api_user', 'new_url_id', 'url_type', 'entry_type', 'campaign_id'],
				'ALT URL ID DOES NOT EXIST': [
					'api_user',
					'url_id',
					'url_type',
					'entry_type',
					'campaign_id',
					'entries',
				],
				'LIST, No Records Found': ['api_user', 'url_type', 'entry_type', 'campaign_id', 'count'],
				'NO UPDATES DEFINED': ['api_user'],
			},
		},
		emptyOn: ['LIST, No Records Found'],
	},

	update_presets: {
		label: 'Update Presets',
		action: 'Update a transfer preset',
		description:
			'List, add, change or delete the transfer-conference presets of a campaign (name, number, hide number, DTMF) (VICIdial function update_presets)',
		fields: [
			F.campaign_id.req().with({ description: 'Campaign of the presets: 2-8 characters' }),
			// Documented as required, but VICIdial picks the only preset when it is left empty.
			A.preset_name,
			A.preset_action.req(),
			A.preset_number,
			A.preset_hide_number,
			A.preset_dtmf,
			F.stage.with({
				description: 'Delimiter of the rows when Action is List; the node parses all three',
			}),
		],
		writes: true,
		retry: { kind: 'never', why: 'action NEW adds the preset again and a repeated DELETE fails' },
		permission: CAMPAIGN_WRITE,
		// action=LIST answers bare rows; every other call answers status lines.
		reply: {
			kind: 'table',
			columns: ['preset_name', 'campaign_id', 'preset_number', 'preset_hide_number', 'preset_dtmf'],
			lines: {
				'PRESET HAS BEEN UPDATED': ['api_user', 'preset_name', 'campaign_id'],
				// The name comes as text: `NEW PRESET: SALES`.
				'PRESET HAS BEEN ADDED': ['api_user', 'preset_name', 'campaign_id'],
				'PRESET HAS BEEN DELETED': ['api_user', 'preset_name', 'campaign_id'],
				'PRESET NAME DOES NOT EXIST': ['api_user', 'preset_name', 'campaign_id', 'presets'],
				'LIST, No Records Found': ['api_user', 'campaign_id', 'count'],
				'NO UPDATES DEFINED': ['api_user'],
			},
		},
		emptyOn: ['LIST, No Records Found'],
	},

	update_cid_group_entry: {
		label: 'Update CID Group Entry',
		action: 'Update a caller ID group entry',
		description:
			'Read, add, change or delete the area-code caller ID entries of a CID group or campaign (outbound caller ID by area code or state) (VICIdial function update_cid_group_entry)',
		fields: [
			A.cid_group_id.req(),
			A.areacode.req(),
			A.cid_stage.req(),
			A.cid_outbound_cid,
			A.cid_description,
			A.active.with({ description: 'Y or N (default N)' }),
		],
		writes: true,
		retry: {
			kind: 'never',
			why: 'a repeated ADD fails with ENTRY ALREADY EXISTS and a repeated DELETE finds no entries',
		},
		permission: CAMPAIGN_WRITE,
		// stage=INFO prints a SUCCESS line, then one row per entry (notes §4.4).
		reply: {
			kind: 'table',
			columns: ['entry', 'areacode', 'outbound_cid', 'active', 'cid_description', 'call_count_today'],
			lines: {
				// No separator before the values: `CID GROUP INFO AS FOLLOWS TESTCAMP|---ALL---||1`.
				'CID GROUP INFO AS FOLLOWS': ['cid_group_id', 'areacode', 'outbound_cid', 'entries'],
				'CID GROUP ENTRY HAS BEEN ADDED': [
					'api_user',
					'cid_group_id',
					'areacode',
					'outbound_cid',
					'rows',
				],
				'CID GROUP ENTRIES HAVE BEEN UPDATED': [
					'api_user',
					'cid_group_id',
					'areacode',
					'outbound_cid',
					'rows',
				],
				'CID GROUP ENTRIES HAVE BEEN DELETED': [
					'api_user',
					'cid_group_id',
					'areacode',
					'outbound_cid',
					'rows',
				],
				'THIS CID GROUP ENTRY ALREADY EXISTS': [
					'api_user',
					'cid_group_id',
					'areacode',
					'outbound_cid',
				],
			},
		},
		emptyOn: ['THIS CID GROUP HAS NO ENTRIES'],
	},
});
