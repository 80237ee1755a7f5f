/**
 * The trigger fuzz inside a real n8n (issue 10): a published workflow per authentication set-up,
 * a few hundred generated requests (test/reliability/fuzz.cts), then n8n's executions API must
 * show exactly one execution per request the trigger accepted, none from a forged or
 * unauthenticated one; no answer is a 5xx or a dropped connection; and no canary secret is in
 * n8n's output (debug level) or in an execution record.
 */
import { delay } from '../../scripts/n8n/lib.cjs';
import { AUTH_SETUPS, BASIC_CANARY, mustNotRun, RequestGenerator, sendFuzz, TRIGGER_CANARY, type FuzzRequest } from '../reliability/fuzz.cjs';
import { N8N_VERSION, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(600_000);

const PER_SETUP = Number(process.env.E2E_FUZZ_PER_SETUP ?? 50);

const workflowOf = (index: number, name: string): WorkflowFixture => ({
	id: `e2eFuzz${index}`,
	name: `Fuzz ${name}`,
	nodes: [
		{
			id: `7a1d0c00-00f${index}-4e2a-9d51-000000000001`,
			name: 'VICIdial Trigger',
			type: 'n8n-nodes-vicidial.vicidialTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: `e2e-fuzz-${index}`,
			parameters: { event: 'customPost', options: {} },
			credentials: { vicidialTriggerApi: { id: `e2eFuzzCred${index}`, name: `Fuzz ${name}` } },
		},
		{
			id: `7a1d0c00-00f${index}-4e2a-9d51-000000000002`,
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: { 'VICIdial Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
});

const forms = (secret: string) => {
	const bytes = Buffer.from(secret, 'utf8');
	return [secret, encodeURIComponent(secret), bytes.toString('base64'), bytes.toString('hex')];
};

describe(`trigger fuzz inside n8n ${N8N_VERSION}`, () => {
	let n8n: E2eN8n;
	const workflows = AUTH_SETUPS.map((setup, index) => workflowOf(index, setup.name));

	beforeAll(async () => {
		n8n = await startE2eN8n({
			label: 'fuzz',
			env: { N8N_LOG_LEVEL: 'debug' },
			credentials: AUTH_SETUPS.map((setup, index) => ({
				id: `e2eFuzzCred${index}`,
				name: `Fuzz ${setup.name}`,
				type: 'vicidialTriggerApi',
				data: setup.credentials as Record<string, string | number | boolean>,
			})),
			workflows,
			publish: workflows.map((workflow) => workflow.id),
		});
		for (let index = 0; index < workflows.length; index++) await n8n.waitForWebhook(n8n.webhookUrl(`e2e-fuzz-${index}`, 'vicidial'));
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it.each(AUTH_SETUPS.map((setup, index) => ({ setup, index })))('$setup.name: executions only from accepted requests, none forged', async ({ setup, index }) => {
		const url = new URL(n8n.webhookUrl(`e2e-fuzz-${index}`, 'vicidial'));
		const generator = new RequestGenerator(setup, url.pathname, 5_000 + index);
		const sent: Array<{ request: FuzzRequest; status: number; body: string }> = [];
		for (let i = 0; i < PER_SETUP; i++) {
			const request = generator.make(0.8);
			sent.push({ request, ...(await sendFuzz(url.origin, request)) });
		}
		// The trigger answers "OK" exactly when it starts a run (duplicates: "OK duplicate").
		const accepted = sent.filter(({ status, body }) => status === 200 && body === 'OK');
		const forgedAccepted = accepted.filter(({ request }) => mustNotRun(setup, request)).map(({ request }) => `#${request.id} ${request.method} ${request.mutation}`);
		const improper = sent.filter(({ status }) => status === 0 || status >= 500).map(({ request, status, body }) => `#${request.id} ${request.mutation}: ${status} ${body.slice(0, 80)}`);

		if (accepted.length > 0) await n8n.waitForExecutions(workflows[index].id, accepted.length);
		// Late executions of refused requests would show up here.
		await delay(1_500);
		const executions = await n8n.executions(workflows[index].id);
		const records = await Promise.all(executions.map((execution) => n8n.execution(execution.id)));
		const leaked = [...forms(TRIGGER_CANARY), ...forms(BASIC_CANARY)].filter((form) => JSON.stringify(records).includes(form));

		expect(forgedAccepted).toEqual([]);
		expect(improper).toEqual([]);
		expect(executions).toHaveLength(accepted.length);
		expect(leaked).toEqual([]);
		if (setup.anyAuthentic) expect(accepted.length).toBeGreaterThan(0);
		else expect(executions).toHaveLength(0);
	});

	it("n8n's own output at debug level holds no canary secret", () => {
		const logs = n8n.logs();
		expect(logs.length).toBeGreaterThan(0);
		expect([...forms(TRIGGER_CANARY), ...forms(BASIC_CANARY)].filter((form) => logs.includes(form))).toEqual([]);
	});
});
