import { NodeApiError, NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { FunctionSpec } from './catalogue/types';
import type { StatusLine } from './reply';
import { redact, redactDeep } from './secrets';

/**
 * Errors with a stable code, VICIdial's own message, and no secret in any text: VICIdial
 * echoes the password in login errors (`|6666|secret|BAD|`) and the Agent API even its SQL
 * (`pass='secret'`), so every constructor here takes the run's secrets and redacts its texts
 * (secrets.ts): an error is clean from birth, as octokit's RequestError is, and a new error
 * path cannot forget. The wording of each failure lives here too, for node errors and for the
 * credential test's one line alike.
 */

export type ErrorCode = 'auth' | 'permission' | 'not_found' | 'duplicate' | 'validation' | 'locked' | 'server' | 'network';

/** The error code for a VICIdial reason text. */
export function classify(reason: string): ErrorCode {
	const text = reason.toUpperCase();
	if (/TOO MANY LOGIN ATTEMPTS|\bLOCK\b/.test(text)) return 'locked';
	if (/LOGIN INCORRECT|INVALID USERNAME\/PASSWORD|INVALID SOURCE|IP ADDRESS IS NOT ALLOWED/.test(text)) return 'auth';
	if (/PERMISSION|NOT ALLOWED|NOT ACTIVE|NOT ENABLED|DISABLED/.test(text)) return 'permission';
	if (/DUPLICATE|ALREADY EXISTS|ALREADY IN/.test(text)) return 'duplicate';
	if (/NOT FOUND|DOES NOT EXIST|NO MATCHES|NO RECORDS|NO RESULTS|NO LEADS|NO USER FOUND|INVALID USER ID|NOT LOGGED IN|NO ACTIVE CALL|NOT DEFINED|NO .* FOUND/.test(text))
		return 'not_found';
	return 'validation';
}

/**
 * The common refusals by name, finer than {@link ErrorCode}: a workflow can route on
 * `list_not_defined` where `not_found` would also catch a lead that is not there.
 */
export type Refusal = 'list_not_defined' | 'list_not_allowed' | 'duplicate' | 'invalid_phone' | 'in_dnc' | 'missing_permission' | 'agent_not_logged_in';

interface CommonRefusal {
	pattern: RegExp;
	refusal: Refusal;
	/** The one line that says what happened and what to do; undefined keeps the reading's own. */
	explain?: (reason: string) => string;
}

const DUPLICATE_SCOPE: Array<[RegExp, string]> = [
	[/IN CAMPAIGN LISTS/, "in the campaign's lists"],
	[/IN SYSTEM/, 'in the whole system'],
	[/IN LIST/, 'in this list'],
];

/** VICIdial's common refusals, each with its code and its explanation in plain words. */
const COMMON_REFUSALS: readonly CommonRefusal[] = [
	{
		pattern: /NOT A DEFINED LIST ID/,
		refusal: 'list_not_defined',
		explain: () => 'The List ID is not a list defined in VICIdial, and List Exists Check is on: create the list (Lists > Add A New List) or use an existing List ID.',
	},
	{
		pattern: /NOT AN ALLOWED LIST ID/,
		refusal: 'list_not_allowed',
		explain: () => "The list belongs to a campaign the API user's user group may not use: add the campaign to the group's Allowed Campaigns, or use another list.",
	},
	{
		pattern: /^DUPLICATE/,
		refusal: 'duplicate',
		explain: (reason) => {
			const scope = DUPLICATE_SCOPE.find(([pattern]) => pattern.test(reason))?.[1] ?? 'where Duplicate Check looks';
			return `A matching lead already exists ${scope}, so Duplicate Check refused to add another: the existing lead_id is in the message; set On Duplicate to "Return the Existing Lead" to get it as an item.`;
		},
	},
	{
		pattern: /INVALID PHONE NUMBER/,
		refusal: 'invalid_phone',
		explain: (reason) =>
			/PREFIX|AREACODE|NANPA/.test(reason)
				? 'VICIdial refused the phone number: with a USA/Canada prefix, area code or NANPA check on, the number must be a valid North American number (a real area code, a prefix not starting with 0 or 1).'
				: 'VICIdial refused the phone number: it must be 6-16 digits without the country code (put that in Phone Code).',
	},
	{
		pattern: /PHONE NUMBER IN (CAMPAIGN )?DNC/,
		refusal: 'in_dnc',
		explain: (reason) =>
			`The number is on the ${/CAMPAIGN/.test(reason) ? "campaign's" : 'system'} DNC list and the DNC check is on, so VICIdial did not take it: remove it from the DNC list first if the customer agreed.`,
	},
	{ pattern: /PERMISSION|NOT ALLOWED TO/, refusal: 'missing_permission' },
	{
		pattern: /NOT LOGGED IN/,
		refusal: 'agent_not_logged_in',
		explain: () => 'The agent is not logged in to the VICIdial agent screen (vicidial.php): log the agent in, or check the Agent User.',
	},
];

/** What a refusal means, in words: the node error's description, and the credential test's line. */
export interface ReasonReading {
	code: ErrorCode;
	/** The common refusal this is (COMMON_REFUSALS), when it is one. */
	refusal?: Refusal;
	/** What to check; undefined where VICIdial's reason says it all (a duplicate, a bad value). */
	description?: string;
	/** The same in one line, for the credential test (the description without its aside). */
	summary?: string;
}

/**
 * Read a VICIdial refusal (`ERROR:` or a refusing `NOTICE:` line) for the function that got it.
 * `user` names the API user where the reader knows it (the credential test); a node error
 * says "the API user". Pure; never throws.
 */
export function describeReason(spec: Pick<FunctionSpec, 'name' | 'api' | 'permission'>, line: StatusLine, user = ''): ReasonReading {
	const reading = readReason(spec, line, user);
	if (reading.code === 'auth' || reading.code === 'locked') return reading;
	const reason = line.reason.toUpperCase();
	const common = COMMON_REFUSALS.find((entry) => entry.pattern.test(reason));
	if (!common) return reading;
	// A reading of its own (the permission a function needs, the Agent API's login hint) stays.
	const description = reading.description ?? common.explain?.(reason);
	return { ...reading, refusal: common.refusal, ...(description ? { description } : {}) };
}

function readReason(spec: Pick<FunctionSpec, 'name' | 'api' | 'permission'>, line: StatusLine, user: string): ReasonReading {
	const code = classify(`${line.reason} ${line.values.join('|')}`);
	const who = user ? `User ${user}` : 'The API user';
	const reason = line.reason.toUpperCase();
	// Agent API login errors carry `|user|pass|auth|api_access|…|`: auth 1 with api_access 0
	// means the password was right but the user lacks "Agent API Access".
	if (reason.startsWith('INVALID USERNAME/PASSWORD') && line.values[2] === '1' && line.values[3] === '0') {
		return { code, description: `${who} has no Agent API access: set "Agent API Access" to 1 on the user in VICIdial.` };
	}
	switch (code) {
		case 'locked':
			return { code, description: `${who} is locked for 15 minutes after 10 failed logins. Wait, then check the password.` };
		case 'auth':
			if (reason.includes('IP ADDRESS IS NOT ALLOWED')) return { code, description: "VICIdial refused this n8n server's IP address (user group API IP list)" };
			if (reason.includes('INVALID SOURCE')) return { code, description: "VICIdial refused the credential's Source: it must be 2-20 characters" };
			if (line.values.includes('2FA')) return { code, description: 'Login refused: two-factor authentication is on for this user; API users need 2FA disabled' };
			return {
				code,
				description: `Login refused${user ? ` for ${user}` : ''}: wrong user or password, an inactive user${
					spec.api === 'nonAgent' ? ', or user level below 7 (the Non-Agent API needs level 7 or higher)' : ''
				}`,
			};
		case 'permission':
			// `auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION`: the login is fine, the
			// function is missing from the user's allowed list.
			if (line.fn === 'auth') {
				const summary = `${who} may not use ${spec.name}: add it (or ALL_FUNCTIONS) to the user's Allowed API Functions`;
				return { code, summary, description: `${summary} (api_allowed_functions).` };
			}
			if (spec.permission) {
				return { code, description: `${who} needs: ${spec.permission}. Also check the user's "Allowed API Functions" (api_allowed_functions).` };
			}
			return { code };
		case 'not_found':
			if (spec.api === 'agent' && /NO USER FOUND/.test(reason)) {
				return { code, description: 'The Agent User names no VICIdial user: give the user ID the agent logs in to the agent screen with.' };
			}
			if (spec.api === 'agent' && /NOT LOGGED IN/.test(reason)) {
				return { code, description: 'The agent must be logged in to the VICIdial agent screen (vicidial.php) for Agent API calls.' };
			}
			return { code };
		default:
			return { code };
	}
}

/**
 * A failure in words. `message` and `description` make a node error; `summary` is the one
 * line a credential test shows, where n8n has no room for a description.
 */
export interface Problem {
	code: ErrorCode;
	message: string;
	description: string;
	summary: string;
}

/** A problem whose summary is the message plus what to check (a lower-case clause). */
function problem(code: ErrorCode, message: string, check: string): Problem {
	return { code, message, description: `${check.charAt(0).toUpperCase()}${check.slice(1)}.`, summary: `${message}: ${check}` };
}

/** Certificate failures, by the codes Node and axios give them. */
export const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

/** A network failure (`code` as {@link networkCodeOf} reads it, '' when none) talking to `url`. */
export function describeNetwork(code: string, url: string): Problem {
	if (TLS_CODE.test(code)) {
		return problem('network', `TLS failure talking to ${url} (${code})`, 'the certificate was refused: fix it, or turn on "Ignore SSL Issues" in the credential for a self-signed one');
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT') {
		return problem('network', `VICIdial did not answer in time (${url})`, 'check the server load and the network in between');
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return problem('network', `Server name not found for ${url}`, 'check the Server URL');
	if (code === 'ECONNREFUSED') return problem('network', `Nothing answers at ${url} (connection refused)`, 'check the Server URL and port');
	const unreachable = problem('network', `Cannot reach ${url} (${code || 'network error'})`, 'check the Server URL, that the server is up, and any firewall or proxy in between');
	// A node error names VICIdial (the workflow shows the message alone); the test's line is about the URL.
	return { ...unreachable, message: `Cannot reach VICIdial at ${url} (${code || 'network error'})` };
}

/**
 * An HTTP status that is no VICIdial answer: 5xx (PHP or the web server failed), 404 (no API
 * at this path), 401/403 (a proxy in front refused). Undefined for any other status, whose
 * body is VICIdial's text.
 */
export function describeStatus(status: number, url: string, api: FunctionSpec['api'], body: string): Problem | undefined {
	if (status >= 500) {
		const empty = body.trim() === '';
		return {
			code: 'server',
			message: `VICIdial answered HTTP ${status}${empty ? ' with an empty body' : ''}`,
			description: empty
				? 'PHP stopped with an error (for example a database error, or lead_field_info with an unknown field name).'
				: 'The web server reported an error.',
			summary: `VICIdial answered HTTP ${status}: the server has an error`,
		};
	}
	if (status === 404) {
		return {
			code: 'network',
			message: `HTTP 404 from ${url}`,
			description: 'No VICIdial API at this address. Check the server URL and the API paths in the credential.',
			summary: `No VICIdial ${api === 'agent' ? 'Agent' : 'Non-Agent'} API at ${url} (HTTP 404): check the Server URL and the API path`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			code: 'auth',
			message: `HTTP ${status} from ${url}`,
			description: 'A proxy or the web server refused the request. Check the Proxy Basic Auth settings in the credential.',
			summary: `${url} refused the request (HTTP ${status}): check the Proxy Basic Auth settings`,
		};
	}
	return undefined;
}

/** n8n's descriptive messages for network codes (NodeApiError replaces the code by these). */
const DESCRIBED_CODES: Array<[RegExp, string]> = [
	[/refused the connection|ECONNREFUSED/i, 'ECONNREFUSED'],
	[/closed unexpectedly|socket hang up|ECONNRESET/i, 'ECONNRESET'],
	[/incorrect host|ENOTFOUND|getaddrinfo/i, 'ENOTFOUND'],
	[/timeout of \d+ms exceeded|timed out|ETIMEDOUT/i, 'ETIMEDOUT'],
	[/aborted|ECONNABORTED/i, 'ECONNABORTED'],
	[/self[- ]signed|certificate|CERT_|SSL|TLS/i, 'CERT_INVALID'],
	[/EHOSTUNREACH|host is unreachable/i, 'EHOSTUNREACH'],
];

/**
 * The low-level network code of a request helper's error ('' when none is found). n8n's
 * NodeApiError swaps the axios code for a sentence ("The connection was aborted, …") and keeps
 * the original text in `messages`, so both the codes and those texts are read.
 */
export function networkCodeOf(error: unknown): string {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, message, messages } = current as { code?: unknown; message?: unknown; messages?: unknown };
		if (typeof code === 'string' && /^[A-Z][A-Z_0-9]+$/.test(code)) return code;
		if (typeof message === 'string') texts.push(message);
		if (Array.isArray(messages)) texts.push(...messages.filter((m): m is string => typeof m === 'string'));
		current = (current as { cause?: unknown }).cause;
	}
	// The original messages come first: "timeout of 300ms exceeded" beats n8n's "aborted".
	const ordered = [...texts.slice(1), texts[0] ?? ''];
	for (const text of ordered) {
		const code = /\b(E[A-Z]{3,}|[A-Z_]*CERT[A-Z_]*)\b/.exec(text)?.[1];
		if (code) return code;
		for (const [pattern, described] of DESCRIBED_CODES) if (pattern.test(text)) return described;
	}
	return '';
}

