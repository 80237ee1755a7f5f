import type { INode } from 'n8n-workflow';

import type { FunctionSpec, ReplySpec } from '../../nodes/shared/catalogue/types';
import { checkReply, parseReply, parseStatusLine, toItems } from '../../nodes/shared/reply';

/** Every reply form in vicidial-api-notes.md, parsed with a minimal spec of the right shape. */
function spec(name: string, reply: ReplySpec, extra: Partial<FunctionSpec> = {}): FunctionSpec {
	return {
		name,
		api: 'nonAgent',
		resource: 'lead',
		label: name,
		action: name,
		description: name,
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		reply,
		...extra,
	};
}

const addLead = spec('add_lead', {
	kind: 'status',
	lines: {
		'LEAD HAS BEEN ADDED': ['phone_number', 'list_id', 'lead_id', 'gmt_offset', 'api_user'],
		'ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'],
		'DUPLICATE PHONE NUMBER': ['phone_number', 'list_id', 'lead_id', 'existing_list_id'],
	},
});

describe('status lines', () => {
	it('reads add_lead SUCCESS in the code order, not the docs order (notes §7.1)', () => {
		const parsed = parseReply('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|101|8|-5.00|6666\n', addLead);
		expect(parsed.lines).toHaveLength(1);
		expect(parsed.lines[0]).toMatchObject({
			kind: 'SUCCESS',
			fn: 'add_lead',
			reason: 'LEAD HAS BEEN ADDED',
			values: ['7275551111', '101', '8', '-5.00', '6666'],
			fields: { phone_number: '7275551111', list_id: 101, lead_id: 8, gmt_offset: -5, api_user: '6666' },
		});
	});

	it('keeps an empty gmt_offset as null (unknown area code)', () => {
		const parsed = parseReply('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|101|8||6666\n', addLead);
		expect(parsed.lines[0].fields.gmt_offset).toBeNull();
	});

	it('reads SUCCESS followed by NOTICE lines', () => {
		const parsed = parseReply(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 3125551212|101|9|-5.00|6666\nNOTICE: add_lead ADDED TO HOPPER - 3125551212|9|1|6666\n',
			addLead,
		);
		expect(parsed.lines.map((l) => l.kind)).toEqual(['SUCCESS', 'NOTICE']);
		expect(parsed.lines[1].fields).toEqual({ phone_number: '3125551212', lead_id: 9, hopper_id: 1, api_user: '6666' });
	});

	it('reads both error separators: " - " and ": |" (notes §7.2)', () => {
		const dash = parseStatusLine('ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|8', addLead);
		expect(dash).toMatchObject({ kind: 'ERROR', fn: 'add_lead', reason: 'DUPLICATE PHONE NUMBER IN LIST', values: ['7275551111', '101', '8'] });
		expect(dash?.fields.lead_id).toBe(8);
		const pipe = parseStatusLine('ERROR: update_lead NO MATCHES FOUND IN THE SYSTEM: |6666|999999||', spec('update_lead', { kind: 'status', lines: {} }));
		expect(pipe).toMatchObject({ fn: 'update_lead', reason: 'NO MATCHES FOUND IN THE SYSTEM', values: ['6666', '999999', ''] });
	});

	it('reads a login error that echoes the password', () => {
		const line = parseStatusLine('ERROR: Login incorrect, please try again: |6666|s3cret|BAD|');
		expect(line).toMatchObject({ kind: 'ERROR', fn: '', reason: 'Login incorrect, please try again', values: ['6666', 's3cret', 'BAD'] });
	});

	it('reads the Agent API login error with its SQL statement', () => {
		const line = parseStatusLine(
			"ERROR: Invalid Username/Password: |6666|wrong|0|1|BAD|0|api|SELECT count(*) from vicidial_users where user='6666' and pass='wrong' and user_level > 0;|",
		);
		expect(line?.reason).toBe('Invalid Username/Password');
		expect(line?.values.slice(0, 5)).toEqual(['6666', 'wrong', '0', '1', 'BAD']);
	});

	it('reads the lockout and permission errors', () => {
		expect(parseStatusLine('ERROR: Too many login attempts, try again in 15 minutes: |6666|LOCK|')).toMatchObject({
			reason: 'Too many login attempts, try again in 15 minutes',
			values: ['6666', 'LOCK'],
		});
		expect(parseStatusLine('ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |apifew|add_lead|')).toMatchObject({
			fn: 'auth',
			reason: 'USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION',
			values: ['apifew', 'add_lead'],
		});
		expect(
			parseStatusLine('ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION - PAUSE|6666|external_pause|ADMIN'),
		).toMatchObject({ fn: 'auth', values: ['PAUSE', '6666', 'external_pause', 'ADMIN'] });
	});

	it('reads the two-line invalid source reply of the Non-Agent API', () => {
		const parsed = parseReply('ERROR: Invalid Source - t\nERROR: Invalid Source: |t|\n', spec('lead_search', { kind: 'table', columns: ['a'] }));
		expect(parsed.lines.map((l) => [l.reason, l.values])).toEqual([
			['Invalid Source', ['t']],
			['Invalid Source', ['t']],
		]);
		expect(parsed.rows).toEqual([]);
	});

	it('reads a reason without separator or values', () => {
		expect(parseStatusLine('ERROR: NO FUNCTION SPECIFIED')).toMatchObject({ fn: '', reason: 'NO FUNCTION SPECIFIED', values: [] });
		expect(parseStatusLine('ERROR: System API NOT ACTIVE')).toMatchObject({ reason: 'System API NOT ACTIVE', values: [] });
	});

	it('does not take "agent_user" for a function name', () => {
		expect(parseStatusLine('ERROR: agent_user is not logged in - 1000')).toMatchObject({
			fn: '',
			reason: 'agent_user is not logged in',
			values: ['1000'],
		});
	});

	it('reads Agent API success lines with lower-case reasons', () => {
		const pause = spec('external_pause', { kind: 'status', lines: { 'function set': ['value', 'epoch', 'agent_user'] } }, { api: 'agent' });
		expect(parseStatusLine('SUCCESS: external_pause function set - PAUSE|1795326530|1000', pause)).toMatchObject({
			fn: 'external_pause',
			reason: 'function set',
			fields: { value: 'PAUSE', epoch: 1795326530, agent_user: '1000' },
		});
		const queue = spec('calls_in_queue_count', { kind: 'status', lines: { '': ['calls_in_queue'] } }, { api: 'agent' });
		expect(parseStatusLine('SUCCESS: calls_in_queue_count - 0', queue)).toMatchObject({ fn: 'calls_in_queue_count', reason: '', values: ['0'] });
	});

	it('reads an update_lead NOTICE with a leading pipe and empty values', () => {
		const updateLead = spec('update_lead', {
			kind: 'status',
			lines: { 'LEADS FOUND IN THE SYSTEM': ['user', 'lead_id', 'vendor_lead_code', 'phone_number', 'list_id', 'entry_list_id'] },
		});
		const line = parseStatusLine('NOTICE: update_lead LEADS FOUND IN THE SYSTEM: |6666|8|||101|0', updateLead);
		expect(line?.fields).toEqual({ user: '6666', lead_id: 8, vendor_lead_code: '', phone_number: '', list_id: 101, entry_list_id: 0 });
	});

	it('keeps an empty first value after " - " (update_lead ADDED TO HOPPER, verified)', () => {
		const updateLead = spec('update_lead', { kind: 'status', lines: { 'ADDED TO HOPPER': ['phone_number', 'lead_id', 'hopper_id', 'api_user'] } });
		expect(parseStatusLine('NOTICE: update_lead ADDED TO HOPPER - |8|2|6666', updateLead)?.fields).toEqual({
			phone_number: '',
			lead_id: 8,
			hopper_id: 2,
			api_user: '6666',
		});
	});

	it('keeps trailing empty values of update_lead SUCCESS', () => {
		const line = parseStatusLine('SUCCESS: update_lead LEAD HAS BEEN UPDATED - 6666|8|1|||');
		expect(line?.values).toEqual(['6666', '8', '1', '', '']);
	});

	it('reads a status line whose values follow the reason without a separator (CID group INFO)', () => {
		const line = parseStatusLine('SUCCESS: update_cid_group_entry CID GROUP INFO AS FOLLOWS TESTCAMP|---ALL---||1');
		expect(line).toMatchObject({ fn: 'update_cid_group_entry', reason: 'CID GROUP INFO AS FOLLOWS', values: ['TESTCAMP', '---ALL---', '', '1'] });
	});

	it('reads agent_ingroup_info text mode (no reason)', () => {
		expect(parseStatusLine('SUCCESS:  - 1000|text')).toMatchObject({ kind: 'SUCCESS', reason: '', values: ['1000', 'text'] });
	});

	it('labels moh_list errors printed as sounds_list through its alias', () => {
		const moh = spec('moh_list', { kind: 'text', field: 'html' }, { replyAliases: ['sounds_list'] });
		expect(parseStatusLine('ERROR: sounds_list CENTRAL SOUND CONTROL IS NOT ACTIVE: |6666|0|', moh)).toMatchObject({
			fn: 'sounds_list',
			reason: 'CENTRAL SOUND CONTROL IS NOT ACTIVE',
		});
	});
});

