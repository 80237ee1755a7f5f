import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { REPORT_USER, expectError, json, withSimulator } from './vicidial.shared.cjs';

/**
 * hopper_list and hopper_bulk_insert through the VICIdial node, against the simulator. The
 * seed hopper is empty; leads 1, 3 and 4 are in list 101 of campaign TESTCAMP, 2 in list 102.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

function hopper(parameters: IDataObject, as?: ICredentialDataDecryptedObject): Promise<NodeRun> {
	return runNode({ type: 'vicidial', parameters: { resource: 'hopper', ...parameters }, credentials: simCredentials(sim.url, as) });
}

const TESTCAMP = { __rl: true, mode: 'id', value: 'TESTCAMP' };

/** Put leads in the hopper through the node, as a workflow would before listing it. */
async function bulkInsert(leadIds: string, priority?: number): Promise<NodeRun> {
	const additionalFields = priority === undefined ? {} : { hopperPriority: priority };
	return hopper({ operation: 'hopper_bulk_insert', leadIds, additionalFields });
}

describe('hopper_bulk_insert', () => {
	it('queues leads in their list\'s campaign: one NOTICE per lead, then the summary', async () => {
		const run = await bulkInsert('1,3', 7);
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ function: 'hopper_bulk_insert', lead_ids: '1,3', hopper_priority: '7' });
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'LEADS HAVE BEEN INSERTED INTO THE HOPPER',
				inserted: 2,
				skipped: 0,
				last_hopper_id: 2,
				api_user: '6666',
				notices: [
					{ result: 'NOTICE', message: 'LEAD ADDED TO HOPPER', phone_number: '7275551212', lead_id: 1, hopper_id: 1, api_user: '6666' },
					{ result: 'NOTICE', message: 'LEAD ADDED TO HOPPER', phone_number: '3125550199', lead_id: 3, hopper_id: 2, api_user: '6666' },
				],
			},
		]);
		expect(sim.state.hopper.map((e) => [e.lead_id, e.campaign_id, e.priority, e.status])).toEqual([
			[1, 'TESTCAMP', 7, 'READY'],
			[3, 'TESTCAMP', 7, 'READY'],
		]);
	});

	it('reports skipped leads (already queued, not found) in the notices', async () => {
		await bulkInsert('1');
		const run = await bulkInsert('1,4,998');
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'LEADS HAVE BEEN INSERTED INTO THE HOPPER',
				inserted: 1,
				skipped: 2,
				last_hopper_id: 2,
				api_user: '6666',
				notices: [
					{ result: 'NOTICE', message: 'NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER', lead_id: 1 },
					{ result: 'NOTICE', message: 'LEAD ADDED TO HOPPER', phone_number: '4075550100', lead_id: 4, hopper_id: 2, api_user: '6666' },
					{ result: 'NOTICE', message: 'NOT ADDED TO HOPPER, LEAD NOT FOUND', lead_id: 998 },
				],
			},
		]);
		expect(sim.state.hopper.map((e) => e.lead_id)).toEqual([1, 4]);
	});

	it('fails with not_found when no lead could be queued', async () => {
		const run = await bulkInsert('998,999');
		expectError(run, 'hopper_bulk_insert: NO LEADS HAVE BEEN INSERTED INTO THE HOPPER (2|0|6666)', 'not_found');
		expect(sim.state.hopper).toHaveLength(0);
	});

	it('fails with a permission error without Modify Campaigns', async () => {
		const run = await hopper({ operation: 'hopper_bulk_insert', leadIds: '1' }, REPORT_USER);
		expectError(run, 'hopper_bulk_insert: USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE HOPPER (apirep|0)', 'permission');
	});

	it('refuses a lead ID that is not a number before sending', async () => {
		const run = await bulkInsert('1,2,three');
		expect(run.error?.message).toBe('Lead IDs must be lead IDs of 1-9 digits; got "1,2,three"');
		expect(run.error?.context?.code).toBe('validation');
		expect(sim.log).toHaveLength(0);
	});

	it('refuses a priority outside -99..99 before sending', async () => {
		const run = await bulkInsert('1', 150);
		expect(run.error?.message).toBe('Hopper Priority must be a whole number from -99 to 99; got "150"');
		expect(sim.log).toHaveLength(0);
	});

	// Regression (was a bug): the documented limit is 1000 lead IDs per call (NON-AGENT_API.txt, hopper_bulk_insert);
	// VICIdial silently ignores the rest, without even a NOTICE. The 'list' schema in
	// schemas.ts has no item-count limit, so 1001 IDs are sent and lead 1001 is quietly dropped.
	it('refuses more than 1000 lead IDs before sending', async () => {
		const ids = Array.from({ length: 1001 }, (_, i) => String(i + 1)).join(',');
		const run = await bulkInsert(ids);
		expect(run.error?.context?.code).toBe('validation');
		expect(run.error?.message).toContain('1000');
		expect(sim.log).toHaveLength(0);
	});
});

