/**
 * Pacing honesty: the VICIdial node (Add Lead, distinct phones) with the Pacing option, run in
 * n8n-core (the workflow tests' harness, as bench/throughput.cts does) against the simulator,
 * and the rate the simulator saw, from its own arrival time of each request (`log[].at`).
 * The goal: 1000 / pacing requests a second, within 5 %, whatever the concurrency and the
 * dialer's latency (pacing spaces request starts across all workers, loop.ts `pacer`).
 *
 *   npm run bench:pacing                                   # 100 items, 100 ms, c=1,4, 0 and 20 ms
 *   npm run bench:pacing -- --items=300 --pacing=50 --rounds=3
 *
 * "rate" is (requests - 1) / (last arrival - first arrival): the spacing the dialer sees, not
 * counting the run's start-up. Gaps are between consecutive arrivals in the simulator.
 */
import './prefer-ts.cjs';

import { startSimulator } from '../simulator/server.cjs';
import { runNode, simCredentials, stopHarness } from '../test/helpers/harness.cjs';
import { addLeadParameters, numbers, positive, say, showSpread, spread, table } from './stats.cjs';

const ITEMS = positive('items', 100);
const PACING_MS = positive('pacing', 100);
const ROUNDS = positive('rounds', 3);
const CONCURRENCY = numbers('concurrency', [1, 4]);
const LATENCIES = numbers('latencies', [0, 20]);

let offset = 0;
const phones = () => Array.from({ length: ITEMS }, () => ({ phone: String(8140000000 + offset++) }));

async function main(): Promise<void> {
	const goal = 1000 / PACING_MS;
	const sim = await startSimulator();
	const rows: string[][] = [];
	try {
		// A warm-up run, not counted (module loading, JIT).
		await runNode({
			type: 'vicidial',
			parameters: { resource: 'lead', operation: 'add_lead', phoneNumber: '={{ $json.phone }}', listId: '101', additionalFields: {}, options: {} },
			credentials: simCredentials(sim.url),
			items: phones().slice(0, 20),
		});
		const cells = new Map<string, { rates: number[]; gaps: number[]; inFlight: number }>();
		for (let round = 1; round <= ROUNDS; round++) {
			for (const latency of LATENCIES) {
				for (const concurrency of CONCURRENCY) {
					sim.reset();
					sim.latencyMs = latency;
					const run = await runNode({
						type: 'vicidial',
						parameters: addLeadParameters({ concurrency, pacingMs: PACING_MS }),
						credentials: simCredentials(sim.url),
						items: phones(),
					});
					if (run.error || run.items.length !== ITEMS) throw new Error(`run failed: ${run.error?.message ?? `${run.items.length} items`}`);
					const at = sim.log.filter((record) => record.fn === 'add_lead').map((record) => record.at);
					if (at.length !== ITEMS) throw new Error(`the simulator saw ${at.length} add_lead requests, not ${ITEMS}`);
					const rate = ((at.length - 1) * 1000) / (at[at.length - 1] - at[0]);
					const key = `${latency}/${concurrency}`;
					const cell = cells.get(key) ?? { rates: [], gaps: [], inFlight: 0 };
					cells.set(key, cell);
					cell.rates.push(rate);
					for (let i = 1; i < at.length; i++) cell.gaps.push(at[i] - at[i - 1]);
					cell.inFlight = Math.max(cell.inFlight, sim.stats.maxInFlight);
					say(`  round ${round}, dialer ${latency} ms, c=${concurrency}: ${rate.toFixed(3)} req/s`);
				}
			}
		}
		for (const latency of LATENCIES) {
			for (const concurrency of CONCURRENCY) {
				const cell = cells.get(`${latency}/${concurrency}`);
				if (!cell) continue;
				const rate = spread(cell.rates);
				const gaps = spread(cell.gaps);
				const off = (rate.median / goal - 1) * 100;
				rows.push([
					`${latency} ms`,
					String(concurrency),
					showSpread(rate, 3),
					`${off >= 0 ? '+' : ''}${off.toFixed(2)} %`,
					showSpread(gaps, 0),
					String(cell.inFlight),
					Math.abs(off) <= 5 ? 'met' : 'missed',
				]);
			}
		}
	} finally {
		await sim.stop();
		stopHarness();
	}
	say(`\nAdd Lead x ${ITEMS}, Pacing ${PACING_MS} ms (goal ${goal.toFixed(2)} req/s ± 5 %), ${ROUNDS} rounds, Node ${process.version}; rate from the simulator's arrival times, median (min-max)`);
	say(table(['dialer', 'c', 'req/s', 'vs goal', 'gap ms', 'max in flight', 'goal'], rows));
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
