import { z } from 'zod';

import type { FieldSpec, FunctionSpec } from './catalogue/types';
import { escapeRegExp, SECRET_FIELD } from './secrets';
import type { SentAlong } from './transport';

/**
 * Input schemas derived from the catalogue. Each field's schema takes what n8n hands over
 * (text, number, boolean, array) and returns the exact text VICIdial should receive, or
 * refuses with one message naming the field, the value and what is allowed. Every item is
 * checked before anything is sent, so VICIdial never half-applies a request.
 */

/** VICIdial's value for "set this field to empty" in update functions. */
export const BLANK = '--BLANK--';

/** Parameter names the transport owns; custom fields may not use them. */
const RESERVED = new Set(['user', 'pass', 'source', 'function', 'custom_fields']);

/** ITU country codes of one and two digits; every other code has three (E.164 prefixes). */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
	'20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

/** Split `+44 20 7946 0958` into the country code and the national number. */
export function splitCountryCode(digits: string): { code: string; national: string } {
	const one = digits.slice(0, 1);
	const two = digits.slice(0, 2);
	const size = ONE_DIGIT_CODES.has(one) ? 1 : TWO_DIGIT_CODES.has(two) ? 2 : 3;
	return { code: digits.slice(0, size), national: digits.slice(size) };
}

export interface NormalisedPhone {
	number: string;
	/** Country code taken from a leading `+`, when there was one. */
	code?: string;
}

/**
 * What people paste, reduced to what VICIdial stores: "(312) 555-1234" → 3125551234,
 * "+1 312-555-1234" → 3125551234 with code 1. Returns undefined for anything else
 * (letters, extensions), which the schema refuses rather than let VICIdial truncate.
 */
export function normalisePhone(input: string): NormalisedPhone | undefined {
	const trimmed = input.trim();
	if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return undefined;
	const digits = trimmed.replace(/\D/g, '');
	if (digits === '') return undefined;
	if (trimmed.startsWith('+')) {
		const { code, national } = splitCountryCode(digits);
		return { number: national, code };
	}
	// "1 (312) 555-1234": a NANP number written with its trunk prefix.
	if (digits.length === 11 && digits.startsWith('1')) return { number: digits.slice(1), code: '1' };
	return { number: digits };
}

function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

function lengthRule(field: FieldSpec, unit: string): string {
	const { min, max } = field;
	if (min !== undefined && max !== undefined) return min === max ? `${max} ${unit}` : `${min}-${max} ${unit}`;
	if (max !== undefined) return `at most ${max} ${unit}`;
	if (min !== undefined) return `at least ${min} ${unit}`;
	return unit;
}

function withinLength(text: string, field: FieldSpec): boolean {
	return (field.min === undefined || text.length >= field.min) && (field.max === undefined || text.length <= field.max);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/** `2026-11-22T10:00:00.000Z`, `2026-11-22 10:00`, `2026-11-22+10:00:00` → `2026-11-22 10:00:00`. */
function normaliseDateTime(text: string): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})[T +](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
	if (!match || !validDate(match[1])) return undefined;
	const [h, m, s] = [Number(match[2]), Number(match[3]), Number(match[4] ?? '0')];
	if (h > 23 || m > 59 || s > 59) return undefined;
	return `${match[1]} ${match[2]}:${match[3]}:${match[4] ?? '00'}`;
}

function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString();
	return undefined;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The Non-Agent API turns every + into a space (notes §1): refused rather than corrupted. */
const NO_PLUS = '"+" (VICIdial\'s Non-Agent API turns + into a space)';

type Check = { ok: true; value: string } | { ok: false; allowed: string };

