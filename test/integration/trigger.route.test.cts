/**
 * Route by Outcome (issue 14): the Disposition Mapping gives the trigger one output per outcome
 * plus "Other", as n8n's Switch node derives its outputs from its rules, so no Switch node is
 * needed. Off by default: a saved trigger keeps its one output. Call-outs are real ones from the
 * simulator; the outputs are computed by n8n-workflow from the node's description.
 */
import { type INodeParameters, NodeHelpers } from 'n8n-workflow';

import { buildHookUrl } from '../../nodes/VicidialTrigger/hooks';
import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { TriggerHarness, triggerInWorkflow } from '../helpers/webhook.cjs';

const SECRET = 'route-secret-4Tz8';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };
const MAPPING = {
	mapping: [
		{ code: 'SALE', outcome: 'Won' },
		{ code: 'XSALE', outcome: 'Won' },
		{ code: 'NI', outcome: 'Lost' },
		{ code: 'CALLBK', outcome: '' },
	],
};

let harness: TriggerHarness | undefined;
/** The harness of a test that started one. */
const trigger = (): TriggerHarness => {
	if (!harness) throw new Error('no trigger listening');
	return harness;
};
let calls = 0;

afterEach(async () => {
	// The outputs tests start no server.
	await harness?.close();
});

/** n8n's own reading of the node's outputs for these parameters (NodeHelpers.getNodeOutputs). */
function outputsFor(parameters: INodeParameters): string[] {
	const { workflow, node, type } = triggerInWorkflow(parameters);
	const outputs = NodeHelpers.getNodeOutputs(workflow, node, type.description);
	return outputs.map((output) => (typeof output === 'string' ? output : (output.displayName ?? output.type)));
}

/** One Dispo Call URL call-out with this status, a new call each time. */
async function dispositioned(dispo: string): Promise<void> {
	calls += 1;
	const url = buildHookUrl({
		kind: 'dispo',
		webhookUrl: trigger().url,
		variables: ['dispo', 'lead_id', 'call_id', 'uniqueid', 'campaign'],
		querySecret: { name: 'token', value: SECRET },
	});
	const response = await fireCallout(url, { ...SAMPLE_CALLS.dispo, dispo, call_id: `M11220550500000${1000 + calls}`, uniqueid: `1795300000.${500 + calls}` }, { kind: 'dispo' });
	expect(response).toMatchObject({ status: 200, body: 'OK' });
}

describe('Route by Outcome', () => {
	it('gives one output per outcome in table order, codes sharing an outcome sharing it, and Other last', () => {
		expect(outputsFor({ event: 'dispo', dispositionMapping: MAPPING, routeByOutcome: true })).toEqual(['Won', 'Lost', 'CALLBK', 'Other']);
	});

	it('keeps the one output of a saved trigger: off by default, and off with a mapping', () => {
		expect(outputsFor({ event: 'dispo' })).toEqual(['main']);
		expect(outputsFor({ event: 'dispo', dispositionMapping: MAPPING })).toEqual(['main']);
	});

	it('sends each call-out down the output of its outcome, unmapped codes to Other', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', dispositionMapping: MAPPING, routeByOutcome: true } });
		const routed = (run: number) => trigger().runOutputs[run].map((items) => items.map((item) => (item.fields as { dispo: string }).dispo));

		for (const dispo of ['SALE', 'NI', 'xsale', 'CALLBK', 'DNC']) await dispositioned(dispo);

		expect(routed(0)).toEqual([['SALE'], [], [], []]);
		expect(routed(1)).toEqual([[], ['NI'], [], []]);
		// Codes are matched without regard to case, as the mapping does.
		expect(routed(2)).toEqual([['xsale'], [], [], []]);
		expect(routed(3)).toEqual([[], [], ['CALLBK'], []]);
		expect(routed(4)).toEqual([[], [], [], ['DNC']]);
		expect(trigger().runOutputs[4][3][0].outcome).toEqual({ code: 'DNC', label: '', unmapped: true });
	});

	it('puts outcome first in the item', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', dispositionMapping: MAPPING, routeByOutcome: true } });
		await dispositioned('SALE');
		const [item] = trigger().lastItems;
		expect(Object.keys(item)[0]).toBe('outcome');
		expect(item.outcome).toEqual({ code: 'SALE', label: 'Won', unmapped: false });
	});

	it('leaves a trigger without the option on its one output, outcome still first', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', dispositionMapping: MAPPING } });
		await dispositioned('DNC');
		expect(trigger().runOutputs[0]).toHaveLength(1);
		expect(Object.keys(trigger().runOutputs[0][0][0])[0]).toBe('outcome');
	});
});
