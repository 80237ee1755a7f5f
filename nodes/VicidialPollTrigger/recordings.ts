import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

/**
 * Recording ready: recordings of one agent whose location (URL) VICIdial has filled in. VICIdial
 * writes the recording_log row when recording starts and the location once the file is mixed
 * and moved, so a recording is "ready" when its location is set, and it fires once by its ID.
 * recording_lookup searches whole days (agent_user + date: the date alone is refused as INVALID
 * SEARCH PARAMETERS), so a poll reads the cursor's day, and the next day once it has begun: at
 * most two requests.
 */

/** Recording IDs kept per trigger; beyond it the oldest go and `floor` rises past them. */
export const SEEN_LIMIT = 1000;

/** How long the previous day is still read after midnight, for recordings finished late. */
export const DAY_GRACE_MINUTES = 30;

export interface RecordingCursor {
	/** Recordings that started before this (server clock, `YYYY-MM-DD HH:MM:SS`) never fire. */
	since: string;
	/** The oldest day still read (`YYYY-MM-DD`). */
	day: string;
	/** [recording_id, start_time] of the recordings that fired, oldest first. */
	seen: Array<[string, string]>;
	/** Start time of the newest recording forgotten from `seen` ('' while none is). */
	floor: string;
}

export const sqlTime = (time: DateTime): string => time.toFormat('yyyy-LL-dd HH:mm:ss');

/** The cursor of a first poll: from now, or `lookBackMinutes` before it. */
export function startCursor(now: DateTime, lookBackMinutes: number): RecordingCursor {
	const since = now.minus({ minutes: Math.max(0, lookBackMinutes) });
	return { since: sqlTime(since), day: since.toISODate() ?? '', seen: [], floor: '' };
}

const nextDay = (day: string): string => DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 }).toISODate() ?? day;

/** The days this poll reads: the cursor's, and the one after it once that has begun. */
export function daysToRead(cursor: RecordingCursor, now: DateTime): string[] {
	const today = now.toISODate() ?? cursor.day;
	return cursor.day >= today ? [cursor.day] : [cursor.day, nextDay(cursor.day)];
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The recording's URL: VICIdial's location when it is one, else the path on the server. */
export function recordingUrl(location: string, baseUrl: string): string | undefined {
	if (/^https?:\/\//i.test(location)) return location;
	if (location.startsWith('/')) return `${baseUrl}${location}`;
	return undefined;
}

export function recordingItem(row: IDataObject, baseUrl: string): IDataObject {
	const location = text(row.location);
	return {
		event: 'recording.ready',
		recording_id: row.recording_id,
		start_time: row.start_time,
		user: row.user,
		lead_id: row.lead_id,
		duration: row.duration,
		location,
		url: recordingUrl(location, baseUrl) ?? null,
	};
}

const ready = (row: IDataObject): boolean => text(row.location).trim() !== '';

const byStart = (a: IDataObject, b: IDataObject): number => text(a.start_time).localeCompare(text(b.start_time));

/**
 * The recordings that fire now, and the cursor after them. Pure: the caller reads the rows of
 * `daysToRead` and saves the cursor only when every read succeeded.
 */
export function advanceRecordings(cursor: RecordingCursor, rows: IDataObject[], now: DateTime): { fired: IDataObject[]; cursor: RecordingCursor } {
	const seenIds = new Set(cursor.seen.map(([id]) => id));
	const fired: IDataObject[] = [];
	for (const row of [...rows].sort(byStart)) {
		const id = text(row.recording_id);
		const start = text(row.start_time);
		if (!ready(row) || id === '' || seenIds.has(id) || start < cursor.since) continue;
		if (cursor.floor !== '' && start <= cursor.floor) continue;
		seenIds.add(id);
		fired.push(row);
	}
	const seen = [...cursor.seen, ...fired.map((row): [string, string] => [text(row.recording_id), text(row.start_time)])];
	let floor = cursor.floor;
	for (const [, start] of seen.splice(0, Math.max(0, seen.length - SEEN_LIMIT))) if (start > floor) floor = start;
	const days = daysToRead(cursor, now);
	let day = cursor.day;
	if (days.length === 2) {
		const next = DateTime.fromISO(days[1], { zone: now.zone });
		if (now.diff(next, 'minutes').minutes >= DAY_GRACE_MINUTES) day = days[1];
	}
	return { fired, cursor: { since: cursor.since, day, seen, floor } };
}

/** The newest ready recording, for the editor's "fetch test event". */
export function newestReady(rows: IDataObject[]): IDataObject | undefined {
	return rows.filter(ready).sort(byStart).pop();
}
