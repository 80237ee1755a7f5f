import { createHmac } from 'node:crypto';

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
	safeEqual,
	secretsOf,
	verifyBasic,
	verifyHeaderKey,
	verifyHmac,
	verifyQuerySecret,
	verifyRequest,
} from '../../nodes/VicidialTrigger/verify';

const SECRET = 'k7Qw9zR2pL4x';

function config(overrides: Partial<AuthConfig> = {}): AuthConfig {
	return { ...authConfigFrom({ secret: SECRET }), ...overrides };
}

function request(overrides: Partial<AuthRequest> = {}): AuthRequest {
	return { query: [], form: [], headers: {}, rawBody: Buffer.alloc(0), remoteAddress: '127.0.0.1', ...overrides };
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

	it('takes the rightmost hop when only the direct peer is trusted', () => {
		expect(clientAddress(config({ trustProxy: true }), headers, '10.0.0.9')).toBe('10.0.0.5');
	});

	it('skips trusted proxies right to left, and ignores the header from an untrusted peer', () => {
		const trusted = config({ trustProxy: true, trustedProxies: '10.0.0.0/24' });
		expect(clientAddress(trusted, headers, '10.0.0.9')).toBe('198.51.100.7');
		expect(clientAddress(trusted, headers, '203.0.113.1')).toBe('203.0.113.1');
		expect(clientAddress(config({ trustProxy: true, forwardedForHeader: 'x-real-ip' }), { 'x-real-ip': '192.0.2.4' }, '10.0.0.9')).toBe(
			'192.0.2.4',
		);
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
