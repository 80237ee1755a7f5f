import { NodeApiError, type INode } from 'n8n-workflow';

import type { FunctionSpec } from '../../nodes/shared/catalogue/types';
import { classify, redact, redactDeep, replyError } from '../../nodes/shared/errors';
import { parseStatusLine } from '../../nodes/shared/reply';

const node: INode = { id: '1', name: 'VICIdial', type: 'n8n-nodes-vicidial.vicidial', typeVersion: 1, position: [0, 0], parameters: {} };

const spec: FunctionSpec = {
	name: 'lead_search',
	api: 'nonAgent',
	resource: 'lead',
	label: 'Search Leads',
	action: 'Search leads',
	description: 'x',
	fields: [],
	writes: false,
	retry: { kind: 'always' },
	reply: { kind: 'table', columns: ['search_key'] },
	permission: 'Agent API Access = 1, Modify Leads = 1-5, user level 8+',
};

/** Every reply the notes list as echoing the password, with a canary password. */
const CANARY = 'Canary-7f3b9';
const ECHOES = [
	`ERROR: Login incorrect, please try again: |6666|${CANARY}|BAD|`,
	`ERROR: Login incorrect, please try again: |6666|${CANARY}|2FA|`,
	`ERROR: Invalid Username/Password: |6666|${CANARY}|0|1|BAD|0|api|SELECT count(*) from vicidial_users where user='6666' and pass='${CANARY}' and user_level > 0;|`,
	`ERROR: Invalid Username/Password: |apinoagt|${CANARY}|1|0|GOOD|`,
	`ERROR: Invalid Username/Password: |apirep|${CANARY}|0|1|LOCK|`,
	`SUCCESS: add_user USER HAS BEEN ADDED - 6666|2001|${CANARY}|1|API Agent|ADMIN`,
	`https://dialer.example.com/vicidial/non_agent_api.php?user=6666&pass=${encodeURIComponent(CANARY)}&function=version`,
];

describe('redact', () => {
	it.each(ECHOES)('removes the password from %s', (text) => {
		const out = redact(text, [CANARY]);
		expect(out).not.toContain(CANARY);
		expect(out).not.toContain(encodeURIComponent(CANARY));
		expect(out).toContain('***');
	});

	it('masks a short password only where it stands as a whole value, not inside phone numbers', () => {
		expect(redact('ERROR: Login incorrect, please try again: |6666|1234|BAD|', ['1234'])).toBe(
			'ERROR: Login incorrect, please try again: |6666|***|BAD|',
		);
		expect(redact('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551234|101|8|-5.00|6666', ['1234'])).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551234|101|8|-5.00|6666',
		);
	});

	it('masks pass= parameters and SQL pass=\'…\' whatever their value', () => {
		expect(redact('url?user=1&pass=other&x=1', [])).toBe('url?user=1&pass=***&x=1');
		expect(redact("where pass='zzz' and", [])).toBe("where pass='***' and");
		expect(redact('phone_pass=abc&password=def', [])).toBe('phone_pass=***&password=***');
	});

	it('redacts nested item values', () => {
		expect(redactDeep({ a: [`x ${CANARY}`], b: { c: CANARY }, n: 5 }, [CANARY])).toEqual({ a: ['x ***'], b: { c: '***' }, n: 5 });
	});
});

describe('classify', () => {
	it.each([
		['Login incorrect, please try again', 'auth'],
		['Invalid Username/Password', 'auth'],
		['Too many login attempts, try again in 15 minutes', 'locked'],
		['USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM', 'permission'],
		['System API NOT ACTIVE', 'permission'],
		['DUPLICATE PHONE NUMBER IN LIST', 'duplicate'],
		['DNC NUMBER ALREADY EXISTS', 'duplicate'],
		['NO MATCHES FOUND IN THE SYSTEM', 'not_found'],
		['agent_user is not logged in', 'not_found'],
		['LIST DOES NOT EXIST', 'not_found'],
		['CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM', 'permission'],
		// agent_ingroup_info: an unknown agent, or one not logged in.
		['INVALID USER ID', 'not_found'],
		['INVALID PHONE NUMBER LENGTH', 'validation'],
	])('%s → %s', (reason, code) => {
		expect(classify(reason)).toBe(code);
	});
});

describe('replyError', () => {
	it('builds a NodeApiError with the function, reason, code and a permission hint, without the password', () => {
		const line = parseStatusLine('ERROR: lead_search USER DOES NOT HAVE PERMISSION TO SEARCH LEADS: |6666|0|', spec)!;
		const error = replyError(node, { spec, line, secrets: ['1234'], itemIndex: 2 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('lead_search: USER DOES NOT HAVE PERMISSION TO SEARCH LEADS (6666|0)');
		expect(error.context).toMatchObject({ code: 'permission', function: 'lead_search', itemIndex: 2 });
		expect(error.description).toContain('Agent API Access = 1');
	});

	it('never carries the echoed password in message, description or cause', () => {
		const line = parseStatusLine(`ERROR: Login incorrect, please try again: |6666|${CANARY}|BAD|`, spec)!;
		const error = replyError(node, { spec, line, secrets: [CANARY] });
		const everything = JSON.stringify({ m: error.message, d: error.description, c: error.cause, x: error.context, s: String(error.stack) });
		expect(everything).not.toContain(CANARY);
		expect(error.context.code).toBe('auth');
	});

	it('says when the Agent API user lacks Agent API access', () => {
		const line = parseStatusLine(`ERROR: Invalid Username/Password: |apinoagt|${CANARY}|1|0|GOOD|`, spec)!;
		const error = replyError(node, { spec, line, secrets: [CANARY] });
		expect(error.description).toContain('Agent API Access');
		expect(error.message).not.toContain(CANARY);
	});
});
