import { NodeHelpers, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { functionsOf } from '../../nodes/shared/catalogue';
import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';
import { addRecording } from '../../simulator/agent/scene.cjs';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials, type NodeRun } from '../helpers/harness.cjs';
import { json, rl, withSimulator } from './vicidial.shared.cjs';

/**
 * Return All / Limit on the list functions (catalogue `returnsList`), through the node: from
 * version 1.1 a list returns 50 rows unless told otherwise; a node saved as version 1 keeps
 * returning every row. The seed has one recording of agent 1000 on 2026-11-20; tests add more.
 */

let sim: Simulator;
withSimulator((started) => (sim = started));

/** `count` more recordings of agent 1000 on 2026-11-20, a minute apart from 10:00. */
function recordings(count: number): void {
	for (let i = 0; i < count; i++) {
		addRecording(sim.state, {
			user: '1000',
			lead_id: 4,
			start_time: new Date(2026, 10, 20, 10, i, 0),
			length_in_sec: 30 + i,
			location: `http://127.0.0.1/RECORDINGS/MP3/r${i}-all.mp3`,
		});
	}
}

const lookup = { resource: 'report', operation: 'recording_lookup', additionalFields: { agentUser: rl('1000'), date: '2026-11-20' } };

function run(parameters: IDataObject, typeVersion?: number, items?: IDataObject[]): Promise<NodeRun> {
	return runNode({ type: 'vicidial', parameters, credentials: simCredentials(sim.url), typeVersion, items });
}

describe('the editor shows Return All / Limit', () => {
	const description = new Vicidial().description;
	const shown = (values: INodeParameters, typeVersion: number) =>
		NodeHelpers.getNodeParameters(description.properties, values, true, false, { typeVersion }, description) ?? {};

	it.each(functionsOf('nonAgent').map((spec) => [spec.name, spec] as const))('%s: from version 1.1 exactly when its reply is a list', (_name, spec) => {
		const values = { resource: spec.resource, operation: spec.name };
		const v11 = shown(values, 1.1);
		if (spec.returnsList) {
			expect(v11).toMatchObject({ returnAll: false, limit: 50 });
			expect(shown({ ...values, returnAll: true }, 1.1)).not.toHaveProperty('limit');
		} else {
			expect(v11).not.toHaveProperty('returnAll');
			expect(v11).not.toHaveProperty('limit');
		}
		expect(shown(values, 1)).not.toHaveProperty('returnAll');
		expect(shown(values, 1)).not.toHaveProperty('limit');
	});

	it('new nodes are version 1.1', () => {
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
	});
});

describe('recording_lookup with Return All / Limit', () => {
	it('returns the first 50 rows by default from version 1.1', async () => {
		recordings(60);
		const result = await run(lookup, 1.1);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(50);
		// VICIdial's order (oldest first) is kept: the seeded 09:05 recording, then 10:00 onwards.
		expect(json(result)[0]).toMatchObject({ start_time: '2026-11-20 09:05:00', recording_id: 1 });
		expect(json(result)[49]).toMatchObject({ start_time: '2026-11-20 10:48:00' });
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('returns up to Limit rows', async () => {
		recordings(5);
		const result = await run({ ...lookup, limit: 3 }, 1.1);
		expect(result.error).toBeUndefined();
		expect(json(result).map((row) => row.start_time)).toEqual(['2026-11-20 09:05:00', '2026-11-20 10:00:00', '2026-11-20 10:01:00']);
	});

	it('returns every row with Return All', async () => {
		recordings(60);
		const result = await run({ ...lookup, returnAll: true, limit: 3 }, 1.1);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(61);
	});

	it('keeps returning every row in a node saved as version 1, whatever limit it holds', async () => {
		recordings(60);
		const result = await run({ ...lookup, limit: 3 }, 1);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(61);
	});

	it('applies Limit to each input item on its own', async () => {
		recordings(5);
		const result = await run({ ...lookup, limit: '={{ $json.n }}' }, 1.1, [{ n: 2 }, { n: 4 }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 1, 1, 1]);
	});

	it('refuses a Limit below 1, naming the field, and sends nothing', async () => {
		const result = await run({ ...lookup, limit: '={{ 0 }}' }, 1.1);
		expect(result.error?.message).toBe('Limit must be a whole number of 1 or more; got 0');
		expect(result.error?.context?.code).toBe('validation');
		expect(sim.log).toHaveLength(0);
	});
});

describe('other list functions share the catalogue flag', () => {
	it('lead_search: Limit cuts the rows (one per searched number)', async () => {
		const result = await run({ resource: 'lead', operation: 'lead_search', phoneNumber: '7275551212,4075550100,3125550199', limit: 2 }, 1.1);
		expect(result.error).toBeUndefined();
		// lead_search has no row limit of its own: all three numbers were asked for.
		expect(sim.log[0].params.phone_number).toBe('7275551212,4075550100,3125550199');
		expect(json(result).map((row) => row.search_key)).toEqual(['7275551212', '4075550100']);
	});

	it('a single-record function has no limit: user_details ignores a stray limit', async () => {
		const result = await run({ resource: 'user', operation: 'user_details', agentUser: rl('1000'), limit: 0 }, 1.1);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
	});
});
