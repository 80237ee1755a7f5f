import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { byId, expectNoAgentApiAccess, expectNotLoggedIn, expectPermission, json, runAgent, useSimulator } from './vicidialAgent.shared.cjs';

/**
 * The VICIdial Agent node's agentState resource against the simulator: pause and resume,
 * pause codes, logout, in-groups, queue counts and the CRM (custom_three) lookups, plus the
 * "never retry a live command" rule. Agent 1000 starts logged in to TESTCAMP, paused, in-group
 * AGENTDIRECT; its CRM agent ID (custom_three) is 876001.
 */
describe('VICIdial Agent node: agentState', () => {
	const simulator = useSimulator();
	const state = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'agentState',
		operation,
		agentUser: byId('1000'),
		...extra,
	});

	describe('external_pause', () => {
		it('resumes a paused agent', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME' }));
			expect(run.error).toBeUndefined();
			const [out] = json(run);
			expect(out).toMatchObject({ result: 'SUCCESS', message: 'function set', value: 'RESUME', agent_user: '1000' });
			expect(typeof out.epoch).toBe('number');
			expect(sim.state.liveAgents.get('1000')?.status).toBe('READY');
		});

		it('pauses a ready agent', async () => {
			const sim = simulator();
			sim.state.liveAgents.get('1000')!.status = 'READY';
			const run = await runAgent(sim, state('external_pause', { value: 'PAUSE' }));
			expect(json(run)[0]).toMatchObject({ value: 'PAUSE', agent_user: '1000' });
			expect(sim.state.liveAgents.get('1000')?.status).toBe('PAUSED');
		});

		it('pauses an agent on a call only after the call (the command waits)', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, state('external_pause', { value: 'PAUSE' }));
			expect(run.error).toBeUndefined();
			const live = sim.state.liveAgents.get('1000');
			expect(live?.status).toBe('INCALL');
			expect(live?.pending.external_pause).toMatch(/^PAUSE!\d+$/);
		});

		it('fails to resume an agent who is not paused', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME' }));
			expect(run.error?.message).toBe('external_pause: agent is not paused (RESUME|1000)');
			expect(sim.state.liveAgents.get('1000')?.pending.external_pause).toBeUndefined();
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), state('external_pause', { agentUser: byId('1001'), value: 'PAUSE' }));
			expectNotLoggedIn(run, 'external_pause');
		});

		it('fails for a user that does not exist', async () => {
			const run = await runAgent(simulator(), state('external_pause', { agentUser: byId('ghost9'), value: 'PAUSE' }));
			expect(run.error?.message).toBe('external_pause: no user found (ghost9)');
			expect(run.error?.context?.code).toBe('not_found');
			// Regression (was a bug): errors.ts gives "no user found" no description at all; for the Agent API it
			// means Agent User names no VICIdial user, which the description should say.
			expect(run.error?.description).toMatch(/Agent User|agent screen/);
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'external_pause');
			expect(sim.state.liveAgents.get('1000')?.status).toBe('PAUSED');
		});
	});

	describe('never retry a live command', () => {
		it('sends external_pause once after a connection reset, whatever Retries says, and says it may have been applied', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'reset', fn: 'external_pause', times: 1 });
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME', options: { maxAttempts: 3 } }));
			expect(sim.stats.byFunction).toEqual({ external_pause: 1 });
			expect(run.error?.context?.code).toBe('network');
			expect(run.error?.message).toMatch(/^external_pause: Cannot reach VICIdial at http:\/\/127\.0\.0\.1:\d+\/agc\/api\.php/);
			expect(run.error?.description).toContain('The request may or may not have been applied: check VICIdial before repeating it.');
		});

		it('keeps the "may have been applied" warning in the error item of a continue-on-fail run', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'reset', fn: 'external_pause', times: 1 });
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME', options: { maxAttempts: 3 } }), { continueOnFail: true });
			expect(sim.stats.byFunction).toEqual({ external_pause: 1 });
			expect(json(run)).toEqual([expect.objectContaining({ code: 'network', function: 'external_pause' })]);
			// Regression (was a bug): the warning lives only in the error's description; the item a continue-on-fail
			// workflow gets has the message alone ("Cannot reach VICIdial at …"), which reads as
			// "not sent" and invites a repeat of a command that may have run.
			expect(json(run)[0].error).toContain('may or may not have been applied');
		});

		it('does not repeat a pause that was applied before the connection dropped', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'resetAfterApply', fn: 'external_pause', times: 1 });
			const run = await runAgent(sim, state('external_pause', { value: 'RESUME', options: { maxAttempts: 3 } }));
			expect(sim.stats.byFunction).toEqual({ external_pause: 1 });
			expect(run.error?.description).toContain('may or may not have been applied');
			// Applied once: the agent is READY, and no second command was queued.
			expect(sim.state.liveAgents.get('1000')?.status).toBe('READY');
		});

		it('retries the read-only calls_in_queue_count (catalogue retry "always") after a reset', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'reset', fn: 'calls_in_queue_count', times: 1 });
			const run = await runAgent(sim, state('calls_in_queue_count', { options: { maxAttempts: 3 } }));
			// What loop.ts does now: Retries applies to every function whose catalogue policy allows
			// a repeat, the Agent API's read-only ones included (it no longer forces one attempt).
			expect(sim.stats.byFunction).toEqual({ calls_in_queue_count: 2 });
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: '', count: 0 }]);
		});

		it('retries the read-only st_get_agent_active_lead after an empty HTTP 500', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
			sim.faults.add({ kind: 'empty500', fn: 'st_get_agent_active_lead', times: 1 });
			const run = await runAgent(sim, { resource: 'agentState', operation: 'st_get_agent_active_lead', value: '876001', vendorId: 'TEAM7', options: { maxAttempts: 2 } });
			expect(sim.stats.byFunction).toEqual({ st_get_agent_active_lead: 2 });
			expect(json(run)[0]).toMatchObject({ agent_user: '1000', lead_id: 3 });
		});

		it('stops at one attempt for a read when Retries is 1', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'reset', fn: 'calls_in_queue_count', times: 1 });
			const run = await runAgent(sim, state('calls_in_queue_count', { options: { maxAttempts: 1 } }));
			expect(sim.stats.byFunction).toEqual({ calls_in_queue_count: 1 });
			expect(run.error?.context?.code).toBe('network');
			// A read changes nothing, so no "may have been applied" warning.
			expect(run.error?.description).not.toContain('may or may not have been applied');
		});
	});

	describe('done when: a CRM outcome sets the disposition with a callback, then pauses the agent', () => {
		/*
		 * One node cannot switch between external_status and external_pause per item: with the
		 * operation as an expression n8n keeps the first operation's "Additional Fields" and drops
		 * the callback fields (tried). So the flow is the workflow a user would build, CRM item →
		 * Set Disposition → Pause Agent, each node run once, the second fed the first one's items.
		 */
		it('dispositions with a CALLBK callback (date, type, comments), then pauses the agent who would otherwise go READY', async () => {
			const sim = simulator();
			// An auto-dial campaign: after a disposition the agent goes READY unless paused.
			loginAgent(sim.state, '1000', 'OUTBOUND');
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'OUT' });
			const outcome = { agent: '1000', status: 'CALLBK', callbackAt: '2026-12-01T15:30:00', comments: 'Call after the board meeting' };

			const status = await runAgent(
				sim,
				{
					resource: 'call',
					operation: 'external_status',
					agentUser: '={{ $json.agent }}',
					value: '={{ $json.status }}',
					additionalFields: { callbackDatetime: '={{ $json.callbackAt }}', callbackType: 'USERONLY', callbackComments: '={{ $json.comments }}' },
				},
				{ items: [outcome] },
			);
			expect(status.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({
				function: 'external_status',
				agent_user: '1000',
				value: 'CALLBK',
				callback_datetime: '2026-12-01 15:30:00',
				callback_type: 'USERONLY',
				callback_comments: 'Call after the board meeting',
			});
			expect(json(status)).toEqual([
				{ result: 'SUCCESS', message: 'function set', value: 'CALLBK!2026-12-01 15:30:00!USERONLY!Call after the board meeting!', agent_user: '1000' },
			]);
			expect(sim.state.leads.get(3)).toMatchObject({ status: 'CALLBK', user: '1000' });
			expect(sim.state.callbacks.at(-1)).toMatchObject({
				lead_id: 3,
				campaign_id: 'OUTBOUND',
				status: 'ACTIVE',
				callback_time: '2026-12-01 15:30:00',
				recipient: 'USERONLY',
				user: '1000',
				comments: 'Call after the board meeting',
			});
			expect(sim.state.liveAgents.get('1000')).toMatchObject({ status: 'READY', lead_id: 0, call: null });

			const pause = await runAgent(sim, state('external_pause', { agentUser: '={{ $json.agent_user }}', value: 'PAUSE' }), { items: json(status) });
			expect(pause.error).toBeUndefined();
			expect(sim.log.map((request) => request.fn)).toEqual(['external_status', 'external_pause']);
			expect(sim.log[1].params).toMatchObject({ agent_user: '1000', value: 'PAUSE' });
			expect(json(pause)).toEqual([expect.objectContaining({ result: 'SUCCESS', message: 'function set', value: 'PAUSE', agent_user: '1000' })]);
			expect(sim.state.liveAgents.get('1000')).toMatchObject({ status: 'PAUSED', lead_id: 0, call: null });
		});

		it('pauses first, on the call, so the disposition leaves the agent paused (two items, one pause run)', async () => {
			const sim = simulator();
			loginAgent(sim.state, '1000', 'OUTBOUND');
			loginAgent(sim.state, '6666', 'OUTBOUND');
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'OUT' });
			startCall(sim.state, '6666', { lead_id: 1, call_type: 'OUT' });
			const pause = await runAgent(sim, state('external_pause', { agentUser: '={{ $json.agent }}', value: 'PAUSE' }), { items: [{ agent: '1000' }, { agent: '6666' }] });
			expect(json(pause).map((item) => item.agent_user)).toEqual(['1000', '6666']);
			// Queued: both agents stay on their calls.
			expect([...sim.state.liveAgents.values()].map((live) => live.status)).toEqual(['INCALL', 'INCALL']);
			const status = await runAgent(sim, { resource: 'call', operation: 'external_status', agentUser: '={{ $json.agent_user }}', value: byId('NI') }, { items: json(pause) });
			expect(json(status).map((item) => item.value)).toEqual(['NI', 'NI']);
			expect(sim.state.liveAgents.get('1000')?.status).toBe('PAUSED');
			expect(sim.state.liveAgents.get('6666')?.status).toBe('PAUSED');
			expect([sim.state.leads.get(3)?.status, sim.state.leads.get(1)?.status]).toEqual(['NI', 'NI']);
		});
	});

	describe('pause_code', () => {
		it('sets the pause code of a paused agent', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('pause_code', { value: 'BREAK' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function sent', agent_user: '1000' }]);
			expect(sim.state.liveAgents.get('1000')?.pause_code).toBe('BREAK');
		});

		it('fails for an agent who is not paused', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, state('pause_code', { value: 'BREAK' }));
			// Regression (was a bug): reply.ts splits `pause_code error - agent is not paused - 1000` at the first " - ".
			expect(run.error?.message).toBe('pause_code: error - agent is not paused (1000)');
			expect(sim.state.liveAgents.get('1000')?.pause_code).toBe('');
		});

		it('refuses a code longer than 6 characters, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('pause_code', { value: 'LUNCHBRK' }));
			expect(run.error?.message).toBe('Pause Code must be 1-6 characters (letters, digits, _ and -); got "LUNCHBRK"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), state('pause_code', { agentUser: byId('1001'), value: 'BREAK' }));
			expectNotLoggedIn(run, 'pause_code');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), state('pause_code', { value: 'BREAK' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'pause_code');
		});
	});

	describe('logout', () => {
		it('logs an idle agent out at once', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('logout'));
			expect(run.error).toBeUndefined();
			const [out] = json(run);
			expect(out).toMatchObject({ result: 'SUCCESS', message: 'function set', value: 'LOGOUT', agent_user: '1000' });
			expect(typeof out.epoch).toBe('number');
			expect(sim.state.liveAgents.has('1000')).toBe(false);
		});

		it('logs an agent on a call out only after the call', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			await runAgent(sim, state('logout'));
			expect(sim.state.liveAgents.get('1000')).toMatchObject({ status: 'INCALL', pending: { external_pause: 'LOGOUT' } });
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), state('logout', { agentUser: byId('1001') }));
			expectNotLoggedIn(run, 'logout');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('logout'), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'logout');
			expect(sim.state.liveAgents.has('1000')).toBe(true);
		});
	});

	describe('change_ingroups', () => {
		it('adds an in-group and saves the selection as the agent\'s default', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('change_ingroups', { value: 'ADD', blended: false, additionalFields: { ingroupChoices: 'SALESLINE', setAsDefault: true } }));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({ value: 'ADD', blended: 'NO', ingroup_choices: ' SALESLINE -', set_as_default: 'YES' });
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'function set',
					user: '6666',
					agent_user: '1000',
					ingroup_choices: ' AGENTDIRECT SALESLINE -',
					blended: 'NO',
					set_as_default: 'User settings set as default',
				},
			]);
			expect(sim.state.liveAgents.get('1000')?.closer_campaigns).toBe(' AGENTDIRECT SALESLINE -');
			expect(sim.state.users.get('1000')?.closer_campaigns).toBe(' AGENTDIRECT SALESLINE -');
		});

		it('replaces the in-groups with a comma-separated list', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('change_ingroups', { value: 'CHANGE', blended: false, additionalFields: { ingroupChoices: 'SALESLINE, AGENTDIRECT' } }));
			expect(sim.log[0].params.ingroup_choices).toBe(' SALESLINE AGENTDIRECT -');
			expect(json(run)[0]).toMatchObject({ ingroup_choices: ' SALESLINE AGENTDIRECT -', blended: 'NO' });
			expect(sim.state.liveAgents.get('1000')?.closer_campaigns).toBe(' SALESLINE AGENTDIRECT -');
		});

		it('fails for an in-group that does not exist', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('change_ingroups', { value: 'ADD', blended: false, additionalFields: { ingroupChoices: 'NOSUCHGRP' } }));
			expect(run.error?.message).toBe('change_ingroups: ingroup does not exist (1000|NOSUCHGRP| NOSUCHGRP -)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(sim.state.liveAgents.get('1000')?.closer_campaigns).toBe(' AGENTDIRECT -');
		});

		it('fails with a permission error for an API user without Change Agent Campaign', async () => {
			const sim = simulator();
			const run = await runAgent(sim, state('change_ingroups', { value: 'ADD', blended: false, additionalFields: { ingroupChoices: 'SALESLINE' } }), { as: 'reports' });
			expectPermission(run, 'change_ingroups: user is not allowed to change agent in-groups (apirep)', 'Change Agent Campaign = 1');
			expect(sim.state.liveAgents.get('1000')?.closer_campaigns).toBe(' AGENTDIRECT -');
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), state('change_ingroups', { agentUser: byId('1001'), value: 'CHANGE', blended: false }));
			expectNotLoggedIn(run, 'change_ingroups');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), state('change_ingroups', { value: 'CHANGE', blended: false }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'change_ingroups');
		});
	});

	describe('st_login_log', () => {
		it('finds the user of a CRM agent ID and records the team ID', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentState', operation: 'st_login_log', value: '876001', vendorId: 'TEAM7' });
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'user found', agent_user: '1000' }]);
			expect(sim.state.users.get('1000')?.custom_four).toBe('TEAM7');
		});

		it('fails for a CRM agent ID no user has', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentState', operation: 'st_login_log', value: '999999', vendorId: 'TEAM7' });
			expect(run.error?.message).toBe('st_login_log: no user found (999999)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(sim.state.users.get('1000')?.custom_four).toBe('');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentState', operation: 'st_login_log', value: '876001', vendorId: 'TEAM7' }, { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'st_login_log');
			expect(sim.state.users.get('1000')?.custom_four).toBe('');
		});
	});

	describe('calls_in_queue_count', () => {
		it('counts the calls waiting in the agent\'s in-groups, as a number', async () => {
			const sim = simulator();
			sim.state.liveAgents.get('1000')!.closer_campaigns = ' AGENTDIRECT SALESLINE -';
			const run = await runAgent(sim, state('calls_in_queue_count'));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params.value).toBe('DISPLAY');
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: '', count: 2 }]);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), state('calls_in_queue_count', { agentUser: byId('1001') }));
			expectNotLoggedIn(run, 'calls_in_queue_count');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), state('calls_in_queue_count'), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'calls_in_queue_count');
		});
	});

	describe('st_get_agent_active_lead', () => {
		const lookup = { resource: 'agentState', operation: 'st_get_agent_active_lead', value: '876001', vendorId: 'TEAM7' };

		it('returns the lead on the screen of the CRM agent', async () => {
			const sim = simulator();
			Object.assign(sim.state.leads.get(3)!, { province: 'ON', security_phrase: 'blue', source_id: 'WEB' });
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
			const run = await runAgent(sim, lookup);
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'lead found',
					agent_user: '1000',
					phone_number: '3125550199',
					lead_id: 3,
					vendor_lead_code: 'CRM-300',
					province: 'ON',
					security_phrase: 'blue',
					source_id: 'WEB',
				},
			]);
		});

		it('gives no item when the agent has no lead (emptyOn)', async () => {
			const run = await runAgent(simulator(), lookup);
			expect(run.error).toBeUndefined();
			expect(run.items).toEqual([]);
		});

		it('fails when the CRM agent is not logged in', async () => {
			const sim = simulator();
			sim.state.liveAgents.delete('1000');
			const run = await runAgent(sim, lookup);
			expect(run.error?.message).toBe('st_get_agent_active_lead: user not logged in (1000)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(run.error?.description).toBe('The agent must be logged in to the VICIdial agent screen (vicidial.php) for Agent API calls.');
		});

		it('fails for a CRM agent ID no user has', async () => {
			const run = await runAgent(simulator(), { ...lookup, value: '999999' });
			expect(run.error?.message).toBe('st_get_agent_active_lead: no user found (999999)');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), lookup, { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'st_get_agent_active_lead');
		});
	});
});
