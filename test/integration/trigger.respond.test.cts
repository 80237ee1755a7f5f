/**
 * Options > Respond (issue 14): "When the Workflow Has Finished" leaves the answer to n8n's
 * lastNode mode, so VICIdial hears of a failed run; by default the trigger answers "OK" itself
 * before the run, as before. The response mode is computed by n8n-workflow from the node's
 * webhook description, as n8n does per request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { buildHookUrl } from '../../nodes/VicidialTrigger/hooks';
import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { TriggerHarness, triggerInWorkflow } from '../helpers/webhook.cjs';

const SECRET = 'respond-secret-2Wq7';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };

let harness: TriggerHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

/** What n8n reads from the webhook description for these parameters (evaluateResponseOptions). */
function responseOptions(parameters: INodeParameters): { mode: unknown; data: unknown } {
	const { workflow, node, type } = triggerInWorkflow(parameters);
	const [get, post] = type.description.webhooks ?? [];
	const read = (value: unknown) => workflow.expression.getSimpleParameterValue(node, value as string, 'webhook', {});
	expect(read(post.responseMode)).toEqual(read(get.responseMode));
	return { mode: read(get.responseMode), data: get.responseData };
}

async function fire(parameters: INodeParameters) {
	harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters });
	const url = buildHookUrl({ kind: 'dispo', webhookUrl: harness.url, variables: ['dispo', 'lead_id', 'call_id'], querySecret: { name: 'token', value: SECRET } });
	return await fireCallout(url, SAMPLE_CALLS.dispo, { kind: 'dispo' });
}

describe('Options > Respond', () => {
	it('has n8n answer when the run has finished only when asked', () => {
		expect(responseOptions({ event: 'dispo', options: { respond: 'workflowFinished' } })).toEqual({ mode: 'lastNode', data: 'firstEntryJson' });
		expect(responseOptions({ event: 'dispo', options: { respond: 'received' } }).mode).toBe('onReceived');
		expect(responseOptions({ event: 'dispo' }).mode).toBe('onReceived');
	});

	it('answers "OK" itself before the run by default', async () => {
		expect(await fire({ event: 'dispo' })).toMatchObject({ status: 200, body: 'OK' });
		expect(harness?.lastCall.ran).toBe(true);
	});

	it('leaves the answer to n8n when the workflow must finish first, and still starts the run', async () => {
		const response = await fire({ event: 'dispo', options: { respond: 'workflowFinished' } });
		// The harness stands in for n8n here: it answers with the description's responseData.
		expect(response).toMatchObject({ status: 200, body: 'firstEntryJson' });
		expect(harness?.lastCall.ran).toBe(true);
		expect(harness?.lastItems[0].fields).toMatchObject({ dispo: 'SALE', lead_id: 8 });
	});

	it('still answers refusals and duplicates itself, at once', async () => {
		const first = await fire({ event: 'dispo', options: { respond: 'workflowFinished' } });
		expect(first.status).toBe(200);
		const url = buildHookUrl({ kind: 'dispo', webhookUrl: harness?.url ?? '', variables: ['dispo', 'lead_id', 'call_id'], querySecret: { name: 'token', value: SECRET } });
		expect(await fireCallout(url, SAMPLE_CALLS.dispo, { kind: 'dispo' })).toMatchObject({ status: 200, body: 'OK duplicate' });
		expect(await fireCallout(url.replace(SECRET, 'wrong-secret'), SAMPLE_CALLS.dispo, { kind: 'dispo' })).toMatchObject({ status: 401 });
		expect(harness?.runs).toHaveLength(1);
	});
});
