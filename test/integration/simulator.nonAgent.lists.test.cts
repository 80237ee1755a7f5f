import { nonAgentText, useSimulator } from './nonAgentRequest.cjs';

/**
 * The simulator's hopper, list and DNC functions against VICIdial's reply texts
 * (vicidial-api-notes.md §4.2, §4.3, §4.7).
 */

const sim = useSimulator();

const text = (params: Record<string, string>, user?: string, pass?: string) => nonAgentText(sim, params, { user, pass });

/** Switch one right off the admin API user, as an admin would in the user form. */
function revoke(flag: 'delete_lists' | 'delete_from_dnc' | 'custom_fields_modify'): void {
	const admin = sim.state.users.get('6666');
	if (admin) admin[flag] = false;
}

describe('hopper_list', () => {
	it('lists the READY leads of a campaign hopper, highest priority first', async () => {
		await text({ function: 'add_lead', phone_number: '7275551111', list_id: '101', vendor_lead_code: 'VLC-1', add_to_hopper: 'Y', hopper_priority: '5' });
		await text({ function: 'add_lead', phone_number: '3125551212', list_id: '101', add_to_hopper: 'Y' });
		expect(await text({ function: 'hopper_list', campaign_id: 'TESTCAMP', header: 'YES' })).toBe(
			'hopper_order|priority|lead_id|list_id|phone_number|phone_code|state|status|count|gmt_offset|rank|alt|hopper_source|vendor_lead_code|source_id|age_days|last_call_time\n' +
				// The age unit is padded to six characters by _QXZ().
				'0|5|100|101|7275551111|1||NEW|0|-5.00|0|NONE|P|VLC-1||0|0 HOURS \n' +
				// The last call time is shifted by the lead-to-server gmt difference: a -6.00 lead looks an hour old.
				'1|0|101|101|3125551212|1||NEW|0|-6.00|0|NONE|P|||0|1 HOURS \n',
		);
		expect(await text({ function: 'hopper_list', campaign_id: 'TESTCAMP', stage: 'csv' })).toBe('0,5,100,101,7275551111,1,,NEW,0,-5.00,0,NONE,P,VLC-1,,0,0 HOURS \n1,0,101,101,3125551212,1,,NEW,0,-6.00,0,NONE,P,,,0,1 HOURS \n');
	});

	it('answers an empty hopper and an unknown campaign', async () => {
		expect(await text({ function: 'hopper_list', campaign_id: 'TESTCAMP' })).toBe('ERROR: hopper_list THERE ARE NO LEADS IN THE HOPPER FOR THIS CAMPAIGN: 6666|TESTCAMP\n');
		expect(await text({ function: 'hopper_list', campaign_id: 'NOPE' })).toBe('ERROR: hopper_list THIS CAMPAIGN DOES NOT EXIST: |6666|NOPE\n');
	});

	it('refuses level 7 users', async () => {
		expect(await text({ function: 'hopper_list', campaign_id: 'TESTCAMP' }, 'apirep', 'apirep1')).toBe('ERROR: hopper_list USER DOES NOT HAVE PERMISSION TO GET CAMPAIGN INFO: |apirep|0|\n');
	});
});

