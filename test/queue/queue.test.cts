/**
 * n8n 2.8.4 in queue mode (issue 15): PostgreSQL, Redis, one main, two workers, two webhook
 * processes and nginx routing by `lead_id` (`hash $arg_lead_id consistent;`), all started by
 * scripts/queue/cluster.cts. Run with `npm run test:queue`.
 *
 * - The chain: a simulator call-out through nginx reaches the VICIdial Trigger in a webhook
 *   process (the main serves no production webhook), the run is a Bull job in Redis taken by a
 *   worker, and the action node changes the simulator's lead.
 * - Duplicates through nginx: QUEUE_DEDUP_N call-outs (100 unless told; 1,000 is the issue's
 *   figure), each sent twice at once, give exactly N executions and N update_lead requests.
 * - Without the setting (nginx's default round robin) and past nginx (one copy to each webhook
 *   process): each process remembers only what it saw itself, so copies that land on different
 *   processes both run. The tests state what happens (README, "Queue mode").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { delay } from '../../scripts/n8n/lib.cjs';
import { startCluster, type Cluster, type Credential } from '../../scripts/queue/cluster.cjs';
import { dispoCall, pool, rebase, seedLeads, sendCallout } from '../../scripts/queue/callouts.cjs';

jest.setTimeout(600_000);

const SECRET = 'queue-hook-secret-41c7e2b9';
const WEBHOOK_ID = 'e2e-dispo-sync';
const workflow = JSON.parse(readFileSync(join(__dirname, '..', 'e2e', 'workflows', 'dispo-sync.json'), 'utf8')) as { id: string };
/** The same workflow on its own URL, its VICIdial credential through nginx's `limit_req`. */
const LIMITED_HOOK = 'e2e-dispo-limited';
const limitedWorkflow = JSON.parse(
	JSON.stringify(workflow)
		.replace(/"e2eDispoSync0001"/g, '"e2eDispoLimited1"')
		.replace(/"e2e-dispo-sync"/g, `"${LIMITED_HOOK}"`)
		.replace(/"e2eVicidialApi1"/g, '"e2eVicidialLim1"'),
) as { id: string };
/** VICIdial's limit for every worker together, in requests per second. */
const LIMIT_RPS = 5;
const N = Number(process.env.QUEUE_DEDUP_N ?? 100);
/** Pairs in flight at once: enough to overlap, modest on two cores. */
const CONCURRENCY = Number(process.env.QUEUE_CONCURRENCY ?? 8);

