/**
 * Running a real n8n with our packed package: shared by `npm start` (scripts/n8n/start.cts),
 * the end-to-end tests (test/e2e/) and the browser test (scripts/n8n/browser.cts).
 * Recipes and timings: /work/shared/n8n-notes.md §2 (community install) and §3 (headless).
 * Every port is on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-vicidial';
export const DEFAULT_N8N_VERSION = '2.8.4';
/** Fixed, so credentials imported by one run decrypt in the next (n8n-notes §3). */
export const ENCRYPTION_KEY = 'n8n-nodes-vicidial-local-only-key';

/** The owner account `npm start` and the tests create; printed as the editor login. */
export const OWNER = {
	email: 'owner@vicidial.local',
	firstName: 'VICIdial',
	lastName: 'Demo',
	password: 'Vicidial-Demo-1',
};

export interface CommandResult {
	/** The exit code; 1 when a signal ended the process (see `signal`). */
	code: number;
	/** The signal that ended the process, if one did (a crash in native code at exit, say). */
	signal?: NodeJS.Signals;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion; `echo` copies its output to ours as it comes. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<CommandResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (options.echo) process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (options.echo) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolvePromise({ code: code ?? 1, ...(signal ? { signal } : {}), stdout, stderr }));
	});
}

/** Like `run`, but a non-zero exit is an error that carries the command's output. */
export async function runChecked(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<CommandResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
	}
	return result;
}

/**
 * `npm run build` / `npm start` export the project's .npmrc as npm_config_* variables
 * (ignore-scripts=true among them). Children that run npm or n8n must not inherit them.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_(config|package|lifecycle)_/.test(key)) continue;
		// Under jest NODE_ENV is `test`, and n8n then takes its own test paths (export:nodes
		// exits 0 without writing its file, for one).
		if (key === 'NODE_ENV' || key.startsWith('JEST_')) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePromise(port));
		});
	});
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(false)));
	});
}

export interface N8nInstall {
	version: string;
	dir: string;
	/** The n8n entry point, run with `nodeBin`. */
	n8nScript: string;
	/** System Node for 2.8.x, Node 24 from npm for newer n8n (n8n-notes §1). */
	nodeBin: string;
	/** PATH with that Node first, for n8n's own child processes (task runner). */
	path: string;
}

/** Where install.sh puts a version, without installing it. */
export function n8nInstall(version = DEFAULT_N8N_VERSION): N8nInstall {
	const dir = join(ROOT, '.cache', `n8n-${version}`);
	const nodeBinFile = join(dir, '.node-bin');
	const nodeBinDir = existsSync(nodeBinFile) ? readFileSync(nodeBinFile, 'utf8').trim() : '';
	return {
		version,
		dir,
		n8nScript: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeBin: nodeBinDir ? join(nodeBinDir, 'node') : process.execPath,
		path: nodeBinDir ? `${nodeBinDir}:${process.env.PATH ?? ''}` : (process.env.PATH ?? ''),
	};
}

export function isN8nInstalled(version = DEFAULT_N8N_VERSION): boolean {
	const install = n8nInstall(version);
	const marker = join(install.dir, '.installed-version');
	return existsSync(marker) && readFileSync(marker, 'utf8').trim() === version && existsSync(install.n8nScript);
}

/** Installs n8n once (scripts/n8n/install.sh); later calls return at once. */
export async function ensureN8n(version = DEFAULT_N8N_VERSION, echo = true): Promise<N8nInstall> {
	if (!isN8nInstalled(version)) {
		await runChecked('bash', [join(ROOT, 'scripts', 'n8n', 'install.sh'), version], { env: cleanEnv(), echo });
	}
	return n8nInstall(version);
}

/** `npm run build`: the lead's build script produces dist/. */
export async function buildPackage(echo = true): Promise<void> {
	await runChecked('npm', ['run', 'build', '--silent'], { env: cleanEnv(), echo });
}

/** Packs dist/ and installs it into `<userFolder>/.n8n/nodes/` as n8n's installer does. */
export async function installPackage(userFolder: string, echo = false): Promise<void> {
	await runChecked('bash', [join(ROOT, 'scripts', 'n8n', 'package-install.sh'), userFolder, ROOT], { env: cleanEnv(), echo });
}

export interface N8nPorts {
	port: number;
	brokerPort: number;
}

