/**
 * `npm start`: our nodes in a real n8n, with the VICIdial simulator as the dialer.
 *
 * Builds the package, installs n8n once (.cache/n8n-<version>/, about 5 minutes the first
 * time), installs the packed package as n8n's Community Nodes installer does, starts the
 * simulator, imports a credential pointing at it and the workflows of examples/, publishes
 * the trigger workflows (not those that need a credential the demo has none of, such as a
 * HubSpot or Salesforce account: every run of those would fail), starts n8n on 127.0.0.1:5678
 * and prints the editor URL, the login and each trigger's paste-ready string (its event, where it goes). The
 * simulator then fires a dispositioned call every 30 s at each published VICIdial Trigger
 * example, so executions appear. The examples' CRM and
 * chat URLs (https://*.example.com in their Set nodes) point at a local stand-in that answers
 * 200 and prints what it got, so every execution of the demo is green. Ctrl-C stops everything, and so does a SIGINT,
 * SIGTERM or SIGHUP to the npm process or closing its terminal: n8n and the simulator go too.
 *
 *   npm start
 *   npm start -- --vicidial-url=https://dialer.example.com   (VICIDIAL_USER / VICIDIAL_PASS)
 *   npm start -- --port=5679 --fire-every=10 --n8n-version=2.41.1 --fresh
 *
 * Options: --vicidial-url (or VICIDIAL_URL), --port (5678), --fire-every seconds (30; 0 never),
 * --n8n-version (2.8.4), --webhook-url (the URL VICIdial reaches n8n at, for a real dialer
 * behind a tunnel or proxy; n8n itself listens on 127.0.0.1 only), --fresh (a new user folder),
 * --user-folder (n8n's data folder; .cache/n8n-user-<version> by default).
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';

import {
	DEFAULT_N8N_VERSION,
	OWNER,
	ROOT,
	RestSession,
	buildPackage,
	declaredCredentialNames,
	ensureN8n,
	freePort,
	installPackage,
	n8nCommandChecked,
	n8nEnv,
	portInUse,
	stableId,
	stableUuid,
	startN8n,
	waitForWebhook,
	type RunningN8n,
} from './lib.cjs';

/** The simulator's admin API user (simulator/state.cts seedUsers, the docs' examples). */
const SIMULATOR_USER = '6666';
const SIMULATOR_PASS = '1234';
const SIMULATOR_PORT = 8081;
/** The stand-in for the examples' CRM and chat channel. */
const STAND_IN_PORT = 8082;
const API_CREDENTIAL = { id: 'vicidialStartApi', name: 'VICIdial (npm start)' };
const HOOK_CREDENTIAL = { id: 'vicidialStartHook', name: 'VICIdial hook secret (npm start)' };
const TRIGGER_TYPE = 'n8n-nodes-vicidial.vicidialTrigger';
const SETUP_PARAMETER = 'n8n_setup';
const HOOK_PARAMETER = 'token';

interface Options {
	port: number;
	version: string;
	fireEverySeconds: number;
	fresh: boolean;
	userFolder?: string;
	webhookUrl?: string;
	/** A real VICIdial instead of the simulator. */
	vicidial?: { url: string; user: string; pass: string };
}

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	parameters?: Record<string, unknown>;
}

interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: unknown;
	active?: boolean;
}

/** simulator/server.cts and simulator/hooks.cts, imported only when the checkout has them. */
interface SimulatorModules {
	startSimulator: typeof import('../../simulator/server.cjs').startSimulator;
	fireCallout: typeof import('../../simulator/hooks.cjs').fireCallout;
	sampleDispo: Record<string, string | number>;
}

type Simulator = Awaited<ReturnType<SimulatorModules['startSimulator']>>;

