/**
 * The two call-outs the workflow answers (issue 12), fired by the simulator as VICIdial sends
 * them: the Web Form (the agent screen's screen pop, answered by a response node in n8n) and the
 * DID Filter URL (one line VICIdial routes the call by, with a safe answer when the run is slow,
 * fails or gives nothing usable). n8n's lastNode answer is imitated by the harness's `workflow`.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { buildHookUrl, HOOKS, type HookKind } from '../../nodes/VicidialTrigger/hooks';
import { fireCallout, SAMPLE_CALLS, SAMPLE_CUSTOM_FIELDS } from '../../simulator/hooks.cjs';
import { TriggerHarness, triggerInWorkflow } from '../helpers/webhook.cjs';

const SECRET = 'answered-secret-5Rt8';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };

let harness: TriggerHarness | undefined;

afterEach(async () => {
	await harness?.settled();
	await harness?.close();
	harness = undefined;
});

function responseMode(parameters: INodeParameters): unknown {
	const { workflow, node, type } = triggerInWorkflow(parameters);
	const [get, post] = type.description.webhooks ?? [];
	const read = (value: unknown) => workflow.expression.getSimpleParameterValue(node, value as string, 'webhook', {});
	expect(read(post.responseMode)).toEqual(read(get.responseMode));
	return read(get.responseMode);
}

async function start(parameters: INodeParameters, workflow?: (items: IDataObject[]) => Promise<IDataObject | undefined>) {
	harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters, typeVersion: 2, workflow });
	return harness;
}

function template(kind: HookKind, customFields: string[] = []): string {
	return buildHookUrl({
		kind,
		webhookUrl: harness?.url ?? '',
		variables: [...HOOKS[kind].defaults],
		customFields,
		querySecret: { name: 'token', value: SECRET },
	});
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('response modes', () => {
	it('waits for a response node on the Web Form unless Respond says otherwise', () => {
		expect(responseMode({ event: 'webForm' })).toBe('responseNode');
		expect(responseMode({ event: 'webForm', options: { respond: 'workflowFinished' } })).toBe('lastNode');
		expect(responseMode({ event: 'webForm', options: { respond: 'received' } })).toBe('onReceived');
		expect(responseMode({ event: 'dispo', options: { respond: 'responseNode' } })).toBe('responseNode');
	});

	it('always has n8n answer the DID Filter URL from the last node, and leaves saved events as they were', () => {
		expect(responseMode({ event: 'didFilter' })).toBe('lastNode');
		expect(responseMode({ event: 'didFilter', options: { respond: 'received' } })).toBe('lastNode');
		expect(responseMode({ event: 'dispo' })).toBe('onReceived');
		expect(responseMode({ event: 'start', options: {} })).toBe('onReceived');
	});
});

describe('Web Form (screen pop)', () => {
	it('starts a run with the call, custom fields included, and leaves the answer to n8n', async () => {
		const trigger = await start({ event: 'webForm', customFields: 'appointment_date' });
		const url = template('webForm', ['appointment_date']);
		expect(url.startsWith('VAR')).toBe(true);
		const response = await fireCallout(url, { ...SAMPLE_CALLS.webForm, ...SAMPLE_CUSTOM_FIELDS }, { kind: 'webForm' });
		// No `workflow`: the harness stands in for n8n and answers with the description's responseData.
		expect(response.status).toBe(200);
		expect(response.body).not.toBe('OK');
		const [item] = trigger.lastItems;
		expect(item).toMatchObject({ event: 'call.screen_pop', eventType: 'webForm' });
		expect(item.fields).toMatchObject({
			lead_id: 18,
			vendor_lead_code: 'CRM-10018',
			call_id: 'Y1122083080000000018',
			appointment_date: SAMPLE_CUSTOM_FIELDS.appointment_date,
		});
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});

	it('answers every click of the Web Form button: no duplicate check unless asked', async () => {
		const trigger = await start({ event: 'webForm' });
		const url = template('webForm');
		await fireCallout(url, SAMPLE_CALLS.webForm, { kind: 'webForm' });
		await fireCallout(url, SAMPLE_CALLS.webForm, { kind: 'webForm' });
		expect(trigger.runs).toHaveLength(2);
	});

	it('suppresses a replay inside the window when Deduplicate is on', async () => {
		const trigger = await start({ event: 'webForm', options: { deduplicate: true, dedupWindowMinutes: 1 } });
		const url = template('webForm');
		await fireCallout(url, SAMPLE_CALLS.webForm, { kind: 'webForm' });
		const again = await fireCallout(url, SAMPLE_CALLS.webForm, { kind: 'webForm' });
		expect(again).toMatchObject({ status: 200, body: 'OK duplicate' });
		expect(trigger.runs).toHaveLength(1);
	});

	it('refuses a wrong secret before any run', async () => {
		const trigger = await start({ event: 'webForm' });
		const response = await fireCallout(template('webForm').replace(SECRET, 'not-the-secret'), SAMPLE_CALLS.webForm, { kind: 'webForm' });
		expect(response.status).toBe(401);
		expect(trigger.runs).toHaveLength(0);
	});
});

describe('DID Filter URL', () => {
	it('asks for the two variables VICIdial fills, with the VAR prefix', async () => {
		await start({ event: 'didFilter' });
		expect(template('didFilter')).toMatch(/^VARhttp:\/\/.*\?token=.*&phone_number=--A--phone_number--B--&did_pattern=--A--did_pattern--B--$/);
	});

	it("answers the last node's answer field: a match flag, or the DID to redirect to", async () => {
		const vip = new Set(['3125550199']);
		const trigger = await start({ event: 'didFilter' }, async (items) => {
			const fields = items[0].fields as IDataObject;
			return { answer: vip.has(String(fields.phone_number)) ? '8005550199' : 0, phone: fields.phone_number };
		});
		const url = template('didFilter');
		const matched = await fireCallout(url, SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(matched).toMatchObject({ status: 200, body: '8005550199' });
		expect(matched.headers['content-type']).toMatch(/^text\/plain/);
		expect(matched.headers['x-vicidial-answer']).toBe('workflow');
		const other = await fireCallout(url, { ...SAMPLE_CALLS.didFilter, phone_number: '3125550100' }, { kind: 'didFilter' });
		expect(other).toMatchObject({ status: 200, body: '0' });
		expect(other.headers['x-vicidial-answer']).toBe('workflow');
		expect(trigger.lastItems[0]).toMatchObject({ event: 'call.filter', eventType: 'didFilter', fields: { phone_number: '3125550100', did_pattern: '8005550100' } });
		expect(trigger.calls.every((call) => call.error === undefined)).toBe(true);
	});

	it('reads the field Answer Field names, nested too', async () => {
		await start({ event: 'didFilter', options: { answerField: 'crm.match' } }, async () => ({ answer: 'wrong', crm: { match: true } }));
		expect(await fireCallout(template('didFilter'), SAMPLE_CALLS.didFilter, { kind: 'didFilter' })).toMatchObject({ body: '1' });
	});

	it('gives the safe answer after the timeout, and drops the late answer', async () => {
		const trigger = await start({ event: 'didFilter', options: { answerTimeout: 0.3 } }, async () => {
			await delay(900);
			return { answer: '1' };
		});
		const began = Date.now();
		const response = await fireCallout(template('didFilter'), SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		const took = Date.now() - began;
		expect(response).toMatchObject({ status: 200, body: '0' });
		expect(response.headers['x-vicidial-answer']).toBe('timeout');
		expect(took).toBeGreaterThanOrEqual(250);
		expect(took).toBeLessThan(850);
		await trigger.settled();
		// n8n's answer came after: it was absorbed, not written twice or thrown.
		expect(trigger.lastCall.error).toBeUndefined();
		expect(trigger.lastCall.status).toBe(200);
	});

	it('gives the safe answer, as set, when the run fails or leaves no usable answer', async () => {
		let mode: 'fail' | 'missing' | 'object' | 'spaces' = 'fail';
		await start({ event: 'didFilter', options: { safeAnswer: '8005550000' } }, async () => {
			if (mode === 'fail') throw new Error('CRM down');
			if (mode === 'missing') return { other: '1' };
			if (mode === 'object') return { answer: { did: '1' } };
			return { answer: '1; DROP' };
		});
		const url = template('didFilter');
		const expectations = { fail: 'error', missing: 'invalid', object: 'invalid', spaces: 'invalid' } as const;
		for (const next of Object.keys(expectations) as Array<keyof typeof expectations>) {
			mode = next;
			const response = await fireCallout(url, SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
			expect({ mode, status: response.status, body: response.body, source: response.headers['x-vicidial-answer'] }).toEqual({
				mode,
				status: 200,
				body: '8005550000',
				source: expectations[next],
			});
		}
	});

	it('still refuses a wrong secret with 401 and starts nothing', async () => {
		const trigger = await start({ event: 'didFilter' }, async () => ({ answer: '1' }));
		const response = await fireCallout(template('didFilter').replace(SECRET, 'not-the-secret'), SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(response.status).toBe(401);
		expect(trigger.runs).toHaveLength(0);
	});

	it('asks the workflow every time: the same caller calling again is a new question, even with Deduplicate on', async () => {
		const trigger = await start({ event: 'didFilter', options: { deduplicate: true } }, async () => ({ answer: '1' }));
		const url = template('didFilter');
		expect((await fireCallout(url, SAMPLE_CALLS.didFilter, { kind: 'didFilter' })).body).toBe('1');
		const again = await fireCallout(url, SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(again).toMatchObject({ body: '1' });
		expect(again.headers['x-vicidial-answer']).toBe('workflow');
		expect(trigger.runs).toHaveLength(2);
	});
});
