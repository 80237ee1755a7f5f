/**
 * The node and the trigger measured inside a real n8n: the built package packed and installed
 * as n8n's Community Nodes installer does (scripts/n8n/package-install.sh), workflows imported
 * and published, `n8n start`, the simulator and the load in this process. Each pair runs
 * interleaved (A, B, A, B, ... per round) so a busy machine slows both sides alike.
 *
 *   npm run bench                          # n8n 2.8.4: Add Lead (2,000 items) and trigger parts
 *   npm run bench -- --n8n=2.39.0          # the newest cached 2.x (Node 24)
 *   npm run bench -- --parts=trigger --requests=500 --rounds=5
 *   npm run bench -- --parts=node --items=500 --latencies=0 --concurrency=8 --rounds=1 --profile
 *
 * Flags: --items (2000), --rounds (3), --latencies (20,0), --concurrency (1,4,8), --requests
 * per trigger run (300), --trigger-concurrency (1,8,32), --method of the call-outs (POST: a form
 * body, secret in the query; or GET), --parts (node,trigger), --no-build,
 * --profile (one extra profiled node run and trigger run, top self-time functions of n8n),
 * --keep (leave the n8n folder under .n8n-e2e/), --n8n-env=KEY=VALUE,... (extra environment for n8n,
 * e.g. N8N_EXPRESSION_ENGINE=legacy), --tls (Add Lead over HTTPS too, below).
 *
 * --tls: a second simulator serves HTTPS (a fresh self-signed certificate, as the reliability
 * suite's TLS cases use), with its own credential ("Ignore SSL Issues" on, since the certificate
 * names no IP address) and its own Add Lead workflows, and each cell runs four sides
 * interleaved: node over HTTP, raw over HTTP, node over HTTPS, raw over HTTPS (the raw pool
 * skips verification as the credential does). n8n's helper opens a connection per item, so the
 * node pays a TLS handshake per item while the raw pool pays one per connection; the table
 * adds the per-item extra cost of HTTPS over HTTP for each side.
 *
 * Add Lead goes through a production Webhook (POST, responds when the last node ends) → Code
 * (the items) → VICIdial Add Lead: the webhook costs one HTTP exchange per run, where the
 * public API has no "run this workflow" call and `n8n execute` starts a new process (~3 s).
 * Two node figures are printed: the whole webhook round trip ("wall"), and the node's own
 * `executionTime` from the saved execution ("node"), which leaves out the webhook, the Code
 * node and the save. The raw client is an undici Pool with as many keep-alive connections as
 * the concurrency, sending the same form POSTs to the same simulator.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Pool } from 'undici';

import { selfSignedCertificate } from '../simulator/network.cjs';
import { startSimulator, type Simulator } from '../simulator/server.cjs';
import { SAMPLE_CALLS, substituteHookUrl } from '../simulator/hooks.cjs';
import {
	ROOT,
	RestSession,
	buildPackage,
	delay,
	ensureN8n,
	freePort,
	installPackage,
	n8nCommandChecked,
	n8nEnv,
	startN8n,
	waitForWebhook,
	type RunningN8n,
} from '../scripts/n8n/lib.cjs';
import { Inspector, inclusive, inspectorUrl, summarize } from './profile.cjs';
import { addLeadParameters, flag, numbers, positive, say, seconds, showSpread, spread, switchOn, table } from './stats.cjs';

const VERSION = flag('n8n', '2.8.4');
const ITEMS = positive('items', 2000);
const ROUNDS = positive('rounds', 3);
const LATENCIES = numbers('latencies', [20, 0]);
const CONCURRENCY = numbers('concurrency', [1, 4, 8]);
const REQUESTS = positive('requests', 300);
const TRIGGER_CONCURRENCY = numbers('trigger-concurrency', [1, 8, 32]);
const PARTS = new Set(flag('parts', 'node,trigger').split(','));
const PROFILE = switchOn('profile');
const METHOD = flag('method', 'POST').toUpperCase();
/** Add Lead over plain HTTP and, with --tls, over HTTPS as well (interleaved). */
const TRANSPORTS: Transport[] = switchOn('tls') ? ['http', 'https'] : ['http'];
type Transport = 'http' | 'https';
/** Extra environment for n8n, e.g. --n8n-env=N8N_EXPRESSION_ENGINE=legacy,N8N_EXPRESSION_ENGINE_POOL_SIZE=4 */
const N8N_ENV: Record<string, string> = Object.fromEntries(
	flag('n8n-env', '')
		.split(',')
		.filter((pair) => pair.includes('='))
		.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const SECRET = 'bench-hook-secret-5d1c';
const API_CRED = { id: 'benchVicidialApi', name: 'VICIdial simulator (bench)' };
const TLS_CRED = { id: 'benchVicidialTls', name: 'VICIdial simulator over HTTPS (bench)' };
const HOOK_CRED = { id: 'benchHookSecret1', name: 'VICIdial hook secret (bench)' };

type Json = Record<string, unknown>;

/** The trigger versions the built package offers (a number or a list in its description). */
function triggerVersions(): number[] {
	const file = join(ROOT, 'dist', 'nodes', 'VicidialTrigger', 'VicidialTrigger.node.js');
	const exported = require(file) as Record<string, new () => { description?: { version: number | number[] }; nodeVersions?: Record<string, unknown> }>;
	const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
	if (!NodeClass) return [1];
	const instance = new NodeClass();
	if (instance.nodeVersions) return Object.keys(instance.nodeVersions).map(Number).sort();
	const version = instance.description?.version ?? 1;
	return (Array.isArray(version) ? version : [version]).filter((v) => Number.isInteger(v));
}

/** The webhook path of the Add Lead workflow for a concurrency and transport. */
const addLeadPath = (concurrency: number, transport: Transport) => `bench-add-lead-${transport === 'https' ? 'tls-' : ''}${concurrency}`;

function addLeadWorkflow(concurrency: number, transport: Transport = 'http'): Json {
	const id = `benchAddLead${transport === 'https' ? 'S' : 'C'}${String(concurrency).padStart(3, '0')}`;
	return {
		id,
		name: `bench: add_lead c=${concurrency}${transport === 'https' ? ' over HTTPS' : ''}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: { httpMethod: 'POST', path: addLeadPath(concurrency, transport), responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{
				id: `${id}-code`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'return $input.first().json.body.phones.map((phone) => ({ json: { phone } }));' },
			},
			{
				id: `${id}-add`,
				name: 'Add Lead',
				type: 'n8n-nodes-vicidial.vicidial',
				typeVersion: 1,
				position: [440, 0],
				parameters: addLeadParameters({ concurrency }),
				credentials: { vicidialApi: transport === 'https' ? TLS_CRED : API_CRED },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Add Lead', type: 'main', index: 0 }]] },
		},
	};
}

function triggerWorkflow(version: number): Json {
	const id = `benchTriggerV${version}xxxxx`.slice(0, 16);
	return {
		id,
		name: `bench: VICIdial Trigger v${version}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'VICIdial Trigger',
				type: 'n8n-nodes-vicidial.vicidialTrigger',
				typeVersion: version,
				position: [0, 0],
				webhookId: `bench-trigger-v${version}`,
				parameters: { event: 'dispo', options: {} },
				credentials: { vicidialTriggerApi: HOOK_CRED },
			},
		],
		connections: {},
	};
}

