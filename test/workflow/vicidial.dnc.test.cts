import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { REPORT_USER, expectError, json, rl, withSimulator } from './vicidial.shared.cjs';

/**
 * DNC lists and filter phone groups through the VICIdial node, against the simulator. Seed:
 * 7275559999 on the system DNC list (SYSTEM_INTERNAL), 7275558000 on TESTCAMP's, and
 * 7275550001 in the filter phone group TEST_IN_FILTER.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

function dnc(parameters: IDataObject, as?: ICredentialDataDecryptedObject): Promise<NodeRun> {
	return runNode({ type: 'vicidial', parameters: { resource: 'dnc', ...parameters }, credentials: simCredentials(sim.url, as) });
}

const dncList = (list: string) => [...(sim.state.dnc.get(list) ?? [])].sort();
const group = (id: string) => [...(sim.state.filterPhoneGroups.get(id) ?? [])].sort();

describe('add_dnc_phone', () => {
	it.each([
		['SYSTEM_INTERNAL', '(727) 555-8888'],
		['TESTCAMP', '+1 727-555-8888'],
	])('adds a pasted number to the %s DNC list', async (list, pasted) => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: pasted, campaignId: rl(list) });
		expect(run.error).toBeUndefined();
		// DNC numbers carry no country code: a "+1" is dropped, not sent as phone_code.
		expect(sim.log[0].params).toMatchObject({ phone_number: '7275558888', campaign_id: list });
		expect(sim.log[0].params.phone_code).toBeUndefined();
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'DNC NUMBER HAS BEEN ADDED', api_user: '6666', phone_number: '7275558888', campaign_id: list }]);
		expect(dncList(list)).toContain('7275558888');
	});

	it('fails with code duplicate for a number already on the list', async () => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275559999', campaignId: 'SYSTEM_INTERNAL' });
		expectError(run, 'add_dnc_phone: DNC NUMBER ALREADY EXISTS (6666|7275559999|SYSTEM_INTERNAL)', 'duplicate');
	});

	it('fails with a permission error without Modify Lists', async () => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275558888', campaignId: 'SYSTEM_INTERNAL' }, REPORT_USER);
		expectError(run, 'add_dnc_phone: USER DOES NOT HAVE PERMISSION TO ADD DNC NUMBERS (apirep|0)', 'permission');
		expect(dncList('SYSTEM_INTERNAL')).toEqual(['7275559999']);
	});

	it('refuses a number with letters before sending', async () => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '727-555-CALL', campaignId: 'SYSTEM_INTERNAL' });
		expect(run.error?.message).toBe('Phone Number must be 6-20 digits; got "727-555-CALL"');
		expect(run.error?.context?.code).toBe('validation');
		expect(sim.log).toHaveLength(0);
	});

	it('takes a number of up to 20 digits', async () => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '44207946095812345678', campaignId: 'SYSTEM_INTERNAL' });
		expect(json(run)[0]).toMatchObject({ message: 'DNC NUMBER HAS BEEN ADDED', phone_number: '44207946095812345678' });
	});

	// Regression (was a bug): add_dnc_phone is retried after a lost answer (catalogue retry 'always': "a repeat is
	// refused with DNC NUMBER ALREADY EXISTS"), but reply.ts checkReply() turns that refusal
	// of the node's own first attempt into a failure: the number is on the list and the item
	// fails with "DNC NUMBER ALREADY EXISTS" (code duplicate). The same holds for every write
	// whose repeat is refused: delete_dnc_phone, add/delete_fpg_phone, add_list, lead_dearchive,
	// update_log_entry, hopper_bulk_insert. checkReply only forgives DUPLICATE for add_lead.
	it('treats "already exists" after its own retried attempt as done', async () => {
		sim.faults.add({ kind: 'resetAfterApply', fn: 'add_dnc_phone', times: 1 });
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275558888', campaignId: 'SYSTEM_INTERNAL', options: { maxAttempts: 2 } });
		expect(sim.stats.byFunction.add_dnc_phone).toBe(2);
		expect(dncList('SYSTEM_INTERNAL')).toEqual(['7275558888', '7275559999']);
		expect(run.error).toBeUndefined();
		expect(json(run)[0]).toMatchObject({ phone_number: '7275558888', campaign_id: 'SYSTEM_INTERNAL' });
	});
});

describe('delete_dnc_phone', () => {
	it('removes a number from the system DNC list', async () => {
		const run = await dnc({ operation: 'delete_dnc_phone', phoneNumber: '727.555.9999', campaignId: rl('SYSTEM_INTERNAL') });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'DNC NUMBER HAS BEEN DELETED', api_user: '6666', phone_number: '7275559999', campaign_id: 'SYSTEM_INTERNAL' }]);
		expect(dncList('SYSTEM_INTERNAL')).toEqual([]);
	});

	it('fails with not_found for a number not on the list', async () => {
		const run = await dnc({ operation: 'delete_dnc_phone', phoneNumber: '7275559999', campaignId: 'TESTCAMP' });
		expectError(run, 'delete_dnc_phone: DNC NUMBER DOES NOT EXIST (6666|7275559999|TESTCAMP)', 'not_found');
		expect(dncList('SYSTEM_INTERNAL')).toEqual(['7275559999']);
	});

	it('fails with a permission error without Delete From DNC Lists', async () => {
		const run = await dnc({ operation: 'delete_dnc_phone', phoneNumber: '7275559999', campaignId: 'SYSTEM_INTERNAL' }, REPORT_USER);
		expectError(run, 'delete_dnc_phone: USER DOES NOT HAVE PERMISSION TO DELETE DNC NUMBERS (apirep|0)', 'permission');
		expect(run.error?.description).toContain('Delete From DNC Lists = 1');
	});
});

describe('add_fpg_phone', () => {
	it('adds a number to a filter phone group', async () => {
		const run = await dnc({ operation: 'add_fpg_phone', phoneNumber: '(727) 555-0002', group: 'TEST_IN_FILTER' });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ phone_number: '7275550002', group: 'TEST_IN_FILTER' });
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'FILTER PHONE GROUP NUMBER HAS BEEN ADDED', api_user: '6666', phone_number: '7275550002', group: 'TEST_IN_FILTER' }]);
		expect(group('TEST_IN_FILTER')).toEqual(['7275550001', '7275550002']);
	});

	it('fails with not_found for a group that does not exist', async () => {
		const run = await dnc({ operation: 'add_fpg_phone', phoneNumber: '7275550002', group: 'NOPE' });
		expectError(run, 'add_fpg_phone: FILTER PHONE GROUP DOES NOT EXIST (6666|NOPE)', 'not_found');
	});

	it('fails with code duplicate for a number already in the group', async () => {
		const run = await dnc({ operation: 'add_fpg_phone', phoneNumber: '7275550001', group: 'TEST_IN_FILTER' });
		expectError(run, 'add_fpg_phone: FILTER PHONE GROUP NUMBER ALREADY EXISTS (6666|7275550001|TEST_IN_FILTER)', 'duplicate');
	});

	it('refuses a group ID with spaces before sending', async () => {
		const run = await dnc({ operation: 'add_fpg_phone', phoneNumber: '7275550002', group: 'TEST IN' });
		expect(run.error?.message).toBe('Filter Phone Group must be 2-30 characters (letters, digits, _ and -); got "TEST IN"');
		expect(sim.log).toHaveLength(0);
	});
});

describe('delete_fpg_phone', () => {
	it('removes a number from a filter phone group', async () => {
		const run = await dnc({ operation: 'delete_fpg_phone', phoneNumber: '727-555-0001', group: 'TEST_IN_FILTER' });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'FILTER PHONE GROUP NUMBER HAS BEEN DELETED', api_user: '6666', phone_number: '7275550001', group: 'TEST_IN_FILTER' }]);
		expect(group('TEST_IN_FILTER')).toEqual([]);
	});

	it('fails with not_found for a number not in the group', async () => {
		const run = await dnc({ operation: 'delete_fpg_phone', phoneNumber: '7275550009', group: 'TEST_IN_FILTER' });
		expectError(run, 'delete_fpg_phone: FILTER PHONE GROUP NUMBER DOES NOT EXIST (6666|7275550009|TEST_IN_FILTER)', 'not_found');
	});

	it('fails with a permission error without Modify Lists', async () => {
		const run = await dnc({ operation: 'delete_fpg_phone', phoneNumber: '7275550001', group: 'TEST_IN_FILTER' }, REPORT_USER);
		expectError(run, 'delete_fpg_phone: USER DOES NOT HAVE PERMISSION TO DELETE FILTER PHONE GROUP NUMBERS (apirep|0)', 'permission');
		expect(group('TEST_IN_FILTER')).toEqual(['7275550001']);
	});
});

describe("Treat 'Already Exists' as Success", () => {
	const on = { alreadyDoneAsSuccess: true };

	it('turns a number already on the DNC list into a success item that says so', async () => {
		const run = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275559999', campaignId: rl('SYSTEM_INTERNAL'), ...on });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{ result: 'already exists', message: 'DNC NUMBER ALREADY EXISTS', alreadyDone: true, api_user: '6666', phone_number: '7275559999', campaign_id: 'SYSTEM_INTERNAL' },
		]);
		expect(dncList('SYSTEM_INTERNAL')).toEqual(['7275559999']);
	});

	it('turns a number already gone from the DNC list into a success item', async () => {
		const run = await dnc({ operation: 'delete_dnc_phone', phoneNumber: '7275551111', campaignId: rl('SYSTEM_INTERNAL'), ...on });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{ result: 'already gone', message: 'DNC NUMBER DOES NOT EXIST', alreadyDone: true, api_user: '6666', phone_number: '7275551111', campaign_id: 'SYSTEM_INTERNAL' },
		]);
	});

	it('does the same for filter phone groups, but a group that does not exist still fails', async () => {
		const added = await dnc({ operation: 'add_fpg_phone', phoneNumber: '7275550001', group: 'TEST_IN_FILTER', ...on });
		expect(json(added)).toEqual([expect.objectContaining({ result: 'already exists', alreadyDone: true, phone_number: '7275550001', group: 'TEST_IN_FILTER' })]);
		const gone = await dnc({ operation: 'delete_fpg_phone', phoneNumber: '7275550002', group: 'TEST_IN_FILTER', ...on });
		expect(json(gone)).toEqual([expect.objectContaining({ result: 'already gone', alreadyDone: true })]);
		const missing = await dnc({ operation: 'add_fpg_phone', phoneNumber: '7275550001', group: 'NO_SUCH_GROUP', ...on });
		expect(missing.items).toHaveLength(0);
		expect(missing.error?.message).toMatch(/^add_fpg_phone: FILTER PHONE GROUP DOES NOT EXIST/);
	});

	it('leaves permission refusals failing, and is off unless turned on', async () => {
		const refused = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275559999', campaignId: 'SYSTEM_INTERNAL', ...on }, REPORT_USER);
		expect(refused.error?.context?.code).toBe('permission');
		const off = await dnc({ operation: 'add_dnc_phone', phoneNumber: '7275559999', campaignId: 'SYSTEM_INTERNAL' });
		expect(off.error?.context?.code).toBe('duplicate');
	});
});