export interface ReplyErrorInput {
	spec: FunctionSpec;
	line: StatusLine;
	secrets: readonly string[];
	itemIndex?: number;
}

/**
 * The NodeApiError for an `ERROR:` line: message `<function>: <REASON>`, a description that
 * says what to check, and `code`/`function`/`reason` in the error's cause for routing.
 */
export function replyError(node: INode, { spec, line, secrets, itemIndex }: ReplyErrorInput): NodeApiError {
	const { code, description, refusal } = describeReason(spec, line);
	const detail = line.values.filter((v) => v !== '').join('|');
	const message = `${spec.name}: ${line.reason}${detail ? ` (${detail})` : ''}`;
	const error = apiError(node, { code, fn: spec.name, reason: line.reason, message, description, itemIndex, secrets });
	if (refusal) error.context.refusal = refusal;
	return error;
}

/** Said of a write that failed in transit and was not repeated. */
export const MAYBE_APPLIED = 'The request may or may not have been applied: check VICIdial before repeating it.';

export interface ApiErrorInput {
	code: ErrorCode;
	fn: string;
	reason: string;
	message: string;
	description?: string;
	httpCode?: string;
	itemIndex?: number;
	/** A write that may have happened: the description says so, and `context.maybeApplied` is set. */
	maybeApplied?: boolean;
	/** The run's secrets (secrets.ts): removed from the message, reason and description here. */
	secrets: readonly string[];
}

