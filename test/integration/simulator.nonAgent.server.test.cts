import { get } from 'node:http';

import { NON_AGENT_PATH } from '../../simulator/server.cjs';
import { nonAgent, useSimulator } from './nonAgentAdmin.cjs';

/**
 * What non_agent_api.php answers before any function runs (notes §1, §2.1): version without a
 * login, the source check, the login and lockout, allowed functions; then the fault switches
 * and counters tests use to play a flaky server.
 */
const sim = useSimulator();

async function rawGet(query: string, init: RequestInit = {}): Promise<Response> {
	return fetch(`${sim().url}${NON_AGENT_PATH}?${query}`, init);
}

const VERSION_REPLY = /^VERSION: 2\.14-202\|BUILD: 250720-1841\|DATE: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\|EPOCH: \d{10}\|DST: 0\|TZ: -5\.00\|TZNOW: -5\.00\|\n$/;

describe('Non-Agent API server checks', () => {
	it('answers version without credentials, with the trailing pipe and newline', async () => {
		const response = await rawGet('function=version');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(await response.text()).toMatch(VERSION_REPLY);
	});

	it('answers an unknown or missing function with NO FUNCTION SPECIFIED after the login', async () => {
		expect(await nonAgent(sim(), 'no_such_function')).toBe('ERROR: NO FUNCTION SPECIFIED\n');
		const missing = await rawGet('source=test&user=6666&pass=1234');
		expect(await missing.text()).toBe('ERROR: NO FUNCTION SPECIFIED\n');
	});

	it('prints two lines for a source shorter than 2 characters', async () => {
		const response = await rawGet('source=t&user=6666&pass=1234&function=user_details&agent_user=1000');
		expect(await response.text()).toBe('ERROR: Invalid Source - t\nERROR: Invalid Source: |t|\n');
	});

	it('echoes the wrong password in the login error', async () => {
		const response = await rawGet('source=test&user=6666&pass=wrong&function=user_details&agent_user=1000');
		expect(await response.text()).toBe('ERROR: Login incorrect, please try again: |6666|wrong|BAD|\n');
	});

	it('locks the user after 10 bad passwords, even for the right one', async () => {
		for (let i = 0; i < 10; i += 1) {
			const response = await rawGet('source=test&user=6666&pass=nope&function=user_details&agent_user=1000');
			expect(await response.text()).toBe('ERROR: Login incorrect, please try again: |6666|nope|BAD|\n');
		}
		const locked = await rawGet('source=test&user=6666&pass=1234&function=user_details&agent_user=1000');
		expect(await locked.text()).toBe('ERROR: Too many login attempts, try again in 15 minutes: |6666|LOCK|\n');
	});

	it('refuses a level-6 user with the login error', async () => {
		expect(await nonAgent(sim(), 'user_details', { agent_user: '1000' }, { as: 'low' })).toBe(
			'ERROR: Login incorrect, please try again: |lowlevel|lowlevel1|BAD|\n',
		);
	});

	it('refuses a function outside api_allowed_functions', async () => {
		expect(await nonAgent(sim(), 'add_user', { agent_user: '2001' }, { as: 'few' })).toBe(
			'ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |apifew|add_user|\n',
		);
	});

	it('needs Agent API Access for the admin and report functions', async () => {
		expect(await nonAgent(sim(), 'user_details', { agent_user: '1000' }, { as: 'noApi' })).toBe(
			'ERROR: user_details USER DOES NOT HAVE PERMISSION TO GET USER DETAILS: |apinoagt|0|\n',
		);
	});

	it('takes parameters from a POST form body as from a query string', async () => {
		expect(await nonAgent(sim(), 'user_details', { agent_user: '1000' }, { method: 'POST' })).toBe('1000|Test Agent|ADMIN|1|Y\n');
	});
});

