import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';
import { VicidialAgent } from '../../nodes/VicidialAgent/VicidialAgent.node';
import { addRecording } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { runAsTool, simCredentials } from '../helpers/harness.cjs';
import { withSimulator } from './vicidial.shared.cjs';

/**
 * The VICIdial node as an AI agent's tool, through n8n-core's own wrapper: the caller node asks
 * n8n-core for its connected tools (getInputConnectionData → createNodeAsTool, a LangChain
 * DynamicStructuredTool whose schema comes from the $fromAI() parameters) and calls one as a
 * model would. The `vicidialTool` type is made the way n8n's server makes it at load time
 * (test/helpers/harness.cts `asToolType`); that conversion itself is only exercised by a real n8n.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

const findRecordings = {
	resource: 'report',
	operation: 'recording_lookup',
	additionalFields: { leadId: "={{ $fromAI('lead_id', 'The VICIdial lead ID whose call recordings to find', 'string') }}" },
};

describe('the VICIdial node as a tool', () => {
	it.each([
		['vicidial', new Vicidial()],
		['vicidialAgent', new VicidialAgent()],
	] as const)('%s is usable as a tool', (_name, node) => {
		expect(node.description.usableAsTool).toBe(true);
	});

	it("runs Find Recordings with the model's lead ID and answers the rows as JSON", async () => {
		const run = await runAsTool({ parameters: findRecordings, args: { lead_id: '4' }, credentials: simCredentials(sim.url) });
		expect(run.error).toBeUndefined();
		const [out] = run.items.map((item) => item.json);
		// n8n names the tool after the node and describes it by the operation's action.
		expect(out).toMatchObject({ name: 'VICIdial_Tool', description: 'Find call recordings in VICIdial', arguments: ['lead_id'] });
		expect(sim.log[0].params).toMatchObject({ function: 'recording_lookup', lead_id: '4' });
		expect(JSON.parse(out.answer as string)).toEqual([
			expect.objectContaining({ recording_id: 1, lead_id: 4, duration: 125, location: `${sim.url}/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3` }),
		]);
	});

	it('keeps a tool answer short: Limit holds for the model too', async () => {
		for (let i = 0; i < 80; i++) addRecording(sim.state, { user: '1000', lead_id: 4, location: `${sim.url}/RECORDINGS/MP3/t${i}-all.mp3` });
		const run = await runAsTool({ parameters: { ...findRecordings, limit: 5 }, args: { lead_id: '4' }, credentials: simCredentials(sim.url) });
		expect(run.error).toBeUndefined();
		expect(JSON.parse(run.items[0].json.answer as string)).toHaveLength(5);
	});

	it('answers an empty list when nothing is recorded (NO RECORDINGS FOUND is no failure)', async () => {
		const run = await runAsTool({ parameters: findRecordings, args: { lead_id: '999' }, credentials: simCredentials(sim.url) });
		expect(run.error).toBeUndefined();
		expect(JSON.parse(run.items[0].json.answer as string)).toEqual([]);
	});

	it('refuses a bad argument from the model with the field named, sending nothing', async () => {
		const run = await runAsTool({ parameters: findRecordings, args: { lead_id: 'lead four' }, credentials: simCredentials(sim.url) });
		expect(run.error?.message).toMatch(/^Lead ID /);
		expect(sim.log).toHaveLength(0);
	});
});
