import { endCall, loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { agentApi, expectEpochReply, nowEpoch, useSimulator } from './agentApi.cjs';

/** external_pause, pause_code, logout, change_ingroups, calls_in_queue_count and the st_* lookups. */
const sim = useSimulator();
const agent = () => {
	const live = sim().state.liveAgents.get('1000');
	if (!live) throw new Error('agent 1000 is not logged in');
	return live;
};

describe('external_pause', () => {
	it('resumes a paused agent and pauses a ready one', async () => {
		const before = nowEpoch();
		const resume = await agentApi(sim(), 'external_pause', { agent_user: '1000', value: 'RESUME' });
		expectEpochReply(resume, /^SUCCESS: external_pause function set - RESUME\|(\d+)\|1000\n$/, before);
		expect(agent().status).toBe('READY');
		const pause = await agentApi(sim(), 'external_pause', { agent_user: '1000', value: 'PAUSE' }, { method: 'POST' });
		expectEpochReply(pause, /^SUCCESS: external_pause function set - PAUSE\|(\d+)\|1000\n$/, before);
		expect(agent().status).toBe('PAUSED');
		expect(agent().pending.external_pause).toMatch(/^PAUSE!\d+$/);
	});

	it('on a call, queues the pause for after the disposition', async () => {
		// A RATIO campaign: without the queued pause the agent would be READY after the dispo.
		agent().campaign_id = 'OUTBOUND';
		agent().status = 'READY';
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		await agentApi(sim(), 'external_pause', { agent_user: '1000', value: 'PAUSE' });
		expect(agent().status).toBe('INCALL');
		await agentApi(sim(), 'external_status', { agent_user: '1000', value: 'NI' });
		expect(agent().status).toBe('PAUSED');
		expect(sim().state.leads.get(1)?.status).toBe('NI');
	});

	it('refuses RESUME for an agent that is not paused, and other values', async () => {
		agent().status = 'READY';
		expect(await agentApi(sim(), 'external_pause', { agent_user: '1000', value: 'RESUME' })).toBe('ERROR: external_pause agent is not paused - RESUME|1000\n');
		expect(await agentApi(sim(), 'external_pause', { agent_user: '1000', value: 'NAP' })).toBe('ERROR: external_pause not valid - NAP|1000\n');
	});
});

describe('pause_code', () => {
	it('sets the code of a paused agent', async () => {
		expect(await agentApi(sim(), 'pause_code', { agent_user: '1000', value: 'BREAK' })).toBe('SUCCESS: pause_code function sent - 1000\n');
		expect(agent().pause_code).toBe('BREAK');
		expect(agent().pending.external_pause_code).toBe('BREAK');
	});

	it('needs a paused agent and a code of 1 to 6 characters', async () => {
		expect(await agentApi(sim(), 'pause_code', { agent_user: '1000', value: 'JUMPING' })).toBe('ERROR: pause_code not valid - JUMPING|1000\n');
		agent().status = 'READY';
		expect(await agentApi(sim(), 'pause_code', { agent_user: '1000', value: 'BREAK' })).toBe('ERROR: pause_code error - agent is not paused - 1000\n');
	});
});

describe('logout', () => {
	it('logs an idle agent out at once', async () => {
		const before = nowEpoch();
		const reply = await agentApi(sim(), 'logout', { agent_user: '1000', value: 'LOGOUT' });
		expectEpochReply(reply, /^SUCCESS: logout function set - LOGOUT\|(\d+)\|1000\n$/, before);
		expect(sim().state.liveAgents.has('1000')).toBe(false);
		expect(await agentApi(sim(), 'logout', { agent_user: '1000', value: 'LOGOUT' })).toBe('ERROR: agent_user is not logged in - 1000\n');
	});

	it('logs an agent on a call out after the disposition', async () => {
		startCall(sim().state, '1000', { lead_id: 4, call_type: 'MANUAL' });
		await agentApi(sim(), 'logout', { agent_user: '1000', value: 'LOGOUT' });
		expect(sim().state.liveAgents.has('1000')).toBe(true);
		endCall(sim().state, '1000');
		await agentApi(sim(), 'external_status', { agent_user: '1000', value: 'SALE' });
		expect(sim().state.liveAgents.has('1000')).toBe(false);
	});

	it('refuses another value', async () => {
		expect(await agentApi(sim(), 'logout', { agent_user: '1000', value: 'PAUSE' })).toBe('ERROR: logout not valid - PAUSE|1000\n');
	});
});

describe('change_ingroups', () => {
	it('changes, adds and removes selected in-groups (verified reply)', async () => {
		const change = await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'CHANGE', blended: 'NO', ingroup_choices: ' AGENTDIRECT -' });
		expect(change).toBe('SUCCESS: change_ingroups function set - 6666|1000| AGENTDIRECT -|NO|\n');
		const add = await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'ADD', blended: 'NO', ingroup_choices: ' SALESLINE -' }, { method: 'POST' });
		expect(add).toBe('SUCCESS: change_ingroups function set - 6666|1000| AGENTDIRECT SALESLINE -|NO|\n');
		expect(agent().closer_campaigns).toBe(' AGENTDIRECT SALESLINE -');
		const remove = await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'REMOVE', blended: 'NO', ingroup_choices: ' AGENTDIRECT -', set_as_default: 'YES' });
		expect(remove).toBe('SUCCESS: change_ingroups function set - 6666|1000| SALESLINE -|NO|User settings set as default\n');
		expect(agent().pending).toMatchObject({ external_ingroups: ' SALESLINE -', external_blended: '0', external_igb_set_user: '6666', manager_ingroup_set: 'SET' });
		expect(sim().state.users.get('1000')?.closer_campaigns).toBe(' SALESLINE -');
	});

	it('needs change_agent_campaign on the API user', async () => {
		const reply = await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'CHANGE', blended: 'NO', ingroup_choices: ' AGENTDIRECT -' }, { as: 'reports' });
		expect(reply).toBe('ERROR: user is not allowed to change agent in-groups - apirep\n');
	});

	it('rejects unknown in-groups, blended on a MANUAL campaign and ADD without choices', async () => {
		const params = { agent_user: '1000', value: 'CHANGE', blended: 'NO' };
		expect(await agentApi(sim(), 'change_ingroups', { ...params, ingroup_choices: ' SALESLINE FAKE_IN -' })).toBe(
			'ERROR: ingroup does not exist - 1000|FAKE_IN| SALESLINE FAKE_IN -\n',
		);
		expect(await agentApi(sim(), 'change_ingroups', { ...params, blended: 'YES' })).toBe('ERROR: campaign dial_method does not allow outbound autodial - 1000|YES\n');
		expect(await agentApi(sim(), 'change_ingroups', { ...params, value: 'ADD' })).toBe('ERROR: ingroup_choices are required for ADD and REMOVE values - 1000|ADD|\n');
		expect(await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'CHANGE' })).toBe('ERROR: change_ingroups not valid - CHANGE|||1000\n');
	});

	it('refuses a campaign that takes no inbound calls', async () => {
		const campaign = sim().state.campaigns.get('TESTCAMP');
		if (campaign) campaign.campaign_allow_inbound = 'N';
		const reply = await agentApi(sim(), 'change_ingroups', { agent_user: '1000', value: 'CHANGE', blended: 'NO', ingroup_choices: ' AGENTDIRECT -' });
		expect(reply).toBe('ERROR: campaign does not allow inbound calls - 1000\n');
	});
});

