/**
 * `npm run fire` (simulator/fire.cts) run as the user runs it, a child process, against the
 * VICIdial Trigger listening behind a real HTTP server: what arrives is what VICIdial would send.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { TriggerHarness } from '../helpers/webhook.cjs';

// Each run starts tsx, about a second alone and several on two busy cores.
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const SECRET = 'fire-secret-8Hq2';

let harness: TriggerHarness;

afterEach(async () => {
	await harness.close();
});

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** `npm run fire -- <args>` without npm's banner: the same tsx entry point. */
function fire(...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'simulator', 'fire.cts'), ...args], { cwd: ROOT }, (error, stdout, stderr) =>
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

describe('npm run fire', () => {
	it('fires a Dispo Call URL as a bare GET with the chosen status and the shared secret', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET },
			parameters: { event: 'dispo' },
		});
		const run = await fire('--event=dispo', '--dispo=NI', `--secret=${SECRET}`, '--set=lead_id=42', `--url=${harness.url}`);

		expect(run).toMatchObject({ code: 0, stderr: '' });
		expect(run.stdout).toContain('-> 200 OK');
		expect(run.stdout).not.toContain(SECRET);
		expect(harness.lastCall).toMatchObject({ method: 'GET', status: 200, ran: true });
		// VICIdial's GET (PHP file()): Host and Connection only, no User-Agent.
		expect(Object.keys(harness.lastCall.headers).sort()).toEqual(['connection', 'host']);
		const [item] = harness.lastItems;
		expect(item).toMatchObject({ eventType: 'dispo', missing: [] });
		expect(item.fields).toMatchObject({ dispo: 'NI', dispo_name: 'Not Interested', lead_id: 42, campaign: 'TESTCAMP', user: '1000' });
		expect(JSON.stringify(item)).not.toContain('agentpass1000');

		// A second run is a new call, not a duplicate the trigger drops.
		expect((await fire('--event=dispo', `--secret=${SECRET}`, `--url=${harness.url}`)).code).toBe(0);
		expect(harness.runs).toHaveLength(2);
		expect(harness.lastItems[0].fields).toMatchObject({ dispo: 'SALE', dispo_name: 'Sale Made', lead_id: 8 });
	});

	it('fires a Start Call URL from a paste-ready string with placeholders', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET },
			parameters: { event: 'start' },
		});
		const template = `VAR${harness.url}?token=${SECRET}&lead_id=--A--lead_id--B--&phone_number=--A--phone_number--B--&did_id=--A--did_id--B--`;
		const run = await fire('--event=start', `--url=${template}`);

		expect(run.code).toBe(0);
		const [item] = harness.lastItems;
		// A manual dial leaves the inbound-only did_id unreplaced, as VICIdial does.
		expect(item).toMatchObject({ eventType: 'start', missing: ['did_id'] });
		expect(item.fields).toMatchObject({ lead_id: 9, phone_number: '3125550101' });
	});

	it('relays Agent Events through get2post.php as a form POST with the header key', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'headerKey', headerName: 'x-api-key', headerSecret: SECRET },
			parameters: { event: 'agentEvents' },
		});
		const run = await fire('--event=agentEvents', '--agent-event=call_answered', `--header=x-api-key: ${SECRET}`, `--url=${harness.url}`);

		expect(run.code).toBe(0);
		expect(run.stdout).not.toContain(SECRET);
		expect(harness.lastCall).toMatchObject({ method: 'POST', ran: true });
		expect(harness.lastCall.headers).toMatchObject({ 'user-agent': 'VICIdial get2post', 'content-type': 'application/x-www-form-urlencoded' });
		expect(harness.lastItems[0]).toMatchObject({ eventType: 'agentEvents' });
		expect(harness.lastItems[0].fields).toMatchObject({ event: 'call_answered', user: '1000', lead_id: 8 });
	});

	it('signs a custom POST in the signed-request mode', async () => {
		harness = await TriggerHarness.start({
			credentials: { authentication: 'signedRequest', hmacSecret: SECRET },
			parameters: { event: 'customPost' },
		});
		const run = await fire('--event=customPost', '--dispo=CALLBK', `--signed-secret=${SECRET}`, `--url=${harness.url}`);

		expect(run.code).toBe(0);
		expect(harness.lastCall.headers['content-type']).toBe('application/json');
		// The trigger lifts the common webhook shape's `data` into the fields.
		expect(harness.lastItems[0]).toMatchObject({ eventType: 'customPost' });
		expect(harness.lastItems[0].fields).toMatchObject({ dispo: 'CALLBK', lead_id: 8, agent: { user: '1000' } });

		// A wrong secret is refused by the trigger, and fire says so with a non-zero exit.
		const refused = await fire('--event=customPost', '--signed-secret=not-the-secret', `--url=${harness.url}`);
		expect(refused.code).toBe(1);
		expect(refused.stdout).toMatch(/-> 401/);
		expect(harness.runs).toHaveLength(1);
	});

	it('refuses a wrong argument with the option and what is allowed, sending nothing', async () => {
		harness = await TriggerHarness.start({ credentials: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } });

		const badEvent = await fire('--event=hangup', `--url=${harness.url}`);
		expect(badEvent.code).toBe(2);
		expect(badEvent.stderr).toContain('--event must be one of dispo, start, noAgent, addLead, deadCall, pauseMax, agentEvents, customPost; got "hangup"');

		const headerOnGet = await fire('--event=dispo', '--header=x-api-key: abc', `--url=${harness.url}`);
		expect(headerOnGet.code).toBe(2);
		expect(headerOnGet.stderr).toContain('--header: VICIdial sends the dispo call-out as a bare GET, without headers');

		const noUrl = await fire('--event=dispo');
		expect(noUrl.stderr).toContain('--url is required');

		const unknown = await fire('--evnt=dispo', `--url=${harness.url}`);
		expect(unknown.stderr).toContain('unknown option "--evnt=dispo"; known: --event --url');
		expect(harness.calls).toHaveLength(0);
	});

	it('lists the events and options with --help', async () => {
		harness = await TriggerHarness.start({ credentials: { authentication: 'none' } });
		const help = await fire('--help');
		expect(help.code).toBe(0);
		for (const text of ['--event=KIND', 'agentEvents', 'customPost', '--dispo=STATUS', '--secret=VALUE', '--signed-secret']) {
			expect(help.stdout).toContain(text);
		}
	});
});
