import type { Simulator } from '../../simulator/server.cjs';
import type { NodeRun } from '../helpers/harness.cjs';
import { REPORT_USER, json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** System functions through the VICIdial node: version, server refresh, audio and HTML pickers. */
describe('VICIdial node: system resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	/** Allowed only version and lead_search. */
	const FEW_FUNCTIONS = { apiUser: 'apifew', password: 'apifew1' };
	const run = resourceRunner('system', () => sim);
	const html = (result: NodeRun) => String(result.items[0]?.json.html ?? '');

	describe('version', () => {
		it('gives version, build, date, epoch and time zone, sending no login', async () => {
			const before = Math.floor(Date.now() / 1000);
			const result = await run('version');
			expect(json(result)).toEqual([
				{
					version: '2.14-202',
					build: '250720-1841',
					date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
					epoch: expect.any(Number),
					dst: '0',
					tz: -5,
					tznow: -5,
				},
			]);
			expect(result.items[0].json.epoch).toBeGreaterThanOrEqual(before);
			expect(sim.log[0].params).toEqual({ source: 'n8n-test', function: 'version', value: '' });
		});

		it('answers even with a wrong password (version needs no login)', async () => {
			const result = await run('version', {}, { password: 'wrong-password' });
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([expect.objectContaining({ version: '2.14-202' })]);
		});

		it('retries a read after an empty HTTP 500', async () => {
			sim.faults.add({ kind: 'empty500', fn: 'version', times: 1 });
			const result = await run('version', { options: { maxAttempts: 2 } });
			expect(json(result)).toEqual([expect.objectContaining({ build: '250720-1841' })]);
			expect(sim.stats.byFunction.version).toBe(2);
		});

		it('fails with network for a path that is not the API (HTTP 404)', async () => {
			const result = await run('version', {}, { nonAgentPath: '/vicidial/nothing_here.php' });
			expect(result.error?.message).toBe(`version: HTTP 404 from ${sim.url}/vicidial/nothing_here.php`);
			expect(result.error?.context?.code).toBe('network');
		});
	});

	describe('server_refresh', () => {
		it('flags every server for a configuration rebuild (stage=REFRESH is always sent)', async () => {
			sim.state.admin.servers[0].rebuild_conf_files = 'N';
			const result = await run('server_refresh');
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'SERVER REFRESH HAS BEEN TRIGGERED', api_user: '6666', servers_flagged: 1 }]);
			expect(sim.state.admin.servers[0].rebuild_conf_files).toBe('Y');
			expect(sim.log[0].params.stage).toBe('REFRESH');
		});

		it('fails with a permission error without Ast Admin Access', async () => {
			sim.state.admin.servers[0].rebuild_conf_files = 'N';
			const result = await run('server_refresh', {}, REPORT_USER);
			expect(result.error?.message).toBe('server_refresh: USER DOES NOT HAVE PERMISSION TO REFRESH SERVERS (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(sim.state.admin.servers[0].rebuild_conf_files).toBe('N');
		});

		it('is never repeated after a dropped connection', async () => {
			sim.faults.add({ kind: 'reset', fn: 'server_refresh', times: 1 });
			const result = await run('server_refresh', { options: { maxAttempts: 3 } });
			expect(result.error?.context?.code).toBe('network');
			expect(sim.stats.byFunction.server_refresh).toBe(1);
		});
	});

	describe('sounds_list', () => {
		const DATE = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.$/);

		it('lists the audio files in the TAB format, largest first, numbers as numbers', async () => {
			sim.state.system.central_sound_control = true;
			const result = await run('sounds_list', { stage: 'size' });
			expect(json(result)).toEqual([
				{ index: 0, filename: 'welcome.wav', date: DATE, size: 320044, epoch: 1795000000 },
				{ index: 1, filename: 'goodbye.gsm', date: DATE, size: 16500, epoch: 1795100000 },
			]);
			expect(sim.log[0].params).toMatchObject({ stage: 'size', format: 'tab' });
		});

		it('sorts by name', async () => {
			sim.state.system.central_sound_control = true;
			const result = await run('sounds_list', { stage: 'name' });
			expect(json(result).map((row) => row.filename)).toEqual(['goodbye.gsm', 'welcome.wav']);
		});

		it('fails when central sound control is off', async () => {
			const result = await run('sounds_list', { stage: 'name' });
			expect(result.error?.message).toBe('sounds_list: CENTRAL SOUND CONTROL IS NOT ACTIVE (6666|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Central Sound Control Active = 1');
		});
	});

	describe('moh_list', () => {
		it('returns the music-on-hold picker as text', async () => {
			sim.state.system.central_sound_control = true;
			const result = await run('moh_list');
			expect(result.items).toHaveLength(1);
			expect(html(result)).toContain("choose_file('default','')");
			expect(html(result)).toContain('Default Music On Hold');
			expect(sim.log[0].params.format).toBe('selectframe');
		});

		it('reports its error (printed as sounds_list by VICIdial) under its own name', async () => {
			const result = await run('moh_list');
			expect(result.error?.message).toBe('moh_list: CENTRAL SOUND CONTROL IS NOT ACTIVE (6666|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});

	describe('HTML pickers', () => {
		it.each([
			['vm_list', {}, ["choose_file('8500','')", 'Sales Voicemail', 'sales@example.com']],
			['ingroup_list', {}, ["choose_file('AGENTDIRECT','')", "choose_file('SALESLINE','')", 'Sales Line']],
			['callmenu_list', {}, ["choose_file('defaultlog','')", 'Default Log Menu']],
			['container_list', { type: 'OTHER' }, ['OTHER type', "choose_file('TEST_CONTAINER','')", 'Test container']],
		])('%s returns its picker as one text item', async (operation, parameters, fragments) => {
			const result = await run(operation, parameters);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(Object.keys(result.items[0].json)).toEqual(['html']);
			for (const fragment of fragments) expect(html(result)).toContain(fragment);
			expect(html(result).trimEnd().endsWith('</HTML>')).toBe(true);
		});

		it.each(['vm_list', 'ingroup_list', 'callmenu_list'])('%s fails for a user not allowed the function', async (operation) => {
			const result = await run(operation, {}, FEW_FUNCTIONS);
			expect(result.error?.message).toBe(`${operation}: USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION (apifew|${operation})`);
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('api_allowed_functions');
		});

		it('container_list sends the type and lists only containers of it', async () => {
			const result = await run('container_list', { type: 'PERL_CLI' });
			expect(sim.log[0].params.type).toBe('PERL_CLI');
			expect(html(result)).toContain('PERL_CLI type');
			expect(html(result)).not.toContain('TEST_CONTAINER');
		});

		it('container_list refuses a type with spaces before sending', async () => {
			const result = await run('container_list', { type: 'OTHER TYPE' });
			expect(result.error?.message).toBe('Container Type must be 1-40 characters (letters, digits, _ and -); got "OTHER TYPE"');
			expect(sim.log).toHaveLength(0);
		});
	});
});
