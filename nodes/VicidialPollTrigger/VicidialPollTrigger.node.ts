import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { DateTime } from 'luxon';

import { vicidialApiTest } from '../shared/credentialTest';
import { inputError } from '../shared/errors';
import { EVENTS, type EventName } from '../shared/events';
import { agentEvents, agentSamples, type AgentSnapshot } from './agents';
import { queueEvent, queueItem } from './queue';
import { reader, type Reader } from './read';
import { advanceRecordings, daysToRead, newestReady, recordingItem, startCursor, type RecordingCursor } from './recordings';

/**
 * What VICIdial never pushes, found by polling the Non-Agent API: recordings becoming ready,
 * agents' state changes and queue alerts. Each event fires once: the cursor and what was seen
 * live in the workflow's static data, written only after every read of the poll succeeded.
 */

type Watch = 'recordingReady' | 'agentStateChanged' | 'queueAlert';

const AGENT_EVENTS: EventName[] = ['agent.login', 'agent.logout', 'agent.pause', 'agent.resume'];

/** The node's static data: the cursor of the watch configured when it was written. */
interface PollState extends IDataObject {
	/** The watch and its settings; another configuration starts afresh instead of replaying. */
	config?: string;
	recordings?: RecordingCursor & IDataObject;
	agents?: AgentSnapshot & IDataObject;
	alerting?: boolean;
}

const show = (watch: Watch) => ({ show: { watch: [watch] } });

export class VicidialPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial Poll Trigger',
		name: 'vicidialPollTrigger',
		icon: { light: 'file:../../icons/vicidial.svg', dark: 'file:../../icons/vicidial.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["watch"]}}',
		description: 'Starts the workflow on what VICIdial does not push: recordings ready, agent state changes, queue alerts',
		defaults: { name: 'VICIdial Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vicidialApi', required: true, testedBy: 'vicidialApiTest' }],
		properties: [
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				default: 'recordingReady',
				options: [
					{ name: 'Recording Ready', value: 'recordingReady', description: `Fires recording.ready: ${EVENTS['recording.ready']}` },
					{ name: 'Agent State Changed', value: 'agentStateChanged', description: 'Fires agent.login, agent.logout, agent.pause and agent.resume' },
					{ name: 'Queue Alert', value: 'queueAlert', description: 'Fires alert.triggered and alert.cleared on the calls waiting in in-groups' },
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
				displayName: 'Campaigns',
				name: 'campaigns',
				type: 'string',
				default: '',
				placeholder: 'TESTCAMP|INBOUND',
				description: 'Only agents in these campaigns (pipe- or comma-separated); all when empty',
				displayOptions: show('agentStateChanged'),
			},
			{
				displayName: 'Changes',
				name: 'changes',
				type: 'multiOptions',
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
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'Raise the alert when this many calls or more wait, clear it when fewer do',
				displayOptions: show('queueAlert'),
			},
			{
				displayName: 'Look Back (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'On the first poll, also fire for recordings that started this many minutes before; 0 starts from now',
				displayOptions: show('recordingReady'),
			},
		],
	};

	methods = { credentialTest: { vicidialApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch', 'recordingReady') as Watch;
		const read = await reader(this);
		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node') as PollState;
		let items: IDataObject[];
		if (watch === 'recordingReady') items = await pollRecordings(this, read, state, manual);
		else if (watch === 'agentStateChanged') items = await pollAgents(this, read, state, manual);
		else if (watch === 'queueAlert') items = await pollQueue(this, read, state, manual);
		else throw inputError(this.getNode(), [], `Unknown Watch "${String(watch)}": use recordingReady, agentStateChanged or queueAlert`, 0);
		if (items.length === 0) return null;
		return [this.helpers.returnJsonArray(items)];
	}
}

const now = (context: IPollFunctions): DateTime => DateTime.now().setZone(context.getTimezone());

/** Begin afresh when the watch or its settings changed since the state was written. */
function sameConfig(state: PollState, config: string): boolean {
	return state.config === config;
}

async function pollRecordings(context: IPollFunctions, read: Reader, state: PollState, manual: boolean): Promise<IDataObject[]> {
	const agent = String(context.getNodeParameter('agentUser', '')).trim();
	const lookBack = Number(context.getNodeParameter('lookBackMinutes', 0));
	if (!Number.isFinite(lookBack) || lookBack < 0) {
		throw inputError(context.getNode(), [], `Look Back (Minutes) must be 0 or more; got ${String(lookBack)}`, 0);
	}
	const time = now(context);
	const config = `recordingReady|${agent}`;
	const cursor = sameConfig(state, config) && state.recordings ? state.recordings : startCursor(time, lookBack);
	if (manual) {
		const rows = await read.read('recording_lookup', { agent_user: agent, date: time.toISODate() });
		const newest = newestReady(rows);
		return newest ? [recordingItem(newest, read.baseUrl)] : [];
	}
	const rows: IDataObject[] = [];
	for (const day of daysToRead(cursor, time)) rows.push(...(await read.read('recording_lookup', { agent_user: agent, date: day })));
	const next = advanceRecordings(cursor, rows, time);
	state.config = config;
	state.recordings = next.cursor as RecordingCursor & IDataObject;
	return next.fired.map((row) => recordingItem(row, read.baseUrl));
}

async function pollAgents(context: IPollFunctions, read: Reader, state: PollState, manual: boolean): Promise<IDataObject[]> {
	const campaigns = String(context.getNodeParameter('campaigns', '')).trim();
	const changes = context.getNodeParameter('changes', AGENT_EVENTS) as string[];
	const rows = await read.read('logged_in_agents', { campaigns: campaigns === '' ? undefined : campaigns, show_sub_status: true });
	if (manual) return agentSamples(rows);
	const config = `agentStateChanged|${campaigns}`;
	if (!sameConfig(state, config) || !state.agents) {
		// A first poll learns who is logged in now; changes count from here.
		state.config = config;
		state.agents = agentEvents({}, rows).snapshot as AgentSnapshot & IDataObject;
		return [];
	}
	const next = agentEvents(state.agents, rows);
	state.agents = next.snapshot as AgentSnapshot & IDataObject;
	return next.fired.filter((item) => changes.includes(String(item.event)));
}

async function pollQueue(context: IPollFunctions, read: Reader, state: PollState, manual: boolean): Promise<IDataObject[]> {
	const inGroups = String(context.getNodeParameter('inGroups', '')).trim();
	const threshold = Number(context.getNodeParameter('threshold', 5));
	if (!Number.isInteger(threshold) || threshold < 1) {
		throw inputError(context.getNode(), [], `Calls Waiting Threshold must be a whole number of 1 or more; got ${String(threshold)}`, 0);
	}
	const rows = await read.read('in_group_status', { in_groups: inGroups });
	const row = rows[0] ?? {};
	if (manual) {
		const over = Number(row.calls_waiting ?? 0) >= threshold;
		return [queueItem(over ? 'alert.triggered' : 'alert.cleared', row, threshold)];
	}
	const config = `queueAlert|${inGroups}|${threshold}`;
	const alerting = sameConfig(state, config) ? state.alerting === true : false;
	const next = queueEvent(alerting, row, threshold);
	state.config = config;
	state.alerting = next.alerting;
	return next.fired;
}
