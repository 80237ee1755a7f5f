/**
 * Report → Download Recording in n8n-core's real S3 binary mode (issue 18). A real n8n refuses
 * S3 mode without an Enterprise licence (n8n's base-command.js checks
 * LICENSE_FEATURES.BINARY_DATA_S3), so test/e2e/binaryModes.test.cts covers filesystem mode only;
 * here n8n-core's own pieces are wired the way base-command.js initBinaryDataService() wires
 * them: ObjectStoreService (@aws-sdk/client-s3) → ObjectStoreManager → BinaryDataService in
 * mode 's3', against a local S3 stand-in (test/helpers/s3StandIn.cts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { addRecording } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { startS3StandIn, type S3StandIn } from '../helpers/s3StandIn.cjs';
import { withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((started) => (sim = started));

const SEEDED = '/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3';
const S3 = { bucket: 'n8n-binary-test', region: 'us-east-1', accessKey: 'AKIASTANDIN0000001', accessSecret: 's3-Secret-Zq81x' };

// n8n-core's own copies of its internals, resolved from its folder (as stopHarness() does): the
// Container here is the one n8n-core's prepareBinaryData asks for the BinaryDataService.
const coreDir = require.resolve('n8n-core');
const fromCore = <T,>(request: string): T => require(require.resolve(request, { paths: [coreDir] })) as T;

interface Manager {
	getAsBuffer(fileId: string): Promise<Buffer>;
}
interface BinaryDataServiceLike {
	mode: string;
	managers: Record<string, Manager>;
	setManager(mode: string, manager: Manager): void;
	init(): Promise<void>;
	getAsBuffer(binaryData: IBinaryData): Promise<Buffer>;
	getMetadata(binaryDataId: string): Promise<{ fileSize: number; mimeType?: string; fileName?: string }>;
}
interface ObjectStoreServiceLike {
	init(): Promise<void>;
	s3Client: { destroy(): void };
}
type Constructor<T> = new (...args: never[]) => T;

const { Container } = fromCore<{ Container: { get<T>(type: Constructor<T>): T } }>('@n8n/di');
const core = fromCore<{ BinaryDataService: Constructor<BinaryDataServiceLike>; BinaryDataConfig: Constructor<{ mode: string; localStoragePath: string }> }>('n8n-core');
const { ObjectStoreConfig } = fromCore<{
	ObjectStoreConfig: Constructor<{
		host: string;
		protocol: string;
		bucket: { name: string; region: string };
		credentials: { accessKey: string; accessSecret: string; authAutoDetect: boolean };
	}>;
}>('n8n-core/dist/binary-data/object-store/object-store.config');
const { ObjectStoreService } = fromCore<{ ObjectStoreService: Constructor<ObjectStoreServiceLike> }>('n8n-core/dist/binary-data/object-store/object-store.service.ee');
const { ObjectStoreManager } = fromCore<{ ObjectStoreManager: new (service: ObjectStoreServiceLike) => Manager }>('n8n-core/dist/binary-data/object-store.manager');

function download(parameters: IDataObject, options: { credentials?: IDataObject; continueOnFail?: boolean; items?: IDataObject[] } = {}): Promise<NodeRun> {
	return runNode({
		type: 'vicidial',
		typeVersion: 1.1,
		parameters: { resource: 'report', operation: 'download_recording', ...parameters },
		credentials: simCredentials(sim.url, options.credentials as never),
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** What the simulator's web server serves at `path`, fetched apart from the node. */
async function served(path: string): Promise<Buffer> {
	const response = await fetch(`${sim.url}${path}`);
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

/** Every string a value holds, an error's message, stack and cause chain included; `seen` is skipped. */
function strings(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
	if (typeof value === 'string') return [value];
	if (value === null || typeof value !== 'object' || seen.has(value) || depth > 8) return [];
	seen.add(value);
	const out: string[] = [];
	const keys = new Set([...Object.getOwnPropertyNames(value), ...(value instanceof Error ? ['message', 'stack', 'cause'] : [])]);
	for (const key of keys) {
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		out.push(...strings(child, seen, depth + 1));
	}
	return out;
}

const FILE_NAME = '20261120-090500_4075550100_1000-all.mp3';

describe('Download Recording in n8n-core S3 binary mode', () => {
	let s3: S3StandIn;
	let service: BinaryDataServiceLike;
	let objectStore: ObjectStoreServiceLike;
	let storage: string;
	/** What the stand-in saw while n8n-core set S3 mode up. */
	let setup: S3StandIn['requests'];
	const saved: { mode?: string; managers?: Record<string, Manager>; configMode?: string; localStoragePath?: string } = {};

	beforeAll(async () => {
		s3 = await startS3StandIn({ bucket: S3.bucket, accessKey: S3.accessKey });
		storage = mkdtempSync(join(tmpdir(), 'n8n-s3-mode-'));

		// The N8N_EXTERNAL_STORAGE_S3_* settings, set on n8n-core's config objects directly.
		const objectStoreConfig = Container.get(ObjectStoreConfig);
		objectStoreConfig.host = s3.host;
		objectStoreConfig.protocol = 'http';
		objectStoreConfig.bucket.name = S3.bucket;
		objectStoreConfig.bucket.region = S3.region;
		objectStoreConfig.credentials.accessKey = S3.accessKey;
		objectStoreConfig.credentials.accessSecret = S3.accessSecret;
		objectStoreConfig.credentials.authAutoDetect = false;

		const binaryDataConfig = Container.get(core.BinaryDataConfig);
		service = Container.get(core.BinaryDataService);
		Object.assign(saved, { mode: service.mode, managers: service.managers, configMode: binaryDataConfig.mode, localStoragePath: binaryDataConfig.localStoragePath });
		// N8N_DEFAULT_BINARY_DATA_MODE=s3
		binaryDataConfig.mode = 's3';
		// init() also sets up the filesystem manager: keep its folder out of the home directory.
		binaryDataConfig.localStoragePath = storage;

		// As base-command.js initBinaryDataService(): the store's connection check, the manager, init().
		objectStore = Container.get(ObjectStoreService);
		await objectStore.init();
		service.managers = { ...service.managers };
		service.setManager('s3', new ObjectStoreManager(objectStore));
		await service.init();
		setup = [...s3.requests];
	});

	afterAll(async () => {
		// Back to the memory mode the other tests run in (checked by the last test of this file).
		// Each jest test file has its own module registry, so its own n8n-core Container (the
		// `instances` map of @n8n/di's di.js is module state); this keeps the file itself clean.
		service.mode = saved.mode as string;
		service.managers = saved.managers as Record<string, Manager>;
		const binaryDataConfig = Container.get(core.BinaryDataConfig);
		binaryDataConfig.mode = saved.configMode as string;
		binaryDataConfig.localStoragePath = saved.localStoragePath as string;
		objectStore?.s3Client.destroy();
		await s3?.stop();
		rmSync(storage, { recursive: true, force: true });
	});

	beforeEach(() => s3.reset());

	it("is n8n-core's S3 mode: its connection check was one signed HeadBucket", () => {
		expect(service.mode).toBe('s3');
		expect(setup.map(({ operation, method, url, status }) => ({ operation, method, url, status }))).toEqual([
			{ operation: 'HeadBucket', method: 'HEAD', url: `/${S3.bucket}/`, status: 200 },
		]);
		expect(setup[0]).toMatchObject({ signedV4: true, accessKey: S3.accessKey });
	});

	it('puts the recording in the bucket, byte for byte, references it as s3:, keeps the JSON, and reads the same bytes back', async () => {
		const expected = await served(SEEDED);
		const run = await download({ recordingUrl: `${sim.url}${SEEDED}` }, { items: [{ recording_id: 1 }] });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const [item] = run.items;
		expect(item.json).toEqual({ recording_id: 1, url: `${sim.url}${SEEDED}`, fileName: FILE_NAME, mimeType: 'audio/mpeg' });
		const binary = item.binary?.data as IBinaryData;
		expect(binary).toMatchObject({ mimeType: 'audio/mpeg', fileName: FILE_NAME, fileExtension: 'mp3', bytes: expected.length });

		// One signed PutObject, its Content-MD5 checked by the stand-in, holding the served bytes.
		const puts = s3.requests.filter((request) => request.operation === 'PutObject');
		expect(puts).toHaveLength(1);
		const [put] = puts;
		expect(put).toMatchObject({ status: 200, signedV4: true, accessKey: S3.accessKey, contentMd5Matches: true });
		expect(put.key).toMatch(/^workflows\/test\/executions\/[^/]+\/binary_data\/[0-9a-f-]{36}$/);
		expect(put.headers).toMatchObject({ 'content-type': 'audio/mpeg', 'x-amz-meta-filename': FILE_NAME, 'content-length': String(expected.length) });
		expect(put.body.equals(expected)).toBe(true);

		// In the item, only the reference: n8n's `s3:<key>` id and the mode name where the bytes were.
		expect(binary.id).toBe(`s3:${put.key}`);
		expect(binary.data).toBe('s3');

		// What the next node's this.helpers.getBinaryDataBuffer() does: BinaryDataService → S3.
		const back = await service.getAsBuffer(binary);
		expect(back.equals(expected)).toBe(true);
		expect(await service.getMetadata(binary.id as string)).toEqual({ fileSize: expected.length, mimeType: 'audio/mpeg', fileName: FILE_NAME });
		expect(s3.requests.map(({ operation, key, status }) => ({ operation, key, status }))).toEqual([
			{ operation: 'PutObject', key: put.key, status: 200 },
			{ operation: 'GetObject', key: put.key, status: 200 },
			{ operation: 'HeadObject', key: put.key, status: 200 },
		]);
	});

	it('each item is its own object: an MP3 and a WAV in one run', async () => {
		const wav = addRecording(sim.state, { user: '1000', lead_id: 4, length_in_sec: 2, location: `${sim.url}/RECORDINGS/ORIG/call-all.wav` });
		const files = [await served(SEEDED), await served('/RECORDINGS/ORIG/call-all.wav')];
		const run = await download({ recordingUrl: '={{ $json.location }}' }, { items: [{ location: `${sim.url}${SEEDED}` }, { location: wav.location }] });
		expect(run.error).toBeUndefined();
		const binaries = run.items.map((item) => item.binary?.data as IBinaryData);
		expect(binaries.map((binary) => binary.mimeType)).toEqual(['audio/mpeg', 'audio/x-wav']);
		const puts = s3.requests.filter((request) => request.operation === 'PutObject');
		expect(puts.map((put) => `s3:${put.key}`)).toEqual(binaries.map((binary) => binary.id));
		expect(new Set(puts.map((put) => put.key)).size).toBe(2);
		for (const [i, put] of puts.entries()) {
			expect(put.body.equals(files[i])).toBe(true);
			expect((await service.getAsBuffer(binaries[i])).equals(files[i])).toBe(true);
		}
	});

	describe('when S3 refuses the PutObject (HTTP 500)', () => {
		const API_PASSWORD = 'Api-Pass-7Kq2w';
		const URL_PASSWORD = 'rec-Secret-77';
		let url: string;

		beforeEach(() => {
			s3.failures.PutObject = 500;
			sim.state.system.recordings_login = { user: 'recview', pass: URL_PASSWORD };
			url = sim.url.replace('http://', `http://recview:${URL_PASSWORD}@`) + SEEDED;
		});

		function expectNoSecret(texts: string[]): void {
			expect(texts.length).toBeGreaterThan(0);
			for (const text of texts) {
				for (const secret of [API_PASSWORD, URL_PASSWORD, S3.accessSecret]) expect(text).not.toContain(secret);
				expect(text).not.toMatch(/\/\/[^/\s@]+:[^/\s@]*@/);
			}
		}

		it('the item fails, with no password, S3 secret or user:password@ in the error', async () => {
			const run = await download({ recordingUrl: url }, { credentials: { password: API_PASSWORD } });
			expect(run.items).toHaveLength(0);
			// The download itself went through (with the URL's login); storing it did not.
			expect(sim.log.filter((record) => record.url === SEEDED)).toMatchObject([{ status: 200, basicUser: 'recview' }]);
			expect(run.error?.message).toMatch(/^download_recording: the recording was downloaded, but n8n could not store \S+ \(Request to S3 failed\)$/);
			expect(run.error?.description).toContain('N8N_EXTERNAL_STORAGE_S3_');
			// n8n attaches the node as saved to its error: the URL as the workflow's author typed it,
			// login included, the workflow's own text. Everything else the error holds is checked.
			const node = (run.error as { node?: { parameters: IDataObject } }).node;
			expect(node?.parameters.recordingUrl).toBe(url);
			expectNoSecret(strings(run.error, new Set([node])));
			// The SDK's standard retries: three attempts, each answered 500, nothing stored.
			const puts = s3.requests.filter((request) => request.operation === 'PutObject');
			expect(puts.map((put) => put.status)).toEqual([500, 500, 500]);
			expect(s3.objects.size).toBe(0);
		});

		it('with continue-on-fail the item carries the error and no binary, still without secrets', async () => {
			const run = await download({ recordingUrl: url }, { credentials: { password: API_PASSWORD }, continueOnFail: true, items: [{ recording_id: 1 }] });
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(1);
			expect(run.items[0].json).toMatchObject({ recording_id: 1, function: 'download_recording' });
			expect(run.items[0].json.error).toContain('n8n could not store');
			expect(run.items[0].binary).toBeUndefined();
			expectNoSecret(strings(run.items[0].json));
		});
	});
});

describe('after the S3 block', () => {
	it('n8n-core is back in the memory mode the other workflow tests use', async () => {
		const service = Container.get(core.BinaryDataService);
		expect(service.managers.s3).toBeUndefined();
		const run = await download({ recordingUrl: `${sim.url}${SEEDED}` });
		const binary = run.items[0].binary?.data as IBinaryData;
		expect(binary.id).toBeUndefined();
		expect(Buffer.from(binary.data, 'base64').equals(await served(SEEDED))).toBe(true);
	});
});
