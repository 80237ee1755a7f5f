/**
 * A real n8n for one test file: a fresh user folder with our packed package installed as
 * n8n's Community Nodes installer does, credentials and workflows imported, trigger
 * workflows published, `n8n start` on free 127.0.0.1 ports, an owner and a public-API key.
 *
 * The n8n version comes from N8N_E2E_VERSION (default 2.8.4); `npm run test:e2e:next`
 * sets 2.41.1. n8n must be installed and the package built before jest starts (the
 * test:e2e script runs scripts/n8n/install.sh and `npm run build`), so no test waits
 * five minutes inside a timeout.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	DEFAULT_N8N_VERSION,
	ROOT,
	RestSession,
	delay,
	freePort,
	installPackage,
	isN8nInstalled,
	n8nCommand,
	n8nCommandChecked,
	n8nEnv,
	n8nInstall,
	startN8n,
	waitForWebhook,
	type CommandResult,
	type N8nInstall,
	type RunningN8n,
} from '../../scripts/n8n/lib.cjs';

export const N8N_VERSION = process.env.N8N_E2E_VERSION ?? DEFAULT_N8N_VERSION;

/**
 * One entry of an `n8n import:credentials` file; plain `data` is encrypted on import. An OAuth2
 * credential carries its tokens as an object (`oauthTokenData`).
 */
export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, string | number | boolean | Record<string, string | number | boolean>>;
}

/** The parts of a workflow file n8n's import reads (n8n-notes §3). */
export interface WorkflowFixture {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	active?: boolean;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	continueOnFail?: boolean;
	onError?: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
}

export interface NodeRun {
	data?: { main?: ({ json: Record<string, unknown> }[] | null)[] };
	error?: { message?: string; description?: string; name?: string };
	executionStatus?: string;
}

export interface ExecutionDetail extends ExecutionSummary {
	data?: { resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string } } };
}

export interface ExecuteResult extends CommandResult {
	/** The run JSON `n8n execute --rawOutput` printed, or undefined when it printed none. */
	output: ExecuteOutput | undefined;
}

export interface ExecuteOutput {
	data?: { resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string } } };
	status?: string;
	finished?: boolean;
}

export interface E2eOptions {
	credentials?: CredentialFixture[];
	workflows?: WorkflowFixture[];
	/** Ids of workflows to publish (activate) before `n8n start`. */
	publish?: string[];
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
	/** A name for the user folder under .n8n-e2e/ (the test file's name reads best). */
	label?: string;
}

export interface E2eN8n {
	readonly version: string;
	readonly baseUrl: string;
	readonly userFolder: string;
	readonly apiKey: string;
	/** Logged in as the owner, for the editor's own endpoints (`/rest/...`). */
	readonly rest: RestSession;
	/** Production webhook URL: `/webhook/<webhookId>/<path>` (n8n-notes §3). */
	webhookUrl(webhookId: string, path: string): string;
	/** `n8n execute --id=<id> --rawOutput` in a second process against the same database. */
	execute(workflowId: string): Promise<ExecuteResult>;
	/** `GET /api/v1/executions?workflowId=` through the public API, newest first. */
	executions(workflowId: string): Promise<ExecutionSummary[]>;
	/** One execution with its run data. */
	execution(id: string): Promise<ExecutionDetail>;
	/** Polls until the workflow has `count` finished executions (any status). */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<ExecutionSummary[]>;
	/** Polls a production webhook until n8n has registered it (lib.ts waitForWebhook). */
	waitForWebhook(url: string, timeoutMs?: number): Promise<void>;
	/** What n8n printed, for failure messages. */
	logs(): string;
	/** Stops n8n and starts it again on the same folder, database and ports; `whileDown` runs between. */
	restart(whileDown?: () => void | Promise<void>): Promise<void>;
	stop(): Promise<void>;
}

