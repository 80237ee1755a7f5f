/**
 * VICIdial Poll Trigger, Callback due: through n8n-core's PollContext against the simulator,
 * whose vicidial_callbacks rows lead_callback_info prints as VICIdial does; the clock moves.
 */
import { scheduleCallback, setCallbackStatus } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { simCredentials } from '../helpers/harness.cjs';
import { movableClock, pollHarness } from '../helpers/poll.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((s) => (sim = s));

let clock: ReturnType<typeof movableClock>;
// Noon, so that look-backs and windows stay within one day.
beforeEach(() => (clock = movableClock(new Date(new Date().setHours(12, 0, 0, 0)))));
afterEach(() => clock.restore());

const inMinutes = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);
const watch = (extra = {}) => pollHarness({ watch: 'callbackDue', leadIds: '1, 4', dueWithinMinutes: 10, ...extra }, simCredentials(sim.url));
const calls = () => sim.log.filter((r) => r.fn === 'lead_callback_info');
const fired = (items: Array<{ lead_id?: unknown; callback_date?: unknown }>) => items.map((i) => `${String(i.lead_id)}@${String(i.callback_date)}`);
const at = (cb: { lead_id: number; callback_time: string }) => `${cb.lead_id}@${cb.callback_time}`;

describe('VICIdial Poll Trigger: callback due', () => {
	it('fires once for each callback whose time comes within the window, as the clock moves, across a restart', async () => {
		const soon = scheduleCallback(sim.state, { lead_id: 4, callback_time: inMinutes(5), comments: 'after lunch' });
		const later = scheduleCallback(sim.state, { lead_id: 1, callback_time: inMinutes(30), recipient: 'ANYONE' });
		const trigger = watch();
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([
			{
				event: 'callback.due',
				lead_id: 4,
				callback_date: soon.callback_time,
				minutes_until_due: 5,
				recipient: 'USERONLY',
				user: '1000',
				callback_status: 'ACTIVE',
				lead_status: 'CALLBK',
				campaign_id: 'TESTCAMP',
				list_id: 101,
				user_group: 'ADMIN',
				entry_date: soon.entry_time,
				customer_timezone: '',
				customer_time: '',
				comments: 'after lunch',
			},
		]);
		expect((await trigger.poll()).none).toBe(true);

		clock.advance(19); // the later one is 11 minutes away: not yet
		expect((await trigger.poll()).none).toBe(true);
		clock.advance(2); // 9 minutes away; n8n restarts first
		trigger.restart();
		expect(fired((await trigger.poll()).items)).toEqual([at(later)]);
		trigger.restart();
		expect((await trigger.poll()).none).toBe(true);

		// Their time comes (VICIdial marks them LIVE), then the agent calls back: nothing more.
		clock.advance(15);
		setCallbackStatus(sim.state, soon.callback_id, 'LIVE');
		setCallbackStatus(sim.state, later.callback_id, 'LIVE');
		expect((await trigger.poll()).none).toBe(true);
		setCallbackStatus(sim.state, soon.callback_id, 'INACTIVE');
		expect((await trigger.poll()).none).toBe(true);
		// One request per watched lead and poll, current callbacks only.
		expect(calls()).toHaveLength(2 * 7);
		expect(new Set(calls().map((r) => r.params.lead_id))).toEqual(new Set(['1', '4']));
		for (const request of calls()) expect(request.params).toMatchObject({ search_location: 'CURRENT' });
	});

	it('a rescheduled callback is a new one and fires again; a lead without callbacks is no error', async () => {
		const trigger = watch({ leadIds: '4|2' });
		const first = scheduleCallback(sim.state, { lead_id: 4, callback_time: inMinutes(3) });
		expect(fired((await trigger.poll()).items)).toEqual([at(first)]);
		setCallbackStatus(sim.state, first.callback_id, 'INACTIVE');
		const again = scheduleCallback(sim.state, { lead_id: 4, callback_time: inMinutes(8) });
		expect(fired((await trigger.poll()).items)).toEqual([at(again)]);
		expect((await trigger.poll()).none).toBe(true);
	});

	it('starts from now unless asked to look back', async () => {
		const recent = scheduleCallback(sim.state, { lead_id: 4, callback_time: inMinutes(-20) });
		scheduleCallback(sim.state, { lead_id: 1, callback_time: inMinutes(-90) });
		expect((await watch().poll()).none).toBe(true);
		const trigger = watch({ options: { lookBackMinutes: 30 } });
		expect(fired((await trigger.poll()).items)).toEqual([at(recent)]);
		expect((await trigger.poll()).none).toBe(true);
	});

	it('a server error fails the poll and leaves the cursor where it was', async () => {
		const trigger = watch();
		await trigger.poll();
		const before = trigger.live();
		const due = scheduleCallback(sim.state, { lead_id: 1, callback_time: inMinutes(2) });
		sim.faults.add({ kind: 'http500', fn: 'lead_callback_info', times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('lead_callback_info: VICIdial answered HTTP 500');
		expect(failed.error?.context?.code).toBe('server');
		expect(trigger.live()).toEqual(before);
		expect(trigger.saved()).toEqual(before);
		expect(fired((await trigger.poll()).items)).toEqual([at(due)]);
	});

	it('refuses bad or too many lead IDs before sending, naming the field', async () => {
		const bad = await watch({ leadIds: '4,abc' }).poll();
		expect(bad.error?.message).toBe('Lead IDs must be lead IDs of 1-11 digits, comma-separated; got "abc"');
		expect(bad.error?.context?.code).toBe('validation');
		const many = await watch({ leadIds: '1,2,3,4,5,6,7,8,9,10,11' }).poll();
		expect(many.error?.message).toBe('Lead IDs takes at most 10 leads (one request each per poll); got 11');
		expect((await watch({ leadIds: ' ' }).poll()).error?.message).toMatch(/^Lead IDs is required/);
		expect(sim.log).toHaveLength(0);
	});

	it('manual mode returns the pending callbacks, soonest first, and saves nothing', async () => {
		const far = scheduleCallback(sim.state, { lead_id: 1, callback_time: inMinutes(600) });
		const near = scheduleCallback(sim.state, { lead_id: 4, callback_time: inMinutes(60) });
		const trigger = watch();
		expect(fired((await trigger.poll('manual')).items)).toEqual([at(near), at(far)]);
		expect(trigger.saved()).toEqual({});
	});
});
