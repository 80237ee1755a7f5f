import type { HandlerContext } from '../context.cjs';
import type { SimState } from '../state.cjs';
import { arg } from './php.cjs';

/**
 * Pieces the admin, status and picker functions of non_agent_api.php share: how a reply line
 * is printed and how an update function checks its optional settings (inputs, permissions and
 * the campaign filter are in php.cts, shared with the lead functions).
 * The texts are those of the PHP (2.14, see vicidial-api-notes.md §2 and §4).
 */

/** `ERROR: <reason>: |<user>|<data>`: the form of almost every error and of the permission checks. */
export function pipeLine(result: 'ERROR' | 'NOTICE' | 'SUCCESS', reason: string, user: string, data: string): string {
	return `${result}: ${reason}: |${user}|${data}\n`;
}

/** `SUCCESS: <reason> - <user>|<data>`: the form of most success lines and some notices. */
export function dashLine(result: 'ERROR' | 'NOTICE' | 'SUCCESS', reason: string, user: string, data: string): string {
	return `${result}: ${reason} - ${user}|${data}\n`;
}

/** A campaign setting kept under the index signature (closer_campaigns, web_form_address…). */
export function setting(record: { [key: string]: unknown }, name: string): string {
	const value = record[name];
	return typeof value === 'string' ? value : '';
}

/** `--BLANK--` empties a field in the update functions. */
export const BLANK = '--BLANK--';

/** The server list of the `servers` table, used by the functions that take a server_ip. */
export function serverExists(state: SimState, serverIp: string): boolean {
	return state.admin.servers.some((server) => server.server_ip === serverIp);
}

/** PHP compares a numeric string with `>`/`<` as a number; a non-number fails every range here. */
export function outOfRange(value: string, min: number, max: number): boolean {
	const n = Number(value);
	return !Number.isFinite(n) || n < min || n > max;
}

/** The error suffix of every optional field of the update functions. */
export const OPTIONAL = ', THIS IS AN OPTIONAL FIELD';

/** One optional setting of an update function; a list of them is checked in the PHP's order. */
export interface Rule {
	/** The request parameter; absent or empty means "leave as is". */
	param: string;
	/** The column it sets, when not named like the parameter. */
	column?: string;
	/** The error reason after the function name. */
	reason: string;
	valid: (value: string) => boolean;
	/** `--BLANK--` empties the column instead of being checked. */
	blankable?: boolean;
	/** What the error prints after `|user|`, when not the value itself. */
	data?: (value: string) => string;
	/** The value stored, when not the one sent. */
	store?: (value: string) => string;
	/** The function name printed instead of the caller's (a PHP line copied from another function). */
	fn?: string;
}

/** Applies `rules` in order: the first failing one gives the error line, else the columns to set. */
export function applyRules(ctx: HandlerContext, fn: string, rules: Rule[]): { error: string } | { set: Record<string, string> } {
	const set: Record<string, string> = {};
	for (const rule of rules) {
		const value = arg(ctx, rule.param);
		if (value.length < 1) continue;
		const column = rule.column ?? rule.param;
		if (rule.blankable && value === BLANK) {
			set[column] = '';
			continue;
		}
		if (!rule.valid(value)) {
			return { error: pipeLine('ERROR', `${rule.fn ?? fn} ${rule.reason}`, ctx.apiUser.user, rule.data ? rule.data(value) : value) };
		}
		set[column] = rule.store ? rule.store(value) : value;
	}
	return { set };
}

/** Rule checks: a length between two bounds, one of some values, a pattern, a numeric range. */
export const lengthIn = (min: number, max: number) => (value: string) => value.length >= min && value.length <= max;
export const oneOf =
	(...values: string[]) =>
	(value: string) =>
		values.includes(value);
export const matching = (pattern: RegExp) => (value: string) => pattern.test(value);
export const within = (min: number, max: number) => (value: string) => !outOfRange(value, min, max);
