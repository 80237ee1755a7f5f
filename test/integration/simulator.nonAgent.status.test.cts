import type { SimLiveAgent } from '../../simulator/state.cjs';
import { nonAgent, PHONE_55000, useSimulator } from './nonAgentAdmin.cjs';

/**
 * The real-time Non-Agent functions (notes §4.5, §7.4): agent_status, logged_in_agents, the
 * user-group and in-group counters, agent_ingroup_info and blind_monitor, computed from the
 * simulator's live agents (seed: agent 1000 PAUSED in TESTCAMP, session 8600051).
 */
const sim = useSimulator();

function agent1000(): SimLiveAgent {
	const agent = sim().state.liveAgents.get('1000');
	if (!agent) throw new Error('seed agent 1000 is not logged in');
	return agent;
}

/** Agent 1000 talking to lead 4 on a manual call that Asterisk has answered. */
function putInCall(agent: SimLiveAgent): void {
	agent.status = 'INCALL';
	agent.lead_id = 4;
	agent.call = {
		call_id: 'M1120090500000000004',
		uniqueid: '1795100000.101',
		lead_id: 4,
		phone_number: '4075550100',
		phone_code: '1',
		call_type: 'MANUAL',
		campaign_id: 'TESTCAMP',
		group: '',
		start_epoch: 1795100000,
		channel: 'SIP/trunk-00000001',
	};
}

describe('agent_status', () => {
	const HEADER =
		'status|callerid|lead_id|campaign_id|calls_today|full_name|user_group|user_level|pause_code|real_time_sub_status|phone_number|vendor_lead_code|session_id\n';

	it('prints the observed header and the paused agent', async () => {
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000', header: 'YES' })).toBe(`${HEADER}PAUSED||0|TESTCAMP|0|Test Agent|ADMIN|1|||||8600051\n`);
	});

	it('adds computer_ip to the header only with include_ip=YES', async () => {
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000', header: 'YES', include_ip: 'YES', stage: 'csv' })).toBe(
			'status,callerid,lead_id,campaign_id,calls_today,full_name,user_group,user_level,pause_code,real_time_sub_status,phone_number,vendor_lead_code,session_id,computer_ip\n' +
				'PAUSED,,0,TESTCAMP,0,Test Agent,ADMIN,1,,,,,8600051\n',
		);
	});

	it('shows the call, DEAD when the call is gone, DISPO when paused with a lead', async () => {
		const agent = agent1000();
		putInCall(agent);
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' })).toBe(
			'INCALL|M1120090500000000004|4|TESTCAMP|0|Test Agent|ADMIN|1|||4075550100||8600051\n',
		);
		agent.call = null;
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' })).toBe('INCALL||4|TESTCAMP|0|Test Agent|ADMIN|1||DEAD|4075550100||8600051\n');
		agent.status = 'PAUSED';
		agent.lead_id = 3;
		agent.pause_code = 'BREAK';
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' })).toBe(
			'PAUSED||3|TESTCAMP|0|Test Agent|ADMIN|1|BREAK|DISPO|3125550199|CRM-300|8600051\n',
		);
		agent.preview = true;
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' })).toBe(
			'PAUSED||3|TESTCAMP|0|Test Agent|ADMIN|1|BREAK|PREVIEW|3125550199|CRM-300|8600051\n',
		);
	});

	it('shows DIAL while a manual call rings', async () => {
		const agent = agent1000();
		putInCall(agent);
		if (agent.call) {
			agent.call.uniqueid = '';
			agent.call.channel = '';
		}
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' })).toBe(
			'INCALL|M1120090500000000004|4|TESTCAMP|0|Test Agent|ADMIN|1||DIAL|4075550100||8600051\n',
		);
	});

	it('answers the agent_status errors', async () => {
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '6666' })).toBe('ERROR: agent_status AGENT NOT LOGGED IN: 6666|6666\n');
		expect(await nonAgent(sim(), 'agent_status', { agent_user: 'nosuch' })).toBe('ERROR: agent_status AGENT NOT FOUND: 6666|nosuch\n');
		expect(await nonAgent(sim(), 'agent_status', {})).toBe('ERROR: agent_status INVALID SEARCH PARAMETERS: 6666|\n');
		expect(await nonAgent(sim(), 'agent_status', { agent_user: '1000' }, { as: 'noApi' })).toBe(
			'ERROR: agent_status USER DOES NOT HAVE PERMISSION TO GET AGENT INFO: |apinoagt|0|\n',
		);
	});
});

