import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { dedupKey, LayeredDedupStore, MemoryDedupStore, StaticDataDedupStore } from '../../nodes/VicidialTrigger/dedup';

const T0 = Date.UTC(2026, 10, 22, 5, 50, 33);
const MINUTE = 60_000;

describe('StaticDataDedupStore', () => {
	it('says "seen" only inside the window (default 10 minutes)', () => {
		const store = new StaticDataDedupStore({});
		expect(store.seen('dispo|M1|8|SALE', T0)).toBe(false);
		expect(store.seen('dispo|M1|8|SALE', T0 + 9 * MINUTE)).toBe(true);
		expect(store.seen('dispo|M1|8|SALE', T0 + 10 * MINUTE)).toBe(false);
		expect(store.seen('dispo|M1|8|NI', T0 + 10 * MINUTE)).toBe(false);
	});

	it('counts the window from the first sighting, not the last', () => {
		const store = new StaticDataDedupStore({}, 5);
		store.seen('k', T0);
		expect(store.seen('k', T0 + 4 * MINUTE)).toBe(true);
		expect(store.seen('k', T0 + 5 * MINUTE + 1)).toBe(false);
	});

	it('survives a restart: the state is plain JSON in static data', () => {
		const staticData: IDataObject = {};
		new StaticDataDedupStore(staticData).seen('dispo|M1|8|SALE', T0);
		const restored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(Object.keys(restored)).toEqual(['dedup']);
		expect(new StaticDataDedupStore(restored).seen('dispo|M1|8|SALE', T0 + MINUTE)).toBe(true);
	});

	it('stores hashed keys, never the lead or call id', () => {
		const staticData: IDataObject = {};
		new StaticDataDedupStore(staticData).seen('dispo|M1122334450000000008|8|SALE', T0);
		expect(JSON.stringify(staticData)).not.toContain('M1122334450000000008');
	});

	it('keeps at most maxEntries, dropping the oldest first', () => {
		const staticData: IDataObject = {};
		const store = new StaticDataDedupStore(staticData, 10, 3);
		for (const key of ['a', 'b', 'c', 'd']) store.seen(key, T0);
		expect(store.size()).toBe(3);
		expect(store.seen('a', T0 + 1)).toBe(false);
		expect(store.seen('d', T0 + 2)).toBe(true);
	});

	it('prunes expired entries as it goes', () => {
		const store = new StaticDataDedupStore({}, 1);
		store.seen('a', T0);
		store.seen('b', T0 + 30_000);
		store.seen('c', T0 + 70_000);
		expect(store.size()).toBe(2);
	});

	it('resets a corrupt or foreign value instead of failing', () => {
		for (const junk of ['x', null, { layout: 1, entries: { k: 'x' } }, { layout: 99, entries: {} }, []]) {
			const staticData: IDataObject = { dedup: junk as IDataObject };
			expect(new StaticDataDedupStore(staticData).seen('k', T0)).toBe(false);
			expect(new StaticDataDedupStore(staticData).seen('k', T0 + 1)).toBe(true);
		}
	});
});

