/**
 * Every kind of call-out, fired by the simulator exactly as VICIdial sends it, starts one run
 * with named, typed fields; n8n's answer is 200 "OK".
 */
import { AGENT_EVENTS, buildHookUrl, HOOKS, type HookKind, INBOUND_ONLY_VARIABLES } from '../../nodes/VicidialTrigger/hooks';
import {
	AgentScreen,
	fireAgentEvent,
	fireCallout,
	fireHook,
	SAMPLE_CALLS,
	SAMPLE_CUSTOM_POST,
	SAMPLE_INBOUND_START,
	sendRequest,
} from '../../simulator/hooks.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };

let harness: TriggerHarness;

beforeEach(async () => {
	harness = await TriggerHarness.start({ credentials: CREDENTIALS });
});

afterEach(async () => {
	await harness.close();
});

/** The string the admin would paste, asking for every variable the hook has. */
function template(kind: HookKind, customFields: string[] = [], webhookUrl = harness.url): string {
	return buildHookUrl({
		kind,
		webhookUrl,
		variables: [...HOOKS[kind].variables],
		customFields,
		querySecret: { name: 'token', value: SECRET },
	});
}

function expectNoSecrets(item: object): void {
	const text = JSON.stringify(item);
	expect(text).not.toContain(SECRET);
	expect(text).not.toContain('agentpass1000');
	expect(text).not.toContain('phonepass8001');
}

describe('Dispo Call URL', () => {
	it('turns the observed request into typed fields', async () => {
		harness.parameters = { event: 'dispo' };
		// An admin who also wrote the agent's passwords into the URL: VICIdial fills them.
		const url = `${template('dispo', ['appointment_date', 'favorite_color'])}&pass=--A--pass--B--&phone_pass=--A--phone_pass--B--`;
		const response = await fireCallout(url, SAMPLE_CALLS.dispo, { kind: 'dispo' });

		expect(response).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
		const [item] = harness.lastItems;
		expect(item).toMatchObject({
			eventType: 'dispo',
			missing: [],
			warnings: [],
			request: { method: 'GET', ip: '127.0.0.1' },
		});
		expect(item.fields).toMatchObject({
			dispo: 'SALE',
			dispo_name: 'Sale Made',
			talk_time: 125,
			talk_time_ms: 125000,
			talk_time_min: 3,
			term_reason: 'CALLER',
			lead_id: 8,
			list_id: 101,
			entry_list_id: 101,
			called_count: 3,
			gmt_offset_now: -5,
			epoch: '2026-11-22T05:50:33.000Z',
			SQLdate: '2026-11-22T05:50:33.000Z',
			entry_date: '2026-11-20T10:15:00.000Z',
			uniqueid: '1795300000.101',
			call_id: 'M1122334450000000008',
			phone_number: '3125550101',
			last_name: "O'Neil Smith",
			comments: 'Prefers mornings & evenings',
			address2: '',
			callback_datetime: '',
			user: '1000',
			session_id: '8600051',
			appointment_date: '2026-12-01',
			favorite_color: 'green',
		});
		const fields = item.fields as Record<string, unknown>;
		// 99 variables minus pass and phone_pass, plus two custom fields
		expect(Object.keys(fields)).toHaveLength(99);
		for (const gone of ['pass', 'phone_pass', 'token', 'CF_uses_custom_fields']) expect(fields).not.toHaveProperty(gone);
		expect(item.raw).toMatchObject({ body: null, query: { dispo_name: 'Sale+Made', CF_uses_custom_fields: 'Y' } });
		expectNoSecrets(item);
	});

	it('reads the request exactly as VICIdial 2.14 sent it (notes §6.2)', async () => {
		harness.parameters = { event: 'dispo' };
		const path = `${harness.url}?dispo_name=Sale%2BMade&term_reason=CALLER&lead_id=8&dispo=SALE&talk_time=125&address1=12+Main+St&address1=12+Main+St&unknown_placeholder=--A--nosuch--B--&token=${SECRET}`;
		const response = await fireHook(path);

		expect(response).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item.fields).toEqual({
			dispo_name: 'Sale Made',
			term_reason: 'CALLER',
			lead_id: 8,
			dispo: 'SALE',
			talk_time: 125,
			address1: '12 Main St',
		});
		expect(item.missing).toEqual(['unknown_placeholder']);
		expect(item.warnings).toEqual([expect.stringContaining('VICIdial did not replace --A--nosuch--B--')]);
	});

	it('reports a custom field missing from the lead list as missing', async () => {
		harness.parameters = { event: 'dispo' };
		const url = buildHookUrl({
			kind: 'dispo',
			webhookUrl: harness.url,
			variables: ['lead_id', 'dispo'],
			customFields: ['appointment_date'],
			querySecret: { name: 'token', value: SECRET },
		});
		const withoutField = Object.fromEntries(Object.entries(SAMPLE_CALLS.dispo).filter(([name]) => name !== 'appointment_date'));
		await fireCallout(url, withoutField);

		const [item] = harness.lastItems;
		expect(item.fields).toEqual({ lead_id: 8, dispo: 'SALE' });
		expect(item.missing).toEqual(['appointment_date']);
	});
});