describe('hopper_bulk_insert', () => {
	it('inserts each lead into its list campaign hopper with one NOTICE per lead', async () => {
		expect(await text({ function: 'hopper_bulk_insert', lead_ids: '1,3,999999', hopper_priority: '9' })).toBe(
			'NOTICE: hopper_bulk_insert LEAD ADDED TO HOPPER - 7275551212|1|1|6666\n' +
				'NOTICE: hopper_bulk_insert LEAD ADDED TO HOPPER - 3125550199|3|2|6666\n' +
				'NOTICE: hopper_bulk_insert NOT ADDED TO HOPPER, LEAD NOT FOUND - 999999\n' +
				'SUCCESS: hopper_bulk_insert LEADS HAVE BEEN INSERTED INTO THE HOPPER - 2|1|2|6666\n',
		);
		expect(sim.state.hopper.map((entry) => [entry.lead_id, entry.campaign_id, entry.priority])).toEqual([
			[1, 'TESTCAMP', 9],
			[3, 'TESTCAMP', 9],
		]);
		expect(await text({ function: 'hopper_bulk_insert', lead_ids: '1' })).toBe(
			'NOTICE: hopper_bulk_insert NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER - 1\nERROR: hopper_bulk_insert NO LEADS HAVE BEEN INSERTED INTO THE HOPPER - 1|0|6666\n',
		);
	});

	it('skips leads whose list campaign does not exist', async () => {
		const lead = sim.state.leads.get(2);
		if (lead) lead.list_id = '4242';
		expect(await text({ function: 'hopper_bulk_insert', lead_ids: '2' })).toBe(
			'NOTICE: hopper_bulk_insert NOT ADDED TO HOPPER, CAMPAIGN DOES NOT EXIST - 4242|2\nERROR: hopper_bulk_insert NO LEADS HAVE BEEN INSERTED INTO THE HOPPER - 1|0|6666\n',
		);
	});

	it('refuses users without modify_campaigns', async () => {
		expect(await text({ function: 'hopper_bulk_insert', lead_ids: '1' }, 'apirep', 'apirep1')).toBe('ERROR: hopper_bulk_insert USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE HOPPER - apirep|0\n');
	});
});

describe('add_list', () => {
	it('adds a list, then refuses the same id', async () => {
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP' })).toBe('SUCCESS: add_list LIST HAS BEEN ADDED - 6666|1101|API list|TESTCAMP\n');
		expect(sim.state.lists.get('1101')?.active).toBe('N');
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP' })).toBe('ERROR: add_list LIST ALREADY EXISTS: |6666|1101\n');
	});

	it('copies custom fields from another list', async () => {
		await text({ function: 'add_list', list_id: '1102', list_name: 'Copied', campaign_id: 'TESTCAMP', custom_fields_copy: '101' });
		expect(await text({ function: 'list_custom_fields', list_id: '1102' })).toBe('1102|Copied|TESTCAMP|N|||favorite_color account_tier\n');
		expect(await text({ function: 'add_list', list_id: '1103', list_name: 'Copied', campaign_id: 'TESTCAMP', custom_fields_copy: '102' })).toBe(
			'ERROR: add_list CUSTOM FIELDS LIST ID TO COPY FROM HAS NO CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD: |6666|1103|102|0\n',
		);
	});

	it('answers missing fields, unknown campaigns and bad options', async () => {
		expect(await text({ function: 'add_list', list_id: '1101' })).toBe('ERROR: add_list YOU MUST USE ALL REQUIRED FIELDS: |6666|1101||\n');
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'NOPE' })).toBe('ERROR: add_list CAMPAIGN DOES NOT EXIST: |6666|NOPE\n');
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP', script: 'NOSCRIPT' })).toBe(
			'ERROR: add_list SCRIPT DOES NOT EXIST, THIS IS AN OPTIONAL FIELD: |6666|NOSCRIPT\n',
		);
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP', local_call_time: 'never' })).toBe(
			'ERROR: add_list LOCAL CALL TIME DOES NOT EXIST, THIS IS AN OPTIONAL FIELD: |6666|never\n',
		);
		expect(sim.state.lists.has('1101')).toBe(false);
	});

	it('refuses users without modify_lists, without a closing pipe', async () => {
		expect(await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP' }, 'apirep', 'apirep1')).toBe(
			'ERROR: add_list USER DOES NOT HAVE PERMISSION TO ADD LISTS: |apirep|0\n',
		);
	});
});