describe('StaticDataDedupStore, saved copy', () => {
	it('gives the same verdicts after the clock went back, judging each entry by its own time', () => {
		const store = new StaticDataDedupStore({});
		store.seen('a', T0 + 5 * MINUTE);
		// The clock goes back 5 minutes: 'b' is queued behind an entry from the "future".
		store.seen('b', T0);
		expect(store.seen('a', T0 + MINUTE)).toBe(true);
		// 'b' is 10 minutes old; expiry from the front stops at 'a' (5 minutes old), the lookup does not.
		expect(store.seen('b', T0 + 10 * MINUTE)).toBe(false);
		expect(store.seen('b', T0 + 11 * MINUTE)).toBe(true);
		expect(store.seen('a', T0 + 15 * MINUTE)).toBe(false);
	});

	it('restores exactly the live keys: evicted ones stay evicted, expired ones expire', () => {
		const staticData: IDataObject = {};
		const store = new StaticDataDedupStore(staticData, 10, 3);
		['a', 'b', 'c', 'd'].forEach((key, i) => store.seen(key, T0 + i * MINUTE));
		const restored = () => new StaticDataDedupStore(JSON.parse(JSON.stringify(staticData)) as IDataObject, 10, 3);
		expect(restored().size()).toBe(3);
		expect(restored().seen('a', T0 + 4 * MINUTE)).toBe(false);
		expect(restored().seen('b', T0 + 4 * MINUTE)).toBe(true);
		expect(restored().seen('d', T0 + 4 * MINUTE)).toBe(true);
		expect(restored().seen('b', T0 + 11 * MINUTE)).toBe(false);
		expect(restored().seen('d', T0 + 12 * MINUTE)).toBe(true);
	});

	it('reads the layout-1 copy that earlier versions saved', () => {
		const oldHash = (key: string) => `k${createHash('sha256').update(key).digest('base64').slice(0, 22)}`;
		const staticData: IDataObject = { dedup: { layout: 1, entries: { [oldHash('dispo|M1|8|SALE')]: T0 } } };
		expect(new StaticDataDedupStore(staticData).seen('dispo|M1|8|SALE', T0 + MINUTE)).toBe(true);
		expect(new StaticDataDedupStore(staticData).seen('dispo|M1|8|NI', T0 + MINUTE)).toBe(false);
	});

	it('keeps the saved copy within 1.25 times the cap, about 20 characters an entry', () => {
		const staticData: IDataObject = {};
		const store = new StaticDataDedupStore(staticData, 10, 2000);
		let longest = 0;
		for (let i = 0; i < 10_000; i++) {
			store.seen(`dispo|M${i}|8|SALE`, T0 + i);
			longest = Math.max(longest, (staticData.dedup as { keys: string }).keys.length);
		}
		expect(longest).toBeLessThanOrEqual((2500 + 32) * 20);
		expect(JSON.stringify(staticData).length).toBeLessThanOrEqual(2500 * 20 + 100);
		expect(store.size()).toBe(2000);
	});
});

describe('MemoryDedupStore', () => {
	beforeEach(() => MemoryDedupStore.clear());

	it('remembers a key per trigger scope, inside the window only', () => {
		const store = new MemoryDedupStore('wf1|Trigger', 10);
		expect(store.seen('k', T0)).toBe(false);
		expect(new MemoryDedupStore('wf1|Trigger', 10).seen('k', T0 + MINUTE)).toBe(true);
		expect(new MemoryDedupStore('wf2|Trigger', 10).seen('k', T0 + MINUTE)).toBe(false);
		expect(store.seen('k', T0 + 10 * MINUTE)).toBe(false);
	});

	it('keeps at most maxEntries, dropping the oldest first', () => {
		const store = new MemoryDedupStore('s', 10, 2);
		for (const key of ['a', 'b', 'c']) store.seen(key, T0);
		expect(store.seen('a', T0 + 1)).toBe(false);
		expect(store.seen('c', T0 + 2)).toBe(true);
	});
});

