/** VICIdial Poll Trigger, Agent state changed and Queue alert, through n8n-core's PollContext. */
import { loginAgent, logoutAgent, pauseAgent, queueCalls, resumeAgent } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { simCredentials } from '../helpers/harness.cjs';
import { pollHarness } from '../helpers/poll.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((s) => (sim = s));

const events = (items: Array<{ event?: unknown; user?: unknown; pause_code?: unknown }>) => items.map((i) => `${String(i.event)}:${String(i.user ?? '')}:${String(i.pause_code ?? '')}`);

describe('VICIdial Poll Trigger: agent state changed', () => {
	it('fires login, pause with code, resume and logout once each, across a restart', async () => {
		const trigger = pollHarness({ watch: 'agentStateChanged' }, simCredentials(sim.url));
		expect((await trigger.poll()).none).toBe(true); // learns who is logged in now
		loginAgent(sim.state, '1001', 'TESTCAMP', { status: 'READY' });
		expect(events((await trigger.poll()).items)).toEqual(['agent.login:1001:']);
		expect((await trigger.poll()).none).toBe(true);
		pauseAgent(sim.state, '1001', 'BREAK');
		trigger.restart();
		expect(events((await trigger.poll()).items)).toEqual(['agent.pause:1001:BREAK']);
		resumeAgent(sim.state, '1001');
		expect(events((await trigger.poll()).items)).toEqual(['agent.resume:1001:']);
		logoutAgent(sim.state, '1001');
		logoutAgent(sim.state, '1000');
		expect(events((await trigger.poll()).items).sort()).toEqual(['agent.logout:1000:', 'agent.logout:1001:']);
		expect((await trigger.poll()).none).toBe(true);
		expect(sim.log.every((r) => r.fn === 'logged_in_agents' && r.params.show_sub_status === 'YES')).toBe(true);
	});

	it('a failed poll keeps the snapshot, so the change fires on the next one', async () => {
		const trigger = pollHarness({ watch: 'agentStateChanged' }, simCredentials(sim.url));
		await trigger.poll();
		const before = trigger.live();
		loginAgent(sim.state, '1001', 'TESTCAMP', { status: 'READY' });
		sim.faults.add({ kind: 'empty500', fn: 'logged_in_agents', times: 1 });
		expect((await trigger.poll()).error?.context?.code).toBe('server');
		expect(trigger.live()).toEqual(before);
		expect(events((await trigger.poll()).items)).toEqual(['agent.login:1001:']);
	});
});

describe('VICIdial Poll Trigger: queue alert', () => {
	it('fires alert.triggered on crossing the threshold and alert.cleared when it clears, once each', async () => {
		const trigger = pollHarness({ watch: 'queueAlert', inGroups: 'SALESLINE', threshold: 3 }, simCredentials(sim.url));
		// SALESLINE starts with 2 waiting: below the threshold.
		expect((await trigger.poll()).none).toBe(true);
		queueCalls(sim.state, 'SALESLINE', 3);
		const raised = (await trigger.poll()).items;
		expect(raised).toEqual([expect.objectContaining({ event: 'alert.triggered', figure: 'calls_waiting', value: 3, threshold: 3, ingroups: 'SALESLINE' })]);
		queueCalls(sim.state, 'SALESLINE', 7);
		trigger.restart();
		expect((await trigger.poll()).none).toBe(true);
		queueCalls(sim.state, 'SALESLINE', 1);
		expect((await trigger.poll()).items).toEqual([expect.objectContaining({ event: 'alert.cleared', value: 1 })]);
		expect((await trigger.poll()).none).toBe(true);
	});

	it('refuses a threshold below 1, naming the field', async () => {
		const failed = await pollHarness({ watch: 'queueAlert', inGroups: 'SALESLINE', threshold: 0 }, simCredentials(sim.url)).poll();
		expect(failed.error?.message).toMatch(/^Calls Waiting Threshold must be/);
		expect(sim.log).toHaveLength(0);
	});
});
