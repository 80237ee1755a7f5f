/**
 * Runs the VICIdial Trigger's `webhook()` behind a real node:http server, the way n8n 2.8 does:
 * the request arrives over TCP (from simulator/hooks.cts or any client), its raw body is read and
 * parsed like n8n's body parser, an `IWebhookFunctions` context is built around the real
 * request and response, and n8n's `onReceived` answer is imitated:
 * - `noWebhookResponse: true`: the node answered itself (the harness checks it did), and a run
 *   starts when it also returned `workflowData`, as in n8n;
 * - `workflowData`: a run starts; the answer is the webhook description's `responseData`;
 * - neither: n8n's default `{"message":"Webhook call received"}` (or `webhookResponse`).
 * With `workflow` given, a run is that function, and n8n's lastNode answer is imitated for a
 * node that left the answer to n8n: 200 with the last node's first item as JSON (express's
 * `res.json`), or 500 `{"message":"Error in workflow"}` when the run throws, written whenever
 * the run ends, as n8n does, whatever the node wrote before.
 *
 * Static data is one persistent object the test owns, so it survives across calls and can be
 * serialised and handed to a "restarted" harness.
 */
import * as http from 'node:http';

import {
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type NodeParameterValueType,
	Workflow,
} from 'n8n-workflow';

import { VicidialTrigger } from '../../nodes/VicidialTrigger/VicidialTrigger.node';

export const WEBHOOK_ID = 'b7e3c1d2-vicidial-hook';

export interface HarnessOptions {
	parameters?: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Persistent static data (`getWorkflowStaticData('node')`); a fresh object by default. */
	staticData?: IDataObject;
	/** `webhook` (active workflow) or `manual` (editor listening for a test event). */
	mode?: 'webhook' | 'manual';
	/** The workflow's time zone (`getTimezone()`). */
	timezone?: string;
	/** Listen address: 127.0.0.1 by default, `::1` for IPv6 tests. */
	host?: string;
	/**
	 * The public base n8n reports (its WEBHOOK_URL, e.g. `http://n8n.test` behind a reverse
	 * proxy); the listening address by default.
	 */
	publicBase?: string;
	/**
	 * The node's typeVersion (1 by default). From version 2 n8n reads only JSON, text, form and
	 * XML bodies (webhook-helpers parseRequestBody): the harness then leaves any other body
	 * unread, behind `readRawBody()`, as n8n does.
	 */
	typeVersion?: 1 | 2;
	/**
	 * The run, for the call-outs n8n answers (lastNode): given the trigger's items, the last
	 * node's first item, or a throw for a failed run.
	 */
	workflow?: (items: IDataObject[]) => Promise<IDataObject | undefined>;
}

/** One request the harness answered. */
export interface HarnessCall {
	method: string;
	path: string;
	/** The request headers as received (VICIdial sends only Host and Connection). */
	headers: http.IncomingHttpHeaders;
	/** The status sent (the client sees the body). */
	status: number;
	/** Whether a workflow run started. */
	ran: boolean;
	error?: Error;
}

type RequestWithBody = http.IncomingMessage & {
	rawBody: Buffer | undefined;
	readRawBody: () => Promise<void>;
	body: unknown;
	query: IDataObject;
	contentType?: string;
};

const noop = () => undefined;
const logger = { debug: noop, info: noop, warn: noop, error: noop, verbose: noop };

/** Node's `querystring.parse` (n8n's form and query parser): `+` is a space, repeated names become arrays. */
function parseQueryString(text: string): IDataObject {
	const object: IDataObject = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const existing = object[name];
		if (existing === undefined) object[name] = value;
		else if (Array.isArray(existing)) (existing as string[]).push(value);
		else object[name] = [existing as string, value];
	}
	return object;
}

/** Whether n8n reads the body for a webhook node from version 2: `nodeVersion > 1` in parseRequestBody. */
function readFromVersion2(contentType: string | undefined): boolean {
	if (contentType === undefined) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** n8n's parseBody: JSON, form and text by media type; anything else keeps only the raw bytes. */
function n8nBody(contentType: string | undefined, rawBody: Buffer): unknown {
	if (rawBody.length === 0) return {};
	const text = rawBody.toString('utf8');
	if (contentType === 'application/json') {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			// Real n8n answers 422 before the node runs; the harness lets the node's own guard answer.
			return {};
		}
	}
	if (contentType === 'application/x-www-form-urlencoded') return parseQueryString(text);
	if (contentType === 'text/plain') return text;
	return {};
}

function matches(property: INodeProperties, parameters: INodeParameters): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => {
		if (name.startsWith('/') || name.startsWith('@')) return true;
		const value = parameters[name] ?? defaultOf(name, parameters);
		return Array.isArray(allowed) && (allowed as unknown[]).includes(value);
	});
}

