/**
 * A 100,000-row reply parsed: our parser (parseReply with the catalogue spec, then checkReply
 * to items, as the node calls them) against a naive `split('\n').map(line => line.split('|'))`
 * to objects. The reply is the simulator's own: 100,000 recordings of one lead put into its
 * state and asked for with recording_lookup over HTTP with the parameters the node sends
 * (duration=Y, no header), so the row format is VICIdial's as the simulator writes it, not as we read it.
 *
 *   npm run bench:parse                      # 100,000 rows, 7 rounds
 *   npm run bench:parse -- --rows=20000 --rounds=5
 *
 * Runs with --expose-gc: each round starts after a full collection. "heap grown" is heapUsed
 * right after the parse minus before (the rows and the garbage made on the way, less whatever
 * a collection during the parse took back: the nearest to a peak read from outside); "heap
 * held" is heapUsed after a full collection with the rows still referenced (what the output
 * costs while the workflow holds it); arrayBuffers is the same delta for buffers.
 */
import './prefer-ts.cjs';

import type { INode } from 'n8n-workflow';

import { getFunction } from '../nodes/shared/catalogue';
import { checkReply, parseReply } from '../nodes/shared/reply';
import { startSimulator } from '../simulator/server.cjs';
import type { SimRecording } from '../simulator/state.cjs';
import { positive, say, showSpread, spread, table } from './stats.cjs';

const ROWS = positive('rows', 100_000);
const ROUNDS = positive('rounds', 7);
const LEAD_ID = 4242;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:parse does)');

async function simulatorReply(): Promise<string> {
	const sim = await startSimulator();
	try {
		const host = new URL(sim.url).host;
		const recordings: SimRecording[] = Array.from({ length: ROWS }, (_, i) => {
			const second = i % 86_400;
			const time = `${String(Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor((second % 3600) / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
			const phone = String(4075550000 + (i % 10_000));
			const filename = `20261120-${time.replace(/:/g, '')}_${phone}_${1000 + (i % 50)}-all`;
			return {
				recording_id: 500_000 + i,
				start_time: `2026-11-20 ${time}`,
				length_in_sec: 30 + (i % 900),
				filename,
				location: `http://${host}/RECORDINGS/MP3/${filename}.mp3`,
				lead_id: LEAD_ID,
				user: String(1000 + (i % 50)),
				uniqueid: `1795${String(i).padStart(6, '0')}.${i % 1000}`,
				extension: `SIP/${1000 + (i % 50)}`,
			};
		});
		sim.state.recordings = recordings;
		const body = new URLSearchParams({ source: 'bench', user: '6666', pass: '1234', function: 'recording_lookup', lead_id: String(LEAD_ID), duration: 'Y', stage: 'pipe' });
		const response = await fetch(`${sim.url}/vicidial/non_agent_api.php`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
		const text = await response.text();
		if (response.status !== 200 || text.startsWith('ERROR')) throw new Error(`recording_lookup answered ${response.status}: ${text.slice(0, 200)}`);
		return text;
	} finally {
		await sim.stop();
	}
}

const spec = getFunction('nonAgent', 'recording_lookup');
const node = { id: 'bench', name: 'Find Recordings', type: 'n8n-nodes-vicidial.vicidial', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const COLUMNS = ['start_time', 'user', 'recording_id', 'lead_id', 'length_in_sec', 'location'];

type Parse = (body: string) => unknown[];

const sides: Array<{ name: string; run: Parse }> = [
	{
		name: 'ours: parseReply',
		run: (body) => parseReply(body, spec, { stage: 'pipe' }).rows,
	},
	{
		name: 'ours: parseReply + checkReply (node)',
		run: (body) => checkReply({ node, spec, parsed: parseReply(body, spec, { stage: 'pipe' }), secrets: ['1234'] }),
	},
	{
		name: 'naive split to objects',
		run: (body) =>
			body
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => {
					const cells = line.split('|');
					const row: Record<string, string> = {};
					COLUMNS.forEach((name, i) => (row[name] = cells[i]));
					return row;
				}),
	},
];

interface Sample {
	ms: number;
	/** heapUsed right after the parse minus before. */
	heapMb: number;
	/** heapUsed after a full collection, the rows still held, minus before. */
	heldMb: number;
	/** arrayBuffers after minus before. */
	buffersMb: number;
}

function measure(run: Parse, body: string): Sample {
	gc?.();
	gc?.();
	const before = process.memoryUsage();
	const started = process.hrtime.bigint();
	const rows = run(body);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const after = process.memoryUsage();
	gc?.();
	const held = process.memoryUsage().heapUsed;
	if (rows.length !== ROWS) throw new Error(`${rows.length} rows, not ${ROWS}`);
	return {
		ms,
		heapMb: (after.heapUsed - before.heapUsed) / 1048576,
		heldMb: (held - before.heapUsed) / 1048576,
		buffersMb: (after.arrayBuffers - before.arrayBuffers) / 1048576,
	};
}

async function main(): Promise<void> {
	const body = await simulatorReply();
	const lines = body.split('\n');
	say(`recording_lookup reply from the simulator: ${ROWS} rows, ${(body.length / 1048576).toFixed(1)} MB, Node ${process.version}`);
	say(`first lines:\n  ${lines.slice(0, 3).join('\n  ')}`);
	const first = sides.map((side) => JSON.stringify(side.run(body)[0]));
	say(`first row, ours: ${first[1]}\nfirst row, naive: ${first[2]}`);
	// One warm-up each (JIT), then the rounds interleaved.
	for (const side of sides) side.run(body);
	const samples = new Map<string, Sample[]>(sides.map((side) => [side.name, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const side of sides) samples.get(side.name)?.push(measure(side.run, body));
	}
	const naive = spread((samples.get(sides[2].name) ?? []).map((s) => s.ms)).median;
	const rows = sides.map((side) => {
		const list = samples.get(side.name) ?? [];
		const time = spread(list.map((s) => s.ms));
		return [
			side.name,
			showSpread(time, 1),
			(time.median / naive).toFixed(2),
			((time.median * 1000) / ROWS).toFixed(2),
			showSpread(spread(list.map((s) => s.heapMb)), 1),
			showSpread(spread(list.map((s) => s.heldMb)), 1),
			showSpread(spread(list.map((s) => s.buffersMb)), 2),
		];
	});
	say(`\n${ROWS} rows, ${ROUNDS} rounds interleaved, median (min-max)`);
	say(table(['parser', 'ms', 'vs naive', 'µs/row', 'heap grown (MB)', 'heap held (MB)', 'arrayBuffers (MB)'], rows));
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
