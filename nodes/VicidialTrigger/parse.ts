/**
 * A call-out's query and body turned into the item a workflow receives: named, typed fields,
 * VICIdial's encoding quirks undone, its unreplaced placeholders reported, its clear-text agent
 * passwords and the trigger's own secret removed. Also the disposition mapping and the filters.
 * Pure: no n8n context, so every rule is unit-tested with plain values.
 */
import type { IDataObject } from 'n8n-workflow';

import { agentScreenEvent } from '../shared/events';
import { redactDeep } from '../shared/secrets';

import type { DedupParts } from './dedup';
import {
	CONTROL_PARAMETERS,
	EPOCH_VARIABLES,
	type HookKind,
	HOOKS,
	INBOUND_ONLY_VARIABLES,
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
	/**
	 * IANA zone of the VICIdial server, for `SQLdate` (it carries no offset); '' when not set,
	 * and then the offset is read from `SQLdate` against `epoch` (UTC) when the call-out has both.
	 */
	timeZone: string;
	/** The zone used when `timeZone` is '' and the call-out carries no epoch: the workflow's. */
	fallbackTimeZone?: string;
	/** How the caller's decoding of the query and body found their escapes (`textEncodingOf`). */
	encoding?: TextEncoding;
	receivedAt: Date;
	method: string;
	clientIp: string | undefined;
}

export type FieldValue = string | number | boolean | null | IDataObject | FieldValue[];

export interface TriggerItem extends IDataObject {
	/**
	 * The normalised event (nodes/shared/events.ts): the hook's own, `agent.<name>` for Agent
	 * Events Push, and for Custom POST the sender's event name (`custom` when it gives none).
	 */
	event: string;
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
	/**
	 * How VICIdial encoded non-ASCII text: `latin1` with its default use_non_latin=0 (`D%EDaz`),
	 * `utf8` with use_non_latin=1 (`D%C3%ADaz`), `ascii` when nothing told them apart (notes §8.18).
	 */
	encoding: TextEncoding;
	/**
	 * The zone SQL dates (`SQLdate`, `entry_date`...) were read in: the VICIdial Time Zone option,
	 * `UTC-05:00` inferred from SQLdate and epoch, or the workflow's zone. Absent without SQL dates.
	 */
	sqlDateZone?: string;
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

const lower = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));
const NUMERIC = lower(NUMERIC_VARIABLES);
const EPOCH = lower(EPOCH_VARIABLES);
const SQL_DATETIME = lower(SQL_DATETIME_VARIABLES);
const SENSITIVE = lower(SENSITIVE_VARIABLES);

/** `mixed` when one call-out holds both, which a single VICIdial setting cannot produce. */
export type TextEncoding = 'ascii' | 'utf8' | 'latin1' | 'mixed';

/** Which encoding several decoded texts add up to. */
function combineEncodings(encodings: Iterable<TextEncoding>): TextEncoding {
	let result: TextEncoding = 'ascii';
	for (const encoding of encodings) {
		if (encoding === 'ascii' || encoding === result) continue;
		result = result === 'ascii' ? encoding : 'mixed';
	}
	return result;
}

const ESCAPE = /^%[0-9a-f]{2}$/i;

/**
 * PHP's form decoding (`+` is a space) and the encoding the escapes were in. VICIdial's default
 * use_non_latin=0 sends ISO-8859-1 bytes (`D%EDaz`, notes §8.18): escapes that are not valid
 * UTF-8 are read as latin-1. Malformed `%` escapes are kept as sent, as PHP does.
 */
export function decodeForm(text: string): { text: string; encoding: TextEncoding } {
	const spaced = text.replace(/\+/g, ' ');
	const bytes: number[] = [];
	let latin1 = '';
	let escapedHigh = false;
	for (let i = 0; i < spaced.length; ) {
		const escape = spaced.slice(i, i + 3);
		if (ESCAPE.test(escape)) {
			const byte = parseInt(escape.slice(1), 16);
			bytes.push(byte);
			latin1 += String.fromCharCode(byte);
			if (byte >= 0x80) escapedHigh = true;
			i += 3;
			continue;
		}
		const char = String.fromCodePoint(spaced.codePointAt(i) ?? 0);
		bytes.push(...Buffer.from(char, 'utf8'));
		latin1 += char;
		i += char.length;
	}
	if (!escapedHigh) {
		return { text: Buffer.from(bytes).toString('utf8'), encoding: [...spaced].some((char) => char.charCodeAt(0) > 0x7f) ? 'utf8' : 'ascii' };
	}
	const buffer = Buffer.from(bytes);
	const utf8 = buffer.toString('utf8');
	// Invalid sequences decode to U+FFFD, which does not encode back to the same bytes.
	if (Buffer.from(utf8, 'utf8').equals(buffer)) return { text: utf8, encoding: 'utf8' };
	return { text: latin1, encoding: 'latin1' };
}

