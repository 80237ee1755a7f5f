/**
 * Who may start the workflow. VICIdial's call-outs are bare GETs (no User-Agent, no headers to
 * speak of, notes §6.2), so the checks that fit it are a secret in the query string, HTTP Basic
 * in the URL and an IP allow-list; a header key and an HMAC signature serve custom POSTs.
 * Whatever a mode authenticates must cover everything that reaches the item: body-signed HMAC
 * (what other dialers send) therefore refuses any query field, and the signed-request mode
 * signs method, path, query, body and a timestamp.
 *
 * Every function here returns a boolean (or a verdict), never throws, and fails closed: an empty
 * configured secret, a malformed header or an unparsable address is a refusal.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

export type AuthMode = 'querySecret' | 'headerKey' | 'hmac' | 'signedRequest' | 'basicAuth' | 'none';

export interface AuthConfig {
	/** `unknown` for a stored mode this version does not know: every check refuses it. */
	mode: AuthMode | 'unknown';
	/** Query (or form-body) parameter holding the shared secret. */
	queryParameter: string;
	secret: string;
	headerName: string;
	headerSecret: string;
	hmacHeaderName: string;
	hmacSecret: string;
	hmacEncoding: 'hex' | 'base64';
	user: string;
	password: string;
	/** Comma/space separated IPv4 and IPv6 addresses or CIDR ranges; empty means no allow-list. */
	allowedIps: string;
	/** Read the client address from the forwarded-for header (only behind a proxy you run). */
	trustProxy: boolean;
	/** Addresses of the proxies allowed to set that header; empty trusts the direct peer only. */
	trustedProxies: string;
	forwardedForHeader: string;
}

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface AuthRequest {
	/** The HTTP method as received (`GET`, `POST`). */
	method: string;
	/** The path as received, without the query (`/webhook/<id>/vicidial`). */
	path: string;
	/**
	 * The path of the public webhook URL, when it differs from the received one (a proxy that
	 * strips a prefix): a sender signs the path of the URL it calls.
	 */
	publicPath?: string;
	/** The query string exactly as received, without `?`; undefined when n8n gave no URL to read. */
	rawQuery: string | undefined;
	/** Query parameters in arrival order (repeated keys kept). */
	query: ReadonlyArray<readonly [string, string]>;
	/** Form-body parameters, for the get2post relay that moves the URL's fields into the body. */
	form: ReadonlyArray<readonly [string, string]>;
	headers: HeaderMap;
	rawBody: Buffer;
	/** The TCP peer (`req.socket.remoteAddress`). */
	remoteAddress: string | undefined;
	/** Arrival time (ms since the epoch), for the signed-request replay window. */
	now: number;
}

export type Verdict =
	| {
			ok: true;
			clientIp: string | undefined;
			/**
			 * Signed-request mode: the signature, to be remembered for `REPLAY_WINDOW_SECONDS` on
			 * each side of its timestamp so that an exact replay inside the window is refused too.
			 */
			replayKey?: string;
	  }
	| { ok: false; status: 401 | 403; reason: string };

/** n8n's own parameter that asks for the paste-ready string; the only query body-HMAC accepts. */
export const SETUP_PARAMETER = 'n8n_setup';

function digest(value: string | Buffer): Buffer {
	return createHash('sha256').update(value).digest();
}

/**
 * Constant-time equality of two secrets of any length: both sides are hashed first, so
 * `timingSafeEqual` always compares 32 bytes and the length of the secret does not leak.
 * An empty expected value never matches (fail closed).
 */
export function safeEqual(provided: string | Buffer, expected: string | Buffer): boolean {
	if (expected.length === 0) return false;
	return timingSafeEqual(digest(provided), digest(expected));
}

