import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';

import { sqlDate } from '../../simulator/context.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { leadRow } from '../../simulator/state.cjs';
import { runNode, simCredentials, type NodeRun, type RunNodeInput } from '../helpers/harness.cjs';
import { REPORT_USER, expectError, expectRefused, json, withSimulator } from './vicidial.shared.cjs';

/**
 * The lead functions of the Non-Agent API run through the VICIdial node as a user configures
 * them, against the simulator over HTTP. Seed leads (simulator/state.cts): 1 and 2 share
 * 7275551212 (lists 101 and 102), 3 is CRM-300 with a callback, 4 is a SALE with a recording;
 * the next new lead gets ID 100.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

const NO_API_USER = { apiUser: 'apinoagt', password: 'apinoagt1' };

function lead(parameters: IDataObject, extra: Partial<Omit<RunNodeInput, 'parameters'>> & { as?: ICredentialDataDecryptedObject } = {}): Promise<NodeRun> {
	const { as, ...rest } = extra;
	return runNode({ type: 'vicidial', parameters: { resource: 'lead', ...parameters }, credentials: simCredentials(sim.url, as), ...rest });
}

/** The node's JSON output, in order. */

const campaign = (value: string) => ({ __rl: true, mode: 'id', value });
const list = (value: string) => ({ __rl: true, mode: 'id', value });

