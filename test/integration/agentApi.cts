import { AGENT_PATH, startSimulator, type Simulator } from '../../simulator/server.cjs';

/**
 * Shared setup of the simulator.agent.*.test.ts files: one simulator per file, a fresh dialer
 * before each test, and `agentApi()` to send real HTTP requests to /agc/api.php.
 */

/** API users of the seed: admin 6666, a reporting user without lead/campaign rights, one allowed two functions. */
export const API_USERS = {
	admin: ['6666', '1234'],
	reports: ['apirep', 'apirep1'],
	few: ['apifew', 'apifew1'],
} as const;

export interface CallOptions {
	as?: keyof typeof API_USERS;
	/** GET puts everything in the query string; POST sends a form body (the path has no query). */
	method?: 'GET' | 'POST';
}

/** Start the simulator for this test file; the getter returns it inside tests. */
export function useSimulator(): () => Simulator {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim?.stop();
	});
	beforeEach(() => sim?.reset());
	return () => {
		if (!sim) throw new Error('simulator not started');
		return sim;
	};
}

/** Call an Agent API function and return the reply body as text. */
export async function agentApi(sim: Simulator, fn: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<string> {
	const [user, pass] = API_USERS[options.as ?? 'admin'];
	const form = new URLSearchParams({ source: 'test', user, pass, function: fn, ...params });
	const response =
		options.method === 'POST'
			? await fetch(`${sim.url}${AGENT_PATH}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
				})
			: await fetch(`${sim.url}${AGENT_PATH}?${form.toString()}`);
	expect(response.status).toBe(200);
	return response.text();
}

/** Seconds since 1970, to bound the epoch a reply echoes. */
export function nowEpoch(): number {
	return Math.floor(Date.now() / 1000);
}

/**
 * Check a reply that echoes `date("U")`: `pattern` has one `(\d+)` group for the epoch, which
 * must fall between `before` and now.
 */
export function expectEpochReply(reply: string, pattern: RegExp, before: number): void {
	const match = pattern.exec(reply);
	expect(match).not.toBeNull();
	const epoch = Number(match?.[1]);
	expect(epoch).toBeGreaterThanOrEqual(before);
	expect(epoch).toBeLessThanOrEqual(nowEpoch());
}
