import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { agentLogin, functionAllowed, nonAgentLogin } from './auth.cjs';
import type { Handler, SimReply } from './context.cjs';
import { FaultSwitches, type Fault, type FaultKind } from './faults.cjs';
import { agentHandlers } from './agent/index.cjs';
import { nonAgentHandlers } from './nonAgent/index.cjs';
import { basicUser, RECORDINGS_PATH, serveRecording } from './recordings.cjs';
import { createState, type SimState } from './state.cjs';

export const NON_AGENT_PATH = '/vicidial/non_agent_api.php';
export const AGENT_PATH = '/agc/api.php';

export interface SimulatorOptions {
	/** 0 or unset: a free port. */
	port?: number;
	host?: string;
	/** Added to every reply, for benchmarks. */
	latencyMs?: number;
	/** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
	tls?: { key: string; cert: string };
}

export interface RequestRecord {
	api: 'nonAgent' | 'agent' | 'other';
	method: string;
	/** Path and query string exactly as received (credentials must not be here). */
	url: string;
	contentType: string;
	fn: string;
	params: Record<string, string>;
	status: number;
	/** When the request arrived (ms since the epoch). */
	at: number;
	/** The fault switches that hit this request, if any. */
	faults?: FaultKind[];
	/** The HTTP basic-auth user sent with a recording download (never the password). */
	basicUser?: string;
}

