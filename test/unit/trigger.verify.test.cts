import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	type AuthConfig,
	type AuthRequest,
	authConfigFrom,
	cidrContains,
	clientAddress,
	configProblems,
	ipInRanges,
	parseCidr,
	parseCidrList,
	parseIp,
	proxyWarning,
	REPLAY_WINDOW_SECONDS,
	safeEqual,
	secretsOf,
	verifyBasic,
	verifyHeaderKey,
	verifyHmac,
	verifyQuerySecret,
	verifyRequest,
	verifySignedRequest,
} from '../../nodes/VicidialTrigger/verify';

const SECRET = 'k7Qw9zR2pL4x';

function config(overrides: Partial<AuthConfig> = {}): AuthConfig {
	return { ...authConfigFrom({ secret: SECRET }), ...overrides };
}

/** 2026-11-22T05:50:33Z in ms: a fixed arrival time keeps the replay-window tests exact. */
const NOW = 1_795_326_633_000;
const PATH = '/webhook/b7e3c1d2-vicidial-hook/vicidial';

function request(overrides: Partial<AuthRequest> = {}): AuthRequest {
	return {
		method: 'GET',
		path: PATH,
		rawQuery: '',
		query: [],
		form: [],
		headers: {},
		rawBody: Buffer.alloc(0),
		remoteAddress: '127.0.0.1',
		now: NOW,
		...overrides,
	};
}

const sign = (body: string, secret: string, encoding: 'hex' | 'base64') =>
	createHmac('sha256', secret).update(body).digest(encoding);

describe('safeEqual', () => {
	it('compares any lengths and never matches an empty expected value', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(false);
		expect(safeEqual(Buffer.from('x'), 'x')).toBe(true);
	});
});

describe('verifyQuerySecret', () => {
	it('accepts the secret once in the query or in the form body', () => {
		expect(verifyQuerySecret(request({ query: [['lead_id', '8'], ['token', SECRET]] }), 'token', SECRET)).toBe(true);
		expect(verifyQuerySecret(request({ form: [['token', SECRET]] }), 'token', SECRET)).toBe(true);
	});

	it('refuses a wrong, missing, repeated or unconfigured secret', () => {
		expect(verifyQuerySecret(request({ query: [['token', 'wrong']] }), 'token', SECRET)).toBe(false);
		expect(verifyQuerySecret(request({ query: [['TOKEN', SECRET]] }), 'token', SECRET)).toBe(false);
		expect(verifyQuerySecret(request(), 'token', SECRET)).toBe(false);
		expect(verifyQuerySecret(request({ query: [['token', SECRET], ['token', SECRET]] }), 'token', SECRET)).toBe(false);
		expect(verifyQuerySecret(request({ query: [['token', SECRET]], form: [['token', 'x']] }), 'token', SECRET)).toBe(false);
		expect(verifyQuerySecret(request({ query: [['token', '']] }), 'token', '')).toBe(false);
	});
});

describe('verifyHeaderKey', () => {
	it('finds the header whatever the case of its configured name', () => {
		expect(verifyHeaderKey({ 'x-api-key': SECRET }, 'X-API-Key', SECRET)).toBe(true);
		expect(verifyHeaderKey({ authorization: `Bearer ${SECRET}` }, 'Authorization', `Bearer ${SECRET}`)).toBe(true);
	});

	it('refuses a wrong, absent or repeated header', () => {
		expect(verifyHeaderKey({ 'x-api-key': 'nope' }, 'x-api-key', SECRET)).toBe(false);
		expect(verifyHeaderKey({}, 'x-api-key', SECRET)).toBe(false);
		expect(verifyHeaderKey({ 'x-api-key': [SECRET, SECRET] }, 'x-api-key', SECRET)).toBe(false);
		expect(verifyHeaderKey({ authorization: SECRET }, 'authorization', `Bearer ${SECRET}`)).toBe(false);
	});
});

