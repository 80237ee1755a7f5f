/**
 * Duplicate suppression. VICIdial can send one call-out twice (a dispo submitted twice, a URL
 * re-sent from vicidial_url_log), and the second copy must not start a second run.
 *
 * The trigger only talks to `DedupStore`. Process memory is the exact record: a check is a Map
 * lookup plus expiry and eviction from the front, the same cost at 100 entries as at 20,000
 * (BENCHMARKS.md, "Trigger dedup"). Workflow static data keeps a compact copy of that memory for
 * restarts. n8n loads static data per request and writes it back whole, last writer wins
 * (n8n-notes.md, queue mode), so the copy written is always the whole of this process's memory,
 * never the request's own loaded copy plus one key: whichever request writes last, the saved
 * copy lacks only the keys of requests that were still in flight.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

export interface DedupStore {
	/**
	 * Records `key` at `now` (ms) and says whether it was already recorded within the window.
	 * A shared store (queue mode) will answer asynchronously, hence the Promise.
	 */
	seen(key: string, now: number): boolean | Promise<boolean>;
}

export const DEFAULT_WINDOW_MINUTES = 10;

/**
 * Entries kept at most. The saved copy is written with the workflow after each new call-out, so
 * it stays small: 2,000 entries of 20 characters. A site sending more distinct call-outs than this
 * within one window loses the oldest entries first, which lets a late duplicate through rather
 * than growing without bound.
 */
export const DEFAULT_MAX_ENTRIES = 2000;

/** Version of the saved layout. Layout 1 (a `{ hash: time }` object) is still read; anything else is discarded. */
const LAYOUT = 2;

/**
 * A key is kept as the first 11 base64 characters of its SHA-256 (66 bits): static data is
 * stored in plain text with the workflow and a key holds a lead id and a call id. Among 20,000
 * live keys two collide with odds below 1 in 10^11, and a collision only drops one call-out
 * as a duplicate. Layout 1 kept `k` + 22 characters of the same digest, so its keys convert.
 */
const HASH_CHARS = 11;
/** A time in ms, base 36, zero-padded: nine characters last until the year 5188. */
const TIME_CHARS = 9;
const ENTRY_CHARS = HASH_CHARS + TIME_CHARS;
const MAX_TIME = 36 ** TIME_CHARS - 1;

/** Spent slots at the front that may stay before the queue is compacted (see `RecentKeys.compact`). */
const SPARE_SLOTS = 32;

function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64').slice(0, HASH_CHARS);
}

function encodeTime(time: number): string {
	return Math.min(Math.max(0, Math.round(time)), MAX_TIME).toString(36).padStart(TIME_CHARS, '0');
}

/** What is saved in static data: every entry as `<hash><time>`, oldest first, in one string. */
interface SavedKeys {
	layout: typeof LAYOUT;
	keys: string;
}

/**
 * Hashed keys with the time each was first seen. `slots` finds a key's position in a queue kept
 * in recording order; entries arrive in time order, so expiry and eviction both take from the
 * front and a check never walks the entries. (A Map's own iteration order would serve for the
 * order, but V8 leaves deleted entries as holes that every walk from the front skips again: linear
 * in practice.) `log` is the queue as the string that is saved, grown by appending.
 */
class RecentKeys {
	/** hash -> absolute position of its live entry in the queue (`base` + array index). */
	private readonly slots = new Map<string, number>();
	private hashes: string[] = [];
	private times: number[] = [];
	/** Entries before `head` are spent (expired, evicted or recorded again later). */
	private head = 0;
	private base = 0;
	private log = '';

	get size(): number {
		return this.slots.size;
	}

	/**
	 * Records `hash` at `now`; true when it was already recorded less than `windowMs` before.
	 * The window counts from the first sighting, so a duplicate is not recorded again.
	 */
	seen(hash: string, now: number, windowMs: number, maxEntries: number): boolean {
		this.expire(now, windowMs);
		const slot = this.slots.get(hash);
		// A time ahead of `now` means the clock went back: the entry is still recent.
		if (slot !== undefined && now - this.times[slot - this.base] < windowMs) return true;
		this.record(hash, now);
		this.evict(maxEntries);
		this.compact();
		return false;
	}

	/** The saved copy: a new object each time, as n8n flags only a top-level assignment as a change. */
	saved(): SavedKeys {
		return { layout: LAYOUT, keys: this.log };
	}

