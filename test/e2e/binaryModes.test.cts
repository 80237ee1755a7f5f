/**
 * Download Recording with n8n's filesystem binary mode (issue 18): the file is streamed to disk
 * by n8n's binary data service, not held in the execution, and the next node still reads its
 * bytes. (A real n8n refuses S3 mode without an Enterprise licence; n8n-core's S3 mode runs in
 * process in test/workflow/vicidial.recordingS3.test.cts.)
 */
import { addRecording } from '../../simulator/agent/scene.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type ExecuteResult, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const CREDENTIAL = { vicidialApi: { id: 'e2eBinaryApi001', name: 'VICIdial simulator' } };

const download: WorkflowFixture = {
	id: 'e2eBinaryFsMode1',
	name: 'Download a recording in filesystem binary mode',
	nodes: [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'download',
			name: 'Download Recording',
			type: 'n8n-nodes-vicidial.vicidial',
			typeVersion: 1.1,
			position: [220, 0],
			parameters: { resource: 'report', operation: 'download_recording', recordingUrl: 'SET_BY_TEST' },
			credentials: CREDENTIAL,
		},
		{
			// Reads the bytes back through n8n's helper, wherever n8n keeps them.
			id: 'check',
			name: 'First Bytes',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [440, 0],
			parameters: {
				jsCode:
					"const buffer = await this.helpers.getBinaryDataBuffer(0, 'data');\nreturn [{ json: { size: buffer.length, head: [buffer[0], buffer[1]], id: $input.first().binary.data.id ?? null } }];",
			},
		},
	],
	connections: {
		Start: { main: [[{ node: 'Download Recording', type: 'main', index: 0 }]] },
		'Download Recording': { main: [[{ node: 'First Bytes', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

describe(`Download Recording in n8n ${N8N_VERSION}'s filesystem binary mode`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;
	let location: string;

	beforeAll(async () => {
		sim = await startSimulator();
		location = `${sim.url}/RECORDINGS/MP3/fs-mode-all.mp3`;
		download.nodes[1].parameters.recordingUrl = location;
		n8n = await startE2eN8n({
			label: 'binarymodes',
			credentials: [{ id: 'e2eBinaryApi001', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } }],
			workflows: [download],
			env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	const explain = (result: ExecuteResult) => (result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`.slice(-3000));

	it('stores the streamed file on disk and the next node reads its bytes', async () => {
		addRecording(sim.state, { user: '1000', lead_id: 4, length_in_sec: 4, location });
		const result = await n8n.execute(download.id);
		expect({ code: result.code, log: explain(result) }).toEqual({ code: 0, log: '' });
		const [read] = nodeOutput(result.output?.data?.resultData?.runData, 'First Bytes');
		// An MPEG frame sync, and the binary kept by reference in n8n's filesystem store.
		expect(read.head).toEqual([0xff, 0xfb]);
		expect(Number(read.size)).toBeGreaterThan(1000);
		expect(String(read.id)).toMatch(/^filesystem/);
		const [json] = nodeOutput(result.output?.data?.resultData?.runData, 'Download Recording');
		expect(json).toMatchObject({ url: location, fileName: 'fs-mode-all.mp3', mimeType: 'audio/mpeg' });
	});
});
