import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import type { NodeRun } from '../helpers/harness.cjs';
import { REPORT_USER, json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** User functions through the VICIdial node: add, copy, update, remote agents, details, campaigns. */
describe('VICIdial node: user resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	const NO_API_ACCESS = { apiUser: 'apinoagt', password: 'apinoagt1' };
	const run = resourceRunner('user', () => sim);

	/**
	 * Everything the run recorded, minus the node's own parameters: n8n keeps those in the
	 * workflow (and in `error.node`), which is where the user typed the password.
	 */
	const recordedWithoutParameters = (result: NodeRun, password: string) =>
		JSON.stringify(result.run).split(`"agentPass":"${password}"`).join('');

	describe('add_user', () => {
		const PASSWORD = 'Canary-pw-2001';
		const newUser = (extra: IDataObject = {}) => ({
			agentUser: '2001',
			agentPass: PASSWORD,
			agentUserLevel: 1,
			agentFullName: 'API Agent',
			agentUserGroup: { __rl: true, mode: 'id', value: 'ADMIN' },
			...extra,
		});

		it('adds the user; the echoed password is masked and appears nowhere in the output', async () => {
			const result = await run('add_user', newUser({ additionalFields: { inGroups: 'SALESLINE|AGENTDIRECT', hotkeysActive: true, wrapupSecondsOverride: 20 } }));
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'USER HAS BEEN ADDED',
					api_user: '6666',
					agent_user: '2001',
					agent_pass: '***',
					agent_user_level: 1,
					agent_full_name: 'API Agent',
					agent_user_group: 'ADMIN',
				},
			]);
			expect(JSON.stringify(result.items)).not.toContain(PASSWORD);
			expect(recordedWithoutParameters(result, PASSWORD)).not.toContain(PASSWORD);
			// VICIdial got the password and stored it.
			expect(sim.log[0].params).toMatchObject({ agent_pass: PASSWORD, in_groups: 'SALESLINE|AGENTDIRECT', hotkeys_active: '1', wrapup_seconds_override: '20' });
			expect(sim.state.users.get('2001')).toMatchObject({
				pass: PASSWORD,
				full_name: 'API Agent',
				user_level: 1,
				user_group: 'ADMIN',
				closer_campaigns: ' SALESLINE AGENTDIRECT -',
				hotkeys_active: '1',
				wrapup_seconds_override: '20',
			});
		});

		it('fails with duplicate for an existing user, the password in no error text', async () => {
			const result = await run('add_user', newUser({ agentUser: '1000' }));
			expect(result.error?.message).toBe('add_user: USER ALREADY EXISTS (6666|1000)');
			expect(result.error?.context?.code).toBe('duplicate');
			expect(recordedWithoutParameters(result, PASSWORD)).not.toContain(PASSWORD);
			expect(sim.state.users.get('1000')?.pass).toBe('1234');
		});

		it('fails with not_found for an unknown user group', async () => {
			const result = await run('add_user', newUser({ agentUserGroup: 'NOGROUP' }));
			expect(result.error?.message).toBe('add_user: USER GROUP DOES NOT EXIST (6666|NOGROUP)');
			expect(result.error?.context?.code).toBe('not_found');
			expect(sim.state.users.has('2001')).toBe(false);
		});

		it('fails with a permission error when the new level is not below the API user\'s own', async () => {
			sim.state.users.get('6666')!.user_level = 8;
			const result = await run('add_user', newUser({ agentUserLevel: 8 }));
			expect(result.error?.message).toBe('add_user: USER DOES NOT HAVE PERMISSION TO ADD USERS IN THIS USER LEVEL (6666|8|8)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Modify Users = 1');
		});

		it('fails with a permission error without Modify Users', async () => {
			const result = await run('add_user', newUser(), REPORT_USER);
			expect(result.error?.message).toBe('add_user: USER DOES NOT HAVE PERMISSION TO ADD USERS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
		});

		it('refuses a one-character password before sending (VICIdial refuses it and echoes it back)', async () => {
			const result = await run('add_user', newUser({ agentPass: '7' }));
			expect(result.error?.message).toMatch(/^Agent Password must be 2-20 characters; got /);
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.log).toHaveLength(0);
		});

		// Regression (was a bug): schemas.ts quotes the refused value (`got "<value>"`) for password fields too, and
		// loop.ts redacts only the credential's secrets in validation messages, so a password that
		// is too long (or holds a "+") is shown in the error.
		it('keeps a refused password out of the validation error', async () => {
			const tooLong = 'Canary-Secret-Password-21';
			const result = await run('add_user', newUser({ agentPass: tooLong }));
			expect(result.error?.message).toMatch(/^Agent Password must be 2-20 characters; got /);
			expect(sim.log).toHaveLength(0);
			expect(result.error?.message).not.toContain(tooLong);
		});

		it('keeps a refused password out of the error item with "continue on fail"', async () => {
			const withPlus = 'Canary+pw9';
			const result = await run('add_user', newUser({ agentPass: withPlus }), {}, { continueOnFail: true });
			expect(json(result)).toEqual([{ error: expect.stringMatching(/^Agent Password must be text without "\+"/), code: 'validation', function: 'add_user' }]);
			expect(sim.log).toHaveLength(0);
			expect(JSON.stringify(result.items)).not.toContain(withPlus);
		});

		it('keeps the password out of the error item with "continue on fail", next to a success', async () => {
			const result = await run(
				'add_user',
				newUser({ agentUser: '={{ $json.user }}' }),
				{},
				{ items: [{ user: '1000' }, { user: '2001' }], continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([
				{ user: '1000', error: 'add_user: USER ALREADY EXISTS (6666|1000)', code: 'duplicate', function: 'add_user' },
				expect.objectContaining({ result: 'SUCCESS', agent_user: '2001', agent_pass: '***' }),
			]);
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(recordedWithoutParameters(result, PASSWORD)).not.toContain(PASSWORD);
		});

		it('is never sent twice, even with retries set (a repeat would fail or add a second user)', async () => {
			sim.faults.add({ kind: 'empty500', fn: 'add_user', times: 1 });
			const result = await run('add_user', newUser({ options: { maxAttempts: 4 } }));
			expect(result.error?.message).toBe('add_user: VICIdial answered HTTP 500 with an empty body');
			expect(result.error?.description).toContain('may or may not have been applied');
			expect(sim.stats.byFunction.add_user).toBe(1);
		});
	});

	describe('copy_user', () => {
		const PASSWORD = 'Canary-pw-2002';
		const copy = (extra: IDataObject = {}) => ({ agentUser: '2002', agentPass: PASSWORD, agentFullName: 'Copied Agent', sourceUser: '1000', ...extra });

		it('copies the source user\'s settings under the new ID; the password is masked', async () => {
			const result = await run('copy_user', copy());
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'USER HAS BEEN COPIED',
					api_user: '6666',
					agent_user: '2002',
					agent_pass: '***',
					agent_full_name: 'Copied Agent',
					source_user: '1000',
				},
			]);
			expect(recordedWithoutParameters(result, PASSWORD)).not.toContain(PASSWORD);
			expect(sim.state.users.get('2002')).toMatchObject({ pass: PASSWORD, full_name: 'Copied Agent', user_level: 1, user_group: 'ADMIN', phone_login: '8001' });
		});

		it('fails for an unknown source user (VICIdial reports its empty user group)', async () => {
			const result = await run('copy_user', copy({ sourceUser: 'nosuchuser' }));
			expect(result.error?.message).toBe('copy_user: USER GROUP DOES NOT EXIST (6666)');
			expect(result.error?.context?.code).toBe('not_found');
			expect(sim.state.users.has('2002')).toBe(false);
		});

		it('fails with duplicate when the new ID exists', async () => {
			const result = await run('copy_user', copy({ agentUser: '1001' }));
			expect(result.error?.message).toBe('copy_user: USER ALREADY EXISTS (6666|1001)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		it('fails with a permission error without Modify Users', async () => {
			const result = await run('copy_user', copy(), REPORT_USER);
			expect(result.error?.message).toBe('copy_user: USER DOES NOT HAVE PERMISSION TO COPY USERS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});

	describe('update_user', () => {
		it('changes name, level and group, and sets the campaign rank (a NOTICE kept on the item)', async () => {
			const result = await run('update_user', {
				agentUser: { __rl: true, mode: 'id', value: '1000' },
				additionalFields: { agentFullName: 'Renamed Agent', agentUserLevel: 2, agentUserGroup: 'AGENTS', campaignRank: 3 },
			});
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'USER HAS BEEN UPDATED',
					api_user: '6666',
					agent_user: '1000',
					notices: [{ result: 'NOTICE', message: 'USER CAMPAIGN RANKS/GRADES HAVE BEEN UPDATED', api_user: '6666', agent_user: '1000', campaign_rank: 3 }],
				},
			]);
			expect(sim.state.users.get('1000')).toMatchObject({ full_name: 'Renamed Agent', user_level: 2, user_group: 'AGENTS' });
			expect(sim.state.admin.agentRanks.filter((r) => r.user === '1000').map((r) => [r.id, r.rank])).toEqual([
				['TESTCAMP', '3'],
				['OUTBOUND', '3'],
			]);
		});

		it('clears the email with --BLANK--', async () => {
			const result = await run('update_user', { agentUser: '1000', clearFields: ['email'] });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'USER HAS BEEN UPDATED', api_user: '6666', agent_user: '1000' }]);
			expect(sim.log[0].params.email).toBe('--BLANK--');
			expect(sim.state.users.get('1000')?.email).toBe('');
		});

		it('deletes a user', async () => {
			const result = await run('update_user', { agentUser: '1001', additionalFields: { deleteUser: true } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'USER HAS BEEN DELETED', api_user: '6666', agent_user: '1001' }]);
			expect(sim.state.users.has('1001')).toBe(false);
		});

		it('fails with not_found for an unknown user', async () => {
			const result = await run('update_user', { agentUser: 'nosuchuser', additionalFields: { active: false } });
			expect(result.error?.message).toBe('update_user: USER DOES NOT EXIST (6666)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with VICIdial\'s reason for an unknown user group, changing nothing', async () => {
			const result = await run('update_user', { agentUser: '1000', additionalFields: { agentUserGroup: 'NOGROUP', agentFullName: 'Never Applied' } });
			expect(result.error?.message).toBe('update_user: YOU MUST USE A VALID USER GROUP, THIS IS AN OPTIONAL FIELD (6666|NOGROUP|0)');
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.state.users.get('1000')?.full_name).toBe('Test Agent');
		});

		it('refuses a level outside 1-9 before sending', async () => {
			const result = await run('update_user', { agentUser: '1000', additionalFields: { agentUserLevel: 10 } });
			expect(result.error?.message).toBe('User Level must be a whole number from 1 to 9; got "10"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('update_remote_agent', () => {
		const remote = () => sim.state.remoteAgents.get('1001')!;

		it('activates the remote agent and sets its lines', async () => {
			const result = await run('update_remote_agent', { agentUser: '1001', additionalFields: { status: 'ACTIVE', numberOfLines: 2 } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'REMOTE AGENT HAS BEEN UPDATED', api_user: '6666', agent_user: '1001' }]);
			expect(remote()).toMatchObject({ status: 'ACTIVE', number_of_lines: 2 });
		});

		it('keeps the "already in that status" NOTICE on the item when other fields change', async () => {
			const result = await run('update_remote_agent', { agentUser: '1001', additionalFields: { status: 'INACTIVE', campaignId: 'OUTBOUND' } });
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'REMOTE AGENT HAS BEEN UPDATED',
					api_user: '6666',
					agent_user: '1001',
					notices: [{ result: 'NOTICE', message: 'REMOTE AGENT IS ALREADY INACTIVE', api_user: '6666', agent_user: '1001' }],
				},
			]);
			expect(remote().campaign_id).toBe('OUTBOUND');
		});

		it('fails with not_found for a user without a remote agent', async () => {
			const result = await run('update_remote_agent', { agentUser: '1000', additionalFields: { status: 'ACTIVE' } });
			expect(result.error?.message).toBe('update_remote_agent: REMOTE AGENT DOES NOT EXIST (6666)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with a permission error without Modify Remote Agents', async () => {
			const result = await run('update_remote_agent', { agentUser: '1001', additionalFields: { status: 'ACTIVE' } }, REPORT_USER);
			expect(result.error?.message).toBe('update_remote_agent: USER DOES NOT HAVE PERMISSION TO UPDATE REMOTE AGENTS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(remote().status).toBe('INACTIVE');
		});

		it('does not repeat a status-only change (the repeat would end in NO UPDATES DEFINED)', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'update_remote_agent', times: 1 });
			const result = await run('update_remote_agent', { agentUser: '1001', additionalFields: { status: 'ACTIVE' }, options: { maxAttempts: 3 } });
			expect(sim.stats.byFunction.update_remote_agent).toBe(1);
			expect(result.error?.context?.code).toBe('network');
			expect(result.error?.description).toContain('may or may not have been applied');
			expect(remote().status).toBe('ACTIVE');
		});

		it('repeats a change that sets lines or campaign after a dropped connection, and succeeds', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'update_remote_agent', times: 1 });
			const result = await run('update_remote_agent', { agentUser: '1001', additionalFields: { status: 'ACTIVE', numberOfLines: 3 }, options: { maxAttempts: 3 } });
			expect(sim.stats.byFunction.update_remote_agent).toBe(2);
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'REMOTE AGENT HAS BEEN UPDATED',
					api_user: '6666',
					agent_user: '1001',
					notices: [{ result: 'NOTICE', message: 'REMOTE AGENT IS ALREADY ACTIVE', api_user: '6666', agent_user: '1001' }],
				},
			]);
			expect(remote()).toMatchObject({ status: 'ACTIVE', number_of_lines: 3 });
		});

		it('refuses a call without status, campaign or lines before sending', async () => {
			const result = await run('update_remote_agent', { agentUser: '1001' });
			expect(result.error?.message).toBe('Give at least one of: Status, Campaign, Number of Lines');
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('user_details', () => {
		it('gives the user\'s row with a numeric level', async () => {
			const result = await run('user_details', { agentUser: '1000' });
			expect(json(result)).toEqual([{ user: '1000', full_name: 'Test Agent', user_group: 'ADMIN', user_level: 1, active: 'Y' }]);
		});

		it('reads the CSV format too', async () => {
			const result = await run('user_details', { agentUser: 'apirep', additionalFields: { stage: 'csv' } });
			expect(json(result)).toEqual([{ user: 'apirep', full_name: 'Report User', user_group: 'ADMIN', user_level: 7, active: 'Y' }]);
		});

		it('fails with not_found for an unknown user', async () => {
			const result = await run('user_details', { agentUser: '9999' });
			expect(result.error?.message).toBe('user_details: USER NOT FOUND (6666|9999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with a permission error for a user without Agent API Access', async () => {
			const result = await run('user_details', { agentUser: '1000' }, NO_API_ACCESS);
			expect(result.error?.message).toBe('user_details: USER DOES NOT HAVE PERMISSION TO GET USER DETAILS (apinoagt|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});

	describe('agent_campaigns', () => {
		beforeEach(() => {
			sim.state.campaigns.get('TESTCAMP')!.closer_campaigns = ' SALESLINE AGENTDIRECT -';
		});

		it('gives the campaigns and in-groups the agent may use, joined with "-"', async () => {
			const result = await run('agent_campaigns', { agentUser: '1000' });
			expect(json(result)).toEqual([{ user: '1000', allowed_campaigns_list: 'TESTCAMP-OUTBOUND', allowed_ingroups_list: 'AGENTDIRECT-SALESLINE' }]);
		});

		it('narrows to one campaign and leaves AGENTDIRECT out on request', async () => {
			const result = await run('agent_campaigns', { agentUser: '1000', additionalFields: { campaignId: 'TESTCAMP', ignoreAgentdirect: true } });
			expect(json(result)).toEqual([{ user: '1000', allowed_campaigns_list: 'TESTCAMP', allowed_ingroups_list: 'SALESLINE' }]);
			expect(sim.log[0].params).toMatchObject({ campaign_id: 'TESTCAMP', ignore_agentdirect: 'Y' });
		});

		it('gives zero items when the agent has no campaign (THIS AGENT USER HAS NO AVAILABLE CAMPAIGNS)', async () => {
			sim.state.users.get('1000')!.user_group = 'AGENTS';
			const result = await run('agent_campaigns', { agentUser: '1000', additionalFields: { campaignId: 'OUTBOUND' } });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('fails with not_found for an unknown agent', async () => {
			const result = await run('agent_campaigns', { agentUser: '9999' });
			expect(result.error?.message).toBe('agent_campaigns: AGENT USER DOES NOT EXIST (6666|9999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with a permission error without Modify Users', async () => {
			const result = await run('agent_campaigns', { agentUser: '1000' }, REPORT_USER);
			expect(result.error?.message).toBe('agent_campaigns: USER DOES NOT HAVE PERMISSION TO GET AGENT INFO (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});
});
