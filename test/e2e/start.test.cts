/**
 * `npm start` as the user runs it (issue 14): npm, then the start script, the simulator and a
 * real n8n. Stopping the npm process, by SIGINT, SIGTERM or the SIGHUP of a closed terminal,
 * leaves no process of ours behind and frees the ports. On the way, the banner's hook secret and
 * `npm run fire` command work against the running n8n as printed.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { delay, freePort, portInUse, ROOT } from '../../scripts/n8n/lib.cjs';
import { descendants, N8N_VERSION, requireInstall, running } from './harness.cjs';

jest.setTimeout(900_000);

const userFolder = join(ROOT, '.n8n-e2e', `start-${process.pid}-${Date.now()}`);

interface Started {
	npm: ChildProcess;
	output: () => string;
	port: number;
	simulatorPort: number;
}

async function npmStart(): Promise<Started> {
	const port = await freePort();
	const npm = spawn('npm', ['start', '--', `--port=${port}`, '--fire-every=0', `--user-folder=${userFolder}`, `--n8n-version=${N8N_VERSION}`], {
		cwd: ROOT,
		// Its own process group: only the signal the test sends reaches it, as from another terminal.
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + 600_000;
	while (!output.includes('Ctrl-C stops everything')) {
		if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.slice(-4000)}`);
		await delay(500);
	}
	const simulator = /VICIdial: simulator at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
	if (!simulator) throw new Error(`no simulator in the banner:\n${output}`);
	return { npm, output: () => output, port, simulatorPort: Number(simulator[1]) };
}

/** Sends `signal` to the npm PID only; resolves when everything it started is gone. */
async function stopAndCheck(started: Started, signal: NodeJS.Signals): Promise<void> {
	const npmPid = started.npm.pid as number;
	const ours = [npmPid, ...descendants(npmPid)];
	// npm, tsx, the start script, n8n and n8n's task runner at least.
	expect(ours.length).toBeGreaterThanOrEqual(5);
	expect(await portInUse(started.port)).toBe(true);
	expect(await portInUse(started.simulatorPort)).toBe(true);

	process.kill(npmPid, signal);
	const deadline = Date.now() + 60_000;
	while (ours.some(running) && Date.now() < deadline) await delay(500);
	const left = ours.filter(running).map((pid) => spawnSync('ps', ['-o', 'pid=,args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim());
	// Whatever is left is ours to clean up, so the next test starts clean.
	for (const pid of ours.filter(running)) process.kill(pid, 'SIGKILL');
	expect(left).toEqual([]);
	expect(await portInUse(started.port)).toBe(false);
	expect(await portInUse(started.simulatorPort)).toBe(false);
}

beforeAll(() => {
	requireInstall();
	mkdirSync(userFolder, { recursive: true });
});

afterAll(() => {
	if (!process.env.KEEP_E2E) rmSync(userFolder, { recursive: true, force: true });
});

describe(`npm start with n8n ${N8N_VERSION}`, () => {
	it('prints the hook secret and a fire command that works as printed; SIGTERM to npm stops everything', async () => {
		const started = await npmStart();
		try {
			const secret = readFileSync(join(userFolder, 'hook-secret.txt'), 'utf8').trim();
			expect(started.output()).toContain(`Hook secret: ${secret}`);
			const command = /^ {2}npm run fire -- (.*)$/m.exec(started.output());
			expect(command?.[1]).toContain(`--secret=${secret}`);
			const args = (command?.[1] ?? '').split(' ');
			const fired = await new Promise<{ code: number; stdout: string }>((resolve) =>
				execFile(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'simulator', 'fire.cts'), ...args], { cwd: ROOT }, (error, stdout) =>
					resolve({ code: error ? 1 : 0, stdout }),
				),
			);
			expect(fired).toMatchObject({ code: 0 });
			expect(fired.stdout).toContain('-> 200 OK');
		} finally {
			await stopAndCheck(started, 'SIGTERM');
		}
	});

	it.each(['SIGINT', 'SIGHUP'] as const)('%s to the npm process stops n8n and the simulator too', async (signal) => {
		await stopAndCheck(await npmStart(), signal);
	});
});