describe('n8n 2.8.4 in queue mode: two workers, two webhook processes behind nginx', () => {
	let sim: Simulator;
	let cluster: Cluster;
	let pasteUrl: string;

	beforeAll(async () => {
		sim = await startSimulator();
		cluster = await startCluster({
			workflows: [workflow, limitedWorkflow],
			publish: [workflow.id, limitedWorkflow.id],
			routeBy: 'lead_id',
			vicidialLimit: { upstream: sim.url, ratePerSecond: LIMIT_RPS, burst: 200 },
			credentials: ({ limitedVicidialUrl }): Credential[] => [
				{ id: 'e2eVicidialApi1', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-queue' } },
				{
					id: 'e2eVicidialLim1',
					name: 'VICIdial simulator, rate-limited',
					type: 'vicidialApi',
					data: { baseUrl: limitedVicidialUrl ?? '', apiUser: '6666', password: '1234', source: 'n8n-queue' },
				},
				{ id: 'e2eHookSecret01', name: 'VICIdial hook secret', type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } },
			],
		});
	});

	beforeAll(async () => {
		// The paste-ready Dispo Call URL, through nginx; the first test checks it from every process.
		const setup = await fetch(`${cluster.baseUrl}/webhook/${WEBHOOK_ID}/vicidial?n8n_setup=1&token=${SECRET}`);
		const lines = (await setup.text()).split('\n');
		pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];
	});

	afterAll(async () => {
		await cluster?.stop();
		await sim?.stop();
	});

	/** Jobs n8n has put on its Bull queue so far (the queue's id counter in Redis). */
	function jobsQueued(): number {
		const redis = cluster.services.find((service) => service.name === 'redis');
		const port = /--port\s(\d+)/.exec((redis?.child.spawnargs ?? []).join(' '))?.[1];
		const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'get', 'bull:jobs:id'], { encoding: 'utf8' });
		return Number(result.stdout.trim() || '0');
	}

	/**
	 * Polls the shared database until `count` runs finished or the count stood still for
	 * `quietMs`, then waits `settleMs` more for any extra run, and returns the count.
	 */
	async function settle(count: number, timeoutMs: number, settleMs = 3000, quietMs = 6000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let seen = cluster.executionCount(workflow.id);
		let changedAt = Date.now();
		while (seen < count && Date.now() < deadline && Date.now() - changedAt < quietMs) {
			await delay(500);
			const now = cluster.executionCount(workflow.id);
			if (now !== seen) changedAt = Date.now();
			seen = now;
		}
		await delay(settleMs);
		await sim.whenIdle();
		return cluster.executionCount(workflow.id);
	}

	it('the main process serves no production webhook; nginx and each webhook process do', async () => {
		const path = `/webhook/${WEBHOOK_ID}/vicidial?n8n_setup=1&token=${SECRET}`;
		// N8N_DISABLE_PRODUCTION_MAIN_PROCESS: the main answers /webhook/ with its editor page, not the trigger.
		const onMain = await fetch(`${cluster.mainUrl}${path}`);
		expect(await onMain.text()).not.toContain('Paste this exact string:');
		for (const base of [cluster.baseUrl, ...cluster.webhookUrls]) {
			const response = await fetch(`${base}${path}`);
			expect(response.status).toBe(200);
			const lines = (await response.text()).split('\n');
			const line = lines[lines.indexOf('Paste this exact string:') + 1];
			// WEBHOOK_URL is nginx's: every process hands out the load balancer's URL.
			expect(line.startsWith(`VAR${cluster.baseUrl}/webhook/${WEBHOOK_ID}/vicidial?token=${SECRET}&`)).toBe(true);
			expect(line).toBe(pasteUrl);
		}
		expect(pasteUrl).toContain('lead_id=--A--lead_id--B--');
	});

	it('chain: call-out → trigger in a webhook process → Bull job → action node on a worker → simulator', async () => {
		const jobsBefore = jobsQueued();
		const before = sim.log.length;
		const reply = await sendCallout(pasteUrl, { ...dispoCall(3), phone_number: '3125550199', dispo: 'DNC', dispo_name: 'Do Not Call' });
		expect(reply.status).toBe(200);
		expect(reply.body).toBe('OK');
		expect(await settle(1, 60_000, 500)).toBe(1);
		const [execution] = await cluster.executions(workflow.id);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(jobsQueued()).toBe(jobsBefore + 1);
		expect(sim.state.leads.get(3)?.comments).toBe('n8n outcome: Do Not Call');
		expect(sim.state.dnc.get('SYSTEM_INTERNAL')?.has('3125550199')).toBe(true);
		const calls = sim.log.slice(before);
		expect(calls.map((call) => call.fn).sort()).toEqual(['add_dnc_phone', 'update_lead']);
		for (const call of calls) expect(call.url).not.toContain('pass=');
	});

	it(`${N} call-outs, each sent twice at once through nginx: exactly ${N} executions`, async () => {
		const first = 100_000;
		seedLeads(sim.state, first, N);
		const leads = Array.from({ length: N }, (_, i) => first + i);
		const executionsBefore = cluster.executionCount(workflow.id);
		const logBefore = sim.log.length;
		const started = Date.now();
		const replies = await pool(leads, CONCURRENCY, async (lead) => {
			const call = dispoCall(lead);
			return await Promise.all([sendCallout(pasteUrl, call), sendCallout(pasteUrl, call)]);
		});
		const sentMs = Date.now() - started;
		const bodies = replies.map((pair) => pair.map((reply) => `${reply.status} ${reply.body}`).sort());
		const executions = (await settle(executionsBefore + N, 60_000 + N * 200)) - executionsBefore;
		const odd = bodies.map((pair, i) => ({ lead: leads[i], pair })).filter(({ pair }) => pair[0] !== '200 OK' || pair[1] !== '200 OK duplicate');
		if (odd.length > 0) {
			process.stdout.write(`[queue] pairs not answered OK + OK duplicate: ${JSON.stringify(odd.slice(0, 10))}\nnginx: ${cluster.log('nginx-error', 2000)}\n`);
		}
		// One copy of each call-out started the run, the other was answered as a duplicate.
		expect(odd).toEqual([]);
		const updates = sim.log.slice(logBefore).filter((call) => call.fn === 'update_lead');
		const perLead = new Map<string, number>();
		for (const call of updates) perLead.set(call.params.lead_id, (perLead.get(call.params.lead_id) ?? 0) + 1);
		process.stdout.write(
			`[queue] through nginx (hash $arg_lead_id): ${N} call-outs x 2 copies -> ${executions} executions, ${updates.length} update_lead requests; sent in ${sentMs} ms\n`,
		);
		expect(executions).toBe(N);
		expect(updates).toHaveLength(N);
		expect([...perLead.values()].every((count) => count === 1)).toBe(true);
		expect(leads.every((lead) => sim.state.leads.get(lead)?.comments === 'n8n outcome: Not Interested')).toBe(true);
		// And n8n's public API on the main process agrees with the database.
		const listed = (await cluster.executions(workflow.id)).filter((execution) => execution.stoppedAt !== null);
		expect(listed).toHaveLength(executionsBefore + N);
		expect(cluster.executionCount(workflow.id, 'success')).toBe(executionsBefore + N);
	});

	it(`${N} call-outs, each sent twice at once through round-robin nginx (no routing by call): duplicates run`, async () => {
		const first = 300_000;
		seedLeads(sim.state, first, N);
		const leads = Array.from({ length: N }, (_, i) => first + i);
		const template = rebase(pasteUrl, cluster.roundRobinUrl);
		const executionsBefore = cluster.executionCount(workflow.id);
		const logBefore = sim.log.length;
		await pool(leads, CONCURRENCY, async (lead) => {
			const call = dispoCall(lead);
			return await Promise.all([sendCallout(template, call), sendCallout(template, call)]);
		});
		// Between N (every pair met one process) and 2N (every pair was split): wait for the most.
		const executions = (await settle(executionsBefore + 2 * N, 30_000 + N * 200, 5000)) - executionsBefore;
		const updates = sim.log.slice(logBefore).filter((call) => call.fn === 'update_lead').length;
		process.stdout.write(`[queue] through round-robin nginx: ${N} call-outs x 2 copies -> ${executions} executions, ${updates} update_lead requests\n`);
		expect(updates).toBe(executions);
		expect(executions).toBeGreaterThan(N);
		expect(executions).toBeLessThanOrEqual(2 * N);
	});

	it(`${N} call-outs sent once to each webhook process directly: each process remembers only its own`, async () => {
		const first = 200_000;
		seedLeads(sim.state, first, N);
		const leads = Array.from({ length: N }, (_, i) => first + i);
		const [one, two] = cluster.webhookUrls;
		const executionsBefore = cluster.executionCount(workflow.id);
		const logBefore = sim.log.length;
		const replies = await pool(leads, CONCURRENCY, async (lead) => {
			const call = dispoCall(lead);
			return await Promise.all([sendCallout(rebase(pasteUrl, one), call), sendCallout(rebase(pasteUrl, two), call)]);
		});
		const accepted = replies.flat().filter((reply) => reply.status === 200 && reply.body === 'OK').length;
		const executions = (await settle(executionsBefore + 2 * N, 60_000 + N * 400)) - executionsBefore;
		const updates = sim.log.slice(logBefore).filter((call) => call.fn === 'update_lead').length;
		process.stdout.write(
			`[queue] past nginx, one copy to each webhook process: ${N} call-outs x 2 copies -> ${executions} executions (${accepted} answered OK, ${updates} update_lead requests)\n`,
		);
		// Neither process knows what the other saw: both copies of every call-out ran.
		expect(accepted).toBe(2 * N);
		expect(executions).toBe(2 * N);
		expect(updates).toBe(2 * N);
	});

	/** Most requests that arrived within any `windowMs`, and the mean rate first to last. */
	function arrivals(times: number[], windowMs = 1000): { peak: number; rate: number } {
		const sorted = [...times].sort((a, b) => a - b);
		let peak = 0;
		for (let i = 0, j = 0; i < sorted.length; i++) {
			while (sorted[i] - sorted[j] >= windowMs) j++;
			peak = Math.max(peak, i - j + 1);
		}
		const span = (sorted[sorted.length - 1] - sorted[0]) / 1000;
		return { peak, rate: span > 0 ? (sorted.length - 1) / span : Infinity };
	}

	it(`nginx limit_req in front of VICIdial holds every worker together to ${LIMIT_RPS} requests/s`, async () => {
		const count = 30;
		const sendAll = async (template: string, first: number) => {
			seedLeads(sim.state, first, count);
			const logBefore = sim.log.length;
			const leads = Array.from({ length: count }, (_, i) => first + i);
			const replies = await pool(leads, 16, (lead) => sendCallout(template, dispoCall(lead)));
			expect(replies.every((reply) => reply.body === 'OK')).toBe(true);
			const deadline = Date.now() + 120_000;
			const mine = () =>
				sim.log.slice(logBefore).filter((call) => call.fn === 'update_lead' && Number(call.params.lead_id) >= first && Number(call.params.lead_id) < first + count);
			while (mine().length < count && Date.now() < deadline) await delay(250);
			return mine();
		};
		// The control: the same load straight to VICIdial goes faster than the limit.
		const direct = arrivals((await sendAll(pasteUrl, 400_000)).map((call) => call.at));
		const limitedUrl = pasteUrl.replace(`/webhook/${WEBHOOK_ID}/`, `/webhook/${LIMITED_HOOK}/`);
		const limitedCalls = await sendAll(limitedUrl, 500_000);
		const limited = arrivals(limitedCalls.map((call) => call.at));
		const workers = cluster.services.filter((service) => service.name.startsWith('worker-')).length;
		process.stdout.write(
			`[queue] update_lead arrivals at VICIdial from ${workers} workers, ${count} runs: straight ${direct.rate.toFixed(1)}/s (peak ${direct.peak} in 1 s), through limit_req ${LIMIT_RPS}r/s ${limited.rate.toFixed(1)}/s (peak ${limited.peak} in 1 s)\n`,
		);
		expect(limitedCalls).toHaveLength(count);
		expect(direct.peak).toBeGreaterThan(LIMIT_RPS + 1);
		// nginx lets one request through every 1/rate s; one more may fall in a window by jitter.
		expect(limited.peak).toBeLessThanOrEqual(LIMIT_RPS + 1);
		expect(limited.rate).toBeLessThanOrEqual(LIMIT_RPS * 1.1);
	});
});
