/**
 * Each authentication mode passing and failing over real HTTP, and the IP allow-list with and
 * without a trusted proxy. A refused caller gets 401 (403 for the allow-list) and no run.
 */
import { createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { buildHookUrl } from '../../nodes/VicidialTrigger/hooks';
import { fireAgentEvent, fireCallout, fireHook, SAMPLE_CALLS, sendRequest } from '../../simulator/hooks.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const BODY = JSON.stringify({ event: 'call.completed', timestamp: 1795326633, data: { lead_id: 8, dispo: 'SALE' } });

let harness: TriggerHarness;

async function start(credentials: ICredentialDataDecryptedObject, event = 'customPost', host?: string): Promise<void> {
	harness = await TriggerHarness.start({ credentials, parameters: { event }, host });
}

afterEach(async () => {
	await harness.close();
});

function post(headers: Record<string, string>, body = BODY) {
	return sendRequest(harness.url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body,
	});
}

function expectRefused(response: { status: number; body: string }, status: 401 | 403): void {
	expect(response.status).toBe(status);
	expect(response.body).toBe(status === 401 ? 'Unauthorized' : 'Forbidden');
	expect(harness.runs).toHaveLength(0);
}

describe('shared secret in the query string', () => {
	const credentials = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };

	it('passes the secret VICIdial carries through unchanged', async () => {
		await start(credentials, 'dispo');
		const url = buildHookUrl({ kind: 'dispo', webhookUrl: harness.url, variables: ['lead_id'], querySecret: { name: 'token', value: SECRET } });
		expect(await fireCallout(url, SAMPLE_CALLS.dispo)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
	});

	it('refuses a wrong, missing, repeated or misnamed secret', async () => {
		await start(credentials, 'dispo');
		expectRefused(await fireHook(`${harness.url}?lead_id=8&token=wrong`), 401);
		expectRefused(await fireHook(`${harness.url}?lead_id=8`), 401);
		expectRefused(await fireHook(`${harness.url}?token=${SECRET}&token=${SECRET}`), 401);
		expectRefused(await fireHook(`${harness.url}?secret=${SECRET}`), 401);
	});

	it('refuses everything while the credential has no secret', async () => {
		await start({ authentication: 'querySecret', queryParameter: 'token', secret: '' }, 'dispo');
		expectRefused(await fireHook(`${harness.url}?token=`), 401);
	});
});

describe('header key', () => {
	it('passes x-api-key and refuses a wrong or absent one', async () => {
		await start({ authentication: 'headerKey', headerName: 'x-api-key', headerSecret: SECRET });
		expect(await post({ 'x-api-key': SECRET })).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
		harness.runs.length = 0;
		expectRefused(await post({ 'x-api-key': `${SECRET}x` }), 401);
		expectRefused(await post({}), 401);
		expectRefused(await post({ authorization: SECRET }), 401);
	});

	it('passes an Authorization bearer value', async () => {
		await start({ authentication: 'headerKey', headerName: 'Authorization', headerSecret: `Bearer ${SECRET}` });
		expect(await post({ Authorization: `Bearer ${SECRET}` })).toMatchObject({ status: 200 });
		harness.runs.length = 0;
		expectRefused(await post({ Authorization: 'Bearer wrong' }), 401);
	});

	it('reaches n8n through get2post.php headers= for Agent Events Push', async () => {
		await start({ authentication: 'headerKey', headerName: 'x-api-key', headerSecret: 'Abc.123-key_Z' }, 'agentEvents');
		const url = buildHookUrl({ kind: 'agentEvents', webhookUrl: harness.url, header: { name: 'x-api-key', value: 'Abc.123-key_Z' } });
		expect(await fireAgentEvent(url, SAMPLE_CALLS.agentEvents)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0]).toMatchObject({ agentEvent: 'dispo_set' });
	});
});

