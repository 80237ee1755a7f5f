/**
 * The parameter reader resolves a parameter once when it holds no expression, and for every
 * item when it does (anywhere inside it: a field, a collection entry, a resource locator).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { ParameterReader, readInput } from '../../nodes/shared/parameters';
import { getFunction } from '../../nodes/shared/catalogue';

function fakeContext(parameters: Record<string, unknown>, items: Array<Record<string, string>>) {
	const calls: string[] = [];
	const resolve = (value: unknown, i: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) {
			return value.replace(/^=\{\{\s*\$json\.(\w+)\s*\}\}$/, (_m, key: string) => items[i][key]);
		}
		if (Array.isArray(value)) return value.map((v) => resolve(v, i));
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, i)]));
		}
		return value;
	};
	const context = {
		getNode: () => ({ parameters: structuredClone(parameters) }),
		getNodeParameter: (name: string, i: number, fallback: unknown) => {
			calls.push(`${name}#${i}`);
			return name in parameters ? resolve(parameters[name], i) : fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

describe('ParameterReader', () => {
	const items = [{ phone: '3125550001' }, { phone: '3125550002' }, { phone: '3125550003' }];

	it('reads a parameter without an expression once for all items', () => {
		const { context, calls } = fakeContext({ listId: '101' }, items);
		const reader = new ParameterReader(context);
		expect(items.map((_item, i) => reader.get('listId', i, ''))).toEqual(['101', '101', '101']);
		expect(calls).toEqual(['listId#0']);
	});

	it('reads a parameter with an expression for each item', () => {
		const { context, calls } = fakeContext({ phoneNumber: '={{ $json.phone }}' }, items);
		const reader = new ParameterReader(context);
		expect(items.map((_item, i) => reader.get('phoneNumber', i, ''))).toEqual(['3125550001', '3125550002', '3125550003']);
		expect(calls).toEqual(['phoneNumber#0', 'phoneNumber#1', 'phoneNumber#2']);
	});

	it('finds an expression nested in a collection or a resource locator', () => {
		const { context, calls } = fakeContext(
			{
				additionalFields: { comments: 'fixed', email: '={{ $json.phone }}' },
				listIdRl: { __rl: true, mode: 'id', value: '={{ $json.phone }}' },
			},
			items,
		);
		const reader = new ParameterReader(context);
		for (const i of [0, 1, 2]) {
			reader.get('additionalFields', i, {});
			reader.get('listIdRl', i, {});
		}
		expect(calls.filter((c) => c.startsWith('additionalFields'))).toHaveLength(3);
		expect(calls.filter((c) => c.startsWith('listIdRl'))).toHaveLength(3);
	});

	it('gives a missing parameter its fallback, once', () => {
		const { context, calls } = fakeContext({}, items);
		const reader = new ParameterReader(context);
		expect(reader.get('clearFields', 0, [])).toEqual([]);
		expect(reader.get('clearFields', 2, [])).toEqual([]);
		expect(calls).toEqual(['clearFields#0']);
	});

	it('feeds readInput per item: fixed list, phone from each item', () => {
		const spec = getFunction('nonAgent', 'add_lead');
		const { context } = fakeContext({ phoneNumber: '={{ $json.phone }}', listId: '101', additionalFields: { firstName: 'Ann' } }, items);
		const reader = new ParameterReader(context);
		const inputs = items.map((_item, i) => readInput(reader, spec, i).fields);
		expect(inputs.map((f) => f.phone_number)).toEqual(['3125550001', '3125550002', '3125550003']);
		expect(inputs.every((f) => f.list_id === '101' && f.first_name === 'Ann')).toBe(true);
	});
});