/** One value of a field to wire text, or what is allowed. */
function convert(field: FieldSpec, raw: unknown, api: FunctionSpec['api']): Check {
	const fail = (allowed: string): Check => ({ ok: false, allowed });
	// The Agent API has no --BLANK--: an empty value clears the field there.
	if (field.blankable && raw === BLANK) return { ok: true, value: api === 'agent' ? '' : BLANK };
	const text = asText(raw);
	if (field.accepts && text !== undefined && field.accepts.regex.test(text.trim())) return { ok: true, value: text.trim() };
	switch (field.type) {
		case 'boolean': {
			const yes = raw === true || (text !== undefined && /^(y|yes|true|1)$/i.test(text));
			const no = raw === false || (text !== undefined && /^(n|no|false|0)$/i.test(text));
			if (!yes && !no) return fail('true or false');
			const [on, off] = (field.flag ?? 'Y/N').split('/');
			return { ok: true, value: yes ? on : off };
		}
		case 'integer': {
			const number = typeof raw === 'number' ? raw : text !== undefined && /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
			const range = `a whole number${field.min !== undefined ? ` from ${field.min}` : ''}${field.max !== undefined ? ` to ${field.max}` : ''}`;
			if (!Number.isInteger(number)) return fail(range);
			if ((field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) return fail(range);
			return { ok: true, value: String(number) };
		}
		case 'options': {
			const values = (field.options ?? []).map((o) => o.value);
			if (text === undefined || !values.includes(text)) return fail(`one of ${values.filter((v) => v !== '').join(', ')}`);
			return { ok: true, value: text };
		}
		case 'multiOptions': {
			const values = (field.options ?? []).map((o) => o.value);
			const items = Array.isArray(raw) ? raw.map(asText) : (text ?? '').split(/[,\s]+/);
			const chosen = items.filter((i): i is string => i !== undefined && i !== '');
			if (chosen.length === 0 || chosen.some((i) => !values.includes(i))) return fail(`any of ${values.join(', ')}`);
			return { ok: true, value: chosen.join(field.separator ?? ',') };
		}
		case 'list': {
			const items = Array.isArray(raw) ? raw.map(asText) : (text ?? '').split(/[,|\n]/);
			const clean = items.map((i) => (i ?? '').trim()).filter((i) => i !== '');
			if (clean.length === 0) return fail('a list of values');
			if (field.pattern) {
				if (clean.some((i) => !field.pattern!.regex.test(i))) return fail(field.pattern.allowed);
			} else if (clean.some((i) => !/^[A-Za-z0-9_.\-+ ]+$/.test(i))) return fail('values made of letters, digits, _ . - and spaces');
			if (api === 'nonAgent' && clean.some((i) => i.includes('+'))) return fail(`values without ${NO_PLUS}`);
			if (field.maxItems !== undefined && clean.length > field.maxItems) return fail(`at most ${field.maxItems} values (got ${clean.length})`);
			const joined = clean.join(field.separator ?? ',');
			if (!withinLength(joined, field)) return fail(`${lengthRule(field, 'characters')} in all, separators included`);
			const [before, after] = field.frame ?? ['', ''];
			return { ok: true, value: `${before}${joined}${after}` };
		}
		case 'phone': {
			// `+0 312 555 0100` once went out as country code 031 with number 25550100.
			if (text !== undefined && /^\+\D*0/.test(text.trim())) return fail('digits, with a country code after + that does not start with 0');
			const phone = text === undefined ? undefined : normalisePhone(text);
			if (!phone || !withinLength(phone.number, field)) return fail(lengthRule(field, 'digits'));
			return { ok: true, value: phone.number };
		}
		case 'digits': {
			const digits = text?.trim();
			if (digits === undefined || !/^\d+$/.test(digits) || !withinLength(digits, field)) return fail(lengthRule(field, 'digits'));
			return { ok: true, value: digits };
		}
		case 'code': {
			const code = text?.trim();
			if (code === undefined || !/^[A-Za-z0-9_-]+$/.test(code) || !withinLength(code, field)) {
				return fail(`${lengthRule(field, 'characters')} (letters, digits, _ and -)`);
			}
			return { ok: true, value: code };
		}
		case 'date': {
			// A date, or a whole date and time (an expression's ISO timestamp) whose date is
			// taken; `1990-02-03 garbage` was once cut to 1990-02-03 and sent.
			const trimmed = text?.trim() ?? '';
			const date = validDate(trimmed) ? trimmed : normaliseDateTime(trimmed)?.slice(0, 10);
			if (date === undefined) return fail('a date as YYYY-MM-DD');
			return { ok: true, value: date };
		}
		case 'dateTime': {
			const trimmed = text?.trim() ?? '';
			const stamp = normaliseDateTime(trimmed);
			if (!stamp) return fail('a date and time as YYYY-MM-DD HH:MM:SS');
			return { ok: true, value: stamp };
		}
		case 'password':
		case 'string': {
			if (text === undefined) return fail('text');
			if (!withinLength(text, field)) return fail(lengthRule(field, 'characters'));
			if (api === 'nonAgent' && text.includes('+')) return fail(`text without ${NO_PLUS}`);
			if (/[\r\n]/.test(text) && field.max !== undefined && field.max < 255) return fail('a single line of text');
			if (field.pattern && !field.pattern.regex.test(text)) return fail(field.pattern.allowed);
			return { ok: true, value: text };
		}
	}
}

/** The zod schema of one field: unknown in, wire text (or undefined when not sent) out. */
export function fieldSchema(field: FieldSpec, api: FunctionSpec['api']): z.ZodType<string | undefined, z.ZodTypeDef, unknown> {
	return z.unknown().transform((raw, ctx) => {
		if (isEmpty(raw)) {
			if (field.required) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field.label} is required` });
				return z.NEVER;
			}
			return undefined;
		}
		const result = convert(field, raw, api);
		if (!result.ok) {
			const allowed = field.accepts ? `${result.allowed}, or ${field.accepts.allowed}` : result.allowed;
			// A refused password is not repeated: the message lands in logs and error items.
			const got = field.type === 'password' || SECRET_FIELD.test(field.name) ? 'a value that is not shown' : quote(raw);
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${field.label} must be ${allowed}; got ${got}` });
			return z.NEVER;
		}
		return result.value;
	});
}

