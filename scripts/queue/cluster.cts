/**
 * n8n 2.8.4 in queue mode on one machine (issue 15, n8n-notes "Queue mode"): a PostgreSQL
 * instance, a Redis, one main (`n8n start`), workers (`n8n worker`), webhook processes
 * (`n8n webhook`) and nginx in front of the webhook processes, every one on 127.0.0.1 and on a
 * free port, with its data under one run folder (`.cache/queue/run-<pid>-<time>/`, ignored).
 *
 * Every long-running process is spawned in its own process group and its pid written to
 * `<run>/pids/<name>.pid`, so `scripts/queue/run.sh` can stop what a crashed test left behind
 * and check that nothing survives. Debian's packages must be installed (run.sh installs them).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	ENCRYPTION_KEY,
	ROOT,
	RestSession,
	delay,
	freePort,
	installPackage,
	isN8nInstalled,
	n8nCommandChecked,
	n8nEnv,
	n8nInstall,
	type N8nInstall,
} from '../n8n/lib.cjs';

export const QUEUE_DIR = join(ROOT, '.cache', 'queue');

/** Debian's PostgreSQL binaries (the `postgresql` package pulls the current major). */
export function postgresBin(): string {
	const base = '/usr/lib/postgresql';
	const majors = existsSync(base) ? readdirSync(base).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
	for (const major of majors) {
		const bin = join(base, major, 'bin');
		if (existsSync(join(bin, 'postgres'))) return bin;
	}
	throw new Error('PostgreSQL is not installed: run `npm run test:queue` (scripts/queue/run.sh installs redis-server, postgresql and nginx)');
}

/** One process of the cluster: spawned detached (its own group), output to `<run>/logs/<name>.log`. */
export interface Service {
	readonly name: string;
	readonly child: ChildProcess;
	readonly logFile: string;
	exited(): boolean;
	stop(timeoutMs?: number): Promise<void>;
}