describe('add_lead', () => {
	const addLead = (parameters: IDataObject) => ({ operation: 'add_lead', listId: list('101'), ...parameters });

	it('adds a lead from a web-form item: pasted phone normalised, fields mapped by expression', async () => {
		const run = await lead(
			addLead({
				phoneNumber: '={{ $json.phone }}',
				additionalFields: {
					firstName: '={{ $json.first_name }}',
					lastName: '={{ $json.last_name }}',
					email: '={{ $json.email }}',
					comments: '={{ $json.message }}',
					vendorLeadCode: '={{ $json.crm_id }}',
				},
			}),
			{ items: [{ phone: '(312) 555-1234', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', message: 'Call me after 5pm', crm_id: 'WEB-77' }] },
		);
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{ result: 'SUCCESS', message: 'LEAD HAS BEEN ADDED', phone_number: '3125551234', list_id: 101, lead_id: 100, gmt_offset: -6, api_user: '6666' },
		]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(sim.log[0].params).toMatchObject({ function: 'add_lead', phone_number: '3125551234', list_id: '101', first_name: 'Ada', vendor_lead_code: 'WEB-77' });
		// No "+" in the number, so no country code is sent: VICIdial's default 1 applies.
		expect(sim.log[0].params.phone_code).toBeUndefined();
		expect(sim.state.leads.get(100)).toMatchObject({
			phone_number: '3125551234',
			phone_code: '1',
			list_id: '101',
			first_name: 'Ada',
			last_name: 'Lovelace',
			email: 'ada@example.com',
			comments: 'Call me after 5pm',
			vendor_lead_code: 'WEB-77',
			status: 'NEW',
		});
	});

	it.each([
		['+1 312-555-1234', '3125551234', '1', -6],
		['+1 (727) 555.0100', '7275550100', '1', -5],
		['1 (312) 555-1234', '3125551234', '1', -6],
		['+44 20 7946 0958', '2079460958', '44', 0],
	])('splits %s into phone %s with phone code %s', async (pasted, phone, code, gmt) => {
		const run = await lead(addLead({ phoneNumber: pasted }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ phone_number: phone, phone_code: code });
		expect(json(run)[0]).toMatchObject({ phone_number: phone, lead_id: 100, gmt_offset: gmt });
		expect(sim.state.leads.get(100)).toMatchObject({ phone_number: phone, phone_code: code });
	});

	it('keeps a Phone Code the user set over the one in a + number', async () => {
		const run = await lead(addLead({ phoneNumber: '+1 312-555-1234', additionalFields: { phoneCode: '52' } }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ phone_number: '3125551234', phone_code: '52' });
	});

	// (No "1234" group in these: the test password is 1234, and error texts are redacted.)
	it.each(['555-12a', '12345', '312 555 0100 ext 5', '+1 312-555-0100-5678-9012', '312555010012345678'])('refuses the phone number "%s" and sends nothing', async (pasted) => {
		const run = await lead(addLead({ phoneNumber: pasted }));
		expectRefused(sim, run, `Phone Number must be 6-16 digits; got "${pasted}"`);
		expect(run.error?.description).toBe('VICIdial function add_lead; nothing was sent.');
		expect(sim.state.leads.size).toBe(4);
	});

	it('refuses an item whose phone number is empty before sending', async () => {
		const run = await lead(addLead({ phoneNumber: '={{ $json.phone }}' }), { items: [{ phone: '' }] });
		expectRefused(sim, run, 'Phone Number is required');
	});

	describe('duplicate check', () => {
		it('offers the checks in plain words, each with its VICIdial value and what it compares', () => {
			const addLeadFields = new Vicidial().description.properties.filter(
				(property) => property.name === 'additionalFields' && property.displayOptions?.show?.operation?.includes('add_lead'),
			);
			const check = addLeadFields.flatMap((property) => property.options ?? []).find((option) => option.name === 'duplicateCheck') as INodeProperties;
			const options = (check.options ?? []) as INodePropertyOptions[];
			expect(options).toHaveLength(12);
			expect(options).toContainEqual({
				name: 'Same phone in this list (DUPLIST)',
				value: 'DUPLIST',
				description: 'Refuse the lead when a lead with the same phone_number exists in the same list',
			});
			expect(options.find((option) => option.value === 'DUPPHONEALTCAMP')?.name).toBe("Phone or alt phone in the campaign's lists (DUPPHONEALTCAMP)");
			expect(options.find((option) => option.value === 'DUPNAMEPHONESYS')?.name).toBe('Same name and phone anywhere (DUPNAMEPHONESYS)');
			// Every value VICIdial documents, each once.
			expect(new Set(options.map((option) => option.value)).size).toBe(12);
		});

		it('returns the existing lead with duplicate: true when On Duplicate is "return"', async () => {
			const run = await lead(addLead({ phoneNumber: '727-555-1212', additionalFields: { duplicateCheck: ['DUPLIST'] }, onDuplicate: 'return' }));
			expect(run.error).toBeUndefined();
			expect(json(run)).toEqual([
				{ result: 'DUPLICATE', message: 'DUPLICATE PHONE NUMBER IN LIST', duplicate: true, phone_number: '7275551212', list_id: 101, lead_id: 1 },
			]);
			expect(sim.log[0].params.duplicate_check).toBe('DUPLIST');
			expect(sim.state.leads.size).toBe(4);
		});

		it('names the existing lead\'s list for a system-wide check', async () => {
			const run = await lead(addLead({ phoneNumber: '7275551212', listId: list('999'), additionalFields: { duplicateCheck: ['DUPSYS'] }, onDuplicate: 'return' }));
			expect(json(run)).toEqual([
				{ result: 'DUPLICATE', message: 'DUPLICATE PHONE NUMBER IN SYSTEM', duplicate: true, phone_number: '7275551212', list_id: 999, lead_id: 1, existing_list_id: 101 },
			]);
		});

		it('sends several checks joined by "-"', async () => {
			const run = await lead(addLead({ phoneNumber: '8135550111', additionalFields: { duplicateCheck: ['DUPLIST', 'DUPNAMEPHONESYS'] } }));
			expect(run.error).toBeUndefined();
			expect(sim.log[0].params.duplicate_check).toBe('DUPLIST-DUPNAMEPHONESYS');
			expect(json(run)[0]).toMatchObject({ message: 'LEAD HAS BEEN ADDED', lead_id: 100 });
		});

		it('adds the lead when the number exists only in another list', async () => {
			const run = await lead(addLead({ phoneNumber: '3125550199', listId: list('102'), additionalFields: { duplicateCheck: ['DUPLIST'] }, onDuplicate: 'return' }));
			expect(json(run)).toEqual([
				{ result: 'SUCCESS', message: 'LEAD HAS BEEN ADDED', phone_number: '3125550199', list_id: 102, lead_id: 100, gmt_offset: -6, api_user: '6666' },
			]);
			expect(sim.state.leads.size).toBe(5);
		});

		it('fails with code "duplicate" when On Duplicate is "error"', async () => {
			const run = await lead(addLead({ phoneNumber: '7275551212', additionalFields: { duplicateCheck: ['DUPLIST'] }, onDuplicate: 'error' }));
			expectError(run, 'add_lead: DUPLICATE PHONE NUMBER IN LIST (7275551212|101|1)', 'duplicate');
			expect(sim.state.leads.size).toBe(4);
		});

		it('fails by default (On Duplicate not set)', async () => {
			const run = await lead(addLead({ phoneNumber: '7275551212', additionalFields: { duplicateCheck: ['DUPLIST'] } }));
			expectError(run, 'add_lead: DUPLICATE PHONE NUMBER IN LIST (7275551212|101|1)', 'duplicate');
		});
	});

	it('adds to the hopper: the NOTICE comes through in notices and the hopper holds the lead', async () => {
		const run = await lead(addLead({ phoneNumber: '8135550142', additionalFields: { addToHopper: true, hopperPriority: 5 } }));
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'LEAD HAS BEEN ADDED',
				phone_number: '8135550142',
				list_id: 101,
				lead_id: 100,
				gmt_offset: -5,
				api_user: '6666',
				notices: [{ result: 'NOTICE', message: 'ADDED TO HOPPER', phone_number: '8135550142', lead_id: 100, hopper_id: 1, api_user: '6666' }],
			},
		]);
		expect(sim.log[0].params).toMatchObject({ add_to_hopper: 'Y', hopper_priority: '5' });
		expect(sim.state.hopper).toEqual([expect.objectContaining({ hopper_id: 1, lead_id: 100, campaign_id: 'TESTCAMP', list_id: '101', status: 'READY', priority: 5 })]);
	});

	it('stores custom field values given in Custom Fields', async () => {
		const run = await lead(
			addLead({
				phoneNumber: '8135550177',
				customFieldsUi: { field: [{ name: 'favorite_color', value: 'teal' }, { name: ' account_tier ', value: 'gold' }] },
			}),
		);
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ custom_fields: 'Y', favorite_color: 'teal', account_tier: 'gold' });
		const added = sim.state.leads.get(100);
		expect(added?.custom).toEqual({ favorite_color: 'teal', account_tier: 'gold' });
		expect(added?.entry_list_id).toBe('101');
		expect(json(run)[0].notices).toEqual([
			{ result: 'NOTICE', message: 'CUSTOM FIELDS VALUES ADDED', phone_number: '8135550177', lead_id: 100, list_id: 101, rows_updated: 1 },
		]);
	});

	it('refuses a custom field named like a standard field before sending', async () => {
		const run = await lead(addLead({ phoneNumber: '8135550177', customFieldsUi: { field: [{ name: 'first_name', value: 'x' }] } }));
		expectRefused(sim, run, 'Custom field name must be a custom field label (letters, digits and _, up to 50) that is not a standard field; got "first_name"');
	});

	it('refuses a number on the system DNC list (DNC Check)', async () => {
		const run = await lead(addLead({ phoneNumber: '(727) 555-9999', additionalFields: { dncCheck: 'Y' } }));
		expectError(run, 'add_lead: PHONE NUMBER IN DNC (7275559999|6666)', 'validation');
		expect(sim.state.leads.size).toBe(4);
	});

	it('refuses a number on the campaign DNC list (Campaign DNC Check)', async () => {
		const run = await lead(addLead({ phoneNumber: '7275558000', additionalFields: { campaignDncCheck: 'Y', campaignId: campaign('TESTCAMP') } }));
		expectError(run, 'add_lead: PHONE NUMBER IN CAMPAIGN DNC (7275558000|TESTCAMP|6666)', 'validation');
		expect(sim.state.leads.size).toBe(4);
	});

	it('adds a DNC-listed number when DNC Check is off', async () => {
		const run = await lead(addLead({ phoneNumber: '7275559999' }));
		expect(json(run)[0]).toMatchObject({ result: 'SUCCESS', phone_number: '7275559999', lead_id: 100 });
	});

	it('reports a user without lead rights as a permission error', async () => {
		const run = await lead(addLead({ phoneNumber: '8135550142' }), { as: REPORT_USER });
		expectError(run, 'add_lead: USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM (apirep|0)', 'permission');
		expect(run.error?.description).toContain('Agent API Access = 1, Modify Leads = 1-4, user level 8+');
	});

	it('schedules a callback: the NOTICE names the callback', async () => {
		const run = await lead(
			addLead({
				phoneNumber: '8135550150',
				additionalFields: { callback: true, campaignId: campaign('TESTCAMP'), callbackDatetime: '2026-12-01T15:30:00', callbackType: 'USERONLY', callbackUser: { __rl: true, mode: 'id', value: '1000' } },
			}),
		);
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ callback: 'Y', callback_datetime: '2026-12-01 15:30:00', callback_user: '1000' });
		expect(json(run)[0].notices).toEqual([
			{
				result: 'NOTICE',
				message: 'SCHEDULED CALLBACK ADDED',
				lead_id: 100,
				campaign_id: 'TESTCAMP',
				callback_datetime: '2026-12-01 15:30:00',
				callback_type: 'USERONLY',
				callback_user: '1000',
				callback_status: 'CALLBK',
			},
		]);
		expect(sim.state.callbacks.find((cb) => cb.lead_id === 100)).toMatchObject({ user: '1000', recipient: 'USERONLY', callback_time: '2026-12-01 15:30:00' });
	});
});

