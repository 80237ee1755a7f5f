import type { IDataObject } from 'n8n-workflow';

import type { EventName } from '../shared/events';

/**
 * Stats threshold: one figure of agent_stats_export (today so far, times in seconds) per agent,
 * compared with a threshold. An agent's alert is raised when its figure crosses the threshold
 * (reaches it, or falls below it, as chosen) and cleared when it crosses back or the agent is
 * no longer in the stats (a new day), each once per crossing. A first poll compares with "not
 * alerting", as Queue Alert does, so an agent already past the threshold fires.
 */

/** The figures of agent_stats_export a trigger can watch, in its column names. */
export const FIGURES = {
	calls: { name: 'Calls', description: 'Calls handled today' },
	login_time: { name: 'Login Time (Seconds)', description: 'Time logged in today' },
	pause_time: { name: 'Pause Time (Seconds)', description: 'Time paused today' },
	pause_pct: { name: 'Pause Percentage', description: 'Share of login time paused, 0-100' },
	pauses: { name: 'Pauses', description: 'Number of pauses today' },
	avg_pause_time: { name: 'Average Pause (Seconds)', description: 'Average length of a pause' },
	wait_time: { name: 'Wait Time (Seconds)', description: 'Time waiting for calls today' },
	avg_wait_time: { name: 'Average Wait (Seconds)', description: 'Average wait per call' },
	talk_time: { name: 'Talk Time (Seconds)', description: 'Time talking today' },
	avg_talk_time: { name: 'Average Talk (Seconds)', description: 'Average customer talk time per call' },
	dispo_time: { name: 'Dispo Time (Seconds)', description: 'Time on the disposition screen today' },
	dead_time: { name: 'Dead Time (Seconds)', description: 'Time on calls the customer had left' },
	sessions: { name: 'Sessions', description: 'Agent screen sessions today' },
} as const;

export type Figure = keyof typeof FIGURES;

export const isFigure = (value: unknown): value is Figure => typeof value === 'string' && Object.prototype.hasOwnProperty.call(FIGURES, value);

export type Direction = 'above' | 'below';

/** A figure's number: `16.7%` is 16.7; times come as seconds (time_format=S). NaN when not a number. */
export function figureValue(row: IDataObject | undefined, figure: Figure): number {
	const raw = row?.[figure];
	if (typeof raw === 'number') return raw;
	const textValue = String(raw ?? '').trim().replace(/%$/, '');
	return textValue === '' ? Number.NaN : Number(textValue);
}

const past = (value: number, threshold: number, direction: Direction): boolean =>
	Number.isFinite(value) && (direction === 'above' ? value >= threshold : value < threshold);

export function statsItem(event: EventName, user: string, row: IDataObject | undefined, settings: { figure: Figure; threshold: number; direction: Direction }): IDataObject {
	const value = figureValue(row, settings.figure);
	return {
		event,
		user,
		figure: settings.figure,
		value: Number.isFinite(value) ? value : null,
		threshold: settings.threshold,
		direction: settings.direction,
		full_name: row?.full_name ?? null,
		user_group: row?.user_group ?? null,
		stats: row ?? null,
	};
}

/** The events of this poll, in the order of the rows, cleared-by-absence last, and who alerts after it. Pure. */
export function statsEvents(
	alerting: readonly string[],
	rows: IDataObject[],
	settings: { figure: Figure; threshold: number; direction: Direction },
): { fired: IDataObject[]; alerting: string[] } {
	const was = new Set(alerting);
	const now = new Set<string>();
	const fired: IDataObject[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		const user = String(row.user ?? '');
		if (user === '' || seen.has(user)) continue;
		seen.add(user);
		const over = past(figureValue(row, settings.figure), settings.threshold, settings.direction);
		if (over) now.add(user);
		if (over && !was.has(user)) fired.push(statsItem('alert.triggered', user, row, settings));
		else if (!over && was.has(user)) fired.push(statsItem('alert.cleared', user, row, settings));
	}
	for (const user of alerting) if (!seen.has(user)) fired.push(statsItem('alert.cleared', user, undefined, settings));
	return { fired, alerting: [...now] };
}
