import { endCall, loginAgent, previewLead, startCall } from '../../simulator/agent/scene.cjs';
import { agentApi, expectEpochReply, nowEpoch, useSimulator } from './agentApi.cjs';

/** external_dial, preview_dial_action, external_hangup, external_status, external_add_lead, switch_lead, call_agent. */
const sim = useSimulator();
const agent = (user = '1000') => {
	const live = sim().state.liveAgents.get(user);
	if (!live) throw new Error(`agent ${user} is not logged in`);
	return live;
};
const DIAL = { agent_user: '1000', value: '7275551111', phone_code: '1', search: 'YES', preview: 'NO', focus: 'NO' };

describe('external_dial', () => {
	it('dials from a paused agent with no lead (verified reply) and the screen places the call', async () => {
		const before = nowEpoch();
		const reply = await agentApi(sim(), 'external_dial', DIAL);
		expectEpochReply(reply, /^SUCCESS: external_dial function set - 7275551111\|1000\|1\|YES\|NO\|NO\|\|(\d+)\|\|\|\|\n$/, before);
		expect(agent().pending.external_dial).toMatch(/^7275551111!1!YES!NO!NO!!\d+!!!!!!!$/);
		expect(agent().status).toBe('INCALL');
		expect(agent().call?.call_id).toMatch(/^M\d{10}000000100$/);
		expect(sim().state.leads.get(100)).toMatchObject({ phone_number: '7275551111', list_id: '101', user: '1000' });
	});

	it('search=YES finds the campaign lead, preview=YES only shows it', async () => {
		await agentApi(sim(), 'external_dial', { ...DIAL, value: '3125550199', preview: 'YES' }, { method: 'POST' });
		expect(agent()).toMatchObject({ lead_id: 3, preview: true, status: 'PAUSED', sub_status: 'PREVIEW', call: null });
	});

	it('dials a lead_id, its alt phone with alt_dial=ALT', async () => {
		const lead = sim().state.leads.get(2);
		if (lead) lead.alt_phone = '8135550111';
		const before = nowEpoch();
		const reply = await agentApi(sim(), 'external_dial', { ...DIAL, value: '', lead_id: '2', alt_dial: 'ALT' });
		expectEpochReply(reply, /^SUCCESS: external_dial function set - 8135550111\|1000\|1\|YES\|NO\|NO\|\|(\d+)\|\|\|\|ALT\n$/, before);
		expect(agent().call).toMatchObject({ lead_id: 2, phone_number: '8135550111' });
	});

	it('rejects a missing search/preview/focus (verified), an unknown lead and a number not on the lead', async () => {
		expect(await agentApi(sim(), 'external_dial', { agent_user: '1000', value: '7275551111' })).toBe('ERROR: external_dial not valid - 7275551111||||||1000|\n');
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, lead_id: '4242' })).toBe('ERROR: lead_id is not valid - 1000|4242\n');
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, lead_id: '1', alt_dial: 'SEARCH' })).toBe('ERROR: phone number lead_id search not found - 1000||1|\n');
	});

	it('needs the agent paused with no lead', async () => {
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'external_dial', DIAL)).toBe('ERROR: agent_user is not paused - 1000\n');
	});

	it("needs the AGENT's agentcall_manual", async () => {
		loginAgent(sim().state, '1001', 'TESTCAMP');
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, agent_user: '1001' })).toBe('ERROR: agent_user is not allowed to place manual dial calls - 1001\n');
	});

	it('checks group_alias, outbound_cid and dial_ingroup', async () => {
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, group_alias: 'TESTING' })).toBe('ERROR: group_alias is not valid - 1000|TESTING\n');
		// PHP's `$caller_id_number < 4` refuses only an empty or tiny number (the docs' "123" would pass).
		sim().state.groupAliases.set('TESTING', { group_alias_id: 'TESTING', group_alias_name: 'Testing', caller_id_number: '', caller_id_name: '', active: 'Y' });
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, group_alias: 'TESTING' })).toBe('ERROR: caller_id_number from group_alias is not valid - 1000|TESTING|\n');
		expect(await agentApi(sim(), 'external_dial', { ...DIAL, outbound_cid: '3125551212' })).toBe('ERROR: outbound_cid is not allowed on this system - 1000|3125551212|DISABLED\n');
		const reply = await agentApi(sim(), 'external_dial', { ...DIAL, dial_ingroup: 'FAKE_INGROUP' });
		expect(reply).toMatch(/^NOTICE: defined dial_ingroup not found - FAKE_INGROUP\nSUCCESS: external_dial function set - 7275551111\|1000\|/);
	});

	it('queues numbers when the campaign uses the manual dial queue', async () => {
		const campaign = sim().state.campaigns.get('TESTCAMP');
		if (campaign) campaign.api_manual_dial = 'QUEUE';
		expect(await agentApi(sim(), 'external_dial', DIAL)).toMatch(/^SUCCESS: external_dial function set - 7275551111\|1000\|/);
		expect(await agentApi(sim(), 'external_dial', DIAL)).toBe('ERROR: phone_number is already in this agents manual dial queue - 1000|7275551111\n');
		expect(agent().manual_dial_queue).toEqual(['7275551111']);
	});
});