describe('update_lead', () => {
	const updateLead = (additionalFields: IDataObject, more: IDataObject = {}) => ({ operation: 'update_lead', additionalFields, ...more });

	it('updates a lead found by lead ID', async () => {
		const run = await lead(updateLead({ leadId: '1', firstName: 'Alicia', city: 'Tampa' }));
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{ result: 'SUCCESS', message: 'LEAD HAS BEEN UPDATED', api_user: '6666', lead_id: 1, rows_updated: 1, callbacks_deleted: null, callbacks_archived: null },
		]);
		expect(sim.state.leads.get(1)).toMatchObject({ first_name: 'Alicia', city: 'Tampa', last_name: 'Jones' });
	});

	it('updates a lead found by vendor lead code with Search Method', async () => {
		const run = await lead(updateLead({ vendorLeadCode: 'CRM-300', searchMethod: ['VENDOR_LEAD_CODE'], city: 'Chicago' }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ search_method: 'VENDOR_LEAD_CODE', vendor_lead_code: 'CRM-300' });
		expect(json(run)[0]).toMatchObject({ message: 'LEAD HAS BEEN UPDATED', lead_id: 3, rows_updated: 1 });
		expect(sim.state.leads.get(3)?.city).toBe('Chicago');
	});

	it('joins several search methods with "_"', async () => {
		const run = await lead(updateLead({ leadId: '999999', vendorLeadCode: 'VLC-A', searchMethod: ['LEAD_ID', 'VENDOR_LEAD_CODE'], owner: 'TEAM7' }));
		expect(sim.log[0].params.search_method).toBe('LEAD_ID_VENDOR_LEAD_CODE');
		// VICIdial tries the lead ID first, then falls back to the vendor lead code.
		expect(json(run)[0]).toMatchObject({ lead_id: 1, rows_updated: 1 });
		expect(sim.state.leads.get(1)?.owner).toBe('TEAM7');
	});

	it('inserts the lead when none matches (Insert If Not Found), country code from a + number', async () => {
		const run = await lead(updateLead({ phoneNumber: '+1 (813) 555-0142', searchMethod: ['PHONE_NUMBER'], insertIfNotFound: true, listId: list('101'), firstName: 'Nina' }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ phone_number: '8135550142', phone_code: '1', insert_if_not_found: 'Y', list_id: '101' });
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'LEAD HAS BEEN ADDED',
				phone_number: '8135550142',
				list_id: 101,
				lead_id: 100,
				gmt_offset: -5,
				api_user: '6666',
				notices: [{ result: 'NOTICE', message: 'NO MATCHES FOUND IN THE SYSTEM', api_user: '6666', lead_id: null, vendor_lead_code: '', phone_number: '8135550142' }],
			},
		]);
		expect(sim.state.leads.get(100)).toMatchObject({ phone_number: '8135550142', list_id: '101', first_name: 'Nina', phone_code: '1' });
	});

	it('reports VICIdial\'s refusal to insert without a phone code', async () => {
		const run = await lead(updateLead({ phoneNumber: '8135550142', searchMethod: ['PHONE_NUMBER'], insertIfNotFound: true, listId: '101' }));
		expectError(run, 'update_lead: INVALID DATA FOR LEAD INSERTION (6666|8135550142|101|Y)', 'validation');
		expect(sim.state.leads.size).toBe(4);
	});

	it('empties a field listed in Clear Fields (sent as --BLANK--)', async () => {
		const run = await lead(updateLead({ leadId: '1' }, { clearFields: ['first_name', 'vendor_lead_code'] }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ first_name: '--BLANK--', vendor_lead_code: '--BLANK--' });
		expect(json(run)[0]).toMatchObject({ message: 'LEAD HAS BEEN UPDATED', lead_id: 1, rows_updated: 1 });
		expect(sim.state.leads.get(1)).toMatchObject({ first_name: '', vendor_lead_code: '', last_name: 'Jones' });
	});

	it('writes custom field values; the custom field NOTICE is the item when nothing else changed', async () => {
		const run = await lead(updateLead({ leadId: '1' }, { customFieldsUi: { field: [{ name: 'favorite_color', value: 'green' }] } }));
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ lead_id: '1', custom_fields: 'Y', favorite_color: 'green' });
		expect(json(run)).toEqual([expect.objectContaining({ result: 'NOTICE', message: 'CUSTOM FIELDS VALUES UPDATED', lead_id: 1, list_id: 101, rows_updated: 1 })]);
		expect(sim.state.leads.get(1)).toMatchObject({ custom: { favorite_color: 'green' }, entry_list_id: '101' });
	});

	it('fails with code not_found when no lead matches', async () => {
		const run = await lead(updateLead({ leadId: '999999', firstName: 'Nobody' }));
		expectError(run, 'update_lead: NO MATCHES FOUND IN THE SYSTEM (6666|999999)', 'not_found');
	});

	it('refuses an update without any search key before sending', async () => {
		expectRefused(sim, await lead(updateLead({ firstName: 'Nobody' })), 'Give at least one of: Lead ID, Vendor Lead Code, Phone Number');
	});

	it('reports a lead that is only checked (No Update) as a NOTICE item', async () => {
		const run = await lead(updateLead({ leadId: '3', noUpdate: true }));
		expect(json(run)).toEqual([
			{
				result: 'NOTICE',
				message: 'LEADS FOUND IN THE SYSTEM',
				api_user: '6666',
				lead_id: 3,
				vendor_lead_code: '',
				phone_number: '',
				list_id: 101,
				entry_list_id: 0,
				notices: [{ result: 'NOTICE', message: 'LEADS FOUND IN THE SYSTEM', api_user: '6666', lead_id: 3, vendor_lead_code: '', phone_number: '', list_id: 101, entry_list_id: 0 }],
			},
		]);
	});

	it('continue on fail: an ERROR reply becomes an error item paired with its input, the others still run', async () => {
		const run = await lead(updateLead({ leadId: '={{ $json.id }}', comments: 'Batch note' }), {
			items: [{ id: '1' }, { id: '999999' }, { id: 'abc' }, { id: '3' }],
			continueOnFail: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(json(run)[0]).toMatchObject({ result: 'SUCCESS', lead_id: 1 });
		expect(json(run)[1]).toEqual({ id: '999999', error: 'update_lead: NO MATCHES FOUND IN THE SYSTEM (6666|999999)', code: 'not_found', function: 'update_lead' });
		// Refused before sending: same shape, code validation.
		expect(json(run)[2]).toMatchObject({ error: 'Lead ID must be 1-10 digits; got "abc"', code: 'validation' });
		expect(json(run)[3]).toMatchObject({ result: 'SUCCESS', lead_id: 3 });
		expect(sim.log.map((request) => request.params.lead_id)).toEqual(['1', '999999', '3']);
		expect(sim.state.leads.get(1)?.comments).toBe('Batch note');
		expect(sim.state.leads.get(3)?.comments).toBe('Batch note');
	});
});

