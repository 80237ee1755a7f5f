/**
 * The two call-outs the workflow answers (issue 12) in a real n8n: the shipped screen-pop example
 * (examples/screen-pop.json) with a local CRM stand-in, fired as the agent screen loads the Web
 * Form, and the DID Filter URL answered by a Set node, with the safe answer when the run is too
 * slow (a Wait node) or fails (Stop and Error). With Chromium present (scripts/n8n/
 * ensure-chromium.sh), a page on 127.0.0.1 frames the production URL as the agent screen does
 * and must show the card's text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createRequire } from 'node:module';

import { buildHookUrl } from '../../nodes/VicidialTrigger/hooks';
import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { freePort } from '../../scripts/n8n/lib.cjs';
import { hookSecretCredential, N8N_VERSION, requireInstall, startE2eN8n, type E2eN8n, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(240_000);

const SECRET = 'e2e-answered-secret-6d2a';
const FILTER_HOOK = 'e2e-did-filter';
const SLOW_HOOK = 'e2e-did-filter-slow';
const FAIL_HOOK = 'e2e-did-filter-fail';

/** The CRM: `GET /api/contacts?phone=` answers the contact for 3125550199, none for others. */
class Crm {
	readonly lookups: string[] = [];
	private server: Server | undefined;
	url = '';

