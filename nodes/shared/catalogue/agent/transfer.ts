import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';
import * as A from './fields';

/** Transfer, conference and park functions of the Agent API, and remote-agent call control. */

export const transferFunctions = resourceOf('agent', 'transfer', {
	transfer_conference: {
		label: 'Transfer or Conference',
		action: 'Transfer or conference the agent\'s call',
		description:
			'Run a Transfer-Conf action on the agent\'s live call: blind transfer, transfer to an in-group or agent, 3-way call, park and dial, leave voicemail, hang up the third party or leave the 3-way call. SUCCESS means the action was queued for the agent screen (VICIdial Agent API function transfer_conference)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'What the Transfer-Conf frame does',
				[
					{ value: 'BLIND_TRANSFER', name: 'Blind Transfer', description: 'Send the customer to Number to Dial' },
					{ value: 'LOCAL_CLOSER', name: 'Transfer to In-Group', description: 'Send the call to another agent through In-Group (AGENTDIRECT with the agent in Number to Dial)' },
					{ value: 'DIAL_WITH_CUSTOMER', name: 'Dial With Customer', description: '3-way call with the customer on the line' },
					{ value: 'PARK_CUSTOMER_DIAL', name: 'Park Customer and Dial', description: 'Park the customer and call a third party' },
					{ value: 'LEAVE_VM', name: 'Leave Voicemail', description: 'Blind transfer the customer to the campaign\'s voicemail message' },
					{ value: 'HANGUP_XFER', name: 'Hang Up Third Party', description: 'Hang up the third-party line' },
					{ value: 'HANGUP_BOTH', name: 'Hang Up Both', description: 'Hang up the customer and the third party' },
					{ value: 'LEAVE_3WAY_CALL', name: 'Leave 3-Way Call', description: 'Leave the customer and third party talking and go to the disposition screen' },
				],
			),
			A.dial_string.with({
				description:
					'Number to transfer to or dial: digits, * and #. Needed for the transfer and dial actions; with In-Group AGENTDIRECT, the agent\'s user ID.',
			}),
			A.ingroup.with({
				description:
					'In-group for Transfer to In-Group and consultative transfers: one active in-group, DEFAULTINGROUP for the call\'s default transfer group, or AGENTDIRECT',
			}),
			A.yesNoWord(
				'consultative',
				'Consultative',
				'YES: consultative transfer to another agent through In-Group; only with Dial With Customer or Park Customer and Dial (default NO)',
			),
			A.yesNoWord(
				'dial_override',
				'Dial Exactly',
				'YES: dial Number to Dial exactly, without the campaign\'s phone code and prefix (default NO)',
			),
			A.group_alias.with({
				description: 'Group alias whose caller ID number is sent on Dial With Customer or Park Customer and Dial',
			}),
			field({
				name: 'cid_choice',
				label: 'Caller ID Choice',
				type: 'options',
				options: [
					{ value: 'CAMPAIGN', name: 'Campaign' },
					{ value: 'AGENT_PHONE', name: 'Agent Phone' },
					{ value: 'CUSTOMER', name: 'Customer' },
					{ value: 'CUSTOM_CID', name: 'Custom CID' },
				],
				description: 'Caller ID to send on Dial With Customer or Park Customer and Dial, instead of Group Alias',
			}),
			field({
				name: 'multi_dial_phones',
				label: 'Multi-Dial Phones',
				type: 'list',
				separator: ',',
				description: 'For Agent 3-Way Press-1 Calls only: up to 10 phone numbers, comma-separated; duplicates are removed',
			}),
			A.yesNoWord(
				'md_check',
				'Check Press-1 Calls',
				'YES: refuse when earlier 3-way press-1 calls of Multi-Dial Phones are still active',
			),
			A.yesNoWord(
				'tw_check',
				'Check 3-Way Calls',
				'YES: refuse the dial actions when an earlier 3-way call is still active',
			),
		],
		writes: true,
		retry: A.liveCommand('a repeat could transfer or dial the call twice'),
		permission: `${A.AGENT_ACCESS} with a live call`,
		reply: A.statusReply({
			'function set': ['value', 'ingroup_choices', 'phone_number', 'consultative', 'agent_user', 'call_id'],
			'value is not valid': ['value', 'user'],
			'caller_id_number from group_alias is not valid': ['agent_user', 'group_alias', 'caller_id_number'],
			'group_alias is not valid': ['agent_user', 'group_alias'],
			'cid_choice is not valid': ['agent_user', 'cid_choice'],
		}),
	},

	park_call: {
		label: 'Park or Grab Call',
		action: 'Park, grab or swap the agent\'s call',
		description:
			'Park the customer or third party, grab them back from park or the park IVR, or swap the two. SUCCESS means the command was queued for the agent screen (VICIdial Agent API function park_call)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'What to park or grab',
				[
					{ value: 'PARK_CUSTOMER', name: 'Park Customer', description: 'Send the customer to the campaign\'s park extension' },
					{ value: 'GRAB_CUSTOMER', name: 'Grab Customer', description: 'Bring the customer back from park to the agent' },
					{ value: 'PARK_IVR_CUSTOMER', name: 'Park Customer in IVR', description: 'Send the customer to the campaign\'s park IVR; they come back when it ends' },
					{ value: 'GRAB_IVR_CUSTOMER', name: 'Grab Customer From IVR', description: 'Bring the customer back from the park IVR' },
					{ value: 'PARK_XFER', name: 'Park Third Party', description: 'Send the third-party call to the park extension' },
					{ value: 'GRAB_XFER', name: 'Grab Third Party', description: 'Bring the third-party call back from park' },
					{ value: 'SWAP_PARK_CUSTOMER', name: 'Swap: Park Customer', description: 'Park the customer and bring back the parked third party' },
					{ value: 'SWAP_PARK_XFER', name: 'Swap: Park Third Party', description: 'Park the third party and bring back the parked customer' },
					{ value: 'HANGUP_XFER_GRAB_CUSTOMER', name: 'Hang Up Third Party and Grab Customer', description: 'Hang up the third-party line and bring the customer back from park' },
				],
			),
		],
		writes: true,
		retry: A.liveCommand('a repeat could park a call the agent has just grabbed back'),
		permission: `${A.AGENT_ACCESS} with a lead on screen`,
		reply: A.statusReply({ 'function set': ['value', 'agent_user'] }),
	},

	ra_call_control: {
		label: 'Remote Agent Call Control',
		action: 'Hang up or transfer a remote agent\'s call',
		description:
			'Hang up a call handled by a remote agent, or transfer it to an extension or in-group, and log its status. Unlike most Agent API functions it sends the command to the telephony server directly (VICIdial Agent API function ra_call_control)',
		fields: [
			F.logged_in_agent.req().with({ description: 'The remote agent handling the call; must be logged in' }),
			F.call_id.req().with({
				name: 'value',
				label: 'Call ID',
				description: 'The call\'s caller code as received in the CallerIDname or SIP header, for example Y0315201639000402027',
			}),
			field({
				name: 'stage',
				label: 'Action',
				type: 'options',
				required: true,
				default: 'HANGUP',
				options: [
					{ value: 'HANGUP', name: 'Hang Up' },
					{ value: 'EXTENSIONTRANSFER', name: 'Transfer to Extension', description: 'Send the call to Number to Dial' },
					{ value: 'INGROUPTRANSFER', name: 'Transfer to In-Group', description: 'Send the call to In-Group' },
				],
				description: 'What to do with the call',
			}),
			A.ingroup.with({
				description:
					'For Transfer to In-Group: one active in-group, or DEFAULTINGROUP for the default transfer group of the call\'s campaign or in-group',
			}),
			A.dial_string.with({
				min: 2,
				description: 'For Transfer to Extension: the full number as dialed through the default context',
			}),
			F.status.with({ description: 'Status logged for the call: 1-6 characters (default RAXFER)' }),
		],
		writes: true,
		retry: A.liveCommand('the call is hung up or redirected at once; a repeat would act on whatever call has the ID then'),
		permission: `${A.AGENT_ACCESS} (the remote agent)`,
		reply: A.statusReply({
			hungup: ['agent_user', 'value', 'stage'],
			// api.php prints "transfer" for both transfers; AGENT_API.txt shows "transferred".
			transfer: ['agent_user', 'value', 'destination'],
		}),
	},

	force_fronter_leave_3way: {
		label: 'Make Fronter Leave 3-Way',
		action: 'Make the fronter leave the 3-way call',
		description:
			'Make the fronter (the oldest other agent on a call with the same lead as this closer) leave the 3-way call, on this cluster or a remote CCC cluster. SUCCESS means the command was queued for the fronter\'s screen (VICIdial Agent API function force_fronter_leave_3way)',
		fields: [F.logged_in_agent.req().with({ description: 'The closer agent; must be on a call' }), A.fronter_scope, A.ccc_lead_id],
		writes: true,
		retry: A.liveCommand('a repeat could make the fronter leave a later 3-way call'),
		permission: `${A.AGENT_ACCESS} and on a call`,
		reply: A.statusReply({
			SENT: ['fronter_user'],
			'command sent over CCC': ['container_id'],
		}),
	},

	force_fronter_audio_stop: {
		label: 'Stop Fronter Audio',
		action: 'Stop audio playing in the fronter\'s session',
		description:
			'Stop the audio playback in the session of the fronter (another agent on a call with the same lead as this closer), on this cluster or a remote CCC cluster (VICIdial Agent API function force_fronter_audio_stop)',
		fields: [F.logged_in_agent.req().with({ description: 'The closer agent; must be on a call' }), A.fronter_scope, A.ccc_lead_id],
		writes: true,
		retry: A.liveCommand('a repeat could stop audio the fronter started since'),
		permission: `${A.AGENT_ACCESS} and on a call`,
		reply: A.statusReply({
			// api.php prints "function sent"; AGENT_API.txt shows "function SENT".
			'function sent': ['value', 'stage', 'agent_user', 'fronter_user'],
			'function SENT': ['value', 'stage', 'agent_user', 'fronter_user'],
			'command sent over CCC': ['container_id'],
		}),
	},
});
