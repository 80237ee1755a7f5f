/**
 * A generated block of README.md: the text between a start and an end marker, rewritten by the
 * script that generates it (scripts/eventTable.cts, scripts/operationTable.cts) and compared by
 * its unit test.
 */
import { join } from 'node:path';

export const README = join(__dirname, '..', 'README.md');

/** The README with the text between `start` and `end` replaced by `body`. */
export function replaceBlock(readme: string, start: string, end: string, body: string): string {
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
	return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}
