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