describe('batch_update_lead', () => {
	it('sets the same value on several leads', async () => {
		const run = await lead({ operation: 'batch_update_lead', leadIds: '1, 2,3', additionalFields: { owner: 'TEAM1' } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params.lead_ids).toBe('1,2,3');
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'LEADS HAVE BEEN UPDATED', api_user: '6666', updated: 3, found: 3, lead_ids: '3,2,1' }]);
		expect([1, 2, 3, 4].map((id) => sim.state.leads.get(id)?.owner)).toEqual(['TEAM1', 'TEAM1', 'TEAM1', '']);
	});

	it('fails with not_found when none of the leads exist', async () => {
		const run = await lead({ operation: 'batch_update_lead', leadIds: '998,999', additionalFields: { owner: 'TEAM1' } });
		expectError(run, 'batch_update_lead: NO MATCHES FOUND IN THE SYSTEM (6666|998,999)', 'not_found');
	});

	it('refuses lead IDs that are not numbers before sending', async () => {
		expectRefused(sim, await lead({ operation: 'batch_update_lead', leadIds: '1,x', additionalFields: { owner: 'TEAM1' } }), 'Lead IDs must be lead IDs of 1-9 digits; got "1,x"');
	});
});

describe('lead_field_info', () => {
	it('reads one standard field', async () => {
		const run = await lead({ operation: 'lead_field_info', leadId: '1', fieldName: 'first_name' });
		expect(json(run)).toEqual([{ value: 'Alice' }]);
	});

	it('reads a custom field with Custom Fields = Y', async () => {
		Object.assign(sim.state.leads.get(1)!, { entry_list_id: '101', custom: { favorite_color: 'blue', account_tier: 'gold' } });
		const run = await lead({ operation: 'lead_field_info', leadId: '1', fieldName: 'favorite_color', additionalFields: { customFields: true } });
		expect(sim.log[0].params.custom_fields).toBe('Y');
		expect(json(run)).toEqual([{ value: 'blue' }]);
	});

	it('fails with not_found for an unknown lead', async () => {
		const run = await lead({ operation: 'lead_field_info', leadId: '999999', fieldName: 'first_name' });
		expectError(run, 'lead_field_info: LEAD NOT FOUND (6666|999999)', 'not_found');
	});

	it('reports the HTTP 500 VICIdial gives for an unknown field name as a server error', async () => {
		const run = await lead({ operation: 'lead_field_info', leadId: '1', fieldName: 'no_such_column', options: { maxAttempts: 1 } });
		expectError(run, 'lead_field_info: VICIdial answered HTTP 500 with an empty body', 'server');
	});

	it('refuses a field name with spaces before sending', async () => {
		expectRefused(sim, await lead({ operation: 'lead_field_info', leadId: '1', fieldName: 'first name' }), 'Field Name must be letters, digits and underscores; got "first name"');
	});

	// Regression (was a bug): VICIdial prints an empty field as an empty body (no newline). reply.ts drops blank
	// data lines, so `text` is undefined, toItems() gives no item and checkReply() throws
	// "VICIdial sent a reply the node does not recognise" (code server) instead of { value: '' }.
	it('reads an empty field as an empty value', async () => {
		const run = await lead({ operation: 'lead_field_info', leadId: '1', fieldName: 'email' });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ value: '' }]);
	});
});