describe('HMAC-SHA256 over the raw body', () => {
	const sign = (body: string, encoding: 'hex' | 'base64', secret = SECRET) =>
		createHmac('sha256', secret).update(body).digest(encoding);

	it('passes hex (with or without sha256=) and refuses a tampered body', async () => {
		await start({ authentication: 'hmac', hmacHeaderName: 'x-signature', hmacSecret: SECRET, hmacEncoding: 'hex' });
		expect(await post({ 'x-signature': sign(BODY, 'hex') })).toMatchObject({ status: 200 });
		const other = BODY.replace('"lead_id":8', '"lead_id":9');
		expect(await post({ 'x-signature': `sha256=${sign(other, 'hex')}` }, other)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(2);
		harness.runs.length = 0;
		expectRefused(await post({ 'x-signature': sign(BODY, 'hex') }, BODY.replace('SALE', 'NI')), 401);
		expectRefused(await post({ 'x-signature': sign(BODY, 'hex', 'other-secret') }), 401);
		expectRefused(await post({}), 401);
	});

	it('passes base64 in a configured header', async () => {
		await start({ authentication: 'hmac', hmacHeaderName: 'X-Dialer-Signature', hmacSecret: SECRET, hmacEncoding: 'base64' });
		expect(await post({ 'X-Dialer-Signature': sign(BODY, 'base64') })).toMatchObject({ status: 200 });
		harness.runs.length = 0;
		expectRefused(await post({ 'X-Dialer-Signature': sign(BODY, 'hex') }), 401);
	});
});

describe('HTTP Basic', () => {
	const credentials = { authentication: 'basicAuth', user: 'vicidial', password: 'p@ss:w0rd-long' };

	it('passes the user:password@ VICIdial sends from the pasted URL', async () => {
		await start(credentials, 'dispo');
		const url = buildHookUrl({
			kind: 'dispo',
			webhookUrl: harness.url,
			variables: ['lead_id'],
			basicAuth: { user: 'vicidial', password: 'p@ss:w0rd-long' },
		});
		expect(url).toContain('//vicidial:p%40ss%3Aw0rd-long@127.0.0.1');
		expect(await fireCallout(url, SAMPLE_CALLS.dispo)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0].fields).toEqual({ lead_id: 8 });
	});

	it('refuses a wrong password with a Basic challenge', async () => {
		await start(credentials, 'dispo');
		const response = await fireHook(harness.url.replace('http://', 'http://vicidial:wrong@'));
		expectRefused(response, 401);
		expect(response.headers['www-authenticate']).toBe('Basic realm="VICIdial Trigger"');
	});
});

describe('IP allow-list', () => {
	const withList = (allowedIps: string, extra: ICredentialDataDecryptedObject = {}) => ({
		authentication: 'querySecret',
		queryParameter: 'token',
		secret: SECRET,
		allowedIps,
		...extra,
	});
	const call = () => fireHook(`${harness.url}?lead_id=8&token=${SECRET}`);

	it('passes a caller inside an IPv4 range and refuses one outside with 403', async () => {
		await start(withList('10.0.0.0/8, 127.0.0.0/30'), 'dispo');
		expect(await call()).toMatchObject({ status: 200 });
		await harness.close();
		await start(withList('10.0.0.0/8'), 'dispo');
		expectRefused(await call(), 403);
	});

	it('refuses before the secret is checked', async () => {
		await start(withList('10.0.0.0/8'), 'dispo');
		expectRefused(await fireHook(`${harness.url}?token=wrong`), 403);
	});

	it('ignores forwarded-for unless the proxy is trusted', async () => {
		await start(withList('198.51.100.0/24'), 'dispo');
		const spoofed = () =>
			sendRequest(`${harness.url}?lead_id=8&token=${SECRET}`, { headers: { 'X-Forwarded-For': '198.51.100.7' } });
		expectRefused(await spoofed(), 403);
		await harness.close();

		await start(withList('198.51.100.0/24', { trustProxy: true }), 'dispo');
		expect(await spoofed()).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].request).toEqual({ method: 'GET', ip: '198.51.100.7' });
	});

	it('reads the chain only from a listed proxy', async () => {
		const proxied = () =>
			sendRequest(`${harness.url}?lead_id=8&token=${SECRET}`, {
				headers: { 'X-Forwarded-For': '198.51.100.7, 10.9.9.9' },
			});
		await start(withList('198.51.100.0/24', { trustProxy: true, trustedProxies: '127.0.0.1, 10.9.9.0/24' }), 'dispo');
		expect(await proxied()).toMatchObject({ status: 200 });
		await harness.close();

		// n8n sees the caller directly (127.0.0.1), which is not a listed proxy: the header is ignored.
		await start(withList('198.51.100.0/24', { trustProxy: true, trustedProxies: '10.9.9.0/24' }), 'dispo');
		expectRefused(await proxied(), 403);
	});

	it('matches IPv6 callers against IPv6 ranges', async () => {
		await start(withList('::1/128'), 'dispo', '::1');
		expect(await call()).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].request).toEqual({ method: 'GET', ip: '::1' });
		await harness.close();
		await start(withList('2001:db8::/32, 127.0.0.1'), 'dispo', '::1');
		expectRefused(await call(), 403);
	});

	it('mode None lets the listed addresses in and refuses all without a list', async () => {
		await start({ authentication: 'none', allowedIps: '127.0.0.1' }, 'dispo');
		expect(await fireHook(`${harness.url}?lead_id=8`)).toMatchObject({ status: 200 });
		await harness.close();
		await start({ authentication: 'none', allowedIps: '' }, 'dispo');
		expectRefused(await fireHook(`${harness.url}?lead_id=8`), 403);
	});
});