export interface Simulator {
	/** `http://127.0.0.1:<port>` (`https://` with the `tls` option) */
	readonly url: string;
	readonly port: number;
	state: SimState;
	readonly faults: FaultSwitches;
	/** Connections opened, API requests, requests per function, and the most requests in flight at once. */
	readonly stats: { connections: number; requests: number; byFunction: Record<string, number>; inFlight: number; maxInFlight: number };
	/** Every API request, oldest first. */
	readonly log: RequestRecord[];
	latencyMs: number;
	/** A fresh dialer, no faults, empty log and counters. */
	reset(): void;
	/**
	 * Resolves once no request is being handled: a request held by `lateApply` or inside a
	 * `raceWindow` may still change the dialer after the client gave up on it.
	 */
	whenIdle(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * PHP fills $_GET from the query string and $_POST from a form body; the APIs read GET first.
 * Both scripts walk `foreach($_POST as $key=>$value)` before reading their parameters, so a
 * request without its own `value` leaves `$value` holding the last POST field (notes §8.1):
 * the handlers see that as `value`, as the PHP does.
 */
function parseParams(url: URL, body: string, contentType: string): { sent: Record<string, string>; params: Record<string, string> } {
	const sent: Record<string, string> = {};
	let lastPost: string | undefined;
	if (contentType.includes('application/x-www-form-urlencoded')) {
		for (const [key, value] of new URLSearchParams(body)) {
			sent[key] = value;
			lastPost = value;
		}
	}
	for (const [key, value] of url.searchParams) sent[key] = value;
	const params = { ...sent };
	if (!('value' in params) && lastPost !== undefined) params.value = lastPost;
	return { sent, params };
}

/** vicidial_api_urls.url: the page and the query string, rebuilt from the whole body for a POST (notes §8.2). */
function apiUrlOf(url: URL, body: string): string {
	const query = url.search.slice(1);
	if (body === '') return `${url.pathname}?${query}`;
	return query === '' ? `${url.pathname}?${body}` : `${url.pathname}?${query}&GET-AND-POST=Y&${body}`;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Non-Agent API: version needs no login; everything else: source, login, allowed functions. */
function answerNonAgent(state: SimState, params: Record<string, string>, clientIp: string, valueSent: boolean, raceWindowMs = 0): SimReply | Promise<SimReply> {
	// Non-Agent turns every + into a space, even one sent as %2B (notes §1).
	for (const key of Object.keys(params)) params[key] = params[key].replace(/\+/g, ' ');
	const fn = params.function ?? '';
	const now = new Date();
	if (['coffee', 'start_coffee', 'make_coffee', 'brew_coffee'].includes(fn)) {
		return { status: 418, body: "I'm a teapot\n" };
	}
	const handler: Handler | undefined = nonAgentHandlers[fn];
	if (fn === 'version' && handler) {
		return handler({ params, state, apiUser: undefined as never, fn, now, clientIp });
	}
	const source = params.source ?? '';
	if (source.length < 2 || source.length > 20) {
		return `ERROR: Invalid Source - ${source}\nERROR: Invalid Source: |${source}|\n`;
	}
	const login = nonAgentLogin(state, params.user ?? '', params.pass ?? '', now.getTime());
	if (!login.ok) return login.reply;
	if (!handler) return 'ERROR: NO FUNCTION SPECIFIED\n';
	if (!functionAllowed(login.user, fn)) {
		return `ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |${login.user.user}|${fn}|\n`;
	}
	state.apiLog.push({ api: 'nonAgent', user: login.user.user, function: fn, value: params.value ?? '', valueSent, source });
	return handler({ params, state, apiUser: login.user, fn, now, clientIp, raceWindowMs });
}

/** Agent API: source, login (with API access), system switch, allowed functions. */
function answerAgent(state: SimState, params: Record<string, string>, clientIp: string, valueSent: boolean): SimReply | Promise<SimReply> {
	const fn = params.function ?? '';
	const now = new Date();
	if (['coffee', 'start_coffee', 'make_coffee', 'brew_coffee'].includes(fn)) {
		return { status: 418, body: "I'm a teapot\n" };
	}
	const handler: Handler | undefined = agentHandlers[fn];
	if (fn === 'version' && handler) {
		return handler({ params, state, apiUser: undefined as never, fn, now, clientIp });
	}
	const source = params.source ?? '';
	if (source.length < 2) return `ERROR: Invalid Source - ${source}\n`;
	const login = agentLogin(state, params.user ?? '', params.pass ?? '', now.getTime());
	if (!login.ok) return login.reply;
	if (!state.system.agent_api_active) return 'ERROR: System API NOT ACTIVE\n';
	if (!handler) return `ERROR: ${fn} not valid - ${params.agent_user ?? ''}\n`;
	if (!functionAllowed(login.user, fn)) {
		return `ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION - ${params.value ?? ''}|${login.user.user}|${fn}|${login.user.user_group}\n`;
	}
	state.apiLog.push({ api: 'agent', user: login.user.user, function: fn, value: params.value ?? '', valueSent, source });
	return handler({ params, state, apiUser: login.user, fn, now, clientIp });
}

/**
 * On PHP 8.1+ the reads' own api_log INSERT carries the lead's data unescaped, so an apostrophe
 * in the lead (O'Brien) makes mysqli throw after the reply was printed: lead_field_info answers
 * HTTP 500 with the value still in the body, lead_all_info HTTP 500 with an empty body (notes §8.10).
 */
function quoteBreaksApiLog(state: SimState, fn: string, params: Record<string, string>, reply: { status: number; body: string; contentType?: string }) {
	if (fn !== 'lead_all_info' && fn !== 'lead_field_info') return reply;
	const leadId = Number(params.lead_id ?? '');
	const leads = [...state.leads.values()].filter((lead) =>
		params.lead_id ? lead.lead_id === leadId : fn === 'lead_all_info' && params.phone_number !== undefined && lead.phone_number === params.phone_number,
	);
	const quoted = leads.some((lead) => Object.values(lead).some((value) => typeof value === 'string' && value.includes("'")));
	if (!quoted || reply.body.startsWith('ERROR')) return reply;
	return { ...reply, status: 500, body: fn === 'lead_field_info' ? reply.body : '' };
}

function send(res: ServerResponse, reply: SimReply): void {
	const full = typeof reply === 'string' ? { status: 200, body: reply } : reply;
	res.writeHead(full.status, { 'Content-Type': full.contentType ?? 'text/html; charset=utf-8' });
	res.end(full.body);
}

const running = new Set<Simulator>();

/** The simulators this process has started and not stopped (for test-wide checks of what they stored). */
export function runningSimulators(): ReadonlySet<Simulator> {
	return running;
}

/**
 * Start a simulated VICIdial on 127.0.0.1. Both APIs, fault switches, counters, and a small
 * control interface under `/__sim/` for tests and demos that run it in another process:
 * `GET /__sim/state`, `POST /__sim/faults` (JSON Fault), `DELETE /__sim/faults`, `POST /__sim/reset`.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const faults = new FaultSwitches();
	const sockets = new Set<Socket>();
	/** Requests held by `lateApply`, each released when the same request (its retry) arrives again. */
	const held = new Set<{ fn: string; body: string; release: () => void }>();
	const sim = {
		state: createState(),
		faults,
		stats: { connections: 0, requests: 0, byFunction: {} as Record<string, number>, inFlight: 0, maxInFlight: 0 },
		log: [] as RequestRecord[],
		latencyMs: options.latencyMs ?? 0,
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://simulator');
		const body = await readBody(req);
		const contentType = String(req.headers['content-type'] ?? '');

		if (url.pathname.startsWith('/__sim/')) {
			handleControl(url.pathname, req.method ?? 'GET', body, res);
			return;
		}

		if (url.pathname.startsWith(RECORDINGS_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
			// Plain files, not the API: logged, never counted as API requests, no fault switches.
			const file = serveRecording(sim.state, url.pathname, req.headers.authorization);
			sim.log.push({ api: 'other', method: req.method, url: req.url ?? '', contentType, fn: '', params: {}, status: file.status, at: Date.now(), basicUser: basicUser(req.headers.authorization) });
			res.writeHead(file.status, file.headers);
			res.end(req.method === 'HEAD' ? undefined : file.body);
			return;
		}

		const api = url.pathname === NON_AGENT_PATH ? 'nonAgent' : url.pathname === AGENT_PATH ? 'agent' : 'other';
		if (api === 'other') {
			send(res, { status: 404, body: '<html><body><h1>Not Found</h1></body></html>' });
			return;
		}
		const { sent, params } = parseParams(url, body, contentType);
		const fn = params.function ?? '';
		sim.state.apiUrls.push(apiUrlOf(url, body));
		sim.stats.requests += 1;
		sim.stats.byFunction[fn] = (sim.stats.byFunction[fn] ?? 0) + 1;
		const record: RequestRecord = { api, method: req.method ?? 'GET', url: req.url ?? '', contentType, fn, params: sent, status: 0, at: Date.now() };
		sim.log.push(record);
		for (const waiting of [...held]) if (waiting.fn === fn && waiting.body === body) waiting.release();
		sim.stats.inFlight += 1;
		sim.stats.maxInFlight = Math.max(sim.stats.maxInFlight, sim.stats.inFlight);
		res.on('close', () => {
			sim.stats.inFlight -= 1;
		});

		const hits = faults.take(fn);
		if (hits.length > 0) record.faults = hits.map((f) => f.kind);
		const latency = sim.latencyMs + hits.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.ms ?? 0), 0);
		if (latency > 0) await wait(latency);
		const fault = hits.find((f) => f.kind !== 'latency' && f.kind !== 'raceWindow');
		const raceWindowMs = hits.find((f) => f.kind === 'raceWindow')?.ms ?? 0;
		if (fault?.kind === 'timeout') return; // never answered; the socket closes on stop()
		if (fault?.kind === 'lateApply') {
			await new Promise<void>((resolve) => {
				const waiting = { fn, body, release: () => (held.delete(waiting), clearTimeout(cap), resolve()) };
				const cap = setTimeout(waiting.release, fault.ms ?? 10_000);
				held.add(waiting);
			});
		}
		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'http500' || fault?.kind === 'empty500') {
			record.status = 500;
			send(res, { status: 500, body: fault.kind === 'empty500' ? '' : '<html><body><h1>500 Internal Server Error</h1></body></html>' });
			return;
		}
		const clientIp = req.socket.remoteAddress ?? '';
		const valueSent = 'value' in sent;
		const reply = await (api === 'nonAgent' ? answerNonAgent(sim.state, params, clientIp, valueSent, raceWindowMs) : answerAgent(sim.state, params, clientIp, valueSent));
		let full = typeof reply === 'string' ? { status: 200, body: reply } : reply;
		if (api === 'nonAgent' && full.status === 200) full = quoteBreaksApiLog(sim.state, fn, params, full);
		record.status = full.status;
		if (fault?.kind === 'resetAfterApply') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'timeoutAfterApply') return; // applied, never answered
		if (fault?.kind === 'lateApply' && res.destroyed) return; // the client gave up long ago
		if (fault?.kind === 'slowBody') {
			res.writeHead(full.status, { 'Content-Type': full.contentType ?? 'text/html; charset=utf-8' });
			for (const char of full.body) {
				if (res.destroyed) return;
				res.write(char);
				await wait(fault.ms ?? 50);
			}
			res.end();
			return;
		}
		send(res, full);
	};

	const handleControl = (path: string, method: string, body: string, res: ServerResponse): void => {
		const json = (status: number, value: unknown) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(value));
		};
		if (path === '/__sim/state' && method === 'GET') {
			json(200, snapshot(sim.state, sim.stats));
		} else if (path === '/__sim/faults' && method === 'POST') {
			faults.add(JSON.parse(body) as Fault);
			json(200, faults.list());
		} else if (path === '/__sim/faults' && method === 'DELETE') {
			faults.clear();
			json(200, []);
		} else if (path === '/__sim/reset' && method === 'POST') {
			simulator.reset();
			json(200, { ok: true });
		} else {
			json(404, { error: 'unknown control path' });
		}
	};

	let handling = 0;
	let idle: Array<() => void> = [];
	const listener = (req: IncomingMessage, res: ServerResponse) => {
		handling += 1;
		handle(req, res)
			.catch((error: Error) => {
				// A handler bug answers like PHP's fatal error: 500 with an empty body.
				if (!res.headersSent) send(res, { status: 500, body: '' });
				process.stderr.write(`simulator: ${error.stack ?? error.message}\n`);
			})
			.finally(() => {
				handling -= 1;
				if (handling > 0) return;
				for (const resolve of idle) resolve();
				idle = [];
			});
	};
	const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
	// A TLS server sees the raw TCP socket on `connection` too, so stop() can still cut it.
	server.on('connection', (socket: Socket) => {
		sim.stats.connections += 1;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	// Recording URLs name the simulator itself, so its /RECORDINGS/ files can be fetched.
	const recordingsHost = `127.0.0.1:${port}`;
	sim.state = createState(recordingsHost);

	const simulator: Simulator = {
		url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		port,
		get state() {
			return sim.state;
		},
		set state(value: SimState) {
			sim.state = value;
		},
		faults,
		stats: sim.stats,
		log: sim.log,
		get latencyMs() {
			return sim.latencyMs;
		},
		set latencyMs(value: number) {
			sim.latencyMs = value;
		},
		reset() {
			sim.state = createState(recordingsHost);
			sim.latencyMs = options.latencyMs ?? 0;
			faults.clear();
			sim.log.length = 0;
			sim.stats.connections = 0;
			sim.stats.requests = 0;
			sim.stats.inFlight = 0;
			sim.stats.maxInFlight = 0;
			for (const key of Object.keys(sim.stats.byFunction)) delete sim.stats.byFunction[key];
		},
		whenIdle() {
			return handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
		},
		stop() {
			running.delete(simulator);
			for (const waiting of [...held]) waiting.release();
			for (const socket of sockets) socket.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	running.add(simulator);
	return simulator;
}

/** A JSON view of the dialer for out-of-process tests (Maps and Sets as plain values). */
export function snapshot(state: SimState, stats: Simulator['stats']): unknown {
	return JSON.parse(
		JSON.stringify({ ...state, stats }, (_key, value: unknown) => {
			if (value instanceof Map) return Object.fromEntries(value);
			if (value instanceof Set) return [...value];
			return value;
		}),
	);
}
