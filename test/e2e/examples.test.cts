/**
 * The shipped example workflows (examples/) in a real n8n, against the simulator, with the CRM
 * and the chat channel replaced by a local HTTP sink that records what it receives. Each
 * workflow keeps its CRM (or chat) URL in one Set node; the test points that node at the sink
 * before import, and checks what the sink, the simulator and the webhook caller got.
 */
import { createServer, type Server } from 'node:http';

import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { delay, freePort } from '../../scripts/n8n/lib.cjs';
import { hookSecretCredential, loadExample, N8N_VERSION, nodeOutput, pointAt, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const SECRET = 'e2e-examples-secret-3b7c41';

interface Received {
	method: string;
	path: string;
	body: Record<string, unknown>;
}

/** A stand-in CRM / chat webhook: answers 200 `{"ok":true}` and keeps every request. */
class Sink {
	readonly received: Received[] = [];
	private server: Server | undefined;
	url = '';

	async start(): Promise<void> {
		const port = await freePort();
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: Record<string, unknown>;
				try {
					body = JSON.parse(text) as Record<string, unknown>;
				} catch {
					body = { unparsed: text };
				}
				this.received.push({ method: request.method ?? '', path: request.url ?? '', body });
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${port}`;
	}

	/** The requests to `path`, once there are at least `count` of them. */
	async waitFor(path: string, count: number, timeoutMs = 20_000): Promise<Received[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const hits = this.received.filter((hit) => hit.path === path);
			if (hits.length >= count) return hits;
			if (Date.now() > deadline) throw new Error(`sink: ${hits.length} of ${count} requests to ${path} after ${timeoutMs} ms`);
			await delay(200);
		}
	}

	stop(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** The production URL of the example's Webhook node (n8n's Webhook node: `/webhook/<path>`). */
function webhookPath(workflow: WorkflowFixture, nodeName: string): string {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (node?.type !== 'n8n-nodes-base.webhook') throw new Error(`${workflow.name}: no Webhook node "${nodeName}"`);
	return String(node.parameters.path);
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await response.text();
	try {
		return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
	} catch {
		return { status: response.status, json: { unparsed: text } };
	}
}

describe(`the example workflows in n8n ${N8N_VERSION}, with a sink for the CRM`, () => {
	let sim: Simulator;
	let sink: Sink;
	let n8n: E2eN8n;
	const leadInjection = loadExample('lead-injection.json');
	const clickToCall = loadExample('click-to-call.json');
	const dncBothWays = loadExample('dnc-both-ways.json');
	const dailyStats = loadExample('daily-agent-stats.json');
	const dispositions = loadExample('dispo-to-lead-notes-and-dnc.json');
	const errorAlert = loadExample('error-alert.json');

	beforeAll(async () => {
		sim = await startSimulator();
		sink = new Sink();
		await sink.start();
		pointAt(leadInjection, 'CRM URL', `${sink.url}/crm/leads`);
		pointAt(dncBothWays, 'CRM URL', `${sink.url}/crm/dnc`);
		pointAt(dailyStats, 'Chat URL', `${sink.url}/chat`);
		pointAt(errorAlert, 'Chat URL', `${sink.url}/chat/errors`);
		// The stats window is "yesterday" in the workflow's time zone: UTC here, so the test knows it.
		dailyStats.settings = { ...dailyStats.settings, timezone: 'UTC' };
		n8n = await startE2eN8n({
			label: 'examples',
			credentials: [
				{ id: 'vicidialApiExample', name: 'VICIdial account', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-example' } },
				hookSecretCredential('vicidialHookExample', 'VICIdial hook secret', SECRET),
			],
			workflows: [leadInjection, clickToCall, dncBothWays, dailyStats, dispositions, errorAlert],
			// n8n 2.x runs an error workflow only when it is published.
			publish: [leadInjection.id, clickToCall.id, dncBothWays.id, dispositions.id, errorAlert.id],
		});
		for (const [workflow, node] of [
			[leadInjection, 'CRM Lead Webhook'],
			[clickToCall, 'CRM Call Button'],
			[dncBothWays, 'CRM Opt-Out'],
		] as const) {
			await n8n.waitForWebhook(`${n8n.baseUrl}/webhook/${webhookPath(workflow, node)}`);
		}
	});

	afterAll(async () => {
		await n8n?.stop();
		await sink?.stop();
		await sim?.stop();
	});

	describe('lead injection', () => {
		const url = () => `${n8n.baseUrl}/webhook/${webhookPath(leadInjection, 'CRM Lead Webhook')}`;
		const leadsOf = (crmId: string) => [...sim.state.leads.values()].filter((lead) => lead.vendor_lead_code === crmId);

		it('adds a new lead with the CRM id, queues it in the hopper and tells the CRM its lead id', async () => {
			const reply = await post(url(), { crm_id: 'C-1001', phone: '3125550142', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
			expect(reply.status).toBe(200);
			const [hit] = await sink.waitFor('/crm/leads', 1);

			const leads = leadsOf('C-1001');
			expect(leads).toHaveLength(1);
			expect(leads[0]).toMatchObject({ phone_number: '3125550142', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', list_id: '101' });
			expect(sim.state.hopper.map((entry) => entry.lead_id)).toContain(leads[0].lead_id);
			expect(hit.method).toBe('POST');
			expect(hit.body).toEqual({ crm_id: 'C-1001', vicidial_lead_id: String(leads[0].lead_id), action: 'created' });
		});

		it('the same CRM lead again updates the existing lead instead of adding a second one', async () => {
			const [existing] = leadsOf('C-1001');
			const count = sim.state.leads.size;
			const reply = await post(url(), { crm_id: 'C-1001', phone: '3125550142', first_name: 'Ada', last_name: 'King', email: 'ada.king@example.com' });
			expect(reply.status).toBe(200);
			const hits = await sink.waitFor('/crm/leads', 2);

			expect(sim.state.leads.size).toBe(count);
			expect(leadsOf('C-1001')).toHaveLength(1);
			expect(sim.state.leads.get(existing.lead_id)).toMatchObject({ last_name: 'King', email: 'ada.king@example.com' });
			expect(hits[1].body).toEqual({ crm_id: 'C-1001', vicidial_lead_id: String(existing.lead_id), action: 'updated' });
			const fns = sim.log.filter((call) => call.params.source === 'n8n-example' && call.api === 'nonAgent').map((call) => call.fn);
			expect(fns).toEqual(['add_lead', 'add_lead', 'update_lead']);
		});
	});

	describe('click-to-call', () => {
		const url = () => `${n8n.baseUrl}/webhook/${webhookPath(clickToCall, 'CRM Call Button')}`;

		it('sends external_dial for the mapped, paused agent and tells the CRM it is dialing', async () => {
			expect(sim.state.liveAgents.get('1000')).toMatchObject({ status: 'PAUSED', lead_id: 0 });
			const reply = await post(url(), { crm_user: 'alice@example.com', phone: '7275551111' });
			expect(reply).toEqual({ status: 200, json: { ok: true, message: 'Dialing 7275551111 on your VICIdial screen.' } });
			const dials = sim.log.filter((call) => call.api === 'agent' && call.fn === 'external_dial');
			expect(dials.map((call) => [call.params.agent_user, call.params.value])).toEqual([['1000', '7275551111']]);
			expect(sim.state.liveAgents.get('1000')?.pending.external_dial).toBeDefined();
		});

		it('answers a friendly message for an agent who is not logged in', async () => {
			expect(sim.state.liveAgents.has('1001')).toBe(false);
			const reply = await post(url(), { crm_user: 'bob@example.com', phone: '7275551111' });
			expect(reply.status).toBe(200);
			expect(reply.json).toMatchObject({ ok: false, refusal: 'agent_not_logged_in' });
			expect(String(reply.json.message)).toMatch(/not logged in to VICIdial/);
		});

		it('answers a friendly message for an agent who is taking calls, not paused', async () => {
			const live = sim.state.liveAgents.get('1000');
			if (!live) throw new Error('agent 1000 is not logged in');
			live.pending = {};
			live.status = 'READY';
			const reply = await post(url(), { crm_user: 'alice@example.com', phone: '7275551111' });
			expect(reply.status).toBe(200);
			expect(reply.json).toMatchObject({ ok: false });
			expect(String(reply.json.message)).toMatch(/only while you are paused/);
			expect(live.pending.external_dial).toBeUndefined();
		});
	});

	describe('DNC both ways', () => {
		const url = () => `${n8n.baseUrl}/webhook/${webhookPath(dncBothWays, 'CRM Opt-Out')}`;

		it('a CRM opt-out puts the number on the system DNC list', async () => {
			expect(sim.state.dnc.get('SYSTEM_INTERNAL')?.has('3125550188')).toBe(false);
			const reply = await post(url(), { phone: '3125550188' });
			expect(reply).toEqual({ status: 200, json: { ok: true, already: false, phone: '3125550188' } });
			expect(sim.state.dnc.get('SYSTEM_INTERNAL')?.has('3125550188')).toBe(true);
		});

		it('an opt-out of a number already on the list is a success too', async () => {
			const size = sim.state.dnc.get('SYSTEM_INTERNAL')?.size;
			const reply = await post(url(), { phone: '3125550188' });
			expect(reply).toEqual({ status: 200, json: { ok: true, already: true, phone: '3125550188' } });
			expect(sim.state.dnc.get('SYSTEM_INTERNAL')?.size).toBe(size);
		});

		it('a DNC disposition in VICIdial reaches the CRM; another disposition does not', async () => {
			const trigger = dncBothWays.nodes.find((node) => node.name === 'VICIdial Trigger');
			const productionUrl = n8n.webhookUrl(String(trigger?.webhookId), 'vicidial');
			await n8n.waitForWebhook(productionUrl);
			const setup = await (await fetch(`${productionUrl}?n8n_setup=1&token=${SECRET}`)).text();
			const lines = setup.split('\n');
			const pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];
			expect(pasteUrl.startsWith(`VAR${productionUrl}?token=${SECRET}&`)).toBe(true);

			const sale = await fireCallout(pasteUrl, { ...SAMPLE_CALLS.dispo, lead_id: '1', phone_number: '7275551212', dispo: 'SALE', dispo_name: 'Sale Made', uniqueid: '1795300000.301', user: '1000' });
			expect(sale.body).toBe('OK');
			const dnc = await fireCallout(pasteUrl, { ...SAMPLE_CALLS.dispo, lead_id: '3', phone_number: '3125550199', dispo: 'DNC', dispo_name: 'Do Not Call', uniqueid: '1795300000.302', user: '1000' });
			expect(dnc.body).toBe('OK');

			const executions = await n8n.waitForExecutions(dncBothWays.id, 4);
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success', 'success']);
			const hits = await sink.waitFor('/crm/dnc', 1);
			await delay(1000);
			expect(sink.received.filter((hit) => hit.path === '/crm/dnc')).toHaveLength(1);
			expect(hits[0].body).toEqual({ phone: '3125550199', vicidial_lead_id: '3', dnc: true, disposition: 'DNC', agent: '1000' });
		});
	});

	describe('daily stats', () => {
		it('posts yesterday\'s agent stats, and only yesterday\'s, to the chat sink', async () => {
			const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
			const row = (id: number, user: string, date: string, talk: number) => ({
				agent_log_id: id, user, event_time: `${date} 10:00:00`, campaign_id: 'TESTCAMP', lead_id: 1, uniqueid: `1795400000.${id}`,
				sub_status: '', pause_sec: 60, wait_sec: 30, talk_sec: talk, dispo_sec: 10, dead_sec: 0,
			});
			sim.state.agentLog.push(row(1, '1000', day(-1), 120), row(2, '1000', day(-1), 300), row(3, '1001', day(-2), 500));

			const result = await n8n.execute(dailyStats.id);
			expect({ code: result.code, error: result.output?.data?.resultData?.error?.message }).toEqual({ code: 0, error: undefined });

			const [hit] = await sink.waitFor('/chat', 1);
			const stats = sim.log.filter((call) => call.fn === 'agent_stats_export');
			expect(stats.map((call) => [call.params.datetime_start, call.params.datetime_end].map((value) => value.replace('+', ' ')))).toEqual([[`${day(-1)} 00:00:00`, `${day(-1)} 23:59:59`]]);
			const agents = hit.body.agents as Record<string, unknown>[];
			expect(agents.map((agent) => agent.user)).toEqual(['1000']);
			expect(agents[0]).toMatchObject({ user: '1000', calls: 2 });
			expect(String(hit.body.text)).toContain(`VICIdial agents on ${day(-1)}:`);
			expect(String(hit.body.text)).toMatch(/\(1000\): 2 calls/);
			expect(nodeOutput(result.output?.data?.resultData?.runData, 'Agent Stats')).toHaveLength(1);
		});
	});

	describe('error alert', () => {
		it('a disposition that VICIdial refuses runs the error workflow, which posts the workflow, node, plain-words error and execution link', async () => {
			expect(dispositions.settings?.errorWorkflow).toBe(errorAlert.id);
			const trigger = dispositions.nodes.find((node) => node.name === 'VICIdial Trigger');
			const productionUrl = n8n.webhookUrl(String(trigger?.webhookId), 'vicidial');
			await n8n.waitForWebhook(productionUrl);
			const setup = await (await fetch(`${productionUrl}?n8n_setup=1&token=${SECRET}`)).text();
			const lines = setup.split('\n');
			const pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];

			// Lead 999999 is in no list: update_lead answers NO MATCHES FOUND and the node fails.
			expect(sim.state.leads.has(999999)).toBe(false);
			const reply = await fireCallout(pasteUrl, { ...SAMPLE_CALLS.dispo, lead_id: '999999', phone_number: '3125550123', dispo: 'SALE', dispo_name: 'Sale Made', uniqueid: '1795300000.401', user: '1000' });
			expect(reply.body).toBe('OK');

			const [failed] = await n8n.waitForExecutions(dispositions.id, 1);
			expect(failed.status).toBe('error');
			const [run] = await n8n.waitForExecutions(errorAlert.id, 1, 30_000);
			const detail = await n8n.execution(run.id);
			expect({ mode: run.mode, status: run.status, error: detail.data?.resultData?.error?.message }).toEqual({ mode: 'error', status: 'success', error: undefined });
			const [alert] = await sink.waitFor('/chat/errors', 1);
			expect(alert.method).toBe('POST');
			expect(alert.body).toMatchObject({
				workflow: dispositions.name,
				node: 'Note the Outcome on the Lead',
				executionUrl: `${n8n.baseUrl}/workflow/${dispositions.id}/executions/${failed.id}`,
			});
			expect(String(alert.body.error)).toMatch(/no lead|not found|no match/i);
			expect(String(alert.body.text)).toContain(`workflow "${dispositions.name}" failed at node "Note the Outcome on the Lead": ${String(alert.body.error)}`);
			expect(JSON.stringify(alert.body)).not.toContain(SECRET);
			expect(JSON.stringify(alert.body)).not.toMatch(/pass(word)?=1234/);
		});
	});
});
