import {
	sleep,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import type { FunctionSpec } from './catalogue/types';
import { apiError, describeNetwork, describeStatus, networkCodeOf, TLS_CODE } from './errors';
import { parseReply, type ParsedReply } from './reply';
import { credentialSecrets } from './secrets';

/**
 * The one door to VICIdial. Parameters go as an `application/x-www-form-urlencoded` POST
 * body through n8n's helpers (credential injection, proxy, TLS settings); both APIs read POST
 * (n8n-notes.md, last section), so credentials never appear in a URL.
 */

export const CREDENTIAL = 'vicidialApi';

export const DEFAULT_PATHS = { nonAgent: '/vicidial/non_agent_api.php', agent: '/agc/api.php' } as const;

export interface RequestSettings {
	/** Per-attempt timeout. */
	timeoutMs: number;
	/** Attempts in all, for functions whose retry policy allows a repeat. */
	maxAttempts: number;
	/** First back-off; doubled per attempt, capped at 8 s. */
	backoffMs: number;
}

export const DEFAULT_SETTINGS: RequestSettings = { timeoutMs: 30_000, maxAttempts: 3, backoffMs: 500 };

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface VicidialCredentials {
	baseUrl: string;
	apiUser: string;
	password: string;
	source: string;
	nonAgentPath: string;
	agentPath: string;
	ignoreSslIssues: boolean;
	basicAuth: boolean;
	basicAuthUser: string;
	basicAuthPassword: string;
	/** The decrypted data as n8n gave it, handed back to n8n's authenticate on each request. */
	data: ICredentialDataDecryptedObject;
}

/** Credential data with defaults filled in. */
export function readCredentials(data: ICredentialDataDecryptedObject): VicidialCredentials {
	const text = (key: string, fallback = '') => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : fallback);
	return {
		baseUrl: text('baseUrl').replace(/\/+$/, ''),
		apiUser: text('apiUser'),
		password: text('password'),
		source: text('source', 'n8n'),
		nonAgentPath: text('nonAgentPath', DEFAULT_PATHS.nonAgent),
		agentPath: text('agentPath', DEFAULT_PATHS.agent),
		ignoreSslIssues: data.ignoreSslIssues === true,
		basicAuth: data.basicAuth === true,
		basicAuthUser: text('basicAuthUser'),
		basicAuthPassword: text('basicAuthPassword'),
		data,
	};
}

/** A parameter every request carries besides the function's own, with how to name it to a user. */
export interface SentAlong {
	label: string;
	value: string;
}

/** The credential's parameters as they travel in each request (authenticate adds user and pass). */
export function sentAlong(credentials: VicidialCredentials): Record<string, SentAlong> {
	return {
		user: { label: "The credential's API User", value: credentials.apiUser },
		pass: { label: "The credential's Password", value: credentials.password },
		source: { label: "The credential's Source", value: credentials.source },
	};
}

