import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { byId, expectNoAgentApiAccess, expectNotLoggedIn, json, runAgent, useSimulator } from './vicidialAgent.shared.cjs';

/**
 * The VICIdial Agent node's transfer resource against the simulator: the Transfer-Conf frame,
 * parking, remote-agent call control and the fronter commands. Agent 1000 starts logged in to
 * TESTCAMP, paused, with no call.
 */
describe('VICIdial Agent node: transfer', () => {
	const simulator = useSimulator();
	const transfer = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'transfer',
		operation,
		agentUser: byId('1000'),
		...extra,
	});

	describe('transfer_conference', () => {
		it('blind-transfers the customer: the call leaves the agent', async () => {
			const sim = simulator();
			const live = startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, transfer('transfer_conference', { value: 'BLIND_TRANSFER', additionalFields: { phoneNumber: '3125550000' } }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'function set',
					value: 'BLIND_TRANSFER',
					ingroup_choices: '',
					phone_number: '3125550000',
					consultative: 'NO',
					agent_user: '1000',
					call_id: live.call_id,
				},
			]);
			const agent = sim.state.liveAgents.get('1000');
			expect(agent?.pending.external_transferconf).toMatch(/^BLIND_TRANSFER------3125550000---NO---/);
			expect(agent).toMatchObject({ call: null, sub_status: 'DISPO' });
		});

		it('starts a consultative transfer to an in-group picked from the list', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(
				sim,
				transfer('transfer_conference', { value: 'DIAL_WITH_CUSTOMER', additionalFields: { ingroupChoices: { __rl: true, mode: 'list', value: 'SALESLINE' }, consultative: true } }),
			);
			expect(sim.log[0].params).toMatchObject({ value: 'DIAL_WITH_CUSTOMER', ingroup_choices: 'SALESLINE', consultative: 'YES' });
			expect(json(run)[0]).toMatchObject({ value: 'DIAL_WITH_CUSTOMER', ingroup_choices: 'SALESLINE', consultative: 'YES' });
			// A 3-way call: the customer stays with the agent.
			expect(sim.state.liveAgents.get('1000')?.call?.lead_id).toBe(1);
		});

		it('fails without a live call', async () => {
			const sim = simulator();
			const run = await runAgent(sim, transfer('transfer_conference', { value: 'BLIND_TRANSFER', additionalFields: { phoneNumber: '3125550000' } }));
			expect(run.error?.message).toBe('transfer_conference: agent_user does not have a live call (1000)');
			expect(sim.state.liveAgents.get('1000')?.pending.external_transferconf).toBeUndefined();
		});

		it('fails for an inactive or unknown in-group', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, transfer('transfer_conference', { value: 'LOCAL_CLOSER', additionalFields: { ingroupChoices: byId('NOSUCHGRP') } }));
			expect(run.error?.message).toBe('transfer_conference: ingroup is not valid (NOSUCHGRP)');
			expect(sim.state.liveAgents.get('1000')?.call?.lead_id).toBe(1);
		});

		it('refuses a number with letters, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, transfer('transfer_conference', { value: 'BLIND_TRANSFER', additionalFields: { phoneNumber: '312-555' } }));
			expect(run.error?.message).toBe('Number to Dial must be digits, * and #; got "312-555"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), transfer('transfer_conference', { agentUser: byId('1001'), value: 'HANGUP_XFER' }));
			expectNotLoggedIn(run, 'transfer_conference');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), transfer('transfer_conference', { value: 'HANGUP_XFER' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'transfer_conference');
		});

		it('is never retried', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			sim.faults.add({ kind: 'http500', fn: 'transfer_conference', times: 1 });
			const run = await runAgent(sim, transfer('transfer_conference', { value: 'BLIND_TRANSFER', additionalFields: { phoneNumber: '3125550000' }, options: { maxAttempts: 3 } }));
			expect(sim.stats.byFunction.transfer_conference).toBe(1);
			expect(run.error?.message).toBe('transfer_conference: VICIdial answered HTTP 500');
			expect(run.error?.context?.code).toBe('server');
			expect(run.error?.description).toContain('may or may not have been applied');
		});
	});

	describe('park_call', () => {
		it('parks the customer of the lead on screen', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 1, call_type: 'MANUAL' });
			const run = await runAgent(sim, transfer('park_call', { value: 'PARK_CUSTOMER' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function set', value: 'PARK_CUSTOMER', agent_user: '1000' }]);
			expect(sim.state.liveAgents.get('1000')?.pending.external_park).toBe('PARK_CUSTOMER');
		});

		it('fails with no lead on the agent\'s screen', async () => {
			const sim = simulator();
			const run = await runAgent(sim, transfer('park_call', { value: 'GRAB_CUSTOMER' }));
			expect(run.error?.message).toBe('park_call: agent_user does not have a lead on their screen (1000)');
			expect(sim.state.liveAgents.get('1000')?.pending.external_park).toBeUndefined();
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), transfer('park_call', { agentUser: byId('1001'), value: 'PARK_CUSTOMER' }));
			expectNotLoggedIn(run, 'park_call');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), transfer('park_call', { value: 'PARK_CUSTOMER' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'park_call');
		});
	});

	describe('ra_call_control', () => {
		const remoteCall = () => {
			const sim = simulator();
			loginAgent(sim.state, '1001', 'TESTCAMP', { status: 'INCALL' });
			const live = startCall(sim.state, '1001', { lead_id: 1, call_type: 'IN', group: 'SALESLINE' });
			return { sim, callId: live.call_id };
		};

		it('hangs up a remote agent\'s call and logs its status', async () => {
			const { sim, callId } = remoteCall();
			const run = await runAgent(sim, transfer('ra_call_control', { agentUser: byId('1001'), value: callId, stage: 'HANGUP', additionalFields: { status: byId('SALE') } }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'hungup', agent_user: '1001', value: callId, stage: 'HANGUP' }]);
			expect(sim.state.liveAgents.get('1001')).toMatchObject({ status: 'READY', call: null, lead_id: 0 });
			expect(sim.state.leads.get(1)?.status).toBe('SALE');
			expect(sim.state.callLog.at(-1)).toMatchObject({ call_id: callId, status: 'SALE' });
		});

		it('transfers a remote agent\'s call to an extension', async () => {
			const { sim, callId } = remoteCall();
			const run = await runAgent(sim, transfer('ra_call_control', { agentUser: byId('1001'), value: callId, stage: 'EXTENSIONTRANSFER', additionalFields: { phoneNumber: '8500' } }));
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'transfer', agent_user: '1001', value: callId, destination: '8500' }]);
			// RAXFER is VICIdial's default status for a remote-agent transfer.
			expect(sim.state.leads.get(1)?.status).toBe('RAXFER');
		});

		it('fails for a call ID with no active call', async () => {
			const { sim } = remoteCall();
			const run = await runAgent(sim, transfer('ra_call_control', { agentUser: byId('1001'), value: 'Y0315201639000402027', stage: 'HANGUP' }));
			expect(run.error?.message).toBe('ra_call_control: no active call found (Y0315201639000402027)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(sim.state.liveAgents.get('1001')?.call?.lead_id).toBe(1);
		});

		it('fails for a remote agent that is not logged in', async () => {
			const sim = simulator();
			const live = startCall(sim.state, '1000', { lead_id: 1, call_type: 'IN', group: 'SALESLINE' });
			const run = await runAgent(sim, transfer('ra_call_control', { agentUser: byId('1001'), value: live.call_id, stage: 'HANGUP' }));
			expectNotLoggedIn(run, 'ra_call_control');
			expect(sim.state.liveAgents.get('1000')?.call).not.toBeNull();
		});

		it('fails for an API user without Agent API access', async () => {
			const { sim, callId } = remoteCall();
			const run = await runAgent(sim, transfer('ra_call_control', { agentUser: byId('1001'), value: callId, stage: 'HANGUP' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'ra_call_control');
		});
	});

	/** 1000 is the closer on lead 3; 1001 fronted the same lead and logged its state change first. */
	const threeWay = (fronterPlaying?: string) => {
		const sim = simulator();
		const fronter = loginAgent(sim.state, '1001', 'TESTCAMP', { session_id: '8600052', now: new Date(Date.now() - 60_000) });
		fronter.lead_id = 3;
		fronter.playing = fronterPlaying;
		startCall(sim.state, '1000', { lead_id: 3, call_type: 'IN', group: 'SALESLINE' });
		return sim;
	};

	describe('force_fronter_leave_3way', () => {
		it('sends the fronter a leave-3-way command and names the fronter', async () => {
			const sim = threeWay();
			const run = await runAgent(sim, transfer('force_fronter_leave_3way', { value: 'LOCAL_ONLY' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'SENT', fronter_user: '1001' }]);
			expect(sim.state.liveAgents.get('1001')?.pending.external_transferconf).toMatch(/^LEAVE_3WAY_CALL---/);
		});

		it('fails when the closer is not on a call', async () => {
			const run = await runAgent(simulator(), transfer('force_fronter_leave_3way', { value: 'LOCAL_ONLY' }));
			expect(run.error?.message).toBe('force_fronter_leave_3way: agent_user is not on a phone call (1000)');
		});

		it('fails when no other agent has the lead', async () => {
			const sim = simulator();
			startCall(sim.state, '1000', { lead_id: 3, call_type: 'IN', group: 'SALESLINE' });
			const run = await runAgent(sim, transfer('force_fronter_leave_3way', { value: 'LOCAL_ONLY' }));
			expect(run.error?.message).toBe('force_fronter_leave_3way: no fronter found (1000)');
			expect(run.error?.context?.code).toBe('not_found');
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), transfer('force_fronter_leave_3way', { agentUser: byId('1001'), value: 'LOCAL_ONLY' }));
			expectNotLoggedIn(run, 'force_fronter_leave_3way');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(threeWay(), transfer('force_fronter_leave_3way', { value: 'LOCAL_ONLY' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'force_fronter_leave_3way');
		});
	});

	describe('force_fronter_audio_stop', () => {
		it('stops the audio playing in the fronter\'s session', async () => {
			const sim = threeWay('hold-music');
			const run = await runAgent(sim, transfer('force_fronter_audio_stop', { value: 'LOCAL_ONLY' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function sent', value: 'LOCAL_ONLY', stage: '', agent_user: '1000', fronter_user: '1001' }]);
			expect(sim.state.liveAgents.get('1001')?.playing).toBeUndefined();
		});

		it('fails when nothing plays in the fronter\'s session', async () => {
			const sim = threeWay();
			const run = await runAgent(sim, transfer('force_fronter_audio_stop', { value: 'LOCAL_ONLY' }));
			// Regression (was a bug): reply.ts cuts `force_fronter_audio_stop error - no audio playing in other agent
			// session - 8600052|…` at the first " - ", so the reason is only "error".
			expect(run.error?.message).toBe('force_fronter_audio_stop: error - no audio playing in other agent session (8600052|127.0.0.1|1000|1001)');
		});

		it('fails when the closer is not on a call', async () => {
			const run = await runAgent(simulator(), transfer('force_fronter_audio_stop', { value: 'LOCAL_ONLY' }));
			expect(run.error?.message).toBe('force_fronter_audio_stop: agent_user is not on a phone call (1000)');
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), transfer('force_fronter_audio_stop', { agentUser: byId('1001'), value: 'LOCAL_ONLY' }));
			expectNotLoggedIn(run, 'force_fronter_audio_stop');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = threeWay('hold-music');
			const run = await runAgent(sim, transfer('force_fronter_audio_stop', { value: 'LOCAL_ONLY' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'force_fronter_audio_stop');
			expect(sim.state.liveAgents.get('1001')?.playing).toBe('hold-music');
		});
	});
});
