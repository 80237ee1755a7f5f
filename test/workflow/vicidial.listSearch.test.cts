import {
	httpRequest,
	httpRequestWithAuthentication,
} from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { VicidialApi } from '../../credentials/VicidialApi.credentials';
import {
	searchCampaigns,
	searchInGroups,
	searchLists,
	searchLoggedInAgents,
	searchStatuses,
	searchUserGroups,
	searchUsers,
} from '../../nodes/shared/listSearch';
import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { simCredentials, stopHarness } from '../helpers/harness.cjs';

/**
 * The node's dropdowns (listSearch methods) against the simulator, each called with a
 * load-options context whose requests go through n8n-core's own `httpRequest` and
 * `httpRequestWithAuthentication`, the credential's authenticate applied as n8n does.
 */

/** n8n's credentialsHelper.authenticate: a function-valued authenticate is called as it is. */
async function authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return await new VicidialApi().authenticate(credentials, options);
}

interface ContextInput {
	/** Credential fields over the simulator's 6666/1234. */
	credentials?: ICredentialDataDecryptedObject;
	/** The node's current parameters (what getCurrentNodeParameter reads). */
	parameters?: INodeParameters;
}

function loadOptionsContext(sim: Simulator, input: ContextInput = {}): ILoadOptionsFunctions {
	const parameters = input.parameters ?? {};
	const credentials = simCredentials(sim.url, input.credentials);
	const node: INode = {
		id: '1',
		name: 'VICIdial',
		type: 'n8n-nodes-vicidial.vicidial',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { vicidialApi: { id: '1', name: 'VICIdial' } },
	};
	const additionalData = {
		credentialsHelper: { getParentTypes: () => [], preAuthentication: async () => undefined, authenticate },
	} as unknown as IWorkflowExecuteAdditionalData;
	const workflow = {} as Workflow;
	const context = {
		getNode: () => node,
		getCredentials: async (type: string) => {
			if (type !== 'vicidialApi') throw new Error(`No test credentials for ${type}`);
			return credentials;
		},
		getCurrentNodeParameter: (path: string, options?: { extractValue?: boolean }) => {
			// A dotted path reaches into collections (`additionalFields.campaignId`), as lodash.get does in n8n.
			const value = path.split('.').reduce<unknown>((bag, key) => (bag && typeof bag === 'object' ? (bag as Record<string, unknown>)[key] : undefined), parameters);
			// extractValue turns a resource locator into its value, as n8n's load-options context does.
			if (options?.extractValue && value && typeof value === 'object' && '__rl' in value) return (value as { value?: unknown }).value;
			return value;
		},
		getCurrentNodeParameters: () => parameters,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => await httpRequest(options),
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) =>
				await httpRequestWithAuthentication.call(context as never, type, options, workflow, node, additionalData),
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}

const pairs = (result: INodeListSearchResult) => result.results.map((item) => [item.value, item.name]);