describe('lead_all_info', () => {
	it('reads every field of a lead as one item, numbers as numbers', async () => {
		const run = await lead({ operation: 'lead_all_info', additionalFields: { leadId: '4' } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params.header).toBe('YES');
		expect(run.items).toHaveLength(1);
		expect(json(run)[0]).toMatchObject({
			status: 'SALE',
			user: '1000',
			list_id: 101,
			gmt_offset_now: -5,
			phone_code: '1',
			phone_number: '4075550100',
			first_name: 'Dana',
			last_name: 'Ng',
			called_count: 2,
			date_of_birth: '0000-00-00',
			entry_list_id: 0,
			lead_id: 4,
		});
	});

	it('gives one item per lead for a phone number search, newest first', async () => {
		const run = await lead({ operation: 'lead_all_info', additionalFields: { phoneNumber: '(727) 555-1212' } });
		expect(json(run).map((row) => [row.lead_id, row.list_id, row.first_name])).toEqual([
			[2, 102, 'Alice'],
			[1, 101, 'Alice'],
		]);
	});

	it('adds the custom fields named by the header line', async () => {
		Object.assign(sim.state.leads.get(1)!, { entry_list_id: '101', custom: { favorite_color: 'blue', account_tier: 'gold' } });
		const run = await lead({ operation: 'lead_all_info', additionalFields: { leadId: '1', customFields: true } });
		expect(json(run)).toEqual([expect.objectContaining({ lead_id: 1, entry_list_id: 101, favorite_color: 'blue', account_tier: 'gold' })]);
	});

	// Regression (was a bug): loop.ts runs redactDeep() with the credential password over every output value,
	// so lead data that happens to equal the password as a whole token is masked. With
	// VICIdial's stock 6666/1234 login an address "1234 Main St" comes out as "*** Main St".
	// Only texts that can echo the password (error lines, add_user/copy_user replies) need it.
	it('returns lead data unchanged even where it contains the password as a word', async () => {
		Object.assign(sim.state.leads.get(4)!, { address1: '1234 Main St', postal_code: '1234' });
		const run = await lead({ operation: 'lead_all_info', additionalFields: { leadId: '4' } });
		expect(json(run)[0]).toMatchObject({ address1: '1234 Main St', postal_code: '1234' });
	});

	it('fails with not_found for an unknown lead', async () => {
		expectError(await lead({ operation: 'lead_all_info', additionalFields: { leadId: '999999' } }), 'lead_all_info: LEAD NOT FOUND (6666|999999)', 'not_found');
	});

	it('refuses a call without lead ID or phone number before sending', async () => {
		expectRefused(sim, await lead({ operation: 'lead_all_info', additionalFields: {} }), 'Give at least one of: Lead ID, Phone Number');
	});
});

describe('lead_search', () => {
	it('gives one item per searched number, with counts as numbers', async () => {
		const run = await lead({ operation: 'lead_search', phoneNumber: '7275551212, 3125550199' });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params.phone_number).toBe('7275551212,3125550199');
		expect(json(run)).toEqual([
			{ search_key: '7275551212', records_found: 2, lead_ids: '2-1' },
			{ search_key: '3125550199', records_found: 1, lead_ids: '3' },
		]);
	});

	it('keeps a row with zero records for a number without leads when another number matches', async () => {
		const run = await lead({ operation: 'lead_search', phoneNumber: '4075550100,9995550000' });
		expect(json(run)).toEqual([
			{ search_key: '4075550100', records_found: 1, lead_ids: '4' },
			{ search_key: '9995550000', records_found: 0, lead_ids: '' },
		]);
	});

	it('gives zero items, not an error, when nothing matches (NO MATCHES FOUND)', async () => {
		const run = await lead({ operation: 'lead_search', phoneNumber: '9995550000' });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(0);
		expect(sim.log).toHaveLength(1);
	});

	it('fails with a permission error below user level 8', async () => {
		const run = await lead({ operation: 'lead_search', phoneNumber: '7275551212' }, { as: REPORT_USER });
		expectError(run, 'lead_search: USER DOES NOT HAVE PERMISSION TO SEARCH FOR LEADS (apirep|0)', 'permission');
	});
});

