import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, stopHarness, type NodeRun } from '../helpers/harness.cjs';

/**
 * What the VICIdial Agent node tests share: one simulator per file (fresh dialer before each
 * test), a runner with the API user to act as, and the checks every agent function repeats.
 */

/** API users of the simulator's seed (simulator/state.cts). */
export const USERS = {
	admin: {},
	/** Level 7, API access, no change_agent_campaign, modify_leads 0, no modify_campaigns. */
	reports: { apiUser: 'apirep', password: 'apirep1' },
	/** Level 9 with the right password but "Agent API Access" off. */
	noAgentApi: { apiUser: 'apinoagt', password: 'apinoagt1' },
} satisfies Record<string, ICredentialDataDecryptedObject>;

export type ApiUser = keyof typeof USERS;

/** A resource locator set by ID, as a user picking "By ID" would store it. */
export function byId(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

/** Start a simulator for the enclosing describe; the getter returns it inside tests. */
export function useSimulator(): () => Simulator {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim?.stop();
		stopHarness();
	});
	beforeEach(() => sim?.reset());
	return () => {
		if (!sim) throw new Error('simulator not started');
		return sim;
	};
}

export interface AgentRunInput {
	as?: ApiUser;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** The saved node's typeVersion (1 by default). */
	typeVersion?: number;
}

/** Run the VICIdial Agent node once with these parameters. */
export function runAgent(sim: Simulator, parameters: IDataObject, input: AgentRunInput = {}): Promise<NodeRun> {
	return runNode({
		type: 'vicidialAgent',
		parameters,
		credentials: simCredentials(sim.url, USERS[input.as ?? 'admin']),
		items: input.items,
		continueOnFail: input.continueOnFail,
		typeVersion: input.typeVersion,
	});
}

/** The output items' JSON. */
export function json(run: NodeRun): IDataObject[] {
	return run.items.map((item) => item.json);
}

/** Agent 1001 exists but has no vicidial_live_agents row: VICIdial's "not logged in" reply. */
export function expectNotLoggedIn(run: NodeRun, fn: string, agent = '1001'): void {
	expect(run.error?.message).toBe(`${fn}: agent_user is not logged in (${agent})`);
	expect(run.error?.context?.code).toBe('not_found');
	expect(run.error?.description).toBe('The agent must be logged in to the VICIdial agent screen (vicidial.php) for Agent API calls.');
}

/** The Agent API login refusal for an API user without "Agent API Access", password masked. */
export function expectNoAgentApiAccess(run: NodeRun, fn: string): void {
	expect(run.error?.message).toBe(`${fn}: Invalid Username/Password (apinoagt|***|1|0|GOOD)`);
	expect(run.error?.context?.code).toBe('auth');
	expect(run.error?.description).toContain('Agent API Access');
	expect(JSON.stringify(run.run)).not.toContain('apinoagt1');
}

/** A permission refusal: code `permission` and a description naming what the API user needs. */
export function expectPermission(run: NodeRun, message: string, needs: string): void {
	expect(run.error?.message).toBe(message);
	expect(run.error?.context?.code).toBe('permission');
	expect(run.error?.description).toContain(needs);
}