const WEBHOOK_WORKFLOW: Json = {
	id: 'benchWebhookNode',
	name: "bench: n8n's Webhook node",
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'benchWebhookNode-hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'bench-webhook-node',
			parameters: { httpMethod: METHOD, path: 'bench-webhook', responseMode: 'onReceived', options: {} },
		},
	],
	connections: {},
};

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until n8n has settled (under 5 % of a core for 400 ms): executions left over from a run are saved. */
async function waitIdle(pid: number, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const before = cpuSeconds(pid);
		await delay(400);
		if (cpuSeconds(pid) - before < 0.02) return;
	}
}

const phones = (offset: number) => Array.from({ length: ITEMS }, (_, i) => String(8100000000 + offset + i));

/** The newest finished execution of a workflow after `afterId`, and the Add Lead node's own time. */
async function nodeTime(api: (path: string) => Promise<Json>, workflowId: string, afterId: number): Promise<{ id: number; ms: number; items: number }> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const list = (await api(`/executions?workflowId=${workflowId}&limit=5`)).data as Array<{ id: string; stoppedAt: string | null; status: string }>;
		const done = list.filter((e) => Number(e.id) > afterId && e.stoppedAt !== null).sort((a, b) => Number(b.id) - Number(a.id))[0];
		if (done) {
			if (done.status !== 'success') throw new Error(`execution ${done.id} of ${workflowId}: ${done.status}`);
			const detail = await api(`/executions/${done.id}?includeData=true`);
			const runData = ((detail.data as Json).resultData as Json).runData as Record<string, Array<{ executionTime: number; data: { main: unknown[][] } }>>;
			const task = runData['Add Lead'][0];
			return { id: Number(done.id), ms: task.executionTime, items: task.data.main[0].length };
		}
		if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId} after ${afterId}`);
		await delay(200);
	}
}

/** The same form POSTs as the node, through a keep-alive pool of `concurrency` connections. */
async function rawRun(sim: Simulator, concurrency: number, numbersToAdd: string[]): Promise<number> {
	// Over HTTPS the pool skips certificate checks, as the bench credential's "Ignore SSL Issues" does.
	const pool = new Pool(sim.url, { connections: concurrency, ...(sim.url.startsWith('https:') ? { connect: { rejectUnauthorized: false } } : {}) });
	let next = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < numbersToAdd.length) {
				const phone = numbersToAdd[next++];
				const body = new URLSearchParams({ source: 'bench', user: '6666', pass: '1234', function: 'add_lead', phone_number: phone, list_id: '101', value: '' });
				const response = await pool.request({
					method: 'POST',
					path: '/vicidial/non_agent_api.php',
					headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain, text/html, */*' },
					body: body.toString(),
				});
				const text = await response.body.text();
				if (!text.startsWith('SUCCESS')) throw new Error(`raw add_lead: ${text}`);
			}
		}),
	);
	const elapsed = seconds(started);
	await pool.close();
	return elapsed;
}

/**
 * The call-outs through `concurrency` keep-alive connections; each must answer `expect`. GET
 * sends each as it is; POST keeps the secret in the query and moves the rest into a form body
 * (n8n's Webhook node v2 takes a GET without a body down its binary-data path: a file written
 * per request).
 */
async function hookRun(urls: string[], concurrency: number, expect: (status: number, body: string) => boolean): Promise<number> {
	const origin = new URL(urls[0]).origin;
	const pool = new Pool(origin, { connections: concurrency });
	let next = 0;
	let bad = '';
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < urls.length) {
				const url = new URL(urls[next++]);
				const query = url.search.slice(1);
				const secret = query.split('&').filter((pair) => pair.startsWith('token='));
				const rest = query.split('&').filter((pair) => !pair.startsWith('token='));
				const response =
					METHOD === 'GET'
						? await pool.request({ method: 'GET', path: `${url.pathname}${url.search}` })
						: await pool.request({
								method: 'POST',
								path: `${url.pathname}?${secret.join('&')}`,
								headers: { 'content-type': 'application/x-www-form-urlencoded' },
								body: rest.join('&'),
							});
				const text = await response.body.text();
				if (!expect(response.statusCode, text) && bad === '') bad = `${response.statusCode} ${text.slice(0, 200)}`;
			}
		}),
	);
	const elapsed = seconds(started);
	await pool.close();
	if (bad !== '') throw new Error(`unexpected answer: ${bad}`);
	return urls.length / elapsed;
}

let callCounter = 0;
/** Distinct dispo call-outs (call_id, uniqueid and lead differ), substituted as VICIdial does. */
function callouts(template: string, count: number): string[] {
	return Array.from({ length: count }, () => {
		const n = ++callCounter;
		const uniqueid = `17953${String(n).padStart(5, '0')}.${n % 1000}`;
		return substituteHookUrl(
			template,
			{ ...SAMPLE_CALLS.dispo, lead_id: String(100000 + n), uniqueid, call_id: `M1122055${String(n).padStart(12, '0')}` },
			{ kind: 'dispo' },
		);
	});
}

interface Context {
	n8n: RunningN8n;
	sim: Simulator;
	/** The simulator each transport's Add Lead runs against (https only with --tls). */
	sims: Partial<Record<Transport, Simulator>>;
	api: (path: string) => Promise<Json>;
	pid: number;
}

async function addLeadOnce(
	ctx: Context,
	concurrency: number,
	latency: number,
	offset: number,
	lastId: number,
	transport: Transport = 'http',
): Promise<{ wall: number; node: number; id: number; maxInFlight: number; connections: number }> {
	const sim = ctx.sims[transport] as Simulator;
	sim.reset();
	sim.latencyMs = latency;
	const body = JSON.stringify({ phones: phones(offset) });
	const started = process.hrtime.bigint();
	const response = await fetch(`${ctx.n8n.baseUrl}/webhook/${addLeadPath(concurrency, transport)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	const text = await response.text();
	const wall = seconds(started);
	if (response.status !== 200 || !text.includes('SUCCESS')) throw new Error(`add_lead workflow answered ${response.status}: ${text.slice(0, 300)}`);
	if (sim.stats.requests !== ITEMS) throw new Error(`the simulator saw ${sim.stats.requests} requests, not ${ITEMS}`);
	const { maxInFlight, connections } = sim.stats;
	const run = await nodeTime(ctx.api, addLeadWorkflow(concurrency, transport).id as string, lastId);
	if (run.items !== ITEMS) throw new Error(`Add Lead put out ${run.items} items`);
	return { wall, node: run.ms / 1000, id: run.id, maxInFlight, connections };
}

