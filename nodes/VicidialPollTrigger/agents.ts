import type { IDataObject } from 'n8n-workflow';

import type { EventName } from '../shared/events';

/**
 * Agent state changed: logged_in_agents compared with the previous poll's snapshot. A row is
 * a login, a missing row a logout; PAUSED is a pause unless the agent is only dispositioning or
 * previewing a lead (sub-status DISPO or PREVIEW), and leaving it is a resume. A new pause code
 * while paused is a pause again, with the code before it.
 */

export interface AgentView {
	status: string;
	pause_code: string;
	campaign_id: string;
	paused: boolean;
}

export type AgentSnapshot = Record<string, AgentView>;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function viewOf(row: IDataObject): AgentView {
	const status = text(row.status);
	const subStatus = text(row.sub_status);
	return {
		status,
		pause_code: text(row.pause_code),
		campaign_id: text(row.campaign_id),
		paused: status === 'PAUSED' && subStatus !== 'DISPO' && subStatus !== 'PREVIEW',
	};
}

export function snapshotOf(rows: IDataObject[]): AgentSnapshot {
	const snapshot: AgentSnapshot = {};
	for (const row of rows) if (text(row.user) !== '') snapshot[text(row.user)] = viewOf(row);
	return snapshot;
}

function item(event: EventName, user: string, row: IDataObject | undefined, before: AgentView | undefined): IDataObject {
	const now = row ? viewOf(row) : undefined;
	return {
		event,
		user,
		full_name: row?.full_name ?? null,
		user_group: row?.user_group ?? null,
		campaign_id: now?.campaign_id ?? before?.campaign_id ?? null,
		status: now?.status ?? null,
		pause_code: now?.pause_code ?? null,
		sub_status: row?.sub_status ?? null,
		session_id: row?.session_id ?? null,
		previous_status: before?.status ?? null,
		previous_pause_code: before?.pause_code ?? null,
	};
}

/** The events between two polls, in the order of the rows, logouts last. Pure. */
export function agentEvents(previous: AgentSnapshot, rows: IDataObject[]): { fired: IDataObject[]; snapshot: AgentSnapshot } {
	const fired: IDataObject[] = [];
	const snapshot = snapshotOf(rows);
	for (const row of rows) {
		const user = text(row.user);
		const now = snapshot[user];
		const before = previous[user];
		if (!now) continue;
		if (!before) {
			fired.push(item('agent.login', user, row, undefined));
			if (now.paused && now.pause_code !== '') fired.push(item('agent.pause', user, row, undefined));
			continue;
		}
		if (now.paused && (!before.paused || now.pause_code !== before.pause_code)) fired.push(item('agent.pause', user, row, before));
		else if (!now.paused && before.paused) fired.push(item('agent.resume', user, row, before));
	}
	for (const [user, before] of Object.entries(previous)) if (!snapshot[user]) fired.push(item('agent.logout', user, undefined, before));
	return { fired, snapshot };
}

/** A sample for the editor: each logged-in agent as its current state. */
export function agentSamples(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => item(viewOf(row).paused ? 'agent.pause' : 'agent.login', text(row.user), row, undefined));
}