describe('verifyHmac', () => {
	const body = Buffer.from('{"event":"call.completed","data":{"lead_id":8}}');

	it('accepts hex, base64 and a sha256= prefix', () => {
		const hex = sign(body.toString(), SECRET, 'hex');
		expect(verifyHmac(body, { 'x-signature': hex }, 'x-signature', SECRET, 'hex')).toBe(true);
		expect(verifyHmac(body, { 'x-signature': `sha256=${hex.toUpperCase()}` }, 'x-signature', SECRET, 'hex')).toBe(true);
		const b64 = sign(body.toString(), SECRET, 'base64');
		expect(verifyHmac(body, { 'x-hub-sig': b64 }, 'X-Hub-Sig', SECRET, 'base64')).toBe(true);
	});

	it('signs the empty body of a GET', () => {
		const empty = sign('', SECRET, 'hex');
		expect(verifyHmac(Buffer.alloc(0), { 'x-signature': empty }, 'x-signature', SECRET, 'hex')).toBe(true);
	});

	it('refuses a tampered body, another secret, the wrong encoding or garbage', () => {
		const hex = sign(body.toString(), SECRET, 'hex');
		expect(verifyHmac(Buffer.from(`${body.toString()} `), { 'x-signature': hex }, 'x-signature', SECRET, 'hex')).toBe(false);
		expect(verifyHmac(body, { 'x-signature': sign(body.toString(), 'other-secret', 'hex') }, 'x-signature', SECRET, 'hex')).toBe(false);
		expect(verifyHmac(body, { 'x-signature': hex }, 'x-signature', SECRET, 'base64')).toBe(false);
		expect(verifyHmac(body, { 'x-signature': hex.slice(0, 40) }, 'x-signature', SECRET, 'hex')).toBe(false);
		expect(verifyHmac(body, { 'x-signature': 'not a signature' }, 'x-signature', SECRET, 'base64')).toBe(false);
		expect(verifyHmac(body, {}, 'x-signature', SECRET, 'hex')).toBe(false);
		expect(verifyHmac(body, { 'x-signature': hex }, 'x-signature', '', 'hex')).toBe(false);
	});
});

describe('verifyBasic', () => {
	const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });

	it('accepts the user and a password holding a colon', () => {
		expect(verifyBasic(basic('vici:pa:ss'), 'vici', 'pa:ss')).toBe(true);
	});

	it('refuses a wrong user or password, another scheme, or no colon', () => {
		expect(verifyBasic(basic('vici:wrong'), 'vici', 'pa:ss')).toBe(false);
		expect(verifyBasic(basic('other:pa:ss'), 'vici', 'pa:ss')).toBe(false);
		expect(verifyBasic({ authorization: 'Bearer abc' }, 'vici', 'pa:ss')).toBe(false);
		expect(verifyBasic(basic('vicipass'), 'vici', 'pass')).toBe(false);
		expect(verifyBasic(basic(':'), '', '')).toBe(false);
	});
});

