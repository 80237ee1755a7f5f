import { loginAgent, startCall } from '../../simulator/agent/scene.cjs';
import { runNode, simCredentials } from '../helpers/harness.cjs';
import { byId, expectNoAgentApiAccess, expectNotLoggedIn, expectPermission, json, runAgent, useSimulator } from './vicidialAgent.shared.cjs';

/**
 * The VICIdial Agent node's screen resource against the simulator: lead fields on the agent
 * screen, timer actions, panel reloads, notifications, the voicemail message and the webphone.
 * Agent 1000 starts logged in to TESTCAMP, paused, no lead, with a webphone URL.
 */
describe('VICIdial Agent node: screen', () => {
	const simulator = useSimulator();
	const screen = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'screen',
		operation,
		agentUser: byId('1000'),
		...extra,
	});

	/** Agent 1000 on a call with lead 3, whose address and email are filled in. */
	const onCall = () => {
		const sim = simulator();
		Object.assign(sim.state.leads.get(3)!, { address1: '12 Main St', city: 'Chicago', email: 'carl@example.com' });
		startCall(sim.state, '1000', { lead_id: 3, call_type: 'MANUAL' });
		return sim;
	};

	describe('update_fields', () => {
		const update = screen('update_fields', {
			additionalFields: { firstName: 'Carla', city: 'Springfield' },
			customFieldsUi: { field: [{ name: 'favorite_color', value: 'teal' }] },
			clearFields: ['address1'],
		});

		it('done when: changes fields, sends a custom field and clears a field with an empty value', async () => {
			const sim = onCall();
			const run = await runAgent(sim, update);
			expect(run.error).toBeUndefined();
			const params = sim.log[0].params;
			expect(params).toMatchObject({ function: 'update_fields', agent_user: '1000', first_name: 'Carla', city: 'Springfield', favorite_color: 'teal' });
			// The Agent API has no --BLANK--: "Clear Fields" sends the field empty, and no custom_fields=Y.
			expect(params.address1).toBe('');
			expect(Object.values(params)).not.toContain('--BLANK--');
			expect(params.custom_fields).toBeUndefined();
			expect(sim.state.leads.get(3)).toMatchObject({ first_name: 'Carla', city: 'Springfield', address1: '', email: 'carl@example.com', last_name: 'Diaz' });
			expect(sim.state.liveAgents.get('1000')?.pending).toMatchObject({ external_update_fields: '1', external_update_fields_data: 'address1,city,first_name' });
			expect(json(run)[0]).toMatchObject({ result: 'SUCCESS', message: 'lead updated', user: '6666', agent_user: '1000', lead_id: 3 });
		});

		it('names the values as the verified 2.14 prints them: lead_id|rows|rows|field list|SQL (notes §8.4)', async () => {
			const sim = onCall();
			const run = await runAgent(sim, update);
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{
					result: 'SUCCESS',
					message: 'lead updated',
					user: '6666',
					agent_user: '1000',
					lead_id: 3,
					lead_rows_updated: 1,
					agent_rows_updated: 1,
					fields: 'address1,city,first_name',
					sql: 'address1="",city="Springfield",first_name="Carla"',
				},
			]);
		});

		it('refuses a custom field named like a standard field, before sending', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('update_fields', { customFieldsUi: { field: [{ name: 'first_name', value: 'X' }] } }));
			expect(run.error?.message).toBe(
				'Custom field name must be a custom field label (letters, digits and _, up to 50) that is not a standard field; got "first_name"',
			);
			expect(sim.log).toHaveLength(0);
		});

		it('refuses a custom field whose name contains a standard field name (api.php would change that field), before sending', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('update_fields', { additionalFields: { firstName: 'Carla' }, customFieldsUi: { field: [{ name: 'home_city', value: 'Springfield' }] } }));
			// Regression (was a bug): api.php picks the fields to write with preg_match('/city/', $query_string), so a
			// custom field "home_city" also writes the lead's city (empty here). schemas.ts lets it through.
			expect(run.error?.message).toBe(
				'Custom field home_city has "city" in its name: VICIdial\'s update_fields then also writes City (as empty, since it is not given). Give City as well, or reword the name',
			);
			expect(run.error?.context?.code).toBe('validation');
			expect(sim.log).toHaveLength(0);
			expect(sim.state.leads.get(3)?.city).toBe('Chicago');
		});

		it('refuses a value that names a field not given (State matches without regard to case), before sending', async () => {
			const sim = onCall();
			Object.assign(sim.state.leads.get(3)!, { state: 'IL' });
			const run = await runAgent(sim, screen('update_fields', { additionalFields: { comments: 'Moved to another State' } }));
			expect(run.error?.message).toBe(
				'Comments has "state" in its value: VICIdial\'s update_fields then also writes State (as empty, since it is not given). Give State as well, or reword the value',
			);
			expect(sim.log).toHaveLength(0);
			expect(sim.state.leads.get(3)?.state).toBe('IL');
		});

		it('sends such a value when the named field is given too, and the dialer keeps both', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('update_fields', { additionalFields: { comments: 'Moved to another State', state: 'WI' } }));
			expect(run.error).toBeUndefined();
			expect(sim.state.leads.get(3)).toMatchObject({ comments: 'Moved to another State', state: 'WI', city: 'Chicago' });
		});

		it('refuses when the credential itself names a field (a Source like crm_title_sync), before sending', async () => {
			const sim = onCall();
			const run = await runNode({
				type: 'vicidialAgent',
				parameters: screen('update_fields', { additionalFields: { firstName: 'Carla' } }),
				credentials: simCredentials(sim.url, { source: 'crm_title_sync' }),
			});
			expect(run.error?.message).toBe(
				"The credential's Source has \"title\" in its value: VICIdial's update_fields then also writes Title (as empty, since it is not given). Give Title as well, or reword the value",
			);
			expect(sim.log).toHaveLength(0);
		});

		it('names the password as the culprit without showing it', async () => {
			const sim = onCall();
			sim.state.users.get('6666')!.pass = 'myemail99';
			const run = await runNode({
				type: 'vicidialAgent',
				parameters: screen('update_fields', { additionalFields: { firstName: 'Carla' } }),
				credentials: simCredentials(sim.url, { password: 'myemail99' }),
			});
			expect(run.error?.message).toMatch(/^The credential's Password has "email" in its value/);
			expect(JSON.stringify(run.error)).not.toContain('myemail99');
			expect(sim.log).toHaveLength(0);
		});

		it('lets a name through where api.php matches case-sensitively (City in a comment leaves city alone)', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('update_fields', { additionalFields: { comments: 'Lives in Windy City' } }));
			expect(run.error).toBeUndefined();
			expect(sim.state.leads.get(3)).toMatchObject({ comments: 'Lives in Windy City', city: 'Chicago' });
		});

		it('fails with no lead on the agent\'s screen', async () => {
			const sim = simulator();
			const run = await runAgent(sim, update);
			expect(run.error?.message).toBe('update_fields: agent_user does not have a lead on their screen (1000)');
			expect(sim.state.leads.get(3)?.first_name).toBe('Carl');
		});

		it('fails with a permission error for an API user without Modify Leads', async () => {
			const sim = onCall();
			const run = await runAgent(sim, update, { as: 'reports' });
			expectPermission(run, 'update_fields: user is not allowed to modify lead information (1000|apirep)', 'Modify Leads');
			expect(sim.state.leads.get(3)).toMatchObject({ first_name: 'Carl', address1: '12 Main St' });
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), { ...update, agentUser: byId('1001') });
			expectNotLoggedIn(run, 'update_fields');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = onCall();
			const run = await runAgent(sim, update, { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'update_fields');
			expect(sim.state.leads.get(3)?.first_name).toBe('Carl');
		});

		it('does not send Reload Email, which would blank the lead\'s email (api.php matches /email/ in "emailreload")', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('update_fields', { additionalFields: { firstName: 'Carla', formreload: true, emailreload: true } }));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({ first_name: 'Carla', formreload: '1' });
			expect(sim.log[0].params.emailreload).toBeUndefined();
			expect(sim.state.leads.get(3)).toMatchObject({ first_name: 'Carla', email: 'carl@example.com' });
		});
	});

	describe('set_timer_action', () => {
		it('sets a message to show 30 seconds into the call', async () => {
			const sim = simulator();
			const run = await runAgent(sim, screen('set_timer_action', { value: 'MESSAGE_ONLY', additionalFields: { notes: 'Offer the upgrade', rank: 30 } }));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({ value: 'MESSAGE_ONLY', notes: 'Offer the upgrade', rank: '30' });
			expect(json(run)).toEqual([
				{ result: 'SUCCESS', message: 'lead updated', user: '6666', agent_user: '1000', value: 'MESSAGE_ONLY', notes: 'Offer the upgrade', rank: 30 },
			]);
			expect(sim.state.liveAgents.get('1000')?.pending).toMatchObject({
				external_timer_action: 'MESSAGE_ONLY',
				external_timer_action_message: 'Offer the upgrade',
				external_timer_action_seconds: '30',
			});
		});

		it('refuses a message with characters VICIdial would drop, before sending', async () => {
			const sim = simulator();
			const run = await runAgent(sim, screen('set_timer_action', { value: 'MESSAGE_ONLY', additionalFields: { notes: 'Upgrade? Now!' } }));
			expect(run.error?.message).toBe('Message must be letters, digits, spaces, . _ and -; got "Upgrade? Now!"');
			expect(sim.log).toHaveLength(0);
		});

		it('fails with a permission error for an API user without Modify Campaigns', async () => {
			const sim = simulator();
			const run = await runAgent(sim, screen('set_timer_action', { value: 'WEBFORM', additionalFields: { rank: 5 } }), { as: 'reports' });
			expectPermission(run, 'set_timer_action: user is not allowed to modify campaign settings (1000|apirep)', 'Modify Campaigns = 1');
			expect(sim.state.liveAgents.get('1000')?.pending.external_timer_action).toBeUndefined();
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), screen('set_timer_action', { agentUser: byId('1001'), value: 'NONE' }));
			expectNotLoggedIn(run, 'set_timer_action');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), screen('set_timer_action', { value: 'NONE' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'set_timer_action');
		});
	});

	describe('refresh_panel', () => {
		it('sends the chosen reloads; the third value is a row count, not a lead ID (notes §8.5)', async () => {
			const sim = simulator();
			const run = await runAgent(sim, screen('refresh_panel', { additionalFields: { scriptreload: true, callbacksreload: true } }));
			expect(sim.log[0].params).toMatchObject({ scriptreload: '1', callbacksreload: '1' });
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{ result: 'SUCCESS', message: 'request sent', user: '6666', agent_user: '1000', rows_updated: 1, panels: 'scriptreload,callbacksreload' },
			]);
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), screen('refresh_panel', { agentUser: byId('1001'), additionalFields: { scriptreload: true } }));
			expectNotLoggedIn(run, 'refresh_panel');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), screen('refresh_panel', { additionalFields: { scriptreload: true } }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'refresh_panel');
		});
	});

	describe('send_notification', () => {
		const notify = (extra: Record<string, unknown> = {}) => ({
			resource: 'screen',
			operation: 'send_notification',
			recipientType: 'USER',
			recipient: '1000',
			additionalFields: { notificationText: 'Great call', showConfetti: true, textWeight: ['bold', 'italic'], textColor: 'FF0' },
			...extra,
		});

		it('queues a notification with confetti for one agent', async () => {
			const sim = simulator();
			const run = await runAgent(sim, notify());
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({
				recipient_type: 'USER',
				recipient: '1000',
				notification_text: 'Great call',
				show_confetti: 'Y',
				text_weight: 'bold,italic',
				text_color: 'FF0',
			});
			expect(sim.log[0].params.agent_user).toBeUndefined();
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'notification queued', recipient: '1000', recipient_type: 'USER', notification_id: 1 }]);
			expect(sim.state.notifications).toEqual([{ notification_id: 1, recipient: '1000', recipient_type: 'USER', text: 'Great call' }]);
		});

		it('fails for a recipient that does not exist', async () => {
			const sim = simulator();
			const run = await runAgent(sim, notify({ recipient: 'ghost9' }));
			expect(run.error?.message).toBe('send_notification: ghost9 DOES NOT EXIST in vicidial_users (ghost9)');
			expect(run.error?.context?.code).toBe('not_found');
			expect(sim.state.notifications).toEqual([]);
		});

		it('fails with a permission error for a campaign outside the API user\'s user group', async () => {
			const sim = simulator();
			sim.state.users.get('apirep')!.user_group = 'AGENTS';
			const run = await runAgent(sim, notify({ recipientType: 'CAMPAIGN', recipient: 'OUTBOUND' }), { as: 'reports' });
			expectPermission(run, 'send_notification: ACCESS TO CAMPAIGN OUTBOUND NOT ALLOWED FOR USER apirep ( TESTCAMP -) (OUTBOUND)', 'access to the recipient\'s campaign or user group');
			expect(sim.state.notifications).toEqual([]);
		});

		it('fails with a permission error when the system has Agent API notifications off', async () => {
			const sim = simulator();
			sim.state.system.notifications_enabled = false;
			const run = await runAgent(sim, notify());
			expectPermission(run, 'send_notification: Agent API Notifications are disabled on this system (0)', 'Agent API Notifications enabled');
		});

		it('fails for an API user without Agent API access', async () => {
			const sim = simulator();
			const run = await runAgent(sim, notify(), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'send_notification');
			expect(sim.state.notifications).toEqual([]);
		});
	});

	describe('vm_message', () => {
		it('sets the voicemail message files for the live call', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('vm_message', { value: 'EXship01, EXship02', additionalFields: { leadId: '3' } }));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params).toMatchObject({ value: 'EXship01|EXship02', lead_id: '3' });
			// The files are |-separated in the reply too: the first is named, the second follows.
			expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'function set', agent_user: '1000', lead_id: 3, value: 'EXship01', extra_1: 'EXship02' }]);
			expect(sim.state.liveAgents.get('1000')?.pending.lead_message).toBe('EXship01|EXship02');
		});

		it('fails when the call has another lead', async () => {
			const sim = onCall();
			const run = await runAgent(sim, screen('vm_message', { value: 'EXship01', additionalFields: { leadId: '4' } }));
			expect(run.error?.message).toBe('vm_message: current call does not match lead_id submitted (1000)');
			expect(sim.state.liveAgents.get('1000')?.pending.lead_message).toBeUndefined();
		});

		it('fails without a live call', async () => {
			const run = await runAgent(simulator(), screen('vm_message', { value: 'EXship01' }));
			expect(run.error?.message).toBe('vm_message: agent_user does not have a live call (1000)');
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), screen('vm_message', { agentUser: byId('1001'), value: 'EXship01' }));
			expectNotLoggedIn(run, 'vm_message');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(onCall(), screen('vm_message', { value: 'EXship01' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'vm_message');
		});
	});

	describe('webphone_url', () => {
		const URL_1000 = 'https://127.0.0.1/agc/webphone/webphone.php?phone_login=8001&session_id=8600051&server_ip=127.0.0.1';

		it('returns the webphone URL of the agent\'s session', async () => {
			const run = await runAgent(simulator(), screen('webphone_url', { value: 'DISPLAY' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([{ url: URL_1000 }]);
		});

		it('returns the redirect page with LAUNCH', async () => {
			const run = await runAgent(simulator(), screen('webphone_url', { value: 'LAUNCH' }));
			expect(json(run)).toHaveLength(1);
			expect(json(run)[0].url).toContain(`<META HTTP-EQUIV=Refresh CONTENT="0; URL=${URL_1000}">`);
		});

		it('fails when the agent does not use a webphone', async () => {
			const sim = simulator();
			loginAgent(sim.state, '1000', 'TESTCAMP', { webphone_url: '' });
			const run = await runAgent(sim, screen('webphone_url', { value: 'DISPLAY' }));
			// Regression (was a bug): reply.ts splits `webphone_url error - webphone url is empty - 1000` at the first " - ".
			expect(run.error?.message).toBe('webphone_url: error - webphone url is empty (1000)');
		});

		it('fails for an agent that is not logged in', async () => {
			const run = await runAgent(simulator(), screen('webphone_url', { agentUser: byId('1001'), value: 'DISPLAY' }));
			expectNotLoggedIn(run, 'webphone_url');
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), screen('webphone_url', { value: 'DISPLAY' }), { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'webphone_url');
		});
	});
});