/**
 * A NodeApiError built fresh from our own fields: nothing of the HTTP client's error is kept,
 * and every text is redacted before the error exists.
 */
export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const clean = (text: string) => redact(text, input.secrets);
	const message = clean(input.message);
	const cause: JsonObject = { code: input.code, function: input.fn, reason: clean(input.reason) };
	const description = input.description === undefined ? undefined : clean(input.description);
	const error = new NodeApiError(node, cause, {
		message,
		description: input.maybeApplied ? `${description ?? ''} ${MAYBE_APPLIED}`.trim() : description,
		httpCode: input.httpCode,
		itemIndex: input.itemIndex,
	});
	// setDescriptiveErrorMessage may replace a message that contains an HTTP code; keep ours.
	error.message = message;
	error.context.code = input.code;
	error.context.function = input.fn;
	// What a continue-on-fail item carries as `explanation` (n8n fills a missing description in).
	if (description) error.context.explanation = description;
	if (input.maybeApplied) error.context.maybeApplied = true;
	return error;
}

/**
 * A NodeOperationError for input refused before sending, redacted like every error here: a
 * validation message quotes the value it refuses, which can be a password.
 */
export function inputError(node: INode, secrets: readonly string[], message: string, itemIndex: number, description?: string): NodeOperationError {
	const clean = (text: string) => redact(text, secrets);
	const error = new NodeOperationError(node, clean(message), { itemIndex, description: description === undefined ? undefined : clean(description) });
	error.context.code = 'validation';
	return error;
}