function parseOptions(argv: string[]): Options {
	const flag = (name: string): string | undefined => {
		const prefix = `--${name}=`;
		const hit = argv.find((arg) => arg.startsWith(prefix));
		return hit === undefined ? undefined : hit.slice(prefix.length);
	};
	const known = ['vicidial-url', 'port', 'fire-every', 'n8n-version', 'webhook-url', 'fresh', 'user-folder', 'help'];
	for (const arg of argv) {
		const name = arg.replace(/^--/, '').split('=')[0];
		if (!known.includes(name)) throw new Error(`unknown option ${arg}; known: ${known.map((k) => `--${k}`).join(' ')}`);
	}
	if (argv.includes('--help')) {
		process.stdout.write(readFileSync(__filename, 'utf8').split('*/')[0]);
		process.exit(0);
	}
	const vicidialUrl = flag('vicidial-url') ?? process.env.VICIDIAL_URL;
	const options: Options = {
		port: Number(flag('port') ?? 5678),
		version: flag('n8n-version') ?? DEFAULT_N8N_VERSION,
		fireEverySeconds: Number(flag('fire-every') ?? 30),
		fresh: argv.includes('--fresh'),
		webhookUrl: flag('webhook-url'),
		userFolder: flag('user-folder'),
	};
	if (vicidialUrl) {
		const user = process.env.VICIDIAL_USER;
		const pass = process.env.VICIDIAL_PASS;
		if (!user || !pass) throw new Error('a real VICIdial needs VICIDIAL_USER and VICIDIAL_PASS (an API user with "Agent API Access")');
		options.vicidial = { url: vicidialUrl.replace(/\/+$/, ''), user, pass };
	}
	if (!Number.isInteger(options.port) || options.port <= 0) throw new Error(`--port must be a port number; got ${flag('port')}`);
	if (!Number.isFinite(options.fireEverySeconds) || options.fireEverySeconds < 0) throw new Error('--fire-every must be seconds (0 = never)');
	return options;
}

/** One timed step, so a slow first run shows where the time goes. */
async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	process.stdout.write(`> ${label}\n`);
	const result = await work();
	process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	return result;
}

async function loadSimulator(): Promise<SimulatorModules | undefined> {
	if (!existsSync(join(ROOT, 'simulator', 'server.cts')) || !existsSync(join(ROOT, 'simulator', 'hooks.cts'))) return undefined;
	const server = await import('../../simulator/server.cjs');
	const hooks = await import('../../simulator/hooks.cjs');
	return { startSimulator: server.startSimulator, fireCallout: hooks.fireCallout, sampleDispo: { ...hooks.SAMPLE_CALLS.dispo } };
}

/** The hook secret is made once per user folder: a real VICIdial keeps the pasted URL. */
function hookSecret(userFolder: string): string {
	const file = join(userFolder, 'hook-secret.txt');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const secret = randomBytes(18).toString('base64url');
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}

/**
 * examples/*.json as n8n imports them: stable ids (re-importing updates instead of copying),
 * a webhookId on every webhook node, and credential references pointing at ours.
 */
function exampleWorkflows(): { file: string; workflow: Workflow }[] {
	const dir = join(ROOT, 'examples');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow;
			workflow.id = workflow.id ?? stableId(`examples/${file}`);
			delete workflow.active;
			for (const node of workflow.nodes) {
				if (node.credentials?.vicidialApi) node.credentials.vicidialApi = { ...API_CREDENTIAL };
				if (node.credentials?.vicidialTriggerApi) node.credentials.vicidialTriggerApi = { ...HOOK_CREDENTIAL };
				if (isTriggerNode(node) && !node.webhookId) node.webhookId = stableUuid(`${workflow.id}/${node.name}`);
			}
			return { file, workflow };
		});
}

/**
 * Nodes that make a workflow worth publishing: anything that listens, not the manual trigger.
 * The Error Trigger counts: n8n 2.x runs an error workflow only once it is published (its log
 * says "is not active and cannot be executed" otherwise).
 */
function isTriggerNode(node: WorkflowNode): boolean {
	if (node.type === 'n8n-nodes-base.manualTrigger') return false;
	return /trigger$/i.test(node.type) || node.type === 'n8n-nodes-base.webhook';
}

/**
 * Credential types a workflow names that the demo has none of (a HubSpot or Salesforce account):
 * such an example is imported but not published, since every run of it would fail.
 */
function missingCredentials(workflow: Workflow, available: readonly string[]): string[] {
	const named = new Set(workflow.nodes.flatMap((node) => Object.keys(node.credentials ?? {})));
	return [...named].filter((type) => !available.includes(type)).sort();
}