describe('logged_in_agents', () => {
	it('lists the logged-in agent, with sub-status columns on request', async () => {
		expect(await nonAgent(sim(), 'logged_in_agents', {})).toBe('1000|TESTCAMP|8600051|PAUSED|0||0|Test Agent|ADMIN|1\n');
		expect(await nonAgent(sim(), 'logged_in_agents', { show_sub_status: 'YES', header: 'YES' })).toBe(
			'user|campaign_id|session_id|status|lead_id|callerid|calls_today|full_name|user_group|user_level|pause_code|sub_status\n' +
				'1000|TESTCAMP|8600051|PAUSED|0||0|Test Agent|ADMIN|1||\n',
		);
	});

	it('follows the live agents', async () => {
		putInCall(agent1000());
		sim().state.liveAgents.set('1001', {
			...agent1000(),
			user: '1001',
			session_id: '8600052',
			status: 'READY',
			lead_id: 0,
			call: null,
			campaign_id: 'OUTBOUND',
		});
		expect(await nonAgent(sim(), 'logged_in_agents', { show_sub_status: 'YES', stage: 'tab' })).toBe(
			'1000\tTESTCAMP\t8600051\tINCALL\t4\tM1120090500000000004\t0\tTest Agent\tADMIN\t1\t\t\n' +
				'1001\tOUTBOUND\t8600052\tREADY\t0\t\t0\tSecond Agent\tADMIN\t1\t\t\n',
		);
		expect(await nonAgent(sim(), 'logged_in_agents', { campaigns: 'OUTBOUND|OTHER' })).toBe('1001|OUTBOUND|8600052|READY|0||0|Second Agent|ADMIN|1\n');
	});

	it('answers NO LOGGED IN AGENTS for an empty result', async () => {
		expect(await nonAgent(sim(), 'logged_in_agents', { user_groups: 'AGENTS' })).toBe('ERROR: logged_in_agents NO LOGGED IN AGENTS: 6666|\n');
		sim().state.liveAgents.clear();
		expect(await nonAgent(sim(), 'logged_in_agents', {})).toBe('ERROR: logged_in_agents NO LOGGED IN AGENTS: 6666|\n');
	});

	it('needs "view reports"', async () => {
		const reports = sim().state.users.get('apirep');
		if (reports) reports.view_reports = false;
		expect(await nonAgent(sim(), 'logged_in_agents', {}, { as: 'reports' })).toBe(
			'ERROR: logged_in_agents USER DOES NOT HAVE PERMISSION TO GET AGENT INFO: |apirep|0|\n',
		);
	});
});

