/**
 * A guard for the issues' "each function has a test through the node": every catalogue
 * function must be named as an operation in the workflow tests (test/workflow/), which run
 * the nodes through n8n-core against the simulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { functions } from '../../nodes/shared/catalogue';

const dir = join(__dirname, '..', 'workflow');
const sources = readdirSync(dir)
	.filter((file) => file.endsWith('.cts'))
	.map((file) => readFileSync(join(dir, file), 'utf8'))
	.join('\n');

describe('workflow test coverage of the catalogue', () => {
	it('covers all 62 Non-Agent and 30 Agent API functions', () => {
		expect(functions.filter((f) => f.api === 'nonAgent')).toHaveLength(62);
		expect(functions.filter((f) => f.api === 'agent')).toHaveLength(30);
	});

	it.each(functions.map((f) => [`${f.api} ${f.name}`, f.name]))('runs %s through a node', (_label, name) => {
		expect(sources).toMatch(new RegExp(`['"]${name}['"]`));
	});
});
