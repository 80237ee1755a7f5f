import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
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
	/** Every main output's items (with On Error: Continue (using error output), [success, error]). */
	outputs: INodeExecutionData[][];
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
	/** The node's On Error setting, when not the `continueOnFail` shorthand. */
	onError?: INode['onError'];
	/** The node version the workflow was saved with (default 1, as every workflow saved before 1.1). */
	typeVersion?: number;
}

/** Run `Start → <our node>` in n8n-core and return the node's output or error. */
export async function runNode(input: RunNodeInput): Promise<NodeRun> {
	const nodeName = 'Node';
	const nodes: INode[] = [
		startNode(input.items),
		{
			id: '2',
			name: nodeName,
			type: `n8n-nodes-vicidial.${input.type}`,
			typeVersion: input.typeVersion ?? 1,
			position: [200, 0],
			parameters: input.parameters as INode['parameters'],
			credentials: { vicidialApi: { id: '1', name: 'VICIdial' } },
			...(input.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(input.onError ? { onError: input.onError } : {}),
		},
	];
	const connections = { Start: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] } };
	return await runWorkflow(nodes, connections, nodeName, input.credentials);
}

function startNode(items: IDataObject[] | undefined): INode {
	return { id: '1', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items ?? [{}]) } };
}

/**
 * A stand-in for n8n's AI Agent: asks n8n-core for the tools connected to its `ai_tool` input
 * (n8n-core's createNodeAsTool builds each from the node's $fromAI() parameters) and calls the
 * first with the arguments in its `args` parameter, as a model's tool call would. Outputs the
 * tool's name, description, argument names and the answer string the model would read.
 */
class ToolCaller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tool Caller',
		name: 'toolCaller',
		group: ['transform'],
		version: 1,
		description: 'Test stand-in for an AI agent',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Arguments', name: 'args', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as unknown;
		const tools = (Array.isArray(connected) ? connected : [connected]) as Array<{
			name: string;
			description: string;
			schema: { shape: Record<string, unknown> };
			invoke(args: IDataObject): Promise<string>;
		}>;
		const raw = this.getNodeParameter('args', 0) as string | IDataObject;
		const args = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
		const tool = tools[0];
		const answer = await tool.invoke(args);
		return [[{ json: { name: tool.name, description: tool.description, arguments: Object.keys(tool.schema.shape).sort(), answer } }]];
	}
}

/**
 * Our VICIdial node as the `vicidialTool` type n8n makes of every `usableAsTool` node when it
 * loads a package (the conversion lives in n8n's server, not in n8n-core): no main input, an
 * `ai_tool` output, the same properties and execute.
 */
function asToolType(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = { ...node.description, name: `${node.description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] };
	return tool;
}

NODE_TYPES['test.toolCaller'] = new ToolCaller();
NODE_TYPES['n8n-nodes-vicidial.vicidialTool'] = asToolType(NODE_TYPES['n8n-nodes-vicidial.vicidial']);

export interface RunToolInput {
	/** The VICIdial node's parameters, with $fromAI() where the model fills a value in. */
	parameters: IDataObject;
	/** What the model passes to the tool. */
	args: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	typeVersion?: number;
}

/** Run `Start → Tool Caller` with our node connected as its tool, and return the caller's output. */
export async function runAsTool(input: RunToolInput): Promise<NodeRun> {
	const nodes: INode[] = [
		startNode(undefined),
		{ id: '2', name: 'Agent', type: 'test.toolCaller', typeVersion: 1, position: [200, 0], parameters: { args: JSON.stringify(input.args) } },
		{
			id: '3',
			name: 'VICIdial Tool',
			type: 'n8n-nodes-vicidial.vicidialTool',
			typeVersion: input.typeVersion ?? 1.1,
			position: [200, 200],
			parameters: input.parameters as INode['parameters'],
			credentials: { vicidialApi: { id: '1', name: 'VICIdial' } },
		},
	];
	const connections = {
		Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
		'VICIdial Tool': { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	return await runWorkflow(nodes, connections, 'Agent', input.credentials);
}

async function runWorkflow(nodes: INode[], connections: IConnections, resultNode: string, credentials: ICredentialDataDecryptedObject): Promise<NodeRun> {
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		nodeTypes: new TestNodeTypes(),
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', name: 'test', nodes, connections: {}, active: false } as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));

	const credentialsHelper = new TestCredentialsHelper({ vicidialApi: credentials });
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
	const task = run.data.resultData.runData[resultNode]?.[0];
	const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'] | undefined;
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return { items: outputs[0] ?? [], outputs, error, run, credentialReads: credentialsHelper.reads };
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
