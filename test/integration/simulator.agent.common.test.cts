import { agentApi, useSimulator } from './agentApi.cjs';

/**
 * The checks every Agent API function shares (notes §2.2, §5): allowed functions, the
 * logged-in agent, unknown agents and alt_user. Each row has parameters that pass the
 * function's own "not valid" check.
 */
const sim = useSimulator();

const AGENT_FUNCTIONS: [fn: string, params: Record<string, string>][] = [
	['external_hangup', { value: '1' }],
	['external_status', { value: 'SALE' }],
	['external_pause', { value: 'PAUSE' }],
	['logout', { value: 'LOGOUT' }],
	['external_dial', { value: '7275551111', phone_code: '1', search: 'YES', preview: 'NO', focus: 'NO' }],
	['preview_dial_action', { value: 'SKIP' }],
	['external_add_lead', { phone_number: '7275553333', phone_code: '1' }],
	['change_ingroups', { value: 'CHANGE', blended: 'NO', ingroup_choices: ' AGENTDIRECT -' }],
	['update_fields', { first_name: 'Bob' }],
	['refresh_panel', { scriptreload: '1' }],
	['set_timer_action', { value: 'MESSAGE_ONLY', notes: 'hello', rank: '10' }],
	['pause_code', { value: 'BREAK' }],
	['calls_in_queue_count', { value: 'DISPLAY' }],
	['recording', { value: 'START' }],
	['send_dtmf', { value: 'QQ1234P' }],
	['park_call', { value: 'PARK_CUSTOMER' }],
	['transfer_conference', { value: 'HANGUP_XFER' }],
	['webphone_url', { value: 'DISPLAY' }],
	['call_agent', { value: 'CALL' }],
	['switch_lead', { lead_id: '3' }],
	['vm_message', { value: 'EXship01' }],
	['ra_call_control', { value: 'Y1122094530000000003', stage: 'HANGUP' }],
	['force_fronter_leave_3way', { value: 'LOCAL_ONLY' }],
	['force_fronter_audio_stop', { value: 'LOCAL_ONLY' }],
];

/** Functions whose docs list `no user found` for the agent: the ones that also take alt_user. */
const WITHOUT_USER_CHECK = ['change_ingroups', 'update_fields', 'refresh_panel', 'set_timer_action'];

describe('Agent API common checks', () => {
	it.each(AGENT_FUNCTIONS)('%s: an agent without a vicidial_live_agents row is not logged in', async (fn, params) => {
		expect(await agentApi(sim(), fn, { agent_user: '1001', ...params })).toBe('ERROR: agent_user is not logged in - 1001\n');
	});

	it('audio_playback: the not-logged-in line carries the stage', async () => {
		const reply = await agentApi(sim(), 'audio_playback', { agent_user: '1001', value: 'ss-noservice', stage: 'PLAY' });
		expect(reply).toBe('ERROR: agent_user is not logged in - PLAY|1001\n');
	});

	it.each(AGENT_FUNCTIONS.filter(([fn]) => !WITHOUT_USER_CHECK.includes(fn)))('%s: an agent_user that is no user', async (fn, params) => {
		expect(await agentApi(sim(), fn, { agent_user: '9999', ...params })).toBe('ERROR: no user found - 9999\n');
	});

	it.each(AGENT_FUNCTIONS.filter(([fn]) => WITHOUT_USER_CHECK.includes(fn)))('%s: an unknown agent_user is just not logged in', async (fn, params) => {
		expect(await agentApi(sim(), fn, { agent_user: '9999', ...params })).toBe('ERROR: agent_user is not logged in - 9999\n');
	});

	// switch_lead, vm_message and webserver print lead_id or nothing in this line (api.php), which server.ts does not model.
	it.each([
		...AGENT_FUNCTIONS.filter(([fn]) => !['switch_lead', 'vm_message'].includes(fn)),
		['st_login_log', { value: '876001', vendor_id: '207' }] as [string, Record<string, string>],
		['st_get_agent_active_lead', { value: '876001', vendor_id: '207' }] as [string, Record<string, string>],
		['send_notification', { recipient: '1000', recipient_type: 'USER', notification_text: 'hi' }] as [string, Record<string, string>],
		['audio_playback', { value: 'ss-noservice', stage: 'PLAY' }] as [string, Record<string, string>],
	])('%s: refused to an API user whose allowed functions leave it out', async (fn, params) => {
		const reply = await agentApi(sim(), fn, { agent_user: '1000', ...params }, { as: 'few' });
		expect(reply).toBe(`ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION - ${params.value ?? ''}|apifew|${fn}|ADMIN\n`);
	});

	it('alt_user finds the agent through custom_three', async () => {
		const reply = await agentApi(sim(), 'send_dtmf', { alt_user: '876001', value: '1234' }, { method: 'POST' });
		expect(reply).toBe('SUCCESS: send_dtmf function set - 1234|1000\n');
		expect(sim().state.liveAgents.get('1000')?.pending.external_dtmf).toBe('1234');
	});

	it('an unmatched alt_user prints "no user found" and carries on with agent_user, as api.php does', async () => {
		expect(await agentApi(sim(), 'send_dtmf', { alt_user: '555', value: '1234' })).toBe('ERROR: no user found - 555\nERROR: agent_user is not logged in - \n');
		expect(await agentApi(sim(), 'send_dtmf', { alt_user: '555', agent_user: '1000', value: '1234' })).toBe(
			'ERROR: no user found - 555\nSUCCESS: send_dtmf function set - 1234|1000\n',
		);
	});

	it('value keeps only letters, digits, - _ and |', async () => {
		expect(await agentApi(sim(), 'send_dtmf', { agent_user: '1000', value: '12 34#*' })).toBe('SUCCESS: send_dtmf function set - 1234|1000\n');
	});
});
