import type { IDataObject } from 'n8n-workflow';

import type { EventName } from '../shared/events';

/**
 * Queue alert: in_group_status counts the chosen in-groups together; the alert is raised when
 * calls waiting reach the threshold and cleared when they fall below it, each once per crossing.
 * A first poll compares with "not alerting", so a queue already over the threshold fires.
 */

const count = (value: unknown): number => {
	const number = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
	return Number.isFinite(number) ? number : 0;
};

export function queueItem(event: EventName, row: IDataObject, threshold: number): IDataObject {
	return { event, figure: 'calls_waiting', value: count(row.calls_waiting), threshold, ...row };
}

/** The event of this poll, if any, and whether the alert is up after it. Pure. */
export function queueEvent(alerting: boolean, row: IDataObject, threshold: number): { fired: IDataObject[]; alerting: boolean } {
	const over = count(row.calls_waiting) >= threshold;
	if (over === alerting) return { fired: [], alerting };
	return { fired: [queueItem(over ? 'alert.triggered' : 'alert.cleared', row, threshold)], alerting: over };
}
