import type { IDataObject, INode } from 'n8n-workflow';

import { columnValue } from './catalogue/columns';
import type { FunctionSpec, LineFields, ReplySpec } from './catalogue/types';
import { apiError, classify, MAYBE_APPLIED, replyError } from './errors';
import { redact } from './secrets';

/**
 * Reading VICIdial's text replies (vicidial-api-notes.md §1, §3, §7, §8). Pure: `parseReply`
 * turns text into typed lines and rows, `checkReply` turns those into the workflow's items or
 * a redacted error. Nothing here talks to the network.
 */

export type LineKind = 'SUCCESS' | 'ERROR' | 'NOTICE';

export interface StatusLine {
	kind: LineKind;
	/** The function name VICIdial printed at the start of the text ('' when none). */
	fn: string;
	/** The reason text, for example `LEAD HAS BEEN ADDED`. */
	reason: string;
	/** The `|`-separated values after the separator. */
	values: string[];
	/** The values by name, where the catalogue names them. */
	fields: IDataObject;
}

export interface ParsedReply {
	lines: StatusLine[];
	rows: IDataObject[];
	/** For `value` and `text` replies: the whole body without the final newline. */
	text?: string;
}

export interface ParseOptions {
	/** The `stage` sent with the request: pipe (default), csv or tab. */
	stage?: string;
}

const STATUS = /^(SUCCESS|ERROR|NOTICE):\s?(.*)$/;
/** The first word of a status text and the rest. */
const FIRST_WORD = /^([a-z][a-z0-9_]*)\s+(.*)$/;

/** Position and length of the first separator: ` - ` or `:` + space (the `: |` form). */
function findSeparator(text: string): { at: number; length: number } | undefined {
	const dash = text.indexOf(' - ');
	const colon = text.search(/: (?=\S|$)|:\s*\|/);
	const candidates = [
		dash >= 0 ? { at: dash, length: 3 } : undefined,
		colon >= 0 ? { at: colon, length: text[colon + 1] === ' ' ? 2 : 1 } : undefined,
	].filter((c): c is { at: number; length: number } => c !== undefined);
	candidates.sort((a, b) => a.at - b.at);
	if (candidates.length > 0) return candidates[0];
	// Text ending in ':' (`ERROR: … NOT FOUND:` with nothing after it).
	if (text.endsWith(':')) return { at: text.length - 1, length: 1 };
	return undefined;
}

/**
 * `a|b|` gives [a, b]: one trailing `|` is framing. After the `: |` separator the leading `|`
 * is framing too; after ` - ` it is an empty first value (`ADDED TO HOPPER - |8|2|6666`).
 */
function splitValues(text: string, leadingPipeIsFrame = true): string[] {
	let rest = text.replace(/\s+$/, '');
	if (rest === '') return [];
	if (leadingPipeIsFrame && rest.startsWith('|')) rest = rest.slice(1);
	if (rest.endsWith('|')) rest = rest.slice(0, -1);
	return rest.split('|');
}

