/** The README's event table is the one the code generates (scripts/eventTable.cts). */
import { readFileSync } from 'node:fs';

import { EVENT_NAMES } from '../../nodes/shared/events';
import { HOOK_KINDS, HOOKS } from '../../nodes/VicidialTrigger/hooks';
import { END, README, START, eventTable, withTable } from '../../scripts/eventTable.cjs';

describe('the event vocabulary table', () => {
	it('in README.md is up to date: run npm run docs:events after changing events or hooks', () => {
		const readme = readFileSync(README, 'utf8');
		expect(readme).toContain(START);
		expect(readme).toContain(END);
		expect(withTable(readme)).toBe(readme);
	});

	it('has a row for every event and names every hook that has one', () => {
		const table = eventTable();
		for (const name of EVENT_NAMES) expect(table).toContain(`| \`${name}\` |`);
		for (const kind of HOOK_KINDS) {
			if (HOOKS[kind].event) expect(table).toContain(HOOKS[kind].displayName);
		}
	});

	it('names only events of the shared table on the hooks', () => {
		for (const kind of HOOK_KINDS) {
			const event = HOOKS[kind].event;
			if (event !== undefined) expect(EVENT_NAMES).toContain(event);
		}
	});
});
