import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { inputError } from '../shared/errors';
import { agentEvents, agentSamples, type AgentSnapshot } from './agents';
import { advanceCallbacks, callbackItem, leadIdsOf, pendingSoonest, startCallbacks, type CallbackCursor } from './callbacks';
import { codesOf, daysToSearch, leadEvents, leadItem, matching, MAX_LOOK_BACK_MINUTES, STATUS_LIMIT, type LeadStatusState } from './leadStatus';
import { AGENT_EVENTS, type Watch } from './properties';
import { queueEvent, queueItem } from './queue';
import type { Reader } from './read';
import { advanceRecordings, daysToRead, newestReady, recordingItem, sqlTime, startCursor, type RecordingCursor } from './recordings';
import { figureValue, isFigure, statsEvents, statsItem, type Direction } from './stats';

/**
 * Each watch's poll: read its settings, make its one or few reads, and hand the rows to its pure
 * module (agents, callbacks, leadStatus, queue, recordings, stats). State is written only after
 * every read of the poll succeeded; a read that throws leaves it as it was.
 */

/** The node's static data: the cursor of the watch configured when it was written. */
export interface PollState extends IDataObject {
	/** The watch and its settings; another configuration starts afresh instead of replaying. */
	config?: string;
	recordings?: RecordingCursor & IDataObject;
	agents?: AgentSnapshot & IDataObject;
	alerting?: boolean;
	callbacks?: CallbackCursor & IDataObject;
	leads?: LeadStatusState & IDataObject;
	/** Stats threshold: the agents whose alert is up. */
	agentsAlerting?: string[];
}

export interface WatchRun {
	context: IPollFunctions;
	read: Reader;
	state: PollState;
	manual: boolean;
}

type Key = 'recordings' | 'agents' | 'alerting' | 'callbacks' | 'leads' | 'agentsAlerting';

/** The state of this configuration, or undefined when it was written for another one. */
function stateOf<K extends Key>(state: PollState, config: string, key: K): PollState[K] | undefined {
	return state.config === config ? state[key] : undefined;
}

/** Save this watch's state alone: another watch's leftovers go, so the static data stays bounded. */
function save<K extends Key>(state: PollState, config: string, key: K, value: PollState[K]): void {
	for (const other of Object.keys(state)) if (other !== key) delete state[other];
	state.config = config;
	state[key] = value;
}

/**
 * Now on the VICIdial server's clock: its dates (recording start_time, callback_time, the
 * day lead_status_search and recording_lookup search) are its local time without an offset
 * (notes §8.21), so a day is the dialer's day. Options > VICIdial Time Zone, else the workflow's.
 * @throws NodeOperationError when the option names no IANA zone.
 */
function now(context: IPollFunctions): DateTime {
	const zone = String(options(context).timeZone ?? '').trim();
	const time = DateTime.now().setZone(zone === '' ? context.getTimezone() : zone);
	if (!time.isValid) {
		throw inputError(context.getNode(), [], `VICIdial Time Zone must be an IANA time zone such as America/New_York or UTC; got "${zone}"`, 0);
	}
	return time;
}

const options = (context: IPollFunctions): IDataObject => (context.getNodeParameter('options', {}) ?? {}) as IDataObject;

