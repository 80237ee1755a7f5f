import * as F from '../fields';
import { resourceOf } from '../resources';
import * as A from './adminFields';

const REALTIME_READ = 'Agent API Access = 1, View Reports = 1, user level 7+';

export const agentStatusFunctions = resourceOf('nonAgent', 'agentStatus', {
	agent_status: {
		label: 'Get Agent Status',
		action: 'Get the real-time status of an agent',
		description:
			'Get what one agent is doing right now: status (READY, INCALL, PAUSED…), sub-status, campaign, current lead and phone number, pause code, calls today and session; nothing when the agent is not logged in (VICIdial function agent_status)',
		fields: [
			F.agent_user.req().with({ description: 'Agent to look up: 2-20 characters' }),
			A.include_ip,
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: REALTIME_READ,
		reply: {
			kind: 'table',
			// The observed order (notes §7.4), not the docs' `status,call_id,…`; computer_ip only
			// comes with include_ip=YES.
			columns: [
				'status',
				'callerid',
				'lead_id',
				'campaign_id',
				'calls_today',
				'full_name',
				'user_group',
				'user_level',
				'pause_code',
				'real_time_sub_status',
				'phone_number',
				'vendor_lead_code',
				'session_id',
				'computer_ip',
			],
		},
		emptyOn: ['AGENT NOT LOGGED IN'],
	},

	logged_in_agents: {
		label: 'List Logged-In Agents',
		action: 'List logged-in agents',
		description:
			'List every agent logged in to the agent screen, optionally only some campaigns or user groups, with status, current lead, session and calls today (VICIdial function logged_in_agents)',
		fields: [
			A.campaigns,
			A.user_groups.with({
				description: 'Only these user groups, sent pipe-delimited (ADMIN|AGENTS); all when empty',
			}),
			A.show_sub_status,
			F.stage,
		],
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: REALTIME_READ,
		reply: {
			kind: 'table',
			columns: [
				'user',
				'campaign_id',
				'session_id',
				'status',
				'lead_id',
				'callerid',
				'calls_today',
				'full_name',
				'user_group',
				'user_level',
				'pause_code',
				'sub_status',
			],
		},
		emptyOn: ['NO LOGGED IN AGENTS'],
	},

	user_group_status: {
		label: 'Get User Group Status',
		action: 'Get the real-time status of user groups',
		description:
			'Count, for one or more user groups together, the calls waiting and the agents logged in, in calls, waiting, paused, in dead calls, in dispo and dialing (VICIdial function user_group_status)',
		fields: [A.user_groups.req(), F.stage],
		writes: false,
		retry: { kind: 'always' },
		permission: REALTIME_READ,
		reply: {
			kind: 'table',
			columns: [
				'usergroups',
				'calls_waiting',
				'agents_logged_in',
				'agents_in_calls',
				'agents_waiting',
				'agents_paused',
				'agents_in_dead_calls',
				'agents_in_dispo',
				'agents_in_dial',
			],
		},
	},

	in_group_status: {
		label: 'Get In-Group Status',
		action: 'Get the real-time status of in-groups',
		description:
			"Count, for one or more inbound groups together, today's calls, the calls waiting and the agents logged in, in calls, waiting, paused, in dispo and dialing (VICIdial function in_group_status)",
		fields: [
			A.in_groups
				.req()
				.with({ description: 'Inbound group IDs, sent pipe-delimited (SALESLINE|SUPPORT)' }),
			F.stage,
		],
		writes: false,
		retry: { kind: 'always' },
		permission: REALTIME_READ,
		reply: {
			kind: 'table',
			columns: [
				'ingroups',
				'total_calls',
				'calls_waiting',
				'agents_logged_in',
				'agents_in_calls',
				'agents_waiting',
				'agents_paused',
				'agents_in_dispo',
				'agents_in_dial',
			],
		},
	},

	agent_ingroup_info: {
		label: 'Get Agent In-Group Info',
		action: 'Get the in-groups of a logged-in agent',
		description:
			'Get the in-groups a logged-in agent has selected, whether outbound auto-dial (blended) is on, and any manager override (VICIdial function agent_ingroup_info)',
		fields: [F.logged_in_agent.req()],
		// stage=info and stage=change answer HTML for the admin screen; text is the only
		// machine-readable form: `SUCCESS:  - 1000|text` then `SELECTED INGROUPS: …` lines.
		fixed: { stage: 'text' },
		writes: false,
		retry: { kind: 'always' },
		permission: 'Agent API Access = 1, user level 7+',
		reply: { kind: 'keyValue', separator: ': ' },
	},

	blind_monitor: {
		label: 'Blind Monitor',
		action: 'Monitor an agent session',
		description:
			"Ring a supervisor phone and put it into an agent's session to listen, barge or whisper; VICIdial only queues the call, Asterisk places it (VICIdial function blind_monitor)",
		fields: [
			A.phone_login
				.req()
				.with({ description: 'Login of the phone that should ring: 1-20 letters and digits' }),
			A.session_id.req(),
			A.server_ip
				.req()
				.with({ description: 'Server of the agent session: an IPv4 address, 7-15 characters' }),
			A.monitor_stage.req(),
		],
		writes: true,
		retry: { kind: 'never', why: 'a repeat rings the phone a second time' },
		permission: 'Agent API Access = 1, user level 7+',
		reply: {
			kind: 'status',
			lines: {
				'HAS BEEN LAUNCHED': [
					'phone_login',
					'monitor_channel',
					'dialplan_number',
					'session_id',
					'manager_id',
					'api_user',
				],
			},
		},
	},
});
