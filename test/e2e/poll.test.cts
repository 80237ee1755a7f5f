/**
 * The VICIdial Poll Trigger in a real n8n, across restarts (issue 16): two published workflows
 * poll the simulator every 2 seconds, a queue alert and a lead status watch. The simulator
 * changes while n8n runs and while it is down; each change must start exactly one execution,
 * none be replayed after a restart, and none be lost while n8n was stopped.
 *
 * Poll interval: n8n's pollTimes modes go down to everyMinute, and ActiveWorkflows refuses a
 * cron expression whose seconds field holds `*` ("The polling interval is too short"). A
 * custom expression that lists the seconds (`0,2,4,… * * * * *`) passes that check in n8n 2.8,
 * so the test polls every 2 seconds there. Newer n8n (2.41) checks the interval itself
 * (`isSubMinuteCron`) and refuses it: there the test polls every minute, counts on the poll n8n
 * runs at every activation and start-up, and waits up to a minute and a half for a scheduled one.
 */
import { dispositionLead, queueCalls, startCall } from '../../simulator/agent/scene.cjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { delay } from '../../scripts/n8n/lib.cjs';
import { N8N_VERSION, nodeOutput, requireInstall, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

/** Whether this n8n refuses every sub-minute cron (n8n-core's `isSubMinuteCron` check). */
function refusesSubMinute(): boolean {
	const file = join(requireInstall().dir, 'node_modules', 'n8n-core', 'dist', 'execution-engine', 'active-workflow-triggers.js');
	return existsSync(file) && readFileSync(file, 'utf8').includes('isSubMinuteCron');
}

const MINUTE_POLLS = refusesSubMinute();
jest.setTimeout(MINUTE_POLLS ? 600_000 : 240_000);

const EVERY_2_SECONDS = `${Array.from({ length: 30 }, (_, i) => i * 2).join(',')} * * * * *`;
const POLL_CRON = MINUTE_POLLS ? '0 * * * * *' : EVERY_2_SECONDS;
/** How long a scheduled poll can take to come round. */
const NEXT_POLL_MS = MINUTE_POLLS ? 90_000 : 30_000;
/** Polls to wait for where the 2-second schedule can afford several: one when each takes a minute. */
const settle = (polls: number) => (MINUTE_POLLS ? 1 : polls);
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const TRIGGER = 'VICIdial Poll Trigger';

function pollWorkflow(id: string, name: string, parameters: Record<string, unknown>): WorkflowFixture {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-vicidial.vicidialPollTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: POLL_CRON }] }, ...parameters },
				credentials: { vicidialApi: { id: 'e2ePollApi00001', name: 'VICIdial simulator' } },
			},
			{ id: `${id}-done`, name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: LOCAL_ZONE },
	};
}

const queue = pollWorkflow('e2ePollQueue001', 'Poll: queue alert', { watch: 'queueAlert', inGroups: 'SALESLINE', threshold: 3 });
const leads = pollWorkflow('e2ePollLeads001', 'Poll: lead status', { watch: 'leadStatusChanged', statuses: 'SALE' });

describe(`the poll trigger across n8n ${N8N_VERSION} restarts`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;

	const polls = (fn: string) => sim.log.filter((r) => r.fn === fn).length;
	/** Waits until n8n has polled `fn` `more` times from now: what had to fire has fired by then. */
	async function morePolls(fn: string, more: number, timeoutMs = NEXT_POLL_MS): Promise<void> {
		const target = polls(fn) + more;
		const deadline = Date.now() + timeoutMs;
		while (polls(fn) < target) {
			if (Date.now() > deadline) throw new Error(`${fn}: ${polls(fn)} of ${target} polls after ${timeoutMs} ms\n${n8n.logs().slice(-3000)}`);
			await delay(200);
		}
	}
	/** What each finished execution of the workflow emitted, oldest first. */
	async function emitted(workflowId: string): Promise<string[][]> {
		const list = (await n8n.executions(workflowId)).filter((e) => e.stoppedAt !== null).reverse();
		const out: string[][] = [];
		for (const summary of list) {
			const detail = await n8n.execution(summary.id);
			expect(detail.status).toBe('success');
			out.push(nodeOutput(detail.data?.resultData?.runData, TRIGGER).map((item) => `${String(item.event)}:${String(item.lead_id ?? item.value)}`));
		}
		return out;
	}
	/** Agent 1000 (logged in from the start) calls the lead and dispositions it SALE. */
	function sale(lead_id: number): void {
		startCall(sim.state, '1000', { lead_id, call_type: 'MANUAL' });
		dispositionLead(sim.state, '1000', 'SALE');
	}

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'poll',
			credentials: [{ id: 'e2ePollApi00001', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } }],
			workflows: [queue, leads],
			publish: [queue.id, leads.id],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	it('fires each change once, while running and while n8n was down, and replays nothing after a restart', async () => {
		// The activation polls learn the state (2 calls waiting, no sale today): nothing fires.
		await morePolls('in_group_status', settle(3));
		await morePolls('lead_status_search', 1);
		expect(await n8n.executions(queue.id)).toHaveLength(0);
		expect(await n8n.executions(leads.id)).toHaveLength(0);

		queueCalls(sim.state, 'SALESLINE', 5);
		sale(1);
		await n8n.waitForExecutions(queue.id, 1, NEXT_POLL_MS);
		await n8n.waitForExecutions(leads.id, 1, NEXT_POLL_MS);

		// While n8n is down the queue clears and another lead is sold: the start-up poll finds both.
		await n8n.restart(() => {
			queueCalls(sim.state, 'SALESLINE', 1);
			sale(2);
		});
		await n8n.waitForExecutions(queue.id, 2, 30_000);
		await n8n.waitForExecutions(leads.id, 2, 30_000);
		await morePolls('in_group_status', settle(3));
		await morePolls('lead_status_search', settle(3));

		// A restart with no change starts nothing.
		await n8n.restart();
		await morePolls('in_group_status', settle(4));
		await morePolls('lead_status_search', settle(4));
		await delay(1000);

		expect(await emitted(queue.id)).toEqual([['alert.triggered:5'], ['alert.cleared:1']]);
		expect(await emitted(leads.id)).toEqual([['lead.updated:1'], ['lead.updated:2']]);
	});
});