/** PHP's form decoding (`+` is a space), UTF-8 or latin-1 as `decodeForm()` finds. */
export function formDecode(text: string): string {
	return decodeForm(text).text;
}

/** How the escapes of a query string or form body were encoded (names and values). */
export function textEncodingOf(text: string): TextEncoding {
	return combineEncodings(text.split(/[&=]/).map((part) => decodeForm(part).encoding));
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

/** `2026-11-22 05:50:33` as if it were UTC (ms); undefined when the text is not such a date. */
function sqlDateAsUtc(text: string): number | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
	return Number.isNaN(asUtc) ? undefined : asUtc;
}

/**
 * `2026-11-22 05:50:33` (server local time, no offset) to an ISO instant. MySQL's zero date
 * gives ''. Undefined when the text is not such a date or the zone is unknown.
 */
export function sqlDateToIso(text: string, timeZone: string): string | undefined {
	if (text === '0000-00-00 00:00:00') return '';
	const asUtc = sqlDateAsUtc(text);
	const formatter = formatterFor(timeZone);
	if (asUtc === undefined || !formatter) return undefined;
	// Two passes settle the offset on either side of a DST change.
	let instant = asUtc - zoneOffset(formatter, asUtc);
	instant = asUtc - zoneOffset(formatter, instant);
	const date = new Date(instant);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Like `sqlDateToIso`, at a fixed offset from UTC (minutes east). */
export function sqlDateAtOffset(text: string, offsetMinutes: number): string | undefined {
	if (text === '0000-00-00 00:00:00') return '';
	const asUtc = sqlDateAsUtc(text);
	return asUtc === undefined ? undefined : new Date(asUtc - offsetMinutes * 60_000).toISOString();
}

/** How far SQLdate and epoch may sit from a quarter-hour offset: the two are read together. */
const OFFSET_SLACK_MS = 5 * 60_000;
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The VICIdial server's offset from UTC (minutes east) from one call-out's `SQLdate` (server
 * local time, no zone) and `epoch` (UTC seconds), which VICIdial takes at the same moment (notes
 * §8.21). Rounded to the quarter hour; undefined when either is unreadable, the two are more than
 * five minutes off such an offset, or the offset is beyond ±14 hours.
 */
export function inferUtcOffset(sqlDate: string, epoch: string): number | undefined {
	const local = sqlDateAsUtc(sqlDate);
	if (local === undefined || !/^\d{9,10}$/.test(epoch.trim())) return undefined;
	const difference = local - Number(epoch.trim()) * 1000;
	const rounded = Math.round(difference / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
	if (Math.abs(difference - rounded) > OFFSET_SLACK_MS || Math.abs(rounded) > 14 * 3_600_000) return undefined;
	return rounded / 60_000;
}

/** `-300` as `UTC-05:00`. */
function offsetLabel(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const absolute = Math.abs(minutes);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `UTC${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
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

const USER_CUSTOM = lower(['user_custom_one', 'user_custom_two', 'user_custom_three', 'user_custom_four', 'user_custom_five']);
const INBOUND_ONLY = lower(INBOUND_ONLY_VARIABLES);

/**
 * Values VICIdial urlencodes twice, so the query parser undid only one layer: `dispo_name`
 * (notes §6.3) and, in the Start and Dispo Call URL blocks, `user_custom_one..five` (§8.19).
 */
function isTwiceEncoded(kind: HookKind, key: string): boolean {
	return key === 'dispo_name' || ((kind === 'dispo' || kind === 'start') && USER_CUSTOM.has(key));
}

/** How one call-out's values are typed, and what typing them found out. */
interface Typing {
	kind: HookKind;
	/** A SQL date to ISO in the server's zone; undefined when it is not one. */
	readSqlDate(text: string): string | undefined;
	/** Encodings of the second decoding of twice-encoded values. */
	encodings: TextEncoding[];
	/** Whether a non-empty SQL date was read. */
	sqlDateRead: boolean;
}

/** One string value typed by its variable name. */
function typeValue(name: string, value: string, typing: Typing): FieldValue {
	const key = name.toLowerCase();
	if (value === '') return '';
	if (isTwiceEncoded(typing.kind, key)) {
		const decoded = decodeForm(value);
		typing.encodings.push(decoded.encoding);
		return decoded.text;
	}
	if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	if (EPOCH.has(key)) return epochToIso(value) ?? value;
	if (SQL_DATETIME.has(key)) {
		const iso = typing.readSqlDate(value);
		if (iso === undefined) return value;
		if (iso !== '') typing.sqlDateRead = true;
		return iso;
	}
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
function fieldsFromPairs(pairs: Pairs, input: ParseInput, typing: Typing): FieldsResult {
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
	const notInbound: string[] = [];
	for (const [name, values] of grouped) {
		const filled = values.filter((value) => !PLACEHOLDER.test(value));
		if (filled.length === 0) {
			missing.push(name);
			const variable = PLACEHOLDER.exec(values[0])?.[1] ?? name;
			if (input.kind === 'start' && INBOUND_ONLY.has(variable.toLowerCase())) {
				notInbound.push(name);
				continue;
			}
			warnings.push(
				`VICIdial did not replace --A--${variable}--B-- (field "${name}"): the variable does not exist for this call-out or the custom field is not on the lead's list`,
			);
			continue;
		}
		const distinct = [...new Set(filled)];
		if (distinct.length === 1) {
			fields[name] = typeValue(name, distinct[0], typing);
		} else {
			fields[name] = distinct.map((value) => typeValue(name, value, typing));
			warnings.push(`"${name}" arrived ${values.length} times with different values; all are kept in order`);
		}
	}
	if (notInbound.length > 0) {
		warnings.push(
			`Not an inbound call: VICIdial fills ${notInbound.join(', ')} only for calls that came in through an in-group`,
		);
	}
	return { fields, missing, warnings };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON fields: strings typed like query values, sensitive keys dropped at every depth. */
