/**
 * The editor test: playwright-core drives Debian's Chromium (scripts/n8n/ensure-chromium.sh;
 * no browser is downloaded) against a real n8n with our package. It logs in through the sign-in
 * form, searches the node panel for "VICIdial", finds the three nodes, opens each one and checks
 * that its fields render, and saves screenshots to docs/screenshots/ for the README. With its
 * own n8n it also fires two dispositions at the published dispositions example and opens the
 * executions: the trigger's parsed output, the setup page's paste string, and a VICIdial node
 * refused in plain words (a lead that does not exist).
 *
 *   bash scripts/n8n/ensure-chromium.sh && npx tsx scripts/n8n/browser.cts
 *   npx tsx scripts/n8n/browser.cts --url=http://127.0.0.1:5678   (a running `npm start`)
 *
 * Without --url it starts its own n8n (test/e2e/harness.cts) with the simulator, the simulator
 * credential and examples/ imported. Exits 1 on the first failed check, with a screenshot of it
 * in docs/screenshots/failure.png.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { fireCallout, SAMPLE_CALLS } from '../../simulator/hooks.cjs';
import { startSimulator } from '../../simulator/server.cjs';
import { startE2eN8n, type CredentialFixture, type E2eN8n, type WorkflowFixture } from '../../test/e2e/harness.cjs';
import { DEFAULT_N8N_VERSION, OWNER, ROOT, n8nInstall, run } from './lib.cjs';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The parts of playwright-core's API used here (its own types come with the package). */
interface Locator {
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string): Promise<void>;
	first(): Locator;
	nth(index: number): Locator;
	count(): Promise<number>;
	allInnerTexts(): Promise<string[]>;
	innerText(): Promise<string>;
	waitFor(options?: { state?: 'visible' | 'attached' | 'hidden'; timeout?: number }): Promise<void>;
	locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
}

interface Page {
	goto(url: string): Promise<unknown>;
	locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
	getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
	frameLocator(selector: string): { locator(selector: string, options?: { hasText?: string | RegExp }): Locator };
	waitForURL(predicate: (url: URL) => boolean, options?: { timeout?: number }): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
	keyboard: { press(key: string): Promise<void> };
	on(event: 'pageerror', listener: (error: Error) => void): void;
}

interface BrowserContext {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}

interface PlaywrightCore {
	chromium: {
		launchPersistentContext(
			userDataDir: string,
			options: { executablePath: string; headless: boolean; args: string[]; viewport: { width: number; height: number } },
		): Promise<BrowserContext>;
	};
}

/**
 * playwright-core from the project's devDependencies when present; until then the copy n8n
 * 2.8.4 itself installs (@langchain/community → playwright → playwright-core 1.65.1).
 */
function loadPlaywright(): PlaywrightCore {
	const candidates = [join(ROOT, 'package.json'), join(n8nInstall(DEFAULT_N8N_VERSION).dir, 'package.json')];
	for (const from of candidates) {
		try {
			return createRequire(from)('playwright-core') as PlaywrightCore;
		} catch {
			// Not installed from there; try the next place.
			continue;
		}
	}
	throw new Error('playwright-core is not installed: add it as a devDependency (or install n8n: bash scripts/n8n/install.sh)');
}

function check(condition: boolean, message: string): void {
	if (!condition) throw new Error(message);
}

/** A "From list" dropdown of the open node, and an entry it must offer (loaded from the dialer). */
interface ListCheck {
	parameter: string;
	entry: RegExp;
}

