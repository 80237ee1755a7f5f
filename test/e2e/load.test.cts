/**
 * The package loads in a real n8n: `n8n export:nodes` (n8n-notes §2) after a community-style
 * install lists every node package.json declares, under the package's name, plus the `…Tool`
 * variant n8n adds for `usableAsTool` nodes.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, ROOT, declaredNodes, freePort, installPackage, n8nCommandChecked, n8nEnv } from '../../scripts/n8n/lib.cjs';
import { N8N_VERSION, requireInstall } from './harness.cjs';

jest.setTimeout(120_000);

/**
 * The names users see in workflow JSON, spelled out so a renamed node fails here: keyed by the
 * built file, checked for each file package.json declares.
 */
const EXPECTED_TYPES: Record<string, string[]> = {
	'dist/nodes/Vicidial/Vicidial.node.js': ['n8n-nodes-vicidial.vicidial', 'n8n-nodes-vicidial.vicidialTool'],
	'dist/nodes/VicidialAgent/VicidialAgent.node.js': ['n8n-nodes-vicidial.vicidialAgent', 'n8n-nodes-vicidial.vicidialAgentTool'],
	'dist/nodes/VicidialTrigger/VicidialTrigger.node.js': ['n8n-nodes-vicidial.vicidialTrigger'],
};

describe(`n8n ${N8N_VERSION} loads ${PACKAGE_NAME}`, () => {
	const userFolder = join(ROOT, '.n8n-e2e', `load-${process.pid}-${Date.now()}`);
	let exported: { name: string; displayName: string; properties?: unknown[] }[] = [];

	beforeAll(async () => {
		const install = requireInstall();
		mkdirSync(userFolder, { recursive: true });
		await installPackage(userFolder);
		const env = n8nEnv(install, userFolder, { port: await freePort(), brokerPort: await freePort() });
		const output = join(userFolder, 'nodes.json');
		await n8nCommandChecked(install, env, ['export:nodes', `--output=${output}`]);
		exported = JSON.parse(readFileSync(output, 'utf8')) as typeof exported;
	});

	afterAll(() => {
		if (!process.env.KEEP_E2E) rmSync(userFolder, { recursive: true, force: true });
	});

	it('declares at least one node', () => {
		expect(declaredNodes().length).toBeGreaterThan(0);
	});

	it('lists exactly the declared node types under the package name', () => {
		const ours = exported.map((node) => node.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`)).sort();
		const declared = declaredNodes().flatMap((node) => node.types).sort();
		expect(ours).toEqual(declared);
	});

	it.each(Object.entries(EXPECTED_TYPES))('%s has its user-facing type names', (file, types) => {
		const declared = declaredNodes().find((node) => node.file === file);
		// Nodes not yet declared in package.json are not expected to load.
		const expected = declared ? types : [];
		const loaded = exported.map((node) => node.name).filter((name) => types.includes(name));
		expect(loaded.sort()).toEqual([...expected].sort());
	});

	it('every one of our nodes has a display name starting with VICIdial and some properties', () => {
		const ours = exported.filter((node) => node.name.startsWith(`${PACKAGE_NAME}.`));
		for (const node of ours) {
			expect(node.displayName).toMatch(/^VICIdial/);
			expect((node.properties ?? []).length).toBeGreaterThan(0);
		}
	});
});