/** n8n's default for a top-level parameter: the first visible property of that name. */
function defaultOf(name: string, parameters: INodeParameters): NodeParameterValueType | undefined {
	const property = new VicidialTrigger().description.properties.find(
		(candidate) => candidate.name === name && matches(candidate, parameters),
	);
	return property === undefined ? undefined : (structuredClone(property.default) as NodeParameterValueType);
}

export class TriggerHarness {
	readonly calls: HarnessCall[] = [];
	/** The items of every run that started, in order. */
	readonly runs: IDataObject[][] = [];
	/** The same runs by output: one list of items per output of the node (Route by Outcome). */
	readonly runOutputs: IDataObject[][][] = [];
	/** How many times the node asked n8n for a body n8n had left unread. */
	rawBodyReads = 0;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	staticData: IDataObject;
	mode: 'webhook' | 'manual';
	private readonly timezone: string;
	private readonly publicBase?: string;
	private readonly typeVersion: 1 | 2;
	private readonly workflow?: (items: IDataObject[]) => Promise<IDataObject | undefined>;
	/** Runs still going (a slow workflow outlives its request). */
	private readonly pending = new Set<Promise<void>>();
	private server?: http.Server;
	private base = '';

	private constructor(options: HarnessOptions) {
		this.parameters = { ...(options.parameters ?? {}) };
		this.credentials = options.credentials;
		this.staticData = options.staticData ?? {};
		this.mode = options.mode ?? 'webhook';
		this.timezone = options.timezone ?? 'UTC';
		this.publicBase = options.publicBase;
		this.typeVersion = options.typeVersion ?? 1;
		this.workflow = options.workflow;
	}