/** What the parameter panel of an open node shows, with the labels we expect in it. */
async function checkNodePanel(page: Page, nodeLabel: string, expectedLabels: string[], screenshot: string, list?: ListCheck): Promise<void> {
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 15_000 });
	await page.waitForTimeout(800);
	const text = await ndv.innerText();
	for (const label of expectedLabels) check(text.includes(label), `${nodeLabel}: the panel does not show "${label}"`);
	// n8n shows these when a node type or its parameters fail to load.
	for (const problem of ['Install this node to use it', 'This node is not currently installed', 'Could not load', 'There was a problem loading the parameter']) {
		check(!text.includes(problem), `${nodeLabel}: the panel says "${problem}"`);
	}
	const inputs = await ndv.locator('[data-test-id^="parameter-input"]').count();
	check(inputs > 0, `${nodeLabel}: no parameter inputs rendered`);
	if (list) {
		// The dropdown runs the node's listSearch method in n8n, through the credential, against the simulator.
		await ndv.locator(`[data-test-id="resource-locator-${list.parameter}"] [data-test-id="rlc-input"]`).click();
		const entry = page.locator('[data-test-id="rlc-item"]', { hasText: list.entry }).first();
		await entry.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
			throw new Error(`${nodeLabel}: the ${list.parameter} list does not offer ${list.entry}`);
		});
		await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
	} else {
		await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
	}
	process.stdout.write(`  ${nodeLabel}: ${inputs} parameter inputs, labels ${expectedLabels.join(', ')} -> docs/screenshots/${screenshot}\n`);
	await page.locator('[data-test-id="ndv-close-button"]').first().click();
	await ndv.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The node panel (node creator), searched for "VICIdial". */
async function searchNodePanel(page: Page): Promise<void> {
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.waitFor({ state: 'visible', timeout: 10_000 });
	const input = (await search.locator('input').count()) > 0 ? search.locator('input').first() : search;
	await input.fill('VICIdial');
	await page.waitForTimeout(800);
}

async function openCreator(page: Page): Promise<void> {
	const plus = page.locator('[data-test-id="canvas-plus-button"]');
	if ((await plus.count()) > 0) await plus.first().click();
	else await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
}

/** Clicks a node's entry in the searched panel and then one of its actions or triggers. */
async function pickAction(page: Page, nodeName: RegExp, action: string): Promise<void> {
	await openCreator(page);
	await searchNodePanel(page);
	await page.locator('[data-test-id="node-creator-item-name"]', { hasText: nodeName }).first().click();
	await page.waitForTimeout(600);
	const item = page.locator('[data-test-id="node-creator-action-item"], [data-test-id="item-iterator-item"]', { hasText: action }).first();
	if ((await item.count()) === 0) {
		// Actions are folded under "Actions (n)" until opened.
		await page.getByText(/^Actions \(\d+\)$/).first().click();
		await page.waitForTimeout(400);
	}
	await item.click();
}

/** The example the execution screenshots come from, and the hook secret of the editor test's credential. */
const DISPO_EXAMPLE = 'vicidialDispoSync1';
const EDITOR_SECRET = 'editor-test-secret-0123';

/** What the execution checks need from the n8n the editor test started. */
interface ExecutionSource {
	n8n: E2eN8n;
	/** The dispositions example's trigger webhook id. */
	webhookId: string;
}

