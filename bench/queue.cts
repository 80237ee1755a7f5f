/**
 * Trigger throughput in n8n 2.8.4 queue mode with one and with two webhook processes, two
 * workers behind them (issue 15), in one run: one cluster (scripts/queue/cluster.cts), the same
 * distinct Dispo Call URL GETs (`Connection: close`, as VICIdial sends them) to the same workflow
 * (test/e2e/workflows/dispo-sync.json: trigger → update_lead in the simulator), through the same
 * nginx, either to its upstream of webhook process 1 only or to its upstream of both (hashed on
 * lead_id). Rounds alternate one, two, one, two, ... so a busy machine slows both sides alike,
 * and each round waits until the workers have finished its executions before the next starts.
 *
 *   npm run bench:queue                                   # 3 rounds x 400 call-outs, 16 in flight
 *   npm run bench:queue -- --rounds=5 --requests=600 --concurrency=32
 *
 * Printed per side: call-outs answered per second (the trigger's figure: VICIdial's wait),
 * executions finished per second from the first call-out to the round's last execution, and the
 * CPU seconds each kind of process used per 1,000 call-outs (from /proc), which says what bounds
 * the ratio on this machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { startSimulator } from '../simulator/server.cjs';
import { ROOT, delay } from '../scripts/n8n/lib.cjs';
import { startCluster, type Cluster } from '../scripts/queue/cluster.cjs';
import { dispoCall, pool, rebase, seedLeads, sendCallout } from '../scripts/queue/callouts.cjs';
import { positive, say, showSpread, spread, table } from './stats.cjs';

const ROUNDS = positive('rounds', 3);
const REQUESTS = positive('requests', 400);
const CONCURRENCY = positive('concurrency', 16);
const SECRET = 'queue-bench-secret-7d21';

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) of process `root`, its process group and its descendants, from
 * /proc. Descendants count too: PostgreSQL's backends each start a session of their own.
 */
function treeCpu(root: number): number {
	const procs = new Map<number, { ppid: number; pgrp: number; ticks: number }>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// Fields after the command name in parentheses: state ppid pgrp ... utime(14) stime(15).
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			procs.set(Number(entry), { ppid: Number(fields[1]), pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) });
		} catch {
			// The process ended between readdir and read.
		}
	}
	const belongs = (pid: number): boolean => {
		for (let current = pid, hops = 0; current > 1 && hops < 64; hops++) {
			const proc = procs.get(current);
			if (!proc) return false;
			if (current === root || proc.pgrp === root) return true;
			current = proc.ppid;
		}
		return false;
	};
	let ticks = 0;
	for (const [pid, proc] of procs) if (belongs(pid)) ticks += proc.ticks;
	return ticks / TICKS_PER_SECOND;
}

/** CPU seconds per kind of process: webhook, worker, main, postgres, redis, nginx, and this one (load + simulator). */
function cpuByKind(cluster: Cluster): Record<string, number> {
	const kinds: Record<string, number> = {};
	for (const service of cluster.services) {
		const kind = service.name.replace(/-\d+$/, '');
		kinds[kind] = (kinds[kind] ?? 0) + (service.child.pid === undefined ? 0 : treeCpu(service.child.pid));
	}
	const own = process.cpuUsage();
	kinds['load+simulator'] = (own.user + own.system) / 1e6;
	return kinds;
}

interface Round {
	side: 'one' | 'two';
	answeredPerSecond: number;
	executionsPerSecond: number;
	cpu: Record<string, number>;
	wallSeconds: number;
}