	/**
	 * The keys in a saved copy (this layout or layout 1); empty for anything else, so a corrupt
	 * or foreign value resets the store instead of failing. Replaying the entries in order and
	 * evicting to `maxEntries` gives back exactly the keys that were live; expired ones go at the
	 * next check.
	 */
	static restore(value: unknown, maxEntries: number): RecentKeys {
		const keys = new RecentKeys();
		const saved = savedEntries(value);
		saved.hashes.forEach((hash, index) => keys.slots.set(hash, index));
		keys.hashes = saved.hashes;
		keys.times = saved.times;
		keys.log = saved.log ?? saved.hashes.map((hash, index) => hash + encodeTime(saved.times[index])).join('');
		keys.evict(maxEntries);
		keys.compact();
		return keys;
	}

	private record(hash: string, time: number): void {
		// An earlier entry of the same hash (expired) stays in the queue as a spent slot.
		this.slots.set(hash, this.base + this.hashes.length);
		this.hashes.push(hash);
		this.times.push(time);
		this.log += hash + encodeTime(time);
	}

	/**
	 * Drops expired entries from the front. After the clock went back the queue is out of time
	 * order and this stops at the first entry that is not expired; the ones behind it wait until
	 * the clock passes it or the cap evicts them, and `seen` still compares each entry's own time.
	 */
	private expire(now: number, windowMs: number): void {
		while (this.head < this.times.length && now - this.times[this.head] >= windowMs) this.dropFront();
	}

	private evict(maxEntries: number): void {
		while (this.slots.size > Math.max(0, maxEntries)) this.dropFront();
	}

	private dropFront(): void {
		const hash = this.hashes[this.head];
		if (this.slots.get(hash) === this.base + this.head) this.slots.delete(hash);
		this.head++;
	}

	/**
	 * Cuts the spent slots once they outnumber a quarter of the live ones: the copy costs the live
	 * entries once per (live / 4) drops, a constant per check, and the saved copy holds at most
	 * 1.25 times the live entries (plus `SPARE_SLOTS`).
	 */
	private compact(): void {
		const live = this.hashes.length - this.head;
		if (this.head <= SPARE_SLOTS || this.head * 4 <= live) return;
		this.hashes = this.hashes.slice(this.head);
		this.times = this.times.slice(this.head);
		this.log = this.log.slice(this.head * ENTRY_CHARS);
		this.base += this.head;
		this.head = 0;
	}
}

interface SavedEntries {
	hashes: string[];
	times: number[];
	/** The saved string itself, when it is in this layout. */
	log?: string;
}

/** The entries of a saved copy, oldest first; none when the value is not a valid copy. */
function savedEntries(value: unknown): SavedEntries {
	const none = { hashes: [], times: [], log: '' };
	if (typeof value !== 'object' || value === null) return none;
	const saved = value as { layout?: unknown; keys?: unknown; entries?: unknown };
	if (saved.layout === LAYOUT && typeof saved.keys === 'string' && saved.keys.length % ENTRY_CHARS === 0) {
		const log = saved.keys;
		const hashes: string[] = [];
		const times: number[] = [];
		for (let at = 0; at < log.length; at += ENTRY_CHARS) {
			const time = Number.parseInt(log.slice(at + HASH_CHARS, at + ENTRY_CHARS), 36);
			if (!Number.isFinite(time)) return none;
			hashes.push(log.slice(at, at + HASH_CHARS));
			times.push(time);
		}
		return { hashes, times, log };
	}
	// Layout 1, saved by 0.1.0: `{ layout: 1, entries: { 'k' + 22 digest characters: time } }`.
	if (saved.layout === 1 && typeof saved.entries === 'object' && saved.entries !== null) {
		const entries = Object.entries(saved.entries as Record<string, unknown>);
		if (!entries.every(([, time]) => typeof time === 'number')) return none;
		return { hashes: entries.map(([key]) => key.slice(1, 1 + HASH_CHARS)), times: entries.map(([, time]) => time as number) };
	}
	return none;
}

/** Where a store keeps its saved copy: `getWorkflowStaticData('node')` and a property in it. */
export interface SavedCopy {
	staticData: IDataObject;
	/** `dedup` unless told. */
	property?: string;
}

/** The keys behind each copy a `StaticDataDedupStore` wrote, so reading its own copy back parses nothing. */
const restoredCopies = new WeakMap<object, RecentKeys>();

/**
 * A `DedupStore` in `getWorkflowStaticData('node')` under `property`, with nothing in memory. It
 * survives restarts when n8n saves static data (n8n 2.8 does after a webhook call), but a request
 * that loaded static data before another request saved it overwrites that request's keys, and in
 * n8n each request loads static data afresh, which makes each check parse the copy. The trigger's
 * duplicate check therefore uses `MemoryDedupStore` with a saved copy instead. A corrupt or
 * foreign value is reset.
 */
export class StaticDataDedupStore implements DedupStore {
	private readonly windowMs: number;

