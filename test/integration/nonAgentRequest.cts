import { NON_AGENT_PATH, startSimulator, type Simulator } from '../../simulator/server.cjs';

/** A Non-Agent API reply as the tests look at it. */
export interface NonAgentReply {
	status: number;
	body: string;
	contentType: string;
}

export interface CallOptions {
	/** GET with a query string (the documented form) or POST with a form body. */
	method?: 'GET' | 'POST';
	user?: string;
	pass?: string;
}

/**
 * Call the simulator's non_agent_api.php as a client would, with `source=test` and the admin
 * API user 6666/1234 unless another user is given.
 */
export async function nonAgent(sim: Simulator, params: Record<string, string>, options: CallOptions = {}): Promise<NonAgentReply> {
	const query = new URLSearchParams({ source: 'test', user: options.user ?? '6666', pass: options.pass ?? '1234', ...params });
	const response =
		options.method === 'POST'
			? await fetch(`${sim.url}${NON_AGENT_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query.toString() })
			: await fetch(`${sim.url}${NON_AGENT_PATH}?${query.toString()}`);
	return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** Just the body, for the many tests that only compare text. */
export async function nonAgentText(sim: Simulator, params: Record<string, string>, options: CallOptions = {}): Promise<string> {
	return (await nonAgent(sim, params, options)).body;
}

/**
 * One simulator for the test file, with a fresh dialer before each test. The returned object
 * stands for the running simulator (it forwards to it once `beforeAll` has started it).
 */
export function useSimulator(): Simulator {
	let running: Simulator | undefined;
	beforeAll(async () => {
		running = await startSimulator();
	});
	afterAll(async () => {
		await running?.stop();
	});
	beforeEach(() => {
		running?.reset();
	});
	return new Proxy({} as Simulator, {
		get(_target, key) {
			if (!running) throw new Error('the simulator starts in beforeAll');
			return Reflect.get(running, key);
		},
	});
}
