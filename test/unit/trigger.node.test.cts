/**
 * The trigger's description: its Event options come from HOOKS, and new workflows get
 * version 2 while version 1 stays loadable for saved workflows.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { HOOK_KINDS, HOOKS } from '../../nodes/VicidialTrigger/hooks';
import { VicidialTrigger } from '../../nodes/VicidialTrigger/VicidialTrigger.node';

const { description } = new VicidialTrigger();

describe('VICIdial Trigger description', () => {
	it('offers versions 1 and 2 and gives new workflows 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('has one Event option per hook, named and described by HOOKS, sorted by name', () => {
		const event = description.properties.find((property) => property.name === 'event');
		const options = (event?.options ?? []) as INodePropertyOptions[];
		expect(options.map((option) => option.value).sort()).toEqual([...HOOK_KINDS].sort());
		for (const option of options) {
			const hook = HOOKS[option.value as keyof typeof HOOKS];
			expect(option).toEqual({ name: hook.displayName, value: option.value, description: hook.summary });
		}
		expect(options.map((option) => option.name)).toEqual([
			'Add Lead URL',
			'Agent Events Push',
			'API New Lead URL',
			'Custom POST',
			'Dead Call Trigger URL',
			'DID Filter URL',
			'Dispo Call URL',
			'Dispo Chat URL',
			'Dispo Email URL',
			'Enter In-Group URL',
			'No Agent Call URL',
			'No Agent Chat URL',
			'NVA Call URL',
			'Pause Max URL',
			'Start Call URL',
			'Start Chat URL',
			'Start Email URL',
			'Waiting Call URL Off',
			'Waiting Call URL On',
			'Web Form (Screen Pop)',
		]);
		expect(event?.default).toBe('dispo');
	});

	it('shows no property only to one version: both versions have the same fields', () => {
		const versioned = description.properties.filter((property) => property.displayOptions?.show?.['@version'] !== undefined);
		expect(versioned).toEqual([]);
	});

	it('offers no duplicate check for the DID Filter URL, which answers every call, and keeps it for every other event', () => {
		const options = description.properties.find((property) => property.name === 'options')?.options as Array<{ name: string; displayOptions?: { hide?: Record<string, unknown> } }>;
		for (const name of ['deduplicate', 'dedupWindowMinutes']) {
			const option = options.find((candidate) => candidate.name === name);
			expect(option?.displayOptions).toEqual({ hide: { '/event': ['didFilter'] } });
		}
	});
});
