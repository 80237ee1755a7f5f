import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { agentApi, useSimulator } from './agentApi.cjs';

/** update_fields, refresh_panel, set_timer_action, vm_message, webphone_url, send_notification, webserver. */
const sim = useSimulator();
const agent = (user = '1000') => {
	const live = sim().state.liveAgents.get(user);
	if (!live) throw new Error(`agent ${user} is not logged in`);
	return live;
};

describe('update_fields', () => {
	it('changes the lead on screen and flags the screen to reload it', async () => {
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		const params = { agent_user: '1000', vendor_lead_code: '1234567', address1: '' };
		// user|agent|lead_id|list rows|live agent rows|field list|SQL| (verified 2.14, notes §8.4).
		expect(await agentApi(sim(), 'update_fields', params)).toBe(
			'SUCCESS: update_fields lead updated - 6666|1000|1|1|1|address1,vendor_lead_code|address1="",vendor_lead_code="1234567"|\n',
		);
		expect(sim().state.leads.get(1)).toMatchObject({ vendor_lead_code: '1234567', address1: '' });
		expect(agent().pending).toMatchObject({ external_update_fields: '1', external_update_fields_data: 'address1,vendor_lead_code' });
		// Same values again: MySQL counts no changed row in either table.
		expect(await agentApi(sim(), 'update_fields', params, { method: 'POST' })).toBe(
			'SUCCESS: update_fields lead updated - 6666|1000|1|0|0|address1,vendor_lead_code|address1="",vendor_lead_code="1234567"|\n',
		);
	});

	it("keeps api.php's substring match: emailreload also blanks the email", async () => {
		const lead = sim().state.leads.get(1);
		if (lead) lead.email = 'alice@example.com';
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'update_fields', { agent_user: '1000', emailreload: '1' })).toBe(
			'SUCCESS: update_fields lead updated - 6666|1000|1|1|1|email,emailreload|email=""|\n',
		);
		expect(sim().state.leads.get(1)?.email).toBe('');
	});

	it('needs modify_leads, a lead on screen and at least one field', async () => {
		expect(await agentApi(sim(), 'update_fields', { agent_user: '1000', first_name: 'Bob' }, { as: 'reports' })).toBe(
			'ERROR: user is not allowed to modify lead information - 1000|apirep\n',
		);
		expect(await agentApi(sim(), 'update_fields', { agent_user: '1000', first_name: 'Bob' })).toBe('ERROR: agent_user does not have a lead on their screen - 1000\n');
		startCall(sim().state, '1000', { lead_id: 1, call_type: 'OUT' });
		expect(await agentApi(sim(), 'update_fields', { agent_user: '1000' })).toBe('ERROR: no fields have been defined - 1000\n');
		expect(await agentApi(sim(), 'update_fields', { first_name: 'Bob' })).toBe('ERROR: agent_user not valid - \n');
	});
});

describe('refresh_panel', () => {
	it('answers user|agent|rows updated|panels, as the verified 2.14 did (notes §8.5)', async () => {
		expect(await agentApi(sim(), 'refresh_panel', { agent_user: '1000', scriptreload: '1' })).toBe('SUCCESS: refresh_panel request sent - 6666|1000|1|scriptreload|\n');
		expect(await agentApi(sim(), 'refresh_panel', { agent_user: '1000', scriptreload: '1', callbacksreload: '1' }, { method: 'POST' })).toBe(
			'SUCCESS: refresh_panel request sent - 6666|1000|1|scriptreload,callbacksreload|\n',
		);
		expect(agent().pending).toMatchObject({ external_update_fields: '1', external_update_fields_data: 'scriptreload,callbacksreload' });
	});

	it('refuses a request without any panel, or without agent_user', async () => {
		expect(await agentApi(sim(), 'refresh_panel', { agent_user: '1000', scriptreload: '0' })).toBe('ERROR: no panels have been defined - 1000\n');
		expect(await agentApi(sim(), 'refresh_panel', { scriptreload: '1' })).toBe('ERROR: agent_user not valid - \n');
	});
});

describe('set_timer_action', () => {
	it('queues a timer action (verified reply)', async () => {
		const reply = await agentApi(sim(), 'set_timer_action', { agent_user: '1000', value: 'MESSAGE_ONLY', notes: 'hello', rank: '10' });
		expect(reply).toBe('SUCCESS: set_timer_action lead updated - 6666|1000|MESSAGE_ONLY|hello|10\n');
		expect(agent().pending).toMatchObject({ external_timer_action: 'MESSAGE_ONLY', external_timer_action_message: 'hello', external_timer_action_seconds: '10' });
	});

	it('needs modify_campaigns and a value', async () => {
		expect(await agentApi(sim(), 'set_timer_action', { agent_user: '1000', value: 'WEBFORM' }, { as: 'reports' })).toBe(
			'ERROR: user is not allowed to modify campaign settings - 1000|apirep\n',
		);
		expect(await agentApi(sim(), 'set_timer_action', { agent_user: '1000', value: 'X' })).toBe('ERROR: set_timer_action not valid - 1000|X\n');
	});
});

describe('vm_message', () => {
	it('sets the voicemail message of the live call', async () => {
		startCall(sim().state, '1000', { lead_id: 3, call_type: 'OUT' });
		expect(await agentApi(sim(), 'vm_message', { agent_user: '1000', value: 'EXship01|EXship02' })).toBe('SUCCESS: vm_message function set - 1000|3|EXship01|EXship02|\n');
		expect(agent().pending.lead_message).toBe('EXship01|EXship02');
	});

	it('needs a live call on the lead sent', async () => {
		expect(await agentApi(sim(), 'vm_message', { agent_user: '1000', value: 'EXship01' })).toBe('ERROR: agent_user does not have a live call - 1000\n');
		startCall(sim().state, '1000', { lead_id: 3, call_type: 'OUT' });
		expect(await agentApi(sim(), 'vm_message', { agent_user: '1000', value: 'EXship01', lead_id: '4' })).toBe('ERROR: current call does not match lead_id submitted - 1000\n');
		expect(await agentApi(sim(), 'vm_message', { agent_user: '1000' })).toBe('ERROR: vm_message not valid - ||1000\n');
	});
});

