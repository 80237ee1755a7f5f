/**
 * The call-outs beyond calls (API New Lead, Enter In-Group, Waiting Call On/Off, chats, emails,
 * NVA) fired by the simulator as VICIdial sends them, and the normalised `event` every item of
 * every kind carries.
 */
import { EVENTS } from '../../nodes/shared/events';
import { buildHookUrl, HOOKS, type HookKind } from '../../nodes/VicidialTrigger/hooks';
import { fireAgentEvent, fireCallout, fireHook, SAMPLE_CALLS, SAMPLE_CUSTOM_POST, sendRequest } from '../../simulator/hooks.cjs';
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
function template(kind: HookKind): string {
	return buildHookUrl({ kind, webhookUrl: harness.url, variables: [...HOOKS[kind].variables], querySecret: { name: 'token', value: SECRET } });
}

const NEW_KINDS = [
	['apiNewLead', 'lead.created'],
	['enterInGroup', 'call.queued'],
	['startChat', 'chat.started'],
	['dispoChat', 'chat.ended'],
	['noAgentChat', 'chat.missed'],
	['startEmail', 'email.started'],
	['dispoEmail', 'email.ended'],
	['nva', 'call.ended'],
] as const;

describe.each(NEW_KINDS)('%s', (kind, event) => {
	it(`starts one run named ${event} with every variable filled and typed`, async () => {
		// VICIdial's zone: the API New Lead and NVA URLs carry SQL dates without an SQLdate/epoch pair.
		harness.parameters = { event: kind, options: { timeZone: 'America/Chicago' } };
		const response = await fireCallout(template(kind), SAMPLE_CALLS[kind]);

		expect(response).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs).toHaveLength(1);
		const [item] = harness.lastItems;
		expect(item).toMatchObject({ event, eventType: kind, missing: [], warnings: [], request: { method: 'GET' } });
		expect(Object.keys(item)[0]).toBe('event');
		// Every variable the hook lists arrived (the agent's passwords are never asked for).
		const fields = item.fields as Record<string, unknown>;
		for (const name of HOOKS[kind].variables.filter((variable) => variable !== 'pass' && variable !== 'phone_pass')) {
			expect(fields).toHaveProperty(name);
		}
		expect(fields.lead_id).toBe(Number(SAMPLE_CALLS[kind].lead_id));
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});

	it('is suppressed when VICIdial sends the same call-out again', async () => {
		harness.parameters = { event: kind };
		const url = template(kind);
		await fireCallout(url, SAMPLE_CALLS[kind]);
		const again = await fireCallout(url, SAMPLE_CALLS[kind]);
		expect(again.status).toBe(200);
		expect(harness.runs).toHaveLength(1);
	});
});

describe('API New Lead URL', () => {
	it('is pasted as a plain URL (no VAR prefix) and reads the observed request', async () => {
		harness.parameters = { event: 'apiNewLead' };
		const pasted = buildHookUrl({ kind: 'apiNewLead', webhookUrl: harness.url, querySecret: { name: 'token', value: SECRET } });
		expect(pasted.startsWith('http://')).toBe(true);
		// The request VICIdial 2.14 sent (notes §8.15), with this trigger's secret and path.
		const observed =
			'lead_id=93&list_id=101&phone_number=7275550199&phone_code=1&first_name=Jo+Ann&last_name=O%27Neil&vendor_lead_code=SF-001&status=NEW&entry_date=2026-12-03+12%3A26%3A49&user=6666&source_id=&email=jo%40example.com&comments=hello+world%26more&city=St.+Pete&gmt_offset_now=-5.00&campaign=TESTCAMP&list_name=API+test+list&nosuch=--A--nosuch--B--';
		const response = await fireHook(`${harness.url}?token=${SECRET}&${observed}`);
		expect(response).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item).toMatchObject({ event: 'lead.created', eventType: 'apiNewLead', missing: ['nosuch'] });
		expect(item.fields).toMatchObject({
			lead_id: 93,
			list_id: 101,
			phone_number: '7275550199',
			first_name: 'Jo Ann',
			last_name: "O'Neil",
			comments: 'hello world&more',
			gmt_offset_now: -5,
			user: '6666',
			campaign: 'TESTCAMP',
			list_name: 'API test list',
		});
	});
});