describe('lead_status_search', () => {
	it('gives every field of the leads called on a date with a status, one item per lead', async () => {
		const run = await lead({ operation: 'lead_status_search', additionalFields: { status: { __rl: true, mode: 'id', value: 'SALE' }, date: '2026-11-20' } });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ status: 'SALE', date: '2026-11-20' });
		expect(run.items).toHaveLength(1);
		expect(json(run)[0]).toMatchObject({ lead_id: 4, status: 'SALE', list_id: 101, phone_number: '4075550100', called_count: 2, gmt_offset_now: -5, entry_list_id: 0 });
	});

	it('gives zero items when no call matches (NO RESULTS FOUND)', async () => {
		const run = await lead({ operation: 'lead_status_search', additionalFields: { status: 'NI', date: '2026-11-20' } });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(0);
	});

	it('refuses a status without a date before sending', async () => {
		expectRefused(sim, await lead({ operation: 'lead_status_search', additionalFields: { status: 'SALE' } }), 'Give at least one of: Date, Lead ID');
	});

	it('fails with a permission error for a user without lead rights', async () => {
		const run = await lead({ operation: 'lead_status_search', additionalFields: { leadId: '4' } }, { as: REPORT_USER });
		expectError(run, 'lead_status_search: USER DOES NOT HAVE PERMISSION TO GET LEAD INFO (apirep|0)', 'permission');
	});
});

