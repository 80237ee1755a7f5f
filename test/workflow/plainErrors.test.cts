import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials } from '../helpers/harness.cjs';
import { REPORT_USER, json, rl, withSimulator } from './vicidial.shared.cjs';

/** The common refusals in plain words: a specific `refusal` code and a one-line explanation (issue 14). */

let sim: Simulator;
withSimulator((started) => (sim = started));

const addLead = (extra: IDataObject) => ({ resource: 'lead', operation: 'add_lead', listId: rl('101'), phoneNumber: '8135550111', ...extra });

it.each([
	['list_not_defined', addLead({ listId: rl('12344'), additionalFields: { listExistsCheck: true } }), 'validation', /not a list defined in VICIdial/],
	['duplicate', addLead({ phoneNumber: '7275551212', additionalFields: { duplicateCheck: ['DUPLIST'] } }), 'duplicate', /already exists in this list.*Return the Existing Lead/],
	['in_dnc', addLead({ phoneNumber: '7275559999', additionalFields: { dncCheck: 'Y' } }), 'validation', /on the system DNC list/],
	[
		'invalid_phone',
		{ resource: 'lead', operation: 'check_phone_number', phoneNumber: '3121555555', localCallTime: '24hours', additionalFields: { usacanPrefixCheck: true } },
		'validation',
		/valid North American number/,
	],
])('%s: code, refusal and explanation', async (refusal, parameters, code, explanation) => {
	const run = await runNode({ type: 'vicidial', parameters, credentials: simCredentials(sim.url) });
	expect(run.error?.context?.code).toBe(code);
	expect(run.error?.context?.refusal).toBe(refusal);
	expect(run.error?.description).toMatch(explanation);
});

it('missing_permission keeps the function\'s own "needs" line', async () => {
	const run = await runNode({ type: 'vicidial', parameters: addLead({}), credentials: simCredentials(sim.url, REPORT_USER) });
	expect(run.error?.context).toMatchObject({ code: 'permission', refusal: 'missing_permission' });
	expect(run.error?.description).toContain('needs:');
});

it('agent_not_logged_in (Agent API)', async () => {
	const parameters = { resource: 'call', operation: 'external_dial', agentUser: rl('1001'), search: true, preview: false, focus: false, additionalFields: { value: '3125551234' } };
	const run = await runNode({ type: 'vicidialAgent', parameters, credentials: simCredentials(sim.url) });
	expect(run.error?.context).toMatchObject({ code: 'not_found', refusal: 'agent_not_logged_in' });
});

it('continue on fail: the error item keeps the input keys, the refusal and the explanation', async () => {
	const run = await runNode({
		type: 'vicidial',
		parameters: addLead({ listId: rl('={{ $json.list }}'), additionalFields: { listExistsCheck: true } }),
		credentials: simCredentials(sim.url),
		items: [{ crm_id: 'A-1', list: '12344' }, { crm_id: 'A-2', list: '101' }],
		continueOnFail: true,
	});
	expect(run.error).toBeUndefined();
	expect(json(run)[0]).toEqual({
		crm_id: 'A-1',
		list: '12344',
		error: 'add_lead: NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED (8135550111|12344)',
		code: 'validation',
		refusal: 'list_not_defined',
		explanation: expect.stringMatching(/^The List ID is not a list defined in VICIdial/),
		function: 'add_lead',
	});
	expect(json(run)[1]).toMatchObject({ result: 'SUCCESS', list_id: 101 });
});

it('On Error: Continue (using error output) sends refused items to the error output, the rest to the success output', async () => {
	const run = await runNode({
		type: 'vicidial',
		parameters: { ...addLead({ additionalFields: { duplicateCheck: ['DUPLIST'] } }), phoneNumber: '={{ $json.phone }}' },
		credentials: simCredentials(sim.url),
		items: [{ phone: '8135550112', row: 1 }, { phone: '7275551212', row: 2 }, { phone: '8135550113', row: 3 }],
		onError: 'continueErrorOutput',
	});
	expect(run.error).toBeUndefined();
	const [success, failed] = run.outputs;
	expect(success.map((item) => item.json.phone_number)).toEqual(['8135550112', '8135550113']);
	expect(failed).toHaveLength(1);
	// n8n keeps only `error` and `message` on an error-output item and adds the input's keys back.
	expect(failed[0].json).toMatchObject({ phone: '7275551212', row: 2 });
	expect(String(failed[0].json.error)).toMatch(/DUPLICATE PHONE NUMBER IN LIST/);
	expect(String(failed[0].json.message)).toMatch(/^duplicate \(duplicate\): .*already exists in this list/);
});