	/** Resolves when every run started so far has ended and n8n's answer to it was written. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	/** n8n's lastNode answer once the run ends: the last node's first item, or "Error in workflow". */
	private async answerLastNode(call: HarnessCall, res: http.ServerResponse, items: IDataObject[]): Promise<void> {
		const run = this.workflow;
		if (!run) return;
		let status = 200;
		let body: unknown;
		try {
			body = (await run(items)) ?? { message: 'Workflow executed successfully but the last node did not return any data' };
		} catch {
			status = 500;
			body = { message: 'Error in workflow' };
		}
		try {
			// Unguarded, as n8n's express response: a node that answered first must absorb this.
			res.statusCode = status;
			res.setHeader('Content-Type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(body));
		} catch (error) {
			call.error = error as Error;
		}
	}

	static async start(options: HarnessOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		await harness.listen(options.host ?? '127.0.0.1');
		return harness;
	}

	/** n8n's production URL of the trigger: `/webhook/<webhookId>/vicidial`. */
	get url(): string {
		return `${this.base}/webhook/${WEBHOOK_ID}/vicidial`;
	}

	/** The production URL as n8n reports it (`publicBase` when given). */
	get publicUrl(): string {
		return `${this.publicBase ?? this.base}/webhook/${WEBHOOK_ID}/vicidial`;
	}

	/** `host:port` the harness listens on, for a simulated reverse proxy. */
	get address(): string {
		return this.base.replace(/^http:\/\//, '');
	}

	/** n8n's test URL, live while the editor listens. */
	get testUrl(): string {
		return `${this.base}/webhook-test/${WEBHOOK_ID}/vicidial`;
	}

	get lastCall(): HarnessCall {
		const call = this.calls[this.calls.length - 1];
		if (!call) throw new Error('No call received yet');
		return call;
	}

	private recordRun(outputs: INodeExecutionData[][]): void {
		const byOutput = outputs.map((items) => items.map((entry) => entry.json));
		this.runOutputs.push(byOutput);
		this.runs.push(byOutput.flat());
	}

	/** Items of the last run. */
	get lastItems(): IDataObject[] {
		const run = this.runs[this.runs.length - 1];
		if (!run) throw new Error('No run started');
		return run;
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
	}

	/** A hook context (`checkExists`/`create`/`delete`) on the same node and static data. */
	hookContext(): IHookFunctions {
		return this.context() as unknown as IHookFunctions;
	}

	private node(): INode {
		return {
			id: 'node-1',
			name: 'VICIdial Trigger',
			type: 'n8n-nodes-vicidial.vicidialTrigger',
			typeVersion: this.typeVersion,
			position: [0, 0],
			parameters: this.parameters,
			webhookId: WEBHOOK_ID,
		};
	}

	private readonly workflowId = `wf-${Math.random().toString(36).slice(2, 10)}`;

	/** What webhook and hook contexts share. */
	private context(): Record<string, unknown> {
		return {
			logger,
			getNode: () => this.node(),
			// Each harness is its own n8n process: a fresh workflow id keeps the trigger's
			// in-memory dedup of one harness from reaching the next.
			getWorkflow: () => ({ id: this.workflowId, name: 'VICIdial test', active: this.mode === 'webhook' }),
			getMode: () => this.mode,
			getActivationMode: () => 'activate',
			getTimezone: () => this.timezone,
			getWebhookName: () => 'default',
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error(`The trigger asked for "${type}" static data`);
				return this.staticData;
			},
			getCredentials: async (type: string) => {
				if (type !== 'vicidialTriggerApi') throw new Error(`Unknown credential type ${type}`);
				return this.credentials;
			},
			// In a webhook context n8n always gives the production URL (webhook-helper-functions.js).
			getNodeWebhookUrl: (name: string) => (name === 'default' ? this.publicUrl : undefined),
			getNodeParameter: (name: string, fallback?: unknown) => {
				const value = this.parameters[name] ?? defaultOf(name, this.parameters);
				return value === undefined ? fallback : value;
			},
		};
	}

	private webhookContext(req: RequestWithBody, res: http.ServerResponse): IWebhookFunctions {
		const context = {
			...this.context(),
			getRequestObject: () => req,
			getResponseObject: () => res,
			getHeaderData: () => req.headers,
			getBodyData: () => req.body,
			getQueryData: () => req.query,
			getParamsData: () => ({}),
			helpers: {
				returnJsonArray: (data: IDataObject | IDataObject[]): INodeExecutionData[] =>
					(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			},
		};
		return context as unknown as IWebhookFunctions;
	}

	private async listen(host: string): Promise<void> {
		const server = http.createServer((req, res) => void this.handle(req, res));
		this.server = server;
		await new Promise<void>((resolve) => server.listen(0, host, resolve));
		const { port } = server.address() as { port: number };
		this.base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	}

	private async handle(incoming: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of incoming) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const [path, search = ''] = (incoming.url ?? '/').split('?');
		const method = incoming.method ?? 'GET';
		const call: HarnessCall = { method, path, headers: incoming.headers, status: 0, ran: false };
		this.calls.push(call);
		// The status on the wire: a late run may still set statusCode after the answer went out.
		res.once('finish', () => {
			call.status = res.statusCode;
		});
		const send = (status: number, body: string, contentType: string) => {
			res.writeHead(status, { 'Content-Type': contentType });
			res.end(body);
		};

		const routed = path === `/webhook/${WEBHOOK_ID}/vicidial` || path === `/webhook-test/${WEBHOOK_ID}/vicidial`;
		const webhook = new VicidialTrigger().description.webhooks?.find((entry) => entry.httpMethod === method);
		if (!routed || !webhook) {
			send(404, `This webhook is not registered for ${method} requests.`, 'text/plain');
		} else {
			const contentType = (incoming.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() || undefined;
			const unread = this.typeVersion > 1 && !readFromVersion2(contentType);
			const req: RequestWithBody = Object.assign(incoming, {
				rawBody: unread ? undefined : rawBody,
				readRawBody: async () => {
					this.rawBodyReads++;
					req.rawBody = rawBody;
				},
				contentType,
				body: unread ? {} : n8nBody(contentType, rawBody),
				query: parseQueryString(search),
			});
			try {
				const result: IWebhookResponseData = await new VicidialTrigger().webhook.call(this.webhookContext(req, res));
				if (result.noWebhookResponse === true) {
					if (!res.writableEnded) send(500, 'noWebhookResponse without an answer', 'text/plain');
					// n8n still starts a run with the items of a node that answered itself.
					if (result.workflowData !== undefined) {
						call.ran = true;
						this.recordRun(result.workflowData);
					}
				} else if (result.workflowData !== undefined && this.workflow !== undefined) {
					call.ran = true;
					this.recordRun(result.workflowData);
					const answered = this.answerLastNode(call, res, result.workflowData.flat().map((entry) => entry.json));
					this.pending.add(answered);
					await answered;
					this.pending.delete(answered);
				} else if (result.workflowData !== undefined) {
					call.ran = true;
					this.recordRun(result.workflowData);
					send(200, String(webhook.responseData ?? 'firstEntryJson'), 'text/html; charset=utf-8');
				} else {
					send(200, JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }), 'application/json');
				}
			} catch (error) {
				call.error = error as Error;
				if (!res.headersSent) send(500, (error as Error).message, 'text/plain');
			}
		}
		if (call.status === 0) call.status = res.statusCode;
	}
}

/**
 * The trigger as a node of an n8n-workflow `Workflow`, for what n8n computes from the node's
 * description and parameters itself (its outputs, its webhook response mode), defaults applied.
 */
export function triggerInWorkflow(parameters: INodeParameters): { workflow: Workflow; node: INode; type: VicidialTrigger } {
	const type = new VicidialTrigger();
	const nodeTypes = { getByName: (): INodeType => type, getByNameAndVersion: (): INodeType => type, getKnownTypes: () => ({}) };
	const saved: INode = { id: '1', name: 'VICIdial Trigger', type: 'n8n-nodes-vicidial.vicidialTrigger', typeVersion: 2, position: [0, 0], parameters };
	const workflow = new Workflow({ id: 'trigger', nodes: [saved], connections: {}, active: false, nodeTypes });
	return { workflow, node: workflow.getNode(saved.name) as INode, type };
}
