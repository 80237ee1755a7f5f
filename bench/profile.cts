/**
 * A CPU profile of another Node process through its inspector (started with
 * `--inspect=127.0.0.1:0`): the V8 sampling profiler runs only around the part being measured,
 * and the result is summed into self time per function and per package.
 */
import { WebSocket } from 'undici';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	hitCount?: number;
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

/** The inspector URL a process printed (`Debugger listening on ws://...`), the first one. */
export function inspectorUrl(output: string): string | undefined {
	return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
}

export class Inspector {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
			if (message.id === undefined) return;
			const waiting = this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id);
			if (message.error) waiting.reject(new Error(message.error.message));
			else waiting.resolve(message.result);
		});
	}

	static connect(url: string): Promise<Inspector> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url);
			socket.addEventListener('open', () => resolve(new Inspector(socket)));
			socket.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)));
		});
	}

	send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	async start(intervalUs = 500): Promise<void> {
		await this.send('Profiler.enable');
		await this.send('Profiler.setSamplingInterval', { interval: intervalUs });
		await this.send('Profiler.start');
	}

	async stop(): Promise<Profile> {
		const { profile } = await this.send<{ profile: Profile }>('Profiler.stop');
		return profile;
	}

	close(): void {
		this.socket.close();
	}
}

/** `node_modules/<pkg>` (scoped too) of a script URL; our package and Node's own code by name. */
function packageOf(url: string): string {
	if (url === '') return '(native/V8)';
	if (url.startsWith('node:')) return '(node core)';
	const parts = url.split('node_modules/');
	if (parts.length < 2) return '(other)';
	const last = parts[parts.length - 1].split('/');
	return last[0].startsWith('@') ? `${last[0]}/${last[1]}` : last[0];
}

function shortUrl(url: string): string {
	const parts = url.split('node_modules/');
	return (parts.length > 1 ? parts[parts.length - 1] : url).replace(/^file:\/\//, '');
}

export interface ProfileSummary {
	totalMs: number;
	idleMs: number;
	functions: Array<{ name: string; where: string; ms: number; share: number }>;
	packages: Array<{ name: string; ms: number; share: number }>;
}

/** Self time per function and per package; shares are of busy (non-idle) time. */
export function summarize(profile: Profile, top = 25): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++) {
		// A sample's delta is the time since the previous one: charge it to this sample's node.
		const delta = deltas[i] ?? 0;
		selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + delta);
	}
	const functions = new Map<string, { name: string; where: string; us: number }>();
	const packages = new Map<string, number>();
	let idleUs = 0;
	let totalUs = 0;
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node) continue;
		totalUs += us;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') {
			if (functionName === '(idle)') {
				idleUs += us;
				continue;
			}
		}
		const name = functionName || '(anonymous)';
		const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
		const key = `${name}@${where}`;
		const entry = functions.get(key) ?? { name, where, us: 0 };
		entry.us += us;
		functions.set(key, entry);
		const pkg = functionName.startsWith('(') && url === '' ? functionName : packageOf(url);
		packages.set(pkg, (packages.get(pkg) ?? 0) + us);
	}
	const busyUs = Math.max(1, totalUs - idleUs);
	return {
		totalMs: totalUs / 1000,
		idleMs: idleUs / 1000,
		functions: [...functions.values()]
			.sort((a, b) => b.us - a.us)
			.slice(0, top)
			.map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: f.us / busyUs })),
		packages: [...packages.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 15)
			.map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs })),
	};
}

/**
 * Time spent inside each named function, callees included (a function called inside itself is
 * counted once), as a share of busy time: "httpRequestWithAuthentication is 28 %".
 */
export function inclusive(profile: Profile, names: readonly string[]): Array<{ name: string; ms: number; share: number }> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map<number, number>();
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	let idleUs = 0;
	let totalUs = 0;
	for (let i = 0; i < samples.length; i++) {
		const delta = deltas[i] ?? 0;
		selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + delta);
		totalUs += delta;
		if (byId.get(samples[i])?.callFrame.functionName === '(idle)') idleUs += delta;
	}
	const busyUs = Math.max(1, totalUs - idleUs);
	const root = profile.nodes[0];
	const totals = new Map<string, number>(names.map((name) => [name, 0]));
	const walk = (node: ProfileNode, inside: ReadonlySet<string>): void => {
		const name = node.callFrame.functionName;
		const now = totals.has(name) && !inside.has(name) ? new Set([...inside, name]) : inside;
		const own = selfUs.get(node.id) ?? 0;
		for (const active of now) totals.set(active, (totals.get(active) ?? 0) + own);
		for (const child of node.children ?? []) {
			const next = byId.get(child);
			if (next) walk(next, now);
		}
	};
	if (root) walk(root, new Set());
	return names.map((name) => ({ name, ms: (totals.get(name) ?? 0) / 1000, share: (totals.get(name) ?? 0) / busyUs }));
}