	async start(): Promise<void> {
		const port = await freePort();
		this.server = createServer((request, response) => {
			const url = new URL(request.url ?? '/', 'http://crm');
			this.lookups.push(url.search);
			const known = url.searchParams.get('phone') === '3125550199';
			const contacts = known ? [{ name: 'Ann <script>alert(1)</script> Smith', account: 'A-10018', url: 'https://crm.example.com/contacts/10018' }] : [];
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ contacts }));
		});
		await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${port}/api/contacts`;
	}

	stop(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

const screenPop = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'screen-pop.json'), 'utf8')) as WorkflowFixture;

function filterWorkflow(id: string, webhookId: string, middle: WorkflowFixture['nodes'], options: Record<string, unknown> = {}): WorkflowFixture {
	const trigger = {
		id: `${id}-trigger`,
		name: 'VICIdial Trigger',
		type: 'n8n-nodes-vicidial.vicidialTrigger',
		typeVersion: 2,
		position: [0, 0] as [number, number],
		webhookId,
		parameters: { event: 'didFilter', options },
		credentials: { vicidialTriggerApi: { id: 'vicidialHookExample', name: 'VICIdial hook secret' } },
	};
	const nodes = [trigger, ...middle];
	const connections: WorkflowFixture['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: `DID filter ${id}`, nodes, connections, settings: { executionOrder: 'v1' } } as WorkflowFixture;
}

const decide = {
	id: 'e2eFilterDecide',
	name: 'VIP?',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [220, 0] as [number, number],
	parameters: {
		assignments: { assignments: [{ id: 'a1', name: 'answer', value: "={{ $json.fields.phone_number === '3125550199' ? '8005550199' : '0' }}", type: 'string' }] },
		options: {},
	},
};
const decided = filterWorkflow('e2eDidFilter1', FILTER_HOOK, [decide]);
const slow = filterWorkflow('e2eDidFilterSlow', SLOW_HOOK, [
	{ id: 'e2eWait', name: 'Slow CRM', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [220, 0], webhookId: 'e2e-wait-hook', parameters: { amount: 2, unit: 'seconds' } },
	{ ...decide, id: 'e2eFilterDecide2', position: [440, 0] },
], { answerTimeout: 0.5, safeAnswer: '8005550000' });
const failing = filterWorkflow('e2eDidFilterFail', FAIL_HOOK, [
	{ id: 'e2eStop', name: 'CRM Down', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, position: [220, 0], parameters: { errorMessage: 'CRM did not answer' } },
]);

/** Debian's Chromium, when scripts/n8n/ensure-chromium.sh has installed it. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path !== undefined && existsSync(path));

describe(`the answered call-outs in n8n ${N8N_VERSION}`, () => {
	let crm: Crm;
	let n8n: E2eN8n;
	const webFormUrl = () => n8n.webhookUrl(screenPop.nodes.find((node) => node.name === 'VICIdial Trigger')?.webhookId ?? '', 'vicidial');
	const template = (kind: 'webForm' | 'didFilter', url: string) =>
		buildHookUrl({ kind, webhookUrl: url, variables: kind === 'webForm' ? ['lead_id', 'vendor_lead_code', 'phone_number', 'first_name', 'last_name', 'campaign', 'call_id'] : undefined, querySecret: { name: 'token', value: SECRET } });

	beforeAll(async () => {
		crm = new Crm();
		await crm.start();
		const setNode = screenPop.nodes.find((node) => node.name === 'CRM URL');
		const assignments = (setNode?.parameters.assignments as { assignments: { value: string }[] }).assignments;
		assignments[0].value = crm.url;
		n8n = await startE2eN8n({
			label: 'answered',
			credentials: [hookSecretCredential('vicidialHookExample', 'VICIdial hook secret', SECRET)],
			workflows: [screenPop, decided, slow, failing],
			publish: [screenPop.id, decided.id, slow.id, failing.id],
		});
		await n8n.waitForWebhook(webFormUrl());
		await n8n.waitForWebhook(n8n.webhookUrl(FILTER_HOOK, 'vicidial'));
	});

	afterAll(async () => {
		await n8n?.stop();
		await crm?.stop();
	});

	it('screen pop, found: the contact card, escaped, with the link to the record', async () => {
		const response = await fireCallout(template('webForm', webFormUrl()), { ...SAMPLE_CALLS.webForm, phone_number: '3125550199' }, { kind: 'webForm' });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/^text\/html/);
		expect(response.body).toContain('Ann &lt;script&gt;alert(1)&lt;/script&gt; Smith');
		expect(response.body).not.toMatch(/<script/i);
		expect(response.body).toContain('href="https://crm.example.com/contacts/10018"');
		expect(response.body).toContain('<dd>A-10018</dd>');
		expect(response.body).not.toContain(SECRET);
		expect(crm.lookups.at(-1)).toContain('vendor_lead_code=CRM-10018');
	});

	it('screen pop, not found: "No record: create one" with the caller\'s number', async () => {
		const response = await fireCallout(template('webForm', webFormUrl()), { ...SAMPLE_CALLS.webForm, phone_number: '3125550777' }, { kind: 'webForm' });
		expect(response.status).toBe(200);
		expect(response.body).toContain('No CRM record for 3125550777');
		expect(response.body).toContain(`href="${crm.url}/new?phone=3125550777"`);
		expect(response.body).toContain('No record: create one');
	});

	it('DID filter: the workflow\'s answer, a DID for the VIP and 0 for others', async () => {
		const url = template('didFilter', n8n.webhookUrl(FILTER_HOOK, 'vicidial'));
		const vip = await fireCallout(url, SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(vip).toMatchObject({ status: 200, body: '8005550199' });
		expect(vip.headers['x-vicidial-answer']).toBe('workflow');
		const other = await fireCallout(url, { ...SAMPLE_CALLS.didFilter, phone_number: '3125550100' }, { kind: 'didFilter' });
		expect(other).toMatchObject({ status: 200, body: '0' });
	});

	it('DID filter: the safe answer after the timeout, and when the run fails', async () => {
		const began = Date.now();
		const late = await fireCallout(template('didFilter', n8n.webhookUrl(SLOW_HOOK, 'vicidial')), SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(Date.now() - began).toBeLessThan(1900);
		expect(late).toMatchObject({ status: 200, body: '8005550000' });
		expect(late.headers['x-vicidial-answer']).toBe('timeout');
		const failed = await fireCallout(template('didFilter', n8n.webhookUrl(FAIL_HOOK, 'vicidial')), SAMPLE_CALLS.didFilter, { kind: 'didFilter' });
		expect(failed).toMatchObject({ status: 200, body: '0' });
		expect(failed.headers['x-vicidial-answer']).toBe('error');
		// The slow run went on to its end; n8n's late answer was absorbed, not an error.
		const executions = await n8n.waitForExecutions(slow.id, 1, 20_000);
		expect(executions[0].status).toBe('success');
	});

	(CHROMIUM ? it : it.skip)('renders the card inside an IFRAME, as the agent screen frames the Web Form', async () => {
		const install = requireInstall();
		const playwright = createRequire(join(install.dir, 'node_modules', 'n8n', 'package.json'))('playwright-core') as {
			chromium: { launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<{ newPage(): Promise<BrowserPage>; close(): Promise<void> }> };
		};
		const src = `${webFormUrl()}?token=${SECRET}&phone_number=3125550199&vendor_lead_code=CRM-10018&first_name=Ann&last_name=Smith`;
		const port = await freePort();
		const agentScreen = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'text/html' });
			response.end(`<!DOCTYPE html><html><body><h1>Agent screen</h1><iframe name="vcFormIFrame" id="vcFormIFrame" width="700" height="400" src="${src.replace(/&/g, '&amp;')}"></iframe></body></html>`);
		});
		await new Promise<void>((resolve) => agentScreen.listen(port, '127.0.0.1', resolve));
		const browser = await playwright.chromium.launch({ executablePath: CHROMIUM ?? '', headless: true, args: ['--no-sandbox'] });
		try {
			const page = await browser.newPage();
			await page.goto(`http://127.0.0.1:${port}/`);
			const frame = await (await page.waitForSelector('#vcFormIFrame')).contentFrame();
			await frame?.waitForSelector('h1', { timeout: 15_000 });
			expect(await frame?.textContent('h1')).toBe('Ann <script>alert(1)</script> Smith');
			expect(await frame?.textContent('dl')).toContain('A-10018');
		} finally {
			await browser.close();
			await new Promise<void>((resolve) => agentScreen.close(() => resolve()));
		}
	});
});

interface BrowserFrame {
	waitForSelector(selector: string, options?: { timeout: number }): Promise<unknown>;
	textContent(selector: string): Promise<string | null>;
}

interface BrowserPage {
	goto(url: string): Promise<unknown>;
	waitForSelector(selector: string): Promise<{ contentFrame(): Promise<BrowserFrame | null> }>;
}
