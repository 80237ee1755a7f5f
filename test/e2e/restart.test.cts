/**
 * What the trigger's duplicate check keeps across an n8n restart (issue 11, README
 * "What survives a restart"): call-outs accepted one after another before the restart are
 * refused as duplicates after it, because the trigger saves its window in the workflow's static
 * data and n8n writes that back after each webhook call. Where n8n does not write webhook
 * static data, the test says so instead of passing silently.
 */
import { fireCallout, SAMPLE_CALLS, type HookValues } from '../../simulator/hooks.cjs';
import { delay } from '../../scripts/n8n/lib.cjs';
import { hookSecretCredential, N8N_VERSION, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(240_000);

const SECRET = 'e2e-restart-secret-71c0b2';
const WEBHOOK_ID = 'e2e-restart-dedup';
const CALLS = 12;

const workflow: WorkflowFixture = {
	id: 'e2eRestartDedup1',
	name: 'Restart keeps the duplicate window',
	nodes: [
		{
			id: '7a1d0c00-0001-4e2a-9d51-000000000001',
			name: 'VICIdial Trigger',
			type: 'n8n-nodes-vicidial.vicidialTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { event: 'dispo', options: {} },
			credentials: { vicidialTriggerApi: { id: 'e2eRestartSecret', name: 'Restart secret' } },
		},
		{
			id: '7a1d0c00-0001-4e2a-9d51-000000000002',
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: { 'VICIdial Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Distinct dispositions: one call each (its own uniqueid and lead). */
function call(n: number): HookValues {
	const uniqueid = `1795400000.${300 + n}`;
	return { ...SAMPLE_CALLS.dispo, lead_id: String(1000 + n), uniqueid, call_id: `M1122055000${400 + n}`, dispo: 'SALE' };
}

describe(`the duplicate window across an n8n ${N8N_VERSION} restart`, () => {
	let n8n: E2eN8n;
	let pasteUrl: string;

	beforeAll(async () => {
		n8n = await startE2eN8n({
			label: 'restart',
			credentials: [hookSecretCredential('e2eRestartSecret', 'Restart secret', SECRET)],
			workflows: [workflow],
			publish: [workflow.id],
		});
		const url = n8n.webhookUrl(WEBHOOK_ID, 'vicidial');
		await n8n.waitForWebhook(url);
		const setup = await (await fetch(`${url}?n8n_setup=1&token=${SECRET}`)).text();
		const lines = setup.split('\n');
		pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('refuses after the restart the call-outs it accepted before it', async () => {
		for (let n = 0; n < CALLS; n++) {
			const reply = await fireCallout(pasteUrl, call(n));
			expect(reply.body).toBe('OK');
		}
		await n8n.waitForExecutions(workflow.id, CALLS);

		await n8n.restart();
		await n8n.waitForWebhook(n8n.webhookUrl(WEBHOOK_ID, 'vicidial'));

		const answers: string[] = [];
		for (let n = 0; n < CALLS; n++) answers.push((await fireCallout(pasteUrl, call(n))).body);
		// A fresh call-out still starts a run: the window refuses copies, not everything.
		expect((await fireCallout(pasteUrl, call(CALLS))).body).toBe('OK');
		await n8n.waitForExecutions(workflow.id, CALLS + 1);
		await delay(1500);

		const executions = await n8n.executions(workflow.id);
		const remembered = answers.filter((body) => body === 'OK duplicate').length;
		expect({ remembered, executions: executions.length }).toEqual({ remembered: CALLS, executions: CALLS + 1 });
	});
});