describe('update_list', () => {
	it('updates list settings', async () => {
		expect(await text({ function: 'update_list', list_id: '101', list_name: 'Renamed list', active: 'N' })).toBe('SUCCESS: update_list LIST HAS BEEN UPDATED - 6666|101\n');
		expect(sim.state.lists.get('101')?.list_name).toBe('Renamed list');
		expect(sim.state.lists.get('101')?.active).toBe('N');
	});

	it('prints NO UPDATES DEFINED before the reset notice (notes §7.8)', async () => {
		const lead = sim.state.leads.get(1);
		if (lead) lead.called_since_last_reset = 'Y';
		expect(await text({ function: 'update_list', list_id: '101', reset_list: 'Y' })).toBe(
			'NOTICE: update_list NO UPDATES DEFINED: |6666|\nNOTICE: update_list LEADS IN LIST HAVE BEEN RESET - 6666|101|\n',
		);
		expect(sim.state.leads.get(1)?.called_since_last_reset).toBe('N');
		expect(sim.state.lists.get('101')?.resets_today).toBe(1);
	});

	it('deletes a list and its leads', async () => {
		await text({ function: 'add_list', list_id: '1101', list_name: 'API list', campaign_id: 'TESTCAMP' });
		expect(await text({ function: 'update_list', list_id: '1101', delete_list: 'Y', delete_leads: 'Y' })).toBe(
			'NOTICE: update_list NO UPDATES DEFINED: |6666|\nNOTICE: update_list LIST HAS BEEN DELETED - 6666|1101|1\nNOTICE: update_list LEADS IN LIST HAVE BEEN DELETED - 6666|1101|0\n',
		);
		expect(sim.state.lists.has('1101')).toBe(false);
	});

	it('stops with a NOTICE when the user may not delete lists', async () => {
		revoke('delete_lists');
		expect(await text({ function: 'update_list', list_id: '101', delete_list: 'Y' })).toBe(
			'NOTICE: update_list NO UPDATES DEFINED: |6666|\nNOTICE: update_list USER DOES NOT HAVE PERMISSION TO DELETE LISTS: |6666|0\n',
		);
		expect(sim.state.lists.has('101')).toBe(true);
	});

	it('answers an unknown list, or sends it to add_list with insert_if_not_found=Y', async () => {
		expect(await text({ function: 'update_list', list_id: '55555', active: 'Y' })).toBe('ERROR: update_list LIST DOES NOT EXIST: |6666|55555\n');
		expect(await text({ function: 'update_list', list_id: '55555', insert_if_not_found: 'Y', list_name: 'New list', campaign_id: 'TESTCAMP' })).toBe(
			'NOTICE: update_list LIST DOES NOT EXIST, SENDING TO add_list FUNCTION: |6666|55555\nSUCCESS: add_list LIST HAS BEEN ADDED - 6666|55555|New list|TESTCAMP\n',
		);
	});

	it('refuses a bad setting', async () => {
		expect(await text({ function: 'update_list', list_id: '101', active: 'X' })).toBe('ERROR: update_list ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD: |6666|X\n');
		expect(await text({ function: 'update_list', list_id: '101', campaign_id: 'NOPE' })).toBe('ERROR: update_list CAMPAIGN DOES NOT EXIST, THIS IS AN OPTIONAL FIELD: |6666|NOPE\n');
	});

	it('adds and deletes custom fields', async () => {
		expect(await text({ function: 'update_list', list_id: '101', custom_fields_add: 'Y', field_label: 'pet_name', field_name: 'Pet', field_size: '20', field_type: 'TEXT', field_rank: '3' })).toBe(
			'NOTICE: update_list ADD CUSTOM FIELD COMMAND SENT - 6666|101|pet_name|TEXT|SUCCESS: Field added|\nNOTICE: update_list NO UPDATES DEFINED: |6666|\n',
		);
		expect(sim.state.lists.get('101')?.custom_fields).toEqual(['favorite_color', 'account_tier', 'pet_name']);
		expect(await text({ function: 'update_list', list_id: '101', custom_fields_delete: 'Y', field_label: 'nope' })).toBe(
			'NOTICE: update_list FIELD DOES NOT EXIST, FIELD NOT DELETED, THIS IS AN OPTIONAL FIELD: |6666|101|nope|\nNOTICE: update_list NO UPDATES DEFINED: |6666|\n',
		);
		revoke('custom_fields_modify');
		expect(await text({ function: 'update_list', list_id: '101', custom_fields_delete: 'Y', field_label: 'pet_name' })).toBe(
			'NOTICE: update_list USER DOES NOT HAVE PERMISSION TO MODIFY CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD: |6666|101||0\nNOTICE: update_list NO UPDATES DEFINED: |6666|\n',
		);
	});

	it('refuses users without modify_lists', async () => {
		expect(await text({ function: 'update_list', list_id: '101', active: 'N' }, 'apirep', 'apirep1')).toBe('ERROR: update_list USER DOES NOT HAVE PERMISSION TO UPDATE LISTS: |apirep|0\n');
	});
});