describe('addresses and ranges', () => {
	it('parses IPv4, IPv6 and IPv4-mapped IPv6', () => {
		expect(parseIp('192.0.2.10')).toEqual([192, 0, 2, 10]);
		expect(parseIp('::ffff:192.0.2.10')).toEqual([192, 0, 2, 10]);
		expect(parseIp('::1')).toEqual([...new Array(15).fill(0), 1]);
		expect(parseIp('2001:db8::8:800:200c:417a')).toEqual([
			0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0x08, 0x08, 0, 0x20, 0x0c, 0x41, 0x7a,
		]);
		expect(parseIp('fe80::1%eth0')?.slice(0, 2)).toEqual([0xfe, 0x80]);
		for (const bad of ['256.1.1.1', '1.2.3', '1::2::3', '12345::', 'abc', '', '1.2.3.4.5', '1:2:3:4:5:6:7:8:9']) {
			expect(parseIp(bad)).toBeUndefined();
		}
	});

	it('matches CIDR ranges bit by bit', () => {
		const range = parseCidr('10.20.0.0/14');
		expect(range).toEqual({ bytes: [10, 20, 0, 0], prefix: 14 });
		expect(cidrContains(range!, parseIp('10.23.255.1')!)).toBe(true);
		expect(cidrContains(range!, parseIp('10.24.0.1')!)).toBe(false);
		expect(ipInRanges('2001:db8:1::5', [parseCidr('2001:db8::/32')!])).toBe(true);
		expect(ipInRanges('2001:db9::5', [parseCidr('2001:db8::/32')!])).toBe(false);
		expect(ipInRanges('::ffff:127.0.0.1', [parseCidr('127.0.0.0/8')!])).toBe(true);
		expect(ipInRanges('127.0.0.1', [parseCidr('::1')!])).toBe(false);
		expect(ipInRanges(undefined, [parseCidr('0.0.0.0/0')!])).toBe(false);
		expect(parseCidr('10.0.0.0/33')).toBeUndefined();
		expect(parseCidr('::/129')).toBeUndefined();
		expect(parseCidrList('10.0.0.0/8, ::1 bogus;192.0.2.1')).toEqual({
			ranges: [parseCidr('10.0.0.0/8'), parseCidr('::1'), parseCidr('192.0.2.1')],
			invalid: ['bogus'],
		});
	});
});

describe('clientAddress', () => {
	const headers = { 'x-forwarded-for': '198.51.100.7, 10.0.0.5' };

	it('ignores forwarded-for unless a proxy is trusted', () => {
		expect(clientAddress(config(), headers, '10.0.0.9')).toBe('10.0.0.9');
	});

	// Issue 17 §2: with no proxies listed the header used to be believed from anyone.
	it('ignores forwarded-for while Trusted Proxies is empty, whoever sends it', () => {
		expect(clientAddress(config({ trustProxy: true }), headers, '10.0.0.9')).toBe('10.0.0.9');
		expect(clientAddress(config({ trustProxy: true }), { 'x-forwarded-for': '198.51.100.7' }, '203.0.113.66')).toBe(
			'203.0.113.66',
		);
	});

	it('takes the rightmost hop when the direct peer is the one listed proxy', () => {
		expect(clientAddress(config({ trustProxy: true, trustedProxies: '10.0.0.9' }), headers, '10.0.0.9')).toBe('10.0.0.5');
	});

	it('skips trusted proxies right to left, and ignores the header from an untrusted peer', () => {
		const trusted = config({ trustProxy: true, trustedProxies: '10.0.0.0/24' });
		expect(clientAddress(trusted, headers, '10.0.0.9')).toBe('198.51.100.7');
		expect(clientAddress(trusted, headers, '203.0.113.1')).toBe('203.0.113.1');
		const realIp = config({ trustProxy: true, trustedProxies: '10.0.0.9', forwardedForHeader: 'x-real-ip' });
		expect(clientAddress(realIp, { 'x-real-ip': '192.0.2.4' }, '10.0.0.9')).toBe('192.0.2.4');
	});
});

describe('verifyRequest', () => {
	const good = request({ query: [['token', SECRET]] });

	it('passes the right secret and reports the client address', () => {
		expect(verifyRequest(config(), good)).toEqual({ ok: true, clientIp: '127.0.0.1' });
	});

	it('answers 403 for an address outside the allow-list, before checking the secret', () => {
		const verdict = verifyRequest(config({ allowedIps: '10.0.0.0/8' }), request({ query: [['token', 'wrong']] }));
		expect(verdict).toMatchObject({ ok: false, status: 403 });
	});

	it('answers 401 for a wrong secret inside the allow-list', () => {
		expect(verifyRequest(config({ allowedIps: '127.0.0.0/8' }), request({ query: [['token', 'x']] }))).toMatchObject({
			ok: false,
			status: 401,
		});
	});

	it('fails closed on a broken allow-list, mode none without one, and an unknown mode', () => {
		expect(verifyRequest(config({ allowedIps: '127.0.0.1, nonsense' }), good)).toMatchObject({ status: 403 });
		expect(verifyRequest(config({ mode: 'none' }), good)).toMatchObject({ status: 403 });
		expect(verifyRequest(config({ mode: 'none', allowedIps: '127.0.0.1' }), request())).toEqual({ ok: true, clientIp: '127.0.0.1' });
		expect(verifyRequest(authConfigFrom({ authentication: 'magic', secret: SECRET }), good)).toMatchObject({ status: 401 });
	});
});