describe('calls_in_queue_count', () => {
	it('counts calls waiting in the selected in-groups, without a trailing newline', async () => {
		expect(await agentApi(sim(), 'calls_in_queue_count', { agent_user: '1000', value: 'DISPLAY' })).toBe('SUCCESS: calls_in_queue_count - 0');
		agent().closer_campaigns = ' AGENTDIRECT SALESLINE -';
		expect(await agentApi(sim(), 'calls_in_queue_count', { agent_user: '1000', value: 'DISPLAY' })).toBe('SUCCESS: calls_in_queue_count - 2');
	});

	it('takes only DISPLAY', async () => {
		expect(await agentApi(sim(), 'calls_in_queue_count', { agent_user: '1000', value: 'SHOW' })).toBe('ERROR: calls_in_queue_count not valid - SHOW|1000\n');
	});
});

describe('st_login_log', () => {
	it('finds the user by custom_three and stores the team id in custom_four', async () => {
		expect(await agentApi(sim(), 'st_login_log', { value: '876001', vendor_id: '207' })).toBe('SUCCESS: st_login_log user found - 1000\n');
		expect(sim().state.users.get('1000')?.custom_four).toBe('207');
	});

	it('answers no user found and needs both ids', async () => {
		expect(await agentApi(sim(), 'st_login_log', { value: '876543', vendor_id: '207' })).toBe('ERROR: no user found - 876543\n');
		expect(await agentApi(sim(), 'st_login_log', { value: '876001' })).toBe('ERROR: st_login_log not valid - 876001|\n');
	});
});

describe('st_get_agent_active_lead', () => {
	it('gives the lead on the agent screen', async () => {
		const lead = sim().state.leads.get(3);
		if (lead) Object.assign(lead, { province: 'SK', security_phrase: 'WILLIAMS', source_id: 'JUH764' });
		startCall(sim().state, '1000', { lead_id: 3, call_type: 'IN', group: 'SALESLINE' });
		expect(await agentApi(sim(), 'st_get_agent_active_lead', { value: '876001', vendor_id: '207' })).toBe(
			'SUCCESS: st_get_agent_active_lead lead found - 1000|3125550199|3|CRM-300|SK|WILLIAMS|JUH764\n',
		);
	});

	it('answers no active lead, user not logged in and no user found', async () => {
		expect(await agentApi(sim(), 'st_get_agent_active_lead', { value: '876001', vendor_id: '207' })).toBe('ERROR: no active lead found - 1000\n');
		sim().state.liveAgents.delete('1000');
		expect(await agentApi(sim(), 'st_get_agent_active_lead', { value: '876001', vendor_id: '207' })).toBe('ERROR: user not logged in - 1000\n');
		expect(await agentApi(sim(), 'st_get_agent_active_lead', { value: '876543', vendor_id: '207' })).toBe('ERROR: no user found - 876543\n');
	});

	it('works for an agent the scene logs in', async () => {
		const user = sim().state.users.get('1001');
		if (user) user.custom_three = '876002';
		loginAgent(sim().state, '1001', 'TESTCAMP');
		startCall(sim().state, '1001', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'st_get_agent_active_lead', { value: '876002', vendor_id: '1' })).toBe(
			'SUCCESS: st_get_agent_active_lead lead found - 1001|7275551212|1|VLC-A|||\n',
		);
	});
});