describe('lead_callback_info', () => {
	it('lists the callbacks of a lead', async () => {
		const run = await lead({ operation: 'lead_callback_info', leadId: '3' });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{
				lead_id: 3,
				callback_type: 'CURRENT',
				recipient: 'USERONLY',
				callback_status: 'ACTIVE',
				lead_status: 'CALLBK',
				callback_date: '2026-11-23 10:00:00',
				entry_date: '2026-11-20 10:00:00',
				user: '1000',
				list_id: 101,
				campaign_id: 'TESTCAMP',
				user_group: 'ADMIN',
				customer_timezone: '',
				customer_time: '',
				comments: 'call back',
			},
		]);
	});

	it('gives zero items for a lead without callbacks (CALLBACK NOT FOUND)', async () => {
		const run = await lead({ operation: 'lead_callback_info', leadId: '1' });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(0);
	});

	it('fails with a permission error for a user without Agent API Access', async () => {
		const run = await lead({ operation: 'lead_callback_info', leadId: '3' }, { as: NO_API_USER });
		expectError(run, 'lead_callback_info: USER DOES NOT HAVE PERMISSION TO GET LEAD INFO (apinoagt|0)', 'permission');
	});
});

describe('lead_dearchive', () => {
	it('moves an archived lead back to the active leads', async () => {
		const run = await lead({ operation: 'lead_dearchive', leadId: '90' });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ result: 'SUCCESS', message: 'LEAD DE-ARCHIVED', api_user: '6666', lead_id: 90, rows_inserted: 1, rows_deleted: 1 }]);
		expect(sim.state.leads.get(90)).toMatchObject({ phone_number: '8135550190', first_name: 'Old' });
		expect(sim.state.archivedLeads.has(90)).toBe(false);
	});

	it('fails with not_found for a lead that is not archived', async () => {
		expectError(await lead({ operation: 'lead_dearchive', leadId: '1' }), 'lead_dearchive: ARCHIVED LEAD NOT FOUND (6666|1)', 'not_found');
	});

	it('fails when the lead exists both archived and active', async () => {
		sim.state.archivedLeads.set(1, leadRow(1, { phone_number: '7275551212' }));
		const run = await lead({ operation: 'lead_dearchive', leadId: '1' });
		expect(run.error?.message).toBe('lead_dearchive: NON-ARCHIVED LEAD FOUND (6666|1|101)');
	});
});

describe('ccc_lead_info', () => {
	const CALL_ID = 'M1122080000000000003';

	it('reads the lead of a call from the last 10 hours', async () => {
		sim.state.callLog.push({ ...sim.state.callLog[0], call_id: CALL_ID, uniqueid: '1795900000.5', lead_id: 3, call_date: sqlDate(new Date()) });
		const run = await lead({ operation: 'ccc_lead_info', callId: CALL_ID });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			expect.objectContaining({ status: 'CALLBK', vendor_lead_code: 'CRM-300', list_id: 101, phone_number: '3125550199', first_name: 'Carl', called_count: 0, owner: '' }),
		]);
		expect(Object.keys(json(run)[0])).toHaveLength(30);
	});

	it('fails with not_found for a call older than 10 hours', async () => {
		const run = await lead({ operation: 'ccc_lead_info', callId: 'M1120090500000000004' });
		expectError(run, 'ccc_lead_info: CALL NOT FOUND (6666)', 'not_found');
	});

	it('refuses a call ID that is too short before sending', async () => {
		expectRefused(sim, await lead({ operation: 'ccc_lead_info', callId: 'M112209' }), 'Call ID must be 18-39 characters; got "M112209"');
	});
});

