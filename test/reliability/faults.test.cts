/**
 * Every fault the simulator and the network can throw at add_lead with a duplicate check and
 * retries, through the VICIdial node (issue 10). For each item: its outcome (a success after a
 * safe retry, a clear failure, or a continue-on-fail item that says "may or may not have been
 * applied" where the write may have happened), the time the run took against the deadline and
 * back-off, and that nothing hangs. The figures: duplicates per phone, items lost, and errors
 * whose write happened but which do not say so.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { selfSignedCertificate, startBlackhole } from '../../simulator/network.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import type { Fault, FaultKind } from '../../simulator/faults.cjs';
import { runNode, simCredentials, stopHarness, type NodeRun } from '../helpers/harness.cjs';
import { FULL, recordFigures, size } from './support.cjs';

jest.setTimeout(size(120_000, 3_600_000));

const MAYBE = 'may or may not have been applied';
const TIMEOUT_MS = 300;
/** transport.ts: the first back-off is 500 ms, doubled per attempt. */
const BACKOFF_MS = [0, 500, 1_000];

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
	stopHarness();
});
beforeEach(() => sim.reset());

/** The longest a run of `items` can rightly take at `concurrency`: every attempt to its deadline, every back-off. */
function worstCase(items: number, concurrency: number, maxAttempts: number): number {
	const perItem = maxAttempts * TIMEOUT_MS + BACKOFF_MS.slice(0, maxAttempts).reduce((a, b) => a + b, 0);
	return Math.ceil(items / concurrency) * perItem;
}

interface Batch {
	url?: string;
	phones: string[];
	concurrency?: number;
	maxAttempts?: number;
	credentials?: ICredentialDataDecryptedObject;
}

async function addLeads(batch: Batch): Promise<{ run: NodeRun; ms: number }> {
	const started = Date.now();
	const run = await runNode({
		type: 'vicidial',
		parameters: {
			resource: 'lead',
			operation: 'add_lead',
			listId: { __rl: true, mode: 'id', value: '101' },
			phoneNumber: '={{ $json.phone }}',
			additionalFields: { first_name: 'Fault', duplicateCheck: 'DUPLIST' },
			options: { maxAttempts: batch.maxAttempts ?? 3, timeoutMs: TIMEOUT_MS, concurrency: batch.concurrency ?? 1 },
		},
		credentials: simCredentials(batch.url ?? sim.url, batch.credentials ?? {}),
		items: batch.phones.map((phone) => ({ phone })),
		continueOnFail: true,
	});
	const ms = Date.now() - started;
	// A held or raced request may still write after the client gave up on it.
	await sim.whenIdle();
	return { run, ms };
}

type Outcome = 'success' | 'flagged duplicate' | 'flagged failure' | 'clear failure';

interface Figures {
	items: number;
	success: number;
	flaggedDuplicate: number;
	flaggedFailure: number;
	clearFailure: number;
	/** Phones with more than one lead. */
	duplicatePhones: number;
	/** Input items without exactly one output item. */
	lost: number;
	/** Items whose lead exists but whose output neither is that lead nor says it may have been applied. */
	unflaggedWrites: number;
	/** Items that say "may or may not" although no lead was written (harmless, but counted). */
	needlessMaybe: number;
	/** Successes whose lead_id is not the one lead of their phone. */
	wrongSuccess: number;
}

/** Reads every output item against what the simulated VICIdial holds. */
function judge(phones: string[], run: NodeRun, leadsOf: (phone: string) => number[]): { figures: Figures; outcomes: Outcome[] } {
	const figures: Figures = {
		items: phones.length,
		success: 0,
		flaggedDuplicate: 0,
		flaggedFailure: 0,
		clearFailure: 0,
		duplicatePhones: 0,
		lost: 0,
		unflaggedWrites: 0,
		needlessMaybe: 0,
		wrongSuccess: 0,
	};
	const byItem = new Map<number, IDataObject[]>();
	for (const item of run.items) {
		const paired = item.pairedItem as { item: number } | undefined;
		const index = paired?.item ?? -1;
		byItem.set(index, [...(byItem.get(index) ?? []), item.json]);
	}
	const outcomes: Outcome[] = [];
	for (const phone of new Set(phones)) if (leadsOf(phone).length > 1) figures.duplicatePhones += 1;
	phones.forEach((phone, i) => {
		const out = byItem.get(i) ?? [];
		if (out.length !== 1) {
			figures.lost += 1;
			return;
		}
		const [json] = out;
		const leads = leadsOf(phone);
		const text = typeof json.error === 'string' ? json.error : '';
		const says = text.includes(MAYBE);
		let outcome: Outcome;
		if (json.result === 'SUCCESS') {
			outcome = 'success';
			if (leads.length !== 1 || leads[0] !== json.lead_id) figures.wrongSuccess += 1;
		} else if (json.code === 'duplicate' && says) {
			outcome = 'flagged duplicate';
		} else if (says) {
			outcome = 'flagged failure';
		} else {
			outcome = 'clear failure';
		}
		if (outcome !== 'success' && leads.length > 0 && !says) figures.unflaggedWrites += 1;
		if (says && leads.length === 0) figures.needlessMaybe += 1;
		figures[outcome === 'success' ? 'success' : outcome === 'flagged duplicate' ? 'flaggedDuplicate' : outcome === 'flagged failure' ? 'flaggedFailure' : 'clearFailure'] += 1;
		outcomes.push(outcome);
	});
	return { figures, outcomes };
}