async function addLeadPart(ctx: Context): Promise<void> {
	type Cell = { wall: number[]; node: number[]; raw: number[]; maxNode: number; maxRaw: number; connsNode: number; connsRaw: number };
	const cells = new Map<string, Cell>();
	let lastId = 0;
	let offset = 0;
	for (let round = 1; round <= ROUNDS; round++) {
		for (const latency of LATENCIES) {
			for (const c of CONCURRENCY) {
				for (const transport of TRANSPORTS) {
					const sim = ctx.sims[transport] as Simulator;
					const key = `${transport}/${latency}/${c}`;
					const cell = cells.get(key) ?? { wall: [], node: [], raw: [], maxNode: 0, maxRaw: 0, connsNode: 0, connsRaw: 0 };
					cells.set(key, cell);
					await waitIdle(ctx.pid);
					const node = await addLeadOnce(ctx, c, latency, (offset += ITEMS), lastId, transport);
					lastId = node.id;
					cell.wall.push(node.wall);
					cell.node.push(node.node);
					cell.maxNode = Math.max(cell.maxNode, node.maxInFlight);
					cell.connsNode = node.connections;
					await waitIdle(ctx.pid);
					sim.reset();
					sim.latencyMs = latency;
					cell.raw.push(await rawRun(sim, c, phones((offset += ITEMS))));
					cell.maxRaw = Math.max(cell.maxRaw, sim.stats.maxInFlight);
					cell.connsRaw = sim.stats.connections;
					say(
						`  round ${round}, ${transport}, ${latency} ms, c=${c}: node ${node.node.toFixed(2)} s (wall ${node.wall.toFixed(2)} s), raw ${cell.raw[cell.raw.length - 1].toFixed(2)} s, in flight ${node.maxInFlight}`,
					);
				}
			}
		}
	}
	const rows: string[][] = [];
	const tlsRows: string[][] = [];
	const perItemMs = (s: number) => (s * 1000) / ITEMS;
	for (const latency of LATENCIES) {
		for (const c of CONCURRENCY) {
			for (const transport of TRANSPORTS) {
				const cell = cells.get(`${transport}/${latency}/${c}`) as Cell;
				const rate = (times: number[]) => spread(times.map((t) => ITEMS / t));
				const node = spread(cell.node);
				const wall = spread(cell.wall);
				const raw = spread(cell.raw);
				rows.push([
					...(TRANSPORTS.length > 1 ? [transport] : []),
					`${latency} ms`,
					String(c),
					showSpread(rate(cell.node)),
					showSpread(rate(cell.wall)),
					showSpread(rate(cell.raw)),
					(raw.median / node.median).toFixed(2),
					(raw.median / wall.median).toFixed(2),
					`${cell.maxNode} / ${cell.maxRaw}`,
					`${cell.connsNode} / ${cell.connsRaw}`,
					perItemMs(node.median - raw.median).toFixed(2),
				]);
			}
			if (TRANSPORTS.length > 1) {
				const plain = cells.get(`http/${latency}/${c}`) as Cell;
				const tls = cells.get(`https/${latency}/${c}`) as Cell;
				// Per round, HTTPS minus the HTTP run just before it (interleaved), then the median.
				const extra = (a: number[], b: number[]) => spread(b.map((t, i) => perItemMs(t - a[i])));
				const node = extra(plain.node, tls.node);
				const raw = extra(plain.raw, tls.raw);
				tlsRows.push([
					`${latency} ms`,
					String(c),
					showSpread(node, 3),
					showSpread(raw, 3),
					(spread(tls.raw).median / spread(tls.node).median).toFixed(2),
					(spread(plain.raw).median / spread(plain.node).median).toFixed(2),
				]);
			}
		}
	}
	say(`\nAdd Lead x ${ITEMS} in n8n ${VERSION}, ${ROUNDS} rounds, items/s median (min-max)`);
	say(
		table(
			[
				...(TRANSPORTS.length > 1 ? ['transport'] : []),
				'dialer',
				'c',
				'node items/s',
				'wall items/s',
				'raw items/s',
				'node/raw',
				'wall/raw',
				'max in flight node / raw',
				'connections node / raw',
				'node - raw ms/item',
			],
			rows,
		),
	);
	if (tlsRows.length > 0) {
		say(`HTTPS over HTTP: extra ms per item, per round then median (min-max)`);
		say(table(['dialer', 'c', 'node: https - http ms/item', 'raw: https - http ms/item', 'node/raw https', 'node/raw http'], tlsRows));
	}
}

