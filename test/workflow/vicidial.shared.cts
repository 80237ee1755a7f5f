/**
 * What the VICIdial (Non-Agent API) workflow tests share: a simulator per test file, reset
 * before each test, and the checks every resource file makes.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, stopHarness, type NodeRun } from '../helpers/harness.cjs';

/** The seeded API user with View Reports but no write rights (user level 7). */
export const REPORT_USER = { apiUser: 'apirep', password: 'apirep1' };

/** Starts a simulator for the file, hands it to `use`, resets it before each test. */
export function withSimulator(use: (sim: Simulator) => void): void {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator();
		use(sim);
	});
	afterAll(async () => {
		await sim?.stop();
		stopHarness();
	});
	beforeEach(() => sim?.reset());
}

export const json = (run: NodeRun): IDataObject[] => run.items.map((item) => item.json);

/** A resource-locator value given "By ID". */
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** The node failed with VICIdial's message and this code, and output nothing. */
export function expectError(run: NodeRun, message: string, code: string): void {
	expect(run.items).toHaveLength(0);
	expect(run.error?.message).toBe(message);
	expect(run.error?.context?.code).toBe(code);
}

/** The node refused the input before sending anything. */
export function expectRefused(sim: Simulator, run: NodeRun, message: string): void {
	expect(run.error?.message).toBe(message);
	expect(run.error?.context?.code).toBe('validation');
	expect(sim.log).toHaveLength(0);
}

/** What a test may add to a run besides the operation's parameters. */
export interface RunExtra {
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/**
 * `run(operation, parameters, credentials?, extra?)` for one resource of the VICIdial node,
 * against the file's simulator (given as a getter: it starts in beforeAll).
 */
export function resourceRunner(resource: string, simulator: () => Simulator) {
	return (operation: string, parameters: IDataObject = {}, credentials: ICredentialDataDecryptedObject = {}, extra: RunExtra = {}): Promise<NodeRun> =>
		runNode({ type: 'vicidial', parameters: { resource, operation, ...parameters }, credentials: simCredentials(simulator().url, credentials), ...extra });
}
