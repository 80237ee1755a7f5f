/**
 * The VICIdial node as an AI tool in a real n8n (issue 18): n8n's server turns every
 * `usableAsTool` node into a `<name>Tool` type when it loads the package, and its Tool Executor
 * node (the one n8n uses to run a tool without a model) calls that tool with arguments for the
 * $fromAI() parameters, as an agent's model would. The test checks what VICIdial was asked and
 * what the model would read back.
 */
import { addRecording } from '../../simulator/agent/scene.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type ExecuteResult, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const TOOL = 'Find Recordings';

function toolWorkflow(id: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}): WorkflowFixture {
	return {
		id,
		name: `VICIdial as a tool ${id}`,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-exec`,
				name: 'Tool Executor',
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position: [220, 0],
				parameters: { query: JSON.stringify({ Find_Recordings: args }), toolName: '' },
			},
			{
				id: `${id}-tool`,
				name: TOOL,
				type: 'n8n-nodes-vicidial.vicidialTool',
				typeVersion: 1.1,
				position: [220, 200],
				parameters: {
					resource: 'report',
					operation: 'recording_lookup',
					additionalFields: { leadId: "={{ $fromAI('lead_id', 'The VICIdial lead ID whose call recordings to find', 'string') }}" },
					...extra,
				},
				credentials: { vicidialApi: { id: 'e2eToolApi00001', name: 'VICIdial simulator' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			[TOOL]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const lookup = toolWorkflow('e2eToolFind00001', { lead_id: '4' });
const limited = toolWorkflow('e2eToolLimit0001', { lead_id: '4' }, { limit: 3 });
const refused = toolWorkflow('e2eToolBadArg001', { lead_id: 'lead four' });

describe(`the VICIdial node as a tool in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'tool',
			credentials: [{ id: 'e2eToolApi00001', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } }],
			workflows: [lookup, limited, refused],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	beforeEach(() => sim.reset());

	const explain = (result: ExecuteResult) => (result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`.slice(-3000));
	/** What the tool answered, as the model would read it (Tool Executor's output). */
	const answer = (result: ExecuteResult) => nodeOutput(result.output?.data?.resultData?.runData, 'Tool Executor');

	it("n8n's own vicidialTool type runs Find Recordings with the model's lead ID", async () => {
		const result = await n8n.execute(lookup.id);
		expect({ code: result.code, log: explain(result) }).toEqual({ code: 0, log: '' });
		const calls = sim.log.filter((call) => call.fn === 'recording_lookup');
		expect(calls.map((call) => call.params.lead_id)).toEqual(['4']);
		expect(JSON.stringify(answer(result))).toContain('20261120-090500_4075550100_1000-all.mp3');
	});

	it('keeps the answer short: the Limit holds for a tool too', async () => {
		for (let i = 0; i < 12; i++) addRecording(sim.state, { user: '1000', lead_id: 4, location: `${sim.url}/RECORDINGS/MP3/tool-${i}-all.mp3` });
		const result = await n8n.execute(limited.id);
		expect({ code: result.code, log: explain(result) }).toEqual({ code: 0, log: '' });
		const text = JSON.stringify(answer(result));
		expect(text.match(/RECORDINGS\/MP3\//g) ?? []).toHaveLength(3);
	});

	it("refuses a bad argument from the model with the field named, sending nothing", async () => {
		const result = await n8n.execute(refused.id);
		expect(`${JSON.stringify(result.output ?? {})}${result.stdout}${result.stderr}`).toMatch(/Lead ID /);
		expect(sim.log.filter((call) => call.fn === 'recording_lookup')).toHaveLength(0);
	});
});