/** The single value of a header, or undefined when absent or sent several times. */
export function headerOf(headers: HeaderMap, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** The single value of a parameter, or undefined when absent or repeated (a repeated secret is refused). */
function singleParam(params: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
	const values = params.filter(([key]) => key === name).map(([, value]) => value);
	return values.length === 1 ? values[0] : undefined;
}

/**
 * Shared secret in the query string, or in the form body for the get2post relay (it posts the
 * URL's fields as the body). The parameter must appear exactly once across both.
 */
export function verifyQuerySecret(request: AuthRequest, name: string, secret: string): boolean {
	if (name === '' || secret === '') return false;
	const all = [...request.query, ...request.form];
	const provided = singleParam(all, name);
	return provided !== undefined && safeEqual(provided, secret);
}

/** A header carrying a key, e.g. `x-api-key: <key>` or `Authorization: Bearer <key>` (the whole value is compared). */
export function verifyHeaderKey(headers: HeaderMap, name: string, expected: string): boolean {
	if (name === '' || expected === '') return false;
	const provided = headerOf(headers, name);
	return provided !== undefined && safeEqual(provided.trim(), expected);
}

const SHA256_BYTES = 32;

/**
 * HMAC-SHA256 of the raw body, as GitHub-style senders compute it. The header holds the digest in
 * hex or base64, optionally prefixed `sha256=`. For a GET the body is empty and so is the signed text.
 */
export function verifyHmac(
	rawBody: Buffer,
	headers: HeaderMap,
	headerName: string,
	secret: string,
	encoding: 'hex' | 'base64',
): boolean {
	if (headerName === '' || secret === '') return false;
	const provided = signatureOf(headers, headerName, encoding);
	if (provided === undefined) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return timingSafeEqual(provided, expected);
}

/** A header's SHA-256 digest (hex or base64, optional `sha256=`), or undefined when it is not one. */
function signatureOf(headers: HeaderMap, headerName: string, encoding: 'hex' | 'base64'): Buffer | undefined {
	const header = headerOf(headers, headerName);
	if (header === undefined) return undefined;
	const text = header.trim().replace(/^sha256=/i, '');
	let provided: Buffer;
	if (encoding === 'hex') {
		if (!/^[0-9a-f]{64}$/i.test(text)) return undefined;
		provided = Buffer.from(text, 'hex');
	} else {
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
		provided = Buffer.from(text, 'base64');
	}
	// timingSafeEqual needs equal lengths; a digest of another size is simply wrong.
	return provided.length === SHA256_BYTES ? provided : undefined;
}

/**
 * Body-signed HMAC covers the body only, so a request may start a run only when everything the
 * item would hold is in that body: a POST with a non-empty body and no query. A query field
 * (`dispo=FORGED`, a changed `event_id`) or a GET (whose empty body has one constant signature
 * anyone who saw it can replay) is refused. The one exception is n8n's setup parameter alone,
 * which starts nothing. Real body-signing senders (Dialer.CX) POST a JSON body to the bare URL.
 */
export function bodyCoversRequest(request: AuthRequest): boolean {
	const names = request.query.map(([name]) => name);
	if (names.length === 1 && names[0] === SETUP_PARAMETER) return true;
	if (names.length > 0) return false;
	return request.method.toUpperCase() === 'POST' && request.rawBody.length > 0;
}

/** Seconds a signed request's timestamp may lie before or after the time it arrives. */
export const REPLAY_WINDOW_SECONDS = 300;

/** Headers of the signed-request mode: Unix seconds, and the hex HMAC-SHA256 of `signedRequestText`. */
export const TIMESTAMP_HEADER = 'x-vicidial-timestamp';
export const SIGNATURE_HEADER = 'x-vicidial-signature';

/**
 * What the signed-request mode signs, each part as sent, joined by `\n`:
 * `timestamp \n METHOD \n path \n query \n body` (query without `?`, '' when there is none;
 * the body's raw bytes, '' for none). `printf '%s\n%s\n%s\n%s\n%s'` in a shell builds the same.
 */
export function signedRequestText(timestamp: string, method: string, path: string, query: string, body: Buffer): Buffer {
	return Buffer.concat([Buffer.from(`${timestamp}\n${method}\n${path}\n${query}\n`, 'utf8'), body]);
}

export type SignedRequestResult = { ok: true; signature: string } | { ok: false; reason: string };

/**
 * The signed-request mode for senders we control (a relay script, the user's own code): the
 * `X-Vicidial-Signature` header holds the hex HMAC-SHA256 (optionally `sha256=`) of
 * `signedRequestText`, and `X-Vicidial-Timestamp` the Unix time in seconds, within
 * `REPLAY_WINDOW_SECONDS` of `request.now`. A changed method, path, query, body or timestamp
 * breaks the signature; an old one is out of the window. Fails closed on a missing part.
 */
export function verifySignedRequest(request: AuthRequest, secret: string): SignedRequestResult {
	if (secret === '') return { ok: false, reason: 'no signing secret' };
	if (request.rawQuery === undefined) return { ok: false, reason: 'the query as received is unknown' };
	const timestamp = headerOf(request.headers, TIMESTAMP_HEADER)?.trim();
	if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'no timestamp' };
	const provided = signatureOf(request.headers, SIGNATURE_HEADER, 'hex');
	if (provided === undefined) return { ok: false, reason: 'no signature' };
	if (Math.abs(request.now / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
		return { ok: false, reason: 'timestamp outside the replay window' };
	}
	const paths = [request.path, request.publicPath].filter(
		(path, index, all): path is string => path !== undefined && all.indexOf(path) === index,
	);
	// Every candidate is computed and compared, so the time taken does not say which path matched.
	let matched = false;
	for (const path of paths) {
		const text = signedRequestText(timestamp, request.method, path, request.rawQuery, request.rawBody);
		if (timingSafeEqual(provided, createHmac('sha256', secret).update(text).digest())) matched = true;
	}
	return matched ? { ok: true, signature: provided.toString('hex') } : { ok: false, reason: 'signature mismatch' };
}

/** `Authorization: Basic base64(user:password)`; both halves are always compared. */
export function verifyBasic(headers: HeaderMap, user: string, password: string): boolean {
	if (user === '' || password === '') return false;
	const header = headerOf(headers, 'authorization');
	const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return false;
	const userOk = safeEqual(decoded.slice(0, colon), user);
	const passwordOk = safeEqual(decoded.slice(colon + 1), password);
	return userOk && passwordOk;
}

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
type Address = number[];

function parseIpv4(text: string): Address | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes: number[] = [];
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const value = Number(part);
		if (value > 255) return undefined;
		bytes.push(value);
	}
	return bytes;
}