/** Fails early, with the command to run, when the suite starts without n8n installed. */
export function requireInstall(version = N8N_VERSION): N8nInstall {
	if (!isN8nInstalled(version)) {
		throw new Error(`n8n ${version} is not installed: run \`bash scripts/n8n/install.sh ${version}\` (the test:e2e scripts do)`);
	}
	return n8nInstall(version);
}

export async function startE2eN8n(options: E2eOptions = {}): Promise<E2eN8n> {
	const install = requireInstall();
	const userFolder = join(ROOT, '.n8n-e2e', `${options.label ?? 'n8n'}-${process.pid}-${Date.now()}`);
	mkdirSync(userFolder, { recursive: true });
	const ports = { port: await freePort(), brokerPort: await freePort() };
	const env = n8nEnv(install, userFolder, ports, { N8N_LOG_LEVEL: 'warn', ...options.env });
	let running: RunningN8n | undefined;

	const cleanup = async () => {
		await running?.stop();
		// KEEP_E2E=1 leaves the folder (database, logs) for a post-mortem.
		if (!process.env.KEEP_E2E) rmSync(userFolder, { recursive: true, force: true });
	};

	try {
		await installPackage(userFolder);
		if (options.credentials?.length) {
			const file = join(userFolder, 'credentials.json');
			writeFileSync(file, JSON.stringify(options.credentials, null, 2));
			await n8nCommandChecked(install, env, ['import:credentials', `--input=${file}`]);
		}
		if (options.workflows?.length) {
			const dir = join(userFolder, 'workflows');
			mkdirSync(dir, { recursive: true });
			for (const workflow of options.workflows) writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
			await n8nCommandChecked(install, env, ['import:workflow', '--separate', `--input=${dir}`]);
		}
		for (const id of options.publish ?? []) {
			await n8nCommandChecked(install, env, ['publish:workflow', `--id=${id}`]);
		}
		running = await startN8n(install, env);
	} catch (error) {
		await cleanup();
		throw error;
	}

	let server = running;
	const rest = new RestSession(server.baseUrl);
	let apiKey: string;
	try {
		await rest.ownerSetupOrLogin();
		apiKey = await rest.createApiKey();
	} catch (error) {
		await cleanup();
		throw error;
	}

	const publicApi = async <T,>(path: string): Promise<T> => {
		const response = await fetch(`${server.baseUrl}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' } });
		const text = await response.text();
		if (response.status !== 200) throw new Error(`GET /api/v1${path} answered ${response.status}: ${text.slice(0, 500)}`);
		return JSON.parse(text) as T;
	};

	const executions = async (workflowId: string) =>
		(await publicApi<{ data: ExecutionSummary[] }>(`/executions?workflowId=${encodeURIComponent(workflowId)}&limit=250`)).data;

	return {
		version: install.version,
		baseUrl: server.baseUrl,
		userFolder,
		apiKey,
		rest,
		webhookUrl: (webhookId, path) => `${server.baseUrl}/webhook/${webhookId}/${path}`,
		async execute(workflowId) {
			// The running server holds the task-runner broker port: this process needs its own.
			// `execute` prints the run through the logger at info level, so it needs that level.
			const executeEnv: NodeJS.ProcessEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_LOG_LEVEL: 'info' };
			if (install.nodeBin !== process.execPath && !options.env?.N8N_EXPRESSION_ENGINE) {
				// n8n 2.39 on Node 24: with its default `vm` expression engine (isolated-vm) the
				// `execute` process segfaulted at exit in 2 of 6 runs here, after its exit hook had
				// seen code 0, so the exit code said nothing about the run. The legacy engine: 0 of 6.
				// The server (webhook runs in chain.test.ts) keeps the default engine.
				executeEnv.N8N_EXPRESSION_ENGINE = 'legacy';
			}
			const result = await n8nCommand(install, executeEnv, ['execute', `--id=${workflowId}`, '--rawOutput']);
			return { ...result, output: parseRawOutput(result.stdout) };
		},
		executions,
		execution: (id) => publicApi<ExecutionDetail>(`/executions/${encodeURIComponent(id)}?includeData=true`),
		async waitForExecutions(workflowId, count, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const list = (await executions(workflowId)).filter((execution) => execution.stoppedAt !== null);
				if (list.length >= count) return list;
				if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${list.length} of ${count} executions after ${timeoutMs} ms\n${server.output().slice(-3000)}`);
				await delay(250);
			}
		},
		async waitForWebhook(url, timeoutMs = 20_000) {
			try {
				await waitForWebhook(url, timeoutMs);
			} catch (error) {
				throw new Error(`${(error as Error).message}\n${server.output().slice(-3000)}`);
			}
		},
		logs: () => server.output(),
		restart: async (whileDown) => {
			await running?.stop();
			running = undefined;
			await whileDown?.();
			running = await startN8n(install, env);
			server = running;
			await rest.ownerSetupOrLogin();
		},
		stop: cleanup,
	};
}