describe('preview_dial_action', () => {
	it('skips the previewed lead (verified reply)', async () => {
		previewLead(sim().state, '1000', 3);
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'SKIP' })).toBe('SUCCESS: preview_dial_action function set - SKIP|1000|SKIP\n');
		expect(agent()).toMatchObject({ lead_id: 0, preview: false, pending: { external_dial: 'SKIP' } });
	});

	it('DIALONLY calls the previewed lead', async () => {
		previewLead(sim().state, '1000', 3);
		await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'DIALONLY' }, { method: 'POST' });
		expect(agent().call).toMatchObject({ lead_id: 3, phone_number: '3125550199', call_type: 'MANUAL' });
	});

	it('follows the campaign settings', async () => {
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'ALTDIAL' })).toBe('ERROR: alt number dialing not allowed on this campaign - 1000|TESTCAMP|N\n');
		const campaign = sim().state.campaigns.get('TESTCAMP');
		if (campaign) campaign.manual_preview_dial = 'PREVIEW_ONLY';
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'SKIP' })).toBe('ERROR: preview dial skipping not allowed on this campaign - 1000|TESTCAMP|PREVIEW_ONLY\n');
		if (campaign) campaign.manual_preview_dial = 'DISABLED';
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'SKIP' })).toBe('ERROR: preview dialing not allowed on this campaign - 1000|TESTCAMP|DISABLED\n');
	});

	it('needs a paused agent with agentcall_manual and a known action', async () => {
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'JUMP' })).toBe('ERROR: preview_dial_action not valid - JUMP||1000|\n');
		loginAgent(sim().state, '1001', 'TESTCAMP');
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1001', value: 'SKIP' })).toBe('ERROR: agent_user is not allowed to place manual dial calls - 1001\n');
		agent().status = 'READY';
		expect(await agentApi(sim(), 'preview_dial_action', { agent_user: '1000', value: 'SKIP' })).toBe('ERROR: agent_user is not paused - 1000\n');
	});
});

describe('external_hangup', () => {
	it('hangs up the call: logged, agent on the dispo screen (verified reply)', async () => {
		const call = startCall(sim().state, '1000', { lead_id: 4, call_type: 'MANUAL' });
		expect(await agentApi(sim(), 'external_hangup', { agent_user: '1000', value: '1' })).toBe('SUCCESS: external_hangup function set - 1|1000\n');
		expect(agent()).toMatchObject({ call: null, lead_id: 4, status: 'PAUSED', sub_status: 'DISPO', pending: { external_hangup: '1' } });
		expect(sim().state.callLog.at(-1)).toMatchObject({ uniqueid: call.uniqueid, call_id: call.call_id, lead_id: 4, user: '1000', direction: 'OUT' });
	});

	it('answers the same with no call up, and needs a value', async () => {
		expect(await agentApi(sim(), 'external_hangup', { agent_user: '1000', value: '1' })).toBe('SUCCESS: external_hangup function set - 1|1000\n');
		expect(await agentApi(sim(), 'external_hangup', { agent_user: '1000' })).toBe('ERROR: external_hangup not valid - |1000\n');
	});
});

describe('external_status', () => {
	it('sets the lead status and ends the call (verified reply)', async () => {
		agent().campaign_id = 'OUTBOUND';
		const call = startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'external_status', { agent_user: '1000', value: 'SALE' }, { method: 'POST' })).toBe('SUCCESS: external_status function set - SALE|1000\n');
		expect(sim().state.leads.get(1)).toMatchObject({ status: 'SALE', user: '1000' });
		expect(agent()).toMatchObject({ call: null, lead_id: 0, status: 'READY', pending: { external_status: 'SALE' } });
		expect(sim().state.callLog.find((row) => row.uniqueid === call.uniqueid)?.status).toBe('SALE');
	});

	it('books a callback with callback_datetime and appends qm_dispo_code', async () => {
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		endCall(sim().state, '1000');
		const reply = await agentApi(sim(), 'external_status', {
			agent_user: '1000',
			value: 'CALLBK',
			callback_datetime: '2026-12-01 12:00:00',
			callback_type: 'USERONLY',
			callback_comments: 'call me back',
			qm_dispo_code: '1234',
		});
		expect(reply).toBe('SUCCESS: external_status function set - CALLBK!2026-12-01 12:00:00!USERONLY!call me back!1234|1000\n');
		expect(sim().state.callbacks.at(-1)).toMatchObject({ lead_id: 1, callback_time: '2026-12-01 12:00:00', recipient: 'USERONLY', user: '1000', status: 'ACTIVE' });
		expect(agent().status).toBe('PAUSED');
	});

	it('with no lead on screen only queues the command, and needs a value', async () => {
		expect(await agentApi(sim(), 'external_status', { agent_user: '1000', value: 'A', qm_dispo_code: '77' })).toBe('SUCCESS: external_status function set - A!!!!77|1000\n');
		expect(await agentApi(sim(), 'external_status', { agent_user: '1000' })).toBe('ERROR: external_status not valid - |1000\n');
	});
});

