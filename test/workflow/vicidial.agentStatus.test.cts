import type { IDataObject } from 'n8n-workflow';

import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** Real-time agent status functions through the VICIdial node. */
describe('VICIdial node: agentStatus resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	const NO_API_ACCESS = { apiUser: 'apinoagt', password: 'apinoagt1' };
	const run = resourceRunner('agentStatus', () => sim);

	/** Agent 1000 (logged in to TESTCAMP) on an inbound SALESLINE call with lead 3. */
	const inboundCall = () => startCall(sim.state, '1000', { lead_id: 3, call_type: 'IN', group: 'SALESLINE' });

	describe('agent_status', () => {
		it('gives the paused agent\'s row with numbers as numbers', async () => {
			const result = await run('agent_status', { agentUser: { __rl: true, mode: 'id', value: '1000' } });
			expect(json(result)).toEqual([
				{
					status: 'PAUSED',
					callerid: '',
					lead_id: 0,
					campaign_id: 'TESTCAMP',
					calls_today: 0,
					full_name: 'Test Agent',
					user_group: 'ADMIN',
					user_level: 1,
					pause_code: '',
					real_time_sub_status: '',
					phone_number: '',
					vendor_lead_code: '',
					session_id: '8600051',
				},
			]);
		});

		it('shows the call, lead and phone number of an agent in a call', async () => {
			const call = inboundCall();
			const result = await run('agent_status', { agentUser: '1000', additionalFields: { stage: 'csv' } });
			expect(json(result)).toEqual([
				expect.objectContaining({
					status: 'INCALL',
					callerid: call.call_id,
					lead_id: 3,
					calls_today: 1,
					phone_number: '3125550199',
					vendor_lead_code: 'CRM-300',
					session_id: '8600051',
				}),
			]);
		});

		it('gives zero items for an agent who is not logged in (AGENT NOT LOGGED IN)', async () => {
			const result = await run('agent_status', { agentUser: '1001' });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
			expect(sim.log).toHaveLength(1);
		});

		it('fails with not_found for an unknown user', async () => {
			const result = await run('agent_status', { agentUser: '9999' });
			expect(result.error?.message).toBe('agent_status: AGENT NOT FOUND (6666|9999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with a permission error for a user without Agent API Access', async () => {
			const result = await run('agent_status', { agentUser: '1000' }, NO_API_ACCESS);
			expect(result.error?.message).toBe('agent_status: USER DOES NOT HAVE PERMISSION TO GET AGENT INFO (apinoagt|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Agent API Access = 1, View Reports = 1, user level 7+');
		});
	});

	describe('logged_in_agents', () => {
		it('gives one item per logged-in agent', async () => {
			loginAgent(sim.state, '1001', 'OUTBOUND', { status: 'READY' });
			const result = await run('logged_in_agents', {});
			expect(json(result)).toEqual([
				{
					user: '1000',
					campaign_id: 'TESTCAMP',
					session_id: '8600051',
					status: 'PAUSED',
					lead_id: 0,
					callerid: '',
					calls_today: 0,
					full_name: 'Test Agent',
					user_group: 'ADMIN',
					user_level: 1,
				},
				expect.objectContaining({ user: '1001', campaign_id: 'OUTBOUND', session_id: '8600052', status: 'READY', full_name: 'Second Agent' }),
			]);
		});

		it('filters by campaign and user group, and adds pause code and sub-status on request', async () => {
			loginAgent(sim.state, '1001', 'OUTBOUND', { status: 'READY' });
			sim.state.liveAgents.get('1000')!.pause_code = 'LUNCH';
			const result = await run('logged_in_agents', { additionalFields: { campaigns: 'TESTCAMP', userGroups: 'ADMIN,AGENTS', showSubStatus: true } });
			expect(json(result)).toEqual([expect.objectContaining({ user: '1000', pause_code: 'LUNCH', sub_status: '' })]);
			expect(sim.log[0].params).toMatchObject({ campaigns: 'TESTCAMP', user_groups: 'ADMIN|AGENTS', show_sub_status: 'YES' });
		});

		it('gives zero items when nobody matches (NO LOGGED IN AGENTS)', async () => {
			const result = await run('logged_in_agents', { additionalFields: { campaigns: 'OUTBOUND' } });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('fails with a permission error for a user without Agent API Access', async () => {
			const result = await run('logged_in_agents', {}, NO_API_ACCESS);
			expect(result.error?.message).toBe('logged_in_agents: USER DOES NOT HAVE PERMISSION TO GET AGENT INFO (apinoagt|0)');
			expect(result.error?.context?.code).toBe('permission');
		});

		it('fails with auth for a level-6 user, the password masked', async () => {
			const result = await run('logged_in_agents', {}, { apiUser: 'lowlevel', password: 'lowlevel1' });
			expect(result.error?.message).toBe('logged_in_agents: Login incorrect, please try again (lowlevel|***|BAD)');
			expect(result.error?.context?.code).toBe('auth');
			expect(JSON.stringify(result.run)).not.toContain('lowlevel1');
		});
	});

	describe('user_group_status', () => {
		it('counts the agents of the groups together, numbers as numbers', async () => {
			loginAgent(sim.state, '1001', 'TESTCAMP', { status: 'READY' });
			sim.state.users.get('1001')!.user_group = 'AGENTS';
			const result = await run('user_group_status', { userGroups: 'ADMIN,AGENTS' });
			expect(json(result)).toEqual([
				{
					usergroups: 'ADMIN AGENTS',
					calls_waiting: 2,
					agents_logged_in: 2,
					agents_in_calls: 0,
					agents_waiting: 1,
					agents_paused: 1,
					agents_in_dead_calls: 0,
					agents_in_dispo: 0,
					agents_in_dial: 0,
				},
			]);
			expect(sim.log[0].params.user_groups).toBe('ADMIN|AGENTS');
		});

		it('fails with a permission error for a user without Agent API Access', async () => {
			const result = await run('user_group_status', { userGroups: 'ADMIN' }, NO_API_ACCESS);
			expect(result.error?.message).toBe('user_group_status: USER DOES NOT HAVE PERMISSION TO GET USER GROUP INFO (apinoagt|0)');
			expect(result.error?.context?.code).toBe('permission');
		});

		it('refuses a group name with punctuation before sending', async () => {
			const result = await run('user_group_status', { userGroups: 'ADMIN;DROP' });
			expect(result.error?.message).toBe('User Groups must be values made of letters, digits, _ . - and spaces; got "ADMIN;DROP"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('in_group_status', () => {
		it('counts calls and agents of the in-groups', async () => {
			sim.state.liveAgents.get('1000')!.closer_campaigns = ' AGENTDIRECT SALESLINE -';
			inboundCall();
			const result = await run('in_group_status', { inGroups: { __rl: true, mode: 'id', value: 'SALESLINE' } });
			expect(json(result)).toEqual([
				{
					ingroups: 'SALESLINE',
					total_calls: 3,
					calls_waiting: 2,
					agents_logged_in: 1,
					agents_in_calls: 1,
					agents_waiting: 0,
					agents_paused: 0,
					agents_in_dispo: 0,
					agents_in_dial: 0,
				},
			]);
		});

		it('fails with a permission error for a user without Agent API Access', async () => {
			const result = await run('in_group_status', { inGroups: 'SALESLINE' }, NO_API_ACCESS);
			expect(result.error?.message).toBe('in_group_status: USER DOES NOT HAVE PERMISSION TO GET IN-GROUP INFO (apinoagt|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});

	describe('agent_ingroup_info', () => {
		it('reads the text form (stage=text is always sent) as one record', async () => {
			const result = await run('agent_ingroup_info', { agentUser: { __rl: true, mode: 'list', value: '1000' } });
			expect(json(result)).toEqual([{ 'SELECTED INGROUPS': 'AGENTDIRECT -', 'OUTBOUND AUTODIAL': 'N', 'MANAGER OVERRIDE': 'N', MANAGER: '' }]);
			expect(sim.log[0].params).toMatchObject({ agent_user: '1000', stage: 'text' });
		});

		it('fails for an agent who is not logged in (INVALID USER ID)', async () => {
			const result = await run('agent_ingroup_info', { agentUser: '1001' });
			expect(result.error?.message).toBe('agent_ingroup_info: INVALID USER ID (1001|6666)');
			expect(result.error?.context?.code).toBe('not_found');
		});
	});

	describe('blind_monitor', () => {
		beforeEach(() => {
			sim.state.phones.set('55000@127.0.0.1', {
				extension: '55000',
				server_ip: '127.0.0.1',
				dialplan_number: '55000',
				voicemail_id: '55000',
				login: '55000',
				pass: 'phonepw',
				protocol: 'SIP',
				registration_password: 'regpw',
				fullname: 'Supervisor',
				local_gmt: '-5.00',
				outbound_cid: '3125550000',
			});
		});
		const monitor = (extra: IDataObject = {}) => ({ phoneLogin: '55000', sessionId: '8600051', serverIp: '127.0.0.1', stage: 'MONITOR', ...extra });

		it('queues the Originate that rings the supervisor phone into the session', async () => {
			const result = await run('blind_monitor', monitor());
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'HAS BEEN LAUNCHED',
					phone_login: '55000',
					monitor_channel: '127*000*000*001*08600051',
					dialplan_number: '55000',
					session_id: '8600051',
					manager_id: 1,
					api_user: '6666',
				},
			]);
			expect(sim.state.admin.manager).toEqual([
				expect.objectContaining({ man_id: 1, action: 'Originate', channel: 'Local/127*000*000*001*08600051@default', exten: '55000', outbound_cid: '3125550000' }),
			]);
		});

		it('fails for a phone login that does not exist, queueing nothing', async () => {
			const result = await run('blind_monitor', monitor({ phoneLogin: 'nophone' }));
			expect(result.error?.message).toBe('blind_monitor: INVALID PHONE LOGIN (nophone|6666)');
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.state.admin.manager).toEqual([]);
		});

		it('fails for a session that does not exist on the server', async () => {
			const result = await run('blind_monitor', monitor({ sessionId: '8600999' }));
			expect(result.error?.message).toBe('blind_monitor: INVALID SESSION ID (8600999|127.0.0.1|6666)');
		});

		it('refuses a session ID that is not 7 digits before sending', async () => {
			const result = await run('blind_monitor', monitor({ sessionId: '860005' }));
			expect(result.error?.message).toBe('Session ID must be 7 digits; got "860005"');
			expect(sim.log).toHaveLength(0);
		});

		it('never rings the phone twice: no retry after a dropped connection', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'blind_monitor', times: 1 });
			const result = await run('blind_monitor', monitor({ options: { maxAttempts: 3 } }));
			expect(result.error?.context?.code).toBe('network');
			expect(result.error?.description).toContain('may or may not have been applied');
			expect(sim.stats.byFunction.blind_monitor).toBe(1);
			expect(sim.state.admin.manager).toHaveLength(1);
		});
	});
});