/** The value of the longest key of `table` that starts `reason` (a line's names, an answer). */
function longestPrefix<T>(table: Readonly<Record<string, T>> | undefined, reason: string): T | undefined {
	let best: string | undefined;
	for (const key of Object.keys(table ?? {})) {
		if (reason.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
	}
	return best === undefined || !table ? undefined : table[best];
}

function named(names: readonly string[], values: readonly string[], countsAfterFirst = false): IDataObject {
	const out: IDataObject = {};
	// Plain loops: a 100,000-row table calls this once a row (bench/parse.cts).
	const count = Math.min(names.length, values.length);
	for (let index = 0; index < count; index++) out[names[index]] = columnValue(names[index], values[index], countsAfterFirst && index > 0);
	// Values beyond the documented ones are kept rather than lost.
	for (let index = names.length; index < values.length; index++) {
		if (values[index] !== '') out[`extra_${index - names.length + 1}`] = values[index];
	}
	return out;
}

/**
 * One `SUCCESS:`/`ERROR:`/`NOTICE:` line, or undefined for a data line. Both of VICIdial's
 * separators are read: `REASON - a|b` and `REASON: |a|b|` (notes §7.2).
 */
export function parseStatusLine(line: string, spec?: Pick<FunctionSpec, 'name' | 'reply' | 'replyAliases'>): StatusLine | undefined {
	const match = STATUS.exec(line.replace(/\r$/, ''));
	if (!match) return undefined;
	const kind = match[1] as LineKind;
	let text = match[2].trim();
	let fn = '';
	const token = FIRST_WORD.exec(text);
	if (token) {
		const word = token[1];
		const next = token[2];
		// `agent_user is not logged in` starts with a snake-case word that is no function:
		// only the called function, its aliases, `auth`, or a snake-case word before UPPER-CASE
		// text (`add_lead PHONE NUMBER IN DNC` from external_add_lead) count.
		const known = spec && (word === spec.name || spec.replyAliases?.includes(word));
		if (known || word === 'auth' || (word.includes('_') && /^[A-Z]/.test(next))) {
			fn = word;
			text = next;
		}
	} else if (spec && text === spec.name) {
		fn = text;
		text = '';
	}
	let reason = text;
	let values: string[] = [];
	const separator = findSeparator(text);
	if (text.startsWith('- ')) {
		// `SUCCESS:  - 1000|text` (agent_ingroup_info stage=text): no reason at all.
		reason = '';
		values = splitValues(text.slice(2));
	} else if (separator) {
		const length = separator.length;
		let at = separator.at;
		// The Agent API's `pause_code error - agent is not paused - 1000`: the word "error" is
		// the start of the reason, which runs to the second ` - `.
		const second = text.indexOf(' - ', at + length);
		if (text.slice(0, at).trim() === 'error' && length === 3 && second > 0) at = second;
		reason = text.slice(0, at).trim();
		values = splitValues(text.slice(at + length), text[at] === ':');
	} else if (text.includes('|')) {
		// `CID GROUP INFO AS FOLLOWS TESTCAMP|---ALL---||1`: the values start after the last
		// word of the reason.
		const firstPipe = text.indexOf('|');
		const lastSpace = text.lastIndexOf(' ', firstPipe);
		reason = text.slice(0, Math.max(lastSpace, 0)).trim();
		values = splitValues(text.slice(lastSpace + 1));
	}
	const names = longestPrefix<readonly string[]>(spec && 'lines' in spec.reply ? spec.reply.lines : undefined, reason);
	return { kind, fn, reason, values, fields: names ? named(names, values) : {} };
}

function delimiterOf(stage: string | undefined, fallback: string): string {
	if (stage === 'csv') return ',';
	if (stage === 'tab') return '\t';
	if (stage === 'pipe') return '|';
	return fallback;
}

type TableSpec = Extract<ReplySpec, { kind: 'table' }>;

function tableRows(dataLines: string[], table: TableSpec, delimiter: string): IDataObject[] {
	const { columns, countsAfterFirst = false, headerMisnames = false } = table;
	const lower = columns.map((c) => c.toLowerCase());
	const known = new Set(lower);
	const padded = new Set(table.padded ?? []);
	// lead_search prints its header without delimiters (notes §7.5).
	const glued = lower.join('');
	let header: string[] | undefined;
	const rows: IDataObject[] = [];
	// A header cell as the catalogue spells its column.
	const cellName = (cell: string) => cell.trim().toLowerCase();
	// The header tests look at as few cells as they need: a data row fails on its first cell,
	// so a long reply is not lower-cased cell by cell (bench/parse.cts, 100,000 rows).
	const leading = Math.min(3, lower.length);
	const startsWithHeader = (cells: string[]) => {
		for (let i = 0; i < leading && i < cells.length; i++) if (cellName(cells[i]) !== lower[i]) return false;
		return true;
	};
	for (const line of dataLines) {
		const cells = line.split(delimiter);
		const trimmed = line.trim();
		if (trimmed.length === glued.length && trimmed.toLowerCase() === glued) continue;
		if (headerMisnames) {
			if (cells.length > 1 && cells.every((c) => known.has(cellName(c)))) continue;
		} else if (cells.length > 1 && startsWithHeader(cells)) {
			// A header may name more columns than the catalogue (custom fields): use its names.
			// lead_all_info repeats it before every row of a phone search (notes §4.1).
			header = cells.map((c) => c.trim());
			continue;
		}
		const names = header ?? columns;
		// A trailing delimiter (list_info) leaves one empty cell past the last column.
		if (cells.length === names.length + 1 && cells[cells.length - 1] === '') cells.pop();
		const values = padded.size === 0 ? cells : cells.map((cell, i) => (padded.has(names[i]) ? cell.replace(/\s+$/, '') : cell));
		rows.push(named(names, values, countsAfterFirst));
	}
	return rows;
}

/**
 * `AREACODE: 1|-5.00#PHONE: 7275551111|1||||` (check_phone_number, notes §8.7): each part is
 * `LABEL: a|b|…`, named by the catalogue's list for its label. A label the catalogue does not
 * know keeps its values under its own name, lower-cased.
 */
function partsRecord(text: string, separator: string, parts: LineFields): IDataObject {
	const record: IDataObject = {};
	for (const part of text.split(separator)) {
		const at = part.indexOf(':');
		if (at < 1) continue;
		const label = part.slice(0, at).trim();
		const values = splitValues(part.slice(at + 1).trim(), false);
		const names = parts[label];
		Object.assign(record, names ? named(names, values) : { [label.toLowerCase()]: values.join('|') });
	}
	return record;
}

function keyValueRecords(dataLines: string[], separator: string, recordStart?: RegExp): IDataObject[] {
	const records: IDataObject[] = [];
	let current: IDataObject | undefined;
	for (const line of dataLines) {
		if (recordStart && recordStart.test(line)) {
			current = {};
			records.push(current);
			continue;
		}
		const at = line.indexOf(separator);
		if (at < 0) continue;
		if (!current) {
			current = {};
			records.push(current);
		}
		const key = line.slice(0, at).trim().replace(/^<PRE>/i, '');
		current[key] = columnValue(key, line.slice(at + separator.length).trim());
	}
	return records.filter((record) => Object.keys(record).length > 0);
}

/** `VERSION: 2.14-202|BUILD: 250720-1841|DATE: …|EPOCH: …|DST: 0|TZ: -5.00|TZNOW: -5.00|` */
function versionRecord(text: string): IDataObject {
	const record: IDataObject = {};
	for (const part of text.trim().split('|')) {
		const at = part.indexOf(': ');
		if (at < 0) continue;
		const key = part.slice(0, at).trim().toLowerCase();
		record[key] = columnValue(key, part.slice(at + 2).trim());
	}
	return record;
}

/**
 * Parse a reply body the way the function's catalogue entry describes it.
 * Status lines are always recognised; the rest is read as rows, a value, key/value records
 * or text. Never throws: unexpected text comes back as rows or text for the caller to judge.
 */
export function parseReply(body: string, spec: FunctionSpec, options: ParseOptions = {}): ParsedReply {
	const allLines = body.replace(/\r\n/g, '\n').split('\n');
	while (allLines.length > 0 && allLines[allLines.length - 1].trim() === '') allLines.pop();
	const lines: StatusLine[] = [];
	const data: string[] = [];
	for (const line of allLines) {
		// A status line starts with S, E or N (STATUS); a data row skips the regular expression.
		const first = line.charCodeAt(0);
		const status = first === 83 || first === 69 || first === 78 ? parseStatusLine(line, spec) : undefined;
		if (status) lines.push(status);
		else if (line.trim() !== '') data.push(line);
	}
	const reply = spec.reply;
	switch (reply.kind) {
		case 'status':
			return { lines, rows: [] };
		case 'table':
			return { lines, rows: tableRows(data, reply, delimiterOf(options.stage, reply.delimiter ?? '|')) };
		case 'keyValue':
			return { lines, rows: keyValueRecords(data, reply.separator, reply.recordStart) };
		case 'version':
			return { lines, rows: data.length > 0 ? [versionRecord(data.join('\n'))] : [] };
		case 'parts': {
			const record = partsRecord(data.join(reply.separator), reply.separator, reply.parts);
			return { lines, rows: Object.keys(record).length > 0 ? [record] : [] };
		}
		case 'value':
			// An empty field is an empty body (lead_field_info prints the value and nothing else).
			if (data.length === 0 && lines.length === 0) return { lines, rows: [], text: '' };
			return { lines, rows: [], text: data.length > 0 ? allLines.filter((l) => !STATUS.test(l)).join('\n') : undefined };
		case 'text':
			return { lines, rows: [], text: data.length > 0 ? allLines.filter((l) => !STATUS.test(l)).join('\n') : undefined };
	}
}

export interface CheckOptions {
	node: INode;
	spec: FunctionSpec;
	parsed: ParsedReply;
	secrets: readonly string[];
	itemIndex?: number;
	/** Return a duplicate refusal as data instead of failing (add_lead with "return existing"). */
	duplicateAsData?: boolean;
	/** Return an "already exists / already gone" refusal (catalogue `alreadyDone`) as a success. */
	alreadyDoneAsSuccess?: boolean;
	/** Requests sent for this reply (1 unless retried). */
	attempts?: number;
	/**
	 * Whether a failed attempt before the last may have reached VICIdial's PHP. When the
	 * transport knows it did not (the connection was refused), a duplicate refusal after a
	 * retry is a plain duplicate. Unknown counts as "may have".
	 */
	earlierAttemptMayHaveApplied?: boolean;
}

/** Whether a line is the function's way of saying "nothing found" (`emptyOn`): zero items, no error. */
export function matchesEmpty(spec: Pick<FunctionSpec, 'emptyOn'>, line: StatusLine): boolean {
	return (spec.emptyOn ?? []).some((reason) => line.reason.startsWith(reason));
}

/**
 * What a duplicate refusal after a retry means. An earlier attempt whose answer was lost may
 * have added the lead (VICIdial then refuses the retry as a duplicate of it), or the lead
 * existed before the item ran; the reply is the same in both cases (it names the existing
 * lead_id, nothing more), so the item says it cannot be told.
 */
function ownOrExisting(attempts: number, leadId: unknown): string {
	const lead = leadId === undefined || leadId === null || leadId === '' ? 'the existing lead' : `lead ${String(leadId)}`;
	return `This item was sent ${attempts} times after an answer was lost. VICIdial's duplicate reply cannot tell whether ${lead} was added by an earlier attempt of this item or existed before it.`;
}

/**
 * Judge a parsed reply: the first `ERROR:` line becomes a NodeApiError, unless it means
 * "nothing found" for this function (zero items) or a duplicate the caller wants as data.
 * Returns the items for the workflow.
 */
export function checkReply({
	node,
	spec,
	parsed,
	secrets,
	itemIndex,
	duplicateAsData,
	alreadyDoneAsSuccess,
	attempts = 1,
	earlierAttemptMayHaveApplied,
}: CheckOptions): IDataObject[] {
	const error = parsed.lines.find((line) => line.kind === 'ERROR');
	if (error) {
		if (matchesEmpty(spec, error)) return [];
		const answer = longestPrefix(spec.answersOn, error.reason);
		if (answer) return [{ message: error.reason, ...error.fields, ...answer }];
		const done = alreadyDoneAsSuccess ? longestPrefix(spec.alreadyDone, error.reason) : undefined;
		if (done) return [{ result: done, message: error.reason, alreadyDone: true, ...error.fields }];
		if (/^DUPLICATE/.test(error.reason)) {
			// add_lead is retried only with a duplicate check (retry `whenSet`), so that a lead
			// added by a lost attempt is refused rather than added twice.
			const maybeOwn = attempts > 1 && spec.retry.kind === 'whenSet' && (earlierAttemptMayHaveApplied ?? true);
			if (duplicateAsData) {
				const unsure = maybeOwn ? { retried: true, maybeOwnLead: true, note: ownOrExisting(attempts, error.fields.lead_id) } : {};
				return [{ result: 'DUPLICATE', message: error.reason, duplicate: true, ...unsure, ...error.fields }];
			}
			if (maybeOwn) {
				// Never a success: the lead may be someone else's. The error says what is unknown.
				const failure = replyError(node, { spec, line: error, secrets, itemIndex });
				failure.description = `${ownOrExisting(attempts, error.fields.lead_id)} ${MAYBE_APPLIED}`;
				failure.context.maybeApplied = true;
				failure.context.maybeOwnLead = true;
				throw failure;
			}
		}
		// A write retried after a lost answer (add_dnc_phone, add_list, delete_fpg_phone…) is
		// refused as "already exists" or "does not exist" when the first attempt went through:
		// the state the item asked for is there, so the item succeeds and says so.
		if (attempts > 1 && spec.writes && spec.retry.kind === 'always') {
			const code = classify(`${error.reason} ${error.values.join('|')}`);
			if (code === 'duplicate' || code === 'not_found') {
				return [{ result: 'SUCCESS', message: error.reason, retried: true, alreadyApplied: true, ...error.fields }];
			}
		}
		throw replyError(node, { spec, line: error, secrets, itemIndex });
	}
	// Some refusals come as a NOTICE (update_list, update_phone: USER DOES NOT HAVE PERMISSION
	// TO DELETE …): the thing asked for did not happen, so the item fails.
	const refusal = parsed.lines.find((line) => line.kind === 'NOTICE' && /DOES NOT HAVE PERMISSION/i.test(line.reason));
	if (refusal) {
		const error = replyError(node, { spec, line: refusal, secrets, itemIndex });
		if (parsed.lines.some((line) => line.kind === 'SUCCESS')) {
			error.description = `${error.description ?? ''} Other changes in the same request were applied.`.trim();
		}
		throw error;
	}
	const items = toItems(spec, parsed);
	if (items.length === 0 && parsed.lines.some((line) => matchesEmpty(spec, line))) return [];
	if (items.length === 0 && spec.reply.kind !== 'table' && spec.reply.kind !== 'keyValue') {
		throw apiError(node, {
			code: 'server',
			fn: spec.name,
			reason: 'unrecognised reply',
			message: `${spec.name}: VICIdial sent a reply the node does not recognise`,
			// Redacted before it is cut, so the cut cannot leave half a secret for apiError to miss.
			description: redact(parsed.text ?? '', secrets).slice(0, 300) || 'The reply was empty.',
			itemIndex,
			secrets,
		});
	}
	return items;
}

function lineItem(line: StatusLine): IDataObject {
	const item: IDataObject = { result: line.kind, message: line.reason, ...line.fields };
	if (Object.keys(line.fields).length === 0 && line.values.length > 0) item.values = line.values;
	return item;
}

/** The workflow's view of a reply: one item per row, per SUCCESS line, or one for the whole reply. */
export function toItems(spec: FunctionSpec, parsed: ParsedReply): IDataObject[] {
	const reply = spec.reply;
	const notices = parsed.lines.filter((line) => line.kind === 'NOTICE').map(lineItem);
	if (reply.kind === 'value') {
		return parsed.text === undefined ? [] : [{ [reply.field]: parsed.text }];
	}
	if (reply.kind === 'text') {
		return parsed.text === undefined ? [] : [{ [reply.field]: parsed.text }];
	}
	if (reply.kind === 'status') {
		const successes = parsed.lines.filter((line) => line.kind === 'SUCCESS').map(lineItem);
		if (successes.length > 0) {
			if (notices.length > 0) successes[0].notices = notices;
			return successes;
		}
		// Some calls answer with NOTICE lines only (update_lead with only callback or hopper flags,
		// update_list's reset and delete after its NO UPDATES DEFINED preamble).
		if (notices.length === 0) return [];
		const preamble = spec.preambleNotices ?? [];
		const outcome = notices.find((notice) => !preamble.some((reason) => String(notice.message).startsWith(reason)));
		return [{ ...(outcome ?? notices[0]), notices }];
	}
	// The write half of a table function (update_alt_url ADD, update_presets DELETE) answers
	// with a SUCCESS line and no rows; a NOTICE without rows is an empty list.
	if (parsed.rows.length === 0) return parsed.lines.filter((line) => line.kind === 'SUCCESS').map(lineItem);
	// Tables and records; a status line before the rows (update_cid_group_entry INFO) is kept on each row.
	const header = parsed.lines.find((line) => line.kind === 'SUCCESS');
	return parsed.rows.map((row) => (header && Object.keys(header.fields).length > 0 ? { ...header.fields, ...row } : row));
}
