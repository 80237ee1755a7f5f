/**
 * What the reliability suites share: their size, and where their figures go. Small by default
 * (seconds, inside `npx jest --selectProjects unit integration reliability`); RELIABILITY_SIZE=full
 * (`npm run test:reliability`) runs the sizes the README's Reliability section reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FULL = process.env.RELIABILITY_SIZE === 'full';

/** `small` by default, `full` under RELIABILITY_SIZE=full. */
export function size<T>(small: T, full: T): T {
	return FULL ? full : small;
}

export const FIGURES_DIR = join(__dirname, '..', '..', 'test-results', 'reliability');

/**
 * Print a suite's figures as a table and keep them in test-results/reliability/<name>.json
 * (with the size and the date), for the README.
 */
export function recordFigures(name: string, rows: Record<string, Record<string, unknown>>): void {
	const record = { suite: name, size: FULL ? 'full' : 'small', date: new Date().toISOString(), rows };
	mkdirSync(FIGURES_DIR, { recursive: true });
	writeFileSync(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
	const lines = Object.entries(rows).map(([row, values]) => `${row}: ${Object.entries(values).map(([key, value]) => `${key}=${String(value)}`).join(', ')}`);
	process.stdout.write(`\n${name} (${record.size}, ${record.date})\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
}
