import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { proxyRequestToAxios } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { vicidialApiTest } from '../../nodes/shared/credentialTest';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { simCredentials, stopHarness } from '../helpers/harness.cjs';

/**
 * The credential test (`vicidialApiTest`) with the request helper n8n 2.x gives credential
 * tests: n8n-core's `proxyRequestToAxios` (credentials-test-context.js), against the simulator.
 */

interface TestRun {
	result: INodeCredentialTestResult;
	/** How many times the test called `helpers.request`. */
	calls: number;
}

async function testCredential(data: ICredentialDataDecryptedObject): Promise<TestRun> {
	let calls = 0;
	const context = {
		helpers: {
			request: async (uriOrObject: string | object, options?: object) => {
				calls += 1;
				return await proxyRequestToAxios(undefined, undefined, undefined, uriOrObject as never, options as never);
			},
		},
	} as unknown as ICredentialTestFunctions;
	const result = await vicidialApiTest.call(context, { id: '1', name: 'VICIdial', type: 'vicidialApi', data });
	return { result, calls };
}

/** A port nothing listens on: opened, then closed again. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('VICIdial credential test (vicidialApiTest)', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim.stop();
		stopHarness();
	});
	beforeEach(() => sim.reset());

	it('accepts 6666/1234 with one logged_in_agents call that carries the login in a POST body', async () => {
		const { result, calls } = await testCredential(simCredentials(sim.url));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(calls).toBe(1);
		expect(sim.stats.requests).toBe(1);
		expect(sim.log[0]).toMatchObject({
			method: 'POST',
			url: '/vicidial/non_agent_api.php',
			params: { function: 'logged_in_agents', user: '6666', pass: '1234', source: 'n8n-test' },
		});
	});

	it('accepts a valid login when no agent is logged in (NO LOGGED IN AGENTS still proves the login)', async () => {
		sim.state.liveAgents.clear();
		const { result } = await testCredential(simCredentials(sim.url));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it('accepts a reporting user (level 7, View Reports)', async () => {
		const { result } = await testCredential(simCredentials(sim.url, { apiUser: 'apirep', password: 'apirep1' }));
		expect(result.status).toBe('OK');
	});

	it('names a wrong password without showing it, after exactly one request and no retry', async () => {
		const { result, calls } = await testCredential(simCredentials(sim.url, { password: 'Canary-5e1d' }));
		expect(result).toEqual({
			status: 'Error',
			message:
				'Login refused for 6666: wrong user or password, an inactive user, or user level below 7 (the Non-Agent API needs level 7 or higher)',
		});
		expect(JSON.stringify(result)).not.toContain('Canary-5e1d');
		expect(calls).toBe(1);
		expect(sim.stats.requests).toBe(1);
		expect(sim.stats.byFunction).toEqual({ logged_in_agents: 1 });
		// One failed login counted towards VICIdial's lockout, not three.
		expect(sim.state.users.get('6666')?.failed_logins).toBe(1);
	});

	it('gives the same login message for a level-6 user (VICIdial cannot tell them apart)', async () => {
		const { result } = await testCredential(simCredentials(sim.url, { apiUser: 'lowlevel', password: 'lowlevel1' }));
		expect(result.message).toBe(
			'Login refused for lowlevel: wrong user or password, an inactive user, or user level below 7 (the Non-Agent API needs level 7 or higher)',
		);
	});

	it('says the user lacks "Agent API Access" (apinoagt)', async () => {
		const { result, calls } = await testCredential(simCredentials(sim.url, { apiUser: 'apinoagt', password: 'apinoagt1' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'User apinoagt has no API access: set "Agent API Access" to 1 and "View Reports" to 1 on the user in VICIdial',
		});
		expect(JSON.stringify(result)).not.toContain('apinoagt1');
		expect(calls).toBe(1);
		expect(sim.stats.requests).toBe(1);
	});

	it('says which function is missing from "Allowed API Functions" (apifew)', async () => {
		const { result } = await testCredential(simCredentials(sim.url, { apiUser: 'apifew', password: 'apifew1' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'User apifew may not use logged_in_agents: add it (or ALL_FUNCTIONS) to the user\'s Allowed API Functions',
		});
	});

	it('says the user is locked after 10 failed logins', async () => {
		sim.state.users.get('6666')!.locked_until = Date.now() + 60_000;
		const { result } = await testCredential(simCredentials(sim.url));
		expect(result).toEqual({
			status: 'Error',
			message: 'User 6666 is locked for 15 minutes after 10 failed logins. Wait, then check the password.',
		});
	});

	it('names a closed port as "connection refused"', async () => {
		const port = await closedPort();
		const { result, calls } = await testCredential(simCredentials(`http://127.0.0.1:${port}`));
		expect(result).toEqual({
			status: 'Error',
			message: `Nothing answers at http://127.0.0.1:${port}/vicidial/non_agent_api.php (connection refused): check the Server URL and port`,
		});
		expect(calls).toBe(1);
	});

	it('names a path that answers 404, after one request', async () => {
		const { result, calls } = await testCredential(simCredentials(sim.url, { nonAgentPath: '/vicidial/no_such_api.php' }));
		expect(result).toEqual({
			status: 'Error',
			message: `No VICIdial Non-Agent API at ${sim.url}/vicidial/no_such_api.php (HTTP 404): check the Server URL and the API path`,
		});
		expect(calls).toBe(1);
		// The simulator counts only API paths as requests; one connection carried the one request.
		expect(sim.stats.connections).toBe(1);
		expect(sim.stats.requests).toBe(0);
	});

	it('names a server that answers, but not as VICIdial (a plain web page)', async () => {
		const page: Server = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end('<html><body>Welcome to nginx!</body></html>');
		});
		await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
		try {
			const { result } = await testCredential(simCredentials(url));
			expect(result).toEqual({
				status: 'Error',
				message: `The server at ${url}/vicidial/non_agent_api.php answered, but not like VICIdial's Non-Agent API: check the Server URL and the API path`,
			});
		} finally {
			await new Promise<void>((resolve) => page.close(() => resolve()));
		}
	});

	it('does not retry after an HTTP 500 or a dropped connection', async () => {
		sim.faults.add({ kind: 'empty500', fn: 'logged_in_agents', times: 1 });
		const failed = await testCredential(simCredentials(sim.url));
		expect(failed.result).toEqual({ status: 'Error', message: 'VICIdial answered HTTP 500: the server has an error' });
		expect(sim.stats.requests).toBe(1);

		sim.reset();
		sim.faults.add({ kind: 'reset', fn: 'logged_in_agents', times: 1 });
		const dropped = await testCredential(simCredentials(sim.url));
		expect(dropped.result.status).toBe('Error');
		expect(dropped.result.message).toMatch(new RegExp(`^Cannot reach ${sim.url}/vicidial/non_agent_api\\.php \\(ECONNRESET\\)`));
		expect(dropped.calls).toBe(1);
		expect(sim.stats.requests).toBe(1);
	});

	it('refuses a Server URL without http(s):// and a bad source before sending anything', async () => {
		const noScheme = await testCredential(simCredentials(sim.url.replace('http://', '')));
		expect(noScheme.result).toEqual({
			status: 'Error',
			message: 'Server URL must start with http:// or https:// and name the server, for example https://dialer.example.com',
		});
		const badSource = await testCredential(simCredentials(sim.url, { source: 'x' }));
		expect(badSource.result).toEqual({ status: 'Error', message: 'Source must be 2-20 characters; got "x"' });
		expect(noScheme.calls + badSource.calls).toBe(0);
		expect(sim.stats.connections).toBe(0);
	});
});
