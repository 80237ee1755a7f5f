import type { INodeProperties } from 'n8n-workflow';

import { EVENTS, type EventName } from '../shared/events';
import { LEAD_LIMIT } from './callbacks';
import { MAX_LOOK_BACK_MINUTES, STATUS_LIMIT } from './leadStatus';
import { FIGURES, type Figure } from './stats';

/** The poll trigger's fields: each watch's own, then one Options collection for the optional ones. */

export type Watch = 'agentStateChanged' | 'callbackDue' | 'leadStatusChanged' | 'queueAlert' | 'recordingReady' | 'statsThreshold';

export const WATCHES: readonly Watch[] = ['agentStateChanged', 'callbackDue', 'leadStatusChanged', 'queueAlert', 'recordingReady', 'statsThreshold'];

export const AGENT_EVENTS: EventName[] = ['agent.login', 'agent.logout', 'agent.pause', 'agent.resume'];

const show = (...watch: Watch[]) => ({ show: { watch } });
/** Inside the Options collection, shown by the top-level Watch. */
const showIn = (...watch: Watch[]) => ({ show: { '/watch': watch } });

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

export const properties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recordingReady',
		options: [
			{ name: 'Agent State Changed', value: 'agentStateChanged', description: 'Fires agent.login, agent.logout, agent.pause and agent.resume' },
			{ name: 'Callback Due', value: 'callbackDue', description: `Fires callback.due: ${EVENTS['callback.due']}, for up to ${LEAD_LIMIT} leads` },
			{ name: 'Lead Status Changed', value: 'leadStatusChanged', description: `Fires lead.updated: ${EVENTS['lead.updated']} after a call` },
			{ name: 'Queue Alert', value: 'queueAlert', description: 'Fires alert.triggered and alert.cleared on the calls waiting in in-groups' },
			{ name: 'Recording Ready', value: 'recordingReady', description: `Fires recording.ready: ${EVENTS['recording.ready']}` },
			{ name: 'Stats Threshold', value: 'statsThreshold', description: "Fires alert.triggered and alert.cleared on a figure of each agent's stats today" },
		],
	},
	{
		displayName: 'Agent User',
		name: 'agentUser',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1000',
		description: "The agent whose recordings to watch: VICIdial's recording_lookup searches by agent and day",
		displayOptions: show('recordingReady'),
	},
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'multiOptions',
		required: true,
		default: ['agent.login', 'agent.logout', 'agent.pause', 'agent.resume'],
		options: AGENT_EVENTS.map((event) => ({ name: event, value: event, description: EVENTS[event] })),
		description: 'Which changes start the workflow',
		displayOptions: show('agentStateChanged'),
	},
	{
		displayName: 'In-Groups',
		name: 'inGroups',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SALESLINE|SUPPORT',
		description: 'Inbound groups counted together (pipe- or comma-separated)',
		displayOptions: show('queueAlert'),
	},
	{
		displayName: 'Calls Waiting Threshold',
		name: 'threshold',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 5,
		description: 'Raise the alert when this many calls or more wait, clear it when fewer do',
		displayOptions: show('queueAlert'),
	},
	{
		displayName: `VICIdial lists callbacks only per lead (lead_callback_info): this watch checks up to ${LEAD_LIMIT} leads you name, one request per lead and poll`,
		name: 'callbackNotice',
		type: 'notice',
		default: '',
		displayOptions: show('callbackDue'),
	},
	{
		displayName: 'Lead IDs',
		name: 'leadIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001,1002',
		description: `The leads whose scheduled callbacks to watch (comma-separated, at most ${LEAD_LIMIT})`,
		displayOptions: show('callbackDue'),
	},
	{
		displayName: 'Due Within (Minutes)',
		name: 'dueWithinMinutes',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0 },
		default: 15,
		description: 'Fire for a callback once its time is this many minutes away or less; 0 fires when it is due',
		displayOptions: show('callbackDue'),
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'SALE|CALLBK',
		description: `Fire when a lead moves to one of these statuses (pipe- or comma-separated, at most ${STATUS_LIMIT}: one request each per poll)`,
		displayOptions: show('leadStatusChanged'),
	},
	{
		displayName: 'VICIdial finds leads by the calls of a day (lead_status_search): a lead changed without a call that day is not seen',
		name: 'leadStatusNotice',
		type: 'notice',
		default: '',
		displayOptions: show('leadStatusChanged'),
	},
	{
		displayName: 'Figure',
		name: 'figure',
		type: 'options',
		required: true,
		default: 'pause_pct',
		options: (Object.entries(FIGURES) as Array<[Figure, (typeof FIGURES)[Figure]]>).map(([value, { name, description }]) => ({ name, value, description })).sort(byName),
		description: "Which figure of each agent's stats today (agent_stats_export) to compare",
		displayOptions: show('statsThreshold'),
	},
	{
		displayName: 'Fire When',
		name: 'direction',
		type: 'options',
		required: true,
		default: 'above',
		options: [
			{ name: 'At or Above the Threshold', value: 'above' },
			{ name: 'Below the Threshold', value: 'below' },
		],
		displayOptions: show('statsThreshold'),
	},
	{
		displayName: 'Threshold',
		name: 'statsThreshold',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'The value the figure is compared with (seconds for times, 0-100 for percentages)',
		displayOptions: show('statsThreshold'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show('agentStateChanged', 'callbackDue', 'leadStatusChanged', 'recordingReady', 'statsThreshold'),
		options: [
			{
				displayName: 'Agent User',
				name: 'agentUser',
				type: 'string',
				default: '',
				placeholder: '1000',
				description: 'Only this agent; all agents when empty',
				displayOptions: showIn('statsThreshold'),
			},
			{
				displayName: 'Campaign',
				name: 'campaign',
				type: 'string',
				default: '',
				placeholder: 'TESTCAMP',
				description: "Only the agents' stats in this campaign; all campaigns when empty",
				displayOptions: showIn('statsThreshold'),
			},
			{
				displayName: 'Campaigns',
				name: 'campaigns',
				type: 'string',
				default: '',
				placeholder: 'TESTCAMP|INBOUND',
				description: 'Only agents in these campaigns (pipe- or comma-separated); all when empty',
				displayOptions: showIn('agentStateChanged'),
			},
			{
				displayName: 'Lists',
				name: 'lists',
				type: 'string',
				default: '',
				placeholder: '101|102',
				description: "Only leads in these lists (pipe- or comma-separated list IDs); all when empty. VICIdial's lead records carry no campaign.",
				displayOptions: showIn('leadStatusChanged'),
			},
			{
				displayName: 'Look Back (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: `On the first poll, also fire for what happened this many minutes before (recordings started, callbacks come due, leads called: at most ${MAX_LOOK_BACK_MINUTES}); 0 starts from now`,
				displayOptions: showIn('callbackDue', 'leadStatusChanged', 'recordingReady'),
			},
			{
				displayName: 'VICIdial Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'America/New_York',
				description:
					"Zone of the VICIdial server's clock: its recording, callback and lead dates carry no offset, and the days searched are its days. Empty: the workflow's time zone; set it when n8n and the dialer are in different zones.",
				displayOptions: showIn('callbackDue', 'leadStatusChanged', 'recordingReady', 'statsThreshold'),
			},
		],
	},
];