describe('data tables', () => {
	const agents = spec('logged_in_agents', {
		kind: 'table',
		columns: ['user', 'campaign_id', 'session_id', 'status', 'lead_id', 'callerid', 'calls_today', 'full_name', 'user_group', 'user_level', 'pause_code', 'sub_status'],
	});

	it('reads pipe rows without a header, numbers as numbers and ids as text', () => {
		const parsed = parseReply('1000|TESTCAMP|8600051|PAUSED|0||0|Test Agent|ADMIN|1||\n', agents);
		expect(parsed.rows).toEqual([
			{
				user: '1000',
				campaign_id: 'TESTCAMP',
				session_id: '8600051',
				status: 'PAUSED',
				lead_id: 0,
				callerid: '',
				calls_today: 0,
				full_name: 'Test Agent',
				user_group: 'ADMIN',
				user_level: 1,
				pause_code: '',
				sub_status: '',
			},
		]);
	});

	it('skips a header line and reads csv and tab stages', () => {
		const header = 'user,campaign_id,session_id,status,lead_id,callerid,calls_today,full_name,user_group,user_level,pause_code,sub_status';
		const csv = parseReply(`${header}\n1000,TESTCAMP,8600051,PAUSED,0,,0,Test Agent,ADMIN,1,,\n`, agents, { stage: 'csv' });
		expect(csv.rows).toHaveLength(1);
		expect(csv.rows[0]).toMatchObject({ user: '1000', full_name: 'Test Agent', user_level: 1 });
		const tab = parseReply('1000\tTESTCAMP\t8600051\tPAUSED\t0\t\t0\tTest Agent\tADMIN\t1\t\t\n', agents, { stage: 'tab' });
		expect(tab.rows[0]).toMatchObject({ user: '1000', campaign_id: 'TESTCAMP', status: 'PAUSED' });
	});

	it('skips lead_search\'s header printed without delimiters (notes §7.5)', () => {
		const search = spec('lead_search', { kind: 'table', columns: ['search_key', 'records_found', 'lead_ids'] });
		const parsed = parseReply('search_keyrecords_foundlead_ids\n7275551212|7|7-6-5-4-3-2-1\n4075551212|0|\n', search);
		expect(parsed.rows).toEqual([
			{ search_key: '7275551212', records_found: 7, lead_ids: '7-6-5-4-3-2-1' },
			{ search_key: '4075551212', records_found: 0, lead_ids: '' },
		]);
	});

	it('drops list_info\'s trailing empty cell', () => {
		const listInfo = spec('list_info', {
			kind: 'table',
			columns: ['list_id', 'list_name', 'campaign_id', 'active', 'list_changedate', 'list_lastcalldate', 'expiration_date', 'resets_today', 'all_leads_count', 'new_leads_count'],
		});
		const parsed = parseReply('101|API test list|TESTCAMP|Y|||2099-12-31|0|12|7|\n', listInfo);
		expect(parsed.rows).toEqual([
			{
				list_id: 101,
				list_name: 'API test list',
				campaign_id: 'TESTCAMP',
				active: 'Y',
				list_changedate: '',
				list_lastcalldate: '',
				expiration_date: '2099-12-31',
				resets_today: 0,
				all_leads_count: 12,
				new_leads_count: 7,
			},
		]);
	});

	it('uses a header that names custom fields and skips it when repeated per row (lead_all_info)', () => {
		const allInfo = spec('lead_all_info', { kind: 'table', columns: ['status', 'user', 'vendor_lead_code', 'lead_id'] });
		const body = 'status|user|vendor_lead_code|lead_id|favorite_color\nSALE|6666|VLC-1|8|blue\nstatus|user|vendor_lead_code|lead_id|favorite_color\nNEW||VLC-2|9|red\n';
		expect(parseReply(body, allInfo).rows).toEqual([
			{ status: 'SALE', user: '6666', vendor_lead_code: 'VLC-1', lead_id: 8, favorite_color: 'blue' },
			{ status: 'NEW', user: '', vendor_lead_code: 'VLC-2', lead_id: 9, favorite_color: 'red' },
		]);
	});

	it('keeps a status line that precedes the rows (update_cid_group_entry INFO)', () => {
		const cid = spec('update_cid_group_entry', {
			kind: 'table',
			columns: ['call_count_today', 'areacode', 'outbound_cid', 'active', 'cid_description', 'extra'],
			lines: { 'CID GROUP INFO AS FOLLOWS': ['cid_group_id', 'cid_group_type', 'user_group', 'entries'] },
		});
		const parsed = parseReply('SUCCESS: update_cid_group_entry CID GROUP INFO AS FOLLOWS TESTCAMP|---ALL---||1\n1|312|3125550000|Y|API test cid|0\n', cid);
		expect(parsed.lines[0].fields).toMatchObject({ cid_group_id: 'TESTCAMP', cid_group_type: '---ALL---' });
		expect(parsed.rows[0]).toMatchObject({ areacode: '312', outbound_cid: '3125550000', active: 'Y' });
	});

	it('names did_log_export rows by the catalogue, not by its header, which swaps two columns (notes §8.3)', () => {
		const did = spec('did_log_export', { kind: 'table', columns: ['did_number', 'caller_id_number', 'call_date', 'length_in_sec'], headerMisnames: true });
		const parsed = parseReply('did_number|call_date|caller_id_number|length_in_sec\n3125550100|7275551111|2026-12-03 10:59:52|60\n', did);
		expect(parsed.rows).toEqual([{ did_number: '3125550100', caller_id_number: '7275551111', call_date: '2026-12-03 10:59:52', length_in_sec: 60 }]);
	});

	it('trims the padding of padded columns only (hopper_list, notes §8.9)', () => {
		const hopper = spec('hopper_list', { kind: 'table', columns: ['lead_id', 'vendor_lead_code', 'last_call_time'], padded: ['last_call_time'] });
		expect(parseReply('1|VLC |0 HOURS \n2||NEVER    \n', hopper).rows).toEqual([
			{ lead_id: 1, vendor_lead_code: 'VLC ', last_call_time: '0 HOURS' },
			{ lead_id: 2, vendor_lead_code: '', last_call_time: 'NEVER' },
		]);
	});

	it('reads an error line instead of rows for an empty result', () => {
		const recordings = spec('recording_lookup', { kind: 'table', columns: ['start_time', 'user', 'recording_id', 'lead_id', 'location'] });
		const parsed = parseReply('ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000||2026-11-22|\n', recordings);
		expect(parsed.rows).toEqual([]);
		expect(parsed.lines[0]).toMatchObject({ kind: 'ERROR', reason: 'NO RECORDINGS FOUND' });
	});
});

