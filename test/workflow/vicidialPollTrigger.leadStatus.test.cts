/**
 * VICIdial Poll Trigger, Lead status changed: through n8n-core's PollContext against the
 * simulator, whose lead_status_search finds leads by the calls of a day and prints them as they
 * are now; agents call and disposition leads between polls, and the clock moves.
 */
import { dispositionLead, startCall } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { simCredentials } from '../helpers/harness.cjs';
import { movableClock, pollHarness } from '../helpers/poll.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((s) => (sim = s));

let clock: ReturnType<typeof movableClock>;
beforeEach(() => (clock = movableClock(new Date(new Date().setHours(12, 0, 0, 0)))));
afterEach(() => clock.restore());

const watch = (extra = {}) => pollHarness({ watch: 'leadStatusChanged', statuses: 'SALE|XFER', ...extra }, simCredentials(sim.url));
/** The local date, as the server prints it. */
const day = (date: Date) => date.toLocaleDateString('sv-SE');
const searches = () => sim.log.filter((r) => r.fn === 'lead_status_search');
const moved = (items: Array<{ lead_id?: unknown; status?: unknown; previous_status?: unknown }>) => items.map((i) => `${String(i.lead_id)}:${String(i.previous_status)}>${String(i.status)}`);

/** Agent 1000 (logged in from the start) calls the lead and dispositions it. */
function call(lead_id: number, status: string, minutesAgo = 0): void {
	const now = new Date(Date.now() - minutesAgo * 60_000);
	startCall(sim.state, '1000', { lead_id, call_type: 'MANUAL', now });
	dispositionLead(sim.state, '1000', status, new Date(now.getTime() + 60_000));
}

describe('VICIdial Poll Trigger: lead status changed', () => {
	it('fires once per lead and status after a call, across a restart, and again only after the lead left the status', async () => {
		const trigger = watch();
		expect((await trigger.poll()).none).toBe(true);
		call(1, 'SALE');
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([expect.objectContaining({ event: 'lead.updated', lead_id: 1, status: 'SALE', previous_status: null, list_id: 101, phone_number: '7275551212', user: '1000' })]);
		expect((await trigger.poll()).none).toBe(true);

		call(2, 'XFER');
		call(3, 'NI'); // not watched
		trigger.restart();
		expect(moved((await trigger.poll()).items)).toEqual(['2:null>XFER']);
		trigger.restart();
		expect((await trigger.poll()).none).toBe(true);

		// Lead 1 is changed by hand (update_lead): it leaves SALE, then comes back.
		sim.state.leads.get(1)!.status = 'XFER';
		expect(moved((await trigger.poll()).items)).toEqual(['1:SALE>XFER']);
		sim.state.leads.get(1)!.status = 'NI';
		expect((await trigger.poll()).none).toBe(true);
		sim.state.leads.get(1)!.status = 'SALE';
		expect(moved((await trigger.poll()).items)).toEqual(['1:null>SALE']);
		expect((await trigger.poll()).none).toBe(true);

		// One request per status and poll, for today.
		const today = day(new Date());
		expect(searches()).toHaveLength(2 * 9);
		for (const request of searches()) expect(request.params).toMatchObject({ date: today });
		expect(new Set(searches().map((r) => r.params.status))).toEqual(new Set(['SALE', 'XFER']));
	});

	it('only leads of the chosen lists', async () => {
		const trigger = watch({ options: { lists: '102' } });
		await trigger.poll();
		call(1, 'SALE'); // list 101
		call(2, 'SALE'); // list 102
		expect(moved((await trigger.poll()).items)).toEqual(['2:null>SALE']);
	});

	it('starts from now unless asked to look back', async () => {
		call(1, 'SALE', 20);
		call(2, 'SALE', 90);
		expect((await watch().poll()).none).toBe(true);
		const trigger = watch({ options: { lookBackMinutes: 30 } });
		expect(moved((await trigger.poll()).items)).toEqual(['1:null>SALE']);
		expect((await trigger.poll()).none).toBe(true);
	});

	it('reads yesterday too after midnight, so a late disposition is not lost', async () => {
		clock.restore();
		clock = movableClock(new Date(new Date().setHours(23, 50, 0, 0)));
		const yesterday = day(new Date());
		const trigger = watch({ statuses: 'SALE' });
		await trigger.poll();
		clock.advance(5);
		call(1, 'SALE');
		clock.advance(15); // 00:10 the next day: n8n was down across midnight
		trigger.restart();
		expect(moved((await trigger.poll()).items)).toEqual(['1:null>SALE']);
		const today = day(new Date());
		expect(searches().slice(-2).map((r) => r.params.date)).toEqual([yesterday, today]);
		clock.advance(60);
		expect((await trigger.poll()).none).toBe(true);
		expect(searches().slice(-1).map((r) => r.params.date)).toEqual([today]);
	});

	it('a server error fails the poll and leaves the state where it was', async () => {
		const trigger = watch();
		await trigger.poll();
		const before = trigger.live();
		call(1, 'SALE');
		sim.faults.add({ kind: 'empty500', fn: 'lead_status_search', times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.context?.code).toBe('server');
		expect(trigger.live()).toEqual(before);
		expect(trigger.saved()).toEqual(before);
		expect(moved((await trigger.poll()).items)).toEqual(['1:null>SALE']);
	});

	it('refuses bad statuses, lists or look-back before sending, naming the field', async () => {
		expect((await watch({ statuses: 'SALE|TOOLONGX' }).poll()).error?.message).toBe('Statuses must be status codes of 1-6 letters, digits, _ or -; got "TOOLONGX"');
		expect((await watch({ statuses: 'A|B|C|D|E|F' }).poll()).error?.message).toBe('Statuses takes at most 5 (one request each per poll); got 6');
		expect((await watch({ statuses: '' }).poll()).error?.message).toMatch(/^Statuses is required/);
		expect((await watch({ options: { lists: '101,abc' } }).poll()).error?.message).toBe('Lists must be list IDs (digits), pipe- or comma-separated; got "abc"');
		expect((await watch({ options: { lookBackMinutes: 2000 } }).poll()).error?.message).toBe('Look Back (Minutes) must be a whole number from 0 to 1440; got 2000');
		expect(sim.log).toHaveLength(0);
	});

	it('manual mode returns today\'s leads in the statuses and saves nothing', async () => {
		call(2, 'XFER');
		const trigger = watch();
		expect(moved((await trigger.poll('manual')).items)).toEqual(['2:null>XFER']);
		expect(trigger.saved()).toEqual({});
	});
});
