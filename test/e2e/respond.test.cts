/**
 * Options > Respond "When the Workflow Has Finished" in a real n8n (issue 14): a run that
 * succeeds answers VICIdial 200 with the last node's first item, a run that fails answers 500,
 * so VICIdial's URL log shows the failure. The failing branch is a Stop and Error node, as a CRM
 * outage would be.
 */
import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { hookSecretCredential, N8N_VERSION, startPublishedTrigger, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(240_000);

const SECRET = 'e2e-respond-secret-8c4f';
const WEBHOOK_ID = 'e2e-respond-finished';

const workflow: WorkflowFixture = {
	id: 'e2eRespondDone1',
	name: 'Respond when finished',
	nodes: [
		{
			id: '6e2e0c00-0001-4e2a-9d51-000000000001',
			name: 'VICIdial Trigger',
			type: 'n8n-nodes-vicidial.vicidialTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: {
				event: 'dispo',
				dispositionMapping: { mapping: [{ code: 'SALE', outcome: 'Won' }] },
				routeByOutcome: true,
				options: { respond: 'workflowFinished' },
			},
			credentials: { vicidialTriggerApi: { id: 'e2eRespondSecret', name: 'Respond secret' } },
		},
		{ id: '6e2e0c00-0001-4e2a-9d51-000000000002', name: 'Saved', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
		{
			id: '6e2e0c00-0001-4e2a-9d51-000000000003',
			name: 'CRM Down',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			position: [300, 150],
			parameters: { errorMessage: 'CRM did not answer' },
		},
	],
	connections: {
		'VICIdial Trigger': {
			main: [[{ node: 'Saved', type: 'main', index: 0 }], [{ node: 'CRM Down', type: 'main', index: 0 }]],
		},
	},
	settings: { executionOrder: 'v1' },
};

describe(`Respond when the workflow has finished, in n8n ${N8N_VERSION}`, () => {
	let n8n: E2eN8n;

	beforeAll(async () => {
		n8n = await startPublishedTrigger('respond', workflow, hookSecretCredential('e2eRespondSecret', 'Respond secret', SECRET), WEBHOOK_ID);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('answers 200 with the last item for a run that succeeded and 500 for one that failed', async () => {
		const url = `${n8n.webhookUrl(WEBHOOK_ID, 'vicidial')}?token=${SECRET}&dispo=--A--dispo--B--&lead_id=--A--lead_id--B--&call_id=--A--call_id--B--`;
		const saved = await fireCallout(url, { ...SAMPLE_CALLS.dispo, dispo: 'SALE', call_id: 'M1122055000000088001' }, { kind: 'dispo' });
		expect(saved.status).toBe(200);
		const body = JSON.parse(saved.body) as { eventType: string; outcome: { label: string }; fields: { lead_id: number } };
		expect(body).toMatchObject({ eventType: 'dispo', outcome: { label: 'Won' }, fields: { lead_id: 8 } });
		expect(saved.body).not.toContain(SECRET);

		const failed = await fireCallout(url, { ...SAMPLE_CALLS.dispo, dispo: 'NI', call_id: 'M1122055000000088002' }, { kind: 'dispo' });
		expect(failed.status).toBe(500);
		expect(JSON.parse(failed.body)).toEqual({ message: 'Error in workflow' });

		const executions = await n8n.waitForExecutions(workflow.id, 2);
		expect(executions.map((execution) => execution.status).sort()).toEqual(['error', 'success']);
	});
});
