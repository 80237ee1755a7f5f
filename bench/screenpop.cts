/**
 * How long a screen pop takes, end to end, in a real n8n (issue 12): the agent screen's request
 * to the Web Form URL → VICIdial Trigger → the CRM lookup (a local stand-in) → the VICIdial
 * Screen Pop card, against n8n's own Webhook node doing the same work (Webhook, responding with
 * Respond to Webhook → the same CRM lookup → a text/html card). Requests are sent one at a
 * time, alternating A, B, A, B, so a busy machine slows both alike; the first requests of each
 * side warm up and are not counted. Prints median and p95 per side and their ratio.
 *
 *   npm run bench:screenpop                    # n8n 2.8.4, 50 requests per side
 *   npm run bench:screenpop -- --requests=100 --n8n=2.41.1
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { buildHookUrl } from '../nodes/VicidialTrigger/hooks';
import { SAMPLE_CALLS, sendRequest, substituteHookUrl } from '../simulator/hooks.cjs';
import { freePort } from '../scripts/n8n/lib.cjs';
import { startE2eN8n, type WorkflowFixture } from '../test/e2e/harness.cjs';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const REQUESTS = Number(args.get('requests') ?? 50);
const WARMUP = 5;
if (args.has('n8n')) process.env.N8N_E2E_VERSION = args.get('n8n');
const SECRET = 'bench-screenpop-secret-1';

/** The CRM stand-in: one known contact, answered at once. */
async function startCrm(): Promise<{ url: string; server: Server }> {
	const port = await freePort();
	const server = createServer((request, response) => {
		const known = new URL(request.url ?? '/', 'http://crm').searchParams.get('phone') === '3125550199';
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ contacts: known ? [{ name: 'Ann Smith', account: 'A-10018', url: 'https://crm.example.com/contacts/10018' }] : [] }));
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${port}/api/contacts`, server };
}

/** n8n's Webhook node doing the same: look the caller up, answer a small HTML card. */
function peerWorkflow(crmUrl: string): WorkflowFixture {
	return {
		id: 'benchPeerScreen1',
		name: 'Peer: Webhook node screen pop',
		nodes: [
			{ id: 'peer-hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'bench-peer-screenpop', parameters: { path: 'bench-peer-screenpop', responseMode: 'responseNode', options: {} } },
			{
				id: 'peer-lookup',
				name: 'Look Up the Caller',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: { url: crmUrl, sendQuery: true, queryParameters: { parameters: [{ name: 'phone', value: '={{ $json.query.phone_number }}' }] }, options: {} },
			},
			{
				id: 'peer-respond',
				name: 'Card',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: {
					respondWith: 'text',
					responseBody: '=<!doctype html><html><body><h1>{{ $json.contacts[0].name }}</h1><p>Account {{ $json.contacts[0].account }}</p><a href="{{ $json.contacts[0].url }}">Open record</a></body></html>',
					options: { responseHeaders: { entries: [{ name: 'content-type', value: 'text/html; charset=utf-8' }] } },
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Look Up the Caller', type: 'main', index: 0 }]] },
			'Look Up the Caller': { main: [[{ node: 'Card', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function stats(samples: number[]): { median: number; p95: number } {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return { median: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
	const crm = await startCrm();
	const screenPop = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'screen-pop.json'), 'utf8')) as WorkflowFixture;
	const setNode = screenPop.nodes.find((node) => node.name === 'CRM URL');
	(setNode?.parameters.assignments as { assignments: { value: string }[] }).assignments[0].value = crm.url;
	// Measured without the example's replay protection: each request is a new page load.
	const peer = peerWorkflow(crm.url);
	const n8n = await startE2eN8n({
		label: 'bench-screenpop',
		credentials: [{ id: 'vicidialHookExample', name: 'VICIdial hook secret', type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } }],
		workflows: [screenPop, peer],
		publish: [screenPop.id, peer.id],
	});
	try {
		const hookId = screenPop.nodes.find((node) => node.name === 'VICIdial Trigger')?.webhookId ?? '';
		const ours = buildHookUrl({ kind: 'webForm', webhookUrl: n8n.webhookUrl(hookId, 'vicidial'), variables: ['lead_id', 'phone_number', 'first_name', 'last_name', 'call_id'], querySecret: { name: 'token', value: SECRET } });
		const peerUrl = `${n8n.baseUrl}/webhook/bench-peer-screenpop`;
		await n8n.waitForWebhook(n8n.webhookUrl(hookId, 'vicidial'));
		const times: Record<'trigger' | 'webhook', number[]> = { trigger: [], webhook: [] };
		for (let i = 0; i < REQUESTS + WARMUP; i++) {
			const values = { ...SAMPLE_CALLS.webForm, phone_number: '3125550199', call_id: `M11220555000000${String(i).padStart(5, '0')}` };
			for (const side of i % 2 === 0 ? (['trigger', 'webhook'] as const) : (['webhook', 'trigger'] as const)) {
				const url = side === 'trigger' ? substituteHookUrl(ours, values, { kind: 'webForm' }) : `${peerUrl}?phone_number=3125550199&call=${i}`;
				const started = process.hrtime.bigint();
				const response = await sendRequest(url);
				const ms = Number(process.hrtime.bigint() - started) / 1e6;
				if (response.status !== 200 || !response.body.includes('Ann Smith')) throw new Error(`${side}: HTTP ${response.status} ${response.body.slice(0, 200)}`);
				if (i >= WARMUP) times[side].push(ms);
			}
		}
		const a = stats(times.trigger);
		const b = stats(times.webhook);
		console.log(`n8n ${process.env.N8N_E2E_VERSION ?? '2.8.4'}, ${REQUESTS} screen pops per side, one at a time, interleaved`);
		console.log(`VICIdial Trigger + Screen Pop card : median ${a.median.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms`);
		console.log(`n8n Webhook + Respond to Webhook   : median ${b.median.toFixed(1)} ms, p95 ${b.p95.toFixed(1)} ms`);
		console.log(`ratio trigger/webhook (time)       : median ${(a.median / b.median).toFixed(2)}, p95 ${(a.p95 / b.p95).toFixed(2)}`);
	} finally {
		await n8n.stop();
		await new Promise<void>((resolve) => crm.server.close(() => resolve()));
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
