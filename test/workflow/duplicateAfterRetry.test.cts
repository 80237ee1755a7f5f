import { delay, freePort } from '../../scripts/n8n/lib.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { leadRow } from '../../simulator/state.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { json, withSimulator } from './vicidial.shared.cjs';

/**
 * add_lead with a duplicate check, retried after a lost answer (issue 17 §4, second bullet),
 * through the VICIdial node against the simulator. The simulator models both ways a retry can
 * meet a duplicate: `resetAfterApply` (the first attempt added the lead, then the answer was
 * lost) and a lead that existed before the item, with the first attempt cut before PHP ran
 * (`reset`). VICIdial answers the retry the same in both (`DUPLICATE PHONE NUMBER IN LIST -
 * phone|list|existing lead_id`), so the node cannot tell them apart, and says so; a lead that
 * existed before is never passed off as this item's success.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

const PHONE = '8135550124';
const CANNOT_TELL = "VICIdial's duplicate reply cannot tell whether lead";

function addLead(onDuplicate: 'error' | 'return', continueOnFail = false, url = sim.url): Promise<NodeRun> {
	return runNode({
		type: 'vicidial',
		parameters: {
			resource: 'lead',
			operation: 'add_lead',
			phoneNumber: PHONE,
			listId: { __rl: true, mode: 'id', value: '101' },
			additionalFields: { first_name: 'Retry', duplicateCheck: ['DUPLIST'] },
			onDuplicate,
			options: { maxAttempts: 3 },
		},
		credentials: simCredentials(url),
		continueOnFail,
	});
}

const leads = () => [...sim.state.leads.values()].filter((lead) => lead.phone_number === PHONE);

/** A lead with the same number in list 101 before the item runs (seeded, as a CRM import left it). */
function existingLead(): number {
	const lead = leadRow(sim.state.next.lead_id++, { phone_number: PHONE, list_id: '101', first_name: 'Earlier' });
	sim.state.leads.set(lead.lead_id, lead);
	return lead.lead_id;
}

describe('a lead that existed before the item, met by a retry', () => {
	it('On Duplicate = error: the item fails as a duplicate, never passes as data', async () => {
		const existing = existingLead();
		sim.faults.add({ kind: 'reset', fn: 'add_lead', times: 1 });
		const run = await addLead('error');
		expect(sim.stats.byFunction.add_lead).toBe(2);
		expect(run.items).toHaveLength(0);
		expect(run.error?.message).toBe(`add_lead: DUPLICATE PHONE NUMBER IN LIST (${PHONE}|101|${existing})`);
		expect(run.error?.context).toMatchObject({ code: 'duplicate', maybeOwnLead: true, maybeApplied: true });
		expect(run.error?.description).toContain(`${CANNOT_TELL} ${existing} was added by an earlier attempt of this item or existed before it`);
		expect(leads()).toHaveLength(1);
	});

	it('On Duplicate = return: the existing lead, marked as possibly not this item\'s', async () => {
		const existing = existingLead();
		sim.faults.add({ kind: 'reset', fn: 'add_lead', times: 1 });
		const run = await addLead('return');
		expect(run.error).toBeUndefined();
		const [item] = json(run);
		expect(item).toMatchObject({ result: 'DUPLICATE', duplicate: true, retried: true, maybeOwnLead: true, lead_id: existing });
		expect(item.note).toContain(CANNOT_TELL);
		expect(item.result).not.toBe('SUCCESS');
	});

	it('with continueOnFail the error item says the add may or may not have been this item\'s', async () => {
		existingLead();
		sim.faults.add({ kind: 'reset', fn: 'add_lead', times: 1 });
		const run = await addLead('error', true);
		const [item] = json(run);
		expect(item.code).toBe('duplicate');
		expect(item.error).toContain('may or may not have been applied');
	});
});

describe('a lead the first attempt added before its answer was lost', () => {
	it('On Duplicate = error: fails the same way (VICIdial\'s reply is the same), and no second lead is added', async () => {
		sim.faults.add({ kind: 'resetAfterApply', fn: 'add_lead', times: 1 });
		const run = await addLead('error');
		const [lead] = leads();
		expect(leads()).toHaveLength(1);
		expect(run.error?.context).toMatchObject({ code: 'duplicate', maybeOwnLead: true });
		expect(run.error?.description).toContain(`${CANNOT_TELL} ${lead.lead_id}`);
	});

	it('On Duplicate = return: gives the lead, saying it may be this item\'s own', async () => {
		sim.faults.add({ kind: 'resetAfterApply', fn: 'add_lead', times: 1 });
		const run = await addLead('return');
		const [lead] = leads();
		expect(run.error).toBeUndefined();
		expect(json(run)[0]).toMatchObject({ result: 'DUPLICATE', duplicate: true, retried: true, maybeOwnLead: true, lead_id: lead.lead_id });
	});
});

describe('a duplicate on the first attempt', () => {
	it('is a plain duplicate: no retry, nothing said about earlier attempts', async () => {
		existingLead();
		const run = await addLead('error');
		expect(sim.stats.byFunction.add_lead).toBe(1);
		expect(run.error?.context?.code).toBe('duplicate');
		expect(run.error?.context?.maybeOwnLead).toBeUndefined();
		expect(run.error?.description ?? '').not.toContain(CANNOT_TELL);
	});
});

describe('a retry after an attempt that never reached VICIdial', () => {
	it('a duplicate then is the lead that existed before, not possibly this item\'s', async () => {
		// Nothing listens on the port for the first attempt (ECONNREFUSED: nothing was sent);
		// the simulator opens it during the 500 ms back-off, with the lead already there.
		const port = await freePort();
		let late: Simulator | undefined;
		const opening = delay(100).then(async () => {
			late = await startSimulator({ port, host: '127.0.0.1' });
			const lead = leadRow(late.state.next.lead_id++, { phone_number: PHONE, list_id: '101', first_name: 'Earlier' });
			late.state.leads.set(lead.lead_id, lead);
			return lead.lead_id;
		});
		try {
			const run = await addLead('error', false, `http://127.0.0.1:${port}`);
			const existing = await opening;
			expect(late?.stats.byFunction.add_lead).toBe(1);
			expect(run.error?.message).toBe(`add_lead: DUPLICATE PHONE NUMBER IN LIST (${PHONE}|101|${existing})`);
			expect(run.error?.context?.maybeOwnLead).toBeUndefined();
			expect(run.error?.description ?? '').not.toContain(CANNOT_TELL);
		} finally {
			await opening.catch(() => undefined);
			await late?.stop();
		}
	});
});