/** A CRM or chat URL of the examples' own, which leads nowhere: https://<name>.example.com/... */
const EXAMPLE_URL = /^https:\/\/([a-z0-9-]+)\.example\.com(\/[^\s]*)?$/;

/**
 * Points the Set nodes' https://<name>.example.com URLs at the stand-in (`<standIn>/<name><path>`),
 * in place; returns the workflows' names with what they now post to.
 */
function pointAtStandIn(workflows: Workflow[], standIn: string): string[] {
	const changed: string[] = [];
	for (const workflow of workflows) {
		for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.set')) {
			const assignments = (node.parameters?.assignments as { assignments?: { name: string; value: unknown }[] } | undefined)?.assignments ?? [];
			for (const assignment of assignments) {
				const match = typeof assignment.value === 'string' ? EXAMPLE_URL.exec(assignment.value) : null;
				if (!match) continue;
				assignment.value = `${standIn}/${match[1]}${match[2] ?? ''}`;
				changed.push(`"${workflow.name}" (${node.name}: ${assignment.value})`);
			}
		}
	}
	return changed;
}

/** A local HTTP server standing in for the CRM and the chat channel: 200 `{"ok":true}` to anything, and a line on stdout. */
async function startStandIn(): Promise<{ url: string; stop: () => Promise<void> }> {
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ');
			process.stdout.write(`[crm/chat stand-in] ${request.method} ${request.url} ${body.length > 300 ? `${body.slice(0, 300)}...` : body}\n`);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
		});
	});
	const port = (await portInUse(STAND_IN_PORT)) ? 0 : STAND_IN_PORT;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const address = server.address();
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
	return { url, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What a trigger's setup request answers (VicidialTrigger.node.ts, buildSetupText). */
interface PasteReady {
	/** The event's name, as the setup text's first line gives it (`Dispo Call URL`, `Web Form (Screen Pop)`). */
	event: string;
	url: string;
	/** Where in VICIdial's screens it goes. */
	where: string;
}

/** Asks the running trigger for its paste-ready string and where it goes. */
async function pasteReady(productionUrl: string, secret: string): Promise<PasteReady | undefined> {
	const response = await fetch(`${productionUrl}?${SETUP_PARAMETER}=1&${HOOK_PARAMETER}=${encodeURIComponent(secret)}`);
	const lines = (await response.text()).split('\n');
	const index = lines.indexOf('Paste this exact string:');
	if (response.status !== 200 || index < 0) return undefined;
	const event = lines[0].replace(/^VICIdial Trigger: /, '');
	const where = lines.find((line) => line.startsWith('Where: '))?.slice('Where: '.length) ?? '';
	return { event, url: lines[index + 1], where };
}

/** A process that launched us, with the parent it had then. */
interface Launcher {
	pid: number;
	ppid: number;
}

/**
 * The processes that launched us, up to npm: `npm start` runs npm, then tsx (the script line
 * execs it, so npm's SIGINT and SIGTERM reach tsx, which relays them to us), then this script.
 * npm passes no SIGHUP on and dies of it, leaving tsx and us behind; watching these processes
 * is how we notice. Outside npm only the direct parent is watched.
 */
function launchers(): Launcher[] {
	const chain: Launcher[] = [];
	let pid = process.ppid;
	for (let depth = 0; depth < 4 && pid > 1; depth++) {
		const ps = spawnSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' });
		const match = /^(\d+)\s+(.*)$/.exec((ps.stdout ?? '').trim());
		if (!match) break;
		chain.push({ pid, ppid: Number(match[1]) });
		if (process.env.npm_lifecycle_event === undefined || /(^|\/)npm(\s|$)|npm-cli/.test(match[2])) break;
		pid = Number(match[1]);
	}
	return chain;
}

/**
 * The first launcher that is gone: exited, a zombie nobody reaped (some containers' init does
 * not), or orphaned (its parent changed, so whatever ran it has stopped).
 */
function goneLauncher(chain: readonly Launcher[]): number | undefined {
	if (chain.length === 0) return undefined;
	const ps = spawnSync('ps', ['-o', 'pid=,ppid=,stat=', '-p', chain.map((launcher) => launcher.pid).join(',')], { encoding: 'utf8' });
	// ps itself failing (no ps on this system) is no evidence that anything stopped.
	if (ps.error) return undefined;
	const rows = new Map(
		(ps.stdout ?? '')
			.trim()
			.split('\n')
			.map((line) => line.trim().split(/\s+/))
			.map(([pid, ppid, stat]) => [Number(pid), { ppid: Number(ppid), stat: stat ?? '' }]),
	);
	return chain.find((launcher) => {
		const row = rows.get(launcher.pid);
		return row === undefined || row.stat.startsWith('Z') || row.ppid !== launcher.ppid;
	})?.pid;
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const started = Date.now();

	const stops: (() => Promise<void>)[] = [];
	let stopping = false;
	const shutdown = async (code: number, why: string) => {
		if (stopping) return;
		stopping = true;
		// After SIGHUP the terminal is gone and writing to it fails: stopping must not.
		process.stdout.on('error', () => undefined);
		process.stderr.on('error', () => undefined);
		process.stdout.write(`\n${why}: stopping n8n and the simulator...\n`);
		for (const stop of stops.reverse()) await stop().catch((error: Error) => process.stderr.write(`${error.message}\n`));
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0, signal));
	const watched = launchers();
	const watch = setInterval(() => {
		const gone = goneLauncher(watched);
		if (gone !== undefined) void shutdown(0, `process ${gone} that started us is gone`);
	}, 2000);
	watch.unref();

	const userFolder = options.userFolder ?? join(ROOT, '.cache', `n8n-user-${options.version}`);
	if (options.fresh) rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	if (await portInUse(options.port)) {
		throw new Error(`port ${options.port} on 127.0.0.1 is taken (another n8n?); stop it or run \`npm start -- --port=${options.port + 1}\``);
	}

	const simulatorModules = options.vicidial ? undefined : await loadSimulator();
	if (!options.vicidial && !simulatorModules) {
		throw new Error(
			'simulator/server.cts or simulator/hooks.cts is not in this checkout, so there is no dialer to start.\n' +
				'Point npm start at a real VICIdial: VICIDIAL_USER=... VICIDIAL_PASS=... npm start -- --vicidial-url=https://dialer.example.com',
		);
	}

	await step('building the package (npm run build)', () => buildPackage(false));
	const install = await step(`installing n8n ${options.version} if needed (about 5 minutes the first time)`, () => ensureN8n(options.version));
	await step('installing n8n-nodes-vicidial into n8n the way the Community Nodes installer does', () => installPackage(userFolder));

	let dialer: { url: string; user: string; pass: string; label: string };
	let simulator: Simulator | undefined;
	if (simulatorModules) {
		const port = (await portInUse(SIMULATOR_PORT)) ? 0 : SIMULATOR_PORT;
		const sim = await step('starting the VICIdial simulator', () => simulatorModules.startSimulator({ port }));
		simulator = sim;
		stops.push(() => sim.stop());
		dialer = { url: sim.url, user: SIMULATOR_USER, pass: SIMULATOR_PASS, label: `simulator at ${sim.url}` };
	} else {
		const real = options.vicidial as NonNullable<Options['vicidial']>;
		dialer = { ...real, label: `VICIdial at ${real.url}` };
	}

	const ports = { port: options.port, brokerPort: await freePort() };
	const webhookUrl = options.webhookUrl ? options.webhookUrl.replace(/\/?$/, '/') : undefined;
	const env = n8nEnv(install, userFolder, ports, webhookUrl ? { WEBHOOK_URL: webhookUrl } : {});
	const secret = hookSecret(userFolder);

	const declared = declaredCredentialNames();
	const credentials = [
		{ ...API_CREDENTIAL, type: 'vicidialApi', data: { baseUrl: dialer.url, apiUser: dialer.user, password: dialer.pass, source: 'n8n' } },
		{ ...HOOK_CREDENTIAL, type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: HOOK_PARAMETER, secret } },
	].filter((credential) => declared.includes(credential.type));
	await step('importing the credentials', async () => {
		const file = join(userFolder, 'start-credentials.json');
		writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		await n8nCommandChecked(install, env, ['import:credentials', `--input=${file}`]);
		rmSync(file);
	});

	const examples = exampleWorkflows();
	const available = credentials.map((credential) => credential.type);
	const listening = examples.filter(({ workflow }) => workflow.nodes.some(isTriggerNode));
	const published = listening.filter(({ workflow }) => missingCredentials(workflow, available).length === 0);
	const unpublished = listening.filter(({ workflow }) => missingCredentials(workflow, available).length > 0);
	const standIn = await step('starting the stand-in for the examples\' CRM and chat channel', () => startStandIn());
	stops.push(() => standIn.stop());
	const pointed = pointAtStandIn(
		examples.map(({ workflow }) => workflow),
		standIn.url,
	);
	if (examples.length > 0) {
		await step(`importing ${examples.length} example workflow(s) from examples/`, async () => {
			const dir = join(userFolder, 'start-workflows');
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			for (const { file, workflow } of examples) writeFileSync(join(dir, file), JSON.stringify(workflow, null, 2));
			await n8nCommandChecked(install, env, ['import:workflow', '--separate', `--input=${dir}`]);
		});
		for (const { workflow } of published) {
			// publish:workflow only edits the database: it must run before `n8n start` (n8n-notes §3).
			await step(`publishing "${workflow.name}"`, () => n8nCommandChecked(install, env, ['publish:workflow', `--id=${workflow.id}`]));
		}
	}

	const logFile = join(userFolder, 'n8n.log');
	const log = createWriteStream(logFile, { flags: 'a' });
	const n8n: RunningN8n = await step(`starting n8n ${options.version} on 127.0.0.1:${options.port}`, () => startN8n(install, env, { log }));
	stops.push(() => n8n.stop());
	const rest = new RestSession(n8n.baseUrl);
	await rest.ownerSetupOrLogin();

	const publicBase = (webhookUrl ?? `${n8n.baseUrl}/`).replace(/\/$/, '');
	const hooks: Array<PasteReady & { workflow: string }> = [];
	const hookIds: string[] = [];
	for (const { workflow } of published) {
		for (const node of workflow.nodes.filter((candidate) => candidate.type === TRIGGER_TYPE)) {
			// The trigger answers setup requests on its production URL; n8n listens on 127.0.0.1.
			const localUrl = `${n8n.baseUrl}/webhook/${node.webhookId}/vicidial`;
			await waitForWebhook(localUrl);
			const ready = await pasteReady(localUrl, secret);
			if (ready) {
				hooks.push({ ...ready, workflow: workflow.name, url: ready.url.replace(n8n.baseUrl, publicBase) });
				hookIds.push(String(node.webhookId));
			}
		}
	}

	const lines = [
		'',
		`n8n ${options.version} with n8n-nodes-vicidial is running (${((Date.now() - started) / 1000).toFixed(0)} s)`,
		`  Editor:   ${n8n.baseUrl}/`,
		`  Login:    ${OWNER.email} / ${OWNER.password}`,
		`  VICIdial: ${dialer.label} (API user ${dialer.user})`,
		`  n8n log:  ${logFile}`,
	];
	for (const hook of hooks) {
		lines.push('', `${hook.event} for "${hook.workflow}"`, `(${hook.where} Paste it as one line.)`, hook.url);
	}
	if (hooks.length === 0) lines.push('', 'No VICIdial Trigger workflow in examples/: nothing to paste into VICIdial.');
	const crmHooks = published
		.filter(({ workflow }) => !workflow.nodes.some((node) => node.type === TRIGGER_TYPE))
		.flatMap(({ workflow }) =>
			workflow.nodes
				.filter((node) => node.type === 'n8n-nodes-base.webhook')
				.map((node) => `  ${String(node.parameters?.httpMethod ?? 'GET')} ${publicBase}/webhook/${String(node.parameters?.path)}   ("${workflow.name}")`),
		);
	if (crmHooks.length > 0) lines.push('', 'Webhooks for a CRM to call (nothing calls them in this demo; POST JSON as the sticky note says):', ...crmHooks);
	if (unpublished.length > 0) {
		lines.push(
			'',
			'Imported but not published: they need credentials this demo has none of (add yours in the editor, then publish):',
			...unpublished.map(({ workflow }) => `  "${workflow.name}" (${missingCredentials(workflow, available).join(', ')})`),
		);
	}
	if (pointed.length > 0) {
		lines.push('', `CRM and chat stand-in: ${standIn.url} (answers 200, prints each request as [crm/chat stand-in]); it receives from`, ...pointed.map((line) => `  ${line}`));
	}
	lines.push(
		'',
		`Hook secret: ${secret}`,
		`  (this local demo's; kept in ${join(userFolder, 'hook-secret.txt')}, used by the credential "${HOOK_CREDENTIAL.name}", parameter ${HOOK_PARAMETER})`,
	);
	if (existsSync(join(ROOT, 'simulator', 'fire.cts'))) {
		const exampleUrl = hooks.length > 0 ? `${n8n.baseUrl}/webhook/${hookIds[0]}/vicidial` : `${n8n.baseUrl}/webhook-test/<webhook id>/vicidial`;
		lines.push(
			'',
			'Fire a call-out yourself, any event (npm run fire -- --help lists them):',
			`  npm run fire -- --event=dispo --dispo=SALE --secret=${secret} --url=${exampleUrl}`,
			'At your own workflow: give its VICIdial Trigger the credential above, click "Listen for test event"',
			'and fire at the Test URL the trigger shows (/webhook-test/...), e.g. --event=start or --event=agentEvents.',
		);
	}
	if (simulator && hooks.length > 0 && options.fireEverySeconds > 0) {
		lines.push(
			'',
			`The simulator dispositions a call every ${options.fireEverySeconds} s (every status in turn, the same lead now and then) at`,
			...hooks.map((hook) => `  "${hook.workflow}"`),
			'watch the executions in the editor (Overview > Executions).',
		);
	}
	if (options.vicidial && !webhookUrl) {
		lines.push('', 'n8n listens on 127.0.0.1 only: give VICIdial a way in (tunnel or proxy) and restart with --webhook-url=<that address>.');
	}
	lines.push('', 'Ctrl-C stops everything.', '');
	process.stdout.write(lines.join('\n'));

	if (simulator && simulatorModules && hooks.length > 0 && options.fireEverySeconds > 0) {
		const sim = simulator;
		const fire = simulatorModules.fireCallout;
		let count = 0;
		const timer = setInterval(() => {
			count += 1;
			const leads = [...sim.state.leads.values()];
			const lead = leads[count % leads.length];
			const statuses = sim.state.systemStatuses;
			const status = statuses[count % statuses.length];
			const now = new Date();
			const values = {
				...simulatorModules.sampleDispo,
				lead_id: String(lead.lead_id),
				phone_number: String(lead.phone_number),
				dialed_number: String(lead.phone_number),
				first_name: String(lead.first_name),
				last_name: String(lead.last_name),
				list_id: String(lead.list_id),
				vendor_lead_code: String(lead.vendor_lead_code),
				dispo: status.status,
				dispo_name: status.status_name,
				talk_time: String(20 + ((count * 37) % 300)),
				// A new call id per call: the trigger drops repeats of the same call (its dedup key
				// is the call id, lead and status), and leads x statuses repeat after 28 calls.
				call_id: `M${String(now.getTime()).slice(-10)}${String(count).padStart(9, '0')}`,
				uniqueid: `${Math.floor(now.getTime() / 1000)}.${count}`,
				epoch: String(Math.floor(now.getTime() / 1000)),
				SQLdate: now.toISOString().slice(0, 19).replace('T', ' '),
			};
			for (const hook of hooks) {
				fire(hook.url.replace(publicBase, n8n.baseUrl), values)
					.then((reply) =>
						process.stdout.write(`[simulator] lead ${values.lead_id} dispositioned ${values.dispo} -> n8n answered ${reply.status} ${reply.body.trim()}\n`),
					)
					.catch((error: Error) => process.stdout.write(`[simulator] call-out failed: ${error.message}\n`));
			}
		}, options.fireEverySeconds * 1000);
		stops.push(async () => clearInterval(timer));
	}

	n8n.child.on('exit', (code) => {
		if (stopping) return;
		process.stderr.write(`n8n exited (code ${code}); its log: ${logFile}\n`);
		void shutdown(1, 'n8n is gone');
	});
}

main().catch((error: Error) => {
	process.stderr.write(`npm start: ${error.message}\n`);
	process.exit(1);
});