const leadsIn = (target: Simulator) => (phone: string) =>
	[...target.state.leads.values()].filter((lead) => lead.phone_number === phone).map((lead) => lead.lead_id);

let phoneCounter = 0;
/** Fresh valid numbers (area code 312, 4th digit ≥ 2). */
function phones(count: number): string[] {
	return Array.from({ length: count }, () => `312555${String(1000 + (phoneCounter++ % 9000)).padStart(4, '0')}`);
}

const table: Record<string, Record<string, unknown>> = {};
afterAll(() => recordFigures('faults', table));

describe('each fault on every attempt, or on the first only, through the node (one item, 2 attempts)', () => {
	/**
	 * `first`: the outcome when only the first attempt meets the fault; `every`: when every attempt
	 * does. `slowBody` trickles a byte every 10 ms, past the 300 ms deadline.
	 */
	const cases: Array<{ kind: FaultKind; ms?: number; first: Outcome; every: Outcome; attemptsEvery: number }> = [
		{ kind: 'latency', ms: 50, first: 'success', every: 'success', attemptsEvery: 1 },
		{ kind: 'http500', first: 'success', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'empty500', first: 'success', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'reset', first: 'success', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'timeout', first: 'success', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'slowBody', ms: 10, first: 'flagged duplicate', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'resetAfterApply', first: 'flagged duplicate', every: 'flagged failure', attemptsEvery: 2 },
		{ kind: 'timeoutAfterApply', first: 'flagged duplicate', every: 'flagged failure', attemptsEvery: 2 },
		// The held first attempt runs once the retry arrived: the retry adds the lead, the late
		// one meets its duplicate check. The retry's own SUCCESS is the item's.
		{ kind: 'lateApply', ms: 1_500, first: 'success', every: 'flagged failure', attemptsEvery: 2 },
	];

	it.each(cases)('$kind', async ({ kind, ms, first, every, attemptsEvery }) => {
		const results: Record<string, unknown> = {};
		for (const pattern of ['first', 'every'] as const) {
			sim.reset();
			const fault: Fault = { kind, fn: 'add_lead', ms, ...(pattern === 'first' ? { times: 1 } : {}) };
			sim.faults.add(fault);
			const batch = phones(1);
			const { run, ms: took } = await addLeads({ phones: batch, maxAttempts: 2 });
			const { figures, outcomes } = judge(batch, run, leadsIn(sim));
			expect(outcomes).toEqual([pattern === 'first' ? first : every]);
			expect(figures).toMatchObject({ duplicatePhones: 0, lost: 0, unflaggedWrites: 0, wrongSuccess: 0 });
			if (pattern === 'every') expect(sim.stats.byFunction.add_lead).toBe(attemptsEvery);
			// A hang check, not a speed test: twice the worst case, plus a second for n8n-core.
			expect(took).toBeLessThan(2 * worstCase(1, 1, 2) + 1_000);
			results[pattern] = `${outcomes[0]} in ${took} ms`;
		}
		table[kind] = results;
	});

	it('a host that accepts the connection and never answers: each attempt ends at the deadline, the write may have happened', async () => {
		const hole = await startBlackhole();
		try {
			const batch = phones(1);
			const { run, ms } = await addLeads({ url: hole.url, phones: batch, maxAttempts: 2 });
			const { outcomes } = judge(batch, run, () => []);
			expect(outcomes).toEqual(['flagged failure']);
			expect(String(run.items[0].json.error)).toContain('did not answer in time');
			expect(hole.connections).toBe(2);
			expect(ms).toBeLessThan(2 * worstCase(1, 1, 2) + 1_000);
			table.acceptsNeverAnswers = { every: `${outcomes[0]} in ${ms} ms`, connections: hole.connections };
		} finally {
			await hole.stop();
		}
	});

	it('DNS failure (vicidial.invalid): a clear failure at once, not retried, nothing said about a write', async () => {
		const batch = phones(1);
		const { run, ms } = await addLeads({ url: 'http://vicidial.invalid', phones: batch });
		const { outcomes } = judge(batch, run, () => []);
		expect(outcomes).toEqual(['clear failure']);
		expect(run.items[0].json).toMatchObject({ code: 'network' });
		expect(ms).toBeLessThan(2 * worstCase(1, 1, 1) + 1_000);
		table.dnsFailure = { every: `${outcomes[0]} in ${ms} ms` };
	});

	describe('TLS', () => {
		let tls: Simulator;
		beforeAll(async () => {
			tls = await startSimulator({ tls: selfSignedCertificate() });
		});
		afterAll(() => tls.stop());
		beforeEach(() => tls.reset());

		it('a self-signed certificate: a clear TLS failure, one attempt, nothing reached VICIdial', async () => {
			const batch = phones(1);
			const { run, ms } = await addLeads({ url: tls.url, phones: batch });
			const { outcomes } = judge(batch, run, leadsIn(tls));
			expect(outcomes).toEqual(['clear failure']);
			expect(String(run.items[0].json.error)).toContain('TLS failure');
			expect(tls.log).toHaveLength(0);
			table.tlsSelfSigned = { every: `${outcomes[0]} in ${ms} ms` };
		});

		it('the same certificate with "Ignore SSL Issues" adds the lead', async () => {
			const batch = phones(1);
			const { run } = await addLeads({ url: tls.url, phones: batch, credentials: { ignoreSslIssues: true } });
			expect(judge(batch, run, leadsIn(tls)).outcomes).toEqual(['success']);
		});

		// Found by this suite: a plain-HTTP server behind an https:// URL fails the handshake with
		// EPROTO, which transport.ts counts neither as TLS nor as "not sent": the item is retried
		// three times and says the lead may have been added, though no request reached PHP.
		it.failing('plain HTTP behind an https:// URL: a clear TLS failure, not retried, nothing said about a write', async () => {
			const batch = phones(1);
			const { run } = await addLeads({ url: sim.url.replace('http:', 'https:'), phones: batch });
			expect(judge(batch, run, leadsIn(sim)).outcomes).toEqual(['clear failure']);
		});

		it('plain HTTP behind an https:// URL today: fails, reaches nothing, adds no lead', async () => {
			const batch = phones(1);
			const { run, ms } = await addLeads({ url: sim.url.replace('http:', 'https:'), phones: batch });
			const { figures, outcomes } = judge(batch, run, leadsIn(sim));
			expect(run.items[0].json).toMatchObject({ code: 'network' });
			expect(sim.log).toHaveLength(0);
			expect(figures).toMatchObject({ lost: 0, unflaggedWrites: 0, duplicatePhones: 0 });
			table.plainHttpOnHttpsUrl = { every: `${outcomes[0]} in ${ms} ms`, needlessMaybe: figures.needlessMaybe };
		});
	});
});