function wholeNumber(run: WatchRun, label: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`;
		throw inputError(run.context.getNode(), [], `${label} must be a whole number ${range}; got ${String(value)}`, 0);
	}
	return number;
}

function refuse(run: WatchRun, message: string): never {
	throw inputError(run.context.getNode(), [], message, 0);
}

const lookBackOf = (run: WatchRun, max?: number): number => wholeNumber(run, 'Look Back (Minutes)', options(run.context).lookBackMinutes ?? 0, 0, max);

async function recordingReady(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const agent = String(context.getNodeParameter('agentUser', '')).trim();
	const lookBack = lookBackOf(run);
	const time = now(context);
	if (run.manual) {
		const newest = newestReady(await read.read('recording_lookup', { agent_user: agent, date: time.toISODate() }));
		return newest ? [recordingItem(newest, read.baseUrl)] : [];
	}
	const config = `recordingReady|${agent}`;
	const cursor = stateOf(state, config, 'recordings') ?? startCursor(time, lookBack);
	const rows: IDataObject[] = [];
	for (const day of daysToRead(cursor, time)) rows.push(...(await read.read('recording_lookup', { agent_user: agent, date: day })));
	const next = advanceRecordings(cursor, rows, time);
	save(state, config, 'recordings', next.cursor as RecordingCursor & IDataObject);
	return next.fired.map((row) => recordingItem(row, read.baseUrl));
}

async function agentStateChanged(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const campaigns = String(options(context).campaigns ?? '').trim();
	const changes = context.getNodeParameter('changes', AGENT_EVENTS) as string[];
	const rows = await read.read('logged_in_agents', { campaigns: campaigns === '' ? undefined : campaigns, show_sub_status: true });
	if (run.manual) return agentSamples(rows);
	const config = `agentStateChanged|${campaigns}`;
	const previous = stateOf(state, config, 'agents');
	const next = agentEvents(previous ?? {}, rows);
	save(state, config, 'agents', next.snapshot as AgentSnapshot & IDataObject);
	// A first poll learns who is logged in now; changes count from here.
	if (!previous) return [];
	return next.fired.filter((item) => changes.includes(String(item.event)));
}

async function queueAlert(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const inGroups = String(context.getNodeParameter('inGroups', '')).trim();
	const threshold = wholeNumber(run, 'Calls Waiting Threshold', context.getNodeParameter('threshold', 5), 1);
	const row = (await read.read('in_group_status', { in_groups: inGroups }))[0] ?? {};
	if (run.manual) return [queueItem(Number(row.calls_waiting ?? 0) >= threshold ? 'alert.triggered' : 'alert.cleared', row, threshold)];
	const config = `queueAlert|${inGroups}|${threshold}`;
	const next = queueEvent(stateOf(state, config, 'alerting') === true, row, threshold);
	save(state, config, 'alerting', next.alerting);
	return next.fired;
}

async function callbackDue(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const leads = leadIdsOf(String(context.getNodeParameter('leadIds', '')));
	if ('error' in leads) refuse(run, leads.error);
	const within = wholeNumber(run, 'Due Within (Minutes)', context.getNodeParameter('dueWithinMinutes', 15), 0);
	const lookBack = lookBackOf(run);
	// One request per watched lead: VICIdial has no call that lists callbacks across leads.
	const rows: IDataObject[] = [];
	for (const lead_id of leads.ids) rows.push(...(await read.read('lead_callback_info', { lead_id, search_location: 'CURRENT' })));
	const time = now(context);
	if (run.manual) return pendingSoonest(rows).map((row) => callbackItem(row, time));
	const config = `callbackDue|${leads.ids.join(',')}|${within}`;
	const next = advanceCallbacks(stateOf(state, config, 'callbacks') ?? startCallbacks(time, lookBack), rows, time, within);
	save(state, config, 'callbacks', next.cursor as CallbackCursor & IDataObject);
	return next.fired.map((row) => callbackItem(row, time));
}

async function leadStatusChanged(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const statuses = codesOf(String(context.getNodeParameter('statuses', '')), 'Statuses', /^[A-Za-z0-9_-]{1,6}$/, 'status codes of 1-6 letters, digits, _ or -', STATUS_LIMIT);
	if ('error' in statuses) refuse(run, statuses.error);
	if (statuses.codes.length === 0) refuse(run, 'Statuses is required: the statuses to watch, pipe- or comma-separated (SALE|CALLBK)');
	const lists = codesOf(String(options(context).lists ?? ''), 'Lists', /^\d{1,14}$/, 'list IDs (digits), pipe- or comma-separated');
	if ('error' in lists) refuse(run, lists.error);
	const lookBack = lookBackOf(run, MAX_LOOK_BACK_MINUTES);
	const time = now(context);
	const config = `leadStatusChanged|${statuses.codes.join(',')}|${lists.codes.join(',')}`;
	const previous = run.manual ? undefined : stateOf(state, config, 'leads');
	const days = run.manual ? [time.toISODate() ?? ''] : daysToSearch(time, previous, lookBack);
	const rows: IDataObject[] = [];
	for (const status of statuses.codes) {
		for (const date of days) rows.push(...(await read.read('lead_status_search', { status, date })));
	}
	if (run.manual) return matching(rows, statuses.codes, lists.codes).map((row) => leadItem(row, null));
	const next = leadEvents(previous, rows, { statuses: statuses.codes, lists: lists.codes, now: time, lookBackMinutes: lookBack });
	save(state, config, 'leads', next.state as LeadStatusState & IDataObject);
	return next.fired;
}

async function statsThreshold(run: WatchRun): Promise<IDataObject[]> {
	const { context, read, state } = run;
	const figure = context.getNodeParameter('figure', 'pause_pct');
	if (!isFigure(figure)) refuse(run, `Figure "${String(figure)}" is not one of agent_stats_export's figures`);
	const direction = context.getNodeParameter('direction', 'above') as Direction;
	if (direction !== 'above' && direction !== 'below') refuse(run, `Fire When must be above or below; got ${String(direction)}`);
	const threshold = Number(context.getNodeParameter('statsThreshold', 30));
	if (!Number.isFinite(threshold) || threshold < 0) refuse(run, `Threshold must be a number of 0 or more; got ${String(threshold)}`);
	const agent = String(options(context).agentUser ?? '').trim();
	const campaign = String(options(context).campaign ?? '').trim();
	const time = now(context);
	const rows = await read.read('agent_stats_export', {
		datetime_start: `${time.toISODate() ?? ''} 00:00:00`,
		datetime_end: sqlTime(time),
		agent_user: agent === '' ? undefined : agent,
		campaign_id: campaign === '' ? undefined : campaign,
		time_format: 'S',
	});
	const settings = { figure, threshold, direction };
	if (run.manual) {
		return rows.map((row) => {
			const value = figureValue(row, figure);
			const past = direction === 'above' ? value >= threshold : value < threshold;
			return statsItem(past ? 'alert.triggered' : 'alert.cleared', String(row.user ?? ''), row, settings);
		});
	}
	const config = `statsThreshold|${figure}|${direction}|${threshold}|${agent}|${campaign}`;
	const next = statsEvents(stateOf(state, config, 'agentsAlerting') ?? [], rows, settings);
	save(state, config, 'agentsAlerting', next.alerting);
	return next.fired;
}

export const WATCH_POLLS: Record<Watch, (run: WatchRun) => Promise<IDataObject[]>> = {
	agentStateChanged,
	callbackDue,
	leadStatusChanged,
	queueAlert,
	recordingReady,
	statsThreshold,
};