/**
 * `execute` prints the run as pretty JSON through n8n's logger (info level), among n8n's own
 * log lines, and on failure before the error text. The JSON starts at a line `{` and ends at
 * a line `}`: try those pairs in order.
 */
export function parseRawOutput(stdout: string): ExecuteOutput | undefined {
	const lines = stdout.split('\n');
	for (let first = 0; first < lines.length; first++) {
		if (lines[first] !== '{') continue;
		for (let last = first + 1; last < lines.length; last++) {
			if (lines[last] !== '}') continue;
			try {
				return JSON.parse(lines.slice(first, last + 1).join('\n')) as ExecuteOutput;
			} catch {
				// A nested object closed at column 0 would not parse yet: try the next `}`.
				continue;
			}
		}
	}
	return undefined;
}

/** The JSON items a node produced in a run (first run, first output). */
export function nodeOutput(runData: Record<string, NodeRun[]> | undefined, nodeName: string): Record<string, unknown>[] {
	const runs = runData?.[nodeName];
	if (!runs?.length) return [];
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** A VICIdial hook-secret credential: the query secret `token=<secret>`, as VICIdial's call-outs carry it. */
export function hookSecretCredential(id: string, name: string, secret: string): CredentialFixture {
	return { id, name, type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret } };
}

/**
 * n8n with one trigger workflow published and its hook-secret credential, returned once the
 * trigger's production webhook (`/webhook/<webhookId>/vicidial`) answers.
 */
export async function startPublishedTrigger(label: string, workflow: WorkflowFixture, credential: CredentialFixture, webhookId: string): Promise<E2eN8n> {
	const n8n = await startE2eN8n({ label, credentials: [credential], workflows: [workflow], publish: [workflow.id] });
	await n8n.waitForWebhook(n8n.webhookUrl(webhookId, 'vicidial'));
	return n8n;
}

/** Every process below `root`, by ppid links (which survive n8n's own process group). */
export function descendants(root: number): number[] {
	const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
		.stdout.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/).map(Number));
	const found: number[] = [];
	let frontier = [root];
	while (frontier.length > 0) {
		const children = table.filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
		found.push(...children);
		frontier = children;
	}
	return found;
}

/** Alive and not a zombie waiting for a parent to reap it. */
export function running(pid: number): boolean {
	const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
	return state !== '' && !state.startsWith('Z');
}

/** A shipped example workflow (examples/<file>), parsed afresh so a test may edit its copy. */
export const loadExample = (file: string) => JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as WorkflowFixture;

/** Sets the one URL assignment of the Set node `nodeName` to `url`; fails when the example moved it. */
export function pointAt(workflow: WorkflowFixture, nodeName: string, url: string): WorkflowFixture {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	const assignments = (node?.parameters.assignments as { assignments?: { name: string; value: string }[] } | undefined)?.assignments;
	if (!node || assignments?.length !== 1 || !/^https:\/\//.test(assignments[0].value)) {
		throw new Error(`${workflow.name}: no Set node "${nodeName}" holding one https:// URL`);
	}
	assignments[0].value = url;
	return workflow;
}
