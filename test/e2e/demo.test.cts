/**
 * The demo stays green (issue 14): `npm start` as the user runs it, on a shortened clock. The
 * simulator fires a dispositioned call every second (every status in turn, the same lead and
 * the same DNC number again) at each VICIdial Trigger example for about 60 s; then every
 * execution of every example workflow must have succeeded, every auto-fired example must have
 * run, and the runs must have covered every disposition and a DNC number added twice. Examples
 * that need a credential the demo has none of (HubSpot, Salesforce) are imported, not published,
 * and the banner says so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { createState } from '../../simulator/state.cjs';
import { delay, freePort, RestSession, ROOT } from '../../scripts/n8n/lib.cjs';
import { descendants, N8N_VERSION, requireInstall, running, type ExecutionDetail, type ExecutionSummary, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(900_000);

/** How long the simulator fires, once a second, before the executions are checked. */
const FIRE_WINDOW_MS = 60_000;
const TRIGGER_TYPE = 'n8n-nodes-vicidial.vicidialTrigger';
/** The credential types `npm start` imports (scripts/n8n/start.cts). */
const DEMO_CREDENTIALS = ['vicidialApi', 'vicidialTriggerApi'];

const userFolder = join(ROOT, '.n8n-e2e', `demo-${process.pid}-${Date.now()}`);
const examples = readdirSync(join(ROOT, 'examples'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as WorkflowFixture);

let npm: ChildProcess | undefined;
let output = '';

afterAll(async () => {
	if (npm?.pid !== undefined) {
		const ours = [npm.pid, ...descendants(npm.pid)];
		process.kill(npm.pid, 'SIGTERM');
		const deadline = Date.now() + 60_000;
		while (ours.some(running) && Date.now() < deadline) await delay(500);
		for (const pid of ours.filter(running)) process.kill(pid, 'SIGKILL');
	}
	if (!process.env.KEEP_E2E) rmSync(userFolder, { recursive: true, force: true });
});

describe(`npm start with n8n ${N8N_VERSION}, firing every second`, () => {
	it('every execution of every example is green, every auto-fired example ran, every disposition and a repeated DNC were covered', async () => {
		requireInstall();
		const port = await freePort();
		npm = spawn('npm', ['start', '--', `--port=${port}`, '--fire-every=1', `--user-folder=${userFolder}`, `--n8n-version=${N8N_VERSION}`], {
			cwd: ROOT,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const upBy = Date.now() + 600_000;
		while (!output.includes('Ctrl-C stops everything')) {
			if (npm.exitCode !== null || Date.now() > upBy) throw new Error(`npm start did not come up:\n${output.slice(-4000)}`);
			await delay(500);
		}
		const baseUrl = `http://127.0.0.1:${port}`;
		// Each trigger's banner entry names its event: `Dispo Call URL for "…"`, `Web Form (Screen Pop) for "…"`.
		const fired = [...output.matchAll(/^(?:Dispo Call URL|Web Form \(Screen Pop\)) for "(.+)"$/gm)].map((match) => match[1]);
		const needsOtherCredentials = (workflow: WorkflowFixture) =>
			workflow.nodes.some((node) => Object.keys(node.credentials ?? {}).some((type) => !DEMO_CREDENTIALS.includes(type)));
		const withTrigger = examples.filter((workflow) => workflow.nodes.some((node) => node.type === TRIGGER_TYPE));
		expect(fired.sort()).toEqual(withTrigger.filter((workflow) => !needsOtherCredentials(workflow)).map((workflow) => workflow.name).sort());
		expect(fired.length).toBeGreaterThan(0);
		const notPublished = /^Imported but not published.*\n((?: {2}".+\n)+)/m.exec(output)?.[1] ?? '';
		expect([...notPublished.matchAll(/^ {2}"(.+)" \(/gm)].map((match) => match[1]).sort()).toEqual(
			withTrigger.filter(needsOtherCredentials).map((workflow) => workflow.name).sort(),
		);

		const rest = new RestSession(baseUrl);
		await rest.ownerSetupOrLogin();
		const apiKey = await rest.createApiKey('demo test');
		const api = async <T,>(path: string): Promise<T> => {
			const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' } });
			if (response.status !== 200) throw new Error(`GET /api/v1${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
			return (await response.json()) as T;
		};
		const executionsOf = async (workflowId: string): Promise<ExecutionSummary[]> => {
			const all: ExecutionSummary[] = [];
			let cursor: string | undefined;
			do {
				const page = await api<{ data: ExecutionSummary[]; nextCursor?: string | null }>(
					`/executions?workflowId=${encodeURIComponent(workflowId)}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
				);
				all.push(...page.data);
				cursor = page.nextCursor ?? undefined;
			} while (cursor);
			return all;
		};

		await delay(FIRE_WINDOW_MS);
		const cutoff = Date.now();

		const workflows = (await api<{ data: { id: string; name: string }[] }>('/workflows?limit=250')).data;
		expect(workflows.map((workflow) => workflow.name).sort()).toEqual(examples.map((workflow) => workflow.name).sort());

		// Everything that started before the cutoff, once it has finished (firing goes on meanwhile).
		const byWorkflow = new Map<string, ExecutionSummary[]>();
		const settleBy = Date.now() + 60_000;
		for (const workflow of workflows) {
			for (;;) {
				const list = (await executionsOf(workflow.id)).filter((execution) => Date.parse(execution.startedAt) < cutoff);
				if (list.every((execution) => execution.stoppedAt !== null) || Date.now() > settleBy) {
					byWorkflow.set(workflow.name, list);
					break;
				}
				await delay(1000);
			}
		}

		const notGreen = [...byWorkflow].flatMap(([name, list]) =>
			list.filter((execution) => execution.status !== 'success').map((execution) => `${name}: execution ${execution.id} ${execution.status}`),
		);
		expect(notGreen).toEqual([]);
		const counts = Object.fromEntries(fired.map((name) => [name, byWorkflow.get(name)?.length ?? 0]));
		for (const name of fired) expect({ name, ran: (counts[name] ?? 0) > 0 }).toEqual({ name, ran: true });
		// About one call a second for FIRE_WINDOW_MS: allow a busy machine half of that.
		for (const name of fired) expect(counts[name]).toBeGreaterThanOrEqual(FIRE_WINDOW_MS / 2000);

		// What the runs covered: every status the simulator cycles through, and a DNC number added again.
		const dispos = new Set<string>();
		const dncReplies: Record<string, unknown>[] = [];
		for (const workflow of examples.filter((candidate) => fired.includes(candidate.name))) {
			const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE)?.name ?? '';
			const dncNodes = workflow.nodes.filter((node) => node.parameters.operation === 'add_dnc_phone').map((node) => node.name);
			for (const summary of byWorkflow.get(workflow.name) ?? []) {
				const detail = await api<ExecutionDetail>(`/executions/${summary.id}?includeData=true`);
				const runData = detail.data?.resultData?.runData ?? {};
				for (const item of runData[trigger]?.[0]?.data?.main?.flat() ?? []) {
					const fields = item?.json.fields as Record<string, unknown> | undefined;
					if (typeof fields?.dispo === 'string') dispos.add(fields.dispo);
				}
				for (const name of dncNodes) dncReplies.push(...(runData[name]?.[0]?.data?.main?.flat() ?? []).map((item) => item?.json ?? {}));
			}
		}
		expect([...dispos].sort()).toEqual(createState().systemStatuses.map((status) => status.status).sort());
		expect(dncReplies.some((reply) => reply.alreadyDone === true)).toBe(true);
		expect(dncReplies.some((reply) => reply.alreadyDone !== true && reply.error === undefined)).toBe(true);

		// The simulator's call-outs all got through, and the CRM stand-in got the DNC dispositions.
		expect(output).not.toContain('[simulator] call-out failed');
		expect(output).toMatch(/\[simulator\] lead \d+ dispositioned DNC -> n8n answered 200/);
		expect(output).toMatch(/\[crm\/chat stand-in\] POST \/crm\/api\/vicidial\/dnc \{"phone":/);
	});
});