describe('body HMAC covers everything that reaches the item', () => {
	const hmac = config({ mode: 'hmac', hmacSecret: SECRET });
	const body = '{"event":"call.ended","data":{"call_id":"12345","disposition":"SALE"}}';
	const signed = (overrides: Partial<AuthRequest> = {}, signedBody = body) =>
		request({
			method: 'POST',
			rawBody: Buffer.from(signedBody),
			headers: { 'x-signature': sign(signedBody, SECRET, 'hex') },
			...overrides,
		});

	it('accepts a signed POST body sent to the bare URL', () => {
		expect(verifyRequest(hmac, signed())).toEqual({ ok: true, clientIp: '127.0.0.1' });
	});

	it('refuses a validly signed body that comes with query fields', () => {
		for (const query of [[['dispo', 'FORGED']], [['event_id', 'evt_other']], [['n8n_setup', '1'], ['dispo', 'X']]] as const) {
			const rawQuery = query.map(([name, value]) => `${name}=${value}`).join('&');
			expect(verifyRequest(hmac, signed({ query, rawQuery }))).toMatchObject({ ok: false, status: 401 });
		}
	});

	it('refuses a GET, whose empty body has one signature anyone who saw it can replay', () => {
		const emptySigned = { 'x-signature': sign('', SECRET, 'hex') };
		expect(verifyRequest(hmac, request({ headers: emptySigned }))).toMatchObject({ ok: false, status: 401 });
		expect(
			verifyRequest(hmac, request({ headers: emptySigned, query: [['dispo', 'FORGED']], rawQuery: 'dispo=FORGED' })),
		).toMatchObject({ ok: false, status: 401 });
		expect(verifyRequest(hmac, signed({ method: 'GET' }))).toMatchObject({ ok: false, status: 401 });
		expect(verifyRequest(hmac, request({ method: 'POST', headers: emptySigned }))).toMatchObject({ ok: false, status: 401 });
	});

	it('lets n8n\'s setup parameter through alone (it starts no run)', () => {
		const setup = request({ headers: { 'x-signature': sign('', SECRET, 'hex') }, query: [['n8n_setup', '1']], rawQuery: 'n8n_setup=1' });
		expect(verifyRequest(hmac, setup)).toEqual({ ok: true, clientIp: '127.0.0.1' });
	});
});

