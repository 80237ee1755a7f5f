import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { VicidialApi } from '../../credentials/VicidialApi.credentials';
import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';
import { VicidialAgent } from '../../nodes/VicidialAgent/VicidialAgent.node';

/**
 * Runs workflows through n8n-core's WorkflowExecute, as n8n's own NodeTestHarness does, with
 * our nodes and credential. Unlike that harness it applies generic (`IAuthenticateGeneric`)
 * credential auth, so credential injection is exercised too (n8n-notes.md §9).
 */

/** A start node that emits the items given in its `items` parameter. */
class ItemsStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Test start node',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const NODE_TYPES: Record<string, INodeType> = {
	'test.items': new ItemsStart(),
	'n8n-nodes-vicidial.vicidial': new Vicidial(),
	'n8n-nodes-vicidial.vicidialAgent': new VicidialAgent(),
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { vicidialApi: new VicidialApi() };

class TestNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType {
		const type = NODE_TYPES[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** `={{$credentials.name}}` → the credential's value; anything fancier is a test setup error. */
function resolveCredentialExpression(value: string, credentials: ICredentialDataDecryptedObject): unknown {
	const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	if (!match) {
		if (value.startsWith('=')) throw new Error(`Harness cannot resolve credential expression ${value}`);
		return value;
	}
	return credentials[match[1]];
}

export class TestCredentialsHelper {
	/** How often n8n asked for a decrypted credential (a real n8n reads its database each time). */
	reads = 0;

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return auth(credentials, requestOptions);
		const options = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [target, values] of Object.entries(auth.properties)) {
			const bag = (options[target] ??= {}) as Record<string, unknown>;
			for (const [key, value] of Object.entries(values as Record<string, string>)) {
				bag[key] = resolveCredentialExpression(value, credentials);
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(_additionalData: unknown, nodeCredentials: { name: string | null }, type: string): Promise<ICredentialDataDecryptedObject> {
		this.reads += 1;
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials for ${type} (${nodeCredentials.name})`);
		return found;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export interface NodeRun {
	/** The node's output items (main output 0), `pairedItem` kept. */
	items: INodeExecutionData[];
	/** The node's error, when the run failed. */
	error?: { message: string; description?: string | null; context?: IDataObject; name?: string };
	run: IRun;
	/** How many times the run had n8n decrypt the credential. */
	credentialReads: number;
}

export interface RunNodeInput {
	type: 'vicidial' | 'vicidialAgent';
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	/** Input items (default: one empty item). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** The saved node's typeVersion (1 by default: the first layout). */
	typeVersion?: number;
}

/** Run `Start → <our node>` in n8n-core and return the node's output or error. */
export async function runNode(input: RunNodeInput): Promise<NodeRun> {
	const nodeName = 'Node';
	const nodes: INode[] = [
		{ id: '1', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input.items ?? [{}]) } },
		{
			id: '2',
			name: nodeName,
			type: `n8n-nodes-vicidial.${input.type}`,
			typeVersion: input.typeVersion ?? 1,
			position: [200, 0],
			parameters: input.parameters as INode['parameters'],
			credentials: { vicidialApi: { id: '1', name: 'VICIdial' } },
			...(input.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections: { Start: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: new TestNodeTypes(),
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', name: 'test', nodes, connections: {}, active: false } as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));

	const credentialsHelper = new TestCredentialsHelper({ vicidialApi: input.credentials });
	const additionalData = {
		hooks,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }] },
	});
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await done.promise;
	const task = run.data.resultData.runData[nodeName]?.[0];
	const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'] | undefined;
	return { items: task?.data?.main?.[0] ?? [], error, run, credentialReads: credentialsHelper.reads };
}

/** Credentials pointing at a simulator. */
export function simCredentials(url: string, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { baseUrl: url, apiUser: '6666', password: '1234', source: 'n8n-test', ...overrides };
}

/**
 * n8n-core's SSH tunnel manager (created for every execute context) keeps a 60 s cleanup
 * interval running; stop it so jest can exit once the tests are done.
 */
export function stopHarness(): void {
	const coreDir = require.resolve('n8n-core');
	// n8n-core's own copies (not hoisted to the top-level node_modules), resolved from its folder.
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as { Container: { get(type: unknown): unknown } };
	const { SSHClientsManager } = require(require.resolve('n8n-core/dist/execution-engine/ssh-clients-manager', { paths: [coreDir] })) as {
		SSHClientsManager: unknown;
	};
	(Container.get(SSHClientsManager) as { onShutdown(): void }).onShutdown();
}