async function triggerPart(ctx: Context, versions: number[], templates: Map<string, string>): Promise<void> {
	const names = ['webhook', ...versions.map((v) => `v${v}`)];
	const rates = new Map<string, number[]>();
	for (let round = 1; round <= ROUNDS; round++) {
		for (const c of TRIGGER_CONCURRENCY) {
			for (const name of names) {
				await waitIdle(ctx.pid);
				const urls = callouts(templates.get(name) as string, REQUESTS);
				const expect =
					name === 'webhook' ? (status: number) => status === 200 : (status: number, body: string) => status === 200 && body === 'OK';
				const rate = await hookRun(urls, c, expect);
				const key = `${name}/${c}`;
				rates.set(key, [...(rates.get(key) ?? []), rate]);
				say(`  round ${round}, c=${c}, ${name}: ${rate.toFixed(1)} req/s`);
			}
		}
	}
	await waitIdle(ctx.pid);
	const rows = TRIGGER_CONCURRENCY.map((c) => {
		const hook = spread(rates.get(`webhook/${c}`) ?? []);
		const cells = [String(c), showSpread(hook)];
		for (const v of versions) {
			const trigger = spread(rates.get(`v${v}/${c}`) ?? []);
			cells.push(showSpread(trigger), (trigger.median / hook.median).toFixed(2));
		}
		return cells;
	});
	say(`\nVICIdial Trigger vs n8n's Webhook node (v2, responds at once), ${REQUESTS} distinct dispo call-outs per run (${METHOD}), n8n ${VERSION}, ${ROUNDS} rounds, req/s median (min-max)`);
	say(table(['c', 'Webhook node', ...versions.flatMap((v) => [`Trigger v${v}`, `v${v}/Webhook`])], rows));
}

