/**
 * The call-outs beyond calls in a real n8n (issue 12): one published trigger per kind (API New
 * Lead, Enter In-Group, Waiting Call On/Off, chats, emails, NVA), each fired by the simulator as
 * VICIdial sends it at the string the node gives to paste; every execution carries the
 * normalised event. Then the API New Lead URL end to end: a manual workflow's Add Lead reaches
 * the simulator, which requests the pasted URL before it answers (notes §8.15), and the trigger
 * starts one lead.created execution for the lead the workflow added.
 */
import { buildHookUrl, HOOKS, type HookKind } from '../../nodes/VicidialTrigger/hooks';
import { fireCallout, SAMPLE_CALLS, type SampleKind } from '../../simulator/hooks.cjs';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { hookSecretCredential, N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(300_000);

const SECRET = 'e2e-callouts-secret-8c2f';
const KINDS: (HookKind & SampleKind)[] = ['apiNewLead', 'enterInGroup', 'waitingCallOn', 'waitingCallOff', 'startChat', 'dispoChat', 'noAgentChat', 'startEmail', 'dispoEmail', 'nva'];
const TRIGGER = 'VICIdial Trigger';

const webhookId = (kind: HookKind) => `e2e-callout-${kind.toLowerCase()}`;
const workflowId = (kind: HookKind & SampleKind) => `e2eCallout${String(KINDS.indexOf(kind)).padStart(6, '0')}`;

function triggerWorkflow(kind: HookKind & SampleKind): WorkflowFixture {
	return {
		id: workflowId(kind),
		name: `Call-out: ${HOOKS[kind].displayName}`,
		nodes: [
			{
				id: `${webhookId(kind)}-node`,
				name: TRIGGER,
				type: 'n8n-nodes-vicidial.vicidialTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: webhookId(kind),
				parameters: { event: kind, options: { timeZone: 'America/New_York' } },
				credentials: { vicidialTriggerApi: { id: 'e2eCalloutSecret', name: 'Call-out secret' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const addLead: WorkflowFixture = {
	id: 'e2eCoAddLead0001',
	name: 'Add a lead through the API',
	nodes: [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'add',
			name: 'Add Lead',
			type: 'n8n-nodes-vicidial.vicidial',
			typeVersion: 1.1,
			position: [220, 0],
			parameters: { resource: 'lead', operation: 'add_lead', listId: { __rl: true, mode: 'id', value: '101' }, phoneNumber: '7275550177', additionalFields: { firstName: 'Ada', vendorLeadCode: 'CRM-77' } },
			credentials: { vicidialApi: { id: 'e2eCalloutApi001', name: 'VICIdial simulator' } },
		},
	],
	connections: { Start: { main: [[{ node: 'Add Lead', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

describe(`call-outs beyond calls in n8n ${N8N_VERSION}`, () => {
	let sim: Simulator;
	let n8n: E2eN8n;
	const workflows = KINDS.map(triggerWorkflow);

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await startE2eN8n({
			label: 'callouts',
			credentials: [
				hookSecretCredential('e2eCalloutSecret', 'Call-out secret', SECRET),
				{ id: 'e2eCalloutApi001', name: 'VICIdial simulator', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-e2e' } },
			],
			workflows: [...workflows, addLead],
			publish: workflows.map((workflow) => workflow.id),
		});
		for (const kind of KINDS) await n8n.waitForWebhook(n8n.webhookUrl(webhookId(kind), 'vicidial'));
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
	});

	const pasted = (kind: HookKind) =>
		buildHookUrl({ kind, webhookUrl: n8n.webhookUrl(webhookId(kind), 'vicidial'), variables: [...HOOKS[kind].variables], querySecret: { name: 'token', value: SECRET } });

	/** The trigger's items of every finished execution of a kind's workflow, oldest first. */
	async function items(kind: HookKind & SampleKind, count: number): Promise<Record<string, unknown>[]> {
		const list = (await n8n.waitForExecutions(workflowId(kind), count, 30_000)).reverse();
		const out: Record<string, unknown>[] = [];
		for (const summary of list) {
			const detail = await n8n.execution(summary.id);
			expect(detail.status).toBe('success');
			out.push(...nodeOutput(detail.data?.resultData?.runData, TRIGGER));
		}
		return out;
	}

	it('each kind, fired as VICIdial sends it, starts one execution named by the shared vocabulary', async () => {
		for (const kind of KINDS) {
			const url = kind.startsWith('waitingCall') ? `${pasted(kind)}&group=SALESLINE` : pasted(kind);
			const reply = await fireCallout(url, SAMPLE_CALLS[kind]);
			expect({ kind, status: reply.status, body: reply.body }).toEqual({ kind, status: 200, body: 'OK' });
		}
		for (const kind of KINDS) {
			const [item] = await items(kind, 1);
			expect({ kind, event: item.event, eventType: item.eventType, missing: item.missing }).toEqual({ kind, event: HOOKS[kind].event, eventType: kind, missing: [] });
			if (SAMPLE_CALLS[kind].lead_id !== undefined) expect((item.fields as Record<string, unknown>).lead_id).toBe(Number(SAMPLE_CALLS[kind].lead_id));
			expect(JSON.stringify(item)).not.toContain(SECRET);
		}
	});

	it("the simulator's add_lead requests the API New Lead URL before it answers: one lead.created execution for the lead the workflow added", async () => {
		sim.state.system.apinewlead_url = buildHookUrl({ kind: 'apiNewLead', webhookUrl: n8n.webhookUrl(webhookId('apiNewLead'), 'vicidial'), querySecret: { name: 'token', value: SECRET } });
		const before = (await n8n.executions(workflowId('apiNewLead'))).length;
		const result = await n8n.execute(addLead.id);
		expect(result.code).toBe(0);
		const [added] = nodeOutput(result.output?.data?.resultData?.runData, 'Add Lead');
		const created = await items('apiNewLead', before + 1);
		expect(created.at(-1)).toMatchObject({ event: 'lead.created', eventType: 'apiNewLead', fields: { lead_id: Number(added.lead_id), phone_number: '7275550177', vendor_lead_code: 'CRM-77', user: '6666' } });
		// n8n answered while add_lead waited, and VICIdial logged that answer.
		expect(sim.state.urlLog.at(-1)).toMatchObject({ url_type: 'apinewlead', url_response: 'OK' });
	});
});