describe('GET call-outs of every other kind', () => {
	it('Start Call URL on a manual dial: empty uniqueid and group, current lead status', async () => {
		harness.parameters = { event: 'start' };
		await fireCallout(template('start'), SAMPLE_CALLS.start, { kind: 'start' });
		const [item] = harness.lastItems;
		expect(item.eventType).toBe('start');
		expect(item.fields).toMatchObject({
			lead_id: 9,
			dispo: 'CBHOLD',
			call_id: 'M1220550520000000009',
			uniqueid: '',
			group: '',
			channel_group: '',
			list_name: '',
			talk_time: 0,
			epoch: '2026-11-22T05:52:00.000Z',
		});
		// A manual dial fills 77 of the 91 variables (the DID and in-group ones stay unreplaced),
		// less the agent's two passwords, which the trigger drops.
		expect(Object.keys(item.fields as object)).toHaveLength(75);
		expect([...(item.missing as string[])].sort()).toEqual([...INBOUND_ONLY_VARIABLES].sort());
		expect(item.warnings).toEqual([expect.stringContaining('Not an inbound call: VICIdial fills ig_custom_one')]);
	});

	it('Start Call URL on an inbound call carries the DID and in-group fields', async () => {
		harness.parameters = { event: 'start' };
		await fireCallout(template('start'), SAMPLE_INBOUND_START, { kind: 'start' });
		const [item] = harness.lastItems;
		expect(item.fields).toMatchObject({ lead_id: 12, group: 'SALESLINE', did_id: 7, did_description: 'Main line', ig_custom_one: 'spanish' });
		expect(Object.keys(item.fields as object)).toHaveLength(89);
		expect(item).toMatchObject({ missing: [], warnings: [] });
	});

	it('Start Call URL: user_custom_* arrive encoded twice and are read back as the agent typed them', async () => {
		harness.parameters = { event: 'start' };
		const url = buildHookUrl({
			kind: 'start',
			webhookUrl: harness.url,
			variables: ['lead_id', 'user_custom_one', 'user_custom_two'],
			querySecret: { name: 'token', value: SECRET },
		});
		await fireCallout(url, { ...SAMPLE_CALLS.start, user_custom_one: 'uc 1&x+y', user_custom_two: '100% sure' }, { kind: 'start' });
		expect(harness.lastItems[0].fields).toEqual({ lead_id: 9, user_custom_one: 'uc 1&x+y', user_custom_two: '100% sure' });
	});

	it('Start Call URL asking for a dispo-only variable reports it missing', async () => {
		harness.parameters = { event: 'start' };
		const url = `${buildHookUrl({ kind: 'start', webhookUrl: harness.url, variables: ['lead_id'], querySecret: { name: 'token', value: SECRET } })}&talk_time_ms=--A--talk_time_ms--B--`;
		await fireCallout(url, SAMPLE_CALLS.start);
		expect(harness.lastItems[0]).toMatchObject({ fields: { lead_id: 9 }, missing: ['talk_time_ms'] });
	});

	it('No Agent Call URL carries the system status of a drop', async () => {
		harness.parameters = { event: 'noAgent' };
		await fireCallout(template('noAgent'), SAMPLE_CALLS.noAgent);
		const [item] = harness.lastItems;
		expect(item.eventType).toBe('noAgent');
		expect(item.fields).toMatchObject({ dispo: 'DROP', lead_id: 10, group: 'SALESLINE', talk_time: 0, uniqueid: '1795300500.105' });
		expect(item.fields).not.toHaveProperty('user');
	});

	it('Add Lead URL carries the DID of the inbound call', async () => {
		harness.parameters = { event: 'addLead' };
		await fireCallout(template('addLead'), SAMPLE_CALLS.addLead);
		expect(harness.lastItems[0]).toMatchObject({
			eventType: 'addLead',
			fields: {
				lead_id: 11,
				vendor_lead_code: '',
				list_id: 999,
				phone_number: '3125550111',
				phone_code: '1',
				did_id: 7,
				did_extension: '8005550100',
				did_pattern: '8005550100',
				did_description: 'Main line',
				uniqueid: '1795300600.110',
				call_id: 'Y1122060060000000011',
			},
			missing: [],
		});
	});

	it('Dead Call Trigger URL', async () => {
		harness.parameters = { event: 'deadCall' };
		await fireCallout(template('deadCall'), SAMPLE_CALLS.deadCall);
		expect(harness.lastItems[0]).toMatchObject({
			eventType: 'deadCall',
			fields: { lead_id: 8, user: '1000', call_id: 'M1122334450000000008', dispo: '' },
		});
	});

	it('Pause Max URL has only agent variables', async () => {
		harness.parameters = { event: 'pauseMax' };
		await fireCallout(template('pauseMax'), SAMPLE_CALLS.pauseMax);
		expect(harness.lastItems[0]).toMatchObject({
			eventType: 'pauseMax',
			fields: {
				user: '1000',
				campaign: 'TESTCAMP',
				fullname: 'Agent One',
				user_custom_one: 'asmith',
				user_custom_two: 'hS87yt2',
				user_custom_three: '',
				user_group: 'AGENTS',
				agent_email: 'agent1000@example.com',
			},
		});
	});
});

