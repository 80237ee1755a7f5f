/**
 * Generated requests for the VICIdial Trigger (issue 10), shared by the in-process fuzz suite
 * and the one inside a real n8n: for each authentication set-up a seeded generator builds a
 * request a legitimate sender could send (any method, content type, encoding and size), signs
 * or authenticates it as that set-up wants, and then, most of the time, forges it: a missing,
 * wrong, doubled or case-changed secret, a signature over another query or body, a replayed or
 * stale timestamp, a spoofed X-Forwarded-For. Each request says whether it was forged, so a
 * suite can hold the trigger to "no run from an unauthenticated caller".
 */
import { createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { seededRandom } from '../../simulator/faults.cjs';
import { sendRequest } from '../../simulator/hooks.cjs';

/** Canary secrets: distinctive, so a leak of any of them in any encoding can be searched for. */
export const TRIGGER_CANARY = 'CANARY-trig-Zq7x9Lw2';
export const BASIC_CANARY = 'CANARY-basic-Pv4k8Tm1';

export interface AuthSetup {
	name: string;
	credentials: ICredentialDataDecryptedObject;
	/** False where no caller of this test can be authentic (the allow-list refuses 127.0.0.1). */
	anyAuthentic: boolean;
}

export const AUTH_SETUPS: AuthSetup[] = [
	{ name: 'querySecret', credentials: { authentication: 'querySecret', queryParameter: 'token', secret: TRIGGER_CANARY }, anyAuthentic: true },
	{ name: 'headerKey', credentials: { authentication: 'headerKey', headerName: 'x-api-key', headerSecret: TRIGGER_CANARY }, anyAuthentic: true },
	{
		name: 'hmac',
		credentials: { authentication: 'hmac', hmacHeaderName: 'x-signature', hmacSecret: TRIGGER_CANARY, hmacEncoding: 'hex' },
		anyAuthentic: true,
	},
	{ name: 'signedRequest', credentials: { authentication: 'signedRequest', hmacSecret: TRIGGER_CANARY }, anyAuthentic: true },
	{ name: 'basicAuth', credentials: { authentication: 'basicAuth', user: 'vicidial', password: BASIC_CANARY }, anyAuthentic: true },
	{
		// The caller (127.0.0.1) is outside the list; a spoofed forwarded-for from inside it must not help.
		name: 'allowListNoProxy',
		credentials: { authentication: 'querySecret', queryParameter: 'token', secret: TRIGGER_CANARY, allowedIps: '10.0.0.0/8' },
		anyAuthentic: false,
	},
	{
		// Trust Proxy on, but the caller is not a listed proxy: its forwarded-for is ignored.
		name: 'allowListUntrustedProxy',
		credentials: { authentication: 'none', allowedIps: '198.51.100.0/24', trustProxy: true, trustedProxies: '10.9.9.0/24' },
		anyAuthentic: false,
	},
];

export interface FuzzRequest {
	id: number;
	method: string;
	/** Path and query as sent. */
	pathAndQuery: string;
	headers: Record<string, string>;
	body?: string;
	/** `user:password` for the URL (HTTP Basic). */
	auth?: string;
	/** What was done to it, for the report. */
	mutation: string;
	/** Not what an authenticated sender would send: it must never start a run. */
	forged: boolean;
}

type Random = () => number;

const pick = <T,>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const FIELD_NAMES = ['lead_id', 'dispo', 'campaign', 'phone_number', 'user', 'event', 'list_id', 'first_name', 'epoch', 'uniqueid'];
const VALUES = ['8', 'SALE', 'TESTCAMP', '3125550101', '6666', 'call.completed', '101', 'Jo Ann', "O'Neil", 'Díaz', '', '1795326633', 'a&b=c', '%', '+1 312'];

/** Query encodings a sender might use: RFC 3986, PHP's `+` for space, latin-1 escapes, a broken escape. */
function encode(random: Random, value: string): string {
	switch (Math.floor(random() * 5)) {
		case 0:
			return encodeURIComponent(value).replace(/%20/g, '+');
		case 1:
			// ISO-8859-1 escapes, as VICIdial sends with use_non_latin=0 (notes §8.18).
			return [...value]
				.map((char) => {
					const code = char.charCodeAt(0);
					if (/[A-Za-z0-9._~-]/.test(char)) return char;
					return code < 256 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(char);
				})
				.join('');
		case 2:
			return `${encodeURIComponent(value)}%ZZ`;
		default:
			return encodeURIComponent(value);
	}
}

interface Content {
	method: string;
	query: Array<[string, string]>;
	contentType?: string;
	body?: string;
	headers: Record<string, string>;
	kind: string;
}

/** What a legitimate sender might send before authentication is added. */
function content(random: Random): Content {
	const method = random() < 0.85 ? pick(random, ['GET', 'POST']) : pick(random, ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
	const query: Array<[string, string]> = [];
	const fields = Math.floor(random() * 5);
	for (let i = 0; i < fields; i++) query.push([pick(random, FIELD_NAMES), encode(random, pick(random, VALUES))]);
	const headers: Record<string, string> = {};
	if (random() < 0.3) headers['User-Agent'] = pick(random, ['curl/8.5', 'PHP', 'Mozilla/5.0', '']);
	if (random() < 0.2) headers.Accept = '*/*';
	if (method === 'GET' || method === 'HEAD' || random() < 0.1) return { method, query, headers, kind: 'no body' };
	const object = { event: 'call.completed', id: `evt_${Math.floor(random() * 1e9)}`, data: { lead_id: Math.floor(random() * 1000), dispo: pick(random, VALUES) } };
	const json = JSON.stringify(object);
	const shapes: Array<[string, () => { contentType?: string; body: string }]> = [
		['json', () => ({ contentType: 'application/json', body: json })],
		['json charset', () => ({ contentType: 'application/json; charset=utf-8', body: json })],
		['form', () => ({ contentType: 'application/x-www-form-urlencoded', body: query.map(([k, v]) => `${k}=${v}`).join('&') || 'lead_id=8' })],
		['text', () => ({ contentType: 'text/plain', body: 'lead_id=8 dispo=SALE' })],
		['octet', () => ({ contentType: 'application/octet-stream', body: '\u0000\u0001binary' })],
		['no content type', () => ({ body: json })],
		['broken json', () => ({ contentType: 'application/json', body: json.slice(0, -3) + ',,}' })],
		['truncated json', () => ({ contentType: 'application/json', body: json.slice(0, Math.floor(json.length * random())) })],
		['json array', () => ({ contentType: 'application/json', body: '[1,2,{"a":[[[[[]]]]]}]' })],
		['json scalar', () => ({ contentType: 'application/json', body: pick(random, ['null', '42', '"x"', 'true']) })],
		['deep json', () => ({ contentType: 'application/json', body: `${'['.repeat(2000)}${']'.repeat(2000)}` })],
		['oversized', () => ({ contentType: 'application/json', body: JSON.stringify({ ...object, pad: 'x'.repeat(1_100 * 1024) }) })],
		['prototype keys', () => ({ contentType: 'application/json', body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"lead_id":8}' })],
		['multibyte', () => ({ contentType: 'application/json', body: JSON.stringify({ name: 'Zoë 😀 Ωmega', lead_id: 8 }) })],
	];
	const [kind, make] = shapes[Math.floor(random() * shapes.length)];
	// Oversized bodies are rare: each is a megabyte.
	const chosen = kind === 'oversized' && random() < 0.8 ? shapes[0] : [kind, make];
	const { contentType, body } = (chosen[1] as () => { contentType?: string; body: string })();
	return { method, query, headers, contentType, body, kind: chosen[0] as string };
}

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

function flipCase(text: string): string {
	const swapped = text.replace(/[a-z]/i, (char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()));
	return swapped === text ? `${text}X` : swapped;
}

export class RequestGenerator {
	private readonly random: Random;
	private next = 0;
	/** Signed requests already sent, to replay. */
	private readonly sentSigned: FuzzRequest[] = [];

	/** `path`: the webhook path, which signed requests sign. `now`: seconds, for timestamps. */
	constructor(
		private readonly setup: AuthSetup,
		private readonly path: string,
		seed: number,
		private readonly now: () => number = () => Math.floor(Date.now() / 1000),
	) {
		this.random = seededRandom(seed);
	}

	/** A request, forged with probability `forgeRate`. */
	make(forgeRate = 0.7): FuzzRequest {
		const random = this.random;
		const c = content(random);
		// Body-HMAC senders (other dialers) POST a body and no query: mostly send that shape.
		if (this.setup.credentials.authentication === 'hmac' && random() < 0.7) {
			c.method = 'POST';
			c.query = [];
			if (c.body === undefined) Object.assign(c, { contentType: 'application/json', body: JSON.stringify({ event: 'call.completed', id: `evt_${Math.floor(random() * 1e9)}` }) });
		}
		const forge = random() < forgeRate;
		const id = this.next++;
		const request = this.authenticate(id, c);
		request.headers['x-fuzz-id'] = String(id);
		if (!forge) {
			if (this.setup.credentials.authentication === 'signedRequest') this.sentSigned.push(request);
			return request;
		}
		return this.forge(request, c);
	}

	private queryString(query: Array<[string, string]>): string {
		return query.map(([k, v]) => `${k}=${v}`).join('&');
	}

	private build(id: number, c: Content, query: Array<[string, string]>, headers: Record<string, string>, mutation: string): FuzzRequest {
		const qs = this.queryString(query);
		return {
			id,
			method: c.method,
			pathAndQuery: qs === '' ? this.path : `${this.path}?${qs}`,
			headers: { ...c.headers, ...(c.contentType ? { 'Content-Type': c.contentType } : {}), ...headers },
			body: c.body,
			mutation,
			forged: false,
		};
	}

	/** The request as its authenticated sender sends it. */
	private authenticate(id: number, c: Content): FuzzRequest {
		const credentials = this.setup.credentials;
		const random = this.random;
		const query = [...c.query];
		switch (credentials.authentication) {
			case 'querySecret': {
				// The secret anywhere in the query: the order of parameters is the sender's.
				query.splice(Math.floor(random() * (query.length + 1)), 0, [String(credentials.queryParameter), encodeURIComponent(String(credentials.secret))]);
				const request = this.build(id, c, query, {}, `authentic ${c.kind}`);
				if (random() < 0.3) request.headers['X-Forwarded-For'] = pick(random, ['10.1.2.3', '198.51.100.7', '127.0.0.1, 10.1.2.3']);
				return request;
			}
			case 'headerKey': {
				// Header names are case-insensitive: any spelling is the same header.
				const name = pick(random, ['x-api-key', 'X-Api-Key', 'X-API-KEY']);
				return this.build(id, c, query, { [name]: String(credentials.headerSecret) }, `authentic ${c.kind}`);
			}
			case 'hmac': {
				const signature = hmacHex(String(credentials.hmacSecret), c.body ?? '');
				return this.build(id, c, query, { 'x-signature': random() < 0.5 ? signature : `sha256=${signature}` }, `authentic ${c.kind}`);
			}
			case 'signedRequest': {
				const ts = String(this.now() - Math.floor(random() * 30));
				const text = `${ts}\n${c.method}\n${this.path}\n${this.queryString(query)}\n${c.body ?? ''}`;
				const request = this.build(
					id,
					c,
					query,
					{ 'X-Vicidial-Timestamp': ts, 'X-Vicidial-Signature': `sha256=${hmacHex(String(credentials.hmacSecret), text)}` },
					`authentic ${c.kind}`,
				);
				return request;
			}
			case 'basicAuth': {
				const request = this.build(id, c, query, {}, `authentic ${c.kind}`);
				request.auth = `${String(credentials.user)}:${String(credentials.password)}`;
				return request;
			}
			default: {
				// Mode None with an allow-list: the caller's address is all there is.
				return this.build(id, c, query, {}, `caller 127.0.0.1 ${c.kind}`);
			}
		}
	}

	/** One change an attacker can make without the secret. */
	private forge(request: FuzzRequest, c: Content): FuzzRequest {
		const random = this.random;
		const credentials = this.setup.credentials;
		const forged = (mutation: string, change: (r: FuzzRequest) => void): FuzzRequest => {
			const copy: FuzzRequest = { ...request, headers: { ...request.headers }, mutation, forged: true };
			change(copy);
			return copy;
		};
		const withQuery = (r: FuzzRequest, edit: (pairs: string[]) => string[]) => {
			const [path, qs = ''] = r.pathAndQuery.split('?');
			const pairs = edit(qs === '' ? [] : qs.split('&'));
			r.pathAndQuery = pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
		};
		const spoof = (r: FuzzRequest) => {
			r.headers[pick(random, ['X-Forwarded-For', 'x-forwarded-for', 'X-Real-IP', 'Forwarded'])] = pick(random, [
				'10.1.2.3',
				'198.51.100.7',
				'198.51.100.7, 10.9.9.9',
				'for=198.51.100.7',
				'127.0.0.1',
			]);
		};
		switch (credentials.authentication) {
			case 'querySecret': {
				if (this.setup.anyAuthentic === false) {
					return forged('spoofed forwarded-for, right secret, caller outside the allow-list', spoof);
				}
				const name = String(credentials.queryParameter);
				const secret = String(credentials.secret);
				const own = (pair: string) => pair.startsWith(`${name}=`);
				const variants: Array<[string, (r: FuzzRequest) => void]> = [
					['secret missing', (r) => withQuery(r, (pairs) => pairs.filter((pair) => !own(pair)))],
					['secret wrong', (r) => withQuery(r, (pairs) => pairs.map((pair) => (own(pair) ? `${name}=${secret.slice(0, -1)}` : pair)))],
					['secret doubled', (r) => withQuery(r, (pairs) => [...pairs, `${name}=${secret}`])],
					['secret doubled, one wrong', (r) => withQuery(r, (pairs) => [`${name}=wrong`, ...pairs])],
					['secret case-changed', (r) => withQuery(r, (pairs) => pairs.map((pair) => (own(pair) ? `${name}=${flipCase(secret)}` : pair)))],
					['parameter name case-changed', (r) => withQuery(r, (pairs) => pairs.map((pair) => (own(pair) ? `${flipCase(name)}=${secret}` : pair)))],
					['secret in a header instead', (r) => {
						withQuery(r, (pairs) => pairs.filter((pair) => !own(pair)));
						r.headers[name] = secret;
					}],
					['secret prefix only', (r) => withQuery(r, (pairs) => pairs.map((pair) => (own(pair) ? `${name}=${secret.slice(0, 6)}` : pair)))],
					['secret empty', (r) => withQuery(r, (pairs) => pairs.map((pair) => (own(pair) ? `${name}=` : pair)))],
				];
				const [mutation, change] = pick(random, variants);
				return forged(mutation, change);
			}
			case 'headerKey': {
				const secret = String(credentials.headerSecret);
				const strip = (r: FuzzRequest) => {
					for (const key of Object.keys(r.headers)) if (key.toLowerCase() === 'x-api-key') delete r.headers[key];
				};
				const variants: Array<[string, (r: FuzzRequest) => void]> = [
					['key missing', strip],
					['key wrong', (r) => (strip(r), (r.headers['x-api-key'] = `${secret}x`))],
					['key case-changed', (r) => (strip(r), (r.headers['x-api-key'] = flipCase(secret)))],
					['key doubled in one header', (r) => (strip(r), (r.headers['x-api-key'] = `${secret}, ${secret}`))],
					['key in the query instead', (r) => (strip(r), withQuery(r, (pairs) => [...pairs, `x-api-key=${secret}`]))],
					['key in Authorization', (r) => (strip(r), (r.headers.Authorization = secret))],
					['key empty', (r) => (strip(r), (r.headers['x-api-key'] = ''))],
				];
				const [mutation, change] = pick(random, variants);
				return forged(mutation, change);
			}
			case 'hmac': {
				const secret = String(credentials.hmacSecret);
				const body = c.body ?? '';
				const variants: Array<[string, (r: FuzzRequest) => void]> = [
					['signature missing', (r) => delete r.headers['x-signature']],
					['signature with another secret', (r) => (r.headers['x-signature'] = hmacHex(`${secret}x`, body))],
					['body changed after signing', (r) => (r.body = `${body} `)],
					['query added to a signed body', (r) => withQuery(r, (pairs) => [...pairs, 'dispo=FORGED'])],
					['signature over the empty body, sent as GET', (r) => {
						r.method = 'GET';
						r.body = undefined;
						r.headers['x-signature'] = hmacHex(secret, '');
						withQuery(r, (pairs) => [...pairs, 'lead_id=9']);
					}],
					['signed body re-sent as GET', (r) => (r.method = 'GET')],
					['signature truncated', (r) => (r.headers['x-signature'] = String(r.headers['x-signature']).slice(0, 20))],
					['signature in upper-case hex', (r) => (r.headers['x-signature'] = hmacHex(secret, body).toUpperCase())],
				];
				const [mutation, change] = pick(random, variants);
				// Upper-case hex of the right body is still the right signature: not a forgery.
				if (mutation === 'signature in upper-case hex') return { ...forged(mutation, change), forged: false };
				return forged(mutation, change);
			}
			case 'signedRequest': {
				const secret = String(credentials.hmacSecret);
				const signedFor = (ts: string, method: string, query: string, body: string) =>
					`sha256=${hmacHex(secret, `${ts}\n${method}\n${this.path}\n${query}\n${body}`)}`;
				const query = request.pathAndQuery.split('?')[1] ?? '';
				const variants: Array<[string, (r: FuzzRequest) => void]> = [
					['query changed after signing', (r) => withQuery(r, (pairs) => [...pairs, 'dispo=FORGED'])],
					['parameters reordered after signing', (r) => withQuery(r, (pairs) => (pairs.length > 1 ? [...pairs].reverse() : [...pairs, 'x=1']))],
					['body changed after signing', (r) => (r.body = `${r.body ?? ''}x`)],
					['method changed after signing', (r) => (r.method = r.method === 'GET' ? 'POST' : 'GET')],
					['timestamp changed after signing', (r) => (r.headers['X-Vicidial-Timestamp'] = String(Number(r.headers['X-Vicidial-Timestamp']) + 1))],
					['stale timestamp, correctly signed', (r) => {
						const ts = String(this.now() - 3_600);
						r.headers['X-Vicidial-Timestamp'] = ts;
						r.headers['X-Vicidial-Signature'] = signedFor(ts, r.method, query, r.body ?? '');
					}],
					['future timestamp, correctly signed', (r) => {
						const ts = String(this.now() + 3_600);
						r.headers['X-Vicidial-Timestamp'] = ts;
						r.headers['X-Vicidial-Signature'] = signedFor(ts, r.method, query, r.body ?? '');
					}],
					['signature missing', (r) => delete r.headers['X-Vicidial-Signature']],
					['timestamp missing', (r) => delete r.headers['X-Vicidial-Timestamp']],
					['signature with another secret', (r) => {
						r.headers['X-Vicidial-Signature'] = `sha256=${hmacHex(`${secret}x`, `${r.headers['X-Vicidial-Timestamp']}\n${r.method}\n${this.path}\n${query}\n${r.body ?? ''}`)}`;
					}],
				];
				// A replay: an earlier authentic request sent again byte for byte, long enough after it
				// (ids 64 apart) that the original has arrived even with several requests in flight.
				const replayable = this.sentSigned.filter((earlier) => earlier.id < request.id - 64 && earlier.id > request.id - 2_000);
				if (replayable.length > 0 && random() < 0.25) {
					const earlier = pick(random, replayable);
					return { ...earlier, id: request.id, headers: { ...earlier.headers, 'x-fuzz-id': String(request.id) }, mutation: 'replayed', forged: true };
				}
				const [mutation, change] = pick(random, variants);
				return forged(mutation, change);
			}
			case 'basicAuth': {
				const user = String(credentials.user);
				const password = String(credentials.password);
				const variants: Array<[string, (r: FuzzRequest) => void]> = [
					['credentials missing', (r) => delete r.auth],
					['password wrong', (r) => (r.auth = `${user}:${password}x`)],
					['password case-changed', (r) => (r.auth = `${user}:${flipCase(password)}`)],
					['user case-changed', (r) => (r.auth = `${flipCase(user)}:${password}`)],
					['password empty', (r) => (r.auth = `${user}:`)],
					['password in the query', (r) => (delete r.auth, withQuery(r, (pairs) => [...pairs, `password=${password}`]))],
					['malformed Authorization', (r) => (delete r.auth, (r.headers.Authorization = `Basic ${Buffer.from(password).toString('base64')}`))],
					['Bearer instead of Basic', (r) => (delete r.auth, (r.headers.Authorization = `Bearer ${password}`))],
				];
				const [mutation, change] = pick(random, variants);
				return forged(mutation, change);
			}
			default:
				return forged('spoofed forwarded-for from an untrusted caller', spoof);
		}
	}
}

/** Whether a request from an allow-list set-up with no authentic caller counts as forged: always. */
export function mustNotRun(setup: AuthSetup, request: FuzzRequest): boolean {
	return request.forged || !setup.anyAuthentic;
}

/** Send a generated request to `origin` (`http://host:port`); resolves with the status, or 0 when the connection failed. */
export async function sendFuzz(origin: string, request: FuzzRequest): Promise<{ status: number; body: string }> {
	const withAuth = request.auth === undefined ? origin : origin.replace('http://', `http://${request.auth.split(':').map(encodeURIComponent).join(':')}@`);
	try {
		const response = await sendRequest(`${withAuth}${request.pathAndQuery}`, {
			method: request.method,
			headers: request.headers,
			body: request.body,
			timeoutMs: 15_000,
		});
		return { status: response.status, body: response.body };
	} catch (error) {
		return { status: 0, body: (error as Error).message };
	}
}
