import type { Simulator } from '../../simulator/server.cjs';
import { REPORT_USER, json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** Campaign functions through the VICIdial node: campaigns, ALT URLs, presets, CID groups. */
describe('VICIdial node: campaign resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	const run = resourceRunner('campaign', () => sim);
	const testcamp = () => sim.state.campaigns.get('TESTCAMP')!;

	describe('campaigns_list', () => {
		it('gives one item per campaign with numeric dial level and timeout', async () => {
			const result = await run('campaigns_list', {});
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([
				{
					campaign_id: 'TESTCAMP',
					campaign_name: 'Test Campaign',
					active: 'Y',
					user_group: '---ALL---',
					dial_method: 'MANUAL',
					dial_level: 0,
					lead_order: 'DOWN',
					dial_statuses: 'NEW',
					dial_timeout: 60,
					dial_prefix: '9',
					manual_dial_prefix: '',
					three_way_dial_prefix: '',
				},
				expect.objectContaining({ campaign_id: 'OUTBOUND', dial_method: 'RATIO', dial_level: 2, dial_statuses: 'NEW NA', dial_timeout: 30 }),
			]);
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		it('reads one campaign picked by ID, in the TAB format', async () => {
			const result = await run('campaigns_list', { additionalFields: { campaignId: { __rl: true, mode: 'id', value: 'OUTBOUND' }, stage: 'tab' } });
			expect(json(result)).toEqual([expect.objectContaining({ campaign_id: 'OUTBOUND', campaign_name: 'Outbound Sales', lead_order: 'DOWN COUNT', dial_level: 2 })]);
			expect(sim.log[0].params).toMatchObject({ function: 'campaigns_list', campaign_id: 'OUTBOUND', stage: 'tab' });
		});

		it('gives zero items when the user group sees no such campaign (THIS USER HAS NO VIEWABLE CAMPAIGNS)', async () => {
			sim.state.users.get('6666')!.user_group = 'AGENTS';
			const result = await run('campaigns_list', { additionalFields: { campaignId: 'OUTBOUND' } });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
			expect(sim.log).toHaveLength(1);
		});

		it('fails with a permission error for a level-7 reporting user (needs level 8)', async () => {
			const result = await run('campaigns_list', {}, REPORT_USER);
			expect(result.error?.message).toBe('campaigns_list: USER DOES NOT HAVE PERMISSION TO GET CAMPAIGN INFO (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Agent API Access = 1, View Reports = 1, user level 8+');
		});

		it('refuses a campaign ID longer than 8 characters before sending', async () => {
			const result = await run('campaigns_list', { additionalFields: { campaignId: 'CAMPAIGN9' } });
			expect(result.error?.message).toBe('Campaign must be 2-8 characters (letters, digits, _ and -); got "CAMPAIGN9"');
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('update_campaign', () => {
		it('changes settings, adds a dial status and resets the hopper', async () => {
			sim.state.hopper.push({ hopper_id: 1, lead_id: 1, campaign_id: 'TESTCAMP', list_id: '101', status: 'READY', priority: 0, source: 'A', alt_dial: 'NONE', vendor_lead_code: '' });
			const result = await run('update_campaign', {
				campaignId: { __rl: true, mode: 'list', value: 'TESTCAMP' },
				additionalFields: { campaignName: 'Renamed Campaign', dialMethod: 'RATIO', autoDialLevel: '3.0', dialStatusAdd: 'NA', dialTimeout: 45, resetHopper: true },
			});
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'CAMPAIGN HAS BEEN UPDATED',
					api_user: '6666',
					campaign_id: 'TESTCAMP',
					notices: [{ result: 'NOTICE', message: 'HOPPER HAS BEEN RESET', api_user: '6666', campaign_id: 'TESTCAMP' }],
				},
			]);
			expect(testcamp()).toMatchObject({
				campaign_name: 'Renamed Campaign',
				dial_method: 'RATIO',
				auto_dial_level: '3.0',
				dial_timeout: '45',
				dial_statuses: ' NA NEW -',
			});
			expect(sim.state.hopper).toEqual([]);
			expect(sim.log[0].params).toMatchObject({ reset_hopper: 'Y', dial_status_add: 'NA', dial_timeout: '45' });
		});

		it('heads a hopper reset alone with the reset, not the NO UPDATES DEFINED printed before it', async () => {
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', additionalFields: { resetHopper: true } });
			expect(result.error).toBeUndefined();
			const [item] = json(result);
			expect(item).toMatchObject({ result: 'NOTICE', message: 'HOPPER HAS BEEN RESET', api_user: '6666', campaign_id: 'TESTCAMP' });
			expect((item.notices as Array<{ message: string }>).map((notice) => notice.message)).toEqual(['NO UPDATES DEFINED', 'HOPPER HAS BEEN RESET']);
		});

		it('clears the Dispo Call URL with --BLANK--', async () => {
			testcamp().dispo_call_url = 'http://old.example/dispo';
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', clearFields: ['dispo_call_url'] });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'CAMPAIGN HAS BEEN UPDATED', api_user: '6666', campaign_id: 'TESTCAMP' }]);
			expect(sim.log[0].params.dispo_call_url).toBe('--BLANK--');
			expect(testcamp().dispo_call_url).toBe('');
		});

		it('fails with VICIdial\'s reason for a dial level above the system limit, changing nothing', async () => {
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', additionalFields: { autoDialLevel: '9', campaignName: 'Never Applied' } });
			expect(result.error?.message).toBe('update_campaign: AUTO DIAL LEVEL MUST BE FROM 0 TO 4, THIS IS AN OPTIONAL FIELD (6666|9)');
			expect(result.error?.context?.code).toBe('validation');
			expect(testcamp().campaign_name).toBe('Test Campaign');
		});

		it('fails with not_found for an unknown campaign', async () => {
			const result = await run('update_campaign', { campaignId: 'NOPE', additionalFields: { active: false } });
			expect(result.error?.message).toBe('update_campaign: CAMPAIGN DOES NOT EXIST (6666|NOPE)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with a permission error without Modify Campaigns', async () => {
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', additionalFields: { active: false } }, REPORT_USER);
			expect(result.error?.message).toBe('update_campaign: USER DOES NOT HAVE PERMISSION TO UPDATE CAMPAIGNS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(testcamp().active).toBe('Y');
		});

		it('refuses a campaign name shorter than 6 characters before sending', async () => {
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', additionalFields: { campaignName: 'Short' } });
			expect(result.error?.message).toBe('Campaign Name must be 6-40 characters; got "Short"');
			expect(result.error?.description).toBe('VICIdial function update_campaign; nothing was sent.');
			expect(sim.log).toHaveLength(0);
		});

		it('never repeats the call after a dropped connection and says it may have been applied', async () => {
			sim.faults.add({ kind: 'resetAfterApply', fn: 'update_campaign', times: 1 });
			const result = await run('update_campaign', { campaignId: 'TESTCAMP', additionalFields: { dialStatusAdd: 'NA' }, options: { maxAttempts: 5 } });
			expect(result.error?.message).toBe(`update_campaign: Cannot reach VICIdial at ${sim.url}/vicidial/non_agent_api.php (ECONNRESET)`);
			expect(result.error?.context?.code).toBe('network');
			expect(result.error?.description).toContain('may or may not have been applied');
			expect(sim.stats.byFunction.update_campaign).toBe(1);
			// Applied once: a repeat would have put NA in front a second time.
			expect(testcamp().dial_statuses).toBe(' NA NEW -');
		});
	});

	describe('update_alt_url', () => {
		const altUrl = (url_id: number, url_address: string) => ({
			url_id,
			campaign_id: 'TESTCAMP',
			entry_type: 'campaign',
			active: 'Y',
			url_type: 'dispo',
			url_rank: url_id,
			url_statuses: '---ALL---',
			url_description: 'n8n hook',
			url_lists: '',
			url_call_length: 0,
			url_address,
		});
		const base = { campaignId: 'TESTCAMP', entryType: 'campaign', urlType: 'dispo' };
		beforeEach(() => {
			testcamp().dispo_call_url = 'ALT';
		});

		// Regression (was a bug): update_alt_url's reply is a `table` (for LIST), and toItems in reply.ts turns a
		// table reply into its rows only: the SUCCESS line of NEW/UPDATE gives zero items.
		it('adds an entry with NEW and outputs the new URL ID', async () => {
			const result = await run('update_alt_url', {
				...base,
				additionalFields: { altUrlId: 'NEW', active: true, urlStatuses: 'SALE PSALE', urlAddress: 'https://n8n.example/webhook/dispo?lead_id=--A--lead_id--B--' },
			});
			expect(result.error).toBeUndefined();
			expect(sim.state.altUrls).toEqual([
				expect.objectContaining({ url_id: 1, active: 'Y', url_statuses: 'SALE PSALE', url_address: 'https://n8n.example/webhook/dispo?lead_id=--A--lead_id--B--' }),
			]);
			expect(json(result)).toEqual([
				{
					result: 'SUCCESS',
					message: 'ALT URL HAS BEEN ADDED',
					api_user: '6666',
					new_url_id: 'NEW URL ID: 1',
					url_type: 'dispo',
					entry_type: 'campaign',
					campaign_id: 'TESTCAMP',
				},
			]);
		});

		it('changes an entry by ID', async () => {
			sim.state.altUrls.push(altUrl(1, 'http://a.example/1'), altUrl(2, 'http://a.example/2'));
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: '2', active: false, urlRank: '5' } });
			expect(result.error).toBeUndefined();
			expect(sim.state.altUrls[1]).toMatchObject({ url_id: 2, active: 'N', url_rank: 5 });
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'ALT URL HAS BEEN UPDATED', api_user: '6666', url_id: 2, url_type: 'dispo', entry_type: 'campaign', campaign_id: 'TESTCAMP' },
			]);
		});

		it('lists the entries with LIST, one item per entry, numbers as numbers', async () => {
			sim.state.altUrls.push(altUrl(1, 'http://a.example/1'), altUrl(2, 'http://a.example/2'));
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: 'LIST' } });
			expect(json(result)).toEqual([
				{
					url_id: 1,
					campaign_id: 'TESTCAMP',
					entry_type: 'campaign',
					active: 'Y',
					url_type: 'dispo',
					url_rank: 1,
					url_statuses: '---ALL---',
					url_description: 'n8n hook',
					url_lists: '',
					url_call_length: 0,
					url_address: 'http://a.example/1',
				},
				expect.objectContaining({ url_id: 2, url_rank: 2, url_address: 'http://a.example/2' }),
			]);
		});

		it('gives zero items for LIST when there are no entries (LIST, No Records Found)', async () => {
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: 'LIST' } });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('fails when the campaign\'s Dispo Call URL is not set to ALT', async () => {
			testcamp().dispo_call_url = '';
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: 'NEW', active: true } });
			expect(result.error?.message).toBe('update_alt_url: CAMPAIGNS dispo URL IS NOT SET TO ALT (6666|dispo|campaign|TESTCAMP)');
			expect(result.error?.context?.code).toBe('validation');
			expect(sim.state.altUrls).toEqual([]);
		});

		it('fails with not_found for an unknown ID when the campaign has several entries', async () => {
			sim.state.altUrls.push(altUrl(1, 'http://a.example/1'), altUrl(2, 'http://a.example/2'));
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: '9', active: false } });
			expect(result.error?.message).toBe('update_alt_url: ALT URL ID DOES NOT EXIST (6666|9|dispo|campaign|TESTCAMP|2)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('refuses an Alt URL ID that is not digits, NEW or LIST before sending', async () => {
			const result = await run('update_alt_url', { ...base, additionalFields: { altUrlId: 'ALL' } });
			expect(result.error?.message).toBe('Alt URL ID must be digits, NEW or LIST; got "ALL"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('update_presets', () => {
		const preset = (preset_name: string, preset_number: string) => ({ preset_name, campaign_id: 'TESTCAMP', preset_number, preset_hide_number: 'N', preset_dtmf: '' });

		// Regression (was a bug): as for update_alt_url, the reply is a `table` (for LIST), so the SUCCESS line of
		// NEW/UPDATE/DELETE gives zero items (toItems in reply.ts).
		it('adds a preset with NEW', async () => {
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'NEW', additionalFields: { presetName: 'SALES', presetNumber: '3125551212', presetHideNumber: true } });
			expect(result.error).toBeUndefined();
			expect(sim.state.presets).toEqual([{ preset_name: 'SALES', campaign_id: 'TESTCAMP', preset_number: '3125551212', preset_hide_number: 'Y', preset_dtmf: '' }]);
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'PRESET HAS BEEN ADDED', api_user: '6666', preset_name: 'NEW PRESET: SALES', campaign_id: 'TESTCAMP' },
			]);
		});

		it('deletes a preset', async () => {
			sim.state.presets.push(preset('SALES', '3125551212'), preset('SUPPORT', '3125551313'));
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'DELETE', additionalFields: { presetName: 'SALES' } });
			expect(sim.state.presets.map((p) => p.preset_name)).toEqual(['SUPPORT']);
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'PRESET HAS BEEN DELETED', api_user: '6666', preset_name: 'SALES', campaign_id: 'TESTCAMP' }]);
		});

		it('lists the presets with LIST in CSV, one item per preset', async () => {
			sim.state.presets.push(preset('SUPPORT', '3125551313'), preset('SALES', '3125551212'));
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'LIST', additionalFields: { stage: 'csv' } });
			expect(json(result)).toEqual([
				{ preset_name: 'SALES', campaign_id: 'TESTCAMP', preset_number: '3125551212', preset_hide_number: 'N', preset_dtmf: '' },
				{ preset_name: 'SUPPORT', campaign_id: 'TESTCAMP', preset_number: '3125551313', preset_hide_number: 'N', preset_dtmf: '' },
			]);
			expect(sim.log[0].params).toMatchObject({ action: 'LIST', stage: 'csv' });
		});

		it('gives zero items for LIST without presets', async () => {
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'LIST' });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('fails with not_found for an unknown preset when the campaign has several', async () => {
			sim.state.presets.push(preset('SALES', '3125551212'), preset('SUPPORT', '3125551313'));
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'UPDATE', additionalFields: { presetName: 'NOPE', presetNumber: '3125550000' } });
			expect(result.error?.message).toBe('update_presets: PRESET NAME DOES NOT EXIST (6666|NOPE|TESTCAMP|2)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('refuses DTMF with characters VICIdial cannot send before sending', async () => {
			const result = await run('update_presets', { campaignId: 'TESTCAMP', action: 'NEW', additionalFields: { presetName: 'SALES', presetDtmf: '12#' } });
			expect(result.error?.message).toBe('Preset DTMF must be digits and P (#), S (*), Q (half-second pause); got "12#"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('update_cid_group_entry', () => {
		const entry = (areacode: string, outbound_cid: string) => ({ areacode, outbound_cid, active: 'Y', cid_description: 'API test cid', call_count_today: 0 });
		const entries = () => sim.state.cidGroups.get('TESTCAMP')!.entries;

		// Regression (was a bug): the reply is a `table` (for INFO), so the SUCCESS line of ADD/UPDATE/DELETE gives
		// zero items (toItems in reply.ts).
		it('adds an entry', async () => {
			const result = await run('update_cid_group_entry', {
				cidGroupId: 'TESTCAMP',
				areacode: '312',
				stage: 'ADD',
				additionalFields: { outboundCid: '3125550000', cidDescription: 'API test cid', active: true },
			});
			expect(result.error).toBeUndefined();
			expect(entries()).toEqual([entry('312', '3125550000')]);
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'CID GROUP ENTRY HAS BEEN ADDED', api_user: '6666', cid_group_id: 'TESTCAMP', areacode: '312', outbound_cid: '3125550000', rows: 1 },
			]);
		});

		it('deletes every entry of an area code', async () => {
			entries().push(entry('312', '3125550000'), entry('312', '3125550001'), entry('727', '7275550000'));
			const result = await run('update_cid_group_entry', { cidGroupId: 'TESTCAMP', areacode: '312', stage: 'DELETE' });
			expect(entries().map((e) => e.outbound_cid)).toEqual(['7275550000']);
			expect(json(result)).toEqual([
				expect.objectContaining({ result: 'SUCCESS', message: 'CID GROUP ENTRIES HAVE BEEN DELETED', cid_group_id: 'TESTCAMP', areacode: '312', rows: 2 }),
			]);
		});

		it('reads the entries with INFO: one item per entry, with the group on each', async () => {
			entries().push(entry('312', '3125550000'), entry('727', '7275550000'));
			const result = await run('update_cid_group_entry', { cidGroupId: 'TESTCAMP', areacode: '---ALL---', stage: 'INFO' });
			expect(json(result)).toEqual([
				{ cid_group_id: 'TESTCAMP', areacode: '312', outbound_cid: '3125550000', entries: 2, entry: 1, active: 'Y', cid_description: 'API test cid', call_count_today: 0 },
				{ cid_group_id: 'TESTCAMP', areacode: '727', outbound_cid: '7275550000', entries: 2, entry: 2, active: 'Y', cid_description: 'API test cid', call_count_today: 0 },
			]);
		});

		it('gives zero items for INFO on a group without entries (THIS CID GROUP HAS NO ENTRIES)', async () => {
			const result = await run('update_cid_group_entry', { cidGroupId: 'TESTCAMP', areacode: '---ALL---', stage: 'INFO' });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('fails with duplicate when the entry already exists', async () => {
			entries().push(entry('312', '3125550000'));
			const result = await run('update_cid_group_entry', { cidGroupId: 'TESTCAMP', areacode: '312', stage: 'ADD', additionalFields: { outboundCid: '3125550000' } });
			expect(result.error?.message).toBe('update_cid_group_entry: THIS CID GROUP ENTRY ALREADY EXISTS (6666|TESTCAMP|312|3125550000)');
			expect(result.error?.context?.code).toBe('duplicate');
			expect(entries()).toHaveLength(1);
		});

		it('fails with not_found for a group that is neither a CID group nor a campaign', async () => {
			const result = await run('update_cid_group_entry', { cidGroupId: 'NOGROUP', areacode: '312', stage: 'INFO' });
			expect(result.error?.message).toBe('update_cid_group_entry: CID GROUP DOES NOT EXIST (6666|NOGROUP)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('refuses a caller ID that is not digits or ---ALL--- before sending', async () => {
			const result = await run('update_cid_group_entry', { cidGroupId: 'TESTCAMP', areacode: '312', stage: 'ADD', additionalFields: { outboundCid: '312-555' } });
			expect(result.error?.message).toBe('Outbound Caller ID must be digits or ---ALL---; got "312-555"');
			expect(sim.log).toHaveLength(0);
		});
	});
});