describe('other reply kinds', () => {
	it('reads both version replies', () => {
		const version = spec('version', { kind: 'version' });
		expect(parseReply('VERSION: 2.14-202|BUILD: 250720-1841|DATE: 2026-11-22 05:48:46|EPOCH: 1795326526|DST: 0|TZ: -5.00|TZNOW: -5.00|\n', version).rows).toEqual([
			{ version: '2.14-202', build: '250720-1841', date: '2026-11-22 05:48:46', epoch: 1795326526, dst: '0', tz: -5, tznow: -5 },
		]);
		expect(parseReply('VERSION: 2.14-82|BUILD: 250122-1010|DATE: 2026-11-22 05:48:49|EPOCH: 1795326529\n', version).rows[0]).toEqual({
			version: '2.14-82',
			build: '250122-1010',
			date: '2026-11-22 05:48:49',
			epoch: 1795326529,
		});
	});

	it('reads a bare value (lead_field_info), even one that looks like a number', () => {
		const field = spec('lead_field_info', { kind: 'value', field: 'value' });
		expect(parseReply('Robert\n', field).text).toBe('Robert');
		expect(parseReply('0012\n', field).text).toBe('0012');
	});

	it('reads key/value records (lead_status_search, webserver)', () => {
		const search = spec('lead_status_search', { kind: 'keyValue', separator: ' => ', recordStart: /^;-+ START OF RECORD/ });
		const body = ';---------- START OF RECORD 1 ----------\nlead_id => 8\nstatus => SALE\n;---------- START OF RECORD 2 ----------\nlead_id => 9\nstatus => SALE\n';
		expect(parseReply(body, search).rows).toEqual([
			{ lead_id: 8, status: 'SALE' },
			{ lead_id: 9, status: 'SALE' },
		]);
		const web = spec('webserver', { kind: 'keyValue', separator: ': ' });
		expect(parseReply('<PRE>Webserver Data:\nphp_version: 8.2.7\nserver_timezone: America/New_York\n', web).rows).toEqual([
			{ php_version: '8.2.7', server_timezone: 'America/New_York' },
		]);
	});

	it('handles CRLF line ends and blank lines', () => {
		const parsed = parseReply('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|101|8|-5.00|6666\r\n\r\n', addLead);
		expect(parsed.lines).toHaveLength(1);
		expect(parsed.lines[0].fields.api_user).toBe('6666');
	});
});