describe('MemoryDedupStore with a saved copy', () => {
	beforeEach(() => MemoryDedupStore.clear());

	/**
	 * n8n's production webhook, as n8n-notes.md ("Queue mode") describes it: each request loads
	 * static data from the database, and after webhook() returns writes the whole of it back if it
	 * changed, so the last writer wins. Here every batch of `concurrency` requests loads before any
	 * of them saves, and they save in reverse order: the first request, with the oldest view, wins.
	 */
	async function concurrentCallouts(db: { saved: string }, keys: string[], concurrency: number): Promise<boolean[]> {
		const verdicts: boolean[] = [];
		for (let start = 0; start < keys.length; start += concurrency) {
			const batch = keys.slice(start, start + concurrency).map((key) => {
				const staticData = JSON.parse(db.saved) as IDataObject;
				return { key, staticData, loaded: JSON.stringify(staticData) };
			});
			for (const request of batch) {
				verdicts.push(await new MemoryDedupStore('wf1|Trigger', 10, 2000, { staticData: request.staticData }).seen(request.key, T0));
			}
			for (const request of [...batch].reverse()) {
				const now = JSON.stringify(request.staticData);
				if (now !== request.loaded) db.saved = now;
			}
		}
		return verdicts;
	}

	it('survives a restart with every key but those in flight at the last save, under concurrent requests', async () => {
		const db = { saved: '{}' };
		const keys = Array.from({ length: 2100 }, (_, i) => `dispo|M${i}|8|SALE`);
		expect(await concurrentCallouts(db, keys, 8)).not.toContain(true);

		MemoryDedupStore.clear(); // the restart
		const restored = new MemoryDedupStore('wf1|Trigger', 10, 2000, { staticData: JSON.parse(db.saved) as IDataObject });
		expect(restored.size()).toBe(2000);
		// Oldest first, so a forgotten key recorded now evicts only keys already asked about.
		const forgotten = keys.slice(100).filter((key) => !restored.seen(key, T0 + MINUTE));
		// 2,100 = 262 batches of 8 and one of 4: the winning save came from the first of those 4.
		expect(forgotten).toEqual(keys.slice(2097));
	});

	it('writes static data only for a new key, so a duplicate makes n8n save nothing', () => {
		let writes = 0;
		let value: unknown;
		const staticData = Object.defineProperty({}, 'dedup', {
			get: () => value,
			set: (next: unknown) => {
				writes++;
				value = next;
			},
			enumerable: true,
		}) as IDataObject;
		const store = new MemoryDedupStore('s', 10, 2000, { staticData });
		store.seen('a', T0);
		store.seen('a', T0 + 1);
		store.seen('b', T0 + 2);
		store.seen('b', T0 + 3);
		expect(writes).toBe(2);
	});

	it('is the exact record once it holds the scope: a later static data does not change its verdicts', () => {
		const first = new MemoryDedupStore('s', 10, 2000, { staticData: {} });
		first.seen('a', T0);
		const other: IDataObject = {};
		new StaticDataDedupStore(other).seen('b', T0);
		const later = new MemoryDedupStore('s', 10, 2000, { staticData: other });
		expect(later.seen('a', T0 + 1)).toBe(true);
		expect(later.seen('b', T0 + 1)).toBe(false);
	});
});

describe('LayeredDedupStore', () => {
	beforeEach(() => MemoryDedupStore.clear());

	it('records in every store and calls a duplicate when any store knows the key', async () => {
		const staticData: IDataObject = {};
		const layered = () => new LayeredDedupStore([new MemoryDedupStore('s'), new StaticDataDedupStore(staticData)]);
		expect(await layered().seen('k', T0)).toBe(false);
		// Static data lost (n8n did not save it): memory still knows.
		for (const key of Object.keys(staticData)) delete staticData[key];
		expect(await layered().seen('k', T0 + 1)).toBe(true);
		// A restart (memory gone) with the static data saved: static data knows.
		MemoryDedupStore.clear();
		expect(await layered().seen('k', T0 + 2)).toBe(true);
	});
});

describe('dedupKey', () => {
	it('joins event, call or uniqueid, lead and disposition', () => {
		const a = dedupKey({ eventType: 'dispo', callId: 'M1', leadId: '8', dispo: 'SALE' });
		expect(a).toBe(dedupKey({ eventType: 'dispo', callId: 'M1', uniqueId: 'ignored', leadId: '8', dispo: 'SALE' }));
		expect(a).not.toBe(dedupKey({ eventType: 'dispo', callId: 'M1', leadId: '8', dispo: 'NI' }));
		expect(a).not.toBe(dedupKey({ eventType: 'start', callId: 'M1', leadId: '8', dispo: 'SALE' }));
		expect(dedupKey({ eventType: 'dispo', uniqueId: '17.1' })).toBe(dedupKey({ eventType: 'dispo', callId: '17.1' }));
	});

	it('gives no key when nothing identifies the call-out', () => {
		expect(dedupKey({ eventType: 'pauseMax', user: '1000' })).toBeUndefined();
		expect(dedupKey({ eventType: 'agentEvents', user: '1000', counter: '3' })).toBeDefined();
	});
});