describe('verifySignedRequest', () => {
	const TS = String(NOW / 1000);
	const QUERY = 'lead_id=8&dispo=SALE';
	const BODY = '{"event":"call.ended","data":{"lead_id":8}}';
	// Written out here rather than taken from verify.ts, so a change of the scheme fails the test.
	const signature = (ts: string, method: string, path: string, query: string, body: string, secret = SECRET) =>
		createHmac('sha256', secret).update(`${ts}\n${method}\n${path}\n${query}\n${body}`).digest('hex');
	const signedBy = (parts: { ts?: string; method?: string; path?: string; query?: string; body?: string } = {}) => ({
		'x-vicidial-timestamp': parts.ts ?? TS,
		'x-vicidial-signature': `sha256=${signature(parts.ts ?? TS, parts.method ?? 'POST', parts.path ?? PATH, parts.query ?? QUERY, parts.body ?? BODY)}`,
	});
	const sent = (overrides: Partial<AuthRequest> = {}) =>
		request({ method: 'POST', rawQuery: QUERY, rawBody: Buffer.from(BODY), headers: signedBy(), ...overrides });

	it('accepts the signature of timestamp, method, path, query and body, with or without sha256=', () => {
		expect(verifySignedRequest(sent(), SECRET)).toEqual({ ok: true, signature: signature(TS, 'POST', PATH, QUERY, BODY) });
		const bare = { ...signedBy(), 'x-vicidial-signature': signature(TS, 'POST', PATH, QUERY, BODY).toUpperCase() };
		expect(verifySignedRequest(sent({ headers: bare }), SECRET)).toMatchObject({ ok: true });
		const get = request({ headers: signedBy({ method: 'GET', query: '', body: '' }) });
		expect(verifySignedRequest(get, SECRET)).toMatchObject({ ok: true });
	});

	it('refuses a changed query, body, method, path or timestamp', () => {
		expect(verifySignedRequest(sent({ rawQuery: 'lead_id=8&dispo=FORGED' }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ rawQuery: `${QUERY}&event_id=x` }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ rawQuery: '' }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ rawBody: Buffer.from(BODY.replace('8', '9')) }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ method: 'GET' }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ path: '/webhook/other/vicidial' }), SECRET)).toMatchObject({ ok: false });
		const shifted = { ...signedBy(), 'x-vicidial-timestamp': String(Number(TS) + 1) };
		expect(verifySignedRequest(sent({ headers: shifted }), SECRET)).toMatchObject({ ok: false });
	});

	it(`refuses a timestamp more than ${REPLAY_WINDOW_SECONDS} s away, even when correctly signed`, () => {
		const at = (offset: number) => sent({ headers: signedBy({ ts: String(Number(TS) + offset) }) });
		expect(verifySignedRequest(at(-REPLAY_WINDOW_SECONDS), SECRET)).toMatchObject({ ok: true });
		expect(verifySignedRequest(at(REPLAY_WINDOW_SECONDS), SECRET)).toMatchObject({ ok: true });
		expect(verifySignedRequest(at(-REPLAY_WINDOW_SECONDS - 1), SECRET)).toEqual({ ok: false, reason: 'timestamp outside the replay window' });
		expect(verifySignedRequest(at(REPLAY_WINDOW_SECONDS + 1), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(at(-86_400), SECRET)).toMatchObject({ ok: false });
	});

	it('fails closed on a missing header, a malformed timestamp, an unknown query or no secret', () => {
		const { 'x-vicidial-timestamp': _ts, ...noTimestamp } = signedBy();
		const { 'x-vicidial-signature': _sig, ...noSignature } = signedBy();
		expect(verifySignedRequest(sent({ headers: noTimestamp }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ headers: noSignature }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ headers: signedBy({ ts: `${TS}.5` }) }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ rawQuery: undefined }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent(), '')).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent(), 'another-secret')).toMatchObject({ ok: false });
	});

	it('accepts the public URL\'s path when a proxy strips a prefix', () => {
		const headers = signedBy({ path: `/n8n${PATH}` });
		expect(verifySignedRequest(sent({ headers }), SECRET)).toMatchObject({ ok: false });
		expect(verifySignedRequest(sent({ headers, publicPath: `/n8n${PATH}` }), SECRET)).toMatchObject({ ok: true });
	});

	it('is a mode of verifyRequest that hands back the signature for the replay check', () => {
		const signed = config({ mode: 'signedRequest', hmacSecret: SECRET });
		expect(verifyRequest(signed, sent())).toEqual({
			ok: true,
			clientIp: '127.0.0.1',
			replayKey: signature(TS, 'POST', PATH, QUERY, BODY),
		});
		expect(verifyRequest(signed, sent({ method: 'PUT' }))).toMatchObject({ ok: false, status: 401 });
		expect(authConfigFrom({ authentication: 'signedRequest', hmacSecret: SECRET }).mode).toBe('signedRequest');
	});

	it('signs the README\'s worked example as the README says', () => {
		const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
		const example = /SECRET='([^']+)'[\s\S]*?TS=(\d+)[\s\S]*?URL_PATH='([^']+)'[\s\S]*?QUERY='([^']*)'[\s\S]*?BODY='([^']*)'/.exec(readme);
		expect(example).not.toBeNull();
		const [, secret, ts, path, query, body] = example!;
		const expected = signature(ts, 'POST', path, query, body, secret);
		expect(readme).toContain(`sha256=${expected}`);
		const headers = { 'x-vicidial-timestamp': ts, 'x-vicidial-signature': `sha256=${expected}` };
		const documented = request({ method: 'POST', path, rawQuery: query, rawBody: Buffer.from(body), headers, now: Number(ts) * 1000 });
		expect(verifySignedRequest(documented, secret)).toMatchObject({ ok: true });
	});
});