function parseIpv6(text: string): Address | undefined {
	let body = text.replace(/%.*$/, ''); // zone id, e.g. fe80::1%eth0
	let tail: number[] = [];
	const lastColon = body.lastIndexOf(':');
	if (body.includes('.') && lastColon >= 0) {
		// ::ffff:192.0.2.1 ends in a dotted quad worth two hextets
		const v4 = parseIpv4(body.slice(lastColon + 1));
		if (!v4) return undefined;
		tail = v4;
		body = `${body.slice(0, lastColon + 1)}0:0`;
	}
	const halves = body.split('::');
	if (halves.length > 2) return undefined;
	const toGroups = (part: string): number[] | undefined => {
		if (part === '') return [];
		const groups: number[] = [];
		for (const group of part.split(':')) {
			if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
			groups.push(parseInt(group, 16));
		}
		return groups;
	};
	const head = toGroups(halves[0]);
	const rest = halves.length === 2 ? toGroups(halves[1]) : [];
	if (!head || !rest) return undefined;
	const missing = 8 - head.length - rest.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
	const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
	if (tail.length === 4) bytes.splice(12, 4, ...tail);
	return bytes;
}

/** Parses an address; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) becomes IPv4. */
export function parseIp(text: string): Address | undefined {
	const trimmed = text.trim().replace(/^\[(.*)\]$/, '$1');
	if (trimmed.includes(':')) {
		const v6 = parseIpv6(trimmed);
		if (!v6) return undefined;
		const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
		return mapped ? v6.slice(12) : v6;
	}
	return parseIpv4(trimmed);
}

export interface Cidr {
	bytes: Address;
	prefix: number;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (full-length prefix). */
export function parseCidr(text: string): Cidr | undefined {
	const [address, prefixText, extra] = text.trim().split('/');
	if (extra !== undefined) return undefined;
	const bytes = parseIp(address);
	if (!bytes) return undefined;
	const bits = bytes.length * 8;
	if (prefixText === undefined) return { bytes, prefix: bits };
	if (!/^\d{1,3}$/.test(prefixText)) return undefined;
	let prefix = Number(prefixText);
	// ::ffff:10.0.0.0/104 was written against 128 bits but is matched as IPv4
	if (bytes.length === 4 && address.includes(':')) prefix -= 96;
	if (prefix < 0 || prefix > bits) return undefined;
	return { bytes, prefix };
}

/** Splits an allow-list; `invalid` lists the entries that are not addresses or ranges. */
export function parseCidrList(text: string): { ranges: Cidr[]; invalid: string[] } {
	const ranges: Cidr[] = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[\s,;]+/).filter((part) => part !== '')) {
		const cidr = parseCidr(entry);
		if (cidr) ranges.push(cidr);
		else invalid.push(entry);
	}
	return { ranges, invalid };
}

