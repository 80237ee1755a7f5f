import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, stopHarness } from '../helpers/harness.cjs';

/** The transport through the node, against the simulator over real HTTP. */
describe('transport through the VICIdial node', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim.stop();
		stopHarness();
	});
	beforeEach(() => sim.reset());

	it('posts credentials in a form body, never in the URL', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: { resource: 'system', operation: 'version' },
			credentials: simCredentials(sim.url),
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ version: '2.14-202', build: '250720-1841' });
		const request = sim.log[0];
		expect(request.method).toBe('POST');
		expect(request.contentType).toContain('application/x-www-form-urlencoded');
		expect(request.url).toBe('/vicidial/non_agent_api.php');
		expect(request.params).toMatchObject({ function: 'version', source: 'n8n-test' });
	});

	it('turns a login error into a NodeApiError without the password', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: { resource: 'agentStatus', operation: 'logged_in_agents' },
			credentials: simCredentials(sim.url, { password: 'Canary-7f3b9' }),
		});
		expect(run.error?.message).toBe('logged_in_agents: Login incorrect, please try again (6666|***|BAD)');
		expect(JSON.stringify(run.run)).not.toContain('Canary-7f3b9');
		expect(sim.log[0].params.pass).toBe('Canary-7f3b9');
	});

	it('retries a read after an empty HTTP 500 and succeeds', async () => {
		sim.faults.add({ kind: 'empty500', fn: 'logged_in_agents', times: 1 });
		const run = await runNode({
			type: 'vicidial',
			parameters: { resource: 'agentStatus', operation: 'logged_in_agents', options: { maxAttempts: 3 } },
			credentials: simCredentials(sim.url),
		});
		expect(run.error).toBeUndefined();
		expect(sim.stats.byFunction.logged_in_agents).toBe(2);
		expect(run.items.map((i) => i.json.user)).toEqual(['1000']);
	});
});