describe('Trust Proxy with no proxies listed', () => {
	const spoofed = request({ headers: { 'x-forwarded-for': '198.51.100.7' }, query: [['token', SECRET]], rawQuery: `token=${SECRET}` });

	it('does not let a spoofed forwarded-for through the allow-list', () => {
		expect(verifyRequest(config({ allowedIps: '198.51.100.0/24', trustProxy: true }), spoofed)).toMatchObject({
			ok: false,
			status: 403,
		});
		expect(
			verifyRequest(config({ allowedIps: '198.51.100.0/24', trustProxy: true, trustedProxies: '127.0.0.1' }), spoofed),
		).toEqual({ ok: true, clientIp: '198.51.100.7' });
	});

	it('is named by the credential test and the warning the items carry', () => {
		const warning = proxyWarning(config({ trustProxy: true }));
		expect(warning).toContain('Trusted Proxies is empty');
		expect(configProblems(config({ trustProxy: true }))).toEqual([warning]);
		expect(proxyWarning(config({ trustProxy: true, trustedProxies: '10.0.0.5' }))).toBeUndefined();
		expect(proxyWarning(config())).toBeUndefined();
		expect(configProblems(config({ trustProxy: true, trustedProxies: '10.0.0.5' }))).toEqual([]);
	});
});

describe('authConfigFrom and configProblems', () => {
	it('fills documented defaults and ignores mistyped values', () => {
		const parsed = authConfigFrom({ secret: 5, trustProxy: 'yes' });
		expect(parsed).toMatchObject({
			mode: 'querySecret',
			queryParameter: 'token',
			secret: '',
			headerName: 'x-api-key',
			hmacHeaderName: 'x-signature',
			hmacEncoding: 'hex',
			trustProxy: false,
			forwardedForHeader: 'x-forwarded-for',
		});
	});

	it('names what is missing or weak', () => {
		expect(configProblems(config())).toEqual([]);
		expect(configProblems(config({ secret: 'short' }))).toEqual(['Secret is shorter than 12 characters']);
		expect(configProblems(config({ mode: 'hmac' }))).toEqual(['Signing Secret is empty']);
		expect(configProblems(config({ mode: 'signedRequest' }))).toEqual(['Signing Secret is empty']);
		expect(configProblems(config({ mode: 'signedRequest', hmacSecret: SECRET }))).toEqual([]);
		expect(configProblems(config({ mode: 'basicAuth', user: 'a:b', password: SECRET }))).toEqual([
			'User is empty or contains ":"',
		]);
		expect(configProblems(config({ mode: 'none' }))).toEqual(['Mode "None" needs an IP Allow-List']);
		expect(configProblems(config({ allowedIps: '10.0.0.0/8 x' }))).toEqual([
			'IP Allow-List entries are not addresses or ranges: x',
		]);
		expect(configProblems(config({ queryParameter: 'to ken' }))).toEqual([
			'Parameter Name must be letters, digits, "_", "." or "-"',
		]);
	});

	it('lists every secret long enough to redact by value', () => {
		expect(secretsOf(config({ hmacSecret: 'hmac-secret-1', password: 'abc' }))).toEqual([SECRET, 'hmac-secret-1']);
	});
});
