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

function post(headers: Record<string, string>, body = BODY, url = harness.url) {
	return sendRequest(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body,
	});
}

const sign = (body: string, encoding: 'hex' | 'base64', secret = SECRET) =>
	createHmac('sha256', secret).update(body).digest(encoding);

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

	// Issue 17 §2: the signature covers the body only, yet query fields reached the item.
	describe('lets nothing unsigned reach the item', () => {
		const hmac = { authentication: 'hmac', hmacHeaderName: 'x-signature', hmacSecret: SECRET, hmacEncoding: 'hex' };

		it('refuses a validly signed POST that carries query fields', async () => {
			await start(hmac);
			expectRefused(await post({ 'x-signature': sign(BODY, 'hex') }, BODY, `${harness.url}?dispo=FORGED`), 401);
			expectRefused(await post({ 'x-signature': sign(BODY, 'hex') }, BODY, `${harness.url}?lead_id=9`), 401);
		});

		it('refuses a GET whose signature covers the empty body, with or without query fields', async () => {
			await start(hmac);
			const emptySigned = { 'x-signature': sign('', 'hex') };
			expectRefused(await sendRequest(`${harness.url}?lead_id=8&dispo=FORGED`, { headers: emptySigned }), 401);
			expectRefused(await sendRequest(harness.url, { headers: emptySigned }), 401);
			expectRefused(await post(emptySigned, ''), 401);
		});

		it('refuses the signed body re-sent as a GET (the method is not signed)', async () => {
			await start(hmac);
			const asGet = await sendRequest(harness.url, {
				method: 'GET',
				headers: { 'Content-Type': 'application/json', 'x-signature': sign(BODY, 'hex') },
				body: BODY,
			});
			expectRefused(asGet, 401);
		});

		it('keeps a changed event_id in the query out of the duplicate key', async () => {
			await start(hmac);
			const body = JSON.stringify({ id: 'evt_1', event: 'call.completed', data: { lead_id: 8, dispo: 'SALE' } });
			const signature = { 'x-signature': sign(body, 'hex') };
			expect(await post(signature, body)).toMatchObject({ status: 200, body: 'OK' });
			expect(await post(signature, body, `${harness.url}?event_id=evt_2`)).toMatchObject({ status: 401 });
			expect(await post(signature, body)).toMatchObject({ status: 200, body: 'OK duplicate' });
			expect(harness.runs).toHaveLength(1);
			expect(harness.lastItems[0]).toMatchObject({ eventId: 'evt_1', raw: { query: {} } });
		});

		it('still answers the setup request, which starts nothing', async () => {
			await start(hmac);
			const setup = await sendRequest(`${harness.url}?n8n_setup=1`, { headers: { 'x-signature': sign('', 'hex') } });
			expect(setup.status).toBe(200);
			expect(setup.body).toContain('Paste this exact string:');
			expect(harness.runs).toHaveLength(0);
		});
	});
});

describe('the three senders of other-dialers.md, exactly as they send', () => {
	it('Dialer.CX: hex HMAC-SHA256 of the raw body in X-Webhook-Signature, no timestamp', async () => {
		await start({ authentication: 'hmac', hmacHeaderName: 'X-Webhook-Signature', hmacSecret: SECRET, hmacEncoding: 'hex' });
		// The vendor's own example, spaces included: the signature is over these bytes.
		const body =
			'{"event": "call.ended", "timestamp": "2026-03-07T15:30:00Z", "data": {"call_id": "12345", "agent": "jsmith", "phone_number": "5551234567", "duration": 180, "disposition": "SALE", "campaign": "Q1-Sales"}}';
		const response = await sendRequest(harness.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Webhook-Signature': sign(body, 'hex') },
			body,
		});
		expect(response).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0]).toMatchObject({
			eventName: 'call.ended',
			eventTime: '2026-03-07T15:30:00.000Z',
			fields: { call_id: '12345', agent: 'jsmith', disposition: 'SALE', campaign: 'Q1-Sales' },
		});
	});

	it('the cloud PBX: GET or POST, JSON or form, a shared secret in a header of its choosing', async () => {
		await start({ authentication: 'headerKey', headerName: 'X-PBX-Secret', headerSecret: SECRET });
		const headers = { 'X-PBX-Secret': SECRET };
		expect(await sendRequest(`${harness.url}?trigger=call_received&caller=3125550101&did=8005550100`, { headers })).toMatchObject({
			status: 200,
		});
		expect(harness.lastItems[0].fields).toMatchObject({ trigger: 'call_received', caller: '3125550101' });
		const form = await sendRequest(harness.url, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'trigger=hangup&caller=3125550102&duration=42',
		});
		expect(form).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].fields).toMatchObject({ trigger: 'hangup', caller: '3125550102' });
		const json = await sendRequest(harness.url, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': 'application/json' },
			body: JSON.stringify({ trigger: 'missed', caller: '3125550103' }),
		});
		expect(json).toMatchObject({ status: 200 });
		expect(harness.runs).toHaveLength(3);
	});

	it('the hosted contact center: an Authorization-style header or an x-api-key header', async () => {
		const body = JSON.stringify({
			call_id: 88123,
			call_date: '2023-06-27 13:22:18',
			lead_id: 8,
			call_result: -1,
			agent_disp: -1,
			agent_id: 0,
			call_type: 'Outbound',
			phone: '3125550101',
			camp_id: 12,
			is_abandoned: false,
			call_final_event: null,
			callback_time: null,
		});
		await start({ authentication: 'headerKey', headerName: 'Authorization', headerSecret: `hcc-client-8842 ${SECRET}` });
		expect(await post({ Authorization: `hcc-client-8842 ${SECRET}` }, body)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0].fields).toMatchObject({ call_id: 88123, call_type: 'Outbound', is_abandoned: false });
		await harness.close();
		await start({ authentication: 'headerKey', headerName: 'x-api-key', headerSecret: SECRET });
		expect(await post({ 'x-api-key': SECRET }, body)).toMatchObject({ status: 200, body: 'OK' });
	});
});