describe('VICIdial node dropdowns (listSearch) against the simulator', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim.stop();
		stopHarness();
	});
	beforeEach(() => sim.reset());

	describe('searchCampaigns', () => {
		it('lists every campaign as "name (id)", sorted by name, from one campaigns_list call', async () => {
			const result = await searchCampaigns.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([
				['OUTBOUND', 'Outbound Sales (OUTBOUND)'],
				['TESTCAMP', 'Test Campaign (TESTCAMP)'],
			]);
			expect(sim.log).toHaveLength(1);
			expect(sim.log[0].params).toMatchObject({ function: 'campaigns_list', user: '6666', pass: '1234', source: 'n8n-test' });
			expect(sim.log[0].method).toBe('POST');
			expect(sim.log[0].url).toBe('/vicidial/non_agent_api.php');
		});

		it.each([
			['test', ['TESTCAMP']],
			['OUTB', ['OUTBOUND']],
			['sales (out', ['OUTBOUND']],
			['nothing-like-it', []],
		])('filters by name or id, case-insensitively: %p', async (filter, values) => {
			const result = await searchCampaigns.call(loadOptionsContext(sim), filter);
			expect(result.results.map((item) => item.value)).toEqual(values);
		});

		it('offers only the campaigns of the API user\'s user group', async () => {
			sim.state.users.get('6666')!.user_group = 'AGENTS';
			const result = await searchCampaigns.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([['TESTCAMP', 'Test Campaign (TESTCAMP)']]);
		});

		it('gives an empty list when the user may see no campaign (emptyOn), not an error', async () => {
			sim.state.users.get('6666')!.user_group = 'AGENTS';
			sim.state.campaigns.delete('TESTCAMP');
			await expect(searchCampaigns.call(loadOptionsContext(sim))).resolves.toEqual({ results: [] });
		});

		it('fails with the permission error for a user without "Agent API Access"', async () => {
			await expect(searchCampaigns.call(loadOptionsContext(sim, { credentials: { apiUser: 'apinoagt', password: 'apinoagt1' } }))).rejects.toMatchObject({
				message: 'campaigns_list: USER DOES NOT HAVE PERMISSION TO GET CAMPAIGN INFO (apinoagt|0)',
				context: { code: 'permission' },
			});
		});

		it('fails on a wrong password without showing it, after one request', async () => {
			const error = await searchCampaigns.call(loadOptionsContext(sim, { credentials: { password: 'Canary-77x' } })).catch((e: Error) => e);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toBe('campaigns_list: Login incorrect, please try again (6666|***|BAD)');
			expect(JSON.stringify(error)).not.toContain('Canary-77x');
			expect(sim.stats.requests).toBe(1);
		});

		it('does not retry a dropdown call after an HTTP 500', async () => {
			sim.faults.add({ kind: 'empty500', fn: 'campaigns_list' });
			await expect(searchCampaigns.call(loadOptionsContext(sim))).rejects.toMatchObject({
				message: 'campaigns_list: VICIdial answered HTTP 500 with an empty body',
				context: { code: 'server' },
			});
			expect(sim.stats.byFunction.campaigns_list).toBe(1);
		});
	});

	describe('searchLists', () => {
		it('lists every list from list_custom_fields ---ALL---, as "name (id, campaign)"', async () => {
			const result = await searchLists.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([
				['101', 'API test list (101, TESTCAMP)'],
				['999', 'Default inbound list (999, TESTCAMP)'],
				['102', 'Second list (102, TESTCAMP)'],
			]);
			expect(sim.log.map((r) => r.params)).toEqual([expect.objectContaining({ function: 'list_custom_fields', list_id: '---ALL---' })]);
		});

		it('filters by list id and by name', async () => {
			expect((await searchLists.call(loadOptionsContext(sim), '102')).results.map((i) => i.value)).toEqual(['102']);
			expect((await searchLists.call(loadOptionsContext(sim), 'inbound')).results.map((i) => i.value)).toEqual(['999']);
		});

		it('fails with VICIdial\'s reason when custom fields are disabled', async () => {
			sim.state.system.custom_fields_enabled = false;
			await expect(searchLists.call(loadOptionsContext(sim))).rejects.toMatchObject({
				message: 'list_custom_fields: CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM (6666|list_custom_fields)',
			});
		});
	});

	describe('searchUsers and searchLoggedInAgents', () => {
		it('offers the logged-in agents as users', async () => {
			const result = await searchUsers.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([['1000', 'Test Agent (1000)']]);
			expect(sim.log[0].params.function).toBe('logged_in_agents');
		});

		it('shows status and campaign for the logged-in agents', async () => {
			const result = await searchLoggedInAgents.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([['1000', 'Test Agent (1000, PAUSED, TESTCAMP)']]);
		});

		it('filters agents by name or user id', async () => {
			sim.state.liveAgents.set('1001', { ...sim.state.liveAgents.get('1000')!, user: '1001', session_id: '8600052', status: 'READY' });
			expect((await searchLoggedInAgents.call(loadOptionsContext(sim), 'second')).results.map((i) => i.value)).toEqual(['1001']);
			expect((await searchUsers.call(loadOptionsContext(sim), '1000')).results.map((i) => i.value)).toEqual(['1000']);
			expect((await searchUsers.call(loadOptionsContext(sim))).results.map((i) => i.name)).toEqual(['Second Agent (1001)', 'Test Agent (1000)']);
		});

		it('gives an empty list when nobody is logged in (NO LOGGED IN AGENTS)', async () => {
			sim.state.liveAgents.clear();
			await expect(searchLoggedInAgents.call(loadOptionsContext(sim))).resolves.toEqual({ results: [] });
			await expect(searchUsers.call(loadOptionsContext(sim))).resolves.toEqual({ results: [] });
		});
	});

	describe('searchUserGroups', () => {
		it('offers the user groups of logged-in agents and campaign owners, once each, without ---ALL---', async () => {
			sim.state.users.get('1000')!.user_group = 'AGENTS';
			const result = await searchUserGroups.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([
				['ADMIN', 'ADMIN'],
				['AGENTS', 'AGENTS'],
			]);
			expect(sim.log.map((r) => r.params.function).sort()).toEqual(['campaigns_list', 'logged_in_agents']);
		});

		it('filters the groups', async () => {
			sim.state.users.get('1000')!.user_group = 'AGENTS';
			expect((await searchUserGroups.call(loadOptionsContext(sim), 'agen')).results.map((i) => i.value)).toEqual(['AGENTS']);
		});
	});

	describe('searchInGroups', () => {
		// Regression (was a bug): listSearch.ts's pattern expects `choose_file('ID',…)` to be followed by `</a>` with
		// no tag between, but the picker puts `<font …>` before the ID (`…');"><font size=2 …>ID</a>`),
		// so no in-group is ever found.
		it('reads the in-groups from the ingroup_list picker as "name (id)"', async () => {
			const result = await searchInGroups.call(loadOptionsContext(sim));
			expect(pairs(result)).toEqual([
				['AGENTDIRECT', 'Agent Direct (AGENTDIRECT)'],
				['SALESLINE', 'Sales Line (SALESLINE)'],
			]);
			expect(sim.log.map((r) => r.params.function)).toEqual(['ingroup_list']);
		});

		it('filters the in-groups', async () => {
			const result = await searchInGroups.call(loadOptionsContext(sim), 'sales');
			expect(result.results.map((i) => i.value)).toEqual(['SALESLINE']);
		});
	});

	describe('searchStatuses', () => {
		/** A call_date today (the simulator's server clock), as call_status_stats counts them. */
		const todayAt = (time: string) => {
			const now = new Date();
			const pad = (n: number) => String(n).padStart(2, '0');
			return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${time}`;
		};
		const defaults = ['A', 'AA', 'AB', 'ADC', 'AFAX', 'B', 'CALLBK', 'DC', 'DEC', 'DNC', 'DROP', 'N', 'NA', 'NI', 'NP', 'SALE', 'XFER'];

		it('offers VICIdial\'s default statuses without a request when no campaign is chosen', async () => {
			const result = await searchStatuses.call(loadOptionsContext(sim));
			expect(result.results.map((i) => i.value).sort()).toEqual(defaults);
			expect(result.results.find((i) => i.value === 'SALE')?.name).toBe('Sale Made (SALE)');
			expect(result.results[0].name).toBe('Agent Not Available (DROP)');
			expect(sim.log).toHaveLength(0);
		});

		it('adds the statuses the chosen campaign used today (call_status_stats)', async () => {
			sim.state.callLog.push({ ...sim.state.callLog[0], uniqueid: '1795200000.1', call_date: todayAt('00:00:01'), status: 'PSALE' });
			const result = await searchStatuses.call(loadOptionsContext(sim, { parameters: { campaignId: { __rl: true, mode: 'list', value: 'TESTCAMP' } } }));
			expect(result.results.map((i) => i.value)).toContain('PSALE');
			expect(result.results.find((i) => i.value === 'PSALE')?.name).toBe('PSALE');
			expect(result.results).toHaveLength(defaults.length + 1);
			expect(sim.log.map((r) => r.params)).toEqual([expect.objectContaining({ function: 'call_status_stats', campaigns: 'TESTCAMP' })]);
		});

		// Regression (was a bug): listSearch.ts reads only the top-level `campaignId` parameter. Where Campaign is
		// optional (add_lead's and update_lead's Callback Status and Status), it sits in
		// `additionalFields.campaignId`, so the campaign's statuses are never offered there.
		it('also finds the campaign in Additional Fields (update_lead\'s Status)', async () => {
			sim.state.callLog.push({ ...sim.state.callLog[0], uniqueid: '1795200000.2', call_date: todayAt('00:00:02'), status: 'PSALE' });
			const context = loadOptionsContext(sim, { parameters: { resource: 'lead', operation: 'update_lead', additionalFields: { campaignId: 'TESTCAMP' } } });
			const result = await searchStatuses.call(context);
			expect(result.results.map((i) => i.value)).toContain('PSALE');
		});

		it('filters the statuses by code or name', async () => {
			const result = await searchStatuses.call(loadOptionsContext(sim), 'busy');
			expect(pairs(result)).toEqual([
				['B', 'Busy (B)'],
				['AB', 'Busy Auto (AB)'],
			]);
		});
	});
});