function startService(
	run: string,
	name: string,
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string } = {},
): Service {
	const logFile = join(run, 'logs', `${name}.log`);
	const log = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(command, args, {
		env: options.env ?? process.env,
		cwd: options.cwd ?? run,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	if (child.pid !== undefined) {
		writeFileSync(join(run, 'pids', `${name}.pid`), `${child.pid}\n`);
		// scripts/queue/run.sh checks every group listed here after the run.
		if (process.env.QUEUE_PID_LOG) appendFileSync(process.env.QUEUE_PID_LOG, `${name} ${child.pid}\n`);
	}
	let done = false;
	const exit = new Promise<void>((resolveExit) =>
		child.on('exit', () => {
			done = true;
			resolveExit();
		}),
	);
	// A test that dies without stopping the cluster must not leave it running.
	const killOnExit = () => {
		if (!done && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
	};
	process.on('exit', killOnExit);
	return {
		name,
		child,
		logFile,
		exited: () => done,
		async stop(timeoutMs = 20_000) {
			process.off('exit', killOnExit);
			if (done || child.pid === undefined) return;
			killGroup(child.pid, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const stopped = await Promise.race([
				exit.then(() => true),
				new Promise<boolean>((resolveTimeout) => {
					timer = setTimeout(() => resolveTimeout(false), timeoutMs);
				}),
			]);
			clearTimeout(timer);
			if (!stopped) {
				killGroup(child.pid, 'SIGKILL');
				await exit;
			}
			// Children of the group (n8n's task runner) may outlive the leader by a moment.
			for (let i = 0; i < 50 && groupAlive(child.pid); i++) await delay(100);
			if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
		},
	};
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function tail(file: string, chars = 3000): string {
	try {
		const text = require('node:fs').readFileSync(file, 'utf8') as string;
		return text.slice(-chars);
	} catch {
		return '';
	}
}

async function waitFor(what: string, service: Service, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (service.exited()) throw new Error(`${what} exited before it was ready:\n${tail(service.logFile)}`);
		if (await probe().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms:\n${tail(service.logFile)}`);
		await delay(250);
	}
}

async function httpOk(url: string): Promise<boolean> {
	const response = await fetch(url);
	await response.arrayBuffer();
	return response.status === 200;
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, string | number | boolean>;
}

/**
 * nginx in front of VICIdial with `limit_req` (README, "Queue mode"): one request rate for every
 * worker together, queued (no `nodelay`) up to `burst` rather than refused.
 */
export interface VicidialLimit {
	/** Where VICIdial (the simulator) listens, `http://127.0.0.1:<port>`. */
	upstream: string;
	ratePerSecond: number;
	burst: number;
}

export interface ClusterOptions {
	/** Workflow files as `n8n import:workflow` reads them. */
	workflows: { id: string }[];
	/** The credentials to import; a function gets the rate-limited VICIdial URL (`vicidialLimit`). */
	credentials: Credential[] | ((urls: { limitedVicidialUrl?: string }) => Credential[]);
	vicidialLimit?: VicidialLimit;
	/** Ids to publish before the main process starts. */
	publish: string[];
	workers?: number;
	webhooks?: number;
	/** Jobs one worker runs at once (`n8n worker --concurrency`); n8n's default is 10. */
	workerConcurrency?: number;
	/**
	 * The query parameter nginx hashes on (`hash $arg_<field> consistent;`), or undefined for
	 * nginx's default round robin.
	 */
	routeBy?: string;
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
}

export interface Cluster {
	readonly run: string;
	/** nginx in front of every webhook process: the URL VICIdial is given. */
	readonly baseUrl: string;
	/** nginx in front of the first webhook process only (benchmarks: one process, same path through nginx). */
	readonly singleUrl: string;
	/** nginx in front of every webhook process with its default round robin: no routing by call. */
	readonly roundRobinUrl: string;
	/** nginx in front of VICIdial with `limit_req`, when `vicidialLimit` was given. */
	readonly limitedVicidialUrl: string | undefined;
	/** Each webhook process directly. */
	readonly webhookUrls: string[];
	readonly mainUrl: string;
	readonly apiKey: string;
	readonly pg: { port: number; database: string };
	readonly services: Service[];
	/** Finished executions of a workflow, counted in the shared database. */
	executionCount(workflowId: string, status?: string): number;
	/** `GET /api/v1/executions` on the main process, every page. */
	executions(workflowId: string): Promise<{ id: string; status: string; mode: string; stoppedAt: string | null }[]>;
	/** Everything a process printed (its log file's tail); `nginx-error` is nginx's error log. */
	log(name: string, chars?: number): string;
	stop(): Promise<void>;
}

/**
 * Starts the whole cluster. On any failure everything started so far is stopped before the
 * error is thrown. `QUEUE_KEEP=1` keeps the run folder (logs, database) after stop().
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
	const install: N8nInstall = n8nInstall('2.8.4');
	if (!isN8nInstalled('2.8.4')) throw new Error('n8n 2.8.4 is not installed: run `bash scripts/n8n/install.sh` (npm run test:queue does)');
	const run = join(QUEUE_DIR, `run-${process.pid}-${Date.now()}`);
	for (const dir of ['pids', 'logs', 'pg', 'redis', 'nginx', 'n8n']) mkdirSync(join(run, dir), { recursive: true });
	if (process.env.QUEUE_RUN_LOG) appendFileSync(process.env.QUEUE_RUN_LOG, `${run}\n`);
	const services: Service[] = [];
	// Ctrl-C or a TERM to this process (jest, the benchmark): n8n, nginx, Redis and PostgreSQL are in
	// groups of their own and would not get it; stop them before going.
	const onSignal = (signal: NodeJS.Signals) => {
		for (const service of services) if (!service.exited() && service.child.pid !== undefined) killGroup(service.child.pid, 'SIGTERM');
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const stopAll = async () => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		// Front to back: nginx, webhook processes, workers, main, then Redis and PostgreSQL.
		for (const service of [...services].reverse()) await service.stop();
		services.length = 0;
		if (!process.env.QUEUE_KEEP) rmSync(run, { recursive: true, force: true });
	};
	try {
		return await boot(run, install, options, services, stopAll);
	} catch (error) {
		await stopAll();
		throw error;
	}
}

async function boot(
	run: string,
	install: N8nInstall,
	options: ClusterOptions,
	services: Service[],
	stopAll: () => Promise<void>,
): Promise<Cluster> {
	const workers = options.workers ?? 2;
	const webhooks = options.webhooks ?? 2;

	// PostgreSQL: a private instance run as the postgres user, trust auth on 127.0.0.1 only.
	const bin = postgresBin();
	// PostgreSQL refuses to run as root: as root, run it as the postgres user; otherwise as ourselves (CI).
	const asRoot = process.getuid?.() === 0;
	const uid = asRoot ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
	const gid = asRoot ? Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
	const pgData = join(run, 'pg', 'data');
	const pgSocket = join(run, 'pg');
	if (asRoot) spawnSync('chown', ['-R', `${uid}:${gid}`, join(run, 'pg')]);
	const initdb = spawnSync(join(bin, 'initdb'), ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
		...(asRoot ? { uid, gid } : {}),
		cwd: pgSocket,
		encoding: 'utf8',
	});
	if (initdb.status !== 0) throw new Error(`initdb failed:\n${initdb.stdout}\n${initdb.stderr}`);
	const pgPort = await freePort();
	const pg = startService(
		run,
		'postgres',
		join(bin, 'postgres'),
		// A throwaway test database: durability settings off, enough connections for five n8n processes.
		['-D', pgData, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-k', pgSocket, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		{ uid, gid, cwd: pgSocket },
	);
	services.push(pg);
	const psql = (sql: string, database = 'postgres') =>
		spawnSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
	await waitFor('PostgreSQL', pg, async () => psql('select 1').status === 0, 30_000);
	const created = psql('create database n8n');
	if (created.status !== 0) throw new Error(`create database failed: ${created.stderr}`);

	// Redis: the job queue only; no persistence.
	const redisPort = await freePort();
	const redis = startService(run, 'redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', join(run, 'redis'), '--protected-mode', 'yes']);
	services.push(redis);
	await waitFor('Redis', redis, async () => spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 20_000);

	// Ports: nginx (all webhook processes, and the first only), main, each worker's and webhook process's.
	const nginxPort = await freePort();
	const nginxSinglePort = await freePort();
	const nginxRoundRobinPort = await freePort();
	const limitPort = options.vicidialLimit ? await freePort() : undefined;
	const limitedVicidialUrl = limitPort ? `http://127.0.0.1:${limitPort}` : undefined;
	const mainPort = await freePort();
	const webhookPorts: number[] = [];
	for (let i = 0; i < webhooks; i++) webhookPorts.push(await freePort());
	const baseUrl = `http://127.0.0.1:${nginxPort}`;

	// One user folder for every process: the package installed once, as the Community Nodes installer does.
	const userFolder = join(run, 'n8n');
	await installPackage(userFolder);
	const envFor = async (port: number, extra: NodeJS.ProcessEnv = {}) =>
		n8nEnv(
			install,
			userFolder,
			{ port, brokerPort: await freePort() },
			{
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pgPort),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
				// The URL VICIdial is given (the paste-ready string) is nginx's.
				WEBHOOK_URL: `${baseUrl}/`,
				N8N_LOG_LEVEL: 'warn',
				...options.env,
				...extra,
			},
		);

	const adminEnv = await envFor(mainPort);
	const credentialsFile = join(run, 'credentials.json');
	const credentials = typeof options.credentials === 'function' ? options.credentials({ limitedVicidialUrl }) : options.credentials;
	writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	await n8nCommandChecked(install, adminEnv, ['import:credentials', `--input=${credentialsFile}`]);
	const workflowDir = join(run, 'workflows');
	mkdirSync(workflowDir, { recursive: true });
	for (const workflow of options.workflows) writeFileSync(join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	await n8nCommandChecked(install, adminEnv, ['import:workflow', '--separate', `--input=${workflowDir}`]);
	for (const id of options.publish) await n8nCommandChecked(install, adminEnv, ['publish:workflow', `--id=${id}`]);

	// Main: the editor, the API and activation; production webhooks are left to the webhook processes.
	const main = startService(run, 'main', install.nodeBin, [install.n8nScript, 'start'], {
		env: await envFor(mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
		cwd: ROOT,
	});
	services.push(main);
	const mainUrl = `http://127.0.0.1:${mainPort}`;
	await waitFor('n8n main', main, async () => (await httpOk(`${mainUrl}/healthz/readiness`)) && (await httpOk(`${mainUrl}/rest/settings`)));

	for (let i = 0; i < workers; i++) {
		const healthPort = await freePort();
		const worker = startService(run, `worker-${i + 1}`, install.nodeBin, [install.n8nScript, 'worker', `--concurrency=${options.workerConcurrency ?? 10}`], {
			env: await envFor(await freePort(), { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }),
			cwd: ROOT,
		});
		services.push(worker);
		await waitFor(`n8n worker ${i + 1}`, worker, () => httpOk(`http://127.0.0.1:${healthPort}/healthz/readiness`));
	}
	const webhookUrls: string[] = [];
	for (let i = 0; i < webhooks; i++) {
		const webhook = startService(run, `webhook-${i + 1}`, install.nodeBin, [install.n8nScript, 'webhook'], {
			env: await envFor(webhookPorts[i]),
			cwd: ROOT,
		});
		services.push(webhook);
		const url = `http://127.0.0.1:${webhookPorts[i]}`;
		await waitFor(`n8n webhook ${i + 1}`, webhook, () => httpOk(`${url}/healthz/readiness`));
		webhookUrls.push(url);
	}

	// nginx: one upstream of every webhook process, one of the first only; config in the run folder.
	const nginxDir = join(run, 'nginx');
	writeFileSync(join(nginxDir, 'nginx.conf'), nginxConfig({ nginxDir, port: nginxPort, singlePort: nginxSinglePort, roundRobinPort: nginxRoundRobinPort, webhookPorts, routeBy: options.routeBy, ...(limitPort && options.vicidialLimit ? { limit: { port: limitPort, ...options.vicidialLimit } } : {}) }));
	const nginx = startService(run, 'nginx', 'nginx', ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'error.log')]);
	services.push(nginx);
	await waitFor('nginx', nginx, () => httpOk(`${baseUrl}/healthz/readiness`), 20_000);

	const rest = new RestSession(mainUrl);
	await rest.ownerSetupOrLogin();
	const apiKey = await rest.createApiKey('n8n-nodes-vicidial queue');

	return {
		run,
		baseUrl,
		singleUrl: `http://127.0.0.1:${nginxSinglePort}`,
		roundRobinUrl: `http://127.0.0.1:${nginxRoundRobinPort}`,
		limitedVicidialUrl,
		webhookUrls,
		mainUrl,
		apiKey,
		pg: { port: pgPort, database: 'n8n' },
		services,
		executionCount(workflowId, status) {
			const where = `"workflowId" = '${workflowId.replace(/'/g, "''")}' and "stoppedAt" is not null${status ? ` and status = '${status.replace(/'/g, "''")}'` : ''}`;
			const result = psql(`select count(*) from execution_entity where ${where}`, 'n8n');
			if (result.status !== 0) throw new Error(`counting executions failed: ${result.stderr}`);
			return Number(result.stdout.trim());
		},
		async executions(workflowId) {
			const all: { id: string; status: string; mode: string; stoppedAt: string | null }[] = [];
			let cursor: string | undefined;
			do {
				const query = `workflowId=${encodeURIComponent(workflowId)}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
				const response = await fetch(`${mainUrl}/api/v1/executions?${query}`, { headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' } });
				const text = await response.text();
				if (response.status !== 200) throw new Error(`GET /api/v1/executions answered ${response.status}: ${text.slice(0, 300)}`);
				const page = JSON.parse(text) as { data: typeof all; nextCursor?: string | null };
				all.push(...page.data);
				cursor = page.nextCursor ?? undefined;
			} while (cursor);
			return all;
		},
		log: (name, chars = 3000) => tail(name === 'nginx-error' ? join(run, 'nginx', 'error.log') : join(run, 'logs', `${name}.log`), chars),
		stop: stopAll,
	};
}

/**
 * The load balancer of the README's "Queue mode" section. With `routeBy`, `hash $arg_<field>
 * consistent;` sends every request carrying the same value of that query parameter to the same
 * webhook process, so every copy of one call-out meets the same in-process duplicate record.
 */
export function nginxConfig(options: {
	nginxDir: string;
	port: number;
	singlePort: number;
	roundRobinPort: number;
	webhookPorts: number[];
	routeBy?: string;
	limit?: VicidialLimit & { port: number };
}): string {
	const servers = options.webhookPorts.map((port) => `\t\tserver 127.0.0.1:${port};`).join('\n');
	const hash = options.routeBy ? `\t\thash $arg_${options.routeBy} consistent;\n` : '';
	const temp = (name: string) => join(options.nginxDir, name);
	const proxy = (port: number, upstream: string) => `\tserver {
		listen 127.0.0.1:${port};
		location / {
			proxy_pass http://${upstream};
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $remote_addr;
		}
	}`;
	// One zone keyed on a constant: every worker's requests share the one rate.
	const limit = options.limit
		? `\tlimit_req_zone $server_port zone=vicidial:1m rate=${options.limit.ratePerSecond}r/s;
	server {
		listen 127.0.0.1:${options.limit.port};
		location / {
			limit_req zone=vicidial burst=${options.limit.burst};
			proxy_pass ${options.limit.upstream};
			proxy_http_version 1.1;
			proxy_set_header Connection "";
		}
	}
`
		: '';
	return `# Generated by scripts/queue/cluster.cts; every address is loopback.
worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path ${temp('client_body')};
	proxy_temp_path ${temp('proxy')};
	fastcgi_temp_path ${temp('fastcgi')};
	uwsgi_temp_path ${temp('uwsgi')};
	scgi_temp_path ${temp('scgi')};
	# keepalive_timeout below Node's 5 s keep-alive: nginx must not reuse a connection n8n is
	# closing, or it sends the request again to the next server, another webhook process.
	upstream n8n_webhooks {
${hash}${servers}
		keepalive 32;
		keepalive_timeout 4s;
	}
	upstream n8n_webhook_one {
		server 127.0.0.1:${options.webhookPorts[0]};
		keepalive 32;
		keepalive_timeout 4s;
	}
	upstream n8n_webhooks_round_robin {
${servers}
		keepalive 32;
		keepalive_timeout 4s;
	}
${proxy(options.port, 'n8n_webhooks')}
${proxy(options.singlePort, 'n8n_webhook_one')}
${proxy(options.roundRobinPort, 'n8n_webhooks_round_robin')}
${limit}}
`;
}
