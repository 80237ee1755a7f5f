import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import type { FunctionSpec } from './catalogue/types';
import type { StatusLine } from './reply';
import { redact } from './secrets';

/**
 * Errors with a stable code, VICIdial's own message, and no secret in any text: VICIdial
 * echoes the password in login errors (`|6666|secret|BAD|`) and the Agent API even its SQL
 * (`pass='secret'`), so every constructor here takes the run's secrets and redacts its texts
 * (secrets.ts): an error is clean from birth, as octokit's RequestError is, and a new error
 * path cannot forget.
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

const HINTS: Partial<Record<ErrorCode, string>> = {
	auth: 'Check the API user and password in the VICIdial credential. The Non-Agent API also needs user level 7 or higher.',
	locked: 'VICIdial locks a user for 15 minutes after 10 failed logins. Wait, then check the password.',
	network: 'VICIdial could not be reached. Check the server URL, that the server is up, and any firewall or proxy in between.',
	server: 'VICIdial answered with a server error (PHP crashed or the database failed). The request may or may not have been applied.',
};

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
	const code = classify(`${line.reason} ${line.values.join('|')}`);
	const detail = line.values.filter((v) => v !== '').join('|');
	const message = `${spec.name}: ${line.reason}${detail ? ` (${detail})` : ''}`;
	let description = HINTS[code];
	if (code === 'permission' && spec.permission) {
		description = `The API user needs: ${spec.permission}. Also check the user's "Allowed API Functions" (api_allowed_functions).`;
	}
	if (code === 'not_found' && spec.api === 'agent' && /NO USER FOUND/i.test(line.reason)) {
		description = 'The Agent User names no VICIdial user: give the user ID the agent logs in to the agent screen with.';
	}
	if (code === 'not_found' && /NOT LOGGED IN/i.test(line.reason)) {
		description = 'The agent must be logged in to the VICIdial agent screen (vicidial.php) for Agent API calls.';
	}
	// Agent API login errors carry `|user|pass|auth|api_access|…|`: auth 1 with api_access 0
	// means the password was right but the user lacks "Agent API Access".
	if (/INVALID USERNAME\/PASSWORD/i.test(line.reason) && line.values[2] === '1' && line.values[3] === '0') {
		description = 'The API user has no Agent API access: set "Agent API Access" to 1 on the user in VICIdial.';
	}
	return apiError(node, { code, fn: spec.name, reason: line.reason, message, description, itemIndex, secrets });
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
