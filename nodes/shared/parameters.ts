import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FunctionSpec } from './catalogue/types';
import { BLANK, type FunctionInput } from './schemas';
import type { RequestSettings } from './transport';

/**
 * The action nodes' parameters: each one's name, the field name a catalogue field gets, and how
 * a run reads them back. descriptions.ts lays the same names out in the editor.
 */

/** Parameter names shared by both action nodes. */
export const PARAM = {
	resource: 'resource',
	operation: 'operation',
	additionalFields: 'additionalFields',
	customFields: 'customFieldsUi',
	clearFields: 'clearFields',
	onDuplicate: 'onDuplicate',
	alreadyDoneAsSuccess: 'alreadyDoneAsSuccess',
	options: 'options',
	returnAll: 'returnAll',
	limit: 'limit',
} as const;

/**
 * The node version from which list operations offer Return All / Limit (default 50). A saved
 * version-1 node keeps returning every row: n8n runs it as the version it was saved with.
 */
export const LIMIT_FROM_VERSION = 1.1;

/** VICIdial's field name as a node parameter: `phone_number` → `phoneNumber`. */
export function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A value from a resource locator (`{ __rl, mode, value }`), or the plain value. */
export function plain(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value) return (value as { value?: unknown }).value;
	return value;
}

/** Whether a stored parameter holds an n8n expression anywhere (a string starting with `=`). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * Reads parameters for many items. A parameter without an expression has one value for every
 * item, so it is resolved once; one with an expression is resolved for each item, as n8n
 * does. Values are shared between items: callers read them and never change them.
 */
export class ParameterReader {
	private readonly stored: IDataObject;
	private readonly fixed = new Map<string, unknown>();
	/** The saved node's typeVersion: it decides where promoted fields are stored. */
	readonly version: number;

	constructor(private readonly context: IExecuteFunctions) {
		const node = context.getNode();
		this.stored = node.parameters as IDataObject;
		this.version = node.typeVersion;
	}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		if (this.fixed.has(name)) return this.fixed.get(name) as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
		if (!holdsExpression(this.stored[name])) this.fixed.set(name, value);
		return value;
	}
}

/** Where each of a function's fields is read from, worked out once per function. */
interface FieldPlaces {
	required: Array<[field: string, parameter: string]>;
	/** Optional fields at the top level (FunctionSpec.promoted, from its version on). */
	top: Array<[field: string, parameter: string]>;
	optional: Array<[field: string, parameter: string]>;
	blankable: boolean;
}

const placesCache = new WeakMap<FunctionSpec, Map<boolean, FieldPlaces>>();

function placesOf(spec: FunctionSpec, version: number): FieldPlaces {
	const promotedHere = spec.promoted !== undefined && version >= spec.promoted.since;
	const byLayout = placesCache.get(spec) ?? new Map<boolean, FieldPlaces>();
	placesCache.set(spec, byLayout);
	let places = byLayout.get(promotedHere);
	if (!places) {
		const atTop = (name: string) => promotedHere && (spec.promoted?.fields.includes(name) ?? false);
		const optional = spec.fields.filter((f) => !f.required);
		places = {
			required: spec.fields.filter((f) => f.required).map((f) => [f.name, camel(f.name)]),
			top: optional.filter((f) => atTop(f.name)).map((f) => [f.name, camel(f.name)]),
			optional: optional.filter((f) => !atTop(f.name)).map((f) => [f.name, camel(f.name)]),
			blankable: spec.fields.some((f) => f.blankable),
		};
		byLayout.set(promotedHere, places);
	}
	return places;
}

/** The catalogue input of item `i`, read from the node's parameters. */
export function readInput(reader: ParameterReader, spec: FunctionSpec, i: number): FunctionInput {
	const places = placesOf(spec, reader.version);
	const fields: Record<string, unknown> = {};
	for (const [field, parameter] of places.required) fields[field] = plain(reader.get(parameter, i, ''));
	for (const [field, parameter] of places.top) {
		// An optional field on the form is always present: empty means "not given", as when absent from a collection.
		const value = plain(reader.get<unknown>(parameter, i, ''));
		if (value !== '' && value !== undefined && value !== null) fields[field] = value;
	}
	if (places.optional.length > 0) {
		const additional = reader.get<IDataObject>(PARAM.additionalFields, i, {});
		for (const [field, parameter] of places.optional) if (parameter in additional) fields[field] = plain(additional[parameter]);
	}
	if (places.blankable) {
		for (const name of reader.get<string[]>(PARAM.clearFields, i, [])) fields[name] = BLANK;
	}
	let custom: Record<string, unknown> | undefined;
	if (spec.customFields) {
		const ui = reader.get<{ field?: Array<{ name: string; value: unknown }> }>(PARAM.customFields, i, {});
		for (const entry of ui.field ?? []) {
			if (!entry.name) continue;
			custom = custom ?? {};
			custom[entry.name.trim()] = entry.value;
		}
	}
	return { fields, custom };
}

/**
 * How many rows item `i` may output: `limit` undefined means all of them (Return All, a
 * function whose reply is not a list, or a node saved before version 1.1). `error` says, in
 * plain words and naming the field, why a Limit typed in as an expression is refused (the
 * editor itself allows only whole numbers of 1 or more).
 */
export function readRowLimit(
	reader: ParameterReader,
	spec: FunctionSpec,
	typeVersion: number,
	i: number,
): { limit?: number; error?: string } {
	if (spec.returnsList !== true || typeVersion < LIMIT_FROM_VERSION) return {};
	if (reader.get<boolean>(PARAM.returnAll, i, false) === true) return {};
	const limit = reader.get<unknown>(PARAM.limit, i, 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		return { error: `Limit must be a whole number of 1 or more; got ${JSON.stringify(limit)}` };
	}
	return { limit };
}

export interface RunOptions {
	concurrency: number;
	pacingMs: number;
	settings: Partial<RequestSettings>;
}

/** The node's Options collection: one value for the whole run. */
export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter(PARAM.options, 0, {}) as IDataObject;
	const number = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
	return {
		concurrency: Math.max(1, Math.floor(number('concurrency', 1))),
		pacingMs: Math.max(0, number('pacingMs', 0)),
		settings: {
			timeoutMs: number('timeoutMs', 30_000),
			// Only functions whose catalogue retry policy allows a repeat use more than one
			// attempt; every Agent API call that changes a live call is `never`.
			maxAttempts: number('maxAttempts', 3),
		},
	};
}