describe('hopper_list', () => {
	it('gives one item per hopper row in dialing order, numbers as numbers', async () => {
		await bulkInsert('1', 2);
		await bulkInsert('4', 9);
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP });
		expect(run.error).toBeUndefined();
		expect(sim.log[2].params).toMatchObject({ function: 'hopper_list', campaign_id: 'TESTCAMP' });
		expect(run.items).toHaveLength(2);
		// Higher priority first: lead 4 (9) before lead 1 (2).
		expect(json(run)[0]).toMatchObject({
			hopper_order: 0,
			priority: 9,
			lead_id: 4,
			list_id: 101,
			phone_number: '4075550100',
			phone_code: '1',
			state: '',
			status: 'SALE',
			count: 2,
			gmt_offset: -5,
			alt: 'NONE',
			hopper_source: 'P',
			vendor_lead_code: '',
			source_id: '',
			age_days: expect.any(Number),
			// VICIdial pads the unit to six characters (`0 HOURS `, notes §8.9); the item has it trimmed.
			last_call_time: expect.stringMatching(/^\d+ (HOURS|DAYS|YEARS)$/),
		});
		expect(json(run)[1]).toMatchObject({ hopper_order: 1, priority: 2, lead_id: 1, phone_number: '7275551212', status: 'NEW', count: 0, vendor_lead_code: 'VLC-A' });
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('trims the spaces VICIdial pads the last-call age with (`NEVER    `, notes §8.9)', async () => {
		sim.state.leads.get(1)!.last_local_call_time = '';
		await bulkInsert('1');
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP, additionalFields: { stage: 'csv' } });
		expect(run.error).toBeUndefined();
		expect(json(run)[0]).toMatchObject({ lead_id: 1, last_call_time: 'NEVER' });
	});

	it('lists a lead that add_lead put in the hopper', async () => {
		const added = await runNode({
			type: 'vicidial',
			parameters: { resource: 'lead', operation: 'add_lead', phoneNumber: '(813) 555-0142', listId: '101', additionalFields: { addToHopper: true } },
			credentials: simCredentials(sim.url),
		});
		expect(added.error).toBeUndefined();
		const run = await hopper({ operation: 'hopper_list', campaignId: 'TESTCAMP' });
		expect(json(run)).toEqual([expect.objectContaining({ hopper_order: 0, priority: 0, lead_id: 100, list_id: 101, phone_number: '8135550142', status: 'NEW', count: 0 })]);
	});

	it('reads the CSV format the same way', async () => {
		await bulkInsert('3', 5);
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP, additionalFields: { stage: 'csv' } });
		expect(sim.log[1].params.stage).toBe('csv');
		expect(json(run)).toEqual([expect.objectContaining({ hopper_order: 0, priority: 5, lead_id: 3, list_id: 101, phone_number: '3125550199', vendor_lead_code: 'CRM-300' })]);
	});

	it('gives zero items for an empty hopper (THERE ARE NO LEADS IN THE HOPPER)', async () => {
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(0);
		expect(sim.log).toHaveLength(1);
	});

	it('fails with not_found for an unknown campaign', async () => {
		expectError(await hopper({ operation: 'hopper_list', campaignId: 'NOPE' }), 'hopper_list: THIS CAMPAIGN DOES NOT EXIST (6666|NOPE)', 'not_found');
	});

	it('fails with a permission error below user level 8', async () => {
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP }, REPORT_USER);
		expectError(run, 'hopper_list: USER DOES NOT HAVE PERMISSION TO GET CAMPAIGN INFO (apirep|0)', 'permission');
	});

	it('refuses a campaign ID with spaces before sending', async () => {
		const run = await hopper({ operation: 'hopper_list', campaignId: 'TEST CAMP' });
		expect(run.error?.message).toBe('Campaign must be 2-8 characters (letters, digits, _ and -); got "TEST CAMP"');
		expect(sim.log).toHaveLength(0);
	});

	// Regression (was a bug): rank is vicidial_list.rank, a number (-99999..99999), but columns.ts does not list it
	// among the integer columns, so hopper_list (and lead_all_info) give it as the text "0".
	it('gives the lead rank as a number', async () => {
		sim.state.leads.get(1)!.rank = '12';
		await bulkInsert('1');
		const run = await hopper({ operation: 'hopper_list', campaignId: TESTCAMP });
		expect(json(run)[0].rank).toBe(12);
	});
});