async function profilePart(ctx: Context, versions: number[], templates: Map<string, string>): Promise<void> {
	const url = inspectorUrl(ctx.n8n.output());
	if (!url) throw new Error('n8n printed no inspector URL');
	const inspector = await Inspector.connect(url);
	const interesting = [
		'runItems',
		'callVicidial',
		'httpRequestWithAuthentication',
		'httpRequest',
		'authenticate',
		'getNodeParameter',
		'getCredentials',
		'checkReply',
		'parseReply',
		'webhook',
		'runWebhook',
		'executeWebhook',
	];
	const saved = join(ROOT, '.cache', 'bench-profiles');
	mkdirSync(saved, { recursive: true });
	const report = (title: string, profile: Awaited<ReturnType<Inspector['stop']>>) => {
		const summary = summarize(profile);
		// The whole profile, for Chrome DevTools or a closer look than the tables below.
		const file = join(saved, `${new Date().toISOString().replace(/[:.]/g, '-')}-${title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		say(`(profile saved: ${file})`);
		say(`\nProfile: ${title}. n8n main process, ${summary.totalMs.toFixed(0)} ms sampled, ${(summary.totalMs - summary.idleMs).toFixed(0)} ms busy`);
		say(table(['self ms', 'share', 'function', 'where'], summary.functions.map((f) => [f.ms.toFixed(1), `${(f.share * 100).toFixed(1)} %`, f.name, f.where])));
		say(table(['self ms', 'share', 'package'], summary.packages.map((p) => [p.ms.toFixed(1), `${(p.share * 100).toFixed(1)} %`, p.name])));
		const inside = inclusive(profile, interesting).filter((entry) => entry.ms > 0);
		say(table(['total ms', 'share', 'inside (callees included)'], inside.map((e) => [e.ms.toFixed(1), `${(e.share * 100).toFixed(1)} %`, e.name])));
	};
	try {
		for (const latency of PARTS.has('node') ? LATENCIES : []) {
			const c = Math.max(...CONCURRENCY);
			await waitIdle(ctx.pid);
			await inspector.start();
			const run = await addLeadOnce(ctx, c, latency, 90_000_000 + latency * 10_000, 0);
			report(`Add Lead x ${ITEMS}, c=${c}, dialer ${latency} ms away (node ${run.node.toFixed(2)} s, in flight ${run.maxInFlight})`, await inspector.stop());
		}
		if (PARTS.has('trigger')) {
			const c = Math.max(...TRIGGER_CONCURRENCY);
			for (const name of ['webhook', ...versions.map((v) => `v${v}`)]) {
				await waitIdle(ctx.pid);
				await inspector.start();
				const rate = await hookRun(callouts(templates.get(name) as string, REQUESTS), c, (status) => status === 200);
				// Not waitIdle: the sampling profiler itself keeps n8n above its idle mark.
				await delay(2000);
				report(`${name === 'webhook' ? "n8n's Webhook node" : `VICIdial Trigger ${name}`}, ${REQUESTS} call-outs at c=${c} (${rate.toFixed(1)} req/s)`, await inspector.stop());
			}
		}
	} finally {
		inspector.close();
	}
}

async function main(): Promise<void> {
	const startedAll = process.hrtime.bigint();
	const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
	const dirty = execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], { cwd: ROOT }).toString().trim() !== '';
	say(`bench/n8n.cts: n8n ${VERSION}, commit ${commit}${dirty ? ' (nodes/ or credentials/ modified in the tree)' : ''}, ${new Date().toISOString()}`);
	if (Object.keys(N8N_ENV).length > 0) say(`n8n environment: ${Object.entries(N8N_ENV).map(([key, value]) => `${key}=${value}`).join(" ")}`);
	say(`load: ${execFileSync('uptime').toString().trim()}`);
	const install = await ensureN8n(VERSION);
	if (!switchOn('no-build')) await buildPackage(false);
	const versions = triggerVersions();
	say(`VICIdial Trigger versions in dist/: ${versions.join(', ')}`);

	const sim = await startSimulator();
	const sims: Context['sims'] = { http: sim };
	if (TRANSPORTS.includes('https')) sims.https = await startSimulator({ tls: selfSignedCertificate() });
	const userFolder = join(ROOT, '.n8n-e2e', `bench-${VERSION}-${process.pid}`);
	mkdirSync(userFolder, { recursive: true });
	const ports = { port: await freePort(), brokerPort: await freePort() };
	const env = n8nEnv(install, userFolder, ports, {
		N8N_LOG_LEVEL: 'warn',
		...N8N_ENV,
		...(PROFILE ? { NODE_OPTIONS: '--inspect=127.0.0.1:0' } : {}),
	});
	// The import and publish commands must not open an inspector of their own.
	const commandEnv = { ...env, NODE_OPTIONS: '' };
	let n8n: RunningN8n | undefined;
	try {
		await installPackage(userFolder);
		writeFileSync(
			join(userFolder, 'credentials.json'),
			JSON.stringify([
				{ ...API_CRED, type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'bench' } },
				...(sims.https
					? [{ ...TLS_CRED, type: 'vicidialApi', data: { baseUrl: sims.https.url, apiUser: '6666', password: '1234', source: 'bench', ignoreSslIssues: true } }]
					: []),
				{ ...HOOK_CRED, type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } },
			]),
		);
		await n8nCommandChecked(install, commandEnv, ['import:credentials', `--input=${join(userFolder, 'credentials.json')}`]);
		const workflows = [...TRANSPORTS.flatMap((transport) => CONCURRENCY.map((c) => addLeadWorkflow(c, transport))), WEBHOOK_WORKFLOW, ...versions.map(triggerWorkflow)];
		const dir = join(userFolder, 'workflows');
		mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) writeFileSync(join(dir, `${workflow.id as string}.json`), JSON.stringify(workflow));
		await n8nCommandChecked(install, commandEnv, ['import:workflow', '--separate', `--input=${dir}`]);
		for (const workflow of workflows) await n8nCommandChecked(install, commandEnv, ['publish:workflow', `--id=${workflow.id as string}`]);
		n8n = await startN8n(install, env);
		const rest = new RestSession(n8n.baseUrl);
		await rest.ownerSetupOrLogin();
		const apiKey = await rest.createApiKey('bench');
		const baseUrl = n8n.baseUrl;
		const api = async (path: string): Promise<Json> => {
			const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' } });
			const text = await response.text();
			if (response.status !== 200) throw new Error(`GET /api/v1${path} answered ${response.status}: ${text.slice(0, 300)}`);
			return JSON.parse(text) as Json;
		};
		const ctx: Context = { n8n, sim, sims, api, pid: n8n.child.pid as number };

		const templates = new Map<string, string>();
		for (const v of versions) {
			const url = `${baseUrl}/webhook/bench-trigger-v${v}/vicidial`;
			await waitForWebhook(url);
			const setup = await (await fetch(`${url}?n8n_setup=1&token=${SECRET}`)).text();
			const lines = setup.split('\n');
			const paste = lines[lines.indexOf('Paste this exact string:') + 1] ?? '';
			if (!paste.startsWith('VAR')) throw new Error(`trigger v${v} setup answer has no paste-ready URL:\n${setup.slice(0, 500)}`);
			templates.set(`v${v}`, paste);
		}
		// The Webhook node gets the very same query string on its own path.
		const first = templates.get(`v${versions[0]}`) as string;
		templates.set('webhook', `${baseUrl}/webhook/bench-webhook?${first.split('?')[1]}`);
		await waitForWebhook(`${baseUrl}/webhook/bench-webhook`);
		for (const transport of TRANSPORTS) for (const c of CONCURRENCY) await waitForWebhook(`${baseUrl}/webhook/${addLeadPath(c, transport)}`);

		// One warm-up of each kind, not counted: n8n compiles and caches on first use.
		if (PARTS.has('node')) for (const [i, transport] of TRANSPORTS.entries()) await addLeadOnce(ctx, Math.max(...CONCURRENCY), 0, 80_000_000 + i * 1_000_000, 0, transport);
		if (PARTS.has('trigger')) for (const name of templates.keys()) await hookRun(callouts(templates.get(name) as string, 20), 4, (s) => s === 200);

		if (PARTS.has('node')) await addLeadPart(ctx);
		if (PARTS.has('trigger')) await triggerPart(ctx, versions, templates);
		if (PROFILE) await profilePart(ctx, versions, templates);
	} catch (error) {
		if (n8n) process.stderr.write(`n8n output (tail):\n${n8n.output().slice(-4000)}\n`);
		throw error;
	} finally {
		await n8n?.stop();
		await sim.stop();
		await sims.https?.stop();
		if (!switchOn('keep')) rmSync(userFolder, { recursive: true, force: true });
	}
	say(`\nload: ${execFileSync('uptime').toString().trim()}; whole run ${seconds(startedAll).toFixed(0)} s`);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