describe('Waiting Call URL On / Off', () => {
	it('carry no call data: the group the admin added tells in-groups apart, and every On and Off starts a run', async () => {
		harness.parameters = { event: 'waitingCallOn' };
		const on = `${buildHookUrl({ kind: 'waitingCallOn', webhookUrl: harness.url, querySecret: { name: 'token', value: SECRET } })}&group=SALESLINE`;
		expect(on.startsWith('http://')).toBe(true);
		await fireCallout(on, SAMPLE_CALLS.waitingCallOn);
		await fireCallout(on, SAMPLE_CALLS.waitingCallOn);
		expect(harness.runs).toHaveLength(2);
		expect(harness.lastItems[0]).toMatchObject({ event: 'queue.waiting', eventType: 'waitingCallOn', fields: { group: 'SALESLINE' }, missing: [] });

		harness.parameters = { event: 'waitingCallOff' };
		const off = `${buildHookUrl({ kind: 'waitingCallOff', webhookUrl: harness.url, querySecret: { name: 'token', value: SECRET } })}&group=SALESLINE`;
		await fireCallout(off, SAMPLE_CALLS.waitingCallOff);
		expect(harness.lastItems[0]).toMatchObject({ event: 'queue.cleared', eventType: 'waitingCallOff', fields: { group: 'SALESLINE' } });
	});

	it('refuses a caller without the secret', async () => {
		harness.parameters = { event: 'waitingCallOn' };
		const response = await fireHook(`${harness.url}?group=SALESLINE`);
		expect(response.status).toBe(401);
		expect(harness.runs).toHaveLength(0);
	});
});

describe('the event vocabulary', () => {
	it('names each call kind from the shared table', async () => {
		for (const [kind, event] of [
			['dispo', 'call.ended'],
			['start', 'call.started'],
			['noAgent', 'call.missed'],
			['addLead', 'lead.created'],
			['deadCall', 'call.dead'],
			['pauseMax', 'agent.pause_max'],
		] as const) {
			harness.parameters = { event: kind };
			await fireCallout(template(kind), SAMPLE_CALLS[kind], { kind: kind === 'dispo' || kind === 'start' ? kind : undefined });
			expect(harness.lastItems[0]).toMatchObject({ event, eventType: kind });
			expect(Object.keys(EVENTS)).toContain(event);
		}
	});

	it('names agent screen events agent.login/logout/pause/resume, and the rest agent.<name>', async () => {
		harness.parameters = { event: 'agentEvents' };
		let counter = 30;
		for (const [screen, event] of [
			['logged_in', 'agent.login'],
			['state_paused', 'agent.pause'],
			['state_ready', 'agent.resume'],
			['dispo_set', 'agent.dispo_set'],
			['logged_out', 'agent.logout'],
		] as const) {
			counter += 1;
			await fireAgentEvent(template('agentEvents'), { ...SAMPLE_CALLS.agentEvents, event: screen, counter: String(counter) });
			expect(harness.lastItems[0]).toMatchObject({ event, eventType: 'agentEvents', agentEvent: screen });
		}
	});

	it("takes a Custom POST's own event name, and says custom when it gives none", async () => {
		harness.parameters = { event: 'customPost' };
		const post = (body: string) =>
			sendRequest(`${harness.url}?token=${SECRET}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
		await post(JSON.stringify(SAMPLE_CUSTOM_POST));
		expect(harness.lastItems[0]).toMatchObject({ event: 'call.completed', eventName: 'call.completed' });
		await post(JSON.stringify({ lead_id: 8, phone_number: '3125550101' }));
		expect(harness.lastItems[0]).toMatchObject({ event: 'custom', eventType: 'customPost' });
	});
});
