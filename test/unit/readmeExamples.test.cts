/**
 * Every shipped example has its row in README's "Example workflows" table, with a link to its
 * picture, and the picture exists (`npm run test:editor` takes one per example).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.json')).sort();

describe('README example table', () => {
	it('finds the shipped examples', () => {
		expect(EXAMPLES.length).toBeGreaterThanOrEqual(10);
	});

	it.each(EXAMPLES)('%s has a row with a link to its picture, and the picture exists', (file) => {
		const { id } = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as { id: string };
		const picture = `docs/screenshots/workflow-${id}.png`;
		const row = README.split('\n').find((line) => line.startsWith(`| \`${file}\``));
		expect(row).toBeDefined();
		expect(row).toContain(`([picture](${picture}))`);
		expect(existsSync(join(ROOT, picture))).toBe(true);
	});
});
