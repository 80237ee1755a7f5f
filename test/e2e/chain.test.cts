/**
 * The whole chain in a real n8n: the simulator fires a Dispo Call URL (substituted as VICIdial
 * does, simulator/hooks.cts) at the trigger's production URL; the published workflow maps the
 * disposition, calls update_lead and, for DNC, add_dnc_phone back in the simulator. Asserted:
 * the simulator's state, the requests it received, and the execution through n8n's public API.
 * Also: a wrong or missing secret gets 401 and no execution; a duplicate no second execution.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fireCallout, SAMPLE_CALLS, type HookValues } from '../../simulator/hooks.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { delay } from '../../scripts/n8n/lib.cjs';
import { hookSecretCredential, N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

const SECRET = 'e2e-hook-secret-6f1d2c9a';
const workflow = JSON.parse(readFileSync(join(__dirname, 'workflows', 'dispo-sync.json'), 'utf8')) as WorkflowFixture;
const WEBHOOK_ID = 'e2e-dispo-sync';

/** A disposition of one of the simulator's seeded leads (simulator/state.cts createState), one call each. */
function dispoOf(leadId: number, phone: string, dispo: string, dispoName: string, uniqueid: string): HookValues {
	const callId = `M11220550${uniqueid.replace('.', '').slice(-11)}`;
	return { ...SAMPLE_CALLS.dispo, lead_id: String(leadId), phone_number: phone, dialed_number: phone, dispo, dispo_name: dispoName, uniqueid, call_id: callId };
}

describe(`Dispo Call URL → workflow → VICIdial, in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;
	let productionUrl: string;
	let pasteUrl: string;

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'chain',
			credentials: [
				{ id: 'e2eVicidialApi1', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } },
				hookSecretCredential('e2eHookSecret01', 'VICIdial hook secret', SECRET),
			],
			workflows: [workflow],
			publish: [workflow.id],
		});
		productionUrl = n8n.webhookUrl(WEBHOOK_ID, 'vicidial');
		await n8n.waitForWebhook(productionUrl);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	/** Finished executions of the workflow, oldest first. */
	async function executionCount(): Promise<number> {
		return (await n8n.executions(workflow.id)).length;
	}

	it('answers a setup request with the paste-ready Dispo Call URL', async () => {
		const response = await fetch(`${productionUrl}?n8n_setup=1&token=${SECRET}`);
		expect(response.status).toBe(200);
		const text = await response.text();
		const lines = text.split('\n');
		pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];
		expect(pasteUrl.startsWith(`VAR${productionUrl}?token=${SECRET}&`)).toBe(true);
		expect(pasteUrl).toContain('lead_id=--A--lead_id--B--');
		expect(pasteUrl).toContain('dispo=--A--dispo--B--');
		expect(pasteUrl).toContain('phone_number=--A--phone_number--B--');
		expect(await executionCount()).toBe(0);
	});

	it('a DNC disposition updates the lead and adds the number to the DNC list', async () => {
		const before = sim.log.length;
		const reply = await fireCallout(pasteUrl, dispoOf(3, '3125550199', 'DNC', 'Do Not Call', '1795300000.201'));
		expect(reply.status).toBe(200);
		expect(reply.body).toBe('OK');

		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');

		expect(sim.state.leads.get(3)?.comments).toBe('n8n outcome: Do Not Call');
		expect(sim.state.dnc.get('SYSTEM_INTERNAL')?.has('3125550199')).toBe(true);
		const calls = sim.log.slice(before);
		expect(calls.map((call) => call.fn).sort()).toEqual(['add_dnc_phone', 'update_lead']);
		for (const call of calls) {
			expect(call.params.user).toBe('6666');
			expect(call.params.source).toBe('n8n-e2e');
			// Credentials travel in the form body, never in the URL (credentials/VicidialApi.credentials.ts).
			expect(call.url).not.toContain('pass=');
		}

		const detail = await n8n.execution(execution.id);
		const runData = detail.data?.resultData?.runData;
		const [item] = nodeOutput(runData, 'VICIdial Trigger');
		expect(item.eventType).toBe('dispo');
		expect(item.outcome).toEqual({ code: 'DNC', label: 'Do Not Call', unmapped: false });
		expect((item.fields as Record<string, unknown>).phone_number).toBe('3125550199');
		expect(nodeOutput(runData, 'Update Lead')).toHaveLength(1);
		expect(nodeOutput(runData, 'Add to DNC')).toHaveLength(1);
		expect(JSON.stringify(nodeOutput(runData, 'Add to DNC'))).toContain('3125550199');
	});

	it('a SALE disposition updates the lead and leaves the DNC list alone', async () => {
		const before = sim.log.length;
		const dncBefore = [...(sim.state.dnc.get('SYSTEM_INTERNAL') ?? [])];
		const reply = await fireCallout(pasteUrl, dispoOf(1, '7275551212', 'SALE', 'Sale Made', '1795300000.202'));
		expect(reply.body).toBe('OK');

		const executions = await n8n.waitForExecutions(workflow.id, 2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect(sim.state.leads.get(1)?.comments).toBe('n8n outcome: Closed Won');
		expect(sim.log.slice(before).map((call) => call.fn)).toEqual(['update_lead']);
		expect([...(sim.state.dnc.get('SYSTEM_INTERNAL') ?? [])]).toEqual(dncBefore);
	});

	it.each([
		['a wrong secret', (url: string) => url.replace(`token=${SECRET}`, 'token=not-the-secret')],
		['no secret', (url: string) => url.replace(`token=${SECRET}&`, '')],
	])('%s gets 401 and starts nothing', async (_label, tamper) => {
		const count = await executionCount();
		const before = sim.log.length;
		const reply = await fireCallout(tamper(pasteUrl), dispoOf(2, '7275551212', 'NI', 'Not Interested', '1795300000.203'));
		expect(reply.status).toBe(401);
		expect(reply.body).toBe('Unauthorized');
		// Runs start within milliseconds of the request; give a wrong one time to show up.
		await delay(1500);
		expect(await executionCount()).toBe(count);
		expect(sim.log.length).toBe(before);
		expect(sim.state.leads.get(2)?.comments).toBe('');
	});

	it('a duplicate of an accepted call-out starts no second execution', async () => {
		const call = dispoOf(4, '4075550100', 'NI', 'Not Interested', '1795300000.204');
		const first = await fireCallout(pasteUrl, call);
		expect(first.body).toBe('OK');
		const count = (await n8n.waitForExecutions(workflow.id, 3)).length;
		expect(count).toBe(3);

		const again = await fireCallout(pasteUrl, call);
		expect(again.status).toBe(200);
		expect(again.body).toBe('OK duplicate');
		await delay(1500);
		expect(await executionCount()).toBe(3);
	});
});