export function cidrContains(cidr: Cidr, address: Address): boolean {
	if (cidr.bytes.length !== address.length) return false;
	let bits = cidr.prefix;
	for (let i = 0; i < address.length && bits > 0; i++) {
		const take = Math.min(8, bits);
		const mask = (0xff << (8 - take)) & 0xff;
		if ((cidr.bytes[i] & mask) !== (address[i] & mask)) return false;
		bits -= take;
	}
	return true;
}

/** True when `ip` parses and falls inside one of the ranges. */
export function ipInRanges(ip: string | undefined, ranges: readonly Cidr[]): boolean {
	if (ip === undefined) return false;
	const address = parseIp(ip);
	return address !== undefined && ranges.some((range) => cidrContains(range, address));
}

/**
 * The client's address. Without `trustProxy` it is the TCP peer, whatever the headers say.
 * With it, the forwarded-for header is read only when the TCP peer is a listed proxy: the chain
 * is read right to left, each hop that is a listed proxy is skipped, and the first one that is
 * not is the client. With no proxies listed the header is ignored and the peer is the client,
 * since any caller can send the header (the allow-list was bypassed that way, issue 17 §2).
 */
export function clientAddress(config: AuthConfig, headers: HeaderMap, peer: string | undefined): string | undefined {
	if (!config.trustProxy) return peer;
	const { ranges: trusted } = parseCidrList(config.trustedProxies);
	if (!ipInRanges(peer, trusted)) return peer;
	const header = headerOf(headers, config.forwardedForHeader || 'x-forwarded-for');
	if (header === undefined) return peer;
	const hops = header
		.split(',')
		.map((hop) => hop.trim())
		.filter((hop) => hop !== '');
	for (let i = hops.length - 1; i >= 0; i--) {
		if (ipInRanges(hops[i], trusted) && i > 0) continue;
		return hops[i];
	}
	return peer;
}

/**
 * The warning for Trust Proxy on with no proxies listed (the header is then ignored), for the
 * credential test and each item; undefined otherwise.
 */
export function proxyWarning(config: AuthConfig): string | undefined {
	if (!config.trustProxy || parseCidrList(config.trustedProxies).ranges.length > 0) return undefined;
	return 'Behind a Trusted Proxy is on but Trusted Proxies is empty: the forwarded-for header is ignored and the direct peer counts as the client; list the proxy addresses';
}

/**
 * The whole check, in order: allow-list (403), then the credential's mode (401).
 * Mode `none` requires a non-empty allow-list, so a credential with nothing configured refuses all.
 */
export function verifyRequest(config: AuthConfig, request: AuthRequest): Verdict {
	const clientIp = clientAddress(config, request.headers, request.remoteAddress);
	const { ranges, invalid } = parseCidrList(config.allowedIps);
	if (invalid.length > 0) return { ok: false, status: 403, reason: `allow-list entries are not addresses: ${invalid.join(', ')}` };
	if (ranges.length > 0 && !ipInRanges(clientIp, ranges)) {
		return { ok: false, status: 403, reason: `address ${clientIp ?? 'unknown'} is not in the allow-list` };
	}
	let ok: boolean;
	let replayKey: string | undefined;
	switch (config.mode) {
		case 'querySecret':
			ok = verifyQuerySecret(request, config.queryParameter, config.secret);
			break;
		case 'headerKey':
			ok = verifyHeaderKey(request.headers, config.headerName, config.headerSecret);
			break;
		case 'hmac': {
			const signed = verifyHmac(request.rawBody, request.headers, config.hmacHeaderName, config.hmacSecret, config.hmacEncoding);
			// Both are evaluated, so a forged query costs the same time as a forged body.
			const covered = bodyCoversRequest(request);
			ok = signed && covered;
			break;
		}
		case 'signedRequest': {
			const result = verifySignedRequest(request, config.hmacSecret);
			ok = result.ok;
			if (result.ok) replayKey = result.signature;
			break;
		}
		case 'basicAuth':
			ok = verifyBasic(request.headers, config.user, config.password);
			break;
		case 'none':
			if (ranges.length === 0) return { ok: false, status: 403, reason: 'mode "none" needs an IP allow-list' };
			ok = true;
			break;
		default:
			ok = false;
	}
	if (!ok) return { ok: false, status: 401, reason: `${config.mode} check failed` };
	return replayKey === undefined ? { ok: true, clientIp } : { ok: true, clientIp, replayKey };
}

