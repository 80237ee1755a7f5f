import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { sqlTime } from './recordings';

/**
 * Callback due: the scheduled callbacks of the watched leads whose time comes within the next N
 * minutes. The Non-Agent API lists callbacks only per lead (lead_callback_info; there is no call
 * that lists a campaign's or an agent's callbacks), so a trigger watches a short list of leads
 * and a poll sends one request per lead, at most LEAD_LIMIT. A callback is pending while
 * VICIdial's status is ACTIVE (scheduled) or LIVE (its time has come, waiting for an agent), and
 * fires once, by lead, entry time and callback time: a rescheduled callback is a new one.
 */

/** Leads one trigger may watch: each is one request per poll. */
export const LEAD_LIMIT = 10;

/** Callbacks remembered per trigger; beyond it the oldest go and `since` rises past them. */
export const SEEN_LIMIT = 1000;

/** How long a fired callback is remembered after its time; older ones never fire again. */
export const RETAIN_HOURS = 24;

export interface CallbackCursor {
	/** Callbacks due before this (server clock, `YYYY-MM-DD HH:MM:SS`) never fire. */
	since: string;
	/** [key, callback_date] of the callbacks that fired, oldest callback time first. */
	seen: Array<[string, string]>;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/**
 * The lead IDs of a comma-, pipe- or space-separated list, or the reason it is refused, naming
 * the field.
 */
export function leadIdsOf(raw: string): { ids: string[] } | { error: string } {
	const ids = [...new Set(raw.split(/[\s,|]+/).filter((id) => id !== ''))];
	if (ids.length === 0) return { error: 'Lead IDs is required: the leads whose callbacks to watch, comma-separated' };
	const bad = ids.find((id) => !/^\d{1,11}$/.test(id));
	if (bad !== undefined) return { error: `Lead IDs must be lead IDs of 1-11 digits, comma-separated; got "${bad}"` };
	if (ids.length > LEAD_LIMIT) return { error: `Lead IDs takes at most ${LEAD_LIMIT} leads (one request each per poll); got ${ids.length}` };
	return { ids };
}

export const callbackKey = (row: IDataObject): string => `${text(row.lead_id)}|${text(row.entry_date)}|${text(row.callback_date)}`;

/** Scheduled and not yet done: a current callback, ACTIVE or LIVE. */
export const pending = (row: IDataObject): boolean =>
	text(row.callback_type) !== 'ARCHIVE' && ['ACTIVE', 'LIVE'].includes(text(row.callback_status)) && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text(row.callback_date));

/** The cursor of a first poll: callbacks due from now on, or from `lookBackMinutes` before. */
export function startCallbacks(now: DateTime, lookBackMinutes: number): CallbackCursor {
	return { since: sqlTime(now.minus({ minutes: Math.max(0, lookBackMinutes) })), seen: [] };
}

const byDate = (a: IDataObject, b: IDataObject): number => text(a.callback_date).localeCompare(text(b.callback_date));

export function callbackItem(row: IDataObject, now: DateTime): IDataObject {
	const due = DateTime.fromFormat(text(row.callback_date), 'yyyy-LL-dd HH:mm:ss', { zone: now.zone });
	return {
		event: 'callback.due',
		lead_id: row.lead_id,
		callback_date: row.callback_date,
		minutes_until_due: due.isValid ? Math.round(due.diff(now, 'minutes').minutes) : null,
		recipient: row.recipient,
		user: row.user,
		callback_status: row.callback_status,
		lead_status: row.lead_status,
		campaign_id: row.campaign_id,
		list_id: row.list_id,
		user_group: row.user_group,
		entry_date: row.entry_date,
		customer_timezone: row.customer_timezone,
		customer_time: row.customer_time,
		comments: row.comments,
	};
}

/**
 * The callbacks that fire now, and the cursor after them. Pure: the caller reads every watched
 * lead and saves the cursor only when every read succeeded.
 */
export function advanceCallbacks(cursor: CallbackCursor, rows: IDataObject[], now: DateTime, withinMinutes: number): { fired: IDataObject[]; cursor: CallbackCursor } {
	const horizon = sqlTime(now.plus({ minutes: withinMinutes }));
	const seenKeys = new Set(cursor.seen.map(([key]) => key));
	const fired: IDataObject[] = [];
	for (const row of [...rows].sort(byDate)) {
		const date = text(row.callback_date);
		if (!pending(row) || date < cursor.since || date > horizon || seenKeys.has(callbackKey(row))) continue;
		seenKeys.add(callbackKey(row));
		fired.push(row);
	}
	let since = cursor.since;
	const retainFrom = sqlTime(now.minus({ hours: RETAIN_HOURS }));
	if (retainFrom > since) since = retainFrom;
	let seen = [...cursor.seen, ...fired.map((row): [string, string] => [callbackKey(row), text(row.callback_date)])]
		.filter(([, date]) => date >= since)
		.sort((a, b) => a[1].localeCompare(b[1]));
	if (seen.length > SEEN_LIMIT) {
		const dropped = seen.slice(0, seen.length - SEEN_LIMIT);
		seen = seen.slice(seen.length - SEEN_LIMIT);
		// Past the newest forgotten one, so none of them fires again.
		const last = DateTime.fromFormat(dropped[dropped.length - 1][1], 'yyyy-LL-dd HH:mm:ss', { zone: now.zone }).plus({ seconds: 1 });
		if (last.isValid && sqlTime(last) > since) since = sqlTime(last);
	}
	return { fired, cursor: { since, seen } };
}

/** The pending callbacks, soonest first, for the editor's "fetch test event". */
export function pendingSoonest(rows: IDataObject[]): IDataObject[] {
	return rows.filter(pending).sort(byDate);
}