/** Opens one execution of `workflowId` and the node `nodeName` in it; checks the panel shows `expected`. */
async function checkExecution(page: Page, baseUrl: string, workflowId: string, executionId: string, nodeName: string, expected: RegExp[], screenshot: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}/executions/${executionId}`);
	// The execution preview is the canvas in an iframe.
	const frame = page.frameLocator('iframe');
	const node = frame.locator('[data-test-id="canvas-node"]', { hasText: nodeName }).first();
	await node.waitFor({ state: 'visible', timeout: 20_000 });
	await page.waitForTimeout(800);
	await node.dblclick();
	const ndv = frame.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 15_000 });
	await page.waitForTimeout(1200);
	const text = await ndv.innerText();
	for (const pattern of expected) check(pattern.test(text), `execution ${executionId}, node ${nodeName}: the panel does not show ${pattern}`);
	await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
	process.stdout.write(`  execution ${executionId}, ${nodeName} -> docs/screenshots/${screenshot}\n`);
}

async function runExecutionChecks(page: Page, baseUrl: string, source: ExecutionSource): Promise<void> {
	process.stdout.write('> the setup page and two executions of the dispositions example\n');
	const productionUrl = source.n8n.webhookUrl(source.webhookId, 'vicidial');
	await source.n8n.waitForWebhook(productionUrl);
	await page.goto(`${productionUrl}?n8n_setup=1&token=${EDITOR_SECRET}`);
	const setup = await page.locator('body').innerText();
	check(setup.includes('Paste this exact string:'), `the setup page does not give the paste string: ${setup.slice(0, 300)}`);
	await page.screenshot({ path: join(SCREENSHOTS, 'trigger-setup-page.png') });
	process.stdout.write('  setup page -> docs/screenshots/trigger-setup-page.png\n');
	const lines = setup.split('\n').map((line) => line.trim());
	const pasteUrl = lines[lines.indexOf('Paste this exact string:') + 1];

	const fire = async (values: Record<string, string>) => {
		const before = (await source.n8n.executions(DISPO_EXAMPLE)).length;
		const reply = await fireCallout(pasteUrl, { ...SAMPLE_CALLS.dispo, ...values });
		check(reply.body.trim() === 'OK', `the trigger answered ${reply.status} ${reply.body}`);
		const [latest] = await source.n8n.waitForExecutions(DISPO_EXAMPLE, before + 1, 30_000);
		return latest;
	};
	const sale = await fire({ lead_id: '1', phone_number: '7275551212', dispo: 'SALE', dispo_name: 'Sale Made', uniqueid: '1795300000.501', talk_time: '184' });
	check(sale.status === 'success', `the SALE execution is ${sale.status}`);
	await checkExecution(page, baseUrl, DISPO_EXAMPLE, sale.id, 'VICIdial Trigger', [/outcome/, /Closed Won/, /7275551212/], 'execution-dispo-trigger.png');

	// Lead 999999 does not exist: update_lead is refused, and the node says so in plain words.
	const refused = await fire({ lead_id: '999999', phone_number: '3125550123', dispo: 'NI', dispo_name: 'Not Interested', uniqueid: '1795300000.502' });
	check(refused.status === 'error', `the execution for a lead that does not exist is ${refused.status}, not error`);
	await checkExecution(page, baseUrl, DISPO_EXAMPLE, refused.id, 'Note the Outcome on the Lead', [/update_lead/i, /999999/], 'execution-vicidial-error.png');
}

async function runEditorChecks(baseUrl: string, workflowIds: string[], executions?: ExecutionSource): Promise<void> {
	const playwright = loadPlaywright();
	const chromium = (await run('bash', [join(ROOT, 'scripts', 'n8n', 'ensure-chromium.sh')])).stdout.trim().split('\n').pop() ?? '/usr/bin/chromium';
	mkdirSync(SCREENSHOTS, { recursive: true });
	const profile = join(ROOT, '.cache', `chromium-profile-${process.pid}`);
	const context = await playwright.chromium.launchPersistentContext(profile, {
		executablePath: chromium,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1280, height: 800 },
	});
	const pageErrors: string[] = [];
	const page = await context.newPage();
	page.on('pageerror', (error) => pageErrors.push(error.message));
	try {
		process.stdout.write('> signing in\n');
		await page.goto(`${baseUrl}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 20_000 });

		process.stdout.write('> searching the node panel for "VICIdial"\n');
		await page.goto(`${baseUrl}/workflow/new`);
		await openCreator(page);
		await searchNodePanel(page);
		const names = await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
		const found = names.map((name) => name.trim());
		check(found.includes('VICIdial') && found.includes('VICIdial Agent'), `the node panel lists ${JSON.stringify(found)}, not VICIdial and VICIdial Agent`);
		await page.screenshot({ path: join(SCREENSHOTS, 'node-panel-search.png') });

		// n8n folds "VICIdial Trigger" into the "VICIdial" entry: its triggers sit above the actions.
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^VICIdial$/ }).first().click();
		await page.waitForTimeout(800);
		const details = await page.locator('[data-test-id="node-creator"]').innerText();
		check(/Triggers \(\d+\)/.test(details), 'the VICIdial entry shows no triggers: VICIdial Trigger is missing');
		check(details.includes('On dispo call url'), 'the VICIdial entry does not offer "On dispo call url"');
		check(/Actions \(\d+\)/.test(details), 'the VICIdial entry shows no actions');
		await page.screenshot({ path: join(SCREENSHOTS, 'node-panel-vicidial.png') });
		await page.keyboard.press('Escape');

		process.stdout.write('> opening each node\n');
		await pickAction(page, /^VICIdial$/, 'On dispo call url');
		await checkNodePanel(page, 'VICIdial Trigger', ['Event', 'Dispo Call URL', 'Disposition Mapping'], 'vicidial-trigger-node.png');

		await pickAction(page, /^VICIdial$/, 'Add a lead');
		await checkNodePanel(page, 'VICIdial', ['Resource', 'Operation', 'Phone Number'], 'vicidial-node.png');

		await pickAction(page, /^VICIdial Agent$/, 'Pause or resume an agent');
		await checkNodePanel(page, 'VICIdial Agent', ['Resource', 'Operation', 'Agent User'], 'vicidial-agent-node.png', {
			parameter: 'agentUser',
			// The simulator's logged-in agent (simulator/state.cts).
			entry: /1000/,
		});

		for (const id of workflowIds) {
			await page.goto(`${baseUrl}/workflow/${id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 15_000 });
			await page.waitForTimeout(1000);
			await page.screenshot({ path: join(SCREENSHOTS, `workflow-${id}.png`) });
			process.stdout.write(`  workflow ${id} -> docs/screenshots/workflow-${id}.png\n`);
		}
		if (executions) await runExecutionChecks(page, baseUrl, executions);
		check(pageErrors.length === 0, `the editor threw: ${pageErrors.join(' | ')}`);
	} catch (error) {
		await page.screenshot({ path: join(SCREENSHOTS, 'failure.png') }).catch(() => undefined);
		throw error;
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

function exampleWorkflows(): WorkflowFixture[] {
	const dir = join(ROOT, 'examples');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowFixture)
		.filter((workflow) => typeof workflow.id === 'string');
}

async function main(): Promise<void> {
	const urlFlag = process.argv.find((arg) => arg.startsWith('--url='));
	if (urlFlag) {
		await runEditorChecks(urlFlag.slice('--url='.length).replace(/\/$/, ''), []);
		return;
	}
	const sim = await startSimulator();
	const workflows = exampleWorkflows();
	// Credentials carry the ids the examples reference, so their nodes open without warnings.
	const refs = new Map<string, { id: string; name: string }>();
	for (const workflow of workflows) {
		for (const node of workflow.nodes) for (const [type, ref] of Object.entries(node.credentials ?? {})) refs.set(type, ref);
	}
	// The CRM examples' credentials hold placeholders: the editor test only opens those nodes.
	const data: Record<string, CredentialFixture['data']> = {
		vicidialApi: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n' },
		vicidialTriggerApi: { authentication: 'querySecret', queryParameter: 'token', secret: EDITOR_SECRET },
		hubspotAppToken: { appToken: 'editor-test-placeholder' },
		salesforceOAuth2Api: {
			environment: 'production',
			clientId: 'editor-test-placeholder',
			clientSecret: '',
			oauthTokenData: { access_token: 'editor-test-placeholder', instance_url: 'http://127.0.0.1:9', token_type: 'Bearer' },
		},
	};
	const n8n = await startE2eN8n({
		label: 'editor',
		credentials: [...refs].filter(([type]) => data[type]).map(([type, ref]) => ({ ...ref, type, data: data[type] })),
		workflows,
		publish: workflows.some((workflow) => workflow.id === DISPO_EXAMPLE) ? [DISPO_EXAMPLE] : [],
	});
	const dispo = workflows.find((workflow) => workflow.id === DISPO_EXAMPLE);
	const webhookId = dispo?.nodes.find((node) => node.type === 'n8n-nodes-vicidial.vicidialTrigger')?.webhookId;
	try {
		await runEditorChecks(
			n8n.baseUrl,
			workflows.map((workflow) => workflow.id),
			webhookId ? { n8n, webhookId } : undefined,
		);
	} finally {
		await n8n.stop();
		await sim.stop();
	}
}

main().then(
	() => process.stdout.write('editor test passed\n'),
	(error: Error) => {
		process.stderr.write(`editor test failed: ${error.message}\n`);
		process.exit(1);
	},
);