export function endpointOf(credentials: VicidialCredentials, api: FunctionSpec['api']): string {
	const path = api === 'agent' ? credentials.agentPath : credentials.nonAgentPath;
	return `${credentials.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Whether a failed attempt may be repeated without applying the function twice. */
export function mayRetry(spec: FunctionSpec, params: Readonly<Record<string, string>>): boolean {
	const policy = spec.retry;
	if (policy.kind === 'always') return true;
	if (policy.kind === 'never') return false;
	return policy.params.some((name) => (params[name] ?? '') !== '');
}

/**
 * On PHP 8.1+ VICIdial's own api_log INSERT is not escaped, so a lead holding an apostrophe
 * (O'Brien) makes lead_all_info and lead_field_info answer HTTP 500 every time (notes §8.10).
 */
const APOSTROPHE_HINT =
	"If the lead's data holds an apostrophe (O'Brien), this is a known fault of VICIdial on PHP 8: its own API log insert fails; it repeats on every try, so fix the lead's data (or the server), not the workflow.";

function readsLead(spec: FunctionSpec): boolean {
	return !spec.writes && spec.fields.some((field) => field.name === 'lead_id' || field.name === 'phone_number');
}

/** Failures that happen before a request can reach the server: nothing was applied. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$|CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

/**
 * The request body, in the order VICIdial needs. Both PHP scripts leave `$value` holding the
 * last POST field when a request has no `value` of its own, then log it, and external_add_lead
 * even dials it (notes §8.1): with the credential last, VICIdial stored the password as a
 * phone number. So source, user and pass come first (the credential's `authenticate` assigns
 * `user` and `pass` in place, which keeps their position), the function's own parameters
 * follow, and `value` (empty where the function has none) is always the last field.
 */
export function formBody(spec: Pick<FunctionSpec, 'name' | 'noAuth'>, params: Readonly<Record<string, string>>, source: string): IDataObject {
	const body: IDataObject = { source };
	if (spec.noAuth !== true) {
		body.user = '';
		body.pass = '';
	}
	body.function = spec.name;
	for (const [name, value] of Object.entries(params)) if (name !== 'value') body[name] = value;
	body.value = params.value ?? '';
	return body;
}

type Attempt =
	| { kind: 'reply'; status: number; body: string }
	| { kind: 'network'; code: string };

export interface CallInput {
	spec: FunctionSpec;
	params: Readonly<Record<string, string>>;
	credentials: VicidialCredentials;
	settings?: Partial<RequestSettings>;
	itemIndex?: number;
}

export interface CallResult {
	body: string;
	parsed: ParsedReply;
	/** How many requests were sent (1 unless retried). */
	attempts: number;
	/** Whether an earlier, failed attempt may have reached PHP (false when each was refused before sending). */
	earlierAttemptMayHaveApplied: boolean;
}

/**
 * Send one function call and return the parsed reply. Network errors, timeouts and HTTP 5xx
 * are retried with back-off only where the catalogue says a repeat cannot apply twice;
 * otherwise the error says the request may or may not have been applied. `ERROR:` lines are
 * not judged here (see `checkReply` in reply.ts).
 */
export async function callVicidial(this: RequestContext, input: CallInput): Promise<CallResult> {
	const { spec, params, credentials } = input;
	const settings = { ...DEFAULT_SETTINGS, ...input.settings };
	const node = this.getNode();
	const url = endpointOf(credentials, spec.api);
	const secrets = credentialSecrets(credentials);
	const retryable = mayRetry(spec, params);
	const attemptsAllowed = retryable ? Math.max(1, settings.maxAttempts) : 1;

	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/plain, text/html, */*' },
		body: formBody(spec, params, credentials.source),
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
		encoding: 'text',
		skipSslCertificateValidation: credentials.ignoreSslIssues,
	};
	if (credentials.basicAuth) options.auth = { username: credentials.basicAuthUser, password: credentials.basicAuthPassword };
	// The credential was read once for the run: n8n's authenticate gets it as it is instead of
	// reading and decrypting the credential row again for every item (issue 11).
	const reference = node.credentials?.[CREDENTIAL];
	const decrypted: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL, data: credentials.data },
	};

	let last: Attempt | undefined;
	let attempts = 0;
	// Whether any attempt may have reached PHP: a write is then possibly applied, whatever the
	// last attempt says (retried add_leads whose answers were lost had often created the lead).
	let reached = false;
	for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
		attempts = attempt;
		if (attempt > 1) await sleep(Math.min(settings.backoffMs * 2 ** (attempt - 2), 8_000));
		const previous = last;
		last = await send.call(this, options, spec.noAuth === true ? undefined : decrypted, settings.timeoutMs);
		const failed = last.kind === 'network' || last.status >= 500;
		if (!failed) break;
		if (last.kind === 'reply' || !NOT_SENT.test(last.code)) reached = true;
		// A TLS or DNS failure will not heal in a second; don't hammer a locked-down server.
		if (last.kind === 'network' && (TLS_CODE.test(last.code) || last.code === 'ENOTFOUND')) break;
		// The same HTTP 500 twice is PHP failing the same way again (an apostrophe in the lead
		// on PHP 8, notes §8.10), not a passing fault: a third try would only repeat it.
		if (last.kind === 'reply' && previous?.kind === 'reply' && previous.status === last.status && previous.body === last.body) break;
	}
	const maybeApplied = spec.writes && reached;

	if (!last || last.kind === 'network') {
		const code = last?.code ?? '';
		const { message, description } = describeNetwork(code, url);
		throw apiError(node, {
			code: 'network',
			fn: spec.name,
			reason: code,
			message: `${spec.name}: ${message}`,
			description,
			maybeApplied,
			itemIndex: input.itemIndex,
			secrets,
		});
	}
	const status = describeStatus(last.status, url, spec.api, last.body);
	if (status) {
		const server = status.code === 'server';
		throw apiError(node, {
			code: status.code,
			fn: spec.name,
			reason: `HTTP ${last.status}`,
			message: `${spec.name}: ${status.message}`,
			description: server && readsLead(spec) ? `${status.description} ${APOSTROPHE_HINT}` : status.description,
			// A 404 or a proxy's 401/403 never reached VICIdial's PHP.
			maybeApplied: server && maybeApplied,
			httpCode: String(last.status),
			itemIndex: input.itemIndex,
			secrets,
		});
	}
	return { body: last.body, parsed: parseReply(last.body, spec, { stage: params.stage }), attempts, earlierAttemptMayHaveApplied: reached };
}

/** An attempt's deadline: when it passes, `expire` ends the attempt as ETIMEDOUT. */
interface Deadline {
	/** On the monotonic clock (performance.now): a wall-clock step neither fires nor holds it. */
	at: number;
	expire: () => void;
}

/**
 * The deadlines of the attempts in flight, all runs of this process together, and one shared
 * ticker that expires them (issue 11). A timer per attempt, aborted when the attempt settled,
 * built an AbortSignal, a DOMException and a cancellation error with a stack for every
 * request (0.06-0.08 ms an item at 0 ms dialer latency); now a settled attempt only leaves the
 * set. The ticker sleeps to the earliest deadline, but never longer than `TICK_MS`, so that no
 * timer outlives the last attempt by more than that (n8n's `sleep` cannot be cancelled), and
 * stops when the set is empty. A deadline fires no earlier than the old timer did, and as late
 * as a busy event loop lets any timer fire.
 */
const deadlines = new Set<Deadline>();
const TICK_MS = 500;
/** When the ticker wakes next (infinity: it is not running). */
let wakeAt = Number.POSITIVE_INFINITY;

function armTicker(at: number): void {
	if (at >= wakeAt) return;
	wakeAt = at;
	void sleep(Math.max(0, at - performance.now())).then(() => {
		// An earlier wake took over, and arms the next itself.
		if (wakeAt !== at) return;
		wakeAt = Number.POSITIVE_INFINITY;
		const now = performance.now();
		let next = Number.POSITIVE_INFINITY;
		for (const deadline of deadlines) {
			if (deadline.at <= now) {
				deadlines.delete(deadline);
				deadline.expire();
			} else if (deadline.at < next) next = deadline.at;
		}
		if (next !== Number.POSITIVE_INFINITY) armTicker(Math.min(next, now + TICK_MS));
	});
}

/**
 * One attempt. `timeoutMs` is a deadline for the whole exchange: n8n's `timeout` only fires
 * when the socket goes idle, so a server trickling a byte every 300 ms held an item for 21 s
 * with the timeout at 1 s. The request helper takes no abort signal of ours (n8n sets its own
 * execution-cancel signal), so the attempt races its deadline on the shared ticker above.
 */
async function send(
	this: RequestContext,
	options: IHttpRequestOptions,
	auth: IAdditionalCredentialOptions | undefined,
	timeoutMs: number,
): Promise<Attempt> {
	const deadline: Deadline = { at: performance.now() + timeoutMs, expire: () => undefined };
	const expired = new Promise<Attempt>((resolve) => {
		deadline.expire = () => resolve({ kind: 'network', code: 'ETIMEDOUT' });
	});
	deadlines.add(deadline);
	armTicker(Math.min(deadline.at, performance.now() + TICK_MS));
	try {
		return await Promise.race([exchange.call(this, options, auth), expired]);
	} finally {
		deadlines.delete(deadline);
	}
}

/** `auth` undefined: a function VICIdial answers without a login (version). */
async function exchange(this: RequestContext, options: IHttpRequestOptions, auth: IAdditionalCredentialOptions | undefined): Promise<Attempt> {
	try {
		const response = (auth === undefined
			? await this.helpers.httpRequest({ ...options })
			: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, { ...options }, auth)) as {
			statusCode: number;
			body: unknown;
		};
		const body = typeof response.body === 'string' ? response.body : response.body === undefined || response.body === null ? '' : String(response.body);
		return { kind: 'reply', status: response.statusCode, body };
	} catch (error) {
		return { kind: 'network', code: networkCodeOf(error) };
	}
}

/** A file as the web server answered it: status, headers and the body, not yet read. */
export interface FileResponse {
	statusCode: number;
	headers: Readonly<Record<string, unknown>>;
	/** The body stream, as n8n's binary helpers take it. */
	body: Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
}

export interface FileRequest {
	url: string;
	/** HTTP basic auth, only ever for the credential's own server (download.ts decides). */
	auth?: { username: string; password: string };
	timeoutMs: number;
	maxAttempts: number;
	ignoreSslIssues: boolean;
}

/**
 * GET a file as a stream (a recording under /RECORDINGS/), so a long call's recording is never
 * held whole in memory: n8n's binary helpers write the stream to its binary store (memory,
 * filesystem or S3). A GET of a file changes nothing, so network errors and HTTP 5xx are retried
 * with the same back-off as the API. The body of a failed attempt is dropped unread.
 *
 * @returns the last answer, whatever its status (the caller explains 401 and 404), or the
 *   network error code (`ECONNREFUSED`, `ETIMEDOUT`) when no attempt got an answer
 */
export async function fetchFile(
	this: IExecuteFunctions,
	request: FileRequest,
): Promise<{ kind: 'response'; response: FileResponse } | { kind: 'network'; code: string }> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: request.url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs,
		skipSslCertificateValidation: request.ignoreSslIssues,
		...(request.auth ? { auth: request.auth } : {}),
	};
	let networkCode = '';
	const attempts = Math.max(1, request.maxAttempts);
	for (let attempt = 1; attempt <= attempts; attempt++) {
		if (attempt > 1) await sleep(Math.min(DEFAULT_SETTINGS.backoffMs * 2 ** (attempt - 2), 8_000));
		try {
			const response = (await this.helpers.httpRequest(options)) as FileResponse;
			if (response.statusCode < 500 || attempt === attempts) return { kind: 'response', response };
			(response.body as { resume?: () => void }).resume?.();
		} catch (error) {
			networkCode = networkCodeOf(error);
			if (TLS_CODE.test(networkCode) || networkCode === 'ENOTFOUND') break;
		}
	}
	return { kind: 'network', code: networkCode };
}