describe('user_group_status / in_group_status', () => {
	it('counts the agents of the user groups and every waiting call', async () => {
		// SALESLINE has 2 calls waiting in the seed; the PHP counts them for any user group.
		expect(await nonAgent(sim(), 'user_group_status', { user_groups: 'ADMIN', header: 'YES' })).toBe(
			'usergroups|calls_waiting|agents_logged_in|agents_in_calls|agents_waiting|agents_paused|agents_in_dead_calls|agents_in_dispo|agents_in_dial\nADMIN|2|1|0|0|1|0|0|0\n',
		);
		expect(await nonAgent(sim(), 'user_group_status', { user_groups: 'ADMIN|AGENTS', stage: 'csv' })).toBe('ADMIN AGENTS,2,1,0,0,1,0,0,0\n');
		agent1000().lead_id = 3;
		expect(await nonAgent(sim(), 'user_group_status', { user_groups: 'ADMIN' })).toBe('ADMIN|2|1|0|0|0|0|1|0\n');
		putInCall(agent1000());
		agent1000().call = null;
		expect(await nonAgent(sim(), 'user_group_status', { user_groups: 'ADMIN' })).toBe('ADMIN|2|1|0|0|0|1|0|0\n');
	});

	it('counts the agents taking calls from the in-groups', async () => {
		expect(await nonAgent(sim(), 'in_group_status', { in_groups: 'AGENTDIRECT' })).toBe('AGENTDIRECT|0|0|1|0|0|1|0|0\n');
		expect(await nonAgent(sim(), 'in_group_status', { in_groups: 'SALESLINE|AGENTDIRECT', stage: 'csv', header: 'YES' })).toBe(
			'ingroups,total_calls,calls_waiting,agents_logged_in,agents_in_calls,agents_waiting,agents_paused,agents_in_dispo,agents_in_dial\nSALESLINE AGENTDIRECT,2,2,1,0,0,1,0,0\n',
		);
		const agent = agent1000();
		agent.status = 'READY';
		agent.closer_campaigns = ' SALESLINE -';
		expect(await nonAgent(sim(), 'in_group_status', { in_groups: 'SALESLINE' })).toBe('SALESLINE|2|2|1|0|1|0|0|0\n');
	});

	it('answers the search and permission errors', async () => {
		expect(await nonAgent(sim(), 'user_group_status', {})).toBe('ERROR: user_group_status INVALID SEARCH PARAMETERS: 6666|\n');
		expect(await nonAgent(sim(), 'in_group_status', {})).toBe('ERROR: in_group_status INVALID SEARCH PARAMETERS: 6666|\n');
		expect(await nonAgent(sim(), 'user_group_status', { user_groups: 'ADMIN' }, { as: 'noApi' })).toBe(
			'ERROR: user_group_status USER DOES NOT HAVE PERMISSION TO GET USER GROUP INFO: |apinoagt|0|\n',
		);
		expect(await nonAgent(sim(), 'in_group_status', { in_groups: 'SALESLINE' }, { as: 'noApi' })).toBe(
			'ERROR: in_group_status USER DOES NOT HAVE PERMISSION TO GET IN-GROUP INFO: |apinoagt|0|\n',
		);
	});
});