describe('webphone_url', () => {
	const url = 'https://127.0.0.1/agc/webphone/webphone.php?phone_login=8001&session_id=8600051&server_ip=127.0.0.1';

	it('displays the URL bare, or answers a refresh to it', async () => {
		expect(await agentApi(sim(), 'webphone_url', { agent_user: '1000', value: 'DISPLAY' })).toBe(url);
		expect(await agentApi(sim(), 'webphone_url', { agent_user: '1000', value: 'LAUNCH' })).toBe(
			`<META HTTP-EQUIV=Refresh CONTENT="0; URL=${url}">\n</HEAD>\n<BODY BGCOLOR=#FFFFFF marginheight=0 marginwidth=0 leftmargin=0 topmargin=0>\n<a href="${url}">click here to continue. . .</a>\n</BODY>\n`,
		);
	});

	it('needs session data with a webphone URL', async () => {
		loginAgent(sim().state, '1001', 'TESTCAMP', { webphone_url: null });
		expect(await agentApi(sim(), 'webphone_url', { agent_user: '1001', value: 'DISPLAY' })).toBe('ERROR: webphone_url error - no session data - 1001\n');
		loginAgent(sim().state, '1001', 'TESTCAMP');
		expect(await agentApi(sim(), 'webphone_url', { agent_user: '1001', value: 'DISPLAY' })).toBe('ERROR: webphone_url error - webphone url is empty - 1001\n');
		expect(await agentApi(sim(), 'webphone_url', { agent_user: '1000', value: 'SHOW' })).toBe('ERROR: webphone_url not valid - SHOW|1000\n');
	});
});

describe('send_notification', () => {
	it('queues a notification for a user', async () => {
		const reply = await agentApi(sim(), 'send_notification', { recipient: '1000', recipient_type: 'USER', notification_text: 'Ten minutes to closing' });
		expect(reply).toBe('SUCCESS: notification queued - 1000|USER|1\n');
		expect(sim().state.notifications).toEqual([{ notification_id: 1, recipient: '1000', recipient_type: 'USER', text: 'Ten minutes to closing' }]);
	});

	it('looks up a missing recipient_type and flags a bad date inline', async () => {
		const reply = await agentApi(sim(), 'send_notification', { recipient: 'TESTCAMP', show_confetti: 'Y', notification_date: '2026-13' }, { method: 'POST' });
		expect(reply).toBe('Invalid recipient_type (), NOTICE: found TESTCAMP as CAMPAIGN<BR>\nNOTICE: Invalid notification date 2026-13, changing to nowSUCCESS: notification queued - TESTCAMP|CAMPAIGN|1\n');
	});

	it('refuses when notifications are off, and bad recipients', async () => {
		expect(await agentApi(sim(), 'send_notification', { recipient: '6667', recipient_type: 'USER', notification_text: 'x' })).toBe('ERROR: 6667 DOES NOT EXIST in vicidial_users - |6667\n');
		expect(await agentApi(sim(), 'send_notification', { recipient_type: 'USER' })).toBe('ERROR: Missing recipient or recipient_type - |USER\n');
		expect(await agentApi(sim(), 'send_notification', { recipient: '1000', recipient_type: 'USER' })).toBe('ERROR: invalid request - 1000|USER\n');
		const admin = sim().state.users.get('6666');
		if (admin) admin.user_group = 'AGENTS';
		expect(await agentApi(sim(), 'send_notification', { recipient: 'OUTBOUND', recipient_type: 'CAMPAIGN', notification_text: 'x' })).toBe(
			'ERROR: ACCESS TO CAMPAIGN OUTBOUND NOT ALLOWED FOR USER 6666 ( TESTCAMP -) - |OUTBOUND\n',
		);
		sim().state.system.notifications_enabled = false;
		expect(await agentApi(sim(), 'send_notification', { recipient: '1000', recipient_type: 'USER', notification_text: 'x' })).toBe(
			'ERROR: Agent API Notifications are disabled on this system - 0\n',
		);
	});
});

describe('webserver', () => {
	it('prints the web server facts inside <PRE>', async () => {
		expect(await agentApi(sim(), 'webserver')).toBe(
			'<PRE>Webserver Data:\n' +
				'set.timezone: America/New_York\nabbr.timezone: EST\ndst.timezone: 0\n' +
				'uname: Linux vicidial-sim 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64\n' +
				'host name: vicidial-sim\nserver name: 127.0.0.1\nphp version: 8.2.28\napache version: Apache/2.4.62 (Debian)\n' +
				'apache processes: 12\nsystem load average: 0.08\ndisk free space: 41234567168\ndate.timezone: America/New_York\n' +
				'maximum execution time: 360\nmaximum input time: 360\nmemory limit: 448M\npost maximum size: 48M\n' +
				'upload maximum filesize: 42M\ndefault socket timeout: 360\n</PRE>\n',
		);
	});

	it('needs a login with Agent API access', async () => {
		const response = await fetch(`${sim().url}/agc/api.php?source=test&user=apinoagt&pass=apinoagt1&function=webserver`);
		expect(await response.text()).toBe('ERROR: Invalid Username/Password: |apinoagt|apinoagt1|1|0|GOOD|\n');
	});
});