describe('Non-Agent API fault switches and counters', () => {
	it('answers an empty 500 once, then normally', async () => {
		sim().faults.add({ kind: 'empty500', fn: 'version', times: 1 });
		const failed = await rawGet('function=version');
		expect(failed.status).toBe(500);
		expect(await failed.text()).toBe('');
		const next = await rawGet('function=version');
		expect(next.status).toBe(200);
		expect(await next.text()).toMatch(VERSION_REPLY);
	});

	it('answers an HTML 500 page for http500', async () => {
		sim().faults.add({ kind: 'http500', fn: 'version', times: 1 });
		const failed = await rawGet('function=version');
		expect(failed.status).toBe(500);
		expect(await failed.text()).toBe('<html><body><h1>500 Internal Server Error</h1></body></html>');
	});

	it('only affects the function it names', async () => {
		sim().faults.add({ kind: 'empty500', fn: 'user_details', times: 1 });
		expect((await rawGet('function=version')).status).toBe(200);
		expect(sim().faults.list()).toHaveLength(1);
	});

	it('drops the connection for reset', async () => {
		sim().faults.add({ kind: 'reset', fn: 'version', times: 1 });
		await expect(rawGet('function=version')).rejects.toThrow();
		expect((await rawGet('function=version')).status).toBe(200);
	});

	it('applies the change but drops the reply for resetAfterApply', async () => {
		sim().faults.add({ kind: 'resetAfterApply', fn: 'add_user', times: 1 });
		const params = new URLSearchParams({
			source: 'test',
			user: '6666',
			pass: '1234',
			function: 'add_user',
			agent_user: '2001',
			agent_pass: 'pw2001',
			agent_user_level: '1',
			agent_full_name: 'API Agent',
			agent_user_group: 'ADMIN',
		});
		await expect(rawGet(params.toString())).rejects.toThrow();
		expect(sim().state.users.get('2001')?.full_name).toBe('API Agent');
	});

	it('never answers for timeout, so the client gives up', async () => {
		sim().faults.add({ kind: 'timeout', fn: 'version', times: 1 });
		await expect(rawGet('function=version', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
		expect((await rawGet('function=version')).status).toBe(200);
	});

	it('sends the body one character at a time for slowBody', async () => {
		sim().faults.add({ kind: 'slowBody', fn: 'version', times: 1, ms: 2 });
		const started = Date.now();
		const response = await rawGet('function=version');
		const body = await response.text();
		expect(body).toMatch(VERSION_REPLY);
		expect(Date.now() - started).toBeGreaterThanOrEqual(body.length * 2 - 20);
	});

	it('delays the reply for latency', async () => {
		sim().faults.add({ kind: 'latency', fn: 'version', times: 1, ms: 250 });
		const started = Date.now();
		const response = await rawGet('function=version');
		expect(await response.text()).toMatch(VERSION_REPLY);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it('counts connections, requests per function, and logs them', async () => {
		// A connection of its own (no keep-alive pool), so the counter must move.
		await new Promise<void>((resolve, reject) => {
			get(`${sim().url}${NON_AGENT_PATH}?function=version`, { agent: false }, (response) => {
				response.resume();
				response.on('end', resolve);
			}).on('error', reject);
		});
		await nonAgent(sim(), 'user_details', { agent_user: '1000' });
		await nonAgent(sim(), 'user_details', { agent_user: '1001' });
		const { stats, log } = sim();
		expect(stats.requests).toBe(3);
		expect(stats.byFunction).toEqual({ version: 1, user_details: 2 });
		expect(stats.connections).toBeGreaterThanOrEqual(1);
		expect(log.map((record) => [record.api, record.fn, record.status])).toEqual([
			['nonAgent', 'version', 200],
			['nonAgent', 'user_details', 200],
			['nonAgent', 'user_details', 200],
		]);
	});

	it('resets the counters, the log and the dialer', async () => {
		await nonAgent(sim(), 'add_user', {
			agent_user: '2001',
			agent_pass: 'pw2001',
			agent_user_level: '1',
			agent_full_name: 'API Agent',
			agent_user_group: 'ADMIN',
		});
		sim().reset();
		expect(sim().stats.requests).toBe(0);
		expect(sim().log).toHaveLength(0);
		expect(sim().state.users.has('2001')).toBe(false);
	});
});