describe('list_info', () => {
	it('prints the list summary with a trailing delimiter, counts on request', async () => {
		expect(await text({ function: 'list_info', list_id: '101' })).toBe('101|API test list|TESTCAMP|Y|||2099-12-31|0|\n');
		expect(await text({ function: 'list_info', list_id: '101', leads_counts: 'Y', header: 'YES' })).toBe(
			'list_id|list_name|campaign_id|active|list_changedate|list_lastcalldate|expiration_date|resets_today|all_leads_count|new_leads_count\n101|API test list|TESTCAMP|Y|||2099-12-31|0|3|1|\n',
		);
		expect(await text({ function: 'list_info', list_id: '101', dialable_count: 'Y', header: 'YES', stage: 'csv' })).toBe(
			'list_id,list_name,campaign_id,active,list_changedate,list_lastcalldate,expiration_date,resets_today,dialable_count\n101,API test list,TESTCAMP,Y,,,2099-12-31,0,1\n',
		);
	});

	it('answers an unknown list and refuses users without modify_lists', async () => {
		expect(await text({ function: 'list_info', list_id: '55555' })).toBe('ERROR: list_info LIST DOES NOT EXIST: |6666|55555\n');
		expect(await text({ function: 'list_info', list_id: '1' })).toBe('ERROR: list_info YOU MUST USE ALL REQUIRED FIELDS: |6666|1||\n');
		expect(await text({ function: 'list_info', list_id: '101' }, 'apirep', 'apirep1')).toBe('ERROR: list_info USER DOES NOT HAVE PERMISSION TO MODIFY LISTS: |apirep|0\n');
	});
});

describe('list_custom_fields', () => {
	it('lists the custom field labels of one list or of all lists', async () => {
		expect(await text({ function: 'list_custom_fields', list_id: '101', header: 'YES' })).toBe(
			'list_id|list_name|campaign_id|active|list_changedate|list_lastcalldate|custom_fields_list_space_delimited\n101|API test list|TESTCAMP|Y|||favorite_color account_tier\n',
		);
		// Sorting reuses one label array across lists, so lists without fields inherit the last labels (PHP quirk).
		expect(await text({ function: 'list_custom_fields', list_id: '---ALL---', custom_order: 'alpha_up' })).toBe(
			'101|API test list|TESTCAMP|Y|||account_tier favorite_color\n102|Second list|TESTCAMP|Y|||account_tier favorite_color\n999|Default inbound list|TESTCAMP|N|||account_tier favorite_color\n',
		);
	});

	it('answers when custom fields are off, before the rights check', async () => {
		sim.state.system.custom_fields_enabled = false;
		expect(await text({ function: 'list_custom_fields', list_id: '101' })).toBe('ERROR: CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM: |6666|list_custom_fields|\n');
		expect(await text({ function: 'list_custom_fields', list_id: '101' }, 'apirep', 'apirep1')).toBe('ERROR: CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM: |apirep|list_custom_fields|\n');
	});

	it('answers an unknown list and refuses users without modify_lists', async () => {
		expect(await text({ function: 'list_custom_fields', list_id: '55555' })).toBe('ERROR: list_custom_fields LIST DOES NOT EXIST: |6666|55555\n');
		expect(await text({ function: 'list_custom_fields', list_id: '101' }, 'apirep', 'apirep1')).toBe('ERROR: list_custom_fields USER DOES NOT HAVE PERMISSION TO MODIFY LISTS: |apirep|0\n');
	});
});

