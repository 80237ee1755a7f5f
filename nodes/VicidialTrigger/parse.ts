/**
 * A call-out's query and body turned into the item a workflow receives: named, typed fields,
 * VICIdial's encoding quirks undone, its unreplaced placeholders reported, its clear-text agent
 * passwords and the trigger's own secret removed. Also the disposition mapping and the filters.
 * Pure: no n8n context, so every rule is unit-tested with plain values.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DedupParts } from './dedup';
import {
	CONTROL_PARAMETERS,
	EPOCH_VARIABLES,
	type HookKind,
	NUMERIC_VARIABLES,
	SENSITIVE_VARIABLES,
	SQL_DATETIME_VARIABLES,
} from './hooks';

export type Pairs = ReadonlyArray<readonly [string, string]>;

export type ParsedBody =
	| { type: 'none' }
	| { type: 'form'; pairs: Pairs }
	| { type: 'json'; value: IDataObject };

export interface ParseInput {
	kind: HookKind;
	query: Pairs;
	body: ParsedBody;
	/** Parameter names that carry the trigger's secret (removed, never output). */
	secretParameters: readonly string[];
	/** Secret values, removed wherever they appear in the item. */
	secrets: readonly string[];
	/** IANA zone of the VICIdial server, for `SQLdate` (it carries no offset). */
	timeZone: string;
	receivedAt: Date;
	method: string;
	clientIp: string | undefined;
}

export type FieldValue = string | number | boolean | null | IDataObject | FieldValue[];

export interface TriggerItem extends IDataObject {
	eventType: HookKind;
	/** Agent Events Push: the event name (`dispo_set`, `state_paused`...). */
	agentEvent?: string;
	/** Custom POST: the event name the sender gave (`event`, `type` or `event_type`). */
	eventName?: string;
	/** Custom POST: the sender's timestamp as an ISO date. */
	eventTime?: string;
	/** Custom POST: the sender's own event id (`id`, `event_id`), used for duplicate suppression. */
	eventId?: string;
	fields: IDataObject;
	/** Fields whose `--A--name--B--` VICIdial sent back unreplaced. */
	missing: string[];
	/** Human-readable notes on anything odd: unreplaced placeholders, repeated keys. */
	warnings: string[];
	outcome?: Outcome;
	receivedAt: string;
	request: { method: string; ip: string | null };
	raw: { query: IDataObject; body: IDataObject | null };
}

export interface Outcome extends IDataObject {
	code: string;
	label: string;
	unmapped: boolean;
}

const PLACEHOLDER = /--A--(.*?)--B--/;
const REDACTED = '[redacted]';

const lower = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));
const NUMERIC = lower(NUMERIC_VARIABLES);
const EPOCH = lower(EPOCH_VARIABLES);
const SQL_DATETIME = lower(SQL_DATETIME_VARIABLES);
const SENSITIVE = lower(SENSITIVE_VARIABLES);

/**
 * PHP's form decoding (`+` is a space); malformed `%` escapes are kept as sent, as PHP does.
 */
export function formDecode(text: string): string {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		// A lone "%" (e.g. "100% done") is not an escape: decode what can be decoded.
		return spaced.replace(/(%[0-9a-f]{2})+/gi, (run) => {
			try {
				return decodeURIComponent(run);
			} catch {
				return run;
			}
		});
	}
}