describe('signed request: timestamp, method, path, query and body', () => {
	const QUERY = 'lead_id=8&campaign=TESTCAMP';
	const SIGNED_BODY = JSON.stringify({ event: 'call.completed', data: { dispo: 'SALE' } });
	const path = () => new URL(harness.url).pathname;
	// The scheme written out as the README gives it, not taken from verify.ts.
	const signature = (ts: string, method: string, query: string, body: string) =>
		createHmac('sha256', SECRET).update(`${ts}\n${method}\n${path()}\n${query}\n${body}`).digest('hex');
	const nowSeconds = () => String(Math.floor(Date.now() / 1000));

	/** Sends `sent`, signed as `signed` describes (by default the same request). */
	function send(
		sent: { method?: string; query?: string; body?: string; ts?: string } = {},
		signed: { method?: string; query?: string; body?: string; ts?: string } = {},
	) {
		const method = sent.method ?? 'POST';
		const query = sent.query ?? QUERY;
		const body = sent.body ?? SIGNED_BODY;
		const ts = sent.ts ?? nowSeconds();
		const hex = signature(signed.ts ?? ts, signed.method ?? method, signed.query ?? query, signed.body ?? body);
		return sendRequest(`${harness.url}${query === '' ? '' : `?${query}`}`, {
			method,
			headers: { 'Content-Type': 'application/json', 'X-Vicidial-Timestamp': ts, 'X-Vicidial-Signature': `sha256=${hex}` },
			body: body === '' ? undefined : body,
		});
	}

	beforeEach(async () => {
		await start({ authentication: 'signedRequest', hmacSecret: SECRET });
	});

	it('passes a signed POST, and its query and body fields reach the item', async () => {
		expect(await send()).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0]).toMatchObject({
			eventName: 'call.completed',
			fields: { lead_id: 8, campaign: 'TESTCAMP', dispo: 'SALE' },
		});
	});

	it('refuses a changed query, body, method or timestamp with 401 and starts nothing', async () => {
		// The unchanged request passes, so each 401 below is the change's doing.
		expect(await send()).toMatchObject({ status: 200 });
		harness.runs.length = 0;
		expectRefused(await send({ query: 'lead_id=8&campaign=FORGED' }, { query: QUERY }), 401);
		expectRefused(await send({ query: `${QUERY}&event_id=evt_2` }, { query: QUERY }), 401);
		expectRefused(await send({ body: SIGNED_BODY.replace('SALE', 'FORGED') }, { body: SIGNED_BODY }), 401);
		expectRefused(await send({ method: 'GET' }, { method: 'POST' }), 401);
		const ts = nowSeconds();
		expectRefused(await send({ ts: String(Number(ts) + 1) }, { ts }), 401);
	});

	it('refuses an old timestamp even when it is correctly signed', async () => {
		expect(await send({ ts: String(Math.floor(Date.now() / 1000) - 60) })).toMatchObject({ status: 200 });
		harness.runs.length = 0;
		expectRefused(await send({ ts: String(Math.floor(Date.now() / 1000) - 3600) }), 401);
	});

	it('refuses the same signed request a second time', async () => {
		const ts = nowSeconds();
		expect(await send({ ts })).toMatchObject({ status: 200, body: 'OK' });
		expect(await send({ ts })).toMatchObject({ status: 401, body: 'Unauthorized' });
		expect(harness.runs).toHaveLength(1);
	});

	it('passes a signed GET carrying its fields in the query', async () => {
		expect(await send({ method: 'GET', query: 'lead_id=9&dispo=NI', body: '' })).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].fields).toMatchObject({ lead_id: 9, dispo: 'NI' });
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

		// Issue 17 §2: Trust Proxy with no proxies listed used to believe the header from anyone.
		await start(withList('198.51.100.0/24', { trustProxy: true }), 'dispo');
		expectRefused(await spoofed(), 403);
		await harness.close();

		await start(withList('198.51.100.0/24', { trustProxy: true, trustedProxies: '127.0.0.1' }), 'dispo');
		expect(await spoofed()).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].request).toEqual({ method: 'GET', ip: '198.51.100.7' });
	});

	it('says in each item that Trust Proxy without proxies ignores the header', async () => {
		await start(withList('127.0.0.1', { trustProxy: true }), 'dispo');
		const response = await sendRequest(`${harness.url}?lead_id=8&token=${SECRET}`, {
			headers: { 'X-Forwarded-For': '198.51.100.7' },
		});
		expect(response).toMatchObject({ status: 200 });
		expect(harness.lastItems[0].request).toEqual({ method: 'GET', ip: '127.0.0.1' });
		expect(harness.lastItems[0].warnings).toContainEqual(expect.stringContaining('Trusted Proxies is empty'));
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
