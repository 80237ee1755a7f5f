/**
 * Duplicate suppression. VICIdial can send one call-out twice (a dispo submitted twice, a URL
 * re-sent from vicidial_url_log), and the second copy must not start a second run.
 *
 * The trigger only talks to `DedupStore`. The static-data store below serves one n8n process;
 * queue mode (several webhook processes) shares no static data atomically (n8n-notes.md, queue
 * mode), so it will plug in a shared store behind the same interface.
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
 * Entries kept at most. A workflow's static data is saved with the workflow after each call, so
 * it stays small: 2,000 entries of ~40 bytes. A site sending more distinct call-outs than this
 * within one window loses the oldest entries first, which lets a late duplicate through rather
 * than growing without bound.
 */
export const DEFAULT_MAX_ENTRIES = 2000;

/** Version of the stored layout; anything else found in static data is discarded. */
const LAYOUT = 1;

interface StoredState {
	layout: number;
	/** hashed key -> time first seen (ms), oldest first (insertion order of string keys). */
	entries: Record<string, number>;
}

function isStoredState(value: unknown): value is StoredState {
	if (typeof value !== 'object' || value === null) return false;
	const state = value as { layout?: unknown; entries?: unknown };
	return (
		state.layout === LAYOUT &&
		typeof state.entries === 'object' &&
		state.entries !== null &&
		Object.values(state.entries).every((time) => typeof time === 'number')
	);
}

/**
 * Keys are hashed: static data is stored in plain text with the workflow, and a key holds a lead
 * id and a call id. The prefix keeps hashed keys from ever looking like array indexes, whose
 * order JavaScript would not preserve.
 */
function hashKey(key: string): string {
	return `k${createHash('sha256').update(key).digest('base64').slice(0, 22)}`;
}

/**
 * A `DedupStore` in `getWorkflowStaticData('node')` under `property`. It survives restarts
 * because n8n saves static data with the workflow; a corrupt or foreign value is reset.
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
		const state = this.load();
		const hashed = hashKey(key);
		this.prune(state, now);
		const first = state.entries[hashed];
		if (first !== undefined && now - first < this.windowMs) return true;
		// Re-insert so the entry moves to the end of the eviction order.
		delete state.entries[hashed];
		state.entries[hashed] = now;
		this.evict(state);
		this.staticData[this.property] = state as unknown as IDataObject;
		return false;
	}

	/** How many keys are remembered (for tests and diagnostics). */
	size(): number {
		return Object.keys(this.load().entries).length;
	}

	private load(): StoredState {
		const stored = this.staticData[this.property];
		if (isStoredState(stored)) return stored;
		return { layout: LAYOUT, entries: {} };
	}

	private prune(state: StoredState, now: number): void {
		for (const [key, time] of Object.entries(state.entries)) {
			// A time in the future means the clock went back: keep the entry, it is still "recent".
			if (now - time >= this.windowMs) delete state.entries[key];
		}
	}

	private evict(state: StoredState): void {
		const keys = Object.keys(state.entries);
		for (let i = 0; i < keys.length - this.maxEntries; i++) delete state.entries[keys[i]];
	}
}

/** What this process has seen, per trigger (workflow id and node name), in the static-data layout. */
const processMemory = new Map<string, IDataObject>();

function memoryOf(scope: string): IDataObject {
	let data = processMemory.get(scope);
	if (!data) {
		data = {};
		processMemory.set(scope, data);
	}
	return data;
}

/**
 * A `DedupStore` in this process's memory. In n8n 2.39 the static data a webhook() writes did
 * not reach the database (seen in the end-to-end suite; n8n 2.8 saves it), so two copies of a
 * call-out a second apart both started a run with static data alone; memory catches them in the
 * process that answers both. It is lost on restart, which is what the static-data store is for.
 */
export class MemoryDedupStore extends StaticDataDedupStore {
	constructor(scope: string, windowMinutes: number = DEFAULT_WINDOW_MINUTES, maxEntries: number = DEFAULT_MAX_ENTRIES) {
		super(memoryOf(scope), windowMinutes, maxEntries);
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
