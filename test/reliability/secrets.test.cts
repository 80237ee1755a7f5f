/**
 * Canary secrets (issue 10): the API password, the proxy Basic Auth password and the trigger's
 * secrets are distinctive values, and after a battery of runs (successes, refused logins that
 * VICIdial answers by echoing the password, add_user that echoes the new user's password, every
 * network and server fault, continue-on-fail on and off, and the trigger fuzz) none of them, raw,
 * URL-encoded, base64 or hex, appears in an output item, an error (message, description, stack,
 * context), a line n8n logged (debug level, with its metadata), the execution record, or what the
 * simulated VICIdial stored: vicidial_api_log (apiLog), leads, every table but the users' own and
 * vicidial_api_urls (VICIdial logs the whole request there; no client can avoid it, notes §8.2),
 * and the request log apart from the `pass` field the login needs.
 */
import { LoggerProxy, type IDataObject, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { FaultKind } from '../../simulator/faults.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, stopHarness, type NodeRun } from '../helpers/harness.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';
import { AUTH_SETUPS, BASIC_CANARY, RequestGenerator, sendFuzz, TRIGGER_CANARY } from './fuzz.cjs';
import { recordFigures, size } from './support.cjs';

jest.setTimeout(size(120_000, 600_000));

/** Characters that URL-encode, so the encoded form differs from the raw one. */
const PASSWORD = 'Canary-Pw/77&31=zQ';
const PROXY_PASSWORD = 'Canary-Proxy/5521=kR';
const NEW_USER_PASSWORD = 'Canary-Agent/3301=mT';

/** Every form a secret could leak in. */
export function forms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	return [
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		bytes.toString('base64'),
		bytes.toString('base64url'),
		bytes.toString('hex'),
		bytes.toString('hex').toUpperCase(),
	];
}

const CANARIES = [PASSWORD, PROXY_PASSWORD, TRIGGER_CANARY, BASIC_CANARY];

/** Where a canary form appears in `text`, as `place: form`. */
function leaks(place: string, text: string, canaries: readonly string[] = CANARIES): string[] {
	const found: string[] = [];
	for (const canary of canaries) for (const form of forms(canary)) if (text.includes(form)) found.push(`${place}: ${form}`);
	return found;
}

/** Log lines n8n-core and the nodes wrote through LoggerProxy during the suite. */
const logLines: string[] = [];
const capture = (level: string) => (message: string, meta?: unknown) => {
	logLines.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
};