/** The environment of n8n-notes §3: quiet, local, fixed key, everything on 127.0.0.1. */
export function n8nEnv(install: N8nInstall, userFolder: string, ports: N8nPorts, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return cleanEnv({
		PATH: install.path,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(ports.port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${ports.port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// The package is on disk and not in n8n's table of installed packages: do not let n8n
		// try to reinstall or remove it from the registry.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extra,
	});
}

/** One `n8n <command>` against a user folder (import, publish, execute, export). */
export function n8nCommand(install: N8nInstall, env: NodeJS.ProcessEnv, args: string[]): Promise<CommandResult> {
	return run(install.nodeBin, [install.n8nScript, ...args], { env });
}

export async function n8nCommandChecked(install: N8nInstall, env: NodeJS.ProcessEnv, args: string[]): Promise<CommandResult> {
	const result = await n8nCommand(install, env, args);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
	}
	return result;
}

export interface RunningN8n {
	readonly baseUrl: string;
	readonly child: ChildProcess;
	/** Everything n8n printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/**
 * `n8n start` in its own process group (it spawns the task runner), resolved once
 * `/healthz/readiness` answers 200. Rejects with n8n's output when it exits first.
 */
export async function startN8n(
	install: N8nInstall,
	env: NodeJS.ProcessEnv,
	options: { echo?: boolean; log?: NodeJS.WritableStream; timeoutMs?: number } = {},
): Promise<RunningN8n> {
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT ?? '5678'}`;
	const child = spawn(install.nodeBin, [install.n8nScript, 'start'], { env, cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const onData = (chunk: Buffer) => {
		output += chunk.toString();
		// Keep the tail only: a long `npm start` session prints for hours.
		if (output.length > 200_000) output = output.slice(-100_000);
		if (options.echo) process.stdout.write(chunk);
		options.log?.write(chunk);
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);
	let exited = false;
	// If we die without stop() (an uncaught error, a jest worker torn down), n8n must not
	// outlive us: with its stdout pipe gone it spins on EPIPE at full CPU.
	const killOnExit = () => {
		if (!exited && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
	};
	process.on('exit', killOnExit);
	const exit = new Promise<void>((resolveExit) =>
		child.on('exit', () => {
			exited = true;
			process.off('exit', killOnExit);
			resolveExit();
		}),
	);

	const stop = async () => {
		if (exited || child.pid === undefined) return;
		killGroup(child.pid, 'SIGTERM');
		let timer: NodeJS.Timeout | undefined;
		const stopped = await Promise.race([
			exit.then(() => true),
			new Promise<boolean>((resolveTimeout) => {
				timer = setTimeout(() => resolveTimeout(false), 20_000);
			}),
		]);
		clearTimeout(timer);
		if (!stopped) {
			killGroup(child.pid, 'SIGKILL');
			await exit;
		}
	};

	const deadline = Date.now() + (options.timeoutMs ?? 90_000);
	for (;;) {
		if (exited) throw new Error(`n8n exited before it was ready:\n${output.slice(-6000)}`);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n was not ready after ${options.timeoutMs ?? 90_000} ms:\n${output.slice(-6000)}`);
		}
		if (await isReady(baseUrl)) break;
		await delay(300);
	}
	return { baseUrl, child, output: () => output, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		// ESRCH: the group is gone already, which is what we wanted.
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

/**
 * `/healthz/readiness` answers 200 before the REST controllers are mounted (POST
 * /rest/owner/setup then gets Express's 404), so readiness also waits for `/rest/settings`.
 */
async function isReady(baseUrl: string): Promise<boolean> {
	try {
		const health = await fetch(`${baseUrl}/healthz/readiness`);
		if (health.status !== 200) return false;
		const settings = await fetch(`${baseUrl}/rest/settings`);
		return settings.status === 200;
	} catch {
		// Connection refused until n8n listens: the loop above polls again.
		return false;
	}
}

/**
 * Polls a production webhook URL until n8n has registered it. A HEAD or PATCH runs nothing:
 * once GET or POST is registered on the path, n8n's 404 names them ("not registered for PATCH
 * requests. Did you mean to make a GET or POST request?"); before that it says the webhook is
 * not registered at all.
 */
export async function waitForWebhook(url: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const probe = await fetch(url, { method: 'PATCH' });
		const text = await probe.text();
		if (probe.status !== 404 || /Did you mean to make a/.test(text)) return;
		if (Date.now() > deadline) throw new Error(`${url} is not registered after ${timeoutMs} ms: ${text.slice(0, 200)}`);
		await delay(250);
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

/**
 * A session on n8n's internal REST API (`/rest`), the one the editor uses. n8n ties the auth
 * cookie to the `browser-id` header it was issued with, so every call sends the same one.
 */
export class RestSession {
	private cookie = '';
	private readonly browserId = randomBytes(8).toString('hex');

	constructor(readonly baseUrl: string) {}

	async request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json: unknown = undefined;
		try {
			json = JSON.parse(text);
		} catch {
			// Not every answer is JSON (an HTML error page, an empty body); callers read `text`.
		}
		return { status: response.status, json, text };
	}

	/** Creates the owner on a fresh instance, or logs in when one exists already. */
	async ownerSetupOrLogin(owner = OWNER): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status === 200) return;
		const login = await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
		if (login.status !== 200) {
			throw new Error(`owner setup answered ${setup.status} (${setup.text.slice(0, 300)}) and login ${login.status} (${login.text.slice(0, 300)})`);
		}
	}

	/** A public-API key with every scope the instance offers (`/rest/api-keys/scopes`). */
	async createApiKey(label = 'n8n-nodes-vicidial e2e'): Promise<string> {
		const scopes = await this.request('GET', '/rest/api-keys/scopes');
		const list = (scopes.json as { data?: string[] } | undefined)?.data ?? [];
		const created = await this.request('POST', '/rest/api-keys', { label, scopes: list, expiresAt: null });
		const key = (created.json as { data?: { rawApiKey?: string } } | undefined)?.data?.rawApiKey;
		if (created.status !== 200 || !key) throw new Error(`creating an API key answered ${created.status}: ${created.text.slice(0, 300)}`);
		return key;
	}
}