describe('update_log_entry', () => {
	it('changes the status of a call in the call log', async () => {
		const run = await lead({ operation: 'update_log_entry', callId: 'M1120090500000000004', group: 'TESTCAMP', status: { __rl: true, mode: 'id', value: 'NI' } });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{
				result: 'SUCCESS',
				message: 'RECORD HAS BEEN UPDATED',
				api_user: '6666',
				user: '6666',
				group: 'TESTCAMP',
				call_id: 'M1120090500000000004',
				status: 'NI',
				old_status: 'SALE',
				uniqueid: '1795100000.101',
			},
		]);
		expect(sim.state.callLog[0].status).toBe('NI');
	});

	it('fails with not_found for an unknown campaign or in-group', async () => {
		const run = await lead({ operation: 'update_log_entry', callId: 'M1120090500000000004', group: 'NOPE', status: 'NI' });
		expectError(run, 'update_log_entry: GROUP NOT FOUND (6666|NOPE)', 'not_found');
		expect(sim.state.callLog[0].status).toBe('SALE');
	});

	it('refuses a status with punctuation before sending', async () => {
		expectRefused(sim, 
			await lead({ operation: 'update_log_entry', callId: 'M1120090500000000004', group: 'TESTCAMP', status: 'N.I.' }),
			'Status must be 1-6 characters (letters, digits, _ and -); got "N.I."',
		);
	});
});

describe('check_phone_number', () => {
	it('names the values of each `#` part (`AREACODE: 1|-5.00#PHONE: 7275551111|1||||`, notes §8.7)', async () => {
		const run = await lead({ operation: 'check_phone_number', phoneNumber: '(727) 555-1111', localCallTime: '24hours' });
		expect(run.error).toBeUndefined();
		expect(sim.log[0].params).toMatchObject({ phone_number: '7275551111', local_call_time: '24hours' });
		expect(json(run)).toEqual([{ areacode_dialable: 1, areacode_gmt_offset: -5, phone_number: '7275551111', phone_code: '1', postal_code: '', state: '', owner: '' }]);
	});

	it('names every method asked for', async () => {
		const run = await lead({
			operation: 'check_phone_number',
			phoneNumber: '7275551111',
			localCallTime: '24hours',
			additionalFields: { tzMethod: ['AREACODE', 'POSTAL', 'TZCODE'], postalCode: '33701', owner: 'PST' },
		});
		expect(run.error).toBeUndefined();
		expect(json(run)[0]).toMatchObject({ areacode_dialable: 1, postal_dialable: 1, tzcode_dialable: 1, postal_code: '33701', owner: 'PST' });
		expect(typeof json(run)[0].tzcode_gmt_offset).toBe('number');
	});

	it('answers in_dnc: true for a number on the system DNC list, as data, not a failure', async () => {
		const run = await lead({ operation: 'check_phone_number', phoneNumber: '7275559999', localCallTime: '24hours', additionalFields: { dncCheck: 'Y' } });
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([{ message: 'PHONE NUMBER IN DNC', phone_number: '7275559999', api_user: '6666', in_dnc: true, dnc_list: 'system' }]);
	});

	it('answers in_dnc: true for a number on the campaign DNC list', async () => {
		const run = await lead({
			operation: 'check_phone_number',
			phoneNumber: '7275558000',
			localCallTime: '24hours',
			additionalFields: { campaignDncCheck: 'Y', campaignId: campaign('TESTCAMP') },
		});
		expect(run.error).toBeUndefined();
		expect(json(run)).toEqual([
			{ message: 'PHONE NUMBER IN CAMPAIGN DNC', phone_number: '7275558000', campaign_id: 'TESTCAMP', api_user: '6666', in_dnc: true, dnc_list: 'campaign' },
		]);
	});

	it('fails for a call time VICIdial does not know', async () => {
		const run = await lead({ operation: 'check_phone_number', phoneNumber: '7275551111', localCallTime: 'nosuch' });
		expectError(run, 'check_phone_number: THIS IS NOT A VALID CALL TIME (6666|nosuch)', 'validation');
	});
});