describe('external_add_lead', () => {
	it("adds a lead to the campaign's manual dial list (verified reply)", async () => {
		const reply = await agentApi(sim(), 'external_add_lead', { agent_user: '1000', phone_number: '7275553333', phone_code: '1', first_name: 'Bob', last_name: 'Smith', vendor_id: 'V-9' });
		expect(reply).toBe('SUCCESS: lead added - 7275553333|TESTCAMP|101|100|1000\n');
		expect(sim().state.leads.get(100)).toMatchObject({ phone_number: '7275553333', list_id: '101', status: 'NEW', user: '6666', first_name: 'Bob', last_name: 'Smith', vendor_lead_code: 'V-9' });
	});

	it('checks the system and campaign DNC lists on request', async () => {
		const params = { agent_user: '1000', phone_code: '1', dnc_check: 'YES', campaign_dnc_check: 'Y' };
		expect(await agentApi(sim(), 'external_add_lead', { ...params, phone_number: '7275559999' })).toBe('ERROR: add_lead PHONE NUMBER IN DNC - 7275559999|1000\n');
		expect(await agentApi(sim(), 'external_add_lead', { ...params, phone_number: '7275558000' })).toBe('ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - 7275558000|TESTCAMP|1000\n');
		expect(sim().state.leads.size).toBe(4);
	});

	it('needs phone_code and a manual dial list', async () => {
		expect(await agentApi(sim(), 'external_add_lead', { agent_user: '1000', phone_number: '7275553333' })).toBe('ERROR: external_add_lead not valid - 7275553333||1000|\n');
		agent().campaign_id = 'OUTBOUND';
		expect(await agentApi(sim(), 'external_add_lead', { agent_user: '1000', phone_number: '7275553333', phone_code: '1' })).toBe(
			'ERROR: campaign manual dial list undefined - 7275553333|OUTBOUND|1000\n',
		);
	});
});

describe('switch_lead', () => {
	beforeEach(() => {
		const campaign = sim().state.campaigns.get('TESTCAMP');
		if (campaign) campaign.agent_lead_search = 'LIVE_CALL_INBOUND';
	});

	it('switches the lead of a live inbound call', async () => {
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'IN', group: 'SALESLINE' });
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000', vendor_lead_code: 'CRM-300' })).toBe('SUCCESS: switch_lead function set - 1000|3|CRM-300|TESTCAMP|1|\n');
		expect(agent()).toMatchObject({ lead_id: 3, pending: { external_lead_id: '3' } });
		expect(agent().call?.lead_id).toBe(3);
	});

	it('needs a live inbound call and a known lead', async () => {
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000', lead_id: '3' })).toBe('ERROR: agent_user does not have a live call - 1000\n');
		const call = startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		// api.php prints this one without a newline.
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000', lead_id: '3' })).toBe(`ERROR: agent call is not inbound - 1000|${call.call_id}`);
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'IN' });
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000', lead_id: '4242' })).toBe('ERROR: switch-to lead not found - 1000|4242|\n');
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000' })).toBe('ERROR: switch_lead not valid - ||1000\n');
	});

	it('needs the campaign to allow inbound lead search', async () => {
		const campaign = sim().state.campaigns.get('TESTCAMP');
		if (campaign) campaign.agent_lead_search = 'DISABLED';
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'IN' });
		expect(await agentApi(sim(), 'switch_lead', { agent_user: '1000', lead_id: '3' })).toBe('ERROR: campaign does not allow inbound lead search - 1000|TESTCAMP\n');
	});
});

describe('call_agent', () => {
	it("queues the Originate that rings the agent's phone", async () => {
		expect(await agentApi(sim(), 'call_agent', { agent_user: '1000', value: 'CALL' })).toBe('SUCCESS: call_agent function sent - 1000\n');
		expect(sim().state.admin.manager.at(-1)).toMatchObject({ action: 'Originate', channel: 'Channel: SIP/8001', exten: 'Exten: 8600051' });
	});

	it('needs session data and value=CALL', async () => {
		expect(await agentApi(sim(), 'call_agent', { agent_user: '1000', value: 'RING' })).toBe('ERROR: call_agent not valid - RING|1000\n');
		loginAgent(sim().state, '1001', 'TESTCAMP', { webphone_url: null });
		expect(await agentApi(sim(), 'call_agent', { agent_user: '1001', value: 'CALL' })).toBe('ERROR: call_agent error - no session data - 1001\n');
	});
});
