import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, stopHarness } from '../helpers/harness.cjs';

/** The shared per-item loop through the VICIdial node: order, pairedItem, pacing, retries. */
describe('VICIdial node: many items', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim.stop();
		stopHarness();
	});
	beforeEach(() => sim.reset());

	const searchItems = ['7275551212', '3125550199', '4075550100', '9995550000', '7275551212', '3125550199'];
	const searchParams = (options: Record<string, unknown>) => ({
		resource: 'lead',
		operation: 'lead_search',
		phoneNumber: '={{ $json.phone }}',
		options,
	});

	it('keeps item order and pairedItem whatever the concurrency', async () => {
		// The first request is slow, so with concurrency 3 the later ones finish first.
		sim.faults.add({ kind: 'latency', fn: 'lead_search', ms: 300, times: 1 });
		const run = await runNode({
			type: 'vicidial',
			parameters: searchParams({ concurrency: 3 }),
			credentials: simCredentials(sim.url),
			items: searchItems.map((phone) => ({ phone })),
		});
		expect(run.error).toBeUndefined();
		const arrival = sim.log.map((r) => r.params.phone_number);
		expect(arrival).toHaveLength(searchItems.length);
		// 9995550000 matches nothing: zero items for it (NO MATCHES FOUND is an empty result).
		expect(run.items.map((i) => i.json.search_key)).toEqual(['7275551212', '3125550199', '4075550100', '7275551212', '3125550199']);
		expect(run.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 4, 5].map((item) => ({ item })));
		expect(run.items[0].json).toMatchObject({ search_key: '7275551212', records_found: 2 });
	});

	it('has n8n decrypt the credential once per run, not once per item', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: searchParams({ concurrency: 2 }),
			credentials: simCredentials(sim.url),
			items: searchItems.map((phone) => ({ phone })),
		});
		expect(run.error).toBeUndefined();
		expect(sim.log).toHaveLength(searchItems.length);
		// Every request still carried the credential's login (n8n's authenticate filled it in).
		expect(sim.log.every((r) => r.params.user === '6666' && r.params.pass === '1234')).toBe(true);
		expect(run.credentialReads).toBe(1);
	});

	it('keeps at most `concurrency` requests in flight, and uses them', async () => {
		sim.latencyMs = 50;
		await runNode({ type: 'vicidial', parameters: searchParams({ concurrency: 3 }), credentials: simCredentials(sim.url), items: searchItems.map((phone) => ({ phone })) });
		expect(sim.stats.maxInFlight).toBe(3);
		sim.reset();
		sim.latencyMs = 50;
		await runNode({ type: 'vicidial', parameters: searchParams({}), credentials: simCredentials(sim.url), items: searchItems.map((phone) => ({ phone })) });
		expect(sim.stats.maxInFlight).toBe(1);
	});

	it('spaces request starts by the pacing interval', async () => {
		await runNode({
			type: 'vicidial',
			parameters: searchParams({ concurrency: 4, pacingMs: 120 }),
			credentials: simCredentials(sim.url),
			items: searchItems.slice(0, 4).map((phone) => ({ phone })),
		});
		const starts = sim.log.map((r) => r.at);
		expect(starts).toHaveLength(4);
		// The node spaces its own starts by 120 ms or more; the simulator sees them through a
		// loaded machine's sockets, so some milliseconds of jitter either way (unpaced, the four
		// would arrive within a few milliseconds of each other).
		for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(100);
	});

	it('validates every item before sending any: one bad phone number sends nothing', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: searchParams({}),
			credentials: simCredentials(sim.url),
			items: [{ phone: '7275551212' }, { phone: '72-75a' }, { phone: '3125550199' }],
		});
		expect(run.error?.message).toBe('Phone Numbers must be phone numbers of 6-18 digits; got "72-75a"');
		expect(run.error?.context?.itemIndex).toBe(1);
		expect(sim.log).toHaveLength(0);
	});

	describe('retries that cannot duplicate a lead', () => {
		const addLead = (extra: Record<string, unknown>) => ({
			resource: 'lead',
			operation: 'add_lead',
			phoneNumber: '8135550123',
			listId: '101',
			additionalFields: { first_name: 'Retry', ...extra },
			options: { maxAttempts: 3 },
		});
		const leadsWith = (phone: string) => [...sim.state.leads.values()].filter((lead) => lead.phone_number === phone);

		it('retries add_lead with a duplicate check after a reset connection', async () => {
			sim.faults.add({ kind: 'reset', fn: 'add_lead', times: 1 });
			const run = await runNode({ type: 'vicidial', parameters: addLead({ duplicateCheck: ['DUPLIST'] }), credentials: simCredentials(sim.url) });
			expect(run.error).toBeUndefined();
			expect(sim.stats.byFunction.add_lead).toBe(2);
			expect(leadsWith('8135550123')).toHaveLength(1);
			expect(run.items[0].json).toMatchObject({ result: 'SUCCESS', message: 'LEAD HAS BEEN ADDED', phone_number: '8135550123', list_id: 101 });
		});

		// Was: a success item (result DUPLICATE, retried) even with On Duplicate = error, which let a
		// lead that existed before the item through as well (issue 17 §4). See duplicateAfterRetry.test.cts.
		it('does not add the lead twice when the first attempt was applied but the answer was lost', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'add_lead', times: 1 });
			const run = await runNode({ type: 'vicidial', parameters: addLead({ duplicateCheck: ['DUPLIST'] }), credentials: simCredentials(sim.url) });
			const [lead] = leadsWith('8135550123');
			expect(leadsWith('8135550123')).toHaveLength(1);
			expect(sim.stats.byFunction.add_lead).toBe(2);
			expect(run.error?.message).toBe(`add_lead: DUPLICATE PHONE NUMBER IN LIST (8135550123|101|${lead.lead_id})`);
			expect(run.error?.context).toMatchObject({ code: 'duplicate', maybeOwnLead: true });
		});

		it('does not retry add_lead without a duplicate check, and says it may have been applied', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'add_lead', times: 1 });
			const run = await runNode({ type: 'vicidial', parameters: addLead({}), credentials: simCredentials(sim.url) });
			expect(sim.stats.byFunction.add_lead).toBe(1);
			expect(leadsWith('8135550123')).toHaveLength(1);
			expect(run.error?.message).toContain('add_lead: Cannot reach VICIdial');
			expect(run.error?.description).toContain('may or may not have been applied');
			expect(run.error?.context?.code).toBe('network');
		});

		it('retries a read on HTTP 500 and stops after the configured attempts', async () => {
			sim.faults.add({ kind: 'http500', fn: 'lead_search' });
			const run = await runNode({
				type: 'vicidial',
				parameters: { resource: 'lead', operation: 'lead_search', phoneNumber: '7275551212', options: { maxAttempts: 2 } },
				credentials: simCredentials(sim.url),
			});
			expect(sim.stats.byFunction.lead_search).toBe(2);
			expect(run.error?.message).toBe('lead_search: VICIdial answered HTTP 500');
			expect(run.error?.context?.code).toBe('server');
		});

		it('times out a request that never answers', async () => {
			sim.faults.add({ kind: 'timeout', fn: 'lead_search' });
			const run = await runNode({
				type: 'vicidial',
				parameters: { resource: 'lead', operation: 'lead_search', phoneNumber: '7275551212', options: { maxAttempts: 1, timeoutMs: 300 } },
				credentials: simCredentials(sim.url),
			});
			expect(run.error?.message).toBe(`lead_search: VICIdial did not answer in time (${sim.url}/vicidial/non_agent_api.php)`);
			expect(run.error?.context?.code).toBe('network');
		});
	});
});