describe('labelled parts', () => {
	const check = spec('check_phone_number', {
		kind: 'parts',
		separator: '#',
		parts: { AREACODE: ['areacode_dialable', 'areacode_gmt_offset'], PHONE: ['phone_number', 'phone_code', 'postal_code', 'state', 'owner'] },
		lines: { 'PHONE NUMBER IN DNC': ['phone_number', 'api_user'] },
	});

	it('names the values of each `LABEL: a|b|` part (check_phone_number, notes §8.7)', () => {
		expect(parseReply('AREACODE: 1|-5.00#PHONE: 7275551111|1||||\n', check).rows).toEqual([
			{ areacode_dialable: 1, areacode_gmt_offset: -5, phone_number: '7275551111', phone_code: '1', postal_code: '', state: '', owner: '' },
		]);
	});

	it('keeps a part it has no names for under its label', () => {
		expect(parseReply('NANPA: 1|-6#PHONE: 3125551212|1|81009||GST|\n', check).rows[0]).toMatchObject({ nanpa: '1|-6', phone_number: '3125551212', owner: 'GST' });
	});

	it('names the values of its ERROR lines', () => {
		expect(parseReply('ERROR: check_phone_number PHONE NUMBER IN DNC - 7275559999|6666\n', check).lines[0].fields).toEqual({ phone_number: '7275559999', api_user: '6666' });
	});
});