describe('non-ASCII text and server time (notes §8.18, §8.21)', () => {
	const url = () =>
		buildHookUrl({
			kind: 'dispo',
			webhookUrl: harness.url,
			variables: ['lead_id', 'first_name', 'last_name', 'dispo_name', 'SQLdate', 'epoch'],
			querySecret: { name: 'token', value: SECRET },
		});
	const lead = { ...SAMPLE_CALLS.dispo, first_name: 'José', last_name: 'Díaz Muñoz', dispo_name: 'Llamar mañana' };

	it('reads VICIdial\'s default latin-1 escapes and says so', async () => {
		harness.parameters = { event: 'dispo' };
		const response = await fireCallout(url(), lead, { kind: 'dispo' });
		expect(response).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item.fields).toMatchObject({ first_name: 'José', last_name: 'Díaz Muñoz', dispo_name: 'Llamar mañana' });
		expect(item.encoding).toBe('latin1');
		expect(item.raw).toMatchObject({ query: { last_name: 'Díaz Muñoz' } });
	});

	it('reads UTF-8 with use_non_latin=1 and says so', async () => {
		harness.parameters = { event: 'dispo' };
		await fireCallout(url(), lead, { kind: 'dispo', useNonLatin: true });
		expect(harness.lastItems[0]).toMatchObject({
			fields: { first_name: 'José', last_name: 'Díaz Muñoz', dispo_name: 'Llamar mañana' },
			encoding: 'utf8',
		});
	});

	it('reads SQLdate at the offset epoch shows when the VICIdial Time Zone option is empty', async () => {
		await harness.close();
		// n8n in Berlin, VICIdial in New York: SQLdate 00:50:33 local is 05:50:33 UTC, as epoch says.
		harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'dispo' }, timezone: 'Europe/Berlin' });
		await fireCallout(url(), { ...lead, SQLdate: '2026-11-22 00:50:33', epoch: '1795326633' }, { kind: 'dispo' });
		const [item] = harness.lastItems;
		expect(item.fields).toMatchObject({ SQLdate: '2026-11-22T05:50:33.000Z', epoch: '2026-11-22T05:50:33.000Z' });
		expect(item.sqlDateZone).toBe('UTC-05:00');
	});
});

