import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { sqlTime } from './recordings';

/**
 * Lead status changed: lead_status_search finds the leads whose calls on one date ended with a
 * status, and prints each lead as it is now. A poll reads each watched status for the days since
 * the previous poll (today, and yesterday just after midnight or after a stop): one request per
 * status and day. A lead "moves to" a status when it shows that status now and did not at the
 * previous poll; it fires once per lead and status, and again only if it left the status and came
 * back. VICIdial searches the call logs, so a lead changed without a call that day is not seen,
 * and its records carry list_id but no campaign.
 */

/** Statuses one trigger may watch: each is one request per poll. */
export const STATUS_LIMIT = 5;

/** How long after a poll the previous day is still read, for calls dispositioned late. */
export const DAY_GRACE_MINUTES = 30;

/** The longest Look Back: lead_status_search searches whole days, and a poll reads two at most. */
export const MAX_LOOK_BACK_MINUTES = 1440;

export interface LeadStatusState {
	/** When the previous poll read (server clock). */
	polled: string;
	/** [lead_id, status] of the watched leads in a watched status at the previous poll. */
	present: Array<[string, string]>;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** Codes of a pipe-, comma- or space-separated list, or the reason it is refused, naming the field. */
export function codesOf(raw: string, label: string, pattern: RegExp, allowed: string, limit?: number): { codes: string[] } | { error: string } {
	const codes = [...new Set(raw.split(/[\s,|]+/).filter((code) => code !== ''))];
	const bad = codes.find((code) => !pattern.test(code));
	if (bad !== undefined) return { error: `${label} must be ${allowed}; got "${bad}"` };
	if (limit !== undefined && codes.length > limit) return { error: `${label} takes at most ${limit} (one request each per poll); got ${codes.length}` };
	return { codes };
}

/**
 * The days a poll reads, oldest first: from the previous poll (less the grace), or on a first
 * poll from the look-back, to today; two at most.
 */
export function daysToSearch(now: DateTime, state: LeadStatusState | undefined, lookBackMinutes: number): string[] {
	const previous = state ? DateTime.fromFormat(state.polled, 'yyyy-LL-dd HH:mm:ss', { zone: now.zone }) : undefined;
	const from = previous?.isValid && previous < now ? previous.minus({ minutes: DAY_GRACE_MINUTES }) : now.minus({ minutes: Math.max(lookBackMinutes, DAY_GRACE_MINUTES) });
	const today = now.toISODate() ?? '';
	const first = from.toISODate() ?? today;
	if (first >= today) return [today];
	const yesterday = now.minus({ days: 1 }).toISODate() ?? today;
	return [yesterday, today];
}

export function leadItem(row: IDataObject, previousStatus: string | null): IDataObject {
	return { event: 'lead.updated', lead_id: row.lead_id, status: row.status, previous_status: previousStatus, ...row };
}

/** The watched leads in a watched status, one record per lead (VICIdial prints a lead once per search). */
export function matching(rows: IDataObject[], statuses: string[], lists: string[]): IDataObject[] {
	const byLead = new Map<string, IDataObject>();
	for (const row of rows) {
		const id = text(row.lead_id);
		if (id === '' || !statuses.includes(text(row.status))) continue;
		if (lists.length > 0 && !lists.includes(text(row.list_id))) continue;
		byLead.set(id, row);
	}
	return [...byLead.values()];
}

/**
 * The leads that moved to a watched status since the previous poll, and the state after. On a
 * first poll (no state) only leads last called within `lookBackMinutes` fire; the rest are where
 * they were before the trigger started. Pure.
 */
export function leadEvents(
	state: LeadStatusState | undefined,
	rows: IDataObject[],
	options: { statuses: string[]; lists: string[]; now: DateTime; lookBackMinutes: number },
): { fired: IDataObject[]; state: LeadStatusState } {
	const current = matching(rows, options.statuses, options.lists);
	const before = new Map<string, string>((state?.present ?? []).map(([id, status]) => [id, status]));
	const lookBackFrom = sqlTime(options.now.minus({ minutes: options.lookBackMinutes }));
	const fired: IDataObject[] = [];
	for (const row of current) {
		const id = text(row.lead_id);
		const status = text(row.status);
		if (state) {
			if (before.get(id) !== status) fired.push(leadItem(row, before.get(id) ?? null));
		} else if (options.lookBackMinutes > 0 && text(row.last_local_call_time) >= lookBackFrom) {
			fired.push(leadItem(row, null));
		}
	}
	return { fired, state: { polled: sqlTime(options.now), present: current.map((row): [string, string] => [text(row.lead_id), text(row.status)]) } };
}
