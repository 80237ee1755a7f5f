import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';
import * as A from './fields';

/**
 * Call functions of the Agent API: dial, hang up, disposition, leads on the agent screen.
 * Reply field names follow api.php's echo lines (AGENT_API.txt, vicidial-api-notes.md §5).
 */

export const callFunctions = resourceOf('agent', 'call', {
	external_dial: {
		label: 'Dial Number',
		action: 'Dial a number on the agent screen',
		description:
			'Queue a manual dial on a paused agent\'s screen: a phone number, a lead by ID, or the next lead (MANUALNEXT). SUCCESS means the screen was told to dial, not that the call connected (VICIdial Agent API function external_dial)',
		fields: [
			F.logged_in_agent.req(),
			F.phone_number.with({
				name: 'value',
				label: 'Phone Number',
				accepts: { regex: /^MANUALNEXT$/, allowed: 'MANUALNEXT' },
				description:
					'Number to dial: 6-16 digits; pasted forms are reduced to digits and a leading + country code goes to Phone Code. MANUALNEXT dials the next lead like the Dial Next Number button. Not needed when Lead ID is set.',
			}),
			F.phone_code.with({
				default: '1',
				description: 'Country calling code: 1-4 digits (1 for USA/Canada). Ignored with Lead ID: the lead\'s own code is used.',
			}),
			F.lead_id.with({
				description: 'Dial this lead instead of Phone Number (Lead ID wins when both are set); Alt Dial picks which of its numbers',
			}),
			// AGENT_API.txt calls all three optional in places, but api.php refuses the call without them.
			A.yesNoWord(
				'search',
				'Search Existing Lead',
				'YES: look the number up in the campaign\'s lists and bring up that lead; NO: create a new lead for the call',
			).with({ required: true, default: true }),
			A.yesNoWord(
				'preview',
				'Preview',
				'YES: show the lead on the agent screen without dialing; NO: dial at once',
			).with({ required: true, default: false }),
			A.yesNoWord(
				'focus',
				'Focus Agent Screen',
				'YES: bring the agent screen to the front with a browser alert; NO: leave the focus alone',
			).with({ required: true, default: false }),
			field({
				name: 'alt_dial',
				label: 'Alt Dial',
				type: 'options',
				options: [
					{ value: 'MAIN', name: 'Main Phone', description: 'The lead\'s phone number' },
					{ value: 'ALT', name: 'Alt Phone', description: 'The lead\'s alternate phone' },
					{ value: 'ADDR3', name: 'Address 3', description: 'The number kept in the lead\'s Address 3 field' },
					{ value: 'SEARCH', name: 'Search', description: 'Whichever of the three matches Phone Number; an error when none does' },
				],
				description: 'With Lead ID: which of the lead\'s numbers to dial (default the main phone)',
			}),
			F.vendor_lead_code.with({
				name: 'vendor_id',
				label: 'Vendor Lead Code',
				blankable: false,
				description: 'Vendor lead code for the call\'s lead: up to 20 characters',
			}),
			field({
				name: 'dial_prefix',
				label: 'Dial Prefix',
				type: 'string',
				max: 20,
				pattern: { regex: /^[A-Za-z0-9]+$/, allowed: 'letters and digits' },
				description: 'Prefix put in front of the dial string for this call only',
			}),
			A.group_alias,
			field({
				name: 'outbound_cid',
				label: 'Outbound Caller ID',
				type: 'digits',
				min: 2,
				max: 20,
				description: 'Caller ID number to send; only works when System Settings "Outbound Call Any CID" is API_ONLY',
			}),
			field({
				name: 'dial_ingroup',
				label: 'Dial In-Group',
				type: 'code',
				min: 2,
				max: 20,
				source: 'inGroups',
				description: 'Place the call as an outbound call of this in-group; an unknown in-group gives a NOTICE and is ignored',
			}),
			A.yesNoWord(
				'vtiger_callback',
				'Vtiger Callback',
				'YES: Phone Number is a Vtiger event ID (prefixed 99); the phone number and account are looked up in Vtiger',
			),
			A.alt_user,
		],
		oneOf: [['value', 'lead_id']],
		// One of the two is the point of the call: from version 1.1 they are not hidden.
		promoted: { fields: ['value', 'lead_id'], since: 1.1 },
		writes: true,
		retry: A.liveCommand('a repeat queues the dial again and could call the number twice'),
		permission: `${A.AGENT_ACCESS}, paused with no lead (campaign API Manual Dial = STANDARD); the agent needs Agent Call Manual = 1`,
		reply: A.statusReply({
			'function set': [
				'value',
				'agent_user',
				'phone_code',
				'search',
				'preview',
				'focus',
				'vendor_id',
				'epoch',
				'dial_prefix',
				'group_alias',
				'caller_id_number',
				'alt_dial',
			],
			'defined dial_ingroup not found': ['dial_ingroup'],
			'phone_number is already in this agents manual dial queue': ['agent_user', 'value'],
			'lead_id is not valid': ['agent_user', 'lead_id'],
			'phone number is not valid': ['agent_user', 'value', 'lead_id', 'alt_dial'],
			'phone number lead_id search not found': ['agent_user', 'value', 'lead_id', 'alt_dial'],
			'caller_id_number from group_alias is not valid': ['agent_user', 'group_alias', 'caller_id_number'],
			'group_alias is not valid': ['agent_user', 'group_alias'],
			'outbound_cid is not allowed on this system': ['agent_user', 'outbound_cid', 'outbound_cid_any'],
		}),
	},

	external_hangup: {
		label: 'Hang Up Call',
		action: 'Hang up the agent\'s current call',
		description:
			'Hang up the customer call on the agent screen, like the Hangup Customer button; the agent then sees the disposition screen. SUCCESS means the command was queued for the agent screen (VICIdial Agent API function external_hangup)',
		fields: [
			F.logged_in_agent.req(),
			A.onlyValue('1', 'Hang Up'),
		],
		writes: true,
		retry: A.liveCommand('a repeat could hang up the agent\'s next call'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({ 'function set': ['value', 'agent_user'] }),
	},

	external_status: {
		label: 'Set Disposition',
		action: 'Set the disposition of the agent\'s call',
		description:
			'Disposition the call on the agent screen with a status and move the agent on, optionally scheduling a callback. SUCCESS means the status was queued for the agent screen (VICIdial Agent API function external_status)',
		fields: [
			F.logged_in_agent.req(),
			F.status.req().with({
				name: 'value',
				label: 'Status',
				description: 'Disposition status code: 1-6 characters, any status valid for the agent\'s campaign (SALE, NI, CALLBK, …)',
			}),
			F.callback_datetime.with({
				// The Agent API needs a full date and time: it drops the callback for NOW or 3DAYS.
				accepts: undefined,
				description:
					'When to call back: YYYY-MM-DD HH:MM:SS. Needed when Status is a scheduled-callback status, ignored otherwise',
			}),
			F.callback_type,
			F.callback_comments.with({
				max: 200,
				description:
					'Shown when the callback comes up: up to 200 characters; VICIdial keeps only letters, digits, spaces, . _ and -',
			}),
			field({
				name: 'qm_dispo_code',
				label: 'QM Dispo Code',
				type: 'string',
				max: 20,
				pattern: { regex: /^[-._A-Za-z0-9]+$/, allowed: 'letters, digits, . _ and -' },
				description: 'Call status code logged to QueueMetrics, when QueueMetrics is enabled',
			}),
		],
		writes: true,
		retry: A.liveCommand('a repeat could disposition the agent\'s next call'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			// With a callback the value echoes STATUS!datetime!type!comments! (api.php builds it so).
			'function set': ['value', 'agent_user'],
		}),
	},

	preview_dial_action: {
		label: 'Preview Dial Action',
		action: 'Act on the lead being previewed',
		description:
			'Skip, dial or finish the lead a paused agent is previewing, or dial its alternate numbers during manual alt dial. SUCCESS means the action was queued for the agent screen (VICIdial Agent API function preview_dial_action)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'Alt Phone, Address 3 and Finish need campaign Alt Number Dialing',
				[
					{ value: 'DIALONLY', name: 'Dial', description: 'Dial the previewed lead' },
					{ value: 'SKIP', name: 'Skip', description: 'Skip the lead without dialing (not on PREVIEW_ONLY campaigns)' },
					{ value: 'ALTDIAL', name: 'Dial Alt Phone', description: 'Dial the lead\'s alternate phone' },
					{ value: 'ADR3DIAL', name: 'Dial Address 3', description: 'Dial the number in the lead\'s Address 3 field' },
					{ value: 'FINISH', name: 'Finish', description: 'End alt dialing for this lead' },
				],
			),
		],
		writes: true,
		retry: A.liveCommand('a repeat could skip or dial the agent\'s next lead'),
		permission: `${A.AGENT_ACCESS} and paused on a campaign with Manual Preview Dial; the agent needs Agent Call Manual = 1`,
		reply: A.statusReply({
			// api.php echoes the action twice: value, agent, then the command it queued.
			'function set': ['value', 'agent_user', 'queued_action'],
			'preview dialing not allowed on this campaign': ['agent_user', 'campaign_id', 'manual_preview_dial'],
			'preview dial skipping not allowed on this campaign': ['agent_user', 'campaign_id', 'manual_preview_dial'],
			'alt number dialing not allowed on this campaign': ['agent_user', 'campaign_id', 'alt_number_dialing'],
		}),
	},

	external_add_lead: {
		label: 'Add Lead to Dial List',
		action: 'Add a lead to the agent\'s manual dial list',
		description:
			'Add a lead to the manual dial list of the logged-in agent\'s campaign, with optional DNC checks; a much simpler add than the Non-Agent add_lead, returning the new lead ID (VICIdial Agent API function external_add_lead)',
		fields: [
			F.logged_in_agent.req(),
			F.phone_number.req(),
			// api.php refuses the call without a phone_code.
			F.phone_code.req().with({ default: '1' }),
			...A.agentLeadDataFields,
			A.dnc_check,
			A.campaign_dnc_check,
		],
		writes: true,
		retry: { kind: 'never', why: 'external_add_lead has no duplicate check: a repeat adds the lead twice' },
		permission: `${A.AGENT_ACCESS}; the agent's campaign needs a Manual Dial List ID`,
		// The DNC refusals are printed as `add_lead PHONE NUMBER IN …` (api.php reuses the Non-Agent text).
		replyAliases: ['add_lead'],
		reply: A.statusReply({
			'lead added': ['phone_number', 'campaign_id', 'list_id', 'lead_id', 'agent_user'],
			'lead insertion failed': ['phone_number', 'campaign_id', 'list_id', 'agent_user'],
			'campaign manual dial list undefined': ['phone_number', 'campaign_id', 'agent_user'],
			'PHONE NUMBER IN DNC': ['phone_number', 'agent_user'],
			'PHONE NUMBER IN CAMPAIGN DNC': ['phone_number', 'campaign_id', 'agent_user'],
		}),
	},

	switch_lead: {
		label: 'Switch Lead',
		action: 'Switch the lead of the agent\'s inbound call',
		description:
			'On a live inbound call, replace the lead on the agent screen (and in the call logs) with another lead found by ID or vendor lead code, like selecting it in Lead Search. SUCCESS means the switch was queued for the agent screen (VICIdial Agent API function switch_lead)',
		fields: [
			F.logged_in_agent.req(),
			F.lead_id.with({ description: 'The lead to switch to; wins over Vendor Lead Code when both are set' }),
			F.vendor_lead_code.with({
				blankable: false,
				description: 'Find the lead to switch to by vendor lead code (the newest match is used)',
			}),
		],
		oneOf: [['lead_id', 'vendor_lead_code']],
		writes: true,
		retry: A.liveCommand('a repeat could switch the lead of the agent\'s next call'),
		permission: `${A.AGENT_ACCESS} on a live inbound call; campaign Agent Lead Search must allow live inbound calls`,
		reply: A.statusReply({
			'function set': ['agent_user', 'lead_id', 'vendor_lead_code', 'campaign_id', 'previous_lead_id'],
			'switch-to lead not found': ['agent_user', 'lead_id', 'vendor_lead_code'],
			'agent call is not inbound': ['agent_user', 'call_id'],
		}),
	},

	call_agent: {
		label: 'Call Agent Phone',
		action: 'Ring the agent\'s phone into their session',
		description:
			'Place a call from the agent\'s session to the agent\'s own phone, to reconnect an agent whose phone dropped; not meant for on-hook agents. SUCCESS means the call was queued for the telephony server (VICIdial Agent API function call_agent)',
		fields: [
			F.logged_in_agent.req(),
			A.onlyValue('CALL', 'Call'),
		],
		writes: true,
		retry: A.liveCommand('a repeat rings the agent\'s phone a second time'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({ 'function sent': ['agent_user'] }),
	},
});
