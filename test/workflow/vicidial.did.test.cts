import type { Simulator } from '../../simulator/server.cjs';
import { REPORT_USER, json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** Inbound DIDs through the VICIdial node. The seed has DID 3125550100 routed to SALESLINE. */
describe('VICIdial node: did resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	const SEED_DID = '3125550100';
	const run = resourceRunner('did', () => sim);
	const did = (pattern: string) => sim.state.dids.get(pattern);

	describe('add_did', () => {
		it('adds a DID routed to an in-group', async () => {
			const result = await run('add_did', {
				didPattern: '3125550111',
				additionalFields: { didDescription: 'Support line', didRoute: 'IN_GROUP', group: { __rl: true, mode: 'id', value: 'SALESLINE' }, listId: '101', recordCall: 'Y' },
			});
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'DID HAS BEEN ADDED', api_user: '6666', did_pattern: '3125550111' }]);
			expect(did('3125550111')).toMatchObject({ did_description: 'Support line', did_route: 'IN_GROUP', group_id: 'SALESLINE', list_id: '101', record_call: 'Y', active: 'Y' });
		});

		it('fails with duplicate for an existing DID', async () => {
			const result = await run('add_did', { didPattern: SEED_DID });
			expect(result.error?.message).toBe('add_did: DID ALREADY EXISTS (6666|3125550100)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		it('fails with VICIdial\'s reason for an unknown in-group, adding nothing', async () => {
			const result = await run('add_did', { didPattern: '3125550111', additionalFields: { didRoute: 'IN_GROUP', group: 'NOGROUP' } });
			expect(result.error?.message).toBe('add_did: GROUP ID MUST BE A VALID INBOUND GROUP IN THE SYSTEM, THIS IS AN OPTIONAL FIELD (6666|NOGROUP)');
			expect(result.error?.context?.code).toBe('validation');
			expect(did('3125550111')).toBeUndefined();
		});

		it('fails with a permission error without Modify DIDs', async () => {
			const result = await run('add_did', { didPattern: '3125550111' }, REPORT_USER);
			expect(result.error?.message).toBe('add_did: USER DOES NOT HAVE PERMISSION TO ADD DIDS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Modify DIDs = 1');
		});

		it.each([
			['a description shorter than 6 characters', { didPattern: '3125550111', additionalFields: { didDescription: 'Short' } }, 'DID Description must be 6-50 characters; got "Short"'],
			[
				'a + in the pattern (it would arrive as a space)',
				{ didPattern: '+13125550111' },
				'DID Pattern must be text without "+" (VICIdial\'s Non-Agent API turns + into a space); got "+13125550111"',
			],
		])('refuses %s before sending', async (_what, parameters, message) => {
			const result = await run('add_did', parameters);
			expect(result.error?.message).toBe(message);
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('copy_did', () => {
		it('copies the DID to new numbers: one notice per DID on the summary item', async () => {
			const result = await run('copy_did', { sourceDidPattern: SEED_DID, newDids: '3125550101, 3125550102', additionalFields: { didDescription: 'Copied line' } });
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'DIDS HAVE BEEN ADDED',
					api_user: '6666',
					source_did_pattern: SEED_DID,
					dids_added: 2,
					dids_skipped: 0,
					notices: [
						{ result: 'NOTICE', message: 'DID HAS BEEN ADDED', api_user: '6666', new_did: '3125550101', source_did_pattern: SEED_DID, did_id: 2, rows: 1 },
						{ result: 'NOTICE', message: 'DID HAS BEEN ADDED', api_user: '6666', new_did: '3125550102', source_did_pattern: SEED_DID, did_id: 3, rows: 1 },
					],
				},
			]);
			expect(sim.log[0].params.new_dids).toBe('3125550101,3125550102');
			expect(did('3125550102')).toMatchObject({ did_route: 'IN_GROUP', group_id: 'SALESLINE', did_description: 'Copied line' });
		});

		it('skips DIDs that exist and counts them', async () => {
			const result = await run('copy_did', { sourceDidPattern: SEED_DID, newDids: `${SEED_DID},3125550102` });
			expect(json(result)).toEqual([
				expect.objectContaining({
					result: 'SUCCESS',
					dids_added: 1,
					dids_skipped: 1,
					notices: [
						{ result: 'NOTICE', message: 'DID ALREADY EXISTS', api_user: '6666', new_did: SEED_DID },
						expect.objectContaining({ message: 'DID HAS BEEN ADDED', new_did: '3125550102' }),
					],
				}),
			]);
		});

		it('fails when every new DID exists (NO DIDS ADDED)', async () => {
			const result = await run('copy_did', { sourceDidPattern: SEED_DID, newDids: SEED_DID });
			expect(result.error?.message).toBe('copy_did: NO DIDS ADDED (6666|3125550100|0|1)');
			expect(sim.state.dids.size).toBe(1);
		});

		it('fails with not_found for an unknown source DID', async () => {
			const result = await run('copy_did', { sourceDidPattern: '3125559999', newDids: '3125550101' });
			expect(result.error?.message).toBe('copy_did: SOURCE DID DOES NOT EXIST (6666|3125559999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('refuses a + in the new DIDs before sending', async () => {
			const result = await run('copy_did', { sourceDidPattern: SEED_DID, newDids: '+13125550101' });
			expect(result.error?.message).toBe('New DIDs must be DID patterns of letters, digits, _ . and - (no +: the API turns + into a space); got "+13125550101"');
			expect(sim.log).toHaveLength(0);
		});

		// Regression (was a bug): schemas.ts ignores min/max on `list` fields: New DIDs (2-2000 characters in all)
		// lets a one-character DID through and VICIdial answers YOU MUST USE ALL REQUIRED FIELDS.
		it('refuses New DIDs shorter than 2 characters in all before sending', async () => {
			const result = await run('copy_did', { sourceDidPattern: SEED_DID, newDids: '7' });
			expect(sim.log).toHaveLength(0);
			expect(result.error?.context?.code).toBe('validation');
		});
	});

	describe('update_did', () => {
		it('changes the DID\'s description, route and recording', async () => {
			const result = await run('update_did', { didPattern: SEED_DID, additionalFields: { didDescription: 'Main line (new)', didRoute: 'EXTEN', extension: '8300', recordCall: 'Y_QUEUESTOP' } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'DID HAS BEEN UPDATED', api_user: '6666', did_pattern: SEED_DID }]);
			expect(did(SEED_DID)).toMatchObject({ did_description: 'Main line (new)', did_route: 'EXTEN', extension: '8300', record_call: 'Y_QUEUESTOP' });
		});

		it('outputs the NO UPDATES DEFINED notice when nothing is set', async () => {
			const result = await run('update_did', { didPattern: SEED_DID });
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([expect.objectContaining({ result: 'NOTICE', message: 'NO UPDATES DEFINED', api_user: '6666' })]);
		});

		it('deletes the DID and outputs its numeric ID', async () => {
			const result = await run('update_did', { didPattern: SEED_DID, additionalFields: { deleteDid: true } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'DID HAS BEEN DELETED', api_user: '6666', did_pattern: SEED_DID, did_id: 1 }]);
			expect(did(SEED_DID)).toBeUndefined();
		});

		it('fails with a permission error when deleting without Delete DIDs', async () => {
			sim.state.users.get('6666')!.delete_inbound_dids = false;
			const result = await run('update_did', { didPattern: SEED_DID, additionalFields: { deleteDid: true } });
			expect(result.error?.message).toBe('update_did: USER DOES NOT HAVE PERMISSION TO DELETE DIDS (6666|1)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('deleting also needs Delete DIDs = 1');
			expect(did(SEED_DID)).toBeDefined();
		});

		it('fails with not_found for an unknown DID', async () => {
			const result = await run('update_did', { didPattern: '3125559999', additionalFields: { active: false } });
			expect(result.error?.message).toBe('update_did: DID DOES NOT EXIST (6666|3125559999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with VICIdial\'s reason for an unknown call menu, changing nothing', async () => {
			const result = await run('update_did', { didPattern: SEED_DID, additionalFields: { didRoute: 'CALLMENU', menuId: 'nomenu' } });
			expect(result.error?.message).toBe('update_did: MENU ID MUST BE A VALID CALL MENU IN THE SYSTEM, THIS IS AN OPTIONAL FIELD (6666|nomenu)');
			expect(did(SEED_DID)?.did_route).toBe('IN_GROUP');
		});

		it('is never repeated after an HTTP 500, even with retries set', async () => {
			sim.faults.add({ kind: 'http500', fn: 'update_did', times: 1 });
			const result = await run('update_did', { didPattern: SEED_DID, additionalFields: { deleteDid: true }, options: { maxAttempts: 3 } });
			expect(result.error?.message).toBe('update_did: VICIdial answered HTTP 500');
			expect(result.error?.context?.code).toBe('server');
			expect(sim.stats.byFunction.update_did).toBe(1);
		});
	});
});