describe('Agent Events Push through get2post.php', () => {
	it('arrives as a form POST with the event, agent and counter', async () => {
		harness.parameters = { event: 'agentEvents' };
		const response = await fireAgentEvent(template('agentEvents'), SAMPLE_CALLS.agentEvents);

		expect(response).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item).toMatchObject({
			eventType: 'agentEvents',
			agentEvent: 'dispo_set',
			fields: { user: '1000', event: 'dispo_set', message: 'SALE', lead_id: 8, counter: 17 },
			request: { method: 'POST' },
			raw: { query: {}, body: { user: '1000', event: 'dispo_set', message: 'SALE', lead_id: '8', counter: '17' } },
		});
		expectNoSecrets(item);
	});

	it('carries every documented event name', async () => {
		harness.parameters = { event: 'agentEvents' };
		for (const [counter, event] of AGENT_EVENTS.entries()) {
			await fireAgentEvent(template('agentEvents'), { ...SAMPLE_CALLS.agentEvents, event, counter, message: '' });
		}
		expect(harness.runs.map(([item]) => item.agentEvent)).toEqual(AGENT_EVENTS);
		expect(harness.runs[2][0].fields).toMatchObject({ event: 'logged_out_complete', counter: 2, message: '' });
	});

	it('keeps a second agent session\'s events although its counter restarts at 0 (notes §8.17)', async () => {
		await harness.close();
		harness = await TriggerHarness.start({
			credentials: CREDENTIALS,
			parameters: { event: 'agentEvents' },
			publicBase: 'http://n8n.test',
		});
		const screen = new AgentScreen({
			pushUrl: template('agentEvents', [], harness.publicUrl),
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
			network: { proxies: { 'n8n.test': harness.address } },
		});
		await screen.push('logged_in');
		screen.tick(2);
		await screen.push('state_ready');
		// The agent reloads the screen within the duplicate window: counter 0 and 1 again.
		screen.load(4502, 1795326700);
		expect(await screen.push('logged_in')).toMatchObject({ body: 'OK' });
		screen.tick(2);
		expect(await screen.push('state_ready')).toMatchObject({ body: 'OK' });
		expect(harness.runs.map(([item]) => [item.agentEvent, (item.fields as { counter: number }).counter])).toEqual([
			['logged_in', 0],
			['state_ready', 1],
			['logged_in', 0],
			['state_ready', 1],
		]);
		expect(harness.runs[2][0].fields).toMatchObject({ agent_log_id: 4502, epoch: '2026-11-22T05:51:40.000Z' });
	});
});

describe('Custom POST', () => {
	it('reads a JSON dialer webhook: event name, timestamp, id and data', async () => {
		harness.parameters = { event: 'customPost' };
		const response = await sendRequest(`${harness.url}?token=${SECRET}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json; charset=utf-8' },
			body: JSON.stringify(SAMPLE_CUSTOM_POST),
		});

		expect(response).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item).toMatchObject({
			eventType: 'customPost',
			eventName: 'call.completed',
			eventTime: '2026-11-22T05:50:33.000Z',
			eventId: 'evt_0001',
			fields: {
				lead_id: 8,
				phone_number: '3125550101',
				dispo: 'SALE',
				talk_time: 125,
				campaign: 'TESTCAMP',
				agent: { user: '1000' },
			},
		});
		expectNoSecrets(item);
	});

	it('reads a form body with the secret among its fields', async () => {
		harness.parameters = { event: 'customPost' };
		await sendRequest(harness.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `event=hangup&timestamp=1795326633&lead_id=8&dispo_name=Sale%2BMade&token=${SECRET}`,
		});
		expect(harness.lastItems[0]).toMatchObject({
			eventName: 'hangup',
			eventTime: '2026-11-22T05:50:33.000Z',
			fields: { event: 'hangup', timestamp: '1795326633', lead_id: 8, dispo_name: 'Sale Made' },
			raw: { body: { event: 'hangup', timestamp: '1795326633', lead_id: '8', dispo_name: 'Sale+Made' } },
		});
	});
});

describe('the simulator sends what VICIdial sends', () => {
	it('a bare GET: Host and Connection only, no body', async () => {
		harness.parameters = { event: 'dispo' };
		await fireCallout(`VAR${harness.url}?dispo_name=--A--dispo_name--B--&token=${SECRET}`, SAMPLE_CALLS.dispo);
		expect(harness.lastCall).toMatchObject({
			method: 'GET',
			headers: { host: harness.url.split('/')[2], connection: 'close' },
		});
		expect(Object.keys(harness.lastCall.headers)).toEqual(['host', 'connection']);
	});
});
