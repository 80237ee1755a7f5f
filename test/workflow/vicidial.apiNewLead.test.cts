/**
 * The API New Lead URL end to end: the VICIdial node's Add Lead reaches the simulator, which
 * requests the pasted URL before it replies, as non_agent_api.php does (notes §8.15), and the
 * VICIdial Trigger starts a `lead.created` run for the lead the node just added.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildHookUrl } from '../../nodes/VicidialTrigger/hooks';
import type { Simulator } from '../../simulator/server.cjs';
import { runNode, simCredentials } from '../helpers/harness.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';
import { json, withSimulator } from './vicidial.shared.cjs';

let sim: Simulator;
withSimulator((started) => (sim = started));

const SECRET = 'apinewlead-Secret-41';
let trigger: TriggerHarness;

beforeEach(async () => {
	trigger = await TriggerHarness.start({
		credentials: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET },
		parameters: { event: 'apiNewLead', options: { timeZone: 'America/New_York' } },
	});
});

afterEach(async () => {
	await trigger.close();
});

const pasted = () => buildHookUrl({ kind: 'apiNewLead', webhookUrl: trigger.url, querySecret: { name: 'token', value: SECRET } });

const addLead = (parameters: IDataObject = {}) =>
	runNode({
		type: 'vicidial',
		parameters: {
			resource: 'lead',
			operation: 'add_lead',
			listId: { __rl: true, mode: 'id', value: '101' },
			phoneNumber: '7275550199',
			additionalFields: { firstName: 'Jo Ann', lastName: "O'Neil", vendorLeadCode: 'SF-001', email: 'jo@example.com' },
			...parameters,
		},
		credentials: simCredentials(sim.url),
	});

describe('API New Lead URL', () => {
	it('the system setting fires one lead.created run for the lead Add Lead added, before Add Lead answers', async () => {
		sim.state.system.apinewlead_url = pasted();
		const run = await addLead();

		expect(run.error).toBeUndefined();
		const [added] = json(run);
		// VICIdial requests the URL before it replies: the run already exists when the node is done.
		expect(trigger.runs).toHaveLength(1);
		const [item] = trigger.lastItems;
		expect(item).toMatchObject({
			event: 'lead.created',
			eventType: 'apiNewLead',
			missing: [],
			fields: {
				lead_id: added.lead_id,
				list_id: 101,
				phone_number: '7275550199',
				first_name: 'Jo Ann',
				last_name: "O'Neil",
				vendor_lead_code: 'SF-001',
				status: 'NEW',
				user: '6666',
				campaign: 'TESTCAMP',
			},
		});
		expect(sim.state.urlLog).toEqual([expect.objectContaining({ url_type: 'apinewlead', url_response: 'OK' })]);
		// The secret is in VICIdial's own log (it is in the URL), never in the run.
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});

	it("the list's own URL wins over the system setting, and ---DISABLED--- turns it off for that list", async () => {
		sim.state.system.apinewlead_url = `${trigger.url}?token=wrong`;
		sim.state.lists.get('101')!.apinewlead_url = pasted();
		await addLead();
		expect(trigger.runs).toHaveLength(1);

		sim.state.lists.get('101')!.apinewlead_url = '---DISABLED---';
		await addLead({ phoneNumber: '7275550198' });
		expect(trigger.runs).toHaveLength(1);
		expect(sim.state.urlLog).toHaveLength(1);
	});

	it('a receiver that cannot be reached is logged and the lead is still added', async () => {
		await trigger.close();
		sim.state.system.apinewlead_url = pasted();
		const run = await addLead();
		expect(run.error).toBeUndefined();
		expect(json(run)[0]).toMatchObject({ result: 'SUCCESS', message: 'LEAD HAS BEEN ADDED' });
		expect(sim.state.urlLog[0].url_response).toMatch(/failed to open stream/);
		trigger = await TriggerHarness.start({ credentials: { authentication: 'querySecret', queryParameter: 'token', secret: SECRET } });
	});
});