async function main(): Promise<void> {
	const workflow = JSON.parse(readFileSync(join(ROOT, 'test', 'e2e', 'workflows', 'dispo-sync.json'), 'utf8')) as { id: string };
	const sim = await startSimulator();
	say(`starting the cluster (PostgreSQL, Redis, main, 2 workers, 2 webhook processes, nginx) ...`);
	const cluster = await startCluster({
		workflows: [workflow],
		publish: [workflow.id],
		routeBy: 'lead_id',
		credentials: [
			{ id: 'e2eVicidialApi1', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-bench' } },
			{ id: 'e2eHookSecret01', name: 'VICIdial hook secret', type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } },
		],
	});
	const rounds: Round[] = [];
	try {
		const setup = await fetch(`${cluster.baseUrl}/webhook/e2e-dispo-sync/vicidial?n8n_setup=1&token=${SECRET}`);
		const lines = (await setup.text()).split('\n');
		const template = lines[lines.indexOf('Paste this exact string:') + 1];
		if (!template?.startsWith('VARhttp')) throw new Error(`no paste-ready string from the trigger: ${lines.slice(0, 5).join(' | ')}`);
		const targets = { one: rebase(template, cluster.singleUrl), two: template };

		let nextLead = 1_000_000;
		// A warm-up round each, not counted: the first requests compile code paths in every process.
		const sides: ('one' | 'two')[] = ['one', 'two'];
		for (let round = -1; round < ROUNDS; round++) {
			for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
				const count = round < 0 ? Math.min(100, REQUESTS) : REQUESTS;
				const leads = Array.from({ length: count }, (_, i) => nextLead + i);
				nextLead += count;
				seedLeads(sim.state, leads[0], count);
				const before = cluster.executionCount(workflow.id);
				const cpuBefore = cpuByKind(cluster);
				const started = process.hrtime.bigint();
				const replies = await pool(leads, CONCURRENCY, (lead) => sendCallout(targets[side], dispoCall(lead)));
				const answeredSeconds = Number(process.hrtime.bigint() - started) / 1e9;
				const bad = replies.filter((reply) => reply.status !== 200 || reply.body !== 'OK');
				if (bad.length > 0) throw new Error(`${bad.length} call-outs not answered OK, e.g. ${bad[0].status} ${bad[0].body.slice(0, 200)}`);
				// The round ends when the workers finished every run it started.
				const deadline = Date.now() + 120_000 + count * 100;
				while (cluster.executionCount(workflow.id) < before + count) {
					if (Date.now() > deadline) throw new Error(`only ${cluster.executionCount(workflow.id) - before} of ${count} executions finished`);
					await delay(200);
				}
				const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
				const cpuAfter = cpuByKind(cluster);
				const cpu: Record<string, number> = {};
				for (const kind of Object.keys(cpuAfter)) cpu[kind] = ((cpuAfter[kind] - (cpuBefore[kind] ?? 0)) * 1000) / count;
				const result: Round = { side, answeredPerSecond: count / answeredSeconds, executionsPerSecond: count / wallSeconds, cpu, wallSeconds };
				say(
					`${round < 0 ? 'warm-up' : `round ${round + 1}`} ${side}: ${result.answeredPerSecond.toFixed(1)} call-outs/s answered, ${result.executionsPerSecond.toFixed(1)} executions/s, load ${loadavg()[0].toFixed(1)}`,
				);
				if (round >= 0) rounds.push(result);
			}
		}
	} finally {
		await cluster.stop();
		await sim.stop();
	}

	const of = (side: 'one' | 'two') => rounds.filter((round) => round.side === side);
	const answered = { one: spread(of('one').map((r) => r.answeredPerSecond)), two: spread(of('two').map((r) => r.answeredPerSecond)) };
	const executed = { one: spread(of('one').map((r) => r.executionsPerSecond)), two: spread(of('two').map((r) => r.executionsPerSecond)) };
	say('');
	say(`n8n 2.8.4 queue mode, 2 workers (concurrency 10 each), ${REQUESTS} distinct call-outs per round, ${CONCURRENCY} in flight, ${ROUNDS} rounds per side; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
	say(
		table(
			['webhook processes', 'call-outs answered/s', 'executions finished/s'],
			[
				['1', showSpread(answered.one), showSpread(executed.one)],
				['2', showSpread(answered.two), showSpread(executed.two)],
				['ratio 2/1', (answered.two.median / answered.one.median).toFixed(2), (executed.two.median / executed.one.median).toFixed(2)],
			],
		),
	);
	const kinds = Object.keys(rounds[0]?.cpu ?? {});
	const cpuRow = (side: 'one' | 'two') => kinds.map((kind) => spread(of(side).map((r) => r.cpu[kind])).median.toFixed(1));
	const totals = (side: 'one' | 'two') => spread(of(side).map((r) => Object.values(r.cpu).reduce((a, b) => a + b, 0))).median.toFixed(1);
	say('CPU seconds per 1,000 call-outs (median of rounds):');
	say(table(['webhook processes', ...kinds, 'total'], [['1', ...cpuRow('one'), totals('one')], ['2', ...cpuRow('two'), totals('two')]]));
	const busy = (side: 'one' | 'two') =>
		spread(of(side).map((r) => Object.values(r.cpu).reduce((a, b) => a + b, 0) / 1000 * REQUESTS / r.wallSeconds)).median.toFixed(2);
	say(`cores kept busy by the cluster and the load (median): 1 webhook process ${busy('one')}, 2 webhook processes ${busy('two')} of ${cpus().length}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