/** A fault on a random share of requests, seeded, every kind at once. */
const MIX: Fault[] = [
	{ kind: 'latency', fn: 'add_lead', ms: 40, rate: 0.03 },
	{ kind: 'http500', fn: 'add_lead', rate: 0.02 },
	{ kind: 'empty500', fn: 'add_lead', rate: 0.02 },
	{ kind: 'reset', fn: 'add_lead', rate: 0.02 },
	{ kind: 'timeout', fn: 'add_lead', rate: 0.015 },
	{ kind: 'slowBody', fn: 'add_lead', ms: 10, rate: 0.01 },
	{ kind: 'resetAfterApply', fn: 'add_lead', rate: 0.02 },
	{ kind: 'timeoutAfterApply', fn: 'add_lead', rate: 0.015 },
	{ kind: 'lateApply', fn: 'add_lead', ms: 2_000, rate: 0.015 },
];

function sum(all: Figures[]): Figures {
	const total = { ...all[0] };
	for (const figures of all.slice(1)) for (const key of Object.keys(total) as Array<keyof Figures>) total[key] += figures[key];
	return total;
}

async function mixedRun(name: string, faults: Fault[], total: number, batchSize: number, concurrency: number): Promise<Figures> {
	const all: Figures[] = [];
	let ms = 0;
	let faulted = 0;
	for (let done = 0, seed = 1; done < total; done += batchSize, seed++) {
		sim.reset();
		sim.faults.seed(seed);
		for (const fault of faults) sim.faults.add(fault);
		const batch = phones(Math.min(batchSize, total - done));
		const result = await addLeads({ phones: batch, concurrency });
		ms += result.ms;
		faulted += sim.log.filter((record) => record.faults?.some((kind) => kind !== 'raceWindow')).length;
		all.push(judge(batch, result.run, leadsIn(sim)).figures);
		expect(result.ms).toBeLessThan(2 * worstCase(batch.length, concurrency, 3) + 2_000);
	}
	const figures = sum(all);
	table[name] = { ...figures, faultedRequests: faulted, concurrency, seconds: Math.round(ms / 100) / 10 };
	return figures;
}

