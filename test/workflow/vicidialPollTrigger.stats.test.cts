/**
 * VICIdial Poll Trigger, Stats threshold: through n8n-core's PollContext against the simulator,
 * whose agent_stats_export sums vicidial_agent_log as VICIdial does; agents pause and talk
 * between polls, and the clock moves.
 */
import { logAgentTime } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { simCredentials } from '../helpers/harness.cjs';
import { movableClock, pollHarness } from '../helpers/poll.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((s) => (sim = s));

let clock: ReturnType<typeof movableClock>;
beforeEach(() => (clock = movableClock(new Date(new Date().setHours(12, 0, 0, 0)))));
afterEach(() => clock.restore());

const watch = (extra = {}) => pollHarness({ watch: 'statsThreshold', figure: 'pause_pct', direction: 'above', statsThreshold: 50, ...extra }, simCredentials(sim.url));
const alerts = (items: Array<{ event?: unknown; user?: unknown; value?: unknown }>) => items.map((i) => `${String(i.event)}:${String(i.user)}:${String(i.value)}`);
const statsReads = () => sim.log.filter((r) => r.fn === 'agent_stats_export');

describe('VICIdial Poll Trigger: stats threshold', () => {
	it('fires alert.triggered on crossing and alert.cleared on crossing back, once each per agent, across a restart', async () => {
		// 1000: 60 s paused of 300 s logged in (20%); 1001 is already over (100%).
		logAgentTime(sim.state, '1000', { sub_status: 'LOGIN', pause_sec: 60 });
		logAgentTime(sim.state, '1000', { lead_id: 4, talk_sec: 240 });
		logAgentTime(sim.state, '1001', { sub_status: 'LOGIN', pause_sec: 120 });
		const trigger = watch();
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([
			expect.objectContaining({ event: 'alert.triggered', user: '1001', figure: 'pause_pct', value: 100, threshold: 50, direction: 'above', full_name: 'Second Agent', stats: expect.objectContaining({ pause_time: '120', pause_pct: '100%' }) }),
		]);
		expect((await trigger.poll()).none).toBe(true);

		clock.advance(10);
		logAgentTime(sim.state, '1000', { pause_sec: 400 }); // 460 of 700: 65.7%
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.triggered:1000:65.7']);
		trigger.restart();
		expect((await trigger.poll()).none).toBe(true);

		clock.advance(20);
		logAgentTime(sim.state, '1000', { lead_id: 4, talk_sec: 1000 }); // 460 of 1700: 27.1%
		trigger.restart();
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.cleared:1000:27.1']);
		expect((await trigger.poll()).none).toBe(true);

		// Today so far, in seconds: one request per poll.
		const today = new Date().toLocaleDateString('sv-SE');
		expect(statsReads()).toHaveLength(6);
		for (const request of statsReads()) expect(request.params).toMatchObject({ datetime_start: `${today} 00:00:00`, time_format: 'S' });
	});

	it('a new day clears what is up: the agents are no longer in the stats', async () => {
		clock.restore();
		clock = movableClock(new Date(new Date().setHours(23, 50, 0, 0)));
		logAgentTime(sim.state, '1001', { sub_status: 'LOGIN', pause_sec: 120 });
		const trigger = watch();
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.triggered:1001:100']);
		clock.advance(20);
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.cleared:1001:null']);
		expect((await trigger.poll()).none).toBe(true);
		expect(trigger.saved()['node:Poll']).toMatchObject({ agentsAlerting: [] });
	});

	it('below a threshold, for one agent in one campaign', async () => {
		logAgentTime(sim.state, '1000', { lead_id: 4, talk_sec: 100 });
		logAgentTime(sim.state, '1001', { lead_id: 4, talk_sec: 100 });
		const trigger = watch({ figure: 'calls', direction: 'below', statsThreshold: 2, options: { agentUser: '1000', campaign: 'TESTCAMP' } });
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.triggered:1000:1']);
		logAgentTime(sim.state, '1000', { lead_id: 5, talk_sec: 100 });
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.cleared:1000:2']);
		for (const request of statsReads()) expect(request.params).toMatchObject({ agent_user: '1000', campaign_id: 'TESTCAMP' });
	});

	it('a server error fails the poll and leaves the alerts where they were', async () => {
		const trigger = watch();
		await trigger.poll();
		const before = trigger.live();
		logAgentTime(sim.state, '1000', { sub_status: 'LOGIN', pause_sec: 120 });
		sim.faults.add({ kind: 'http500', fn: 'agent_stats_export', times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('agent_stats_export: VICIdial answered HTTP 500');
		expect(trigger.live()).toEqual(before);
		expect(alerts((await trigger.poll()).items)).toEqual(['alert.triggered:1000:100']);
	});

	it('refuses a negative threshold or an unknown figure before sending, naming the field', async () => {
		expect((await watch({ statsThreshold: -1 }).poll()).error?.message).toBe('Threshold must be a number of 0 or more; got -1');
		expect((await watch({ figure: 'nope' }).poll()).error?.message).toMatch(/^Figure "nope" is not one of/);
		expect(sim.log).toHaveLength(0);
	});

	it('manual mode returns each agent\'s figure as it stands and saves nothing', async () => {
		logAgentTime(sim.state, '1000', { sub_status: 'LOGIN', pause_sec: 60 });
		logAgentTime(sim.state, '1000', { lead_id: 4, talk_sec: 240 });
		const trigger = watch();
		expect(alerts((await trigger.poll('manual')).items)).toEqual(['alert.cleared:1000:20']);
		expect(trigger.saved()).toEqual({});
	});
});