describe('agent_ingroup_info', () => {
	it('prints the text stage with its empty reason and trailing blank line', async () => {
		expect(await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1000', stage: 'text' })).toBe(
			'SUCCESS:  - 1000|text\nSELECTED INGROUPS:  AGENTDIRECT -\nOUTBOUND AUTODIAL: N\nMANAGER OVERRIDE: N\nMANAGER: \n\n',
		);
	});

	it('prints the HTML of stage=info and stage=change', async () => {
		const testcamp = sim().state.campaigns.get('TESTCAMP');
		if (!testcamp) throw new Error('seed campaign missing');
		Object.assign(testcamp, { dial_method: 'RATIO', campaign_allow_inbound: 'Y', closer_campaigns: ' AGENTDIRECT SALESLINE -' });
		const info = await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1000', stage: 'info' });
		expect(info).toBe(
			'<TABLE WIDTH=680 CELLPADDING=0 CELLSPACING=5 BGCOLOR="#D9E6FE"><TR><TD ALIGN=LEFT>\nAgent: 1000 - Test Agent </TD><TD>\n &nbsp; Campaign: TESTCAMP</TD><TD>\n' +
				'<a href="#" onclick="hide_ingroup_info();">Close</a></TD></TR><TR><TD COLSPAN=3 BGCOLOR="#CCCCFF">\n<TABLE CELLPADDING=0 CELLSPACING=3 BORDER=0>\n' +
				'<TR><TD>AGENTDIRECT *</TD><TD>Agent Direct</TD></TR>\n<TR><TD>SALESLINE</TD><TD>Sales Line</TD></TR>\n</TABLE><BR>\n' +
				'SELECTED INGROUPS:  AGENTDIRECT -<BR>\nOUTBOUND AUTODIAL: N<BR>\nMANAGER OVERRIDE: N<BR>\nMANAGER: <BR>\n\n</TD></TR></TABLE>\n',
		);
		const change = await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1000', stage: 'change' });
		expect(change).toContain(
			'<option value="AGENTDIRECT" SELECTED>AGENTDIRECT - Agent Direct</option>\n<option value="SALESLINE">SALESLINE - Sales Line</option>\n',
		);
		expect(change).toContain('<SELECT SIZE=1 NAME=blended ID=blended>\n<option value="YES">Yes</option>\n<option value="NO" SELECTED>No</option>\n');
	});

	it('answers INVALID USER ID for unknown and logged-out agents', async () => {
		expect(await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1255', stage: 'text' })).toBe('ERROR: agent_ingroup_info INVALID USER ID - 1255|6666\n');
		expect(await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1001', stage: 'text' })).toBe('ERROR: agent_ingroup_info INVALID USER ID - 1001|6666\n');
		expect(await nonAgent(sim(), 'agent_ingroup_info', { agent_user: '1000' }, { as: 'noApi' })).toBe(
			'ERROR: agent_ingroup_info USER DOES NOT HAVE PERMISSION TO GET AGENT INFO: |apinoagt|0|\n',
		);
	});
});

describe('blind_monitor', () => {
	const MONITOR = { phone_login: '55000', session_id: '8600051', server_ip: '127.0.0.1' };

	it('queues an Originate for the phone into the session', async () => {
		await nonAgent(sim(), 'add_phone', PHONE_55000);
		expect(await nonAgent(sim(), 'blind_monitor', { ...MONITOR, stage: 'MONITOR' })).toBe(
			'SUCCESS: blind_monitor HAS BEEN LAUNCHED - 55000|127*000*000*001*08600051|55000|8600051|1|6666\n',
		);
		expect(await nonAgent(sim(), 'blind_monitor', { ...MONITOR, stage: 'BARGE' })).toBe(
			'SUCCESS: blind_monitor HAS BEEN LAUNCHED - 55000|127*000*000*001*8600051|55000|8600051|2|6666\n',
		);
		const queued = sim().state.admin.manager;
		expect(queued.map((row) => [row.man_id, row.action, row.channel, row.exten, row.server_ip])).toEqual([
			[1, 'Originate', 'Local/127*000*000*001*08600051@default', '55000', '127.0.0.1'],
			[2, 'Originate', 'Local/127*000*000*001*8600051@default', '55000', '127.0.0.1'],
		]);
		expect(queued[0].callerid).toMatch(/^BM\d{10}00006666$/);
		expect(queued[1].callerid).toMatch(/^BB\d{10}00006666$/);
	});

	it('answers the blind_monitor errors', async () => {
		expect(await nonAgent(sim(), 'blind_monitor', { ...MONITOR, session_id: '8602051' })).toBe(
			'ERROR: blind_monitor INVALID SESSION ID - 8602051|127.0.0.1|6666\n',
		);
		expect(await nonAgent(sim(), 'blind_monitor', MONITOR)).toBe('ERROR: blind_monitor INVALID PHONE LOGIN - 55000|6666\n');
		expect(await nonAgent(sim(), 'blind_monitor', MONITOR, { as: 'noApi' })).toBe(
			'ERROR: blind_monitor USER DOES NOT HAVE PERMISSION TO BLIND MONITOR: |apinoagt|0|\n',
		);
		expect(sim().state.admin.manager).toHaveLength(0);
	});
});
