import { sqlDate } from '../../simulator/context.cjs';
import { nonAgent, nonAgentText, useSimulator } from './nonAgentRequest.cjs';

/**
 * The simulator's lead functions against VICIdial's reply texts (vicidial-api-notes.md §4.1):
 * success, errors, the permission check and what each call leaves in the dialer.
 */

const sim = useSimulator();

const text = (params: Record<string, string>, user?: string, pass?: string) => nonAgentText(sim, params, { user, pass });

describe('add_lead', () => {
	it('adds a lead over a POST form body and answers phone|list_id|lead_id|gmt_offset|user', async () => {
		const reply = await nonAgent(sim, { function: 'add_lead', phone_number: '7275551111', list_id: '101', first_name: 'Robert', last_name: 'Smith' }, { method: 'POST' });
		expect(reply.status).toBe(200);
		expect(reply.contentType).toBe('text/html; charset=utf-8');
		expect(reply.body).toBe('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|101|100|-5.00|6666\n');
		expect(await text({ function: 'lead_search', phone_number: '7275551111' })).toBe('7275551111|1|100\n');
		const lead = sim.state.leads.get(100);
		expect(lead?.status).toBe('NEW');
		expect(lead?.user).toBe('6666');
	});

	it('defaults list 999 and phone code 1, and leaves gmt_offset empty for an unknown area code', async () => {
		expect(await text({ function: 'add_lead', phone_number: '5555551234' })).toBe('SUCCESS: add_lead LEAD HAS BEEN ADDED - 5555551234|999|100||6666\n');
	});

	it('turns + (even %2B) into a space in stored values', async () => {
		await nonAgent(sim, { function: 'add_lead', phone_number: '7275551111', comments: 'a+b c+d&e' }, { method: 'POST' });
		expect(await text({ function: 'lead_field_info', lead_id: '100', field_name: 'comments' })).toBe('a b c d&e');
	});

	it('prints the hopper, custom field, multi-alt-phone and callback lines after SUCCESS', async () => {
		const body = await text({
			function: 'add_lead',
			phone_number: '3125551212',
			list_id: '101',
			add_to_hopper: 'Y',
			hopper_priority: '5',
			custom_fields: 'Y',
			favorite_color: 'blue',
			multi_alt_phones: '7275551212_1_work!7275551213_1_sister+house',
			callback: 'Y',
			campaign_id: 'TESTCAMP',
			callback_datetime: '2026-12-01+10:00:00',
			callback_type: 'USERONLY',
			callback_user: '1000',
		});
		expect(body).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 3125551212|101|100|-6.00|6666\n' +
				// VICIdial leaves a debug print of each alt phone, without newline, before the notice.
				'7275551212|1|work7275551213|1|sister houseNOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED - 2|100|6666\n' +
				'NOTICE: add_lead CUSTOM FIELDS VALUES ADDED - 3125551212|100|101|1\n' +
				'NOTICE: add_lead ADDED TO HOPPER - 3125551212|100|1|6666\n' +
				'NOTICE: add_lead SCHEDULED CALLBACK ADDED - 100|TESTCAMP|2026-12-01 10:00:00|USERONLY|1000|CALLBK\n',
		);
		expect(sim.state.leads.get(100)?.status).toBe('CBHOLD');
		expect(await text({ function: 'lead_field_info', lead_id: '100', field_name: 'favorite_color', custom_fields: 'Y' })).toBe('blue');
	});

	it('answers a NOW callback with the server time and an ANYONE callback without user', async () => {
		const body = await text({ function: 'add_lead', phone_number: '7275551111', callback: 'Y', campaign_id: 'TESTCAMP', callback_datetime: 'NOW' });
		expect(body).toMatch(/^SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111\|999\|100\|-5\.00\|6666\nNOTICE: add_lead SCHEDULED CALLBACK ADDED - 100\|TESTCAMP\|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\|ANYONE\|\|CALLBK\n$/);
	});

	it('notes a callback for a campaign that does not exist', async () => {
		expect(await text({ function: 'add_lead', phone_number: '7275551111', callback: 'Y', campaign_id: 'NOPE' })).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|999|100|-5.00|6666\nNOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID - 100|NOPE\n',
		);
	});

	it('notes custom fields when they are disabled or the list has none', async () => {
		sim.state.system.custom_fields_enabled = false;
		expect(await text({ function: 'add_lead', phone_number: '7275551114', custom_fields: 'Y', list_id: '101' })).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551114|101|100|-5.00|6666\nNOTICE: add_lead CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED - 7275551114|100|Y|0\n',
		);
		sim.state.system.custom_fields_enabled = true;
		expect(await text({ function: 'add_lead', phone_number: '7275551115', custom_fields: 'Y', list_id: '102' })).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551115|102|101|-5.00|6666\nNOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST - 7275551115|101|102\n',
		);
	});

	it('refuses bad numbers, DNC numbers and undefined lists', async () => {
		expect(await text({ function: 'add_lead', phone_number: '72755' })).toBe('ERROR: add_lead INVALID PHONE NUMBER LENGTH - 72755|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '72755512121234567' })).toBe('ERROR: add_lead INVALID PHONE NUMBER LENGTH - 72755512121234567|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '7270551111', usacan_prefix_check: 'Y' })).toBe('ERROR: add_lead INVALID PHONE NUMBER PREFIX - 7270551111|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '5555551111', usacan_areacode_check: 'Y' })).toBe('ERROR: add_lead INVALID PHONE NUMBER AREACODE - 5555551111|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '7275559999', dnc_check: 'Y' })).toBe('ERROR: add_lead PHONE NUMBER IN DNC - 7275559999|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '7275558000', campaign_dnc_check: 'Y', campaign_id: 'TESTCAMP' })).toBe(
			'ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - 7275558000|TESTCAMP|6666\n',
		);
		expect(await text({ function: 'add_lead', phone_number: '7275551113', list_id: '12344', list_exists_check: 'Y' })).toBe(
			'ERROR: add_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - 7275551113|12344\n',
		);
		expect(sim.state.leads.size).toBe(4);
	});

	it('notes that NANPA checks are off when no NANPA data is loaded, then adds the lead', async () => {
		expect(await text({ function: 'add_lead', phone_number: '7275551111', nanpa_ac_prefix_check: 'Y' })).toBe(
			'NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - 0|6666\nSUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|999|100|-5.00|6666\n',
		);
	});

	it('refuses a number a DNC add just listed (add_dnc_phone then dnc_check=Y)', async () => {
		expect(await text({ function: 'add_dnc_phone', phone_number: '7275558888', campaign_id: 'SYSTEM_INTERNAL' })).toBe(
			'SUCCESS: add_dnc_phone DNC NUMBER HAS BEEN ADDED - 6666|7275558888|SYSTEM_INTERNAL\n',
		);
		expect(await text({ function: 'add_lead', phone_number: '7275558888', dnc_check: 'Y' })).toBe('ERROR: add_lead PHONE NUMBER IN DNC - 7275558888|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '7275558888', dnc_check: 'N' })).toBe('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275558888|999|100|-5.00|6666\n');
	});

	it('matches an AREACODE DNC entry', async () => {
		sim.state.dnc.get('SYSTEM_INTERNAL')?.add('813XXXXXXX');
		expect(await text({ function: 'add_lead', phone_number: '8135550001', dnc_check: 'AREACODE' })).toBe('ERROR: add_lead PHONE NUMBER IN DNC - 8135550001|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '8135550001', dnc_check: 'Y' })).toBe('SUCCESS: add_lead LEAD HAS BEEN ADDED - 8135550001|999|100|-5.00|6666\n');
	});

	it('runs each duplicate check with its own reply', async () => {
		const add = (extra: Record<string, string>) => text({ function: 'add_lead', list_id: '101', ...extra });
		expect(await add({ phone_number: '7275551212', duplicate_check: 'DUPLIST' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551212|101|1\n');
		expect(await add({ phone_number: '7275551212', list_id: '999', duplicate_check: 'DUPCAMP' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN CAMPAIGN LISTS - 7275551212|999|1|101\n');
		expect(await add({ phone_number: '3125550199', duplicate_check: 'DUPSYS' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 3125550199|101|3|101\n');
		const lead3 = sim.state.leads.get(3);
		if (lead3) lead3.alt_phone = '8005550123';
		expect(await add({ phone_number: '8005550123', duplicate_check: 'DUPPHONEALTSYS' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 8005550123|101|3|101|ALT\n');
		expect(await add({ phone_number: '8005550123', duplicate_check: 'DUPPHONEALTLIST' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 8005550123|101|3|ALT\n');
		expect(await add({ phone_number: '7275550000', title: 'Mr', alt_phone: '8005550123', duplicate_check: 'DUPTITLEALTPHONELIST' })).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275550000|101|100|-5.00|6666\n',
		);
		expect(await add({ phone_number: '7275550001', title: 'Mr', alt_phone: '8005550123', duplicate_check: 'DUPTITLEALTPHONESYS' })).toBe(
			'ERROR: add_lead DUPLICATE TITLE ALT_PHONE IN SYSTEM - Mr|8005550123|101|100|101\n',
		);
		expect(await add({ phone_number: '7275551212', first_name: 'Alice', last_name: 'Jones', duplicate_check: 'DUPNAMEPHONECAMP' })).toBe(
			'ERROR: add_lead DUPLICATE NAME PHONE IN CAMPAIGN LISTS - Alice|Jones|7275551212|101|1|101\n',
		);
		// A CAMP check on a list that does not exist builds `list_id IN()`: HTTP 500, empty body.
		const broken = await nonAgent(sim, { function: 'add_lead', phone_number: '7275551212', list_id: '55555', duplicate_check: 'DUPCAMP' });
		expect(broken).toEqual({ status: 500, body: '', contentType: 'text/html; charset=utf-8' });
	});

	it('limits an NDAY duplicate check to leads entered in that window', async () => {
		const lead1 = sim.state.leads.get(1);
		const lead2 = sim.state.leads.get(2);
		if (lead1) lead1.entry_date = '2001-01-01 00:00:00';
		if (lead2) lead2.entry_date = '2001-01-01 00:00:00';
		expect(await text({ function: 'add_lead', phone_number: '7275551212', duplicate_check: 'DUPSYS30DAY' })).toBe('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551212|999|100|-5.00|6666\n');
		expect(await text({ function: 'add_lead', phone_number: '7275551212', duplicate_check: 'DUPSYS1DAY' })).toBe('ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 7275551212|999|100|999\n');
	});

	it('refuses users without lead rights with the pipe-closed permission error', async () => {
		expect(await text({ function: 'add_lead', phone_number: '7275551111' }, 'apirep', 'apirep1')).toBe(
			'ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM: |apirep|0|\n',
		);
		expect(await text({ function: 'add_lead', phone_number: '7275551111' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM: |apinoagt|0|\n',
		);
	});
});

describe('update_lead', () => {
	it('updates by lead_id and counts only changed rows', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', last_name: 'Smith' })).toBe('SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n');
		expect(await text({ function: 'update_lead', lead_id: '1', last_name: 'Smith' })).toBe('SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|0|||\n');
		expect(await text({ function: 'lead_field_info', lead_id: '1', field_name: 'last_name' })).toBe('Smith');
	});

	it('clears a field sent as --BLANK--', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', first_name: '--BLANK--' })).toBe('SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n');
		expect(await text({ function: 'lead_field_info', lead_id: '1', field_name: 'first_name' })).toBe('');
	});

	it('answers NO MATCHES and NO VALID SEARCH METHOD', async () => {
		expect(await text({ function: 'update_lead', lead_id: '999999', first_name: 'X' })).toBe('ERROR: update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|999999||\n');
		expect(await text({ function: 'update_lead', search_method: 'VENDOR_LEAD_CODE', first_name: 'X' })).toBe('ERROR: update_lead NO VALID SEARCH METHOD - 6666|VENDOR_LEAD_CODE|||\n');
		expect(await text({ function: 'update_lead', list_id_field: '5555', list_exists_check: 'Y', lead_id: '1' })).toBe(
			'ERROR: update_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - |5555\n',
		);
	});

	it('searches by vendor_lead_code and by phone number, newest first, one line per record', async () => {
		expect(await text({ function: 'update_lead', search_method: 'VENDOR_LEAD_CODE', vendor_lead_code: 'CRM-300', city: 'Chicago' })).toBe(
			'SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|3|1|||\n',
		);
		expect(await text({ function: 'update_lead', search_method: 'PHONE_NUMBER', phone_number: '7275551212', records: '2', city: 'Tampa' })).toBe(
			'SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|2|1|||\nSUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n',
		);
		expect(await text({ function: 'update_lead', search_method: 'PHONE_NUMBER', phone_number: '7275551212', search_location: 'LIST', list_id: '101', city: 'Clearwater' })).toBe(
			'SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n',
		);
		expect(sim.state.leads.get(2)?.city).toBe('Tampa');
	});

	it('tries lead_id, then vendor_lead_code, then phone with a combined search method', async () => {
		expect(await text({ function: 'update_lead', search_method: 'LEAD_ID_VENDOR_LEAD_CODE', lead_id: '999', vendor_lead_code: 'VLC-A', owner: 'T1' })).toBe(
			'SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n',
		);
		expect(sim.state.leads.get(1)?.owner).toBe('T1');
		expect(await text({ function: 'update_lead', search_method: 'PHONE_NUMBER', phone_number: '7275551212', search_location: 'CAMPAIGN', list_id: '999', records: '5', owner: 'T2' })).toBe(
			'SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|2|1|||\nSUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|1|1|||\n',
		);
	});

	it('only reports matches with no_update=Y', async () => {
		expect(await text({ function: 'update_lead', lead_id: '3', no_update: 'Y', city: 'Nowhere' })).toBe('NOTICE: update_lead LEADS FOUND IN THE SYSTEM: |6666|3|||101|0\n');
		expect(sim.state.leads.get(3)?.city).toBe('');
		expect(await text({ function: 'update_lead', lead_id: '77', no_update: 'Y' })).toBe('NOTICE: update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|77||\n');
	});

	it('inserts a lead that is not found with insert_if_not_found=Y', async () => {
		expect(await text({ function: 'update_lead', search_method: 'PHONE_NUMBER', phone_number: '7275552222', phone_code: '1', list_id: '101', insert_if_not_found: 'Y', first_name: 'Nina' })).toBe(
			'NOTICE: update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|||7275552222\nSUCCESS: update_lead LEAD HAS BEEN ADDED - 7275552222|101|100|-5.00|6666\n',
		);
		expect(sim.state.leads.get(100)?.first_name).toBe('Nina');
		expect(await text({ function: 'update_lead', search_method: 'PHONE_NUMBER', phone_number: '7275553333', list_id: '101', insert_if_not_found: 'Y' })).toBe(
			'NOTICE: update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|||7275553333\nERROR: update_lead INVALID DATA FOR LEAD INSERTION - 6666|7275553333||101|Y\n',
		);
	});

	it('prints only NOTICE lines for a callback-only or hopper-only call', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', callback: 'Y', campaign_id: 'TESTCAMP', callback_datetime: '2026-12-01+10:00:00' })).toBe(
			'NOTICE: update_lead SCHEDULED CALLBACK ADDED - 1|TESTCAMP|2026-12-01 10:00:00|ANYONE||CALLBK\n',
		);
		expect(await text({ function: 'update_lead', lead_id: '1', add_to_hopper: 'Y' })).toBe('NOTICE: update_lead ADDED TO HOPPER - |1|1|6666\n');
		expect(await text({ function: 'update_lead', lead_id: '1', add_to_hopper: 'Y' })).toBe('NOTICE: update_lead NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER - |1|6666\n');
		expect(await text({ function: 'update_lead', lead_id: '1', remove_from_hopper: 'Y' })).toBe('NOTICE: update_lead REMOVED FROM HOPPER - |1|READY|6666\n');
		expect(await text({ function: 'update_lead', lead_id: '1', remove_from_hopper: 'Y' })).toBe('NOTICE: update_lead NOT REMOVED FROM HOPPER, LEAD IS NOT IN THE HOPPER - |1|6666\n');
	});

	it('adds a callback n days ahead with NDAYS', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', callback: 'Y', campaign_id: 'TESTCAMP', callback_datetime: '1DAYS' })).toMatch(
			/^NOTICE: update_lead SCHEDULED CALLBACK ADDED - 1\|TESTCAMP\|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\|ANYONE\|\|CALLBK\n$/,
		);
		const due = sim.state.callbacks.find((cb) => cb.lead_id === 1)?.callback_time ?? '';
		const expected = new Date();
		expected.setDate(expected.getDate() + 1);
		expect(due.slice(0, 10)).toBe(sqlDate(expected).slice(0, 10));
	});

	it('updates an existing callback, removes it to the archive, and deletes leads', async () => {
		expect(await text({ function: 'update_lead', lead_id: '3', callback: 'Y', callback_comments: 'try later' })).toBe(
			'NOTICE: update_lead SCHEDULED CALLBACK UPDATED - 3|||||\n',
		);
		expect(sim.state.callbacks.find((cb) => cb.lead_id === 3)?.comments).toBe('try later');
		expect(await text({ function: 'update_lead', lead_id: '3', callback: 'REMOVE' })).toBe('NOTICE: update_lead SCHEDULED CALLBACK DELETED - 6666|3|1|1\n');
		expect(sim.state.callbacks.some((cb) => cb.lead_id === 3)).toBe(false);
		expect(await text({ function: 'update_lead', lead_id: '4', delete_lead: 'Y' })).toBe('SUCCESS: update_lead LEAD HAS BEEN DELETED 0|0 - 6666|4|1|0|0|\n');
		expect(await text({ function: 'lead_all_info', lead_id: '4' })).toBe('ERROR: lead_all_info LEAD NOT FOUND: 6666|4|\n');
	});

	it('resets called_since_last_reset with reset_lead=Y', async () => {
		const lead = sim.state.leads.get(4);
		if (lead) lead.called_since_last_reset = 'Y';
		expect(await text({ function: 'update_lead', lead_id: '4', reset_lead: 'Y' })).toBe('SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|4|1|||\n');
		expect(sim.state.leads.get(4)?.called_since_last_reset).toBe('N');
	});

	it('writes custom fields where the list defines them', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', custom_fields: 'Y', favorite_color: 'green' })).toBe(
			'NOTICE: update_lead CUSTOM FIELDS VALUES UPDATED - |1|101|0|101|1\n',
		);
		expect(sim.state.leads.get(1)?.entry_list_id).toBe('101');
		expect(await text({ function: 'lead_field_info', lead_id: '1', field_name: 'favorite_color', custom_fields: 'Y' })).toBe('green');
		expect(await text({ function: 'update_lead', lead_id: '2', custom_fields: 'Y', favorite_color: 'red' })).toBe(
			'NOTICE: update_lead CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST - |2|102\n',
		);
	});

	it('refuses users without lead rights', async () => {
		expect(await text({ function: 'update_lead', lead_id: '1', city: 'X' }, 'apirep', 'apirep1')).toBe(
			'ERROR: update_lead USER DOES NOT HAVE PERMISSION TO UPDATE LEADS IN THE SYSTEM: |apirep|0|\n',
		);
	});
});

describe('batch_update_lead', () => {
	it('updates all found leads at once, newest first', async () => {
		expect(await text({ function: 'batch_update_lead', lead_ids: '1,2,3', status: 'NI' })).toBe('SUCCESS: batch_update_lead LEADS HAVE BEEN UPDATED - 6666|3|3|3,2,1\n');
		expect([1, 2, 3].map((id) => sim.state.leads.get(id)?.status)).toEqual(['NI', 'NI', 'NI']);
		expect(await text({ function: 'batch_update_lead', lead_ids: '1,2,3,999', status: 'NI' })).toBe('SUCCESS: batch_update_lead LEADS HAVE BEEN UPDATED - 6666|0|3|3,2,1\n');
	});

	it('answers the empty and not-found cases', async () => {
		expect(await text({ function: 'batch_update_lead', status: 'NI' })).toBe('ERROR: batch_update_lead NO LEADS DEFINED - 6666|\n');
		expect(await text({ function: 'batch_update_lead', lead_ids: '555,556', status: 'NI' })).toBe('ERROR: batch_update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|555,556\n');
		expect(await text({ function: 'batch_update_lead', lead_ids: '1', list_id_field: '777', list_exists_check: 'Y' })).toBe(
			'ERROR: batch_update_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - 6666|777\n',
		);
	});

	it('refuses users without lead rights', async () => {
		expect(await text({ function: 'batch_update_lead', lead_ids: '1', status: 'NI' }, 'apirep', 'apirep1')).toBe(
			'ERROR: batch_update_lead USER DOES NOT HAVE PERMISSION TO UPDATE LEADS IN THE SYSTEM: |apirep|0|\n',
		);
	});
});

describe('lead_field_info', () => {
	it('prints the bare value with no newline', async () => {
		expect(await nonAgent(sim, { function: 'lead_field_info', lead_id: '3', field_name: 'vendor_lead_code' })).toEqual({
			status: 200,
			body: 'CRM-300',
			contentType: 'text/html; charset=utf-8',
		});
	});

	it('answers 500 with an empty body for an unknown field (PHP 8)', async () => {
		expect(await nonAgent(sim, { function: 'lead_field_info', lead_id: '3', field_name: 'no_such_field' })).toEqual({ status: 500, body: '', contentType: 'text/html; charset=utf-8' });
	});

	it('answers its lookup errors', async () => {
		expect(await text({ function: 'lead_field_info', lead_id: '999999', field_name: 'first_name' })).toBe('ERROR: lead_field_info LEAD NOT FOUND: 6666|999999\n');
		expect(await text({ function: 'lead_field_info', lead_id: '1' })).toBe('ERROR: lead_field_info INVALID SEARCH PARAMETERS: 6666|1|\n');
		const lead = sim.state.leads.get(1);
		if (lead) lead.list_id = '4242';
		expect(await text({ function: 'lead_field_info', lead_id: '1', field_name: 'first_name' })).toBe('ERROR: lead_field_info LIST NOT FOUND: 6666|1|4242\n');
	});

	it('refuses users without lead rights', async () => {
		expect(await text({ function: 'lead_field_info', lead_id: '1', field_name: 'first_name' }, 'apirep', 'apirep1')).toBe(
			'ERROR: lead_field_info USER DOES NOT HAVE PERMISSION TO GET LEAD INFO: |apirep|0|\n',
		);
	});
});

describe('lead_all_info', () => {
	const columns =
		'status|user|vendor_lead_code|source_id|list_id|gmt_offset_now|phone_code|phone_number|title|first_name|middle_initial|last_name|address1|address2|address3|city|state|province|postal_code|country_code|gender|date_of_birth|alt_phone|email|security_phrase|comments|called_count|last_local_call_time|rank|owner|entry_list_id|lead_id';
	const lead4 = 'SALE|1000|||101|-5.00|1|4075550100||Dana||Ng|||||||||U|0000-00-00|||||2|2008-01-01 00:00:00|0||0|4';

	it('prints one lead, with header and in csv', async () => {
		expect(await text({ function: 'lead_all_info', lead_id: '4' })).toBe(`${lead4}\n`);
		expect(await text({ function: 'lead_all_info', lead_id: '4', header: 'YES' })).toBe(`${columns}\n${lead4}\n`);
		expect(await text({ function: 'lead_all_info', lead_id: '4', stage: 'csv' })).toBe(`${lead4.replace(/\|/g, ',')}\n`);
	});

	it('puts every header and value on its own line with stage=newline', async () => {
		expect(await text({ function: 'lead_all_info', lead_id: '4', header: 'YES', stage: 'newline' })).toBe(`${columns.replace(/\|/g, '\n')}\n${lead4.replace(/\|/g, '\n')}\n`);
	});

	it('repeats the header before every row of a phone search', async () => {
		const body = await text({ function: 'lead_all_info', phone_number: '7275551212', header: 'YES' });
		const rows = body.split('\n');
		expect(rows[0]).toBe(columns);
		expect(rows[1]).toMatch(/^NEW\|\|\|\|102\|.*\|2$/);
		expect(rows[2]).toBe(columns);
		expect(rows[3]).toMatch(/^NEW\|\|VLC-A\|\|101\|.*\|1$/);
		expect(rows).toHaveLength(5);
	});

	it('adds custom fields with custom_fields=Y', async () => {
		await text({ function: 'add_lead', phone_number: '7275551111', list_id: '101', custom_fields: 'Y', favorite_color: 'blue', account_tier: 'gold' });
		const body = await text({ function: 'lead_all_info', lead_id: '100', header: 'YES', custom_fields: 'Y' });
		const [header, row] = body.split('\n');
		expect(header.endsWith('|entry_list_id|lead_id|favorite_color|account_tier')).toBe(true);
		expect(row.endsWith('|101|100|blue|gold')).toBe(true);
	});

	it('answers LEAD NOT FOUND and refuses users without lead rights', async () => {
		expect(await text({ function: 'lead_all_info', lead_id: '999999' })).toBe('ERROR: lead_all_info LEAD NOT FOUND: 6666|999999|\n');
		expect(await text({ function: 'lead_all_info', lead_id: '4' }, 'apirep', 'apirep1')).toBe('ERROR: lead_all_info USER DOES NOT HAVE PERMISSION TO GET LEAD INFO: |apirep|0|\n');
	});
});

describe('lead_search', () => {
	it('prints one line per searched number, lead_ids newest first joined by -', async () => {
		await text({ function: 'add_lead', phone_number: '7275551111' });
		expect(await text({ function: 'lead_search', phone_number: '7275551212,7275551111,4075551212' })).toBe('7275551212|2|2-1\n7275551111|1|100\n4075551212|0|\n');
	});

	it('runs the header names together because $DL is never set (notes §7.5)', async () => {
		expect(await text({ function: 'lead_search', phone_number: '3125550199', header: 'YES' })).toBe('search_keyrecords_foundlead_ids\n3125550199|1|3\n');
	});

	it('answers NO MATCHES and NO VALID SEARCH METHOD', async () => {
		expect(await text({ function: 'lead_search', phone_number: '4075551212' })).toBe('ERROR: lead_search NO MATCHES FOUND IN THE SYSTEM: |6666|||4075551212\n');
		expect(await text({ function: 'lead_search', phone_number: '12345' })).toBe('ERROR: lead_search NO VALID SEARCH METHOD - 6666|PHONE_NUMBER|(0)|(0)|12345(0)\n');
	});

	it('needs level 8, not the documented 7', async () => {
		sim.state.users.set('level7', { ...(sim.state.users.get('6666') ?? ({} as never)), user: 'level7', pass: 'level7pw', user_level: 7 });
		expect(await text({ function: 'lead_search', phone_number: '7275551212' }, 'level7', 'level7pw')).toBe(
			'ERROR: lead_search USER DOES NOT HAVE PERMISSION TO SEARCH FOR LEADS: |level7|0|\n',
		);
		expect(await text({ function: 'lead_search', phone_number: '7275551212' }, 'apifew', 'apifew1')).toBe('7275551212|2|2-1\n');
	});
});

describe('lead_status_search', () => {
	it('prints every lead called with the status on the date as field => value blocks', async () => {
		const body = await text({ function: 'lead_status_search', status: 'SALE', date: '2026-11-20' });
		expect(body.startsWith(';---------- START OF RECORD 1 ----------\nlead_id => 4\nstatus => SALE\nuser => 1000\n')).toBe(true);
		expect(body).toContain('\nphone_number => 4075550100\n');
		expect(body.endsWith('owner => \nentry_list_id => 0\n')).toBe(true);
	});

	it('answers NO RESULTS and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'lead_status_search', status: 'NEW', date: '2026-11-22' })).toBe('ERROR: lead_status_search NO RESULTS FOUND: 6666||NEW|\n');
		expect(await text({ function: 'lead_status_search', status: 'SALE' })).toBe('ERROR: lead_status_search INVALID SEARCH PARAMETERS: 6666|SALE||\n');
	});

	it('refuses users without lead rights', async () => {
		expect(await text({ function: 'lead_status_search', status: 'SALE', date: '2026-11-20' }, 'apirep', 'apirep1')).toBe(
			'ERROR: lead_status_search USER DOES NOT HAVE PERMISSION TO GET LEAD INFO: |apirep|0|\n',
		);
	});
});

describe('lead_callback_info', () => {
	const row = '3|CURRENT|USERONLY|ACTIVE|CALLBK|2026-11-23 10:00:00|2026-11-20 10:00:00|1000|101|TESTCAMP|ADMIN|||call back';

	it('lists a lead callbacks, archived ones with search_location', async () => {
		expect(await text({ function: 'lead_callback_info', lead_id: '3' })).toBe(`${row}\n`);
		await text({ function: 'update_lead', lead_id: '3', callback: 'REMOVE' });
		expect(await text({ function: 'lead_callback_info', lead_id: '3', search_location: 'ARCHIVE', stage: 'csv' })).toBe(`${row.replace('CURRENT', 'ARCHIVE').replace(/\|/g, ',')}\n`);
	});

	it('answers CALLBACK NOT FOUND (stage defaults to pipe) and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'lead_callback_info', lead_id: '1' })).toBe('ERROR: lead_callback_info CALLBACK NOT FOUND: 6666|1|pipe|\n');
		expect(await text({ function: 'lead_callback_info' })).toBe('ERROR: lead_callback_info INVALID SEARCH PARAMETERS: 6666|\n');
	});

	it('refuses users without Agent API Access', async () => {
		expect(await text({ function: 'lead_callback_info', lead_id: '3' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: lead_callback_info USER DOES NOT HAVE PERMISSION TO GET LEAD INFO: |apinoagt|0|\n',
		);
	});
});

describe('lead_dearchive', () => {
	it('moves an archived lead back to vicidial_list', async () => {
		expect(await text({ function: 'lead_dearchive', lead_id: '90' })).toBe('SUCCESS: lead_dearchive LEAD DE-ARCHIVED: 6666|90|1|1\n');
		expect(await text({ function: 'lead_field_info', lead_id: '90', field_name: 'first_name' })).toBe('Old');
		expect(await text({ function: 'lead_dearchive', lead_id: '90' })).toBe('ERROR: lead_dearchive ARCHIVED LEAD NOT FOUND: 6666|90||\n');
	});

	it('refuses a lead that is in both tables, and users without lead rights', async () => {
		const lead1 = sim.state.leads.get(1);
		if (lead1) sim.state.archivedLeads.set(1, { ...lead1 });
		expect(await text({ function: 'lead_dearchive', lead_id: '1' })).toBe('ERROR: lead_dearchive NON-ARCHIVED LEAD FOUND: 6666|1|101\n');
		expect(await text({ function: 'lead_dearchive', lead_id: '90' }, 'apirep', 'apirep1')).toBe('ERROR: lead_dearchive USER DOES NOT HAVE PERMISSION TO MODIFY LEAD INFO: |apirep|0|\n');
	});
});

describe('ccc_lead_info', () => {
	it('prints the lead of a call of the last ten hours', async () => {
		const call = sim.state.callLog[0];
		call.call_date = sqlDate(new Date(Date.now() - 3600_000));
		expect(await text({ function: 'ccc_lead_info', call_id: call.call_id, header: 'YES' })).toBe(
			'status|user|vendor_lead_code|source_id|list_id|gmt_offset_now|phone_code|phone_number|title|first_name|middle_initial|last_name|address1|address2|address3|city|state|province|postal_code|country_code|gender|date_of_birth|alt_phone|email|security_phrase|comments|called_count|last_local_call_time|rank|owner\n' +
				'SALE|1000|||101|-5.00|1|4075550100||Dana||Ng|||||||||U|0000-00-00|||||2|2008-01-01 00:00:00|0|\n',
		);
	});

	it('answers CALL NOT FOUND for older calls and INVALID SEARCH PARAMETERS for bad IDs', async () => {
		sim.state.callLog[0].call_date = '2001-01-01 00:00:00';
		expect(await text({ function: 'ccc_lead_info', call_id: 'M1120090500000000004' })).toBe('ERROR: ccc_lead_info CALL NOT FOUND: 6666|\n');
		expect(await text({ function: 'ccc_lead_info', call_id: 'M11' })).toBe('ERROR: ccc_lead_info INVALID SEARCH PARAMETERS: 6666|M11\n');
	});

	it('refuses users without Agent API Access', async () => {
		expect(await text({ function: 'ccc_lead_info', call_id: 'M1120090500000000004' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: ccc_lead_info USER DOES NOT HAVE PERMISSION TO GET LEAD INFO: |apinoagt|0|\n',
		);
	});
});

describe('update_log_entry', () => {
	it('changes the status of the call log row found by call ID', async () => {
		expect(await text({ function: 'update_log_entry', group: 'TESTCAMP', call_id: 'M1120090500000000004', status: 'SALEX' })).toBe(
			'SUCCESS: update_log_entry RECORD HAS BEEN UPDATED - 6666|6666|TESTCAMP|M1120090500000000004|SALEX|SALE|1795100000.101|\n',
		);
		expect(sim.state.callLog[0].status).toBe('SALEX');
		expect(await text({ function: 'update_log_entry', group: 'TESTCAMP', call_id: 'M1120090500000000004', status: 'SALEX' })).toBe(
			'ERROR: update_log_entry NO RECORDS UPDATED: 6666|TESTCAMP|M1120090500000000004|SALEX|SALEX|1795100000.101\n',
		);
	});

	it('answers NO RECORDS FOUND and GROUP NOT FOUND', async () => {
		expect(await text({ function: 'update_log_entry', group: 'TESTCAMP', call_id: 'M1234567890123456789', status: 'SALE' })).toBe(
			'ERROR: update_log_entry NO RECORDS FOUND: 6666|TESTCAMP|M1234567890123456789|SALE\n',
		);
		expect(await text({ function: 'update_log_entry', group: 'NOPE', call_id: 'M1120090500000000004', status: 'SALE' })).toBe('ERROR: update_log_entry GROUP NOT FOUND: 6666|NOPE\n');
	});

	it('refuses users without lead rights', async () => {
		expect(await text({ function: 'update_log_entry', group: 'TESTCAMP', call_id: 'M1120090500000000004', status: 'SALE' }, 'apirep', 'apirep1')).toBe(
			'ERROR: update_log_entry USER DOES NOT HAVE PERMISSION TO UPDATE LOGS: |apirep|0|\n',
		);
	});
});

describe('check_phone_number', () => {
	it('prints dialability and gmt per tz method, then the phone data', async () => {
		expect(await text({ function: 'check_phone_number', phone_number: '7275551111', local_call_time: '24hours' })).toBe('AREACODE: 1|-5.00#PHONE: 7275551111|1||||\n');
		expect(await text({ function: 'check_phone_number', phone_number: '7275551111', local_call_time: '24hours', tz_method: 'AREACODEPOSTALTZCODE', postal_code: '33701', owner: 'PST' })).toBe(
			'AREACODE: 1|-5.00#POSTAL: 1|-5.00#TZCODE: 1|-8.00#PHONE: 7275551111|1|33701||PST|\n',
		);
	});

	it('answers its errors', async () => {
		expect(await text({ function: 'check_phone_number', phone_number: '7275551111', local_call_time: 'badct' })).toBe('ERROR: check_phone_number THIS IS NOT A VALID CALL TIME: |6666|badct|\n');
		expect(await text({ function: 'check_phone_number', phone_number: '72755', local_call_time: '24hours' })).toBe('ERROR: check_phone_number INVALID PHONE NUMBER LENGTH - 72755|6666\n');
		expect(await text({ function: 'check_phone_number', phone_number: '7275559999', local_call_time: '24hours', dnc_check: 'Y' })).toBe(
			'ERROR: check_phone_number PHONE NUMBER IN DNC - 7275559999|6666\n',
		);
		expect(await text({ function: 'check_phone_number', phone_number: '7275551111', local_call_time: '24hours', tz_method: 'NANPA' })).toBe(
			'ERROR: check_phone_number NANPA options disabled, NANPA prefix data not loaded - 0|6666\n',
		);
	});

	it('refuses level 7 with an empty value where the PHP prints an unset variable', async () => {
		expect(await text({ function: 'check_phone_number', phone_number: '7275551111', local_call_time: '24hours' }, 'apirep', 'apirep1')).toBe(
			'ERROR: check_phone_number USER DOES NOT HAVE PERMISSION TO CHECK PHONE NUMBERS: |apirep||\n',
		);
	});
});