/** The code of an error made by this module, or undefined. */
export function errorCode(error: unknown): ErrorCode | undefined {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return error.context.code as ErrorCode | undefined;
	}
	return undefined;
}

export interface FailedItemInput {
	/** The input item that failed, by index. */
	input: IDataObject;
	itemIndex: number;
	error: Error;
	/** The text shown as `error` (the error's message unless the caller adds to it). */
	message?: string;
	/** The VICIdial function (or node operation) the item ran, when known. */
	fn?: string;
	secrets: readonly string[];
	/** "On Error: Continue (using error output)" rather than the regular output. */
	errorOutput: boolean;
}

/**
 * The item a failed input becomes under "continue on fail". On the regular output it keeps the
 * input's keys (which lead, which row of the sheet) and adds what went wrong. n8n's error output
 * takes only an item whose JSON is `error` and `message` (an item with an `error` object loses
 * every other key) and adds the input's keys back itself, so `message` carries the rest there.
 */
export function failedItem({ input, itemIndex, error, message = error.message, fn, secrets, errorOutput }: FailedItemInput): INodeExecutionData {
	const { explanation, refusal } = error instanceof NodeApiError ? error.context : ({} as IDataObject);
	const code = errorCode(error) ?? 'server';
	if (errorOutput) {
		const why = typeof explanation === 'string' ? redact(explanation, secrets) : (fn ?? '');
		const detail = `${code}${typeof refusal === 'string' ? ` (${refusal})` : ''}: ${why}`.replace(/: $/, '');
		return { json: { error: redact(message, secrets), message: detail }, pairedItem: { item: itemIndex } };
	}
	return {
		json: {
			...(redactDeep(input, secrets) as IDataObject),
			error: redact(message, secrets),
			code,
			...(typeof refusal === 'string' ? { refusal } : {}),
			...(typeof explanation === 'string' ? { explanation: redact(explanation, secrets) } : {}),
			...(fn ? { function: fn } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}
