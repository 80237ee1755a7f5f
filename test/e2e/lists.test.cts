/**
 * Return All / Limit and Download Recording in a real n8n (issue 18): a version 1.1 VICIdial node
 * finds recordings with a Limit and downloads each as binary data, a version 1 node saved before
 * the change still returns every row, both run by `n8n execute --id` against the simulator.
 */
import { addRecording } from '../../simulator/agent/scene.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type ExecuteResult, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const CREDENTIAL = { vicidialApi: { id: 'e2eListsApi0001', name: 'VICIdial simulator' } };
const FIND = {
	resource: 'report',
	operation: 'recording_lookup',
	additionalFields: { agentUser: { __rl: true, mode: 'id', value: '1000' }, date: '2026-11-20' },
};

function workflow(id: string, name: string, nodes: WorkflowFixture['nodes']): WorkflowFixture {
	const start: WorkflowFixture['nodes'][number] = { id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [start, ...nodes];
	const connections: WorkflowFixture['connections'] = {};
	for (let i = 0; i + 1 < all.length; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

const findAndDownload = workflow('e2eListsFind001', 'Find two recordings and download them', [
	{
		id: 'find',
		name: 'Find Recordings',
		type: 'n8n-nodes-vicidial.vicidial',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { ...FIND, returnAll: false, limit: 2 },
		credentials: CREDENTIAL,
	},
	{
		id: 'download',
		name: 'Download Recording',
		type: 'n8n-nodes-vicidial.vicidial',
		typeVersion: 1.1,
		position: [440, 0],
		parameters: { resource: 'report', operation: 'download_recording', recordingUrl: '={{ $json.location }}' },
		credentials: CREDENTIAL,
	},
]);

const savedBefore = workflow('e2eListsVers001', 'A version 1 node saved before Return All existed', [
	{ id: 'find1', name: 'Find Recordings', type: 'n8n-nodes-vicidial.vicidial', typeVersion: 1, position: [220, 0], parameters: FIND, credentials: CREDENTIAL },
]);

const returnAll = workflow('e2eListsAll0001', 'Return All', [
	{
		id: 'findAll',
		name: 'Find Recordings',
		type: 'n8n-nodes-vicidial.vicidial',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { ...FIND, returnAll: true },
		credentials: CREDENTIAL,
	},
]);

/** The binary entries of a node's output items, as `n8n execute` prints them. */
function binaries(result: ExecuteResult, nodeName: string): Record<string, unknown>[] {
	const runs = result.output?.data?.resultData?.runData?.[nodeName] as { data?: { main?: { binary?: { data?: Record<string, unknown> } }[][] } }[] | undefined;
	return (runs?.[0]?.data?.main?.[0] ?? []).map((item) => item.binary?.data ?? {});
}

describe(`Return All / Limit and Download Recording in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'lists',
			credentials: [{ id: 'e2eListsApi0001', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } }],
			workflows: [findAndDownload, savedBefore, returnAll],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.reset();
		// Five more recordings of agent 1000 that day, served by the simulator's web server.
		for (let i = 0; i < 5; i++) {
			addRecording(sim.state, { user: '1000', lead_id: 4, start_time: new Date(2026, 10, 20, 11, i, 0), length_in_sec: 20 + i, location: `${sim.url}/RECORDINGS/MP3/e2e-${i}-all.mp3` });
		}
	});

	const ok = (result: ExecuteResult) => ({ code: result.code, log: result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`.slice(-3000) });

	it('a version 1.1 node returns Limit rows, and Download Recording turns each into a file', async () => {
		const result = await n8n.execute(findAndDownload.id);
		expect(ok(result)).toEqual({ code: 0, log: '' });
		const runData = result.output?.data?.resultData?.runData;
		const found = nodeOutput(runData, 'Find Recordings');
		expect(found).toHaveLength(2);
		const downloaded = nodeOutput(runData, 'Download Recording');
		expect(downloaded.map((item) => item.url)).toEqual(found.map((item) => item.location));
		expect(binaries(result, 'Download Recording')).toEqual([
			expect.objectContaining({ mimeType: 'audio/mpeg', fileExtension: 'mp3' }),
			expect.objectContaining({ mimeType: 'audio/mpeg', fileExtension: 'mp3' }),
		]);
		// Two files were fetched from the recordings server, no more.
		expect(sim.log.filter((record) => record.url.startsWith('/RECORDINGS/') && record.status === 200)).toHaveLength(2);
	});

	it('a version 1 node saved before Return All existed still returns every row', async () => {
		const result = await n8n.execute(savedBefore.id);
		expect(ok(result)).toEqual({ code: 0, log: '' });
		const all = sim.state.recordings.filter((recording) => recording.user === '1000' && recording.start_time.startsWith('2026-11-20'));
		expect(all.length).toBeGreaterThan(2);
		expect(nodeOutput(result.output?.data?.resultData?.runData, 'Find Recordings')).toHaveLength(all.length);
	});

	it('Return All returns every row from version 1.1', async () => {
		const result = await n8n.execute(returnAll.id);
		expect(ok(result)).toEqual({ code: 0, log: '' });
		const all = sim.state.recordings.filter((recording) => recording.user === '1000' && recording.start_time.startsWith('2026-11-20'));
		expect(nodeOutput(result.output?.data?.resultData?.runData, 'Find Recordings')).toHaveLength(all.length);
	});
});