describe('add_dnc_phone / delete_dnc_phone', () => {
	it('adds, refuses a second add, and deletes a campaign DNC number', async () => {
		expect(await text({ function: 'add_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' })).toBe('SUCCESS: add_dnc_phone DNC NUMBER HAS BEEN ADDED - 6666|7275558888|TESTCAMP\n');
		expect(await text({ function: 'add_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' })).toBe('ERROR: add_dnc_phone DNC NUMBER ALREADY EXISTS: |6666|7275558888|TESTCAMP\n');
		expect(await text({ function: 'add_lead', phone_number: '7275558888', campaign_dnc_check: 'Y', campaign_id: 'TESTCAMP' })).toBe(
			'ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - 7275558888|TESTCAMP|6666\n',
		);
		expect(await text({ function: 'delete_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' })).toBe('SUCCESS: delete_dnc_phone DNC NUMBER HAS BEEN DELETED - 6666|7275558888|TESTCAMP\n');
		expect(await text({ function: 'delete_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' })).toBe('ERROR: delete_dnc_phone DNC NUMBER DOES NOT EXIST: |6666|7275558888|TESTCAMP\n');
	});

	it('reaches the system list with SYSTEM_INTERNAL, seen by check_phone_number', async () => {
		await text({ function: 'add_dnc_phone', phone_number: '8135550001', campaign_id: 'SYSTEM_INTERNAL' });
		expect(await text({ function: 'check_phone_number', phone_number: '8135550001', local_call_time: '24hours', dnc_check: 'Y' })).toBe('ERROR: check_phone_number PHONE NUMBER IN DNC - 8135550001|6666\n');
	});

	it('answers missing fields', async () => {
		expect(await text({ function: 'add_dnc_phone', phone_number: '727' })).toBe('ERROR: add_dnc_phone YOU MUST USE ALL REQUIRED FIELDS: |6666|727|\n');
	});

	it('needs modify_lists (but not Agent API Access), and delete_from_dnc to delete', async () => {
		expect(await text({ function: 'add_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' }, 'apinoagt', 'apinoagt1')).toBe(
			'SUCCESS: add_dnc_phone DNC NUMBER HAS BEEN ADDED - apinoagt|7275558888|TESTCAMP\n',
		);
		expect(await text({ function: 'add_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' }, 'apirep', 'apirep1')).toBe(
			'ERROR: add_dnc_phone USER DOES NOT HAVE PERMISSION TO ADD DNC NUMBERS: |apirep|0\n',
		);
		revoke('delete_from_dnc');
		expect(await text({ function: 'delete_dnc_phone', phone_number: '7275558888', campaign_id: 'TESTCAMP' })).toBe(
			'ERROR: delete_dnc_phone USER DOES NOT HAVE PERMISSION TO DELETE DNC NUMBERS: |6666|0\n',
		);
	});
});

describe('add_fpg_phone / delete_fpg_phone', () => {
	it('adds and deletes a filter phone group number', async () => {
		expect(await text({ function: 'add_fpg_phone', phone_number: '7275551212', group: 'TEST_IN_FILTER' })).toBe(
			'SUCCESS: add_fpg_phone FILTER PHONE GROUP NUMBER HAS BEEN ADDED - 6666|7275551212|TEST_IN_FILTER\n',
		);
		expect(sim.state.filterPhoneGroups.get('TEST_IN_FILTER')?.has('7275551212')).toBe(true);
		expect(await text({ function: 'add_fpg_phone', phone_number: '7275551212', group: 'TEST_IN_FILTER' })).toBe(
			'ERROR: add_fpg_phone FILTER PHONE GROUP NUMBER ALREADY EXISTS: |6666|7275551212|TEST_IN_FILTER\n',
		);
		expect(await text({ function: 'delete_fpg_phone', phone_number: '7275551212', group: 'TEST_IN_FILTER' })).toBe(
			'SUCCESS: delete_fpg_phone FILTER PHONE GROUP NUMBER HAS BEEN DELETED - 6666|7275551212|TEST_IN_FILTER\n',
		);
		expect(await text({ function: 'delete_fpg_phone', phone_number: '7275551212', group: 'TEST_IN_FILTER' })).toBe(
			'ERROR: delete_fpg_phone FILTER PHONE GROUP NUMBER DOES NOT EXIST: |6666|7275551212|TEST_IN_FILTER\n',
		);
	});

	it('answers an unknown group and refuses users without modify_lists', async () => {
		expect(await text({ function: 'add_fpg_phone', phone_number: '7275551212', group: 'NOPE' })).toBe('ERROR: add_fpg_phone FILTER PHONE GROUP DOES NOT EXIST: |6666|NOPE\n');
		expect(await text({ function: 'delete_fpg_phone', phone_number: '7275551212', group: 'TEST_IN_FILTER' }, 'apirep', 'apirep1')).toBe(
			'ERROR: delete_fpg_phone USER DOES NOT HAVE PERMISSION TO DELETE FILTER PHONE GROUP NUMBERS: |apirep|0\n',
		);
	});
});
