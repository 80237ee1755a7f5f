/**
 * Manual workflows of both action nodes run by `n8n execute --id` (n8n-notes §3: exit code 1
 * when the execution fails) in a real n8n, against the simulator: a Non-Agent write and read,
 * an Agent API call, an `ERROR:` reply failing the run, and "On Error: Continue" turning that
 * reply into an error item.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type ExecuteResult, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const fixture = (file: string) => JSON.parse(readFileSync(join(__dirname, 'workflows', file), 'utf8')) as WorkflowFixture;
const addAndSearch = fixture('manual-add-and-search.json');
const agentResume = fixture('manual-agent-resume.json');
const errorFails = fixture('manual-error-fails.json');
const errorContinues = fixture('manual-error-continues.json');
/** The manual example users get (examples/), kept honest by running it here too. */
const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'add-lead-and-pause-agent.json'), 'utf8')) as WorkflowFixture;

describe(`manual workflows with n8n execute, in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'manual',
			credentials: [
				{ id: 'e2eVicidialApi1', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } },
				{ id: 'vicidialApiExample', name: 'VICIdial account', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-example' } },
			],
			workflows: [addAndSearch, agentResume, errorFails, errorContinues, example],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	/** n8n's own lines of the command's output (not the run JSON), for a failure message that shows why. */
	const explain = (result: ExecuteResult) => {
		const logLines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line !== '' && !/^[\s{}\]]/.test(line));
		return `exit ${result.code}, status ${result.output?.status ?? 'unknown'}\n${logLines.join('\n').slice(-3000)}`;
	};

	it('VICIdial: add_lead stores the lead and lead_search finds it', async () => {
		const result = await n8n.execute(addAndSearch.id);
		expect({ code: result.code, log: result.code === 0 ? '' : explain(result) }).toEqual({ code: 0, log: '' });

		const stored = [...sim.state.leads.values()].filter((lead) => lead.phone_number === '3125550777');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ first_name: 'Erin', last_name: 'Endtoend', list_id: '101' });

		const runData = result.output?.data?.resultData?.runData;
		const [added] = nodeOutput(runData, 'Add Lead');
		expect(String(added.lead_id)).toBe(String(stored[0].lead_id));
		// lead_search answers the ids of the leads with that number (one here).
		const found = nodeOutput(runData, 'Search Lead');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ search_key: '3125550777', records_found: 1, lead_ids: String(stored[0].lead_id) });
	});

	it('VICIdial Agent: external_pause RESUME makes the paused agent READY', async () => {
		expect(sim.state.liveAgents.get('1000')?.status).toBe('PAUSED');
		const result = await n8n.execute(agentResume.id);
		expect({ code: result.code, log: result.code === 0 ? '' : explain(result) }).toEqual({ code: 0, log: '' });
		expect(sim.state.liveAgents.get('1000')?.status).toBe('READY');
		const calls = sim.log.filter((call) => call.api === 'agent' && call.fn === 'external_pause');
		expect(calls.map((call) => [call.params.agent_user, call.params.value])).toEqual([['1000', 'RESUME']]);
		expect(nodeOutput(result.output?.data?.resultData?.runData, 'Resume Agent')).toHaveLength(1);
	});

	it('an ERROR: reply fails the execution (exit code 1) and names the reason', async () => {
		const result = await n8n.execute(errorFails.id);
		expect(result.code).toBe(1);
		const text = `${result.stdout}\n${result.stderr}`;
		expect(text).toMatch(/update_lead/);
		expect(text).toMatch(/NO MATCHES FOUND/);
		// The password must not leak into n8n's error output.
		expect(text).not.toContain('pass=1234');
		const executions = await n8n.executions(errorFails.id);
		expect(executions.map((execution) => execution.status)).toEqual(['error']);
	});

	it('with On Error: Continue the same reply becomes an error item and the run succeeds', async () => {
		const result = await n8n.execute(errorContinues.id);
		expect({ code: result.code, log: result.code === 0 ? '' : explain(result) }).toEqual({ code: 0, log: '' });
		const items = nodeOutput(result.output?.data?.resultData?.runData, 'Update Missing Lead');
		expect(items).toHaveLength(1);
		expect(String(items[0].error)).toMatch(/update_lead.*NO MATCHES FOUND/);
		const executions = await n8n.executions(errorContinues.id);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);
	});

	it('the example "add a lead, look it up, pause an agent" runs (after the RESUME above)', async () => {
		const result = await n8n.execute(example.id);
		expect({ code: result.code, log: result.code === 0 ? '' : explain(result) }).toEqual({ code: 0, log: '' });
		const added = [...sim.state.leads.values()].filter((lead) => lead.phone_number === '3125550142');
		expect(added.map((lead) => [lead.first_name, lead.last_name])).toEqual([['Grace', 'Hopper']]);
		expect(nodeOutput(result.output?.data?.resultData?.runData, 'Find Leads by Phone')[0]).toMatchObject({ lead_ids: String(added[0].lead_id) });
		expect(sim.state.liveAgents.get('1000')?.status).toBe('PAUSED');
		expect(sim.log.filter((call) => call.params.source === 'n8n-example').map((call) => call.fn)).toEqual(['add_lead', 'lead_search', 'external_pause']);
	});
});
