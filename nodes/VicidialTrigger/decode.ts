/**
 * The request n8n hands the trigger, read into plain values: the query and the form body as
 * sent (verification compares and signs them), the media type, and the body decoded for
 * `parseCallout()` or refused with a status. Pure apart from `readUnreadBody()`, which asks n8n
 * for the bytes it left unread.
 */
import type { IDataObject } from 'n8n-workflow';

import { type ParsedBody, parsePairs, type TextEncoding, textEncodingOf } from './parse';

/**
 * What the trigger reads of the request n8n hands over: express adds `originalUrl`, n8n's
 * rawBodyReader middleware adds `rawBody` and `readRawBody()`.
 */
export interface IncomingRequest {
	method?: string;
	url?: string;
	originalUrl?: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	/** Reads the body once into `rawBody` (n8n 2.x, middlewares/body-parser). */
	readRawBody?: () => Promise<void>;
	socket?: { remoteAddress?: string };
}

/** The request as plain values, before anything is trusted. */
export interface DecodedRequest {
	method: string;
	/** The path as received, without the query. */
	path: string;
	/** The query string exactly as received, without `?`; undefined when n8n gave no URL to read. */
	rawQuery: string | undefined;
	/** Query parameters in arrival order, repeated names kept. */
	query: Array<[string, string]>;
	/** `application/json` for `Application/JSON; charset=utf-8`; '' without a Content-Type. */
	mediaType: string;
	rawBody: Buffer;
	/** The parameters of a form body; [] for any other body. */
	form: Array<[string, string]>;
}

export type BodyResult =
	| { ok: true; body: ParsedBody }
	| { ok: false; status: 400 | 413 | 415; message: string };

export const FORM = 'application/x-www-form-urlencoded';

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

function mediaTypeOf(headers: IncomingRequest['headers']): string {
	const header = headers['content-type'];
	return (typeof header === 'string' ? header : '').split(';')[0].trim().toLowerCase();
}

/** A request has a body only when it says so (RFC 9112 §6.3): a length above 0 or a transfer coding. */
function declaresBody(headers: IncomingRequest['headers']): boolean {
	const length = headers['content-length'];
	return headers['transfer-encoding'] !== undefined || (typeof length === 'string' && Number(length) > 0);
}

/**
 * Has n8n read a body it left unread, so that both versions of the trigger see the same bytes.
 * For version 1 n8n reads every body but a multipart one; from version 2 it reads only JSON,
 * text, form and XML bodies (webhook-helpers `parseRequestBody`, `nodeVersion > 1`, in 2.8.4
 * and 2.39.0), so a `+json` body would arrive empty and an oversized or unsupported one would
 * escape the 413 and 415 answers. Multipart stays unread in both: n8n's form parser took its
 * stream. Without a declared body, or with a body already read, nothing is read.
 */
export async function readUnreadBody(req: IncomingRequest): Promise<void> {
	if (req.rawBody !== undefined || typeof req.readRawBody !== 'function') return;
	if (!declaresBody(req.headers) || mediaTypeOf(req.headers).startsWith('multipart/')) return;
	await req.readRawBody();
}

/**
 * The request as plain values. The query comes from the URL as received, so repeated names
 * and their order survive; `parsedQuery` (n8n's `getQueryData()`) is read only when there is
 * no URL. A form body is split into pairs here because verification reads the secret there too.
 */
export function decodeRequest(req: IncomingRequest, parsedQuery: () => IDataObject): DecodedRequest {
	const url = req.originalUrl ?? req.url;
	const index = url === undefined ? -1 : url.indexOf('?');
	const path = url === undefined ? '' : index < 0 ? url : url.slice(0, index);
	const rawQuery = url === undefined ? undefined : index < 0 ? '' : url.slice(index + 1);
	const rawBody = req.rawBody ?? Buffer.alloc(0);
	const mediaType = mediaTypeOf(req.headers);
	return {
		method: req.method ?? 'GET',
		path,
		rawQuery,
		query: rawQuery === undefined ? pairsOf(parsedQuery()) : parsePairs(rawQuery),
		mediaType,
		rawBody,
		form: mediaType === FORM && rawBody.length > 0 ? parsePairs(rawBody.toString('utf8')) : [],
	};
}

/** n8n's parsed query as pairs: repeated names arrive as arrays. */
function pairsOf(query: IDataObject): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const [name, value] of Object.entries(query)) {
		for (const entry of Array.isArray(value) ? value : [value]) pairs.push([name, String(entry)]);
	}
	return pairs;
}

/**
 * The body for the parser: none, form pairs or a JSON object. Refused: larger than `maxBytes`
 * (413), another media type (415), JSON that does not parse or is not an object (400).
 */
export function decodeBody(request: DecodedRequest, maxBytes: number): BodyResult {
	const { rawBody, mediaType } = request;
	if (rawBody.length > maxBytes) return { ok: false, status: 413, message: 'Payload Too Large' };
	if (rawBody.length === 0) return { ok: true, body: { type: 'none' } };
	if (mediaType === FORM) return { ok: true, body: { type: 'form', pairs: request.form } };
	if (!isJson(mediaType)) {
		return { ok: false, status: 415, message: 'Unsupported Media Type: send JSON or application/x-www-form-urlencoded' };
	}
	let value: unknown;
	try {
		value = JSON.parse(rawBody.toString('utf8'));
	} catch {
		// The caller gets the reason; there is nothing to run on.
		return { ok: false, status: 400, message: 'Malformed JSON body' };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { ok: false, status: 400, message: 'The JSON body must be an object' };
	}
	return { ok: true, body: { type: 'json', value: value as IDataObject } };
}

/** How the escapes of the query and of a form body were encoded (latin-1 or UTF-8, notes §8.18). */
export function encodingOf(request: DecodedRequest): TextEncoding {
	const form = request.mediaType === FORM ? request.rawBody.toString('utf8') : '';
	return textEncodingOf(`${request.rawQuery ?? ''}&${form}`);
}
