/**
 * Duplicates, filters and the disposition mapping over real call-outs: a suppressed or filtered
 * call-out gets 200 and starts nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { buildHookUrl, HOOKS, type HookKind } from '../../nodes/VicidialTrigger/hooks';
import { fireAgentEvent, fireCallout, type HookValues, SAMPLE_CALLS, sendRequest } from '../../simulator/hooks.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };
const T0 = Date.UTC(2026, 10, 22, 5, 50, 34);
const MINUTE = 60_000;

let harness: TriggerHarness;
let clock: jest.SpyInstance<number, []>;

beforeEach(() => {
	clock = jest.spyOn(Date, 'now').mockReturnValue(T0);
});

afterEach(async () => {
	clock.mockRestore();
	await harness.close();
});

async function start(parameters: INodeParameters, staticData?: IDataObject): Promise<void> {
	harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters, staticData });
}

function urlFor(kind: HookKind): string {
	return buildHookUrl({
		kind,
		webhookUrl: harness.url,
		variables: ['lead_id', 'call_id', 'uniqueid', 'dispo', 'campaign', 'group', 'list_id', 'event', 'message', 'user', 'counter'].filter(
			(name) => HOOKS[kind].variables.includes(name),
		),
		querySecret: { name: 'token', value: SECRET },
	});
}

const dispo = (values: HookValues = {}) => fireCallout(urlFor('dispo'), { ...SAMPLE_CALLS.dispo, ...values });

describe('duplicates', () => {
	it('starts nothing for the same dispo within 10 minutes, and runs again after', async () => {
		await start({ event: 'dispo' });
		expect(await dispo()).toMatchObject({ status: 200, body: 'OK' });
		clock.mockReturnValue(T0 + 9 * MINUTE);
		expect(await dispo()).toMatchObject({ status: 200, body: 'OK duplicate' });
		expect(harness.runs).toHaveLength(1);
		clock.mockReturnValue(T0 + 10 * MINUTE);
		expect(await dispo()).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(2);
	});

	it('runs for a changed disposition, another call or another lead', async () => {
		await start({ event: 'dispo' });
		await dispo();
		await dispo({ dispo: 'NI' });
		await dispo({ call_id: 'M1122334450000000099' });
		await dispo({ lead_id: '99' });
		expect(harness.runs.map(([item]) => (item.fields as IDataObject).dispo)).toEqual(['SALE', 'NI', 'SALE', 'SALE']);
	});

	it('remembers across a restart: the static data is reloaded from JSON', async () => {
		await start({ event: 'dispo' });
		await dispo();
		const saved = JSON.parse(JSON.stringify(harness.staticData)) as IDataObject;
		await harness.close();

		await start({ event: 'dispo' }, saved);
		clock.mockReturnValue(T0 + 2 * MINUTE);
		expect(await dispo()).toMatchObject({ body: 'OK duplicate' });
		expect(harness.runs).toHaveLength(0);
	});

	it('remembers across a restart what concurrent requests saved, though each save overwrites the others', async () => {
		// n8n loads static data afresh for each request and writes the whole of it back after
		// webhook() when it changed: the last writer wins (n8n-notes.md, "Queue mode"). Each batch
		// of 8 call-outs loads before any saves, and they save in reverse order.
		await start({ event: 'dispo' });
		let saved = '{}';
		let loaded: Array<{ staticData: IDataObject; json: string }> = [];
		Object.defineProperty(harness, 'staticData', {
			get: () => {
				const copy = { staticData: JSON.parse(saved) as IDataObject, json: saved };
				loaded.push(copy);
				return copy.staticData;
			},
		});
		const calls = Array.from({ length: 200 }, (_, i) => `M11223344500000${String(i).padStart(5, '0')}`);
		for (let start = 0; start < calls.length; start += 8) {
			const answers = await Promise.all(calls.slice(start, start + 8).map((call_id) => dispo({ call_id })));
			expect(answers.map((answer) => answer.body)).toEqual(Array(answers.length).fill('OK'));
			for (const copy of loaded.reverse()) {
				if (JSON.stringify(copy.staticData) !== copy.json) saved = JSON.stringify(copy.staticData);
			}
			loaded = [];
		}
		await harness.close();

		await start({ event: 'dispo' }, JSON.parse(saved) as IDataObject);
		clock.mockReturnValue(T0 + 2 * MINUTE);
		const again = [];
		for (const call_id of calls) again.push((await dispo({ call_id })).body);
		// Only the 7 requests still in flight when the winning save (the last batch's first) was made are forgotten.
		expect(again.filter((body) => body === 'OK')).toHaveLength(7);
		expect(again.slice(0, 193)).toEqual(Array(193).fill('OK duplicate'));
	});

	it('honours a shorter window and can be switched off', async () => {
		await start({ event: 'dispo', options: { dedupWindowMinutes: 1 } });
		await dispo();
		clock.mockReturnValue(T0 + 61_000);
		expect(await dispo()).toMatchObject({ body: 'OK' });
		await harness.close();

		await start({ event: 'dispo', options: { deduplicate: false } });
		await dispo();
		await dispo();
		expect(harness.runs).toHaveLength(2);
	});

	it('tells custom POSTs apart by their id or timestamp', async () => {
		await start({ event: 'customPost' });
		const post = (body: object) =>
			sendRequest(`${harness.url}?token=${SECRET}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
		const data = { lead_id: 8, dispo: 'SALE' };
		expect(await post({ event: 'call.completed', timestamp: 1795326633, data })).toMatchObject({ body: 'OK' });
		expect(await post({ event: 'call.completed', timestamp: 1795326633, data })).toMatchObject({ body: 'OK duplicate' });
		expect(await post({ event: 'call.completed', timestamp: 1795326700, data })).toMatchObject({ body: 'OK' });
		expect(await post({ id: 'evt_2', event: 'call.completed', timestamp: 1795326700, data })).toMatchObject({ body: 'OK' });
		expect(harness.runs).toHaveLength(3);
	});

	it('tells agent events apart by their counter', async () => {
		await start({ event: 'agentEvents' });
		const event = (values: HookValues) => fireAgentEvent(urlFor('agentEvents'), { ...SAMPLE_CALLS.agentEvents, ...values });
		await event({});
		expect(await event({})).toMatchObject({ body: 'OK duplicate' });
		await event({ counter: '18' });
		expect(harness.runs).toHaveLength(2);
	});
});

describe('filters', () => {
	it('starts nothing for a disposition outside the list', async () => {
		await start({ event: 'dispo', filters: { dispositions: 'SALE, CALLBK' } });
		expect(await dispo({ dispo: 'NI' })).toMatchObject({ status: 200, body: 'OK filtered' });
		expect(await dispo()).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
	});

	it('filters on campaign, in-group and list', async () => {
		await start({ event: 'dispo', filters: { campaigns: 'TESTCAMP', inGroups: 'SALESLINE', lists: '101 102' } });
		expect(await dispo()).toMatchObject({ body: 'OK filtered' });
		expect(await dispo({ group: 'SALESLINE' })).toMatchObject({ body: 'OK' });
		expect(await dispo({ group: 'SALESLINE', campaign: 'OTHER', call_id: 'M2' })).toMatchObject({ body: 'OK filtered' });
		expect(await dispo({ group: 'SALESLINE', list_id: '999', call_id: 'M3' })).toMatchObject({ body: 'OK filtered' });
		expect(harness.runs).toHaveLength(1);
	});

	it('filters agent events by name', async () => {
		await start({ event: 'agentEvents', filters: { agentEvents: ['dispo_set', 'call_answered'] } });
		const event = (name: string, counter: string) =>
			fireAgentEvent(urlFor('agentEvents'), { ...SAMPLE_CALLS.agentEvents, event: name, counter });
		expect(await event('state_paused', '1')).toMatchObject({ body: 'OK filtered' });
		expect(await event('call_answered', '2')).toMatchObject({ body: 'OK' });
		expect(harness.runs.map(([item]) => item.agentEvent)).toEqual(['call_answered']);
	});

	it('does not let a filtered call-out take a dedup slot', async () => {
		await start({ event: 'dispo', filters: { campaigns: 'TESTCAMP' } });
		expect(await dispo({ campaign: 'OTHER' })).toMatchObject({ body: 'OK filtered' });
		harness.parameters = { event: 'dispo' };
		expect(await dispo({ campaign: 'OTHER' })).toMatchObject({ body: 'OK' });
	});
});

describe('disposition mapping', () => {
	const mapping = {
		mapping: [
			{ code: 'SALE', outcome: 'Closed Won' },
			{ code: 'NI', outcome: 'Closed Lost' },
			{ code: 'CALLBK', outcome: 'Follow-up' },
		],
	};

	it('adds the mapped outcome and flags unmapped codes', async () => {
		await start({ event: 'dispo', dispositionMapping: mapping, options: { unmappedOutcome: 'Unmapped' } });
		await dispo();
		await dispo({ dispo: 'CALLBK' });
		await dispo({ dispo: 'XFER' });
		expect(harness.runs.map(([item]) => item.outcome)).toEqual([
			{ code: 'SALE', label: 'Closed Won', unmapped: false },
			{ code: 'CALLBK', label: 'Follow-up', unmapped: false },
			{ code: 'XFER', label: 'Unmapped', unmapped: true },
		]);
	});

	it('maps the system status of a No Agent call', async () => {
		await start({ event: 'noAgent', dispositionMapping: { mapping: [{ code: 'DROP', outcome: 'Abandoned' }] } });
		await fireCallout(urlFor('noAgent'), SAMPLE_CALLS.noAgent);
		expect(harness.lastItems[0].outcome).toEqual({ code: 'DROP', label: 'Abandoned', unmapped: false });
	});
});
