import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { REPORT_USER, expectError, expectRefused, json, rl, withSimulator } from './vicidial.shared.cjs';

/**
 * The list functions through the VICIdial node, against the simulator. Seed lists: 101 "API
 * test list" (custom fields favorite_color, account_tier; leads 1 NEW, 3 CALLBK, 4 SALE),
 * 102 "Second list" (lead 2) and 999 "Default inbound list", all in campaign TESTCAMP.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

function lists(parameters: IDataObject, as?: ICredentialDataDecryptedObject): Promise<NodeRun> {
	return runNode({ type: 'vicidial', parameters: { resource: 'list', ...parameters }, credentials: simCredentials(sim.url, as) });
}

describe('add_list', () => {
	it('creates a list in a campaign with its settings', async () => {
		const run = await lists({
			operation: 'add_list',
			listId: '1101',
			listName: 'API list',
			campaignId: rl('TESTCAMP'),
			additionalFields: { active: true, listDescription: 'Leads from the web form', resetTime: '0900-1700', expirationDate: '2027-06-30' },
		});
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP', active: 'Y', reset_time: '0900-1700', expiration_date: '2027-06-30' });
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'LIST HAS BEEN ADDED', api_user: '6666', list_id: 1101, list_name: 'API list', campaign_id: 'TESTCAMP' }]);
		expect(sim.state.lists.get('1101')).toMatchObject({
			list_name: 'API list',
			campaign_id: 'TESTCAMP',
			active: 'Y',
			list_description: 'Leads from the web form',
			reset_time: '0900-1700',
			expiration_date: '2027-06-30',
		});
	});

	it('fails with code duplicate for a list that exists', async () => {
		const run = await lists({ operation: 'add_list', listId: '101', listName: 'Again', campaignId: rl('TESTCAMP') });
		expectError(run, 'add_list: LIST ALREADY EXISTS (6666|101)', 'duplicate');
		expect(sim.state.lists.get('101')?.list_name).toBe('API test list');
	});

	it('fails with not_found for an unknown campaign', async () => {
		const run = await lists({ operation: 'add_list', listId: '1101', listName: 'API list', campaignId: 'NOPE' });
		expectError(run, 'add_list: CAMPAIGN DOES NOT EXIST (6666|NOPE)', 'not_found');
		expect(sim.state.lists.has('1101')).toBe(false);
	});

	it('fails with a permission error without Modify Lists', async () => {
		const run = await lists({ operation: 'add_list', listId: '1101', listName: 'API list', campaignId: 'TESTCAMP' }, REPORT_USER);
		expectError(run, 'add_list: USER DOES NOT HAVE PERMISSION TO ADD LISTS (apirep|0)', 'permission');
	});

	it.each([
		[{ listId: '1' }, 'List must be 2-14 digits; got "1"'],
		[{ listName: 'A' }, 'List Name must be 2-30 characters; got "A"'],
		[{ listName: 'Leads+Prospects' }, 'List Name must be text without "+" (VICIdial\'s Non-Agent API turns + into a space); got "Leads+Prospects"'],
		[{ additionalFields: { resetTime: '9am-5pm' } }, 'Reset Times must be 24-hour times of 4 digits joined by dashes (0900-1700-2359); got "9am-5pm"'],
	])('refuses %j before sending', async (change, message) => {
		const run = await lists({ operation: 'add_list', listId: '1101', listName: 'API list', campaignId: 'TESTCAMP', ...change });
		expectRefused(sim, run, message);
	});
});

describe('update_list', () => {
	it('changes a list\'s settings', async () => {
		const run = await lists({ operation: 'update_list', listId: rl('101'), additionalFields: { listName: 'Renamed list', active: false } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ list_id: '101', list_name: 'Renamed list', active: 'N' });
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'LIST HAS BEEN UPDATED', api_user: '6666', list_id: 101 }]);
		expect(sim.state.lists.get('101')).toMatchObject({ list_name: 'Renamed list', active: 'N' });
	});

	it('empties the description listed in Clear Fields (sent as --BLANK--)', async () => {
		sim.state.lists.get('101')!.list_description = 'Old memo';
		const run = await lists({ operation: 'update_list', listId: '101', clearFields: ['list_description'] });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params.list_description).toBe('--BLANK--');
		expect(json(run)[0]).toMatchObject({ message: 'LIST HAS BEEN UPDATED', list_id: 101 });
		expect(sim.state.lists.get('101')?.list_description).toBe('');
	});

	it('creates the list when it does not exist (Insert If Not Found), with both lines', async () => {
		const run = await lists({
			operation: 'update_list',
			listId: '1102',
			additionalFields: { insertIfNotFound: true, listName: 'New list from n8n', campaignId: rl('TESTCAMP') },
		});
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'LIST HAS BEEN ADDED',
				api_user: '6666',
				list_id: 1102,
				list_name: 'New list from n8n',
				campaign_id: 'TESTCAMP',
				notices: [{ result: 'NOTICE', message: 'LIST DOES NOT EXIST, SENDING TO add_list FUNCTION', api_user: '6666', list_id: 1102 }],
			},
		]);
		expect(sim.state.lists.get('1102')).toMatchObject({ list_name: 'New list from n8n', campaign_id: 'TESTCAMP' });
	});

	it('resets a list: the headline is the reset, not the "NO UPDATES DEFINED" printed before it (notes §8.8)', async () => {
		sim.state.leads.get(1)!.called_since_last_reset = 'Y';
		const run = await lists({ operation: 'update_list', listId: '101', additionalFields: { resetList: true } });
		expect(run.error).toBeUndefined();
		const notices = [
			{ result: 'NOTICE', message: 'NO UPDATES DEFINED', api_user: '6666' },
			// VICIdial leaves the count empty (notes §4.3: `- 6666|101|`), so there is no leads_reset.
			{ result: 'NOTICE', message: 'LEADS IN LIST HAVE BEEN RESET', api_user: '6666', list_id: 101 },
		];
		expect(json(run)).toEqual([{ ...notices[1], notices }]);
		expect(sim.state.leads.get(1)?.called_since_last_reset).toBe('N');
		expect(sim.state.lists.get('101')?.resets_today).toBe(1);
	});

	it('deletes a list and its leads: the headline is the list deletion (notes §8.8)', async () => {
		const run = await lists({ operation: 'update_list', listId: '102', additionalFields: { deleteList: true, deleteLeads: true } });
		expect(run.error).toBeUndefined();
		expect(sim.state.lists.has('102')).toBe(false);
		const [item] = json(run);
		expect(item).toMatchObject({ result: 'NOTICE', message: 'LIST HAS BEEN DELETED', api_user: '6666', list_id: 102, lists_deleted: 1 });
		expect((item.notices as IDataObject[]).map((notice) => notice.message)).toEqual(['NO UPDATES DEFINED', 'LIST HAS BEEN DELETED', 'LEADS IN LIST HAVE BEEN DELETED']);
	});

	it('keeps "NO UPDATES DEFINED" as the headline when it is all VICIdial says', async () => {
		const run = await lists({ operation: 'update_list', listId: '101', additionalFields: { resetList: false } });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([expect.objectContaining({ result: 'NOTICE', message: 'NO UPDATES DEFINED' })]);
	});

	it('fails with not_found for a list that does not exist', async () => {
		expectError(await lists({ operation: 'update_list', listId: '55555', additionalFields: { active: true } }), 'update_list: LIST DOES NOT EXIST (6666|55555)', 'not_found');
	});

	it('refuses a new name shorter than 6 characters before sending', async () => {
		expectRefused(sim, await lists({ operation: 'update_list', listId: '101', additionalFields: { listName: 'Short' } }), 'List Name must be 6-30 characters; got "Short"');
	});

	// Regression (was a bug): VICIdial refuses a delete the user may not do with a NOTICE line, not an ERROR
	// (notes §4.3: "NOTICE: update_list USER DOES NOT HAVE PERMISSION TO DELETE LISTS"). The
	// node only fails on ERROR lines (reply.ts checkReply), so the run succeeds with an
	// item whose message is "NO UPDATES DEFINED" while the list was not deleted.
	it('fails when VICIdial refuses to delete the list for lack of permission', async () => {
		sim.state.users.get('6666')!.delete_lists = false;
		const run = await lists({ operation: 'update_list', listId: '102', additionalFields: { deleteList: true } });
		expect(sim.state.lists.has('102')).toBe(true);
		expect(run.error?.message).toBe('update_list: USER DOES NOT HAVE PERMISSION TO DELETE LISTS (6666|0)');
		expect(run.error?.context?.code).toBe('permission');
	});
});

describe('list_info', () => {
	it('reads a list as one item, numbers as numbers, with lead counts', async () => {
		const run = await lists({ operation: 'list_info', listId: rl('101'), additionalFields: { leadsCounts: true, dialableCount: true } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ list_id: '101', leads_counts: 'Y', dialable_count: 'Y', header: 'YES' });
		expect(json(run)).toEqual([
			{
				list_id: 101,
				list_name: 'API test list',
				campaign_id: 'TESTCAMP',
				active: 'Y',
				list_changedate: '',
				list_lastcalldate: '',
				expiration_date: '2099-12-31',
				resets_today: 0,
				all_leads_count: 3,
				new_leads_count: 1,
				dialable_count: 1,
			},
		]);
	});

	it('gives only the columns asked for (the row\'s trailing "|" is no extra column)', async () => {
		const run = await lists({ operation: 'list_info', listId: '102' });
		expect(json(run)).toEqual([
			{ list_id: 102, list_name: 'Second list', campaign_id: 'TESTCAMP', active: 'Y', list_changedate: '', list_lastcalldate: '', expiration_date: '2099-12-31', resets_today: 0 },
		]);
	});

	it('fails with not_found for a list that does not exist', async () => {
		expectError(await lists({ operation: 'list_info', listId: '55555' }), 'list_info: LIST DOES NOT EXIST (6666|55555)', 'not_found');
	});

	it('fails with a permission error without Modify Lists', async () => {
		expectError(await lists({ operation: 'list_info', listId: '101' }, REPORT_USER), 'list_info: USER DOES NOT HAVE PERMISSION TO MODIFY LISTS (apirep|0)', 'permission');
	});
});

describe('list_custom_fields', () => {
	it('lists the custom field labels of one list', async () => {
		const run = await lists({ operation: 'list_custom_fields', listId: rl('101') });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{
				list_id: 101,
				list_name: 'API test list',
				campaign_id: 'TESTCAMP',
				active: 'Y',
				list_changedate: '',
				list_lastcalldate: '',
				custom_fields_list_space_delimited: 'favorite_color account_tier',
			},
		]);
	});

	it('gives one item per list for ---ALL---', async () => {
		const run = await lists({ operation: 'list_custom_fields', listId: '---ALL---', additionalFields: { customOrder: 'table_order' } });
		expect(json(run).map((row) => [row.list_id, row.custom_fields_list_space_delimited])).toEqual([
			[101, 'favorite_color account_tier'],
			[102, ''],
			[999, ''],
		]);
	});

	it('fails with not_found for a list that does not exist', async () => {
		expectError(await lists({ operation: 'list_custom_fields', listId: '55555' }), 'list_custom_fields: LIST DOES NOT EXIST (6666|55555)', 'not_found');
	});

	it('refuses a list ID that is neither digits nor ---ALL--- before sending', async () => {
		expectRefused(sim, await lists({ operation: 'list_custom_fields', listId: 'ALL' }), 'List must be a list ID of 2-14 digits or ---ALL---; got "ALL"');
	});

	// Regression (was a bug): errors.ts classify() knows "NOT ACTIVE" and "DISABLED" as permission (a system switch
	// is off) but not "NOT ENABLED", so this system-setting refusal is coded 'validation'.
	it('reports custom list fields switched off in System Settings as a permission error', async () => {
		sim.state.system.custom_fields_enabled = false;
		const run = await lists({ operation: 'list_custom_fields', listId: '101' });
		expectError(run, 'list_custom_fields: CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM (6666|list_custom_fields)', 'permission');
	});
});
