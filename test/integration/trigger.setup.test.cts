/**
 * How the admin gets the paste-ready string inside n8n, and the manual-registration lifecycle:
 * - an authenticated request with `n8n_setup=1` is answered with the string (no run), and the
 *   string, pasted into the simulator, produces a working call-out;
 * - `webhookMethods` record the masked string in static data and never call out;
 * - the credential test checks the configuration.
 */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { VicidialTrigger } from '../../nodes/VicidialTrigger/VicidialTrigger.node';
import { AgentScreen, fireCallout, fireHook, SAMPLE_CALLS, sendRequest } from '../../simulator/hooks.cjs';
import { TriggerHarness, WEBHOOK_ID } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };

let harness: TriggerHarness;

afterEach(async () => {
	await harness.close();
});

/** The line after "Paste this exact string:". */
function pasteReady(text: string): string {
	const lines = text.split('\n');
	return lines[lines.indexOf('Paste this exact string:') + 1];
}

describe('setup request', () => {
	it('answers the paste-ready string, which works when VICIdial fires it', async () => {
		harness = await TriggerHarness.start({
			credentials: CREDENTIALS,
			parameters: { event: 'dispo', variables: ['lead_id', 'dispo', 'dispo_name', 'talk_time'], customFields: 'favorite_color' },
		});
		const response = await fireHook(`${harness.url}?n8n_setup=1&token=${SECRET}`);

		expect(response.status).toBe(200);
		expect(harness.runs).toHaveLength(0);
		const pasted = pasteReady(response.body);
		expect(pasted).toBe(
			`VAR${harness.url}?token=${SECRET}&lead_id=--A--lead_id--B--&dispo=--A--dispo--B--&dispo_name=--A--dispo_name--B--&talk_time=--A--talk_time--B--&favorite_color=--A--favorite_color--B--&CF_uses_custom_fields=Y`,
		);
		expect(response.body).toContain('set the in-group value to CAMP');

		expect(await fireCallout(pasted, SAMPLE_CALLS.dispo)).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0].fields).toEqual({
			lead_id: 8,
			dispo: 'SALE',
			dispo_name: 'Sale Made',
			talk_time: 125,
			favorite_color: 'green',
		});
	});

	it('uses each hook\'s default variables and adds what the filters read', async () => {
		harness = await TriggerHarness.start({
			credentials: CREDENTIALS,
			parameters: { event: 'pauseMax', filters: { campaigns: 'TESTCAMP', lists: '101' } },
		});
		const text = (await fireHook(`${harness.url}?token=${SECRET}&n8n_setup=1`)).body;
		// list_id does not exist for Pause Max, so only campaign is needed (and already a default).
		expect(pasteReady(text)).toBe(
			`VAR${harness.url}?token=${SECRET}&user=--A--user--B--&fullname=--A--fullname--B--&user_group=--A--user_group--B--&campaign=--A--campaign--B--&agent_email=--A--agent_email--B--`,
		);
		harness.parameters = { event: 'dispo', variables: ['lead_id'], filters: { campaigns: 'TESTCAMP' } };
		const dispoText = (await fireHook(`${harness.url}?token=${SECRET}&n8n_setup=1`)).body;
		expect(pasteReady(dispoText)).toBe(`VAR${harness.url}?token=${SECRET}&lead_id=--A--lead_id--B--&campaign=--A--campaign--B--`);
		expect(dispoText).toContain('Added because the filters read them: campaign.');
	});

	it('gives the Agent Push URL for get2post.php, which the agent screen relays to the trigger behind a proxy', async () => {
		// n8n behind a reverse proxy on port 80 (WEBHOOK_URL=http://n8n.test), as notes §8.16 requires.
		harness = await TriggerHarness.start({
			credentials: CREDENTIALS,
			parameters: { event: 'agentEvents' },
			publicBase: 'http://n8n.test',
		});
		const pasted = pasteReady((await fireHook(`${harness.url}?n8n_setup=1&token=${SECRET}`)).body);
		expect(pasted).toBe(
			`get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&HTTPURLTOPOST=n8n.test/webhook/${WEBHOOK_ID}/vicidial?token=${SECRET}&user=--A--user--B--&event=--A--event--B--&message=--A--message--B--&lead_id=--A--lead_id--B--&counter=--A--counter--B--&epoch=--A--epoch--B--&agent_log_id=--A--agent_log_id--B--`,
		);
		const screen = new AgentScreen({
			pushUrl: pasted,
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
			network: { proxies: { 'n8n.test': harness.address } },
		});
		expect(await screen.push('dispo_set', 'SALE', '8')).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.lastItems[0]).toMatchObject({
			agentEvent: 'dispo_set',
			fields: { user: '1000', message: 'SALE', lead_id: 8, counter: 0, epoch: '2026-11-22T05:50:33.000Z', agent_log_id: 4471 },
			warnings: [],
		});
	});

	it('refuses the Agent Push URL when n8n\'s URL has a port, which the agent screen would delete', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'agentEvents' } });
		const response = await fireHook(`${harness.url}?n8n_setup=1&token=${SECRET}`);
		expect(response.status).toBe(200);
		expect(harness.runs).toHaveLength(0);
		expect(response.body).not.toContain('Paste this exact string:');
		expect(response.body).not.toContain('get2post.php?');
		const port = harness.address.split(':')[1];
		expect(response.body).toContain(`- n8n's URL has port ${port}`);
		expect(response.body).toContain(`get2post.php would post to host "127.0.0.1${port}"`);
		expect(response.body).toContain("The target must be on its scheme's default port");
	});

	it('refuses HTTP Basic for Agent Events Push: the agent screen deletes the ":" of user:password@', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'basicAuth', user: 'vicidial', password: 'p@ss-word-long' },
			parameters: { event: 'agentEvents' },
			publicBase: 'http://n8n.test',
		});
		const authed = harness.url.replace('http://', 'http://vicidial:p%40ss-word-long@');
		const text = (await fireHook(`${authed}?n8n_setup=1`)).body;
		expect(text).toContain('- HTTP Basic cannot pass the agent screen');
		expect(text).not.toContain('p@ss-word-long');
		expect(text).not.toContain('p%40ss-word-long');
	});

	it('keeps a secret holding characters the agent screen deletes, by writing it percent-encoded', async () => {
		const secret = 'pa$$:w#rd;{x}^"`-long';
		harness = await TriggerHarness.start({
			credentials: { authentication: 'querySecret', queryParameter: 'token', secret },
			parameters: { event: 'agentEvents' },
			publicBase: 'http://n8n.test',
		});
		const text = (await fireHook(`${harness.url}?n8n_setup=1&token=${encodeURIComponent(secret)}`)).body;
		const screen = new AgentScreen({
			pushUrl: pasteReady(text),
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
			network: { proxies: { 'n8n.test': harness.address } },
		});
		expect(await screen.push('logged_in')).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
		expect(JSON.stringify(harness.lastItems[0])).not.toContain('w#rd');
	});

	it('writes HTTP Basic into the URL for a Basic credential', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'basicAuth', user: 'vicidial', password: 'p@ss-word-long' },
			parameters: { event: 'noAgent', variables: ['dispo'] },
		});
		const authed = harness.url.replace('http://', 'http://vicidial:p%40ss-word-long@');
		const pasted = pasteReady((await fireHook(`${authed}?n8n_setup=1`)).body);
		expect(pasted).toBe(`VAR${authed}?dispo=--A--dispo--B--`);
		await fireCallout(pasted, SAMPLE_CALLS.noAgent);
		expect(harness.lastItems[0].fields).toEqual({ dispo: 'DROP' });
	});

	it('answers the production URL even when asked through the test URL', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'addLead' }, mode: 'manual' });
		const text = (await fireHook(`${harness.testUrl}?n8n_setup=1&token=${SECRET}`)).body;
		expect(pasteReady(text).startsWith(`VAR${harness.url}?token=`)).toBe(true);
		expect(text).toContain('The test URL (/webhook-test/...) only answers while the editor is listening');
	});

	it('a test event carries the production string to paste, its secret masked, so no setup round trip is needed', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', variables: ['dispo', 'lead_id'] }, mode: 'manual' });
		await fireCallout(`${harness.testUrl}?token=${SECRET}&dispo=--A--dispo--B--&lead_id=--A--lead_id--B--`, SAMPLE_CALLS.dispo);
		const [item] = harness.lastItems;
		expect(item.setup).toEqual({
			pasteUrl: `VAR${harness.url}?token=YOUR_SECRET&dispo=--A--dispo--B--&lead_id=--A--lead_id--B--`,
			pasteInto: expect.stringContaining('Dispo Call URL'),
			problems: [],
			warnings: [],
			productionUrl: harness.url,
		});
		expect(JSON.stringify(item)).not.toContain(SECRET);

		// A production call-out's item has no setup block.
		await harness.close();
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', variables: ['dispo', 'lead_id'] } });
		await fireCallout(`${harness.url}?token=${SECRET}&dispo=--A--dispo--B--&lead_id=--A--lead_id--B--`, SAMPLE_CALLS.dispo);
		expect(harness.lastItems[0]).not.toHaveProperty('setup');
	});

	it('warns in the test event and the setup answer when the agent\'s browser could not frame the Web Form: n8n on http://', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'webForm', variables: ['lead_id'] }, mode: 'manual', publicBase: 'http://n8n.test' });
		await fireCallout(`${harness.testUrl}?token=${SECRET}&lead_id=--A--lead_id--B--`, SAMPLE_CALLS.webForm, { kind: 'webForm' });
		const setup = harness.lastItems[0].setup as IDataObject;
		expect(setup.problems).toEqual([]);
		expect(setup.warnings).toEqual([expect.stringContaining('mixed content')]);
		expect(setup.pasteUrl).toBe('VARhttp://n8n.test/webhook/' + `${WEBHOOK_ID}/vicidial?token=YOUR_SECRET&lead_id=--A--lead_id--B--`);

		await harness.close();
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'webForm', variables: ['lead_id'] }, publicBase: 'http://n8n.test' });
		const text = (await fireHook(`http://${harness.address}/webhook/${WEBHOOK_ID}/vicidial?n8n_setup=1&token=${SECRET}`)).body;
		expect(text).toContain('Paste this exact string:');
		expect(text).toContain('browsers block it as mixed content');
	});

	it('warns when the credential checks a header VICIdial will not send', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'headerKey', headerName: 'x-api-key', headerSecret: 'example-key-123456' },
			parameters: { event: 'start', variables: ['lead_id'] },
		});
		const response = await sendRequest(`${harness.url}?n8n_setup=1`, { headers: { 'x-api-key': 'example-key-123456' } });
		expect(pasteReady(response.body)).toBe(`VAR${harness.url}?lead_id=--A--lead_id--B--`);
		expect(response.body).toContain('VICIdial sends this call-out without headers');
	});

	it('tells an unauthenticated caller nothing', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo' } });
		const response = await fireHook(`${harness.url}?n8n_setup=1&token=wrong`);
		expect(response).toMatchObject({ status: 401, body: 'Unauthorized' });
	});
});

