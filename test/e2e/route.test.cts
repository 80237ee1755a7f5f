/**
 * Route by Outcome in a real n8n (issue 14): n8n evaluates the trigger's outputs from its
 * parameters, and each call-out runs only the branch wired to its outcome, "Other" for a code
 * the mapping lacks. No Switch node in the workflow.
 */
import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { hookSecretCredential, N8N_VERSION, startPublishedTrigger, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(240_000);

const SECRET = 'e2e-route-secret-5d1e';
const WEBHOOK_ID = 'e2e-route-outcome';
const BRANCHES = ['Won', 'Lost', 'Other'];

const noOp = (name: string, index: number) => ({
	id: `5e2e0c00-0001-4e2a-9d51-00000000001${index}`,
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [300, index * 150] as [number, number],
	parameters: {},
});

const workflow: WorkflowFixture = {
	id: 'e2eRouteOutcome1',
	name: 'Route by outcome',
	nodes: [
		{
			id: '5e2e0c00-0001-4e2a-9d51-000000000001',
			name: 'VICIdial Trigger',
			type: 'n8n-nodes-vicidial.vicidialTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: {
				event: 'dispo',
				dispositionMapping: { mapping: [{ code: 'SALE', outcome: 'Won' }, { code: 'NI', outcome: 'Lost' }] },
				routeByOutcome: true,
				options: {},
			},
			credentials: { vicidialTriggerApi: { id: 'e2eRouteSecret', name: 'Route secret' } },
		},
		...BRANCHES.map((name, index) => noOp(name, index)),
	],
	connections: {
		'VICIdial Trigger': { main: BRANCHES.map((name) => [{ node: name, type: 'main', index: 0 }]) },
	},
	settings: { executionOrder: 'v1' },
};

describe(`Route by Outcome in n8n ${N8N_VERSION}`, () => {
	let n8n: E2eN8n;

	beforeAll(async () => {
		n8n = await startPublishedTrigger('route', workflow, hookSecretCredential('e2eRouteSecret', 'Route secret', SECRET), WEBHOOK_ID);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('runs the branch of each call-out\'s outcome, and Other for an unmapped code', async () => {
		const url = `${n8n.webhookUrl(WEBHOOK_ID, 'vicidial')}?token=${SECRET}&dispo=--A--dispo--B--&lead_id=--A--lead_id--B--&call_id=--A--call_id--B--&uniqueid=--A--uniqueid--B--`;
		const dispos = ['SALE', 'NI', 'DNC'];
		for (const [n, dispo] of dispos.entries()) {
			const reply = await fireCallout(url, { ...SAMPLE_CALLS.dispo, dispo, call_id: `M112205500000077${n}`, uniqueid: `1795400000.77${n}` }, { kind: 'dispo' });
			expect(reply).toMatchObject({ status: 200, body: 'OK' });
		}
		const executions = await n8n.waitForExecutions(workflow.id, dispos.length);

		const branchesRun: Record<string, string[]> = {};
		for (const execution of executions) {
			const detail = await n8n.execution(execution.id);
			expect(detail.status).toBe('success');
			const runData = detail.data?.resultData?.runData ?? {};
			const trigger = runData['VICIdial Trigger']?.[0]?.data?.main ?? [];
			const routed = trigger.findIndex((items) => (items ?? []).length > 0);
			const item = trigger[routed]?.[0]?.json as { fields: { dispo: string } };
			branchesRun[item.fields.dispo] = BRANCHES.filter((name) => runData[name] !== undefined);
			// The trigger's three outputs, as n8n computed them from the parameters.
			expect(trigger).toHaveLength(3);
		}
		expect(branchesRun).toEqual({ SALE: ['Won'], NI: ['Lost'], DNC: ['Other'] });
	});
});
