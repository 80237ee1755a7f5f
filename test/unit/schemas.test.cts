import { field } from '../../nodes/shared/catalogue/field';
import * as F from '../../nodes/shared/catalogue/fields';
import type { FunctionSpec } from '../../nodes/shared/catalogue/types';
import { BLANK, normalisePhone, splitCountryCode, validateInput } from '../../nodes/shared/schemas';

function spec(fields: FunctionSpec['fields'], extra: Partial<FunctionSpec> = {}): FunctionSpec {
	return {
		name: 'test_fn',
		api: 'nonAgent',
		resource: 'lead',
		label: 'Test',
		action: 'Test',
		description: 'Test',
		fields,
		writes: true,
		retry: { kind: 'never', why: 'test' },
		reply: { kind: 'status', lines: {} },
		...extra,
	};
}

describe('phone numbers', () => {
	it.each([
		['(312) 555-1234', { number: '3125551234' }],
		['312.555.1234', { number: '3125551234' }],
		['+1 312-555-1234', { number: '3125551234', code: '1' }],
		['1 (312) 555-1234', { number: '3125551234', code: '1' }],
		['+44 20 7946 0958', { number: '2079460958', code: '44' }],
		['+353 1 234 5678', { number: '12345678', code: '353' }],
	])('%s → %o', (input, expected) => {
		expect(normalisePhone(input)).toEqual(expected);
	});

	it.each(['55-12a', '312-555-1234 ext 5', '', 'abc'])('refuses %p', (input) => {
		expect(normalisePhone(input)).toBeUndefined();
	});

	it('splits country codes by their ITU length', () => {
		expect(splitCountryCode('73832000000')).toEqual({ code: '7', national: '3832000000' });
		expect(splitCountryCode('4930123456')).toEqual({ code: '49', national: '30123456' });
		expect(splitCountryCode('35312345678')).toEqual({ code: '353', national: '12345678' });
	});
});

describe('validateInput', () => {
	const addLike = spec([F.phone_number.req(), F.phone_code, F.list_id.req(), F.first_name, F.comments, F.add_to_hopper, F.hopper_priority, F.dnc_check]);

	it('builds wire parameters, fills Phone Code from a + number', () => {
		const result = validateInput(addLike, {
			fields: { phone_number: '+1 (312) 555-1234', list_id: 101, first_name: 'Ann', add_to_hopper: true, hopper_priority: 5, dnc_check: 'Y' },
		});
		expect(result).toEqual({
			ok: true,
			params: { phone_number: '3125551234', phone_code: '1', list_id: '101', first_name: 'Ann', add_to_hopper: 'Y', hopper_priority: '5', dnc_check: 'Y' },
		});
	});

	it('keeps an explicit Phone Code over the + prefix', () => {
		const result = validateInput(addLike, { fields: { phone_number: '+1 312 555 1234', phone_code: '44', list_id: '101' } });
		expect(result.ok && result.params.phone_code).toBe('44');
	});

	it.each([
		[{ phone_number: '55-12a', list_id: '101' }, 'Phone Number must be 6-16 digits; got "55-12a"'],
		[{ phone_number: '12345', list_id: '101' }, 'Phone Number must be 6-16 digits; got "12345"'],
		[{ phone_number: '3125551234', list_id: '10' }, 'List must be 3-12 digits; got "10"'],
		[{ phone_number: '3125551234' }, 'List is required'],
		[{ phone_number: '3125551234', list_id: '101', hopper_priority: 100 }, 'Hopper Priority must be a whole number from -99 to 99; got "100"'],
		[{ phone_number: '3125551234', list_id: '101', dnc_check: 'MAYBE' }, 'DNC Check must be one of N, Y, AREACODE; got "MAYBE"'],
		[{ phone_number: '3125551234', list_id: '101', first_name: 'x'.repeat(31) }, `First Name must be at most 30 characters; got "${'x'.repeat(31)}"`],
		[{ phone_number: '3125551234', list_id: '101', comments: 'a+b' }, 'Comments must be text without "+" (VICIdial\'s Non-Agent API turns + into a space); got "a+b"'],
	])('refuses %o', (fields, message) => {
		expect(validateInput(addLike, { fields })).toEqual({ ok: false, message });
	});

	it('accepts --BLANK-- only for blankable fields', () => {
		const update = spec([F.lead_id.req(), F.first_name, F.phone_code]);
		expect(validateInput(update, { fields: { lead_id: '8', first_name: BLANK } })).toEqual({ ok: true, params: { lead_id: '8', first_name: BLANK } });
		expect(validateInput(update, { fields: { lead_id: '8', phone_code: BLANK } }).ok).toBe(false);
	});

	it('checks dates and date-times, and accepts NOW and xDAYS for callbacks', () => {
		const dates = spec([F.date_of_birth, F.callback_datetime]);
		expect(validateInput(dates, { fields: { date_of_birth: '2026-02-30' } })).toEqual({
			ok: false,
			message: 'Date of Birth must be a date as YYYY-MM-DD; got "2026-02-30"',
		});
		expect(validateInput(dates, { fields: { callback_datetime: '2026-11-23T14:30:00.000Z' } })).toEqual({
			ok: true,
			params: { callback_datetime: '2026-11-23 14:30:00' },
		});
		expect(validateInput(dates, { fields: { callback_datetime: '3DAYS' } })).toEqual({ ok: true, params: { callback_datetime: '3DAYS' } });
		expect(validateInput(dates, { fields: { callback_datetime: 'tomorrow' } }).ok).toBe(false);
	});

	it('joins multi-options and lists with their separators', () => {
		const multi = spec([
			field({ name: 'duplicate_check', label: 'Duplicate Check', type: 'multiOptions', separator: '-', options: F.duplicateCheckValues, description: '' }),
			field({ name: 'lead_ids', label: 'Lead IDs', type: 'list', separator: ',', description: '' }),
		]);
		expect(validateInput(multi, { fields: { duplicate_check: ['DUPLIST', 'DUPCAMP'], lead_ids: '1, 2,3' } })).toEqual({
			ok: true,
			params: { duplicate_check: 'DUPLIST-DUPCAMP', lead_ids: '1,2,3' },
		});
		expect(validateInput(multi, { fields: { duplicate_check: ['DUPNOPE'] } })).toMatchObject({ ok: false });
	});

	it('requires one of a group', () => {
		const info = spec([F.lead_id, F.phone_number], { oneOf: [['lead_id', 'phone_number']] });
		expect(validateInput(info, { fields: {} })).toEqual({ ok: false, message: 'Give at least one of: Lead ID, Phone Number' });
	});

	it('passes custom fields through with custom_fields=Y, refusing reserved names', () => {
		const custom = spec([F.phone_number.req()], { customFields: true });
		expect(validateInput(custom, { fields: { phone_number: '3125551234' }, custom: { favorite_color: 'blue' } })).toEqual({
			ok: true,
			params: { phone_number: '3125551234', favorite_color: 'blue', custom_fields: 'Y' },
		});
		expect(validateInput(custom, { fields: { phone_number: '3125551234' }, custom: { pass: 'x' } }).ok).toBe(false);
		expect(validateInput(spec([F.phone_number]), { fields: {}, custom: { a: 'b' } }).ok).toBe(false);
	});
});
