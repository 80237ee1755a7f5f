import { NodeApiError, type INode } from 'n8n-workflow';

import type { FunctionSpec } from '../../nodes/shared/catalogue/types';
import { apiError, classify, describeNetwork, describeStatus, inputError, replyError } from '../../nodes/shared/errors';
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

/** A password that must never show. */
const CANARY = 'Canary-7f3b9';

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

describe('errors are redacted where they are made', () => {
	it('apiError masks the secrets in message, reason and description', () => {
		const error = apiError(node, {
			code: 'network',
			fn: 'version',
			reason: `reason ${CANARY}`,
			message: `version: https://x/api.php?pass=${CANARY}`,
			description: `said ${CANARY}`,
			secrets: [CANARY],
		});
		const everything = JSON.stringify({ m: error.message, d: error.description, c: error.cause, x: error.context });
		expect(everything).not.toContain(CANARY);
		expect(error.message).toBe('version: https://x/api.php?pass=***');
		expect(error.description).toBe('said ***');
	});

	it('inputError masks the secrets in message and description', () => {
		const error = inputError(node, [CANARY], `Agent Pass "${CANARY}" is too long`, 3, `sent ${CANARY}`);
		expect(error.message).toBe('Agent Pass "***" is too long');
		expect(error.description).toBe('sent ***');
		expect(error.context).toMatchObject({ code: 'validation', itemIndex: 3 });
	});
});

describe('failure wording', () => {
	const url = 'https://dialer.example.com/vicidial/non_agent_api.php';

	it('words a refused connection for a node error and for the credential test', () => {
		expect(describeNetwork('ECONNREFUSED', url)).toEqual({
			code: 'network',
			message: `Nothing answers at ${url} (connection refused)`,
			description: 'Check the Server URL and port.',
			summary: `Nothing answers at ${url} (connection refused): check the Server URL and port`,
		});
	});

	it('tells a timeout, a TLS failure and an unknown code apart', () => {
		expect(describeNetwork('ETIMEDOUT', url).message).toBe(`VICIdial did not answer in time (${url})`);
		expect(describeNetwork('DEPTH_ZERO_SELF_SIGNED_CERT', url).summary).toContain('"Ignore SSL Issues"');
		expect(describeNetwork('', url).message).toBe(`Cannot reach VICIdial at ${url} (network error)`);
		expect(describeNetwork('ECONNRESET', url).summary).toMatch(/^Cannot reach https:\/\/dialer\S+ \(ECONNRESET\): check the Server URL/);
	});

	it('words only the statuses that are no VICIdial answer', () => {
		expect(describeStatus(500, url, 'nonAgent', '')?.message).toBe('VICIdial answered HTTP 500 with an empty body');
		expect(describeStatus(502, url, 'nonAgent', 'Bad Gateway')?.message).toBe('VICIdial answered HTTP 502');
		expect(describeStatus(404, url, 'agent', '')?.summary).toBe(`No VICIdial Agent API at ${url} (HTTP 404): check the Server URL and the API path`);
		expect(describeStatus(403, url, 'nonAgent', '')?.code).toBe('auth');
		expect(describeStatus(200, url, 'nonAgent', 'ERROR: x')).toBeUndefined();
	});
});