	constructor(
		private readonly staticData: IDataObject,
		windowMinutes: number = DEFAULT_WINDOW_MINUTES,
		private readonly maxEntries: number = DEFAULT_MAX_ENTRIES,
		private readonly property = 'dedup',
	) {
		this.windowMs = Math.max(0, windowMinutes) * 60_000;
	}

	seen(key: string, now: number): boolean {
		const keys = this.load();
		if (keys.seen(hashKey(key), now, this.windowMs, this.maxEntries)) return true;
		const saved = keys.saved();
		restoredCopies.set(saved, keys);
		this.staticData[this.property] = saved as unknown as IDataObject;
		return false;
	}

	/** How many keys are remembered (for tests and diagnostics). */
	size(): number {
		return this.load().size;
	}

	private load(): RecentKeys {
		const stored = this.staticData[this.property];
		const own = typeof stored === 'object' && stored !== null ? restoredCopies.get(stored) : undefined;
		return own ?? RecentKeys.restore(stored, this.maxEntries);
	}
}

/** What this process has seen, per trigger (workflow id and node name). */
const processMemory = new Map<string, RecentKeys>();

/**
 * A `DedupStore` in this process's memory: the exact record. In n8n 2.39 the static data a
 * webhook() writes did not reach the database (seen in the end-to-end suite; n8n 2.8 saves it),
 * so two copies of a call-out a second apart both started a run with static data alone; memory
 * catches them in the process that answers both.
 *
 * With `copy`, the first check of a scope in this process starts from the saved copy (a
 * restart), and every new key writes the whole of memory there; a duplicate writes nothing, so
 * n8n saves nothing. The copy is then what survives a restart: every key this process recorded
 * within the window and the cap, except those of requests still in flight when the last save was
 * made (at most the concurrency minus one), and only where n8n saves webhook static data.
 */
export class MemoryDedupStore implements DedupStore {
	private readonly windowMs: number;
	private readonly keys: RecentKeys;

	constructor(
		scope: string,
		windowMinutes: number = DEFAULT_WINDOW_MINUTES,
		private readonly maxEntries: number = DEFAULT_MAX_ENTRIES,
		private readonly copy?: SavedCopy,
	) {
		this.windowMs = Math.max(0, windowMinutes) * 60_000;
		let keys = processMemory.get(scope);
		if (!keys) {
			keys = copy ? RecentKeys.restore(copy.staticData[copy.property ?? 'dedup'], maxEntries) : new RecentKeys();
			processMemory.set(scope, keys);
		}
		this.keys = keys;
	}

	seen(key: string, now: number): boolean {
		if (this.keys.seen(hashKey(key), now, this.windowMs, this.maxEntries)) return true;
		if (this.copy) this.copy.staticData[this.copy.property ?? 'dedup'] = this.keys.saved() as unknown as IDataObject;
		return false;
	}

	/** How many keys are remembered (for tests and diagnostics). */
	size(): number {
		return this.keys.size;
	}

	/** Forget every scope (tests). */
	static clear(): void {
		processMemory.clear();
	}
}

/** Several stores asked together: every one records the key, and any one may know it. */
export class LayeredDedupStore implements DedupStore {
	constructor(private readonly stores: readonly DedupStore[]) {}

	async seen(key: string, now: number): Promise<boolean> {
		let duplicate = false;
		for (const store of this.stores) {
			if (await store.seen(key, now)) duplicate = true;
		}
		return duplicate;
	}
}

/** The fields that identify one call-out, joined into a key; undefined when nothing identifies it. */
export interface DedupParts {
	eventType: string;
	/** The agent event name, or a custom POST's event name. */
	event?: string;
	callId?: string;
	uniqueId?: string;
	leadId?: string;
	dispo?: string;
	/** Agent events: the agent and VICIdial's per-screen event counter. */
	user?: string;
	counter?: string;
	/** A custom POST's own id, when it sends one. */
	id?: string;
}

/**
 * The dedup key of a call-out: event, call id (or uniqueid), lead id and disposition; for agent
 * events also the agent and the event counter. Returns undefined when there is neither a call,
 * a lead nor an id to tell two call-outs apart: such call-outs are never suppressed.
 */
export function dedupKey(parts: DedupParts): string | undefined {
	const call = parts.callId || parts.uniqueId || '';
	if (call === '' && !parts.leadId && !parts.id && !parts.counter) return undefined;
	return [
		parts.eventType,
		parts.event ?? '',
		call,
		parts.leadId ?? '',
		parts.dispo ?? '',
		parts.user ?? '',
		parts.counter ?? '',
		parts.id ?? '',
	].join('\u0001');
}
