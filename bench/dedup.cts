/**
 * The cost of one duplicate check in the VICIdial Trigger, by the number of live entries, before
 * and after issue 11. Each store is filled to N keys with N as its cap, so every check of a new
 * key also evicts one (the steady state of a busy trigger). Prints the median time of one check
 * over several rounds, with the fastest and slowest round.
 *
 *   npm run bench:dedup
 *   npm run bench:dedup -- --rounds=9
 *
 * "old" is the trigger's check before issue 11, copied below: process memory and static data
 * in one layout, each check walking every entry (isStoredState, prune, evict) in both layers.
 * "new" is `MemoryDedupStore` with a saved copy, built per request as the trigger builds it.
 * "static data alone" is `StaticDataDedupStore` on a freshly parsed copy, as n8n hands static
 * data to each request: the cost of a store with no memory layer (the JSON.parse n8n does is
 * outside the timing).
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { MemoryDedupStore, StaticDataDedupStore } from '../nodes/VicidialTrigger/dedup';

function option(name: string, fallback: number): number {
	const hit = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	const value = hit === undefined ? fallback : Number(hit.split('=')[1]);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
	return value;
}

const ROUNDS = option('rounds', 5);
const SIZES = [100, 2000, 20_000];
const WINDOW_MINUTES = 60;
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/* The old algorithm, as nodes/VicidialTrigger/dedup.ts had it before issue 11 (commit f7a7043^). */

interface OldStoredState {
	layout: number;
	entries: Record<string, number>;
}

function isOldStoredState(value: unknown): value is OldStoredState {
	if (typeof value !== 'object' || value === null) return false;
	const state = value as { layout?: unknown; entries?: unknown };
	return (
		state.layout === 1 &&
		typeof state.entries === 'object' &&
		state.entries !== null &&
		Object.values(state.entries).every((time) => typeof time === 'number')
	);
}

const oldHashKey = (key: string) => `k${createHash('sha256').update(key).digest('base64').slice(0, 22)}`;

class OldStaticDataDedupStore {
	private readonly windowMs: number;

	constructor(
		private readonly staticData: IDataObject,
		windowMinutes: number,
		private readonly maxEntries: number,
	) {
		this.windowMs = windowMinutes * 60_000;
	}

	seen(key: string, now: number): boolean {
		const state = this.load();
		const hashed = oldHashKey(key);
		for (const [entry, time] of Object.entries(state.entries)) {
			if (now - time >= this.windowMs) delete state.entries[entry];
		}
		const first = state.entries[hashed];
		if (first !== undefined && now - first < this.windowMs) return true;
		delete state.entries[hashed];
		state.entries[hashed] = now;
		const keys = Object.keys(state.entries);
		for (let i = 0; i < keys.length - this.maxEntries; i++) delete state.entries[keys[i]];
		this.staticData.dedup = state as unknown as IDataObject;
		return false;
	}

	private load(): OldStoredState {
		const stored = this.staticData.dedup;
		return isOldStoredState(stored) ? stored : { layout: 1, entries: {} };
	}
}

const oldMemory = new Map<string, IDataObject>();

/** The state `seen` would leave after recording `keys` in order: filling by `seen` takes minutes at 20,000. */
function oldFill(scope: string, staticData: IDataObject, keys: Array<[string, number]>): void {
	const state = () => ({ layout: 1, entries: Object.fromEntries(keys.map(([key, time]) => [oldHashKey(key), time])) });
	oldMemory.set(scope, { dedup: state() });
	staticData.dedup = state();
}

/** The trigger's old check: memory and static data, each walked in full. */
function oldSeen(scope: string, staticData: IDataObject, key: string, now: number, maxEntries: number): boolean {
	let data = oldMemory.get(scope);
	if (!data) oldMemory.set(scope, (data = {}));
	const inMemory = new OldStaticDataDedupStore(data, WINDOW_MINUTES, maxEntries).seen(key, now);
	const inStaticData = new OldStaticDataDedupStore(staticData, WINDOW_MINUTES, maxEntries).seen(key, now);
	return inMemory || inStaticData;
}

/** Milliseconds per call of `check`, over at least `minMs` and `minCalls` calls. */
function timePerCall(check: (i: number) => void, minMs = 200, minCalls = 5): number {
	let calls = 0;
	const start = process.hrtime.bigint();
	let elapsed = 0;
	while (calls < minCalls || elapsed < minMs) {
		check(calls++);
		elapsed = Number(process.hrtime.bigint() - start) / 1e6;
	}
	return elapsed / calls;
}

interface Figure {
	median: number;
	min: number;
	max: number;
}

function rounds(run: () => number): Figure {
	const times = Array.from({ length: ROUNDS }, run).sort((a, b) => a - b);
	return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

const key = (n: number) => `dispo\u0001\u0001M11223344${String(n).padStart(11, '0')}\u00018\u0001SALE\u0001\u0001\u0001`;

interface Row {
	oldNew: Figure;
	newNew: Figure;
	newDuplicate: Figure;
	reloaded: Figure;
}

function measure(size: number): Row {
	let next = 0;
	let now = T0;
	const fill = (record: (key: string, now: number) => void) => {
		for (let i = 0; i < size; i++) record(key(next++), now++);
	};

	const oldScope = `old-${size}`;
	const oldStatic: IDataObject = {};
	const filled: Array<[string, number]> = [];
	fill((k, t) => filled.push([k, t]));
	oldFill(oldScope, oldStatic, filled);
	const oldNew = rounds(() => timePerCall(() => oldSeen(oldScope, oldStatic, key(next++), now++, size)));

	const scope = `new-${size}`;
	const staticData: IDataObject = {};
	const store = () => new MemoryDedupStore(scope, WINDOW_MINUTES, size, { staticData });
	fill((k, t) => store().seen(k, t));
	const newNew = rounds(() => timePerCall(() => store().seen(key(next++), now++)));
	const newDuplicate = rounds(() => timePerCall((i) => store().seen(key(next - 1 - (i % size)), now)));

	// Each check gets a copy it has never seen, as each n8n request does.
	const saved = JSON.stringify(staticData);
	const reloaded = rounds(() => {
		const copies = Array.from({ length: 40 }, () => JSON.parse(saved) as IDataObject);
		return timePerCall((i) => new StaticDataDedupStore(copies[i], WINDOW_MINUTES, size).seen(key(next++), now++), 0, copies.length);
	});
	const savedChars = JSON.stringify(staticData.dedup).length;
	console.log(`  ${size} live entries: saved copy ${savedChars} characters (old layout: ${JSON.stringify(oldStatic.dedup).length})`);
	return { oldNew, newNew, newDuplicate, reloaded };
}

const ms = (figure: Figure) => `${figure.median.toFixed(4)} (${figure.min.toFixed(4)}-${figure.max.toFixed(4)})`;

function main(): void {
	console.log(`One dedup check, ms: median (fastest-slowest round) of ${ROUNDS} rounds`);
	const rows = SIZES.map((size) => ({ size, ...measure(size) }));
	console.log('');
	console.log('| live entries | old, new key | new, new key | new, duplicate | old / new | static data alone, reloaded per request |');
	console.log('|---|---|---|---|---|---|');
	for (const row of rows) {
		const ratio = row.oldNew.median / row.newNew.median;
		console.log(
			`| ${row.size} | ${ms(row.oldNew)} | ${ms(row.newNew)} | ${ms(row.newDuplicate)} | ${ratio.toFixed(0)}x | ${ms(row.reloaded)} |`,
		);
	}
}

main();
