import { functions } from '../../nodes/shared/catalogue';
import { formBody } from '../../nodes/shared/transport';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials } from '../helpers/harness.cjs';
import { byId, useSimulator } from './vicidialAgent.shared.cjs';

/**
 * VICIdial keeps the last POST field as `$value` when a request has none of its own, logs it
 * in vicidial_api_log and, for external_add_lead, dials it (vicidial-api-notes.md §8.1). With
 * the credential at the end of the body a real VICIdial stored the API password as a lead's
 * phone number. The simulator reproduces that fallback, so these tests fail if the order
 * regresses. test/helpers/storedSecrets.cts checks the same after every workflow test.
 */
const CANARY = 'Canary-Pw-7731';

/** The seeded API user 6666 logs in with the canary password from now on. */
function giveCanary(sim: Simulator): void {
	const admin = sim.state.users.get('6666');
	if (!admin) throw new Error('seed user 6666 missing');
	admin.pass = CANARY;
}

describe('request body order', () => {
	it.each(functions.map((spec) => [`${spec.api} ${spec.name}`, spec] as const))('%s: credentials first, value last', (_label, spec) => {
		const keys = Object.keys(formBody(spec, { value: 'v', phone_number: '7275551111', lead_id: '7' }, 'n8n'));
		expect(keys.slice(0, spec.noAuth ? 2 : 4)).toEqual(spec.noAuth ? ['source', 'function'] : ['source', 'user', 'pass', 'function']);
		expect(keys[keys.length - 1]).toBe('value');
	});

	it('sends an empty value where the function has none, so nothing else is taken for it', () => {
		const body = formBody({ name: 'add_lead' }, { phone_number: '7275551111', list_id: '101' }, 'n8n');
		expect(body.value).toBe('');
		expect(Object.keys(body)).toEqual(['source', 'user', 'pass', 'function', 'phone_number', 'list_id', 'value']);
	});

	describe('through the nodes, with a canary password', () => {
		const simulator = useSimulator();

		it('external_add_lead stores the number it was given, never the password (§8.1)', async () => {
			const sim = simulator();
			giveCanary(sim);
			const run = await runNode({
				type: 'vicidialAgent',
				parameters: { resource: 'call', operation: 'external_add_lead', agentUser: byId('1000'), phoneNumber: '8135550142', phoneCode: '1' },
				credentials: simCredentials(sim.url, { password: CANARY }),
			});
			expect(run.error).toBeUndefined();
			expect(sim.state.leads.get(100)?.phone_number).toBe('8135550142');
			expect(sim.state.apiLog).toEqual([{ api: 'agent', user: '6666', function: 'external_add_lead', value: '', valueSent: true, source: 'n8n-test' }]);
			expect(JSON.stringify(run.items)).not.toContain(CANARY);
		});

		it('a Non-Agent call logs an empty value, not the password; the whole request still reaches vicidial_api_urls (§8.2)', async () => {
			const sim = simulator();
			giveCanary(sim);
			const run = await runNode({
				type: 'vicidial',
				parameters: { resource: 'lead', operation: 'add_lead', phoneNumber: '7275551111', phoneCode: '1', listId: { __rl: true, mode: 'id', value: '101' } },
				credentials: simCredentials(sim.url, { password: CANARY }),
			});
			expect(run.error).toBeUndefined();
			expect(sim.state.apiLog.map((row) => [row.function, row.value])).toEqual([['add_lead', '']]);
			expect(sim.state.leads.get(100)?.phone_number).toBe('7275551111');
			// What no client can prevent: VICIdial rebuilds the POST body into its URL log.
			expect(sim.state.apiUrls[0]).toContain(`pass=${CANARY}`);
			expect(sim.state.apiUrls[0]).toMatch(/^\/vicidial\/non_agent_api\.php\?source=n8n-test&user=6666&pass=/);
		});
	});
});