function fieldsFromJson(value: IDataObject, input: ParseInput, typing: Typing): FieldsResult {
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
			fields[name] = typeValue(name, entry, typing);
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
/** The first filled value sent under `name` (any case), body over query as for fields. */
function rawValue(input: ParseInput, name: string): string | undefined {
	const sources: Array<Iterable<readonly [string, unknown]>> = [input.query];
	if (input.body.type === 'form') sources.unshift(input.body.pairs);
	if (input.body.type === 'json') {
		sources.unshift(Object.entries(isObject(input.body.value.data) ? input.body.value.data : input.body.value));
	}
	for (const source of sources) {
		for (const [key, value] of source) {
			if (key.toLowerCase() !== name.toLowerCase()) continue;
			const text = typeof value === 'number' ? String(value) : value;
			if (typeof text === 'string' && text !== '' && !PLACEHOLDER.test(text)) return text;
		}
	}
	return undefined;
}

/**
 * The zone SQL dates are read in: the option when set; else the offset SQLdate and epoch show
 * (SQLdate is server-local, epoch UTC: notes §8.21), so SQLdate is not read hours off in
 * n8n's zone; else the workflow's zone.
 */
function sqlDateReader(input: ParseInput): { zone: string; inferred: boolean; read(text: string): string | undefined } {
	if (input.timeZone !== '') {
		return { zone: input.timeZone, inferred: false, read: (text) => sqlDateToIso(text, input.timeZone) };
	}
	const sqlDate = rawValue(input, 'SQLdate');
	const epoch = rawValue(input, 'epoch');
	const offset = sqlDate !== undefined && epoch !== undefined ? inferUtcOffset(sqlDate, epoch) : undefined;
	if (offset !== undefined) {
		return { zone: offsetLabel(offset), inferred: true, read: (text) => sqlDateAtOffset(text, offset) };
	}
	const zone = input.fallbackTimeZone ?? 'UTC';
	return { zone, inferred: false, read: (text) => sqlDateToIso(text, zone) };
}

export function parseCallout(input: ParseInput): TriggerItem {
	const reader = sqlDateReader(input);
	const typing: Typing = { kind: input.kind, readSqlDate: reader.read, encodings: [], sqlDateRead: false };
	const parts: FieldsResult[] = [fieldsFromPairs(input.query, input, typing)];
	let eventName: string | undefined;
	let eventTime: string | undefined;
	let eventId: string | undefined;
	let rawBody: IDataObject | null = null;
	if (input.body.type === 'form') {
		parts.push(fieldsFromPairs(input.body.pairs, input, typing));
		rawBody = pairsToObject(input.body.pairs, input.secretParameters);
	} else if (input.body.type === 'json') {
		const body = input.body.value;
		rawBody = dropSensitive(body, input.secretParameters) as IDataObject;
		const data = isObject(body.data) ? body.data : body;
		parts.push(fieldsFromJson(data, input, typing));
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
	if (!reader.inferred && !isTimeZone(reader.zone)) {
		warnings.push(`Unknown time zone "${reader.zone}": SQL dates are left as VICIdial sent them`);
	} else if (typing.sqlDateRead && input.timeZone === '' && !reader.inferred) {
		// An inferred offset is named in sqlDateZone; a guess from the workflow is worth a warning.
		warnings.push(
			`VICIdial Time Zone is not set and the call-out has no SQLdate and epoch to compare: SQL dates were read in the workflow's zone (${reader.zone}). Set the option to the VICIdial server's zone.`,
		);
	}
	const encoding = combineEncodings([input.encoding ?? 'ascii', ...typing.encodings]);
	if (encoding === 'mixed') {
		warnings.push('Some text arrived as UTF-8 and some as ISO-8859-1: check VICIdial\'s use_non_latin setting');
	}
	if (input.kind === 'agentEvents' && 'counter' in fields && !('epoch' in fields && 'agent_log_id' in fields)) {
		warnings.push(
			'The Agent Push URL does not forward epoch and agent_log_id: the counter restarts at 0 on every agent screen load, so a later session\'s events can be dropped as duplicates. Paste the string the setup request gives.',
		);
	}

	const item: TriggerItem = {
		event: HOOKS[input.kind].event ?? (input.kind === 'agentEvents' ? agentScreenEvent(fieldText(fields, 'event')) : 'custom'),
		eventType: input.kind,
		fields,
		missing: stillMissing,
		warnings,
		encoding,
		...(typing.sqlDateRead ? { sqlDateZone: reader.zone } : {}),
		receivedAt: input.receivedAt.toISOString(),
		request: { method: input.method, ip: input.clientIp ?? null },
		raw: { query: pairsToObject(input.query, input.secretParameters), body: rawBody },
	};
	if (input.kind === 'agentEvents' && typeof fields.event === 'string') item.agentEvent = fields.event;
	if (input.kind === 'customPost') {
		// A form body (or the query) names its event and time in plain fields.
		eventName ??= firstString(fields, EVENT_NAME_KEYS);
		eventTime ??= timestampToIso(TIMESTAMP_KEYS.map((key) => fields[key]).find((value) => value !== undefined));
		if (eventName !== undefined) item.eventName = item.event = eventName;
		if (eventTime !== undefined) item.eventTime = eventTime;
		if (eventId !== undefined) item.eventId = eventId;
	}
	// A secret can hide in any value or name, at any depth.
	return redactDeep(item, input.secrets);
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
	const agentEvent = item.eventType === 'agentEvents';
	return {
		eventType: item.eventType,
		event: item.agentEvent ?? item.eventName,
		callId: fieldText(fields, 'call_id'),
		uniqueId: fieldText(fields, 'uniqueid'),
		leadId: fieldText(fields, 'lead_id'),
		dispo: dispositionOf(item),
		user: agentEvent ? fieldText(fields, 'user') : undefined,
		counter: agentEvent ? fieldText(fields, 'counter') : undefined,
		// A custom POST re-sent by its sender keeps its own id and timestamp; VICIdial's epoch
		// is not used for call-outs, because a dispo submitted twice gets a new one. An agent
		// event's counter restarts at 0 on each screen load (notes §8.17): its epoch and
		// agent_log_id, get2post's own uniqueid, tell the sessions apart.
		id: agentEvent ? agentSession(fields) : (item.eventId ?? (fieldText(fields, 'event_id') || item.eventTime)),
	};
}

/** `epoch.agent_log_id` of an agent event, as get2post.php builds its uniqueid; undefined without them. */
function agentSession(fields: IDataObject): string | undefined {
	const session = [fieldText(fields, 'epoch'), fieldText(fields, 'agent_log_id')].filter((part) => part !== '');
	return session.length > 0 ? session.join('.') : undefined;
}