/** Splits `a=1&b=2&a=3` into ordered pairs, decoding names and values once. */
export function parsePairs(text: string): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const part of text.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const name = formDecode(eq < 0 ? part : part.slice(0, eq));
		const value = eq < 0 ? '' : formDecode(part.slice(eq + 1));
		if (name !== '') pairs.push([name, value]);
	}
	return pairs;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		try {
			formatter = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			// RangeError for an unknown zone: the caller reports it and leaves dates as sent.
			return undefined;
		}
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export function isTimeZone(timeZone: string): boolean {
	return formatterFor(timeZone) !== undefined;
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function zoneOffset(formatter: Intl.DateTimeFormat, instant: number): number {
	const parts: Record<string, number> = {};
	for (const part of formatter.formatToParts(new Date(instant))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return local - Math.floor(instant / 1000) * 1000;
}

/**
 * `2026-11-22 05:50:33` (server local time, no offset) to an ISO instant. MySQL's zero date
 * gives ''. Undefined when the text is not such a date or the zone is unknown.
 */
export function sqlDateToIso(text: string, timeZone: string): string | undefined {
	if (text === '0000-00-00 00:00:00') return '';
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	const formatter = formatterFor(timeZone);
	if (!match || !formatter) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	// Two passes settle the offset on either side of a DST change.
	let instant = asUtc - zoneOffset(formatter, asUtc);
	instant = asUtc - zoneOffset(formatter, instant);
	const date = new Date(instant);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Seconds (10 digits) or milliseconds (13) since 1970 to an ISO instant. */
export function epochToIso(value: string | number): string | undefined {
	const text = String(value).trim();
	if (!/^\d{9,13}(\.\d+)?$/.test(text)) return undefined;
	const number = Number(text);
	const ms = text.split('.')[0].length >= 12 ? number : number * 1000;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A custom POST's timestamp: epoch seconds/ms or any date string `Date` understands. */
function timestampToIso(value: unknown): string | undefined {
	if (typeof value === 'number') return epochToIso(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const epoch = epochToIso(value);
	if (epoch !== undefined) return epoch;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** One string value typed by its variable name. */
function typeValue(name: string, value: string, timeZone: string): FieldValue {
	const key = name.toLowerCase();
	if (value === '') return '';
	// VICIdial urlencodes the status name twice (notes §6.3): the query parser undid one.
	if (key === 'dispo_name') return formDecode(value);
	if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	if (EPOCH.has(key)) return epochToIso(value) ?? value;
	if (SQL_DATETIME.has(key)) return sqlDateToIso(value, timeZone) ?? value;
	return value;
}

interface FieldsResult {
	fields: IDataObject;
	missing: string[];
	warnings: string[];
}

function isDropped(name: string, secretParameters: readonly string[]): boolean {
	return SENSITIVE.has(name.toLowerCase()) || secretParameters.includes(name);
}

/** VICIdial's own switches in the URL: kept in `raw`, not data. */
const CONTROL = lower(CONTROL_PARAMETERS);

/** Pairs into fields: grouped by name, placeholders to `missing`, repeats collapsed, values typed. */
function fieldsFromPairs(pairs: Pairs, input: ParseInput): FieldsResult {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of pairs) {
		if (isDropped(name, input.secretParameters) || CONTROL.has(name.toLowerCase())) continue;
		const values = grouped.get(name) ?? [];
		values.push(value);
		grouped.set(name, values);
	}
	const fields: IDataObject = {};
	const missing: string[] = [];
	const warnings: string[] = [];
	for (const [name, values] of grouped) {
		const filled = values.filter((value) => !PLACEHOLDER.test(value));
		if (filled.length === 0) {
			missing.push(name);
			const variable = PLACEHOLDER.exec(values[0])?.[1] ?? name;
			warnings.push(
				`VICIdial did not replace --A--${variable}--B-- (field "${name}"): the variable does not exist for this call-out or the custom field is not on the lead's list`,
			);
			continue;
		}
		const distinct = [...new Set(filled)];
		if (distinct.length === 1) {
			fields[name] = typeValue(name, distinct[0], input.timeZone);
		} else {
			fields[name] = distinct.map((value) => typeValue(name, value, input.timeZone));
			warnings.push(`"${name}" arrived ${values.length} times with different values; all are kept in order`);
		}
	}
	return { fields, missing, warnings };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON fields: strings typed like query values, sensitive keys dropped at every depth. */
function fieldsFromJson(value: IDataObject, input: ParseInput): FieldsResult {
	const fields: IDataObject = {};
	const missing: string[] = [];
	const warnings: string[] = [];
	for (const [name, entry] of Object.entries(value)) {
		if (isDropped(name, input.secretParameters)) continue;
		if (typeof entry === 'string') {
			if (PLACEHOLDER.test(entry)) {
				missing.push(name);
				warnings.push(`"${name}" holds an unreplaced placeholder: ${entry}`);
				continue;
			}
			// A JSON string is decoded already; only dispo_name keeps VICIdial's extra encoding
			// when a script forwards the query verbatim, so it is typed like the query.
			fields[name] = typeValue(name, entry, input.timeZone);
		} else {
			fields[name] = dropSensitive(entry, input.secretParameters) as FieldValue;
		}
	}
	return { fields, missing, warnings };
}

function dropSensitive(value: unknown, secretParameters: readonly string[]): unknown {
	if (Array.isArray(value)) return value.map((entry) => dropSensitive(entry, secretParameters));
	if (!isObject(value)) return value;
	const copy: IDataObject = {};
	for (const [name, entry] of Object.entries(value)) {
		if (!isDropped(name, secretParameters)) copy[name] = dropSensitive(entry, secretParameters) as FieldValue;
	}
	return copy;
}

/** Ordered pairs as an object; a repeated name becomes an array, as n8n's query parser does. */
function pairsToObject(pairs: Pairs, secretParameters: readonly string[]): IDataObject {
	const object: IDataObject = {};
	for (const [name, value] of pairs) {
		if (isDropped(name, secretParameters)) continue;
		const existing = object[name];
		if (existing === undefined) object[name] = value;
		else if (Array.isArray(existing)) (existing as string[]).push(value);
		else object[name] = [existing as string, value];
	}
	return object;
}

/** Replaces every secret inside strings, at any depth (a secret can hide in any value). */
function redact<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') {
		let text: string = value;
		for (const secret of secrets) text = text.split(secret).join(REDACTED);
		return text as unknown as T;
	}
	if (Array.isArray(value)) return value.map((entry: unknown) => redact(entry, secrets)) as unknown as T;
	if (isObject(value)) {
		const copy: IDataObject = {};
		for (const [name, entry] of Object.entries(value)) copy[redact(name, secrets)] = redact(entry, secrets);
		return copy as unknown as T;
	}
	return value;
}

const EVENT_NAME_KEYS = ['event', 'type', 'event_type', 'eventType'];
const TIMESTAMP_KEYS = ['timestamp', 'time', 'created_at', 'createdAt', 'occurred_at', 'date'];
/** An envelope's own id; without an envelope an `id` is just a field. */
const EVENT_ID_KEYS = ['id', 'event_id', 'eventId'];

function firstString(object: IDataObject, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = object[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/**
 * Builds the item. Query fields come first and body fields override them (get2post moves the
 * URL's fields into the body). A JSON body of the form `{event, timestamp, data}` gives
 * `eventName`, `eventTime` and, from `data`, the fields.
 */
export function parseCallout(input: ParseInput): TriggerItem {
	const parts: FieldsResult[] = [fieldsFromPairs(input.query, input)];
	let eventName: string | undefined;
	let eventTime: string | undefined;
	let eventId: string | undefined;
	let rawBody: IDataObject | null = null;
	if (input.body.type === 'form') {
		parts.push(fieldsFromPairs(input.body.pairs, input));
		rawBody = pairsToObject(input.body.pairs, input.secretParameters);
	} else if (input.body.type === 'json') {
		const body = input.body.value;
		rawBody = dropSensitive(body, input.secretParameters) as IDataObject;
		const data = isObject(body.data) ? body.data : body;
		parts.push(fieldsFromJson(data, input));
		eventName = firstString(body, EVENT_NAME_KEYS);
		const stamp = TIMESTAMP_KEYS.map((key) => body[key]).find((value) => value !== undefined);
		eventTime = timestampToIso(stamp);
		const id = EVENT_ID_KEYS.map((key) => body[key]).find((value) => typeof value === 'string' || typeof value === 'number');
		if (id !== undefined && body !== data) eventId = String(id);
	}

	const fields: IDataObject = {};
	const missing: string[] = [];
	const warnings: string[] = [];
	for (const part of parts) {
		Object.assign(fields, part.fields);
		for (const name of part.missing) if (!(name in fields) && !missing.includes(name)) missing.push(name);
		warnings.push(...part.warnings);
	}
	// A body value can fill what the query left as a placeholder.
	const stillMissing = missing.filter((name) => !(name in fields));
	if (!isTimeZone(input.timeZone)) {
		warnings.push(`Unknown time zone "${input.timeZone}": SQL dates are left as VICIdial sent them`);
	}

	const item: TriggerItem = {
		eventType: input.kind,
		fields,
		missing: stillMissing,
		warnings,
		receivedAt: input.receivedAt.toISOString(),
		request: { method: input.method, ip: input.clientIp ?? null },
		raw: { query: pairsToObject(input.query, input.secretParameters), body: rawBody },
	};
	if (input.kind === 'agentEvents' && typeof fields.event === 'string') item.agentEvent = fields.event;
	if (input.kind === 'customPost') {
		// A form body (or the query) names its event and time in plain fields.
		eventName ??= firstString(fields, EVENT_NAME_KEYS);
		eventTime ??= timestampToIso(TIMESTAMP_KEYS.map((key) => fields[key]).find((value) => value !== undefined));
		if (eventName !== undefined) item.eventName = eventName;
		if (eventTime !== undefined) item.eventTime = eventTime;
		if (eventId !== undefined) item.eventId = eventId;
	}
	return redact(item, input.secrets);
}

/** A field as text for matching ('' when absent; the first value of a repeated field). */
export function fieldText(fields: IDataObject, name: string): string {
	const value = Array.isArray(fields[name]) ? (fields[name] as FieldValue[])[0] : fields[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The disposition a call-out carries: `dispo` (agent status, or the system status on the No
 * Agent URL), `status` for scripts that send that, or an agent `dispo_set` event's message.
 */
export function dispositionOf(item: TriggerItem): string {
	const code = fieldText(item.fields, 'dispo') || fieldText(item.fields, 'status');
	if (code === '' && item.agentEvent === 'dispo_set') return fieldText(item.fields, 'message');
	return code;
}

export interface DispositionMapping {
	code: string;
	outcome: string;
}

/**
 * Adds `outcome` from the mapping table (codes compared case-insensitively): `unmapped: true`
 * for a code the table lacks, or no code at all, so a flow can alert on it.
 */
export function applyMapping(item: TriggerItem, mappings: readonly DispositionMapping[], unmappedLabel = ''): void {
	if (mappings.length === 0) return;
	const code = dispositionOf(item);
	const hit = mappings.find((mapping) => mapping.code.trim().toLowerCase() === code.toLowerCase());
	item.outcome = hit
		? { code, label: hit.outcome, unmapped: false }
		: { code, label: unmappedLabel, unmapped: true };
}

export interface Filters {
	dispositions: readonly string[];
	campaigns: readonly string[];
	inGroups: readonly string[];
	lists: readonly string[];
	agentEvents: readonly string[];
}

export const NO_FILTERS: Filters = { dispositions: [], campaigns: [], inGroups: [], lists: [], agentEvents: [] };

function oneOf(values: readonly string[], allowed: readonly string[]): boolean {
	const set = new Set(allowed.map((value) => value.trim().toLowerCase()));
	return values.some((value) => value !== '' && set.has(value.toLowerCase()));
}

/**
 * Whether a call-out passes every non-empty filter. A filter whose field is absent does not
 * match: filtering on campaigns and receiving no campaign starts nothing.
 */
export function matchesFilters(item: TriggerItem, filters: Filters): boolean {
	const { fields } = item;
	if (filters.dispositions.length > 0 && !oneOf([dispositionOf(item)], filters.dispositions)) return false;
	if (filters.campaigns.length > 0 && !oneOf([fieldText(fields, 'campaign')], filters.campaigns)) return false;
	// Inbound calls name the in-group in `group`; `channel_group` holds it too (notes §6.3).
	if (
		filters.inGroups.length > 0 &&
		!oneOf([fieldText(fields, 'group'), fieldText(fields, 'channel_group')], filters.inGroups)
	) {
		return false;
	}
	if (
		filters.lists.length > 0 &&
		!oneOf([fieldText(fields, 'list_id'), fieldText(fields, 'entry_list_id')], filters.lists)
	) {
		return false;
	}
	if (
		item.eventType === 'agentEvents' &&
		filters.agentEvents.length > 0 &&
		!oneOf([item.agentEvent ?? ''], filters.agentEvents)
	) {
		return false;
	}
	return true;
}

/** The variables a filter reads, so the paste-ready URL asks VICIdial for them. */
export function variablesForFilters(filters: Filters, kind: HookKind): string[] {
	const needed: string[] = [];
	if (filters.dispositions.length > 0) needed.push(kind === 'agentEvents' ? 'message' : 'dispo');
	if (filters.campaigns.length > 0) needed.push('campaign');
	if (filters.inGroups.length > 0) needed.push('group');
	if (filters.lists.length > 0) needed.push('list_id');
	if (filters.agentEvents.length > 0 && kind === 'agentEvents') needed.push('event');
	return needed;
}

/** What identifies the call-out for duplicate suppression. */
export function dedupPartsOf(item: TriggerItem): DedupParts {
	const { fields } = item;
	return {
		eventType: item.eventType,
		event: item.agentEvent ?? item.eventName,
		callId: fieldText(fields, 'call_id'),
		uniqueId: fieldText(fields, 'uniqueid'),
		leadId: fieldText(fields, 'lead_id'),
		dispo: dispositionOf(item),
		user: item.eventType === 'agentEvents' ? fieldText(fields, 'user') : undefined,
		counter: item.eventType === 'agentEvents' ? fieldText(fields, 'counter') : undefined,
		// A custom POST re-sent by its sender keeps its own id and timestamp; VICIdial's epoch
		// is not used, because a dispo submitted twice gets a new one.
		id: item.eventId ?? (fieldText(fields, 'event_id') || item.eventTime),
	};
}