describe('webhookMethods', () => {
	const methods = new VicidialTrigger().webhookMethods.default;

	it('records the masked paste-ready string on create and recognises it afterwards', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', variables: ['lead_id'] } });
		const context = harness.hookContext();
		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);
		expect(harness.staticData.setup).toEqual({
			event: 'dispo',
			webhookUrl: harness.url,
			pasteUrl: `VAR${harness.url}?token=YOUR_SECRET&lead_id=--A--lead_id--B--`,
			pasteInto: expect.stringContaining('Dispo Call URL'),
			problems: [],
			warnings: [],
			signature: expect.any(String),
		});
		expect(JSON.stringify(harness.staticData)).not.toContain(SECRET);
		expect(await methods.checkExists.call(context)).toBe(true);
	});

	it('notices a changed configuration, and forgets on delete', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', variables: ['lead_id'] } });
		const context = harness.hookContext();
		await methods.create.call(context);
		harness.parameters = { event: 'dispo', variables: ['lead_id', 'dispo'] };
		expect(await methods.checkExists.call(context)).toBe(false);
		await methods.create.call(context);
		expect((harness.staticData.setup as IDataObject).pasteUrl).toContain('&dispo=--A--dispo--B--');
		expect(await methods.delete.call(context)).toBe(true);
		expect(harness.staticData.setup).toBeUndefined();
		expect(await methods.checkExists.call(context)).toBe(false);
	});

	it('records why an Agent Push URL cannot work, without the secret', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'agentEvents' } });
		await methods.create.call(harness.hookContext());
		const setup = harness.staticData.setup as IDataObject;
		expect(setup.problems).toEqual([expect.stringContaining("n8n's URL has port")]);
		expect(JSON.stringify(setup)).not.toContain(SECRET);
	});

	it('refuses activation with an invalid custom field label', async () => {
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo', customFields: 'favorite color!' } });
		const creating = methods.create.call(harness.hookContext());
		await expect(creating).rejects.toThrow(NodeOperationError);
		await expect(creating).rejects.toThrow('Custom field "color!" is not a VICIdial field label');
	});
});

describe('credential test', () => {
	const test = new VicidialTrigger().methods.credentialTest.vicidialTriggerApiTest;
	const run = async (data: ICredentialDataDecryptedObject) =>
		await test.call({} as ICredentialTestFunctions, { id: '1', name: 'VICIdial Trigger', type: 'vicidialTriggerApi', data });

	it('passes a complete configuration', async () => {
		expect(await run(CREDENTIALS)).toEqual({ status: 'OK', message: 'The configuration is complete' });
	});

	it('names what is wrong', async () => {
		expect(await run({ authentication: 'querySecret', secret: 'short', allowedIps: '10.0.0.0/8, nope' })).toEqual({
			status: 'Error',
			message: 'Secret is shorter than 12 characters; IP Allow-List entries are not addresses or ranges: nope',
		});
	});
});
