import { expectNoAgentApiAccess, json, runAgent, useSimulator } from './vicidialAgent.shared.cjs';

/** The VICIdial Agent node's agentSystem resource against the simulator: version and webserver. */
describe('VICIdial Agent node: agentSystem', () => {
	const simulator = useSimulator();

	describe('version', () => {
		it('returns the Agent API version with the server epoch as a number, without logging in', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentSystem', operation: 'version' });
			expect(run.error).toBeUndefined();
			const [out] = json(run);
			expect(out).toMatchObject({ version: '2.14-82', build: '250122-1010' });
			expect(out.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect(typeof out.epoch).toBe('number');
			expect(sim.log[0].url).toBe('/agc/api.php');
			// noAuth: no user or password goes out.
			expect(sim.log[0].params.user).toBeUndefined();
			expect(sim.log[0].params.pass).toBeUndefined();
		});

		it('answers an API user without Agent API access too (no login)', async () => {
			const run = await runAgent(simulator(), { resource: 'agentSystem', operation: 'version' }, { as: 'noAgentApi' });
			expect(json(run)[0]).toMatchObject({ version: '2.14-82' });
		});

		it('fails with a network error when nothing answers at the address', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'reset', fn: 'version' });
			const run = await runAgent(sim, { resource: 'agentSystem', operation: 'version', options: { maxAttempts: 2 } });
			expect(run.error?.context?.code).toBe('network');
			// A read: retried, and no "may have been applied" warning.
			expect(sim.stats.byFunction.version).toBe(2);
			expect(run.error?.description).not.toContain('may or may not have been applied');
		});
	});

	describe('webserver', () => {
		it('returns the web server facts as one item', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentSystem', operation: 'webserver' });
			expect(run.error).toBeUndefined();
			expect(json(run)).toHaveLength(1);
			expect(json(run)[0]).toMatchObject({
				'set.timezone': 'America/New_York',
				'host name': 'vicidial-sim',
				'php version': '8.2.28',
				'apache version': 'Apache/2.4.62 (Debian)',
				'system load average': '0.08',
				'memory limit': '448M',
			});
			expect(sim.log[0].params).toMatchObject({ function: 'webserver', user: '6666' });
		});

		it('fails as VICIdial under php-fpm does: HTTP 500 with an empty body, after the retries a read gets', async () => {
			const sim = simulator();
			sim.faults.add({ kind: 'empty500', fn: 'webserver' });
			const run = await runAgent(sim, { resource: 'agentSystem', operation: 'webserver', options: { maxAttempts: 2 } });
			expect(run.error?.message).toBe('webserver: VICIdial answered HTTP 500 with an empty body');
			expect(run.error?.context?.code).toBe('server');
			expect(sim.stats.byFunction.webserver).toBe(2);
		});

		it('fails for an API user without Agent API access', async () => {
			const run = await runAgent(simulator(), { resource: 'agentSystem', operation: 'webserver' }, { as: 'noAgentApi' });
			expectNoAgentApiAccess(run, 'webserver');
		});

		it('fails with the auth code for a wrong password, without the password in the run', async () => {
			const sim = simulator();
			const run = await runAgent(sim, { resource: 'agentSystem', operation: 'webserver' }, { as: 'admin' });
			expect(run.error).toBeUndefined();
			sim.state.users.get('6666')!.pass = 'changed-elsewhere';
			const refused = await runAgent(sim, { resource: 'agentSystem', operation: 'webserver' });
			expect(refused.error?.context?.code).toBe('auth');
			expect(refused.error?.message).toMatch(/^webserver: Invalid Username\/Password \(6666\|\*\*\*\|0\|1\|BAD\|0\|api\|/);
			expect(JSON.stringify(refused.run)).not.toMatch(/pass='1234'/);
		});
	});
});
