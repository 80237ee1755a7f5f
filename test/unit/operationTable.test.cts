/** The README's operation tables are the ones the catalogue generates (scripts/operationTable.cts). */
import { readFileSync } from 'node:fs';

import { functions, functionsOf, resources } from '../../nodes/shared/catalogue';
import { END, README, START, operationTable, operationTables, rightsOf, withTables } from '../../scripts/operationTable.cjs';

describe('the operation tables', () => {
	it('in README.md are up to date: run npm run docs:operations after changing the catalogue', () => {
		const readme = readFileSync(README, 'utf8');
		expect(readme).toContain(START);
		expect(readme).toContain(END);
		expect(withTables(readme)).toBe(readme);
	});

	it('have one row per catalogued function, under its own node', () => {
		for (const api of ['nonAgent', 'agent'] as const) {
			const rows = operationTable(api)
				.split('\n')
				.filter((line) => line.includes('| `'));
			expect(rows).toHaveLength(functionsOf(api).length);
			for (const spec of functionsOf(api)) expect(rows.some((row) => row.includes(`| \`${spec.name}\` |`))).toBe(true);
		}
		const all = operationTables();
		for (const resource of resources) expect(all).toContain(`| ${resource.name} |`);
	});

	it('give every function its rights, from the catalogue', () => {
		for (const spec of functions) {
			const rights = rightsOf(spec);
			expect(rights.length).toBeGreaterThan(0);
			if (!spec.noAuth) expect(rights).toBe(spec.permission);
		}
		expect(operationTable('nonAgent')).toMatch(/\| Lead \| Add Lead \| `add_lead` \| Agent API Access = 1, Modify Leads = 1-4, user level 8\+ \|/);
	});

	it('refuse a catalogue entry that says nothing about rights', () => {
		const [spec] = functions;
		expect(() => rightsOf({ ...spec, permission: undefined, noAuth: undefined })).toThrow(/neither permission nor noAuth/);
	});
});
