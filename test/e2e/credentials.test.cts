/**
 * The credential test as the editor runs it: the editor saves the credential
 * (`POST /rest/credentials`), then its "Test" button sends `POST /rest/credentials/test` with
 * `{ credentials: { id, name, type, data } }` (n8n 2.8.4 credentials.controller.js: the id must
 * be a stored credential the user can read). n8n finds the node whose `credentials[].testedBy`
 * names the test and runs it against the simulator.
 */
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { declaredCredentialNames } from '../../scripts/n8n/lib.cjs';
import { N8N_VERSION, startE2eN8n, type E2eN8n } from './harness.cjs';

jest.setTimeout(180_000);

interface TestAnswer {
	status: string;
	message: string;
}

/**
 * Simulator users (simulator/state.cts seedUsers) and what the test must say about each. The
 * messages are the package's own (nodes/shared/credentialTest.ts); each names the problem.
 */
const API_CASES: { label: string; user: string; password: string; status: 'OK' | 'Error'; message: RegExp }[] = [
	{ label: 'good credentials', user: '6666', password: '1234', status: 'OK', message: /^Connection successful$/ },
	{ label: 'a wrong password', user: '6666', password: 'wrong-pass', status: 'Error', message: /Login refused for 6666: wrong user or password/ },
	{
		label: 'a user without "Agent API Access"',
		user: 'apinoagt',
		password: 'apinoagt1',
		status: 'Error',
		message: /apinoagt has no API access: set "Agent API Access" to 1/,
	},
	{
		label: 'a user whose allowed functions lack the test call',
		user: 'apifew',
		password: 'apifew1',
		status: 'Error',
		message: /apifew may not use logged_in_agents/,
	},
	{ label: 'a level-6 user', user: 'lowlevel', password: 'lowlevel1', status: 'Error', message: /user level below 7/ },
];

describe(`credential test in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({ label: 'credentials' });
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	/** Save, then test, as the editor does; returns the test's answer. */
	async function saveAndTest(type: string, name: string, data: Record<string, unknown>): Promise<TestAnswer> {
		const saved = await n8n.rest.request('POST', '/rest/credentials', { name, type, data });
		// n8n refuses to save a credential whose required field is empty; say which.
		expect({ status: saved.status, text: saved.status === 200 ? '' : saved.text.slice(0, 300) }).toEqual({ status: 200, text: '' });
		const id = (saved.json as { data: { id: string } }).data.id;
		const tested = await n8n.rest.request('POST', '/rest/credentials/test', { credentials: { id, name, type, data } });
		expect(tested.status).toBe(200);
		return (tested.json as { data: TestAnswer }).data;
	}

	it('the editor receives our credential types', async () => {
		const types = await n8n.rest.request('GET', '/types/credentials.json');
		expect(types.status).toBe(200);
		const names = (types.json as { name: string }[]).map((type) => type.name);
		for (const name of declaredCredentialNames()) expect(names).toContain(name);
	});

	it.each(API_CASES)('vicidialApi with $label: $status', async ({ user, password, status, message }) => {
		const requestsBefore = sim.log.length;
		const answer = await saveAndTest('vicidialApi', `VICIdial ${user}`, {
			baseUrl: sim.url,
			apiUser: user,
			password,
			source: 'n8n-e2e',
		});
		expect(answer.status).toBe(status);
		expect(answer.message).toMatch(message);
		// Never the password in what the editor shows.
		expect(answer.message).not.toContain(password);
		// Exactly one call, never retried: VICIdial locks a user after 10 bad passwords.
		const calls = sim.log.slice(requestsBefore);
		expect(calls.map((call) => call.fn)).toEqual(['logged_in_agents']);
		expect(calls[0].params.user).toBe(user);
	});

	it('vicidialApi pointing at a closed port names the connection problem', async () => {
		const answer = await saveAndTest('vicidialApi', 'VICIdial nowhere', {
			baseUrl: 'http://127.0.0.1:9',
			apiUser: '6666',
			password: '1234',
			source: 'n8n-e2e',
		});
		expect(answer).toEqual({ status: 'Error', message: expect.stringMatching(/connection refused/) });
	});

	// n8n will not save an empty required Secret, so the incomplete cases are ones it saves.
	const TRIGGER_CASES: { label: string; data: Record<string, string>; status: 'OK' | 'Error'; message: RegExp }[] = [
		{ label: 'a long shared secret', data: { authentication: 'querySecret', queryParameter: 'token', secret: 'e2e-secret-0123456789' }, status: 'OK', message: /complete/ },
		{ label: 'a short shared secret', data: { authentication: 'querySecret', queryParameter: 'token', secret: 'abc' }, status: 'Error', message: /Secret is shorter than/ },
		{ label: 'mode None without an allow-list', data: { authentication: 'none', allowedIps: '' }, status: 'Error', message: /Mode "None" needs an IP Allow-List/ },
		{ label: 'a malformed allow-list', data: { authentication: 'querySecret', queryParameter: 'token', secret: 'e2e-secret-0123456789', allowedIps: '10.0.0.0/99' }, status: 'Error', message: /not addresses or ranges: 10\.0\.0\.0\/99/ },
	];

	it.each(TRIGGER_CASES)('vicidialTriggerApi with $label: $status', async ({ data, status, message }) => {
		expect(declaredCredentialNames()).toContain('vicidialTriggerApi');
		const answer = await saveAndTest('vicidialTriggerApi', 'Hook secret', data);
		expect(answer.status).toBe(status);
		expect(answer.message).toMatch(message);
	});
});
