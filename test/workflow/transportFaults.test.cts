import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { json, withSimulator } from './vicidial.shared.cjs';

/**
 * What a running VICIdial 2.14 and a fault run showed about retries, timeouts and input
 * (issue 17 §4 and §6, vicidial-api-notes.md §8.10), through the VICIdial node against the
 * simulator.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

const list = (value: string) => ({ __rl: true, mode: 'id', value });
const MAYBE = 'The request may or may not have been applied';

function node(parameters: IDataObject, options: IDataObject = {}): Promise<NodeRun> {
	return runNode({ type: 'vicidial', parameters: { ...parameters, options: { maxAttempts: 3, ...options } }, credentials: simCredentials(sim.url) });
}

describe('retries that run out', () => {
	it('say "may or may not have been applied" when an earlier attempt reached VICIdial (add_lead with a duplicate check)', async () => {
		// Attempt 1 creates the lead and loses the answer; attempts 2 and 3 are cut before PHP runs.
		sim.faults.add({ kind: 'resetAfterApply', fn: 'add_lead', times: 1 });
		sim.faults.add({ kind: 'reset', fn: 'add_lead', times: 3 });
		const run = await node(
			{ resource: 'lead', operation: 'add_lead', listId: list('101'), phoneNumber: '3125550177', additionalFields: { duplicateCheck: 'DUPLIST' } }
		);
		expect(sim.stats.byFunction.add_lead).toBe(3);
		expect(run.error?.context?.code).toBe('network');
		expect(run.error?.description).toContain(MAYBE);
		expect([...sim.state.leads.values()].filter((lead) => lead.phone_number === '3125550177')).toHaveLength(1);
	});

	it('do not say so when no attempt could reach the server (connection refused)', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: { resource: 'dnc', operation: 'add_dnc_phone', phoneNumber: '7275558888', campaignId: list('SYSTEM_INTERNAL'), options: { maxAttempts: 2 } },
			credentials: simCredentials('http://127.0.0.1:9'),
		});
		expect(run.error?.context?.code).toBe('network');
		expect(run.error?.description ?? '').not.toContain(MAYBE);
	});
});

describe('Timeout (ms) is a deadline for the whole request', () => {
	it('fails a read whose server trickles a byte every 300 ms, although the socket is never idle for 1 s', async () => {
		sim.faults.add({ kind: 'slowBody', fn: 'logged_in_agents', ms: 300 });
		const run = await node({ resource: 'agentStatus', operation: 'logged_in_agents' }, { timeoutMs: 1000, maxAttempts: 1 });
		expect(run.error?.message).toBe(`logged_in_agents: VICIdial did not answer in time (${sim.url}/vicidial/non_agent_api.php)`);
		expect(run.items).toHaveLength(0);
	});
});

describe("an apostrophe in the lead on PHP 8 (HTTP 500, notes §8.10)", () => {
	beforeEach(() => {
		const lead = sim.state.leads.get(4);
		if (!lead) throw new Error('seed lead 4 missing');
		lead.last_name = "O'Brien";
	});

	it('lead_all_info: not retried three times as if transient, and the error gives the hint', async () => {
		const run = await node({ resource: 'lead', operation: 'lead_all_info', additionalFields: { leadId: '4' } });
		expect(run.error?.message).toBe('lead_all_info: VICIdial answered HTTP 500 with an empty body');
		expect(run.error?.description).toContain("apostrophe (O'Brien)");
		expect(sim.stats.byFunction.lead_all_info).toBe(2);
	});

	it('lead_field_info answers HTTP 500 with the value still in the body, and fails the same way', async () => {
		const run = await node({ resource: 'lead', operation: 'lead_field_info', leadId: '4', fieldName: 'last_name' });
		expect(run.error?.message).toBe('lead_field_info: VICIdial answered HTTP 500');
		expect(run.error?.description).toContain('apostrophe');
		expect(sim.stats.byFunction.lead_field_info).toBe(2);
	});

	it('a lead without a quote reads normally', async () => {
		const run = await node({ resource: 'lead', operation: 'lead_field_info', leadId: '1', fieldName: 'first_name' });
		expect(run.error).toBeUndefined();
		expect(sim.stats.byFunction.lead_field_info).toBe(1);
	});
});

describe('input accepted in a corrupted form is refused (issue 17 §6)', () => {
	it('+0 312 555 0100 is refused, naming the field; nothing is sent', async () => {
		const run = await node({ resource: 'lead', operation: 'add_lead', listId: list('101'), phoneNumber: '+0 312 555 0100' });
		expect(run.error?.message).toBe('Phone Number must be digits, with a country code after + that does not start with 0; got "+0 312 555 0100"');
		expect(sim.log).toHaveLength(0);
	});

	it('1990-02-03 garbage is refused, not cut to 1990-02-03', async () => {
		const run = await node({ resource: 'lead', operation: 'add_lead', listId: list('101'), phoneNumber: '3125550100', additionalFields: { dateOfBirth: '1990-02-03 garbage' } });
		expect(run.error?.message).toBe('Date of Birth must be a date as YYYY-MM-DD; got "1990-02-03 garbage"');
		expect(sim.log).toHaveLength(0);
	});

	it('an ISO timestamp from an expression still gives its date', async () => {
		const run = await node({ resource: 'lead', operation: 'add_lead', listId: list('101'), phoneNumber: '3125550100', additionalFields: { dateOfBirth: '1990-02-03T00:00:00.000Z' } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params.date_of_birth).toBe('1990-02-03');
		expect(json(run)[0].result).toBe('SUCCESS');
	});
});
