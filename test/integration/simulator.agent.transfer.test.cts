import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { agentApi, useSimulator } from './agentApi.cjs';

/** transfer_conference, park_call, ra_call_control, force_fronter_leave_3way, force_fronter_audio_stop. */
const sim = useSimulator();
const agent = (user = '1000') => {
	const live = sim().state.liveAgents.get(user);
	if (!live) throw new Error(`agent ${user} is not logged in`);
	return live;
};

describe('transfer_conference', () => {
	it('sends a consultative LOCAL_CLOSER and keeps the call', async () => {
		const call = startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		const reply = await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'LOCAL_CLOSER', ingroup_choices: 'SALESLINE', consultative: 'YES' });
		expect(reply).toBe(`SUCCESS: transfer_conference function set - LOCAL_CLOSER|SALESLINE||YES|1000|${call.call_id}|\n`);
		expect(agent().pending.external_transferconf).toMatch(/^LOCAL_CLOSER---SALESLINE------YES------------\d+---$/);
		expect(agent().call?.call_id).toBe(call.call_id);
	});

	it('a blind transfer takes the customer off the line', async () => {
		const call = startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		const reply = await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'BLIND_TRANSFER', phone_number: '8500' }, { method: 'POST' });
		expect(reply).toBe(`SUCCESS: transfer_conference function set - BLIND_TRANSFER||8500|NO|1000|${call.call_id}|\n`);
		expect(agent().pending.external_transferconf).toMatch(/^BLIND_TRANSFER------8500---NO------------\d+---$/);
		expect(agent()).toMatchObject({ call: null, lead_id: 1, sub_status: 'DISPO' });
	});

	it('reports multi_dial_phones kept, sent and stored', async () => {
		const call = startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		const reply = await agentApi(sim(), 'transfer_conference', {
			agent_user: '1000',
			value: 'DIAL_WITH_CUSTOMER',
			phone_number: '2125551212',
			multi_dial_phones: '2125551212,4075551212,2125551212',
		});
		expect(reply).toBe(`SUCCESS: transfer_conference function set - DIAL_WITH_CUSTOMER||2125551212|NO|1000|${call.call_id}|Multi-phones: 2 3 1|\n`);
	});

	it('needs a live call, a known value and an active in-group', async () => {
		expect(await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'HANGUP_XFER' })).toBe('ERROR: agent_user does not have a live call - 1000\n');
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'XYZFUNCTION' })).toBe('ERROR: value is not valid - XYZFUNCTION|6666\n');
		expect(await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'LOCAL_CLOSER', ingroup_choices: 'XYZINGROUP' })).toBe('ERROR: ingroup is not valid - XYZINGROUP\n');
		expect(await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'QQ' })).toBe('ERROR: transfer_conference not valid - QQ|1000\n');
		expect(await agentApi(sim(), 'transfer_conference', { agent_user: '1000', value: 'LEAVE_VM', cid_choice: 'BOGUS' })).toBe('ERROR: cid_choice is not valid - 1000|BOGUS\n');
	});
});

describe('park_call', () => {
	it('parks the customer of the lead on screen', async () => {
		startCall(sim().state, '1000', { lead_id: 4, call_type: 'MANUAL' });
		expect(await agentApi(sim(), 'park_call', { agent_user: '1000', value: 'PARK_CUSTOMER' })).toBe('SUCCESS: park_call function set - PARK_CUSTOMER|1000\n');
		expect(agent().pending.external_park).toBe('PARK_CUSTOMER');
	});

	it('needs a lead on screen and a value of 10+ characters', async () => {
		expect(await agentApi(sim(), 'park_call', { agent_user: '1000', value: 'PARK_CUSTOMER' })).toBe('ERROR: agent_user does not have a lead on their screen - 1000\n');
		expect(await agentApi(sim(), 'park_call', { agent_user: '1000', value: 'PARK' })).toBe('ERROR: park_call not valid - PARK|1000\n');
	});
});

