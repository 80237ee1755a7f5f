/** The poll trigger's state transitions, pure: bounds and edge cases the workflow tests do not reach. */
import { DateTime } from 'luxon';

import { advanceCallbacks, callbackKey, leadIdsOf, SEEN_LIMIT, startCallbacks } from '../../nodes/VicidialPollTrigger/callbacks';
import { daysToSearch, leadEvents } from '../../nodes/VicidialPollTrigger/leadStatus';
import { figureValue, statsEvents } from '../../nodes/VicidialPollTrigger/stats';
import { sqlTime } from '../../nodes/VicidialPollTrigger/recordings';

const noon = DateTime.fromISO('2026-12-04T12:00:00', { zone: 'UTC' });
const callback = (lead_id: number, date: DateTime, status = 'ACTIVE') => ({ lead_id, callback_type: 'CURRENT', callback_status: status, callback_date: sqlTime(date), entry_date: '2026-12-01 09:00:00' });

describe('callbacks', () => {
	it('keeps at most SEEN_LIMIT callbacks and never fires a forgotten one again', () => {
		const rows = Array.from({ length: SEEN_LIMIT + 5 }, (_, i) => callback(i + 1, noon.plus({ seconds: i })));
		const first = advanceCallbacks(startCallbacks(noon, 0), rows, noon.plus({ hours: 1 }), 10);
		expect(first.fired).toHaveLength(SEEN_LIMIT + 5);
		expect(first.cursor.seen).toHaveLength(SEEN_LIMIT);
		expect(first.cursor.seen[0][0]).toBe(callbackKey(rows[5]));
		expect(advanceCallbacks(first.cursor, rows, noon.plus({ hours: 1 }), 10).fired).toEqual([]);
	});

	it('forgets fired callbacks a day after their time, and ignores done or archived ones', () => {
		const rows = [callback(1, noon), callback(2, noon, 'INACTIVE'), { ...callback(3, noon), callback_type: 'ARCHIVE' }, callback(4, noon, 'LIVE')];
		const first = advanceCallbacks(startCallbacks(noon, 0), rows, noon, 0);
		expect(first.fired.map((r) => r.lead_id)).toEqual([1, 4]);
		const dayLater = advanceCallbacks(first.cursor, rows, noon.plus({ hours: 25 }), 0);
		expect(dayLater.fired).toEqual([]);
		expect(dayLater.cursor.seen).toEqual([]);
		expect(dayLater.cursor.since).toBe('2026-12-04 13:00:00');
	});

	it('reads lead IDs separated by commas, pipes or spaces, once each', () => {
		expect(leadIdsOf('4, 5|6 4')).toEqual({ ids: ['4', '5', '6'] });
	});
});

describe('lead status', () => {
	const options = { statuses: ['SALE'], lists: [], now: noon, lookBackMinutes: 0 };
	it('fires on entering a status, not while staying in it', () => {
		const first = leadEvents(undefined, [{ lead_id: 1, status: 'SALE', last_local_call_time: '2026-12-04 11:59:00' }], options);
		expect(first.fired).toEqual([]);
		const same = leadEvents(first.state, [{ lead_id: 1, status: 'SALE' }, { lead_id: 2, status: 'NI' }], options);
		expect(same.fired).toEqual([]);
		expect(same.state.present).toEqual([['1', 'SALE']]);
	});

	it('reads yesterday only within the grace after the previous poll, or for a look-back', () => {
		const justAfter = DateTime.fromISO('2026-12-05T00:10:00', { zone: 'UTC' });
		expect(daysToSearch(justAfter, { polled: '2026-12-04 23:59:00', present: [] }, 0)).toEqual(['2026-12-04', '2026-12-05']);
		expect(daysToSearch(justAfter, { polled: '2026-12-05 00:05:00', present: [] }, 0)).toEqual(['2026-12-04', '2026-12-05']);
		expect(daysToSearch(justAfter.plus({ hours: 1 }), { polled: '2026-12-05 01:09:00', present: [] }, 0)).toEqual(['2026-12-05']);
		expect(daysToSearch(noon, undefined, 0)).toEqual(['2026-12-04']);
		expect(daysToSearch(noon, undefined, 13 * 60)).toEqual(['2026-12-03', '2026-12-04']);
	});
});

describe('stats', () => {
	it('reads percentages and seconds, and leaves a missing figure out of the comparison', () => {
		expect(figureValue({ pause_pct: '16.7%' }, 'pause_pct')).toBe(16.7);
		expect(figureValue({ calls: 3 }, 'calls')).toBe(3);
		expect(figureValue({ calls: '' }, 'calls')).toBeNaN();
		const settings = { figure: 'calls' as const, threshold: 0, direction: 'below' as const };
		expect(statsEvents([], [{ user: '1000', calls: '' }], settings).fired).toEqual([]);
	});
});