/** Stable ids from a name, so re-importing an example updates it instead of adding a copy. */
export function stableId(name: string, length = 16): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const digest = createHash('sha256').update(name).digest();
	let id = '';
	for (let i = 0; i < length; i++) id += alphabet[digest[i] % alphabet.length];
	return id;
}

export function stableUuid(name: string): string {
	const hex = createHash('sha256').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A built file of the package (dist/...), loaded as n8n loads it: CommonJS, n8n-workflow from node_modules. */
function loadBuilt(file: string): Record<string, unknown> {
	return createRequire(join(ROOT, 'package.json'))(join(ROOT, file)) as Record<string, unknown>;
}

export interface DeclaredNode {
	/** `dist/...node.js` as listed in package.json `n8n.nodes`. */
	file: string;
	name: string;
	displayName: string;
	usableAsTool: boolean;
	/** `<package>.<name>` plus `<package>.<name>Tool` when usableAsTool (n8n-notes §2). */
	types: string[];
}

interface NodeDescriptionLike {
	name: string;
	displayName: string;
	usableAsTool?: boolean;
}

/**
 * The nodes the built package declares (package.json `n8n.nodes`), read from dist/ the way
 * n8n reads them: each file exports a class whose instance has a `description` (or, for a
 * versioned node, a `description` of the default version).
 */
export function declaredNodes(): DeclaredNode[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[] } };
	return (pkg.n8n?.nodes ?? []).map((file) => {
		const exported = loadBuilt(file);
		const NodeClass = Object.values(exported).find((value): value is new () => unknown => typeof value === 'function');
		if (!NodeClass) throw new Error(`${file} exports no class`);
		const instance = new NodeClass() as { description?: NodeDescriptionLike; nodeVersions?: Record<string, { description: NodeDescriptionLike }>; currentVersion?: number };
		const description =
			instance.nodeVersions && instance.currentVersion !== undefined ? instance.nodeVersions[instance.currentVersion].description : instance.description;
		if (!description) throw new Error(`${file}: no description`);
		const usableAsTool = description.usableAsTool === true;
		const type = `${PACKAGE_NAME}.${description.name}`;
		return { file, name: description.name, displayName: description.displayName, usableAsTool, types: usableAsTool ? [type, `${type}Tool`] : [type] };
	});
}

/** The credential files the package declares (package.json `n8n.credentials`). */
export function declaredCredentialNames(): string[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n?: { credentials?: string[] } };
	return (pkg.n8n?.credentials ?? []).map((file) => {
		const exported = loadBuilt(file);
		const CredentialClass = Object.values(exported).find((value): value is new () => { name: string } => typeof value === 'function');
		if (!CredentialClass) throw new Error(`${file} exports no class`);
		return new CredentialClass().name;
	});
}