describe('many items, every fault kind mixed at random (seeded), concurrency 8', () => {
	it('0 duplicates per phone, 0 items lost, 0 writes that go unsaid', async () => {
		const total = size(160, 18_000);
		const figures = await mixedRun('mixed', MIX, total, size(160, 1_000), 8);
		expect(figures).toMatchObject({ items: total, duplicatePhones: 0, lost: 0, unflaggedWrites: 0, wrongSuccess: 0 });
		// The faults did happen (at full size some items also met their own earlier write).
		expect(table.mixed.faultedRequests).toBeGreaterThan(0);
		if (FULL) expect(figures.flaggedDuplicate).toBeGreaterThan(0);
		expect(figures.success).toBeGreaterThan(total / 2);
	});

	it('with a race window in every add_lead: retries after a finished attempt still never add twice', async () => {
		// Every fault but lateApply: each attempt has finished on the server (written or not)
		// before the client sends the next, so an item's attempts cannot overlap.
		const finished = MIX.filter((fault) => fault.kind !== 'lateApply');
		const total = size(120, 3_000);
		const figures = await mixedRun('mixedRaceWindow', [...finished, { kind: 'raceWindow', fn: 'add_lead', ms: 20 }], total, size(120, 1_000), 8);
		expect(figures).toMatchObject({ items: total, duplicatePhones: 0, lost: 0, unflaggedWrites: 0, wrongSuccess: 0 });
	});
});

describe('the race window: duplicate check and insert interleaved, as the PHP can', () => {
	const raced = (ms = 50): Fault => ({ kind: 'raceWindow', fn: 'add_lead', ms });

	it('one number twice in the input at concurrency 1: the second item is refused as a duplicate', async () => {
		sim.faults.add(raced());
		const [phone] = phones(1);
		const { run } = await addLeads({ phones: [phone, phone], concurrency: 1 });
		expect(leadsIn(sim)(phone)).toHaveLength(1);
		expect(run.items.map((item) => item.json.code ?? item.json.result)).toEqual(['SUCCESS', 'duplicate']);
		table.sameNumberTwiceC1 = { leads: 1 };
	});

	it('one number twice in the input at concurrency 2: both pass the check, VICIdial holds two leads (the node does not serialise equal numbers)', async () => {
		sim.faults.add(raced());
		const [phone] = phones(1);
		const { run } = await addLeads({ phones: [phone, phone], concurrency: 2 });
		const leads = leadsIn(sim)(phone);
		expect(leads).toHaveLength(2);
		expect(run.items.map((item) => item.json.result)).toEqual(['SUCCESS', 'SUCCESS']);
		table.sameNumberTwiceC2 = { leads: leads.length };
	});

	it('without the race window the same input at concurrency 2 adds one lead', async () => {
		const [phone] = phones(1);
		await addLeads({ phones: [phone, phone], concurrency: 2 });
		expect(leadsIn(sim)(phone)).toHaveLength(1);
	});

	/**
	 * Retries of one item can race themselves: the first attempt is still running on the server
	 * when the node, its deadline passed, sends the retry; both pass the duplicate check. The node
	 * reports the retry's SUCCESS and nothing else, so the second lead goes unsaid.
	 */
	it('a retry sent while the timed-out first attempt still runs: two leads for one item today', async () => {
		sim.faults.add({ kind: 'lateApply', fn: 'add_lead', times: 1 });
		sim.faults.add(raced());
		const batch = phones(1);
		const { run } = await addLeads({ phones: batch });
		const leads = leadsIn(sim)(batch[0]);
		expect(leads).toHaveLength(2);
		expect(run.items[0].json.result).toBe('SUCCESS');
		table.retryRacesTimedOutAttempt = { leads: leads.length, output: String(run.items[0].json.result) };
	});

	it.failing('a retry sent while the timed-out first attempt still runs adds no second lead, or says it may have', async () => {
		sim.faults.add({ kind: 'lateApply', fn: 'add_lead', times: 1 });
		sim.faults.add(raced());
		const batch = phones(1);
		const { run } = await addLeads({ phones: batch });
		expect(judge(batch, run, leadsIn(sim)).figures).toMatchObject({ duplicatePhones: 0, wrongSuccess: 0 });
	});
});