let sim: Simulator;
beforeAll(async () => {
	LoggerProxy.init({ error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') } as never);
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
	stopHarness();
});

const figures: Record<string, Record<string, unknown>> = {};
afterAll(() => recordFigures('secrets', figures));

/** The seeded API user 6666 logs in with the canary password. */
function canaryUser(): void {
	const admin = sim.state.users.get('6666');
	if (!admin) throw new Error('seed user 6666 missing');
	admin.pass = PASSWORD;
}

const credentials = (extra: ICredentialDataDecryptedObject = {}) =>
	simCredentials(sim.url, { password: PASSWORD, basicAuth: true, basicAuthUser: 'proxy', basicAuthPassword: PROXY_PASSWORD, ...extra });

const list = { __rl: true, mode: 'id', value: '101' };

interface Case {
	name: string;
	type: 'vicidial' | 'vicidialAgent';
	parameters: IDataObject;
	credentials?: ICredentialDataDecryptedObject;
	fault?: FaultKind;
	/** Sim user 6666 keeps its own password, so VICIdial refuses the canary and echoes it. */
	wrongPassword?: boolean;
	/** Values the user typed into the node's parameters, which n8n keeps in the workflow. */
	typed?: string[];
}

const CASES: Case[] = [
	{ name: 'add_lead', type: 'vicidial', parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550142' } },
	{ name: 'add_lead, refused login (VICIdial echoes the password)', type: 'vicidial', wrongPassword: true, parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550143' } },
	{ name: 'version (no login)', type: 'vicidial', parameters: { resource: 'system', operation: 'version' } },
	{
		name: 'add_user (the reply echoes the new password)',
		type: 'vicidial',
		typed: [NEW_USER_PASSWORD],
		parameters: {
			resource: 'user',
			operation: 'add_user',
			agentUser: '2001',
			agentPass: NEW_USER_PASSWORD,
			agentUserLevel: 1,
			agentFullName: 'Canary Agent',
			agentUserGroup: { __rl: true, mode: 'id', value: 'ADMIN' },
		},
	},
	{ name: 'agent external_status, refused login', type: 'vicidialAgent', wrongPassword: true, parameters: { resource: 'call', operation: 'external_status', agentUser: '1000', value: { __rl: true, mode: 'id', value: 'NI' } } },
	...(['http500', 'empty500', 'reset', 'timeout', 'resetAfterApply', 'slowBody'] as FaultKind[]).map(
		(fault): Case => ({
			name: `add_lead with ${fault}`,
			type: 'vicidial',
			fault,
			parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550144', additionalFields: { duplicateCheck: 'DUPLIST' } },
		}),
	),
	{ name: 'unreachable server', type: 'vicidial', credentials: { baseUrl: 'http://127.0.0.1:9' }, parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550145' } },
	{ name: 'unresolvable host', type: 'vicidial', credentials: { baseUrl: 'http://vicidial.invalid' }, parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550146' } },
];

/** Everything a run left behind that a user, a log reader or an operator can see. */
function visible(run: NodeRun, typed: readonly string[]): Array<[string, string]> {
	const error = run.error as (Error & { description?: string; context?: unknown }) | undefined;
	// n8n keeps the node's parameters (where the user typed a new user's password) in the
	// workflow and in error.node; those are the user's own input, not a leak.
	let record = JSON.stringify(run.run);
	for (const value of typed) record = record.split(JSON.stringify(value)).join('""');
	return [
		['output items', JSON.stringify(run.items)],
		['error message', error?.message ?? ''],
		['error description', String(error?.description ?? '')],
		['error stack', error?.stack ?? ''],
		['error context', JSON.stringify(error?.context ?? {})],
		['execution record', record],
	];
}

/** What the simulated VICIdial kept, apart from the users table and vicidial_api_urls. */
function stored(target: Simulator): Array<[string, string]> {
	const { users: _users, apiUrls: _apiUrls, ...rest } = target.state as unknown as Record<string, unknown>;
	const log = target.log.map((record) => {
		// The login and a new user's password must reach VICIdial; the fields that carry them are left out.
		const { pass: _pass, agent_pass: _agentPass, ...params } = record.params;
		return { ...record, params };
	});
	const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v.values()] : v instanceof Set ? [...v] : v));
	return [
		['simulator apiLog (vicidial_api_log)', json(target.state.apiLog)],
		['simulator tables', json(rest)],
		['simulator request log (URLs and fields but pass, agent_pass)', json(log)],
	];
}

describe.each([false, true])('continue on fail %s', (continueOnFail) => {
	it.each(CASES)('$name: no canary anywhere', async (c) => {
		sim.reset();
		if (!c.wrongPassword) canaryUser();
		if (c.fault) sim.faults.add({ kind: c.fault, fn: 'add_lead', ms: c.fault === 'slowBody' ? 5 : undefined });
		const run = await runNode({
			type: c.type,
			parameters: { ...c.parameters, options: { maxAttempts: 2, timeoutMs: 300 } },
			credentials: credentials(c.credentials),
			continueOnFail,
		});
		await sim.whenIdle();
		const canaries = [...CANARIES, NEW_USER_PASSWORD];
		const found = [...visible(run, c.typed ?? []), ...stored(sim)].flatMap(([place, text]) => leaks(place, text, canaries));
		expect(found).toEqual([]);
		// The case did what it says: a refused login was refused, a success succeeded.
		if (c.wrongPassword) expect(JSON.stringify(run.items) + (run.error?.message ?? '')).toMatch(/Invalid Username|LOGIN|auth/i);
		figures[`${c.name}${continueOnFail ? ' (continue on fail)' : ''}`] = { leaks: found.length };
	});
});

it('the canary did travel, in the login field of a POST body and never in a URL', async () => {
	sim.reset();
	canaryUser();
	await runNode({ type: 'vicidial', parameters: { resource: 'lead', operation: 'add_lead', listId: list, phoneNumber: '3125550147' }, credentials: credentials() });
	expect(sim.log.map((record) => record.params.pass)).toEqual([PASSWORD]);
	expect(sim.log.flatMap((record) => leaks('url', record.url))).toEqual([]);
});

it('n8n log lines (debug level, with metadata) hold no canary', () => {
	const found = logLines.flatMap((line, i) => leaks(`log line ${i}`, line, [...CANARIES, NEW_USER_PASSWORD]));
	figures['n8n log lines'] = { lines: logLines.length, leaks: found.length };
	expect(found).toEqual([]);
});

describe('the trigger, with canary secrets', () => {
	it.each(AUTH_SETUPS)('$name: no canary in an answer, a run item or the setup text', async (setup) => {
		const harness = await TriggerHarness.start({ credentials: setup.credentials, parameters: { event: 'customPost' } });
		try {
			const path = new URL(harness.url).pathname;
			const origin = harness.url.slice(0, harness.url.indexOf(path));
			const generator = new RequestGenerator(setup, path, 77);
			const answers: string[] = [];
			for (let i = 0; i < size(60, 400); i++) answers.push(JSON.stringify(await sendFuzz(origin, generator.make(0.5))));
			// The setup answer gives an authenticated caller the paste-ready string, secret included,
			// by design; a caller without the secret must not get it.
			const setupAnswer = await sendFuzz(origin, { id: -1, method: 'GET', pathAndQuery: `${path}?n8n_setup=1`, headers: {}, mutation: 'setup', forged: true });
			const found = [
				...answers.flatMap((answer, i) => leaks(`answer ${i}`, answer)),
				...leaks('unauthenticated setup answer', JSON.stringify(setupAnswer)),
				...harness.runs.flatMap((items, i) => leaks(`run ${i} items`, JSON.stringify(items))),
				...harness.calls.flatMap((call, i) => leaks(`call ${i} error`, call.error?.stack ?? '')),
			];
			figures[`trigger ${setup.name}`] = { requests: answers.length + 1, runs: harness.runs.length, leaks: found.length };
			expect(found).toEqual([]);
		} finally {
			await harness.close();
		}
	});
});

it('the search finds a canary in each of its forms (so an empty list above means none was there)', () => {
	for (const form of forms(PASSWORD)) expect(leaks('probe', `x${form}x`)).not.toEqual([]);
});
