/**
 * Who may start the workflow. VICIdial's call-outs are bare GETs (no User-Agent, no headers to
 * speak of, notes §6.2), so the checks that fit it are a secret in the query string, HTTP Basic
 * in the URL and an IP allow-list; a header key and an HMAC signature serve custom POSTs.
 *
 * Every function here returns a boolean (or a verdict), never throws, and fails closed: an empty
 * configured secret, a malformed header or an unparsable address is a refusal.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

export type AuthMode = 'querySecret' | 'headerKey' | 'hmac' | 'basicAuth' | 'none';

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
	/** Query parameters in arrival order (repeated keys kept). */
	query: ReadonlyArray<readonly [string, string]>;
	/** Form-body parameters, for the get2post relay that moves the URL's fields into the body. */
	form: ReadonlyArray<readonly [string, string]>;
	headers: HeaderMap;
	rawBody: Buffer;
	/** The TCP peer (`req.socket.remoteAddress`). */
	remoteAddress: string | undefined;
}

export type Verdict = { ok: true; clientIp: string | undefined } | { ok: false; status: 401 | 403; reason: string };

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
	const header = headerOf(headers, headerName);
	if (header === undefined) return false;
	const text = header.trim().replace(/^sha256=/i, '');
	let provided: Buffer;
	if (encoding === 'hex') {
		if (!/^[0-9a-f]{64}$/i.test(text)) return false;
		provided = Buffer.from(text, 'hex');
	} else {
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return false;
		provided = Buffer.from(text, 'base64');
	}
	// timingSafeEqual needs equal lengths; a digest of another size is simply wrong.
	if (provided.length !== SHA256_BYTES) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return timingSafeEqual(provided, expected);
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
 * With it, the forwarded-for chain is read right to left: each hop that is a trusted proxy is
 * skipped, and the first one that is not is the client. With no trusted proxies listed, only the
 * direct peer counts as the proxy, so the rightmost entry is the client.
 */
export function clientAddress(config: AuthConfig, headers: HeaderMap, peer: string | undefined): string | undefined {
	if (!config.trustProxy) return peer;
	const { ranges: trusted } = parseCidrList(config.trustedProxies);
	if (trusted.length > 0 && !ipInRanges(peer, trusted)) return peer;
	const header = headerOf(headers, config.forwardedForHeader || 'x-forwarded-for');
	if (header === undefined) return peer;
	const hops = header
		.split(',')
		.map((hop) => hop.trim())
		.filter((hop) => hop !== '');
	for (let i = hops.length - 1; i >= 0; i--) {
		if (trusted.length > 0 && ipInRanges(hops[i], trusted) && i > 0) continue;
		return hops[i];
	}
	return peer;
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
	switch (config.mode) {
		case 'querySecret':
			ok = verifyQuerySecret(request, config.queryParameter, config.secret);
			break;
		case 'headerKey':
			ok = verifyHeaderKey(request.headers, config.headerName, config.headerSecret);
			break;
		case 'hmac':
			ok = verifyHmac(request.rawBody, request.headers, config.hmacHeaderName, config.hmacSecret, config.hmacEncoding);
			break;
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
	return ok ? { ok: true, clientIp } : { ok: false, status: 401, reason: `${config.mode} check failed` };
}

/** Every secret of a credential, for removing them by value from anything the workflow sees. */
export function secretsOf(config: AuthConfig): string[] {
	return [config.secret, config.headerSecret, config.hmacSecret, config.password].filter((value) => value.length >= 4);
}

const AUTH_MODES: readonly AuthMode[] = ['querySecret', 'headerKey', 'hmac', 'basicAuth', 'none'];

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
	return problems;
}
