/**
 * The disposition-sync examples (examples/dispo-sync-hubspot.json and dispo-sync-salesforce.json,
 * issue 13) in a real n8n, with n8n's own HubSpot and Salesforce nodes talking to local
 * stand-ins that record what they receive and answer as those APIs do.
 *
 * HubSpot's node always calls https://api.hubapi.com. This n8n starts with a preload
 * (tlsRedirect.cjs, through NODE_OPTIONS) that sends TLS connections for that host to a local
 * HTTPS stand-in, whose certificate for api.hubapi.com is made here with openssl and signed by a
 * throwaway CA that only this n8n trusts (NODE_EXTRA_CA_CERTS): certificate checks stay on.
 * Salesforce's node calls the `instance_url` of its OAuth2 token data, so its credential is
 * imported with a token whose instance_url is the plain-HTTP stand-in.
 *
 * Each call-out is a Dispo Call URL request as VICIdial sends it, fired at the string the
 * trigger's setup request answers. Each test waits for its execution to finish, then checks the
 * requests the CRM got (an execution that has finished has made all of its requests), and for an
 * unmapped status and a CRM that answers 500 once, the chat alert of examples/error-alert.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { delay, freePort } from '../../scripts/n8n/lib.cjs';
import { loadExample, N8N_VERSION, pointAt, startE2eN8n, type E2eN8n, type ExecutionSummary, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(240_000);

const SECRET = 'e2e-crm-sync-secret-8f2d11';
const HUBSPOT_TOKEN = 'pat-e2e-hubspot-4c9b27';
const SALESFORCE_TOKEN = 'e2e-salesforce-access-71d3a0';
const HUBSPOT_HOST = 'api.hubapi.com';
const RECORDING = '20261122-054828_3125550101_1000';
/** What the examples make of a recording_filename (their recording address, unchanged). */
const recordingLink = (file: string) => `https://dialer.example.com/RECORDINGS/MP3/${file}-all.mp3`;

/**
 * The dialer's clock: SQLdate is server-local and epoch UTC, five hours apart, so the trigger
 * reads SQL dates at UTC-05:00. A callback at 21:00 there is 02:00 UTC the next day.
 */
const SQL_DATE = '2026-11-22 05:50:33';
const EPOCH = String(Date.UTC(2026, 10, 22, 10, 50, 33) / 1000);
const CALLBACK_LOCAL = '2026-11-25 21:00:00';
const CALLBACK_UTC = '2026-11-26T02:00:00.000Z';
/** n8n's message for a node whose API answered HTTP 500. */
const SERVER_ERROR = 'The service was not able to process your request';

interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

interface Answer {
	status: number;
	body?: unknown;
}

/**
 * A stand-in API over HTTP, or HTTPS with the given key and certificate: keeps every request,
 * answers what `answer` says, and 500 once for each request `failOnce` named.
 */
class StandIn {
	readonly received: Received[] = [];
	private readonly failing = new Set<string>();
	private server: Server | undefined;
	port = 0;
	url = '';

	constructor(
		private readonly answer: (method: string, path: string) => Answer,
		private readonly failure: unknown,
		private readonly tls?: { key: string; cert: string },
	) {}

