/**
 * Throughput of the VICIdial node on many items: the node runs in n8n-core (the workflow
 * harness the tests use) against the simulator over real HTTP, with a fixed added latency per
 * request (a dialer across a network). Prints items per second for each concurrency, the ratio
 * to concurrency 1 and to the ideal (latency-bound) rate, the most requests the simulator saw in
 * flight at once, and the TCP connections it accepted.
 *
 *   npm run bench                       # 300 add_lead items, 20 ms latency
 *   npm run bench -- --items=1000 --latency=50
 *
 * A raw baseline (undici, the same form POSTs, same concurrency) shows what the node adds on
 * top of HTTP itself.
 */
import './prefer-ts.cjs';

import { Pool } from 'undici';

import { startSimulator } from '../simulator/server.cjs';
import { runNode, simCredentials, stopHarness } from '../test/helpers/harness.cjs';
import { addLeadParameters } from './stats.cjs';

function option(name: string, fallback: number): number {
	const hit = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	const value = hit === undefined ? fallback : Number(hit.split('=')[1]);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

const ITEMS = option('items', 300);
const LATENCY_MS = option('latency', 20);
const CONCURRENCIES = [1, 2, 4, 8];

/** Distinct, valid phone numbers so no add_lead is refused as a duplicate. */
const phones = (offset: number) => Array.from({ length: ITEMS }, (_, i) => ({ phone: String(8130000000 + offset + i) }));

async function main(): Promise<void> {
	const sim = await startSimulator({ latencyMs: LATENCY_MS });
	const rows: string[][] = [];
	let base = 0;
	try {
		for (const [index, concurrency] of CONCURRENCIES.entries()) {
			sim.reset();
			sim.latencyMs = LATENCY_MS;
			const started = process.hrtime.bigint();
			const run = await runNode({
				type: 'vicidial',
				parameters: addLeadParameters({ concurrency }),
				credentials: simCredentials(sim.url),
				items: phones(index * ITEMS),
			});
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			if (run.error || run.items.length !== ITEMS) throw new Error(`run failed: ${run.error?.message ?? `${run.items.length} items`}`);
			const rate = ITEMS / seconds;
			if (concurrency === 1) base = rate;
			const ideal = (concurrency * 1000) / LATENCY_MS;
			rows.push([
				`node c=${concurrency}`,
				rate.toFixed(1),
				(rate / base).toFixed(2),
				(rate / ideal).toFixed(2),
				String(sim.stats.maxInFlight),
				String(sim.stats.connections),
			]);
		}
		for (const concurrency of [1, 8]) {
			sim.reset();
			sim.latencyMs = LATENCY_MS;
			const pool = new Pool(sim.url, { connections: concurrency });
			const items = phones(10 * ITEMS + concurrency * ITEMS);
			let next = 0;
			const started = process.hrtime.bigint();
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (next < items.length) {
						const item = items[next++];
						const body = new URLSearchParams({ user: '6666', pass: '1234', source: 'bench', function: 'add_lead', phone_number: item.phone, list_id: '101' });
						const response = await pool.request({
							method: 'POST',
							path: '/vicidial/non_agent_api.php',
							headers: { 'content-type': 'application/x-www-form-urlencoded' },
							body: body.toString(),
						});
						const text = await response.body.text();
						if (!text.startsWith('SUCCESS')) throw new Error(text);
					}
				}),
			);
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			await pool.close();
			const rate = ITEMS / seconds;
			const ideal = (concurrency * 1000) / LATENCY_MS;
			rows.push([`raw undici c=${concurrency}`, rate.toFixed(1), (rate / base).toFixed(2), (rate / ideal).toFixed(2), String(sim.stats.maxInFlight), String(sim.stats.connections)]);
		}
	} finally {
		await sim.stop();
		stopHarness();
	}
	const header = ['run', 'items/s', 'vs node c=1', 'vs ideal', 'max in flight', 'connections'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
	process.stdout.write(`add_lead x ${ITEMS}, ${LATENCY_MS} ms added latency per request, Node ${process.version}\n`);
	process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
