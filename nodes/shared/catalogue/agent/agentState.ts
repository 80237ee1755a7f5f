import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';
import * as A from './fields';

/** Agent state functions of the Agent API: pause, resume, log out, in-groups, queue, CRM lookups. */

export const agentStateFunctions = resourceOf('agent', 'agentState', {
	external_pause: {
		label: 'Pause or Resume Agent',
		action: 'Pause or resume an agent',
		description:
			'Pause or resume an agent; an agent on a live call is paused after the call is dispositioned. SUCCESS means the command was queued for the agent screen, which carries it out within about a second (VICIdial Agent API function external_pause)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'Pause or resume the agent',
				[
					{ value: 'PAUSE', name: 'Pause', description: 'Pause now, or after the live call is dispositioned' },
					{ value: 'RESUME', name: 'Resume', description: 'Make a paused agent ready for calls again' },
				],
			),
		],
		writes: true,
		retry: A.liveCommand('a repeated PAUSE or RESUME could undo a change the agent made in between'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			'function set': ['value', 'epoch', 'agent_user'],
			'not valid': ['value', 'agent_user'],
		}),
	},

	pause_code: {
		label: 'Set Pause Code',
		action: 'Set the pause code of a paused agent',
		description:
			'Set the pause code (reason) of an agent who is already paused, for example BREAK or LUNCH. SUCCESS means the code was queued for the agent screen (VICIdial Agent API function pause_code)',
		fields: [
			F.logged_in_agent.req(),
			field({
				name: 'value',
				label: 'Pause Code',
				type: 'code',
				required: true,
				min: 1,
				max: 6,
				description: 'Pause code defined for the agent\'s campaign: 1-6 characters',
			}),
		],
		writes: true,
		retry: A.liveCommand('a repeat could set the code on a later pause of the agent'),
		permission: `${A.AGENT_ACCESS} and paused`,
		reply: A.statusReply({ 'function sent': ['agent_user'] }),
	},

	logout: {
		label: 'Log Out Agent',
		action: 'Log an agent out of the agent screen',
		description:
			'Log an agent out of the agent screen; an agent on a live call is logged out after the call is dispositioned. SUCCESS means the logout was queued for the agent screen (VICIdial Agent API function logout)',
		fields: [
			F.logged_in_agent.req(),
			A.onlyValue('LOGOUT', 'Log Out'),
		],
		writes: true,
		retry: A.liveCommand('a repeat could log the agent out again after they log back in'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({ 'function set': ['value', 'epoch', 'agent_user'] }),
	},

	change_ingroups: {
		label: 'Change In-Groups',
		action: 'Change the in-groups an agent takes calls from',
		description:
			'Replace, add to or remove from the in-groups a logged-in agent takes inbound calls from, and set whether they also take outbound calls (blended); optionally save it as the agent\'s default. The agent must log out and in to choose in-groups again themselves (VICIdial Agent API function change_ingroups)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Change',
				'How In-Groups is applied; Add and Remove need at least one in-group',
				[
					{ value: 'CHANGE', name: 'Replace', description: 'Take calls from exactly the listed in-groups' },
					{ value: 'ADD', name: 'Add', description: 'Add the listed in-groups to the agent\'s current ones' },
					{ value: 'REMOVE', name: 'Remove', description: 'Remove the listed in-groups from the agent\'s current ones' },
				],
			),
			A.yesNoWord(
				'blended',
				'Blended',
				'YES: also take outbound auto-dialed calls (not on MANUAL or INBOUND_MAN campaigns); NO: inbound calls only',
			).with({ required: true, default: false }),
			field({
				name: 'ingroup_choices',
				label: 'In-Groups',
				type: 'list',
				separator: ' ',
				// api.php skips the first space-separated item and strips a trailing "-", so the joined
				// list must go out as " A B -".
				frame: [' ', ' -'],
				description: 'In-group IDs, comma-separated (sent to VICIdial as " A B -")',
			}),
			A.yesNoWord(
				'set_as_default',
				'Set as Default',
				'YES: also save these in-groups and the blended setting on the agent\'s user record (default NO)',
			),
		],
		writes: true,
		retry: A.liveCommand('ADD and REMOVE apply to the agent\'s current in-groups; a repeat after another change would apply twice'),
		permission: `${A.AGENT_ACCESS} on a campaign that allows inbound calls; API user: Change Agent Campaign = 1`,
		reply: A.statusReply({
			// The last value reads "User settings set as default" when set_as_default=YES, else it is empty.
			'function set': ['user', 'agent_user', 'ingroup_choices', 'blended', 'set_as_default'],
			'ingroup does not exist': ['agent_user', 'ingroup', 'ingroup_choices'],
			'campaign dial_method does not allow outbound autodial': ['agent_user', 'blended'],
		}),
	},

	st_login_log: {
		label: 'Find User by CRM Agent ID',
		action: 'Find the VICIdial user of a CRM agent ID',
		description:
			'Find the VICIdial user whose Custom 3 field holds a CRM agent ID, record the CRM team ID in their Custom 4 field and return the user ID (VICIdial Agent API function st_login_log)',
		fields: [A.crm_agent_id, A.crm_team_id],
		// Only custom_four is written, with the same value on a repeat.
		writes: false,
		retry: { kind: 'always' },
		permission: 'API user: Agent API Access = 1',
		reply: A.statusReply({ 'user found': ['agent_user'] }),
	},

	calls_in_queue_count: {
		label: 'Count Calls in Queue',
		action: 'Count the calls waiting for an agent',
		description:
			'Count the calls (and queued emails) waiting in the agent\'s campaign and selected in-groups that could be routed to this agent (VICIdial Agent API function calls_in_queue_count)',
		fields: [
			F.logged_in_agent.req(),
			A.onlyValue('DISPLAY', 'Display'),
		],
		writes: false,
		retry: { kind: 'always' },
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			// `SUCCESS: calls_in_queue_count - 0`: no reason text follows the function name, so the
			// key is empty (an empty prefix also matches if a parser keeps the name as the reason).
			'': ['count'],
		}),
	},

	st_get_agent_active_lead: {
		label: 'Get Active Lead by CRM Agent ID',
		action: 'Get the lead a CRM agent is on',
		description:
			'Find the VICIdial user whose Custom 3 field holds a CRM agent ID and return the lead on their screen: lead ID, phone number, vendor lead code, province, security phrase and source ID. No item when the agent has no lead (VICIdial Agent API function st_get_agent_active_lead)',
		fields: [A.crm_agent_id, A.crm_team_id],
		writes: false,
		retry: { kind: 'always' },
		permission: 'API user: Agent API Access = 1; the agent must be logged in',
		emptyOn: ['no active lead found'],
		reply: A.statusReply({
			'lead found': ['agent_user', 'phone_number', 'lead_id', 'vendor_lead_code', 'province', 'security_phrase', 'source_id'],
		}),
	},
});
