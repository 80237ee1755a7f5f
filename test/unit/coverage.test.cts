/**
 * A guard for the issues' "each function has a simulator handler and a test through the node".
 * The counts come from the catalogue, so adding a function is its entry, its simulator handler
 * and its workflow test; a missing one of the three fails here. The simulator never imports
 * nodes/: only this test sees both, and compares them by VICIdial's function names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { functions, functionsOf, resources, type ApiName } from '../../nodes/shared/catalogue';
import type { Handler } from '../../simulator/context.cjs';
import { agentHandlers } from '../../simulator/agent/index.cjs';
import { nonAgentHandlers } from '../../simulator/nonAgent/index.cjs';

const dir = join(__dirname, '..', 'workflow');
/** The workflow tests of one node: vicidialAgent.* run the Agent node, the others the VICIdial node. */
const sourcesOf = (api: ApiName) =>
	readdirSync(dir)
		.filter((file) => file.endsWith('.cts') && file.startsWith('vicidialAgent.') === (api === 'agent'))
		.map((file) => readFileSync(join(dir, file), 'utf8'))
		.join('\n');
const sources: Record<ApiName, string> = { nonAgent: sourcesOf('nonAgent'), agent: sourcesOf('agent') };

const simulators: Record<ApiName, Record<string, Handler>> = { nonAgent: nonAgentHandlers, agent: agentHandlers };
const names = (api: ApiName) => functionsOf(api).map((spec) => spec.name);

describe('the catalogue, the simulator and the workflow tests name the same functions', () => {
	it.each(Object.keys(simulators) as ApiName[])('%s: every catalogue function has a simulator handler and no handler is uncatalogued', (api) => {
		expect(names(api).length).toBeGreaterThan(0);
		expect(Object.keys(simulators[api]).sort()).toEqual([...names(api)].sort());
	});

	it.each(Object.keys(simulators) as ApiName[])('%s: no function is catalogued twice', (api) => {
		expect(new Set(names(api)).size).toBe(names(api).length);
	});

	it('every resource has a function and every function a resource of its API', () => {
		for (const resource of resources) {
			expect(functions.filter((spec) => spec.resource === resource.value && spec.api === resource.api)).not.toHaveLength(0);
		}
		for (const spec of functions) {
			expect(resources).toContainEqual(expect.objectContaining({ value: spec.resource, api: spec.api }));
		}
	});

	it.each(functions.map((f) => [`${f.api} ${f.name}`, f.api, f.name]))('runs %s through its node', (_label, api, name) => {
		expect(sources[api as ApiName]).toMatch(new RegExp(`['"]${name}['"]`));
	});
});