describe('checkReply', () => {
	const node: INode = { id: '1', name: 'VICIdial', type: 'n8n-nodes-vicidial.vicidial', typeVersion: 1, position: [0, 0], parameters: {} };
	const judge = (body: string, fn: FunctionSpec, extra: { attempts?: number; duplicateAsData?: boolean; earlierAttemptMayHaveApplied?: boolean } = {}) =>
		checkReply({ node, spec: fn, parsed: parseReply(body, fn), secrets: [], ...extra });
	const failure = (run: () => unknown): { message?: string; description?: string; context?: Record<string, unknown> } => {
		try {
			run();
		} catch (error) {
			return error as { message?: string; description?: string; context?: Record<string, unknown> };
		}
		throw new Error('expected an error');
	};

	it('gives an ERROR that answers the question as data (check_phone_number PHONE NUMBER IN DNC)', () => {
		const check = spec(
			'check_phone_number',
			{ kind: 'parts', separator: '#', parts: {}, lines: { 'PHONE NUMBER IN DNC': ['phone_number', 'api_user'] } },
			{ answersOn: { 'PHONE NUMBER IN DNC': { in_dnc: true } } },
		);
		expect(judge('ERROR: check_phone_number PHONE NUMBER IN DNC - 7275559999|6666\n', check)).toEqual([
			{ message: 'PHONE NUMBER IN DNC', phone_number: '7275559999', api_user: '6666', in_dnc: true },
		]);
		expect(failure(() => judge('ERROR: check_phone_number THIS IS NOT A VALID CALL TIME: |6666|badct|\n', check)).message).toBe(
			'check_phone_number: THIS IS NOT A VALID CALL TIME (6666|badct)',
		);
	});

	it('heads the item with the outcome, not a preamble notice (update_list, notes §8.8)', () => {
		const updateList = spec(
			'update_list',
			{ kind: 'status', lines: { 'NO UPDATES DEFINED': ['api_user'], 'LEADS IN LIST HAVE BEEN RESET': ['api_user', 'list_id'] } },
			{ preambleNotices: ['NO UPDATES DEFINED'] },
		);
		const body = 'NOTICE: update_list NO UPDATES DEFINED: |6666|\nNOTICE: update_list LEADS IN LIST HAVE BEEN RESET - 6666|101|\n';
		const [item] = toItems(updateList, parseReply(body, updateList));
		expect(item).toMatchObject({ result: 'NOTICE', message: 'LEADS IN LIST HAVE BEEN RESET', list_id: 101 });
		expect(item.notices).toHaveLength(2);
		expect(toItems(updateList, parseReply('NOTICE: update_list NO UPDATES DEFINED: |6666|\n', updateList))[0]).toMatchObject({ message: 'NO UPDATES DEFINED' });
	});

	describe('a DUPLICATE refusal of add_lead', () => {
		const add = spec('add_lead', addLead.reply, { writes: true, retry: { kind: 'whenSet', params: ['duplicate_check'], why: 'test' }, duplicateAsData: true });
		const duplicate = 'ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|8\n';

		it('after a retry whose earlier attempt may have applied: fails, saying it cannot tell whose lead it is', () => {
			const error = failure(() => judge(duplicate, add, { attempts: 2 }));
			expect(error.message).toBe('add_lead: DUPLICATE PHONE NUMBER IN LIST (7275551111|101|8)');
			expect(error.description).toContain('cannot tell whether lead 8 was added by an earlier attempt of this item or existed before it');
			expect(error.context).toMatchObject({ code: 'duplicate', maybeApplied: true, maybeOwnLead: true });
		});

		it('after a retry, as data: marked as maybe this item\'s own lead', () => {
			expect(judge(duplicate, add, { attempts: 3, duplicateAsData: true })[0]).toMatchObject({ result: 'DUPLICATE', duplicate: true, retried: true, maybeOwnLead: true, lead_id: 8 });
		});

		it('after a retry whose earlier attempts cannot have reached VICIdial: a plain duplicate', () => {
			const error = failure(() => judge(duplicate, add, { attempts: 2, earlierAttemptMayHaveApplied: false }));
			expect(error.context).toMatchObject({ code: 'duplicate' });
			expect(error.context?.maybeOwnLead).toBeUndefined();
			expect(judge(duplicate, add, { attempts: 2, duplicateAsData: true, earlierAttemptMayHaveApplied: false })[0]).not.toHaveProperty('maybeOwnLead');
		});
	});
});