	async start(): Promise<void> {
		const handle = (request: IncomingMessage, response: ServerResponse) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let body: unknown;
				try {
					body = text === '' ? undefined : JSON.parse(text);
				} catch {
					body = { unparsed: text };
				}
				const method = request.method ?? '';
				const path = request.url ?? '';
				this.received.push({ method, path, headers: request.headers, body });
				const key = `${method} ${path}`;
				const reply = this.failing.delete(key) ? { status: 500, body: this.failure } : this.answer(method, path);
				if (reply.body === undefined) {
					response.writeHead(reply.status).end();
				} else {
					response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
				}
			});
		};
		this.server = this.tls ? createHttpsServer(this.tls, handle) : createHttpServer(handle);
		this.port = await freePort();
		await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
		this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
	}

	failOnce(method: string, path: string): void {
		this.failing.add(`${method} ${path}`);
	}

	/** The requests so far that match, once there are `count` of them. */
	async waitFor(match: (hit: Received) => boolean, count = 1, timeoutMs = 30_000): Promise<Received[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const hits = this.received.filter(match);
			if (hits.length >= count) return hits;
			if (Date.now() > deadline) throw new Error(`stand-in: ${hits.length} of ${count} matching requests after ${timeoutMs} ms; got ${JSON.stringify(this.received.map((hit) => `${hit.method} ${hit.path}`))}`);
			await delay(200);
		}
	}

	stop(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** HubSpot's answers to what its n8n node sends (nodes-base Hubspot/V2, both n8n versions). */
function hubspotAnswer(method: string, path: string): Answer {
	const deal = /^\/deals\/v1\/deal\/(\d+)$/.exec(path);
	if (method === 'PUT' && deal) return { status: 200, body: { portalId: 62515, dealId: Number(deal[1]), isDeleted: false, properties: {} } };
	if (method === 'POST' && path === '/engagements/v1/engagements') {
		return { status: 200, body: { engagement: { id: 90001, portalId: 62515, type: 'TASK' }, associations: {}, metadata: {} } };
	}
	if (method === 'POST' && path.startsWith('/contacts/v1/contact/createOrUpdate/email/')) return { status: 200, body: { vid: 7001, isNew: false } };
	if (method === 'GET' && path.startsWith('/contacts/v1/contact/vid/7001/profile')) return { status: 200, body: { vid: 7001, properties: {} } };
	return { status: 404, body: { status: 'error', message: 'resource not found' } };
}

/** Salesforce's REST answers: 204 for an update, 201 with the id for a create. */
function salesforceAnswer(method: string, path: string): Answer {
	if (method === 'PATCH' && /^\/services\/data\/v59\.0\/sobjects\/(opportunity|contact)\/\w+$/.test(path)) return { status: 204 };
	if (method === 'POST' && path === '/services/data/v59.0/sobjects/task') return { status: 201, body: { id: '00T5g00000E2eTaAAA', success: true, errors: [] } };
	return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
}

/** A CA and a certificate for `host` signed by it, made with openssl (node:crypto makes no X.509). */
function makeCertificate(dir: string, host: string): { key: string; cert: string; caFile: string } {
	const openssl = (...args: string[]) => {
		const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.error?.message ?? result.stderr}`);
	};
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=n8n-nodes-vicidial e2e CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
	openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${host}`);
	writeFileSync(join(dir, 'server.ext'), `subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
	openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');
	return { key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.crt'), 'utf8'), caFile: join(dir, 'ca.crt') };
}

describe(`the disposition-sync examples in n8n ${N8N_VERSION}, with stand-ins for HubSpot and Salesforce`, () => {
	const hubspotFlow = loadExample('dispo-sync-hubspot.json');
	const salesforceFlow = loadExample('dispo-sync-salesforce.json');
	const errorAlert = loadExample('error-alert.json');
	const certDir = mkdtempSync(join(tmpdir(), 'crm-sync-'));
	let hubspot: StandIn;
	let salesforce: StandIn;
	let chat: StandIn;
	let n8n: E2eN8n;
	const pasteUrls = new Map<string, string>();
	let calls = 0;

	/** One dispositioned call at the workflow's paste-ready Dispo Call URL; VICIdial gets OK. */
	async function disposition(workflow: WorkflowFixture, values: Record<string, string>): Promise<void> {
		calls += 1;
		const reply = await fireCallout(
			pasteUrls.get(workflow.id) ?? '',
			{ ...SAMPLE_CALLS.dispo, SQLdate: SQL_DATE, epoch: EPOCH, call_id: `M1122334450000${String(calls).padStart(6, '0')}`, uniqueid: `${EPOCH}.${calls}`, ...values },
			{ kind: 'dispo' },
		);
		expect(reply).toMatchObject({ status: 200, body: 'OK' });
	}

	/** The workflow's newest execution, once it has `count` finished ones. */
	async function execution(workflow: WorkflowFixture, count: number): Promise<ExecutionSummary> {
		const list = await n8n.waitForExecutions(workflow.id, count, 60_000);
		expect(list).toHaveLength(count);
		return [...list].sort((a, b) => Number(b.id) - Number(a.id))[0];
	}

	/** The nodes that ran in an execution. */
	async function nodesRun(run: ExecutionSummary): Promise<string[]> {
		return Object.keys((await n8n.execution(run.id)).data?.resultData?.runData ?? {}).sort();
	}

	/** The chat alert the error workflow posted for `workflow` failing at `node`. */
	async function alertFor(workflow: WorkflowFixture, node: string): Promise<Record<string, unknown>> {
		const [hit] = await chat.waitFor((candidate) => {
			const body = candidate.body as Record<string, unknown> | undefined;
			return body?.workflow === workflow.name && body.node === node;
		});
		expect(hit.method).toBe('POST');
		const body = hit.body as Record<string, unknown>;
		for (const secret of [SECRET, HUBSPOT_TOKEN, SALESFORCE_TOKEN]) expect(JSON.stringify(body)).not.toContain(secret);
		return body;
	}

	beforeAll(async () => {
		const certificate = makeCertificate(certDir, HUBSPOT_HOST);
		hubspot = new StandIn(hubspotAnswer, { status: 'error', message: 'internal error', correlationId: 'e2e-500' }, certificate);
		salesforce = new StandIn(salesforceAnswer, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }]);
		chat = new StandIn(() => ({ status: 200, body: { ok: true } }), { ok: false });
		await Promise.all([hubspot.start(), salesforce.start(), chat.start()]);
		pointAt(errorAlert, 'Chat URL', `${chat.url}/chat/errors`);

		n8n = await startE2eN8n({
			label: 'crmSync',
			credentials: [
				{ id: 'vicidialHookExample', name: 'VICIdial hook secret', type: 'vicidialTriggerApi', data: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } },
				{ id: 'hubspotAppTokenExample', name: 'HubSpot account', type: 'hubspotAppToken', data: { appToken: HUBSPOT_TOKEN } },
				{
					id: 'salesforceOAuth2Example',
					name: 'Salesforce account',
					type: 'salesforceOAuth2Api',
					data: {
						environment: 'production',
						clientId: 'e2e-connected-app',
						clientSecret: '',
						oauthTokenData: { access_token: SALESFORCE_TOKEN, refresh_token: 'e2e-refresh', instance_url: salesforce.url, token_type: 'Bearer', scope: 'full refresh_token' },
					},
				},
			],
			workflows: [hubspotFlow, salesforceFlow, errorAlert],
			// n8n 2.x runs an error workflow only when it is published.
			publish: [hubspotFlow.id, salesforceFlow.id, errorAlert.id],
			env: {
				NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(join(__dirname, 'tlsRedirect.cjs'))}`.trim(),
				E2E_TLS_REDIRECT: JSON.stringify({ [HUBSPOT_HOST]: `127.0.0.1:${hubspot.port}` }),
				NODE_EXTRA_CA_CERTS: certificate.caFile,
			},
		});

		for (const workflow of [hubspotFlow, salesforceFlow]) {
			expect(workflow.settings?.errorWorkflow).toBe(errorAlert.id);
			const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-vicidial.vicidialTrigger');
			const productionUrl = n8n.webhookUrl(String(trigger?.webhookId), 'vicidial');
			await n8n.waitForWebhook(productionUrl);
			const lines = (await (await fetch(`${productionUrl}?n8n_setup=1&token=${SECRET}`)).text()).split('\n');
			const pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];
			expect(pasteUrl.startsWith(`VAR${productionUrl}?token=${SECRET}&`)).toBe(true);
			for (const name of ['vendor_lead_code', 'callback_datetime', 'recording_filename', 'SQLdate', 'epoch']) expect(pasteUrl).toContain(`${name}=--A--${name}--B--`);
			pasteUrls.set(workflow.id, pasteUrl);
		}
	});

	afterAll(async () => {
		await n8n?.stop();
		await Promise.all([hubspot?.stop(), salesforce?.stop(), chat?.stop()]);
		rmSync(certDir, { recursive: true, force: true });
	});

	describe('HubSpot', () => {
		const link = recordingLink(RECORDING);

		it('SALE moves the deal to closedwon, with the recording link, through api.hubapi.com with the app token', async () => {
			await disposition(hubspotFlow, { dispo: 'SALE', dispo_name: 'Sale Made', vendor_lead_code: '5551001', recording_filename: RECORDING });
			expect((await execution(hubspotFlow, 1)).status).toBe('success');

			expect(hubspot.received).toHaveLength(1);
			const [hit] = hubspot.received;
			expect({ method: hit.method, path: hit.path, host: hit.headers.host, authorization: hit.headers.authorization }).toEqual({
				method: 'PUT',
				path: '/deals/v1/deal/5551001',
				host: HUBSPOT_HOST,
				authorization: `Bearer ${HUBSPOT_TOKEN}`,
			});
			expect(hit.body).toEqual({
				properties: [
					{ name: 'dealstage', value: 'closedwon' },
					{ name: 'vicidial_recording_url', value: link },
				],
			});
		});

		it('NI moves the deal to closedlost; a call without a recording sends an empty link', async () => {
			await disposition(hubspotFlow, { dispo: 'NI', dispo_name: 'Not Interested', vendor_lead_code: '5551002', recording_filename: '' });
			expect((await execution(hubspotFlow, 2)).status).toBe('success');

			expect(hubspot.received).toHaveLength(2);
			expect(hubspot.received[1]).toMatchObject({
				method: 'PUT',
				path: '/deals/v1/deal/5551002',
				body: { properties: [{ name: 'dealstage', value: 'closedlost' }, { name: 'vicidial_recording_url', value: '' }] },
			});
		});

		it('CALLBK creates a task on the deal, due at the callback time the agent picked', async () => {
			await disposition(hubspotFlow, { dispo: 'CALLBK', dispo_name: 'Call Back', vendor_lead_code: '5551003', callback_datetime: CALLBACK_LOCAL, recording_filename: RECORDING });
			expect((await execution(hubspotFlow, 3)).status).toBe('success');

			expect(hubspot.received).toHaveLength(3);
			const hit = hubspot.received[2];
			expect({ method: hit.method, path: hit.path }).toEqual({ method: 'POST', path: '/engagements/v1/engagements' });
			expect(hit.body).toEqual({
				engagement: { type: 'TASK', timestamp: Date.parse(CALLBACK_UTC) },
				metadata: {
					subject: `Call back Ana O'Neil Smith (3125550101)`,
					body: `VICIdial callback set by agent 1000 on campaign ${String(SAMPLE_CALLS.dispo.campaign)}. Recording: ${link}`,
					status: 'NOT_STARTED',
				},
				associations: { dealIds: ['5551003'] },
			});
		});

		it('DNC sets vicidial_do_not_call on the contact with the lead\'s email, with the recording link', async () => {
			await disposition(hubspotFlow, { dispo: 'DNC', dispo_name: 'Do Not Call', vendor_lead_code: '5551004', email: 'ana.dnc@example.com', recording_filename: RECORDING });
			expect((await execution(hubspotFlow, 4)).status).toBe('success');

			// createOrUpdate by email, then the node reads the contact back.
			expect(hubspot.received).toHaveLength(5);
			const [upsert, read] = hubspot.received.slice(3);
			expect({ method: upsert.method, path: decodeURIComponent(upsert.path) }).toEqual({ method: 'POST', path: '/contacts/v1/contact/createOrUpdate/email/ana.dnc@example.com' });
			expect(upsert.body).toEqual({
				properties: [
					{ property: 'vicidial_do_not_call', value: 'true' },
					{ property: 'vicidial_recording_url', value: link },
				],
			});
			expect({ method: read.method, path: read.path.split('?')[0] }).toEqual({ method: 'GET', path: '/contacts/v1/contact/vid/7001/profile' });
		});

		it('an unmapped status sends nothing to HubSpot and posts an alert naming the status', async () => {
			await disposition(hubspotFlow, { dispo: 'XFER', dispo_name: 'Call Transferred', vendor_lead_code: '5551005' });
			const run = await execution(hubspotFlow, 5);
			expect(run.status).toBe('error');
			expect(await nodesRun(run)).toEqual(['Unmapped Disposition', 'VICIdial Trigger']);
			expect(hubspot.received).toHaveLength(5);

			const alert = await alertFor(hubspotFlow, 'Unmapped Disposition');
			expect(alert.error).toBe('VICIdial disposition XFER (lead 8, agent 1000) has no CRM mapping: add it to the Disposition Mapping of the VICIdial Trigger and wire its output');
			expect(alert.executionUrl).toBe(`${n8n.baseUrl}/workflow/${hubspotFlow.id}/executions/${run.id}`);
		});

		it('HubSpot answering 500 fails the run and posts an alert naming the node', async () => {
			hubspot.failOnce('PUT', '/deals/v1/deal/5551006');
			await disposition(hubspotFlow, { dispo: 'SALE', dispo_name: 'Sale Made', vendor_lead_code: '5551006', recording_filename: RECORDING });
			const run = await execution(hubspotFlow, 6);
			expect(run.status).toBe('error');
			expect(hubspot.received).toHaveLength(6);
			expect(hubspot.received[5]).toMatchObject({ method: 'PUT', path: '/deals/v1/deal/5551006' });

			const alert = await alertFor(hubspotFlow, 'Move the Deal');
			// n8n's words for an HTTP 500 (NodeApiError), the same in both versions.
			expect(alert.error).toBe(SERVER_ERROR);
			expect(alert.text).toBe(`n8n: workflow "${hubspotFlow.name}" failed at node "Move the Deal": ${SERVER_ERROR}\n${String(alert.executionUrl)}`);
			expect(alert.executionUrl).toBe(`${n8n.baseUrl}/workflow/${hubspotFlow.id}/executions/${run.id}`);
		});
	});

	describe('Salesforce', () => {
		const link = recordingLink(RECORDING);
		const api = '/services/data/v59.0/sobjects';

		it('SALE sets the opportunity\'s stage to Closed Won, with the recording link, at the token\'s instance_url', async () => {
			await disposition(salesforceFlow, { dispo: 'SALE', dispo_name: 'Sale Made', vendor_lead_code: '0065g00000SaLeAAA1', source_id: '0035g00000CoNtAAA1', recording_filename: RECORDING });
			expect((await execution(salesforceFlow, 1)).status).toBe('success');

			expect(salesforce.received).toHaveLength(1);
			const [hit] = salesforce.received;
			expect({ method: hit.method, path: hit.path, authorization: hit.headers.authorization }).toEqual({
				method: 'PATCH',
				path: `${api}/opportunity/0065g00000SaLeAAA1`,
				authorization: `Bearer ${SALESFORCE_TOKEN}`,
			});
			expect(hit.body).toEqual({ StageName: 'Closed Won', VICIdial_Recording_URL__c: link });
		});

		it('NI sets the stage to Closed Lost', async () => {
			await disposition(salesforceFlow, { dispo: 'NI', dispo_name: 'Not Interested', vendor_lead_code: '0065g00000LoStAAA2', source_id: '0035g00000CoNtAAA2', recording_filename: RECORDING });
			expect((await execution(salesforceFlow, 2)).status).toBe('success');

			expect(salesforce.received).toHaveLength(2);
			expect(salesforce.received[1]).toMatchObject({ method: 'PATCH', path: `${api}/opportunity/0065g00000LoStAAA2`, body: { StageName: 'Closed Lost', VICIdial_Recording_URL__c: link } });
		});

		it('CALLBK creates a task on the opportunity and contact, due on the dialer\'s callback day with a reminder at the callback time', async () => {
			await disposition(salesforceFlow, {
				dispo: 'CALLBK',
				dispo_name: 'Call Back',
				vendor_lead_code: '0065g00000CaLlAAA3',
				source_id: '0035g00000CoNtAAA3',
				callback_datetime: CALLBACK_LOCAL,
				recording_filename: RECORDING,
			});
			expect((await execution(salesforceFlow, 3)).status).toBe('success');

			expect(salesforce.received).toHaveLength(3);
			const hit = salesforce.received[2];
			expect({ method: hit.method, path: hit.path }).toEqual({ method: 'POST', path: `${api}/task` });
			expect(hit.body).toEqual({
				Status: 'Not Started',
				Subject: `Call back Ana O'Neil Smith (3125550101)`,
				WhatId: '0065g00000CaLlAAA3',
				WhoId: '0035g00000CoNtAAA3',
				// The callback is on the 25th at the dialer, 02:00 UTC on the 26th.
				ActivityDate: '2026-11-25',
				IsReminderSet: true,
				ReminderDateTime: CALLBACK_UTC,
				Description: `VICIdial callback set by agent 1000 on campaign ${String(SAMPLE_CALLS.dispo.campaign)}. Recording: ${link}`,
			});
		});

		it('DNC checks Do Not Call on the contact, with the recording link', async () => {
			await disposition(salesforceFlow, { dispo: 'DNC', dispo_name: 'Do Not Call', vendor_lead_code: '0065g00000DnCcAAA4', source_id: '0035g00000CoNtAAA4', recording_filename: RECORDING });
			expect((await execution(salesforceFlow, 4)).status).toBe('success');

			expect(salesforce.received).toHaveLength(4);
			expect(salesforce.received[3]).toMatchObject({ method: 'PATCH', path: `${api}/contact/0035g00000CoNtAAA4` });
			expect(salesforce.received[3].body).toEqual({ DoNotCall: true, VICIdial_Recording_URL__c: link });
		});

		it('an unmapped status sends nothing to Salesforce and posts an alert naming the status', async () => {
			await disposition(salesforceFlow, { dispo: 'B', dispo_name: 'Busy', vendor_lead_code: '0065g00000BuSyAAA5', source_id: '0035g00000CoNtAAA5' });
			const run = await execution(salesforceFlow, 5);
			expect(run.status).toBe('error');
			expect(await nodesRun(run)).toEqual(['Unmapped Disposition', 'VICIdial Trigger']);
			expect(salesforce.received).toHaveLength(4);

			const alert = await alertFor(salesforceFlow, 'Unmapped Disposition');
			expect(alert.error).toBe('VICIdial disposition B (lead 8, agent 1000) has no CRM mapping: add it to the Disposition Mapping of the VICIdial Trigger and wire its output');
		});

		it('Salesforce answering 500 fails the run and posts an alert naming the node', async () => {
			salesforce.failOnce('PATCH', `${api}/contact/0035g00000CoNtAAA6`);
			await disposition(salesforceFlow, { dispo: 'DNC', dispo_name: 'Do Not Call', vendor_lead_code: '0065g00000DnCcAAA6', source_id: '0035g00000CoNtAAA6', recording_filename: RECORDING });
			const run = await execution(salesforceFlow, 6);
			expect(run.status).toBe('error');
			expect(salesforce.received).toHaveLength(5);
			expect(salesforce.received[4]).toMatchObject({ method: 'PATCH', path: `${api}/contact/0035g00000CoNtAAA6` });

			const alert = await alertFor(salesforceFlow, 'Flag Do Not Call');
			expect(alert.error).toBe(SERVER_ERROR);
			expect(alert.executionUrl).toBe(`${n8n.baseUrl}/workflow/${salesforceFlow.id}/executions/${run.id}`);
		});
	});

	it('the error workflow ran once per failed run, and every run of it succeeded', async () => {
		const runs = await n8n.waitForExecutions(errorAlert.id, 4, 60_000);
		expect(runs.map((run) => [run.mode, run.status])).toEqual(Array(4).fill(['error', 'success']));
		expect(chat.received).toHaveLength(4);
	});
});
