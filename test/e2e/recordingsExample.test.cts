/**
 * The recordings-to-CRM example (examples/recordings-to-crm.json) in a real n8n (issue 13): the
 * Poll Trigger's Recording Ready, Download Recording and a multipart POST to the CRM, published
 * against the simulator, with a local server standing in for the CRM. n8n polls once when it
 * activates the workflow; with a look-back window that first poll finds the recording made just
 * before. The test checks the multipart body the CRM received: the lead, the link and the file.
 */
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { addRecording } from '../../simulator/agent/scene.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

/** What the stand-in CRM received: the Content-Type and the raw body. */
interface Received {
	contentType: string;
	body: Buffer;
}

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'recordings-to-crm.json'), 'utf8')) as WorkflowFixture;

describe(`the recordings-to-CRM example in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;
	let crm: http.Server;
	const received: Received[] = [];
	let recording: ReturnType<typeof addRecording>;

	beforeAll(async () => {
		sim = await startSimulator();
		crm = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ contentType: String(req.headers['content-type'] ?? ''), body: Buffer.concat(chunks) });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
		// Agent 1000's call with lead 4, mixed and moved a moment ago: it has its location.
		recording = addRecording(sim.state, { user: '1000', lead_id: 4, length_in_sec: 3, location: `${sim.url}/RECORDINGS/MP3/today-lead4-all.mp3` });
		const trigger = example.nodes.find((node) => node.name === 'VICIdial Poll Trigger');
		// The simulator stamps recordings on this process's clock, as VICIdial does on its server's;
		// the example's workflow keeps n8n's default zone (America/New_York), so name the dialer's.
		trigger!.parameters.options = { lookBackMinutes: 30, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
		const crmNode = example.nodes.find((node) => node.name === 'CRM URL');
		const assignments = (crmNode?.parameters.assignments as { assignments: { value: string }[] }).assignments;
		assignments[0].value = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/crm/recordings`;
		n8n = await startE2eN8n({
			label: 'recordings',
			credentials: [{ id: 'vicidialApiExample', name: 'VICIdial account', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-example' } }],
			workflows: [example],
			publish: [example.id],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await new Promise<void>((resolve) => (crm ? crm.close(() => resolve()) : resolve()));
		await sim?.stop();
	});

	it("sends the agent's newest ready recording to the CRM: lead, link and file", async () => {
		const [execution] = await n8n.waitForExecutions(example.id, 1, 60_000);
		const detail = await n8n.execution(execution.id);
		expect({ status: detail.status, error: detail.data?.resultData?.error?.message }).toEqual({ status: 'success', error: undefined });

		expect(received).toHaveLength(1);
		const [post] = received;
		expect(post.contentType).toMatch(/^multipart\/form-data; boundary=/);
		const text = post.body.toString('latin1');
		const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)\\r\\n`).exec(text)?.[1];
		expect(field('vicidial_lead_id')).toBe('4');
		expect(field('recording_id')).toBe(String(recording.recording_id));
		expect(field('recording_url')).toBe(recording.location);
		expect(text).toMatch(/name="file"; filename="today-lead4-all\.mp3"\r\nContent-Type: audio\/mpeg/);
		// The file the simulator served went through: MPEG frame sync bytes inside the file part.
		const fileStart = post.body.indexOf('\r\n\r\n', post.body.indexOf('name="file"')) + 4;
		expect([post.body[fileStart], post.body[fileStart + 1]]).toEqual([0xff, 0xfb]);
		expect(sim.log.filter((call) => call.url.startsWith('/RECORDINGS/MP3/today-lead4-all.mp3'))).toHaveLength(1);
	});
});