/** Every secret of a credential, for removing them by value from anything the workflow sees. */
export { triggerSecrets as secretsOf } from '../shared/secrets';

const AUTH_MODES: readonly AuthMode[] = ['querySecret', 'headerKey', 'hmac', 'signedRequest', 'basicAuth', 'none'];

/**
 * The credential's data as an `AuthConfig`. Missing or mistyped values become '' (or the
 * documented default), which the checks above treat as "refuse".
 */
export function authConfigFrom(data: Record<string, unknown>): AuthConfig {
	const text = (name: string, fallback = '') => (typeof data[name] === 'string' ? (data[name] as string) : fallback);
	const mode = text('authentication', 'querySecret');
	return {
		mode: AUTH_MODES.find((known) => known === mode) ?? 'unknown',
		queryParameter: text('queryParameter', 'token').trim(),
		secret: text('secret'),
		headerName: text('headerName', 'x-api-key').trim(),
		headerSecret: text('headerSecret'),
		hmacHeaderName: text('hmacHeaderName', 'x-signature').trim(),
		hmacSecret: text('hmacSecret'),
		hmacEncoding: text('hmacEncoding') === 'base64' ? 'base64' : 'hex',
		user: text('user'),
		password: text('password'),
		allowedIps: text('allowedIps'),
		trustProxy: data.trustProxy === true,
		trustedProxies: text('trustedProxies'),
		forwardedForHeader: text('forwardedForHeader', 'x-forwarded-for').trim(),
	};
}

/** Shorter secrets are refused by the credential test: they end up in VICIdial's URL logs. */
export const MIN_SECRET_LENGTH = 12;

/** What is wrong with a configuration, in words for the credential test; empty when complete. */
export function configProblems(config: AuthConfig): string[] {
	const problems: string[] = [];
	const secret = (label: string, value: string) => {
		if (value === '') problems.push(`${label} is empty`);
		else if (value.length < MIN_SECRET_LENGTH) problems.push(`${label} is shorter than ${MIN_SECRET_LENGTH} characters`);
	};
	switch (config.mode) {
		case 'querySecret':
			if (!/^[A-Za-z0-9_.-]+$/.test(config.queryParameter)) {
				problems.push('Parameter Name must be letters, digits, "_", "." or "-"');
			}
			secret('Secret', config.secret);
			break;
		case 'headerKey':
			if (!/^[A-Za-z0-9-]+$/.test(config.headerName)) problems.push('Header Name is not a header name');
			secret('Header Value', config.headerSecret);
			break;
		case 'hmac':
			if (!/^[A-Za-z0-9-]+$/.test(config.hmacHeaderName)) problems.push('Signature Header is not a header name');
			secret('Signing Secret', config.hmacSecret);
			break;
		case 'signedRequest':
			secret('Signing Secret', config.hmacSecret);
			break;
		case 'basicAuth':
			if (config.user === '' || config.user.includes(':')) problems.push('User is empty or contains ":"');
			secret('Password', config.password);
			break;
		case 'none':
			break;
		default:
			problems.push('Authentication mode is unknown');
	}
	const { ranges, invalid } = parseCidrList(config.allowedIps);
	if (invalid.length > 0) problems.push(`IP Allow-List entries are not addresses or ranges: ${invalid.join(', ')}`);
	if (config.mode === 'none' && ranges.length === 0) problems.push('Mode "None" needs an IP Allow-List');
	if (config.trustProxy) {
		const proxies = parseCidrList(config.trustedProxies);
		if (proxies.invalid.length > 0) problems.push(`Trusted Proxies entries are not addresses: ${proxies.invalid.join(', ')}`);
	}
	const warning = proxyWarning(config);
	if (warning !== undefined) problems.push(warning);
	return problems;
}