describe('ra_call_control', () => {
	const remoteCall = () => {
		loginAgent(sim().state, '1001', 'TESTCAMP', { status: 'READY' });
		return startCall(sim().state, '1001', { lead_id: 3, call_type: 'IN', group: 'SALESLINE' });
	};

	it('hangs up a remote agent call: lead status, agent READY again', async () => {
		const call = remoteCall();
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: call.call_id, stage: 'HANGUP', status: 'TEST88' })).toBe(
			`SUCCESS: ra_call_control hungup - 1001|${call.call_id}|HANGUP\n`,
		);
		expect(sim().state.leads.get(3)?.status).toBe('TEST88');
		expect(agent('1001')).toMatchObject({ call: null, lead_id: 0, status: 'READY' });
		expect(sim().state.callLog.at(-1)).toMatchObject({ uniqueid: call.uniqueid, status: 'TEST88', direction: 'IN' });
	});

	it('transfers to an extension or an in-group (status RAXFER)', async () => {
		const call = remoteCall();
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: call.call_id, stage: 'EXTENSIONTRANSFER' })).toBe('ERROR: phone_number is not valid - \n');
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: call.call_id, stage: 'INGROUPTRANSFER', ingroup_choices: 'SALESLINE' })).toBe(
			`SUCCESS: ra_call_control transfer - 1001|${call.call_id}|\n`,
		);
		expect(sim().state.leads.get(3)?.status).toBe('RAXFER');
	});

	it('answers no active call, a bad stage and missing parameters', async () => {
		const call = remoteCall();
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: 'V2221052110000798236', stage: 'HANGUP' })).toBe('ERROR: no active call found - V2221052110000798236\n');
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: call.call_id, stage: 'XYZ' })).toBe('ERROR: stage is not valid - XYZ\n');
		expect(await agentApi(sim(), 'ra_call_control', { agent_user: '1001', value: call.call_id })).toBe(`ERROR: ra_call_control not valid - ${call.call_id}|1001|\n`);
	});
});

describe('force_fronter_leave_3way and force_fronter_audio_stop', () => {
	/** 1001 fronted lead 1 and is still on it; 1000 (the closer) has it on screen too. */
	const threeWay = () => {
		loginAgent(sim().state, '1001', 'TESTCAMP');
		startCall(sim().state, '1001', { lead_id: 1, call_type: 'OUT' });
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'IN', group: 'SALESLINE' });
	};

	it('sends LEAVE_3WAY_CALL to the fronter; the reply has no newline', async () => {
		threeWay();
		expect(await agentApi(sim(), 'force_fronter_leave_3way', { agent_user: '1000', value: 'LOCAL_ONLY' })).toBe('SUCCESS: force_fronter_leave_3way SENT - 1001');
		expect(agent('1001').pending.external_transferconf).toMatch(/^LEAVE_3WAY_CALL---------NO------------\d+$/);
	});

	it('CCC_REMOTE works by lead_id without the agent being logged in; the earliest agent is the fronter', async () => {
		threeWay();
		agent('1000').last_state_change = 100;
		agent('1001').last_state_change = 200;
		expect(await agentApi(sim(), 'force_fronter_leave_3way', { agent_user: '1002', value: 'CCC_REMOTE', lead_id: '1' })).toBe('SUCCESS: force_fronter_leave_3way SENT - 1000');
	});

	it('needs a call and a fronter', async () => {
		expect(await agentApi(sim(), 'force_fronter_leave_3way', { agent_user: '1000', value: 'LOCAL_ONLY' })).toBe('ERROR: agent_user is not on a phone call - 1000\n');
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'force_fronter_leave_3way', { agent_user: '1000', value: 'LOCAL_AND_CCC' })).toBe('ERROR: no fronter found - 1000\n');
		expect(await agentApi(sim(), 'force_fronter_audio_stop', { agent_user: '1000', value: 'LOCAL_ONLY' })).toBe('ERROR: no fronter found - 1000\n');
		expect(await agentApi(sim(), 'force_fronter_leave_3way', { agent_user: '1000', value: 'ALL' })).toBe('ERROR: force_fronter_leave_3way not valid - ALL|1000\n');
	});

	it("stops the audio playing in the fronter's session", async () => {
		threeWay();
		expect(await agentApi(sim(), 'force_fronter_audio_stop', { agent_user: '1000', value: 'LOCAL_ONLY' })).toBe(
			'ERROR: force_fronter_audio_stop error - no audio playing in other agent session - 8600052|127.0.0.1||1000|1001\n',
		);
		agent('1001').playing = 'ss-noservice';
		expect(await agentApi(sim(), 'force_fronter_audio_stop', { agent_user: '1000', value: 'LOCAL_ONLY' })).toBe('SUCCESS: force_fronter_audio_stop function sent - LOCAL_ONLY||1000|1001\n');
		expect(agent('1001').playing).toBeUndefined();
	});
});
