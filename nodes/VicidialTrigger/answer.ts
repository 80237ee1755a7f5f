/**
 * The DID Filter URL's answer (help_documentation.txt, inbound_dids-filter_url and
 * filter_url_did_redirect): one line, `1` for a match, `0` for none, or with Filter URL DID
 * Redirect the DID to send the call to. VICIdial waits on this request while the caller rings,
 * so the answer is the workflow's when it comes in time and is one VICIdial can route by, and
 * the safe answer otherwise: after the timeout, when the run fails, or when the last node holds
 * no usable answer.
 *
 * n8n answers in its lastNode mode (the last node's first item as JSON, or 500 "Error in
 * workflow"); the trigger holds the response object meanwhile and writes the line itself.
 * Everything n8n writes after that is dropped, so a late run cannot write twice.
 */
import { sleepWithAbort } from 'n8n-workflow';

/** Why the answer is what it is; sent as the X-VICIdial-Answer header, never a secret. */
export type AnswerSource = 'workflow' | 'timeout' | 'error' | 'invalid' | 'filtered' | 'duplicate';

export const ANSWER_SOURCE_HEADER = 'X-VICIdial-Answer';

/** Default seconds to wait for the workflow: the caller hears ringing until VICIdial has its answer. */
export const DEFAULT_ANSWER_TIMEOUT_SECONDS = 3;

/** A match flag or a DID pattern: what VICIdial can route by. Anything else gets the safe answer. */
const ROUTABLE = /^[0-9A-Za-z_.*#+-]{1,50}$/;

export function isRoutableAnswer(text: string): boolean {
	return ROUTABLE.test(text);
}

/**
 * The answer in the last node's first item as n8n sends it (its JSON), read at `field` (a dotted
 * path: `answer`, `crm.did`); a string or number, trimmed. Undefined when there is none.
 */
export function answerFrom(body: string, field: string): string | undefined {
	let value: unknown;
	try {
		value = JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
	for (const part of field.split('.').filter((name) => name !== '')) {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	return typeof value === 'string' ? value.trim() : undefined;
}

interface HeldResponse {
	statusCode: number;
	headersSent: boolean;
	writableEnded: boolean;
	getHeaderNames(): string[];
	removeHeader(name: string): void;
	setHeader(name: string, value: string | number | readonly string[]): unknown;
	writeHead(...args: unknown[]): unknown;
	write(...args: unknown[]): boolean;
	end(...args: unknown[]): unknown;
}

/** The methods through which anything is written; replaced on the instance while held. */
const WRITERS = ['setHeader', 'removeHeader', 'writeHead', 'write', 'end'] as const;

export interface FilterAnswerOptions {
	field: string;
	safeAnswer: string;
	timeoutMs: number;
	/** Told once which answer went out and why (no values beyond the answer itself). */
	onAnswer?: (source: AnswerSource, answer: string) => void;
}

/** Writes the one-line answer now: 200, text/plain, with the reason in a header. */
export function writeFilterAnswer(res: unknown, answer: string, source: AnswerSource): void {
	const out = res as HeldResponse;
	if (out.headersSent || out.writableEnded) return;
	for (const name of out.getHeaderNames()) out.removeHeader(name);
	out.statusCode = 200;
	out.setHeader('Content-Type', 'text/plain; charset=utf-8');
	out.setHeader('Content-Length', Buffer.byteLength(answer));
	out.setHeader('Cache-Control', 'no-store');
	out.setHeader(ANSWER_SOURCE_HEADER, source);
	out.end(answer);
}

/**
 * Holds `res` until n8n writes the run's answer or `timeoutMs` passes, then writes the line:
 * the answer field of a successful run when it is routable, else the safe answer. What n8n
 * writes is read, never sent; once answered, every later write is dropped.
 */
export function holdFilterAnswer(res: unknown, options: FilterAnswerOptions): void {
	const out = res as HeldResponse;
	const slots = res as Record<string, unknown>;
	const own: Record<string, unknown> = {};
	for (const name of WRITERS) own[name] = slots[name];
	const restore = () => {
		for (const name of WRITERS) delete slots[name];
		// A method the instance had of its own (not from its prototype) is put back.
		for (const name of WRITERS) if (slots[name] !== own[name]) slots[name] = own[name];
	};
	let answered = false;
	const chunks: Buffer[] = [];
	const collect = (chunk: unknown, encoding?: unknown) => {
		if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
		else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
	};
	const finish = (source: AnswerSource, answer: string) => {
		if (answered) return;
		answered = true;
		waiting.abort();
		restore();
		writeFilterAnswer(out, answer, source);
		options.onAnswer?.(source, answer);
		// n8n may still write (a late run, its error path): nothing of it is sent.
		for (const name of WRITERS) slots[name] = name === 'write' ? () => true : () => out;
	};
	const waiting = new AbortController();
	sleepWithAbort(options.timeoutMs, waiting.signal).then(
		() => finish('timeout', options.safeAnswer),
		() => undefined,
	);

	// Headers and status are kept on the object until the end; nothing reaches the socket.
	let status = 200;
	out.setHeader = () => out;
	out.removeHeader = () => undefined;
	out.writeHead = (code: unknown) => {
		if (typeof code === 'number') status = code;
		return out;
	};
	out.write = (chunk: unknown, encoding?: unknown) => {
		collect(chunk, encoding);
		return true;
	};
	out.end = (chunk?: unknown, encoding?: unknown) => {
		if (typeof chunk !== 'function') collect(chunk, encoding);
		const answer = answerFrom(Buffer.concat(chunks).toString('utf8'), options.field);
		if (Math.max(status, out.statusCode) >= 400) finish('error', options.safeAnswer);
		else if (answer === undefined || !isRoutableAnswer(answer)) finish('invalid', options.safeAnswer);
		else finish('workflow', answer);
		return out;
	};
}
