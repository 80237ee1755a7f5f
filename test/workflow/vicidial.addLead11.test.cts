/**
 * Add Lead in VICIdial node 1.1 (issue 14): Duplicate Check and List Exists Check at the top of
 * the form, next to On Duplicate, and List Exists Check on by default, because VICIdial adds a
 * lead to a list that does not exist without a word. A node saved as version 1 is unchanged.
 */
import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials } from '../helpers/harness.cjs';
import { json, rl, withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((started) => (sim = started));

const description = new Vicidial().description;
const addLead = { resource: 'lead', operation: 'add_lead', listId: rl('101'), phoneNumber: '8135550142' };

/** The parameters n8n would show and save for the node at this version (defaults filled in). */
const shown = (values: INodeParameters, typeVersion: number) =>
	NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion }, description) ?? {};

function run(parameters: IDataObject, typeVersion: number) {
	return runNode({ type: 'vicidial', typeVersion, parameters: { ...addLead, ...parameters }, credentials: simCredentials(sim.url) });
}

describe('the form', () => {
	it('from 1.1 has Duplicate Check, List Exists Check (on) and On Duplicate at the top, in that order', () => {
		const names = Object.keys(shown({ resource: 'lead', operation: 'add_lead' }, 1.1));
		const at = (name: string) => names.indexOf(name);
		expect(at('duplicateCheck')).toBeGreaterThan(at('phoneNumber'));
		expect(at('listExistsCheck')).toBe(at('duplicateCheck') + 1);
		expect(at('onDuplicate')).toBe(at('listExistsCheck') + 1);
		expect(at('additionalFields')).toBeGreaterThan(at('onDuplicate'));
		expect(shown({ resource: 'lead', operation: 'add_lead' }, 1.1).listExistsCheck).toBe(true);
	});

	it('in version 1 keeps both checks in Additional Fields', () => {
		const values = shown({ resource: 'lead', operation: 'add_lead' }, 1);
		expect(values).not.toHaveProperty('duplicateCheck');
		expect(values).not.toHaveProperty('listExistsCheck');
		expect(values).toHaveProperty('onDuplicate');
	});
});

describe('sending', () => {
	it('1.1 asks VICIdial to check the list by default, so a list that does not exist is refused', async () => {
		const added = await run({}, 1.1);
		expect(added.error).toBeUndefined();
		expect(sim.log[0].params.list_exists_check).toBe('Y');

		const refused = await run({ listId: rl('12344') }, 1.1);
		expect(refused.error?.context).toMatchObject({ code: 'validation', refusal: 'list_not_defined' });
		expect([...sim.state.leads.values()].filter((lead) => String(lead.list_id) === '12344')).toHaveLength(0);
	});

	it('1.1 with List Exists Check off adds to any list, as VICIdial does', async () => {
		const added = await run({ listId: rl('12344'), listExistsCheck: false }, 1.1);
		expect(added.error).toBeUndefined();
		expect(sim.log[0].params.list_exists_check).not.toBe('Y');
		expect([...sim.state.leads.values()].filter((lead) => String(lead.list_id) === '12344')).toHaveLength(1);
	});

	it('1.1 reads Duplicate Check from the top, with On Duplicate beside it', async () => {
		const found = await run({ phoneNumber: '7275551212', duplicateCheck: ['DUPLIST'], onDuplicate: 'return' }, 1.1);
		expect(found.error).toBeUndefined();
		expect(sim.log[0].params.duplicate_check).toBe('DUPLIST');
		expect(json(found)[0]).toMatchObject({ duplicate: true, lead_id: 1 });
	});

	it('a version 1 node saved without the checks sends neither, as before', async () => {
		const added = await run({ listId: rl('12344') }, 1);
		expect(added.error).toBeUndefined();
		expect(sim.log[0].params.list_exists_check).toBeUndefined();
		expect(sim.log[0].params.duplicate_check).toBeUndefined();
	});

	it('a version 1 node still reads the checks from Additional Fields', async () => {
		const refused = await run({ listId: rl('12344'), additionalFields: { listExistsCheck: true } }, 1);
		expect(refused.error?.context?.refusal).toBe('list_not_defined');
	});
});
