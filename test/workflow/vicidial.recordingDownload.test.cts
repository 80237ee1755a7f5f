import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { addRecording } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { json, rl, withSimulator } from './vicidial.shared.cjs';

/**
 * Report → Download Recording through the VICIdial node: the simulator's web server serves the
 * files at the locations its recording_lookup prints (simulator/recordings.cts). Seed: one
 * 125 s MP3 recording of agent 1000 on 2026-11-20, lead 4.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

const SEEDED = '/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3';

function download(parameters: IDataObject, options: { items?: IDataObject[]; credentials?: IDataObject; continueOnFail?: boolean } = {}): Promise<NodeRun> {
	return runNode({
		type: 'vicidial',
		typeVersion: 1.1,
		parameters: { resource: 'report', operation: 'download_recording', ...parameters },
		credentials: simCredentials(sim.url, options.credentials as never),
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** The bytes of a binary output, as n8n keeps them in its default (memory) mode. */
function bytes(binary: IBinaryData | undefined): Buffer {
	return Buffer.from(binary?.data ?? '', 'base64');
}

const downloads = () => sim.log.filter((record) => record.url.startsWith('/RECORDINGS/'));

describe('download_recording', () => {
	it('downloads what Find Recordings found, as binary data, keeping the URL and the row in the JSON', async () => {
		const found = await runNode({
			type: 'vicidial',
			typeVersion: 1.1,
			parameters: { resource: 'report', operation: 'recording_lookup', additionalFields: { leadId: '4' } },
			credentials: simCredentials(sim.url),
		});
		expect(found.error).toBeUndefined();
		const run = await download({ recordingUrl: '={{ $json.location }}' }, { items: json(found) });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const [item] = run.items;
		expect(item.json).toMatchObject({ recording_id: 1, lead_id: 4, url: `${sim.url}${SEEDED}`, fileName: '20261120-090500_4075550100_1000-all.mp3', mimeType: 'audio/mpeg' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileName: '20261120-090500_4075550100_1000-all.mp3', fileExtension: 'mp3' });
		const file = bytes(item.binary?.data);
		// MPEG audio frame sync, and as many bytes as the server sent.
		expect([file[0], file[1]]).toEqual([0xff, 0xfb]);
		expect(file.length).toBe(Number(417 * Math.ceil(5 * 38)));
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(downloads()).toHaveLength(1);
		expect(downloads()[0]).toMatchObject({ method: 'GET', status: 200, basicUser: undefined });
	});

	it('names the file and its type from the URL and headers: a WAV, into the field asked for', async () => {
		const wav = addRecording(sim.state, { user: '1000', lead_id: 4, length_in_sec: 2, location: `${sim.url}/RECORDINGS/ORIG/call-all.wav` });
		const run = await download({ recordingUrl: wav.location, binaryPropertyName: 'audio' });
		expect(run.error).toBeUndefined();
		const binary = run.items[0].binary?.audio;
		expect(binary).toMatchObject({ mimeType: 'audio/x-wav', fileName: 'call-all.wav' });
		expect(run.items[0].binary?.data).toBeUndefined();
		const file = bytes(binary);
		expect(file.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(file.length).toBe(44 + 2 * 8000 * 2);
	});

	it('takes a File Name given', async () => {
		const run = await download({ recordingUrl: `${sim.url}${SEEDED}`, downloadOptions: { fileName: 'lead-4.mp3' } });
		expect(run.items[0].binary?.data).toMatchObject({ fileName: 'lead-4.mp3', mimeType: 'audio/mpeg' });
		expect(run.items[0].json.fileName).toBe('lead-4.mp3');
	});

	describe('recordings behind HTTP basic auth', () => {
		beforeEach(() => {
			sim.state.system.recordings_login = { user: 'recview', pass: 'rec-Secret-77' };
		});
		const basic = { basicAuth: true, basicAuthUser: 'recview', basicAuthPassword: 'rec-Secret-77' };

		it("sends the credential's Basic Auth to the credential's own server", async () => {
			const run = await download({ recordingUrl: `${sim.url}${SEEDED}` }, { credentials: basic });
			expect(run.error).toBeUndefined();
			expect(run.items[0].binary?.data?.mimeType).toBe('audio/mpeg');
			expect(downloads()[0]).toMatchObject({ status: 200, basicUser: 'recview' });
		});

		it('sends the API user and password when Log In With says so', async () => {
			sim.state.system.recordings_login = { user: '6666', pass: '1234' };
			const run = await download({ recordingUrl: `${sim.url}${SEEDED}`, downloadOptions: { login: 'apiUser' } });
			expect(run.error).toBeUndefined();
			expect(downloads()[0]).toMatchObject({ status: 200, basicUser: '6666' });
		});

		it('never sends a login to another server, and says what to do when refused', async () => {
			// localhost is the same simulator under another origin: a server the credential does not name.
			const elsewhere = `${sim.url.replace('127.0.0.1', 'localhost')}${SEEDED}`;
			const run = await download({ recordingUrl: elsewhere, downloadOptions: { login: 'apiUser' } }, { credentials: basic });
			expect(downloads()[0]).toMatchObject({ status: 401, basicUser: undefined });
			expect(run.error?.message).toBe(`Download Recording: the recordings server refused the download (HTTP 401) of ${elsewhere}`);
			expect(run.error?.description).toContain('Logins are sent only to the credential\'s Server URL');
			expect(run.error?.context?.code).toBe('auth');
		});

		it('takes a user:password@ out of the URL, sends it as basic auth and never shows it', async () => {
			const withLogin = sim.url.replace('http://', 'http://recview:rec-Secret-77@') + SEEDED;
			const run = await download({ recordingUrl: withLogin });
			expect(run.error).toBeUndefined();
			expect(downloads()[0]).toMatchObject({ status: 200, basicUser: 'recview' });
			expect(run.items[0].json.url).toBe(`${sim.url}${SEEDED}`);
			expect(JSON.stringify(run.items[0].json)).not.toContain('rec-Secret-77');
		});

		it('a wrong login in the URL fails without showing it', async () => {
			const withLogin = sim.url.replace('http://', 'http://recview:wrong-Pass-1@') + SEEDED;
			const run = await download({ recordingUrl: withLogin }, { continueOnFail: true, items: [{ recording_id: 1 }] });
			expect(run.error).toBeUndefined();
			expect(run.items[0].json).toMatchObject({ recording_id: 1, code: 'auth', function: 'download_recording' });
			expect(JSON.stringify(run.items[0].json)).not.toContain('wrong-Pass-1');
			expect(run.items[0].binary).toBeUndefined();
		});
	});

	it('a missing file is not_found, with the reason in words; continue-on-fail keeps the input keys', async () => {
		const url = `${sim.url}/RECORDINGS/MP3/gone-all.mp3`;
		const failed = await download({ recordingUrl: url });
		expect(failed.error?.message).toBe(`Download Recording: no file at ${url} (HTTP 404)`);
		expect(failed.error?.context?.code).toBe('not_found');
		const kept = await download(
			{ recordingUrl: '={{ $json.location }}' },
			{ continueOnFail: true, items: [{ recording_id: 9, location: url }, { recording_id: 1, location: `${sim.url}${SEEDED}` }] },
		);
		// Each item is its own download: the first fails, the second still arrives.
		expect(json(kept)[0]).toMatchObject({ recording_id: 9, code: 'not_found', error: `Download Recording: no file at ${url} (HTTP 404)` });
		expect(json(kept)[1]).toMatchObject({ recording_id: 1, mimeType: 'audio/mpeg' });
		expect(kept.items[1].binary?.data?.fileExtension).toBe('mp3');
	});

	it.each([
		['ftp://dialer/RECORDINGS/a.mp3', 'Recording URL must be an http:// or https:// address; got "ftp://dialer/RECORDINGS/a.mp3"'],
		['RECORDINGS/a.mp3', 'Recording URL must be an http:// or https:// address; got "RECORDINGS/a.mp3"'],
		// n8n itself refuses an empty required field; an expression can still come out empty.
		['={{ "" }}', 'Recording URL must be an http:// or https:// address; got ""'],
	])('refuses %j before sending anything', async (recordingUrl, message) => {
		const run = await download({ recordingUrl });
		expect(run.error?.message).toBe(message);
		expect(run.error?.context?.code).toBe('validation');
		expect(sim.log).toHaveLength(0);
	});

	it('a server that is down is a network error naming the URL', async () => {
		const run = await download({ recordingUrl: 'http://127.0.0.1:9/RECORDINGS/a.mp3', options: { maxAttempts: 1 } });
		expect(run.error?.message).toBe('Download Recording: Nothing answers at http://127.0.0.1:9/RECORDINGS/a.mp3 (connection refused)');
		expect(run.error?.context?.code).toBe('network');
	});

	it('the locator dropdowns are untouched: Find Recordings still runs by agent', async () => {
		const run = await runNode({
			type: 'vicidial',
			parameters: { resource: 'report', operation: 'recording_lookup', additionalFields: { agentUser: rl('1000'), date: '2026-11-20' } },
			credentials: simCredentials(sim.url),
		});
		expect(json(run)).toHaveLength(1);
	});
});