const CUSTOM_FIELD_NAME = /^[A-Za-z0-9_]{1,50}$/;

/** The input a node hands over for one item: catalogue fields by VICIdial name, plus custom fields. */
export interface FunctionInput {
	fields: Record<string, unknown>;
	custom?: Record<string, unknown>;
}

export type ValidationResult = { ok: true; params: Record<string, string> } | { ok: false; message: string };

const schemaCache = new WeakMap<FunctionSpec, z.ZodType<Record<string, string | undefined>, z.ZodTypeDef, unknown>>();

/** The object schema of a function, built once from its catalogue entry. */
export function functionSchema(spec: FunctionSpec): z.ZodType<Record<string, string | undefined>, z.ZodTypeDef, unknown> {
	let schema = schemaCache.get(spec);
	if (!schema) {
		const shape: Record<string, z.ZodType<string | undefined, z.ZodTypeDef, unknown>> = {};
		for (const field of spec.fields) shape[field.name] = fieldSchema(field, spec.api);
		schema = z.object(shape).strip();
		schemaCache.set(spec, schema);
	}
	return schema;
}

/**
 * Check one item's input against the function's schema and build the parameters to send.
 * A `+`-prefixed phone number fills the phone code field when the user left it empty.
 * `along` are the parameters every request carries (the credential's), for checks that look at
 * the whole request.
 */
export function validateInput(spec: FunctionSpec, input: FunctionInput, along: Readonly<Record<string, SentAlong>> = {}): ValidationResult {
	const parsed = functionSchema(spec).safeParse(input.fields);
	if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
	const params: Record<string, string> = {};
	for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) params[key] = value;

	for (const field of spec.fields) {
		const raw = input.fields[field.name];
		if (field.type !== 'phone' || !field.phoneCodeField || typeof raw !== 'string') continue;
		const phone = normalisePhone(raw);
		if (phone?.code && params[field.phoneCodeField] === undefined && spec.fields.some((f) => f.name === field.phoneCodeField)) {
			params[field.phoneCodeField] = phone.code;
		}
	}

	for (const group of spec.oneOf ?? []) {
		if (!group.some((name) => params[name] !== undefined)) {
			const names = group.map((name) => spec.fields.find((f) => f.name === name)?.label ?? name);
			return { ok: false, message: `Give at least one of: ${names.join(', ')}` };
		}
	}

	const custom = Object.entries(input.custom ?? {});
	if (custom.length > 0) {
		if (!spec.customFields) return { ok: false, message: `${spec.label} does not take custom fields` };
		for (const [name, value] of custom) {
			const known = spec.fields.some((f) => f.name === name);
			if (!CUSTOM_FIELD_NAME.test(name) || RESERVED.has(name) || known) {
				return {
					ok: false,
					message: `Custom field name must be a custom field label (letters, digits and _, up to 50) that is not a standard field; got ${quote(name)}`,
				};
			}
			const text = value === BLANK ? BLANK : asText(value) ?? '';
			if (spec.api === 'nonAgent' && text.includes('+')) {
				return { ok: false, message: `Custom field ${name} must be text without ${NO_PLUS}; got ${quote(text)}` };
			}
			params[name] = text;
		}
		// The Non-Agent API ignores custom field values unless asked to read them.
		if (spec.api === 'nonAgent') params.custom_fields = 'Y';
	}
	for (const [key, value] of Object.entries(spec.fixed ?? {})) params[key] = value;
	const clash = fieldNameClash(spec, params, along);
	if (clash) return { ok: false, message: clash };
	return { ok: true, params };
}

/**
 * For a function that picks its fields by searching the request for their names (update_fields):
 * a lead field that is not being set but whose name appears in another parameter's name or value
 * ("home_city", or "Moved to another state" in Comments) would be written as empty. Refuse, and
 * say which field and which parameter.
 */
function fieldNameClash(
	spec: FunctionSpec,
	params: Readonly<Record<string, string>>,
	along: Readonly<Record<string, SentAlong>>,
): string | undefined {
	const picked = spec.fieldsPickedByName;
	if (!picked) return undefined;
	const request = { ...params, ...Object.fromEntries(Object.entries(along).map(([name, { value }]) => [name, value])) };
	const label = (name: string) => along[name]?.label ?? spec.fields.find((f) => f.name === name)?.label ?? `Custom field ${name}`;
	for (const field of spec.fields.filter((f) => f.blankable !== undefined)) {
		if (params[field.name] !== undefined) continue;
		const pattern = new RegExp(escapeRegExp(field.name), picked.caseInsensitive.includes(field.name) ? 'i' : '');
		for (const [name, value] of Object.entries(request)) {
			if (!pattern.test(`${name}=${value}`)) continue;
			const where = pattern.test(name) ? 'name' : 'value';
			return (
				`${label(name)} has "${field.name}" in its ${where}: VICIdial's update_fields then also writes ${field.label} ` +
				`(as empty, since it is not given). Give ${field.label} as well, or reword the ${where}`
			);
		}
	}
	return undefined;
}
