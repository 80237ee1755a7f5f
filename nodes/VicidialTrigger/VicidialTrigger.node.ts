import { createHash } from 'crypto';
import {
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeOperationError,
} from 'n8n-workflow';

import { DEFAULT_ANSWER_TIMEOUT_SECONDS, holdFilterAnswer, writeFilterAnswer } from './answer';
import { decodeBody, type DecodedRequest, decodeRequest, encodingOf, type IncomingRequest, readUnreadBody } from './decode';
import {
	dedupKey,
	DEFAULT_MAX_ENTRIES,
	DEFAULT_WINDOW_MINUTES,
	LayeredDedupStore,
	MemoryDedupStore,
	StaticDataDedupStore,
} from './dedup';
import {
	AGENT_EVENTS,
	buildHookUrl,
	buildSetupText,
	HOOK_KINDS,
	HOOKS,
	type HookKind,
	type HookUrlOptions,
	INBOUND_ONLY_VARIABLES,
	isHookKind,
	pasteProblems,
	webFormWarnings,
	SENSITIVE_VARIABLES,
	splitList,
} from './hooks';
import {
	applyMapping,
	dedupPartsOf,
	type DispositionMapping,
	type Filters,
	matchesFilters,
	parseCallout,
	type ParsedBody,
	type TriggerItem,
	variablesForFilters,
} from './parse';
import {
	authConfigFrom,
	type AuthConfig,
	configProblems,
	proxyWarning,
	REPLAY_WINDOW_SECONDS,
	secretsOf,
	SETUP_PARAMETER,
	verifyRequest,
} from './verify';

/** The webhook path: production URLs read `/webhook/<webhookId>/vicidial`. */
const WEBHOOK_PATH = 'vicidial';

/**
 * n8n answers with the literal `firstEntryJson` unless `responseData` is set (n8n-notes.md §3).
 * VICIdial stores this body in vicidial_url_log.url_response, so it stays short.
 */
const RESPONSE_BODY = 'OK';

const DEFAULT_MAX_BODY_KB = 1024;

/** Options > Respond: answer VICIdial at once (default), or once the workflow has finished. */
const RESPOND_FINISHED = 'workflowFinished';

/** Options > Respond: n8n waits for a response node (the VICIdial Screen Pop node) to answer. */
const RESPOND_NODE = 'responseNode';

/**
 * n8n's response mode, read per request from Options > Respond. With "lastNode" n8n answers
 * when the run ends: 200 with the last node's first item, or 500 `{"message":"Error in
 * workflow"}`. VICIdial stores the answer in vicidial_url_log.url_response (notes §6.2); PHP's
 * file() reads no body from an HTTP error, so a failed run leaves it empty. With "responseNode"
 * n8n answers with what the first response node sends (this.sendResponse). The Web Form waits
 * for a response node unless told otherwise (the agent looks at the page); the DID Filter URL
 * always takes the last node's answer, which the trigger reads itself (answer.ts).
 */
const RESPOND = '($parameter["options"] || {})["respond"]';
const RESPONSE_MODE =
	`={{$parameter["event"] === "didFilter" || ${RESPOND} === "${RESPOND_FINISHED}" ? "lastNode" : ` +
	`${RESPOND} === "${RESPOND_NODE}" || (${RESPOND} === undefined && $parameter["event"] === "webForm") ? "responseNode" : "onReceived"}}`;

const variableProperties: INodeProperties[] = HOOK_KINDS.filter((kind) => HOOKS[kind].variables.length > 0).map(
	(kind) => ({
		displayName: 'Variables',
		name: 'variables',
		type: 'multiOptions',
		options: HOOKS[kind].variables
			.filter((name) => !SENSITIVE_VARIABLES.includes(name))
			.slice()
			.sort((a, b) => a.localeCompare(b))
			.map((name) =>
				kind === 'start' && INBOUND_ONLY_VARIABLES.includes(name)
					? { name, value: name, description: 'Filled only for inbound calls: a manual dial leaves it unreplaced' }
					: { name, value: name },
			),
		default: [...HOOKS[kind].defaults],
		description: `The --A--name--B-- variables the ${HOOKS[kind].displayName} should carry`,
		displayOptions: { show: { event: [kind] } },
	}),
);

const pasteNotices: INodeProperties[] = HOOK_KINDS.map((kind) => ({
	displayName: `Paste into: ${HOOKS[kind].pasteInto}`,
	name: 'pasteNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { event: [kind] } },
}));

/** One Event option per call-out kind in `HOOKS`, sorted by name as the editor lists them. */
const eventOptions: INodePropertyOptions[] = HOOK_KINDS.map((kind) => ({
	name: HOOKS[kind].displayName,
	value: kind,
	description: HOOKS[kind].summary,
})).sort((a, b) => a.name.localeCompare(b.name));

const CUSTOM_FIELD_KINDS = HOOK_KINDS.filter((kind) => HOOKS[kind].customFields);

/** The last output with Route by Outcome: codes the mapping lacks, and call-outs without one. */
const OTHER_OUTPUT = 'Other';

interface OutputConfig {
	type: 'main';
	displayName?: string;
}

/**
 * The trigger's outputs, from its parameters as n8n's Switch node derives its own from its
 * rules: one output, or with Route by Outcome one per outcome of the Disposition Mapping (table
 * order; codes sharing an outcome share its output; an empty outcome is named by its code) and
 * "Other" last. n8n runs this from its source text in the editor and for each run, so it uses
 * nothing from outside its body, not even OTHER_OUTPUT.
 */
export function outcomeOutputs(parameters: IDataObject): OutputConfig[] {
	const table = parameters.dispositionMapping as { mapping?: Array<{ code?: unknown; outcome?: unknown }> } | undefined;
	if (parameters.routeByOutcome !== true) return [{ type: 'main' }];
	const labels: string[] = [];
	const rows = table && Array.isArray(table.mapping) ? table.mapping : [];
	for (const row of rows) {
		const code = typeof row.code === 'string' ? row.code.trim() : '';
		const outcome = typeof row.outcome === 'string' ? row.outcome.trim() : '';
		if (code !== '' && labels.indexOf(outcome || code) < 0) labels.push(outcome || code);
	}
	return labels.map((label): OutputConfig => ({ type: 'main', displayName: label })).concat([{ type: 'main', displayName: 'Other' }]);
}

export class VicidialTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial Trigger',
		name: 'vicidialTrigger',
		icon: { light: 'file:vicidial.svg', dark: 'file:vicidial.dark.svg' },
		group: ['trigger'],
		// Both versions behave the same here; n8n treats them differently. For a webhook node at
		// exactly typeVersion 1, n8n evaluates `$parameter.options.binaryData` on every request
		// (webhook-helpers parseRequestBody), which n8n 2.39 runs in its isolated-vm engine; from
		// version 2 it skips that and reads only JSON, text, form and XML bodies, so receive()
		// reads any other body itself (readUnreadBody). Saved workflows keep version 1.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when VICIdial calls out: dispositions, call starts, drops, agent events',
		defaults: { name: 'VICIdial Trigger' },
		inputs: [],
		outputs: `={{(${outcomeOutputs})($parameter)}}`,
		credentials: [{ name: 'vicidialTriggerApi', required: true, testedBy: 'vicidialTriggerApiTest' }],
		webhooks: [
			// responseData is read only with "lastNode" (the trigger answers itself otherwise): a
			// success answer with a body, so VICIdial's log tells it from a failure's empty one.
			{ name: 'default', httpMethod: 'GET', responseMode: RESPONSE_MODE, responseData: 'firstEntryJson', path: WEBHOOK_PATH },
			{ name: 'default', httpMethod: 'POST', responseMode: RESPONSE_MODE, responseData: 'firstEntryJson', path: WEBHOOK_PATH },
		],
		properties: [
			{
				displayName:
					'VICIdial needs the full URL with its variables, not the bare webhook URL. Every test event shows the exact string to paste in its setup.pasteUrl field (the Production URL, with YOUR_SECRET where your secret goes). Or publish the workflow and open the Production URL with ?n8n_setup=1 and your secret added (for the default credential: ?n8n_setup=1&token=YOUR_SECRET). n8n answers with the string and where it goes; no workflow runs. With HTTP Basic the browser asks for the user and password. The Test URL only answers while the editor listens for a test event: VICIdial must get the Production URL.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: eventOptions,
				default: 'dispo',
			},
			...pasteNotices,
			...variableProperties,
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'string',
				default: '',
				placeholder: 'appointment_date, favorite_color',
				description: 'Labels of custom list fields to send, separated by commas',
				displayOptions: { show: { event: CUSTOM_FIELD_KINDS } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Call-outs that do not match get 200 and start nothing',
				options: [
					{
						displayName: 'Agent Events',
						name: 'agentEvents',
						type: 'multiOptions',
						options: AGENT_EVENTS.slice()
							.sort((a, b) => a.localeCompare(b))
							.map((name) => ({ name, value: name })),
						default: [],
						displayOptions: { show: { '/event': ['agentEvents'] } },
					},
					{
						displayName: 'Campaigns',
						name: 'campaigns',
						type: 'string',
						default: '',
						placeholder: 'TESTCAMP, SALES',
						description: 'Campaign IDs, separated by commas',
					},
					{
						displayName: 'Dispositions',
						name: 'dispositions',
						type: 'string',
						default: '',
						placeholder: 'SALE, CALLBK',
						description: 'Status codes, separated by commas',
					},
					{
						displayName: 'In-Groups',
						name: 'inGroups',
						type: 'string',
						default: '',
						placeholder: 'SALESLINE',
						description: 'In-group IDs, separated by commas',
					},
					{
						displayName: 'Lists',
						name: 'lists',
						type: 'string',
						default: '',
						placeholder: '101, 102',
						description: 'List IDs, separated by commas',
					},
				],
			},
			{
				displayName: 'Disposition Mapping',
				name: 'dispositionMapping',
				type: 'fixedCollection',
				placeholder: 'Add Mapping',
				typeOptions: { multipleValues: true },
				default: {},
				description:
					'Adds "outcome" to each item: the label of its status code, or unmapped: true for a code the table lacks',
				options: [
					{
						displayName: 'Mapping',
						name: 'mapping',
						values: [
							{
								displayName: 'Status Code',
								name: 'code',
								type: 'string',
								default: '',
								placeholder: 'SALE',
							},
							{
								displayName: 'Outcome',
								name: 'outcome',
								type: 'string',
								default: '',
								placeholder: 'Closed Won',
							},
						],
					},
				],
			},
			{
				displayName: 'Route by Outcome',
				name: 'routeByOutcome',
				type: 'boolean',
				default: false,
				description:
					'Whether to give the trigger one output per outcome of the Disposition Mapping, plus "Other" for codes the table lacks, so no Switch node is needed',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Answer Field',
						name: 'answerField',
						type: 'string',
						default: 'answer',
						description:
							'Field of the last node\'s first item that holds the answer: 1 (match) or 0, or with Filter URL DID Redirect the DID to send the call to. A dotted path reads a nested field.',
						displayOptions: { show: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Answer Timeout (Seconds)',
						name: 'answerTimeout',
						type: 'number',
						typeOptions: { minValue: 0.1, numberPrecision: 1 },
						default: DEFAULT_ANSWER_TIMEOUT_SECONDS,
						description:
							'How long to wait for the workflow before VICIdial gets the safe answer; the caller rings meanwhile',
						displayOptions: { show: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Deduplicate',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to start nothing for a call-out already received within the window (same event, call, lead and status). Off unless set for the Web Form, which answers every click.',
						// VICIdial asks the DID Filter URL about each new call: every request is a new question.
						displayOptions: { hide: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Duplicate Window (Minutes)',
						name: 'dedupWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_WINDOW_MINUTES,
						displayOptions: { hide: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Max Body Size (KB)',
						name: 'maxBodyKb',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_BODY_KB,
						description: 'Larger bodies get 413 and start nothing',
					},
					{
						displayName: 'Respond',
						name: 'respond',
						type: 'options',
						options: [
							{
								name: 'Using a Response Node',
								value: RESPOND_NODE,
								description:
									'Answer with what the first VICIdial Screen Pop node sends: a card or a redirect. The default for the Web Form. A run without one answers an empty page.',
							},
							{
								name: 'When Received',
								value: 'received',
								description: 'Answer "OK" before the workflow runs: fast, but a failed run shows only in n8n',
							},
							{
								name: 'When the Workflow Has Finished',
								value: RESPOND_FINISHED,
								description:
									'Answer when the run ends: 200 with the last node\'s first item, or 500 "Error in workflow", so VICIdial\'s URL log shows which call-outs failed. VICIdial waits up to 60 s (PHP\'s default_socket_timeout) and fetches the Start Call URL while the agent screen waits: keep such workflows short.',
							},
						],
						default: 'received',
						description: 'When n8n answers the call-out. Unset, the Web Form waits for a response node and the others answer at once.',
						displayOptions: { hide: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Safe Answer',
						name: 'safeAnswer',
						type: 'string',
						default: '0',
						description:
							'What VICIdial gets when the workflow is too slow, fails or gives no usable answer: 0 keeps the DID\'s default route',
						displayOptions: { show: { '/event': ['didFilter'] } },
					},
					{
						displayName: 'Unmapped Outcome Label',
						name: 'unmappedOutcome',
						type: 'string',
						default: '',
						description: 'Outcome label for status codes missing from the mapping table',
					},
					{
						displayName: 'VICIdial Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'America/New_York',
						description:
							'Zone of the VICIdial server, for SQLdate and other dates (they have no offset). Empty: the offset SQLdate and epoch show when the call-out carries both, else the workflow\'s time zone.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async vicidialTriggerApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				// Nothing to call: VICIdial calls n8n. The test checks the configuration instead.
				const problems = configProblems(authConfigFrom(credential.data ?? {}));
				return problems.length > 0
					? { status: 'Error', message: problems.join('; ') }
					: { status: 'OK', message: 'The configuration is complete' };
			},
		},
	};

	/**
	 * VICIdial has no API to register a call-out URL: the admin pastes it. These methods record
	 * what the paste-ready string is for this URL (secret masked) in the node's static data, so
	 * a changed event, variable list or URL is noticed, and n8n never calls anything out.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const record = this.getWorkflowStaticData('node').setup as IDataObject | undefined;
				const current = await setupRecord(this);
				return record !== undefined && record.signature === current.signature;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').setup = await setupRecord(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').setup;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}

interface TriggerSettings {
	kind: HookKind;
	variables: string[];
	customFields: string[];
	filters: Filters;
	mappings: DispositionMapping[];
	/** One output per outcome (outcomeOutputs). */
	routeByOutcome: boolean;
	/** n8n answers, not the trigger (RESPONSE_MODE): when the run has finished or by a response node. */
	respondWhenFinished: boolean;
	/** DID Filter URL: where the answer is, what to answer otherwise, and how long to wait. */
	answerField: string;
	safeAnswer: string;
	answerTimeoutMs: number;
	deduplicate: boolean;
	windowMinutes: number;
	maxBodyBytes: number;
	/** The VICIdial Time Zone option; '' when not set. */
	timeZone: string;
	/** The workflow's zone, for SQL dates when neither the option nor epoch tells the server's. */
	workflowTimeZone: string;
	unmappedLabel: string;
}

type ParameterContext = Pick<IHookFunctions, 'getNodeParameter' | 'getNode' | 'getTimezone'>;

function text(value: unknown, fallback = ''): string {
	return typeof value === 'string' ? value : fallback;
}

function textList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** Whether n8n answers after the run (RESPONSE_MODE's lastNode or responseNode), as n8n computes it. */
function respondsLater(kind: HookKind, respond: unknown): boolean {
	if (HOOKS[kind].answers === 'filter') return true;
	if (respond === undefined) return HOOKS[kind].answers === 'page';
	return respond === RESPOND_FINISHED || respond === RESPOND_NODE;
}

function readSettings(context: ParameterContext): TriggerSettings {
	const kind = context.getNodeParameter('event', 'dispo');
	if (!isHookKind(kind)) throw new NodeOperationError(context.getNode(), `Unknown event "${String(kind)}"`);
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const mapping = context.getNodeParameter('dispositionMapping', {}) as IDataObject;
	const mappings = (Array.isArray(mapping.mapping) ? (mapping.mapping as IDataObject[]) : [])
		.map((entry) => ({ code: text(entry.code).trim(), outcome: text(entry.outcome) }))
		.filter((entry) => entry.code !== '');
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
	return {
		kind,
		variables: HOOKS[kind].variables.length > 0 ? textList(context.getNodeParameter('variables', [])) : [],
		customFields: HOOKS[kind].customFields ? splitList(text(context.getNodeParameter('customFields', ''))) : [],
		filters: {
			dispositions: splitList(text(filters.dispositions)),
			campaigns: splitList(text(filters.campaigns)),
			inGroups: splitList(text(filters.inGroups)),
			lists: splitList(text(filters.lists)),
			agentEvents: kind === 'agentEvents' ? textList(filters.agentEvents) : [],
		},
		mappings,
		routeByOutcome: context.getNodeParameter('routeByOutcome', false) === true,
		respondWhenFinished: respondsLater(kind, options.respond),
		answerField: text(options.answerField, 'answer').trim() || 'answer',
		safeAnswer: text(options.safeAnswer, '0').trim() || '0',
		answerTimeoutMs: number(options.answerTimeout, DEFAULT_ANSWER_TIMEOUT_SECONDS) * 1000,
		// The answered call-outs answer every request: a second web form click is a second page.
		deduplicate: HOOKS[kind].answers === undefined ? options.deduplicate !== false : options.deduplicate === true,
		windowMinutes: number(options.dedupWindowMinutes, DEFAULT_WINDOW_MINUTES),
		maxBodyBytes: number(options.maxBodyKb, DEFAULT_MAX_BODY_KB) * 1024,
		timeZone: text(options.timeZone).trim(),
		workflowTimeZone: context.getTimezone(),
		unmappedLabel: text(options.unmappedOutcome),
	};
}

/** The builder's input for this node: its URL, event, variables (plus those the filters read) and auth. */
function hookUrlOptions(
	settings: TriggerSettings,
	webhookUrl: string,
	auth: AuthConfig,
	maskSecrets: boolean,
): HookUrlOptions & { addedForFilters: string[] } {
	const known = HOOKS[settings.kind].variables;
	const addedForFilters = variablesForFilters(settings.filters, settings.kind).filter(
		(name) => known.includes(name) && !settings.variables.includes(name),
	);
	const secret = (value: string) => (maskSecrets ? 'YOUR_SECRET' : value);
	const options: HookUrlOptions & { addedForFilters: string[] } = {
		kind: settings.kind,
		webhookUrl,
		variables: [...settings.variables, ...addedForFilters],
		customFields: settings.customFields,
		addedForFilters,
	};
	if (auth.mode === 'querySecret') options.querySecret = { name: auth.queryParameter, value: secret(auth.secret) };
	if (auth.mode === 'basicAuth') options.basicAuth = { user: auth.user, password: secret(auth.password) };
	if (auth.mode === 'headerKey') options.header = { name: auth.headerName, value: secret(auth.headerSecret) };
	return options;
}

/**
 * The paste-ready string with every secret shown as YOUR_SECRET, and why it cannot work as
 * pasted (empty when it can): what create() keeps and what a test event shows.
 * @throws Error when a custom field label is not a column name.
 */
function maskedPaste(settings: TriggerSettings, webhookUrl: string, auth: AuthConfig): { pasteUrl: string; problems: string[]; warnings: string[] } {
	const options = hookUrlOptions(settings, webhookUrl, auth, true);
	return {
		pasteUrl: buildHookUrl(options),
		problems: pasteProblems(options),
		// What would keep the agent's browser from loading a Web Form that VICIdial fills fine.
		warnings: settings.kind === 'webForm' ? webFormWarnings(options) : [],
	};
}

/** What `create()` keeps: the masked paste-ready string and a signature of everything it depends on. */
async function setupRecord(context: IHookFunctions): Promise<IDataObject> {
	const settings = readSettings(context);
	const webhookUrl = context.getNodeWebhookUrl('default') ?? '';
	const auth = authConfigFrom(await context.getCredentials('vicidialTriggerApi'));
	let pasteUrl: string;
	let problems: string[];
	let warnings: string[];
	try {
		({ pasteUrl, problems, warnings } = maskedPaste(settings, webhookUrl, auth));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, {
			description: 'Fix the Custom Fields list: VICIdial field labels are letters, digits and underscores',
		});
	}
	return {
		event: settings.kind,
		webhookUrl,
		pasteUrl,
		pasteInto: HOOKS[settings.kind].pasteInto,
		// Why the string cannot work as pasted (the agent screen deletes ":" and more): [] when it can.
		problems,
		warnings,
		// The paste-ready string already holds the event, URL, variables and auth mode.
		signature: createHash('sha256').update(pasteUrl).digest('hex').slice(0, 16),
	};
}

interface OutgoingResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** Answers the request itself (refusals, ignored call-outs, setup) so no run starts. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = context.getResponseObject() as OutgoingResponse;
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
	res.end(body);
	return { noWebhookResponse: true };
}

/** The DID Filter URL's line at once, without a run (filtered, duplicate). */
function filterAnswer(context: IWebhookFunctions, line: string, source: 'filtered' | 'duplicate'): IWebhookResponseData {
	writeFilterAnswer(context.getResponseObject(), line, source);
	return { noWebhookResponse: true };
}

/** 403 outside the allow-list, else 401; HTTP Basic gets its challenge, so a browser asks. */
function refuse(context: IWebhookFunctions, auth: AuthConfig, status: 401 | 403): IWebhookResponseData {
	if (status === 403) return answer(context, 403, 'Forbidden');
	const challenge: Record<string, string> =
		auth.mode === 'basicAuth' ? { 'WWW-Authenticate': 'Basic realm="VICIdial Trigger"' } : {};
	return answer(context, 401, 'Unauthorized', challenge);
}

/** The path of the public webhook URL the sender calls; undefined when n8n gives none. */
function publicPathOf(context: IWebhookFunctions): string | undefined {
	try {
		return new URL(context.getNodeWebhookUrl('default') ?? '').pathname;
	} catch {
		return undefined;
	}
}

/**
 * Whether a signed request's signature was already used: remembered (in memory and in static
 * data, like the duplicate check) for the whole replay window on both sides of its timestamp.
 */
async function signatureReplayed(context: IWebhookFunctions, signature: string, now: number): Promise<boolean> {
	const windowMinutes = (2 * REPLAY_WINDOW_SECONDS) / 60;
	const scope = `${context.getWorkflow().id ?? ''}\u0001${context.getNode().name}\u0001signatures`;
	const store = new LayeredDedupStore([
		new MemoryDedupStore(scope, windowMinutes),
		new StaticDataDedupStore(context.getWorkflowStaticData('node'), windowMinutes, DEFAULT_MAX_ENTRIES, 'signatures'),
	]);
	return await store.seen(signature, now);
}

/** The paste-ready string with the real secret in it: the caller proved it knows the secret. */
function setupText(context: IWebhookFunctions, settings: TriggerSettings, auth: AuthConfig): string {
	const webhookUrl = context.getNodeWebhookUrl('default') ?? '';
	return buildSetupText({ ...hookUrlOptions(settings, webhookUrl, auth, false), authMode: auth.mode });
}

/**
 * For a test event: the paste-ready Production string with the secret shown as YOUR_SECRET, where
 * to paste it, and why it cannot work as pasted (empty when it can). Never the secret itself.
 */
function testEventSetup(context: IWebhookFunctions, settings: TriggerSettings, auth: AuthConfig): IDataObject {
	const productionUrl = context.getNodeWebhookUrl('default') ?? '';
	try {
		const { pasteUrl, problems, warnings } = maskedPaste(settings, productionUrl, auth);
		return { pasteUrl, pasteInto: HOOKS[settings.kind].pasteInto, problems, warnings, productionUrl };
	} catch (error) {
		return { problems: [(error as Error).message], pasteInto: HOOKS[settings.kind].pasteInto, productionUrl };
	}
}

/** The workflow's item: the call-out parsed, with the proxy note and the disposition's outcome. */
function calloutItem(
	request: DecodedRequest,
	body: ParsedBody,
	settings: TriggerSettings,
	auth: AuthConfig,
	clientIp: string | undefined,
	now: number,
): TriggerItem {
	const item = parseCallout({
		kind: settings.kind,
		query: request.query,
		body,
		secretParameters: auth.mode === 'querySecret' ? [auth.queryParameter] : [],
		secrets: secretsOf(auth),
		timeZone: settings.timeZone,
		fallbackTimeZone: settings.workflowTimeZone,
		encoding: encodingOf(request),
		receivedAt: new Date(now),
		method: request.method,
		clientIp,
	});
	const proxyNote = proxyWarning(auth);
	if (proxyNote !== undefined) item.warnings.push(proxyNote);
	applyMapping(item, settings.mappings, settings.unmappedLabel);
	// The outcome first: it is what a flow routes on, and what the editor's table shows first.
	return item.outcome === undefined ? item : { outcome: item.outcome, ...item };
}

/**
 * The run's items by output: all on the one output, or with Route by Outcome on the output of
 * the item's outcome (the mapping row its code matched, as applyMapping found it), else "Other".
 */
function routedItems(settings: TriggerSettings, item: TriggerItem, items: INodeExecutionData[]): INodeExecutionData[][] {
	if (!settings.routeByOutcome) return [items];
	const labels = outcomeOutputs({ routeByOutcome: true, dispositionMapping: { mapping: settings.mappings } }).map(
		(output) => output.displayName,
	);
	const code = item.outcome?.unmapped === false ? item.outcome.code.toLowerCase() : undefined;
	const row = settings.mappings.find((mapping) => mapping.code.trim().toLowerCase() === code);
	const label = row === undefined ? OTHER_OUTPUT : row.outcome.trim() || row.code.trim();
	const index = row === undefined ? labels.length - 1 : labels.indexOf(label);
	return labels.map((_label, i) => (i === index ? items : []));
}

/** Whether the same call-out (event, call, lead, status) already started a run inside the window. */
async function isDuplicate(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	item: TriggerItem,
	now: number,
): Promise<boolean> {
	const key = settings.deduplicate ? dedupKey(dedupPartsOf(item)) : undefined;
	if (key === undefined) return false;
	const scope = `${context.getWorkflow().id ?? ''}\u0001${context.getNode().name}`;
	const store = new MemoryDedupStore(scope, settings.windowMinutes, DEFAULT_MAX_ENTRIES, {
		staticData: context.getWorkflowStaticData('node'),
	});
	return await store.seen(key, now);
}

/**
 * One call-out, in order: who sent it (403/401, and 401 for a replayed signed request), its
 * body (413, 415, 400), a setup request (the paste-ready string), the item, its filters and
 * duplicates (200, no run), then the run. Every refusal is answered here, so no run starts.
 */
async function receive(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = context.getRequestObject() as IncomingRequest;
	await readUnreadBody(req);
	const request = decodeRequest(req, () => context.getQueryData() as IDataObject);
	const auth = authConfigFrom(await context.getCredentials('vicidialTriggerApi'));
	const now = Date.now();

	const verdict = verifyRequest(auth, {
		...request,
		publicPath: publicPathOf(context),
		headers: req.headers,
		remoteAddress: req.socket?.remoteAddress,
		now,
	});
	if (!verdict.ok) return refuse(context, auth, verdict.status);
	// A signed request sent again unchanged inside the window is a replay, not a new event.
	if (verdict.replayKey !== undefined && (await signatureReplayed(context, verdict.replayKey, now))) {
		return answer(context, 401, 'Unauthorized');
	}

	const settings = readSettings(context);
	const decoded = decodeBody(request, settings.maxBodyBytes);
	if (!decoded.ok) return answer(context, decoded.status, decoded.message);
	if ([...request.query, ...request.form].some(([name]) => name === SETUP_PARAMETER)) {
		return answer(context, 200, setupText(context, settings, auth));
	}

	const item = calloutItem(request, decoded.body, settings, auth, verdict.clientIp, now);
	// A test event (the editor listening) also shows what to paste into VICIdial, where the user
	// already is: the production string, its secret masked, and where it goes.
	if (context.getMode() === 'manual') item.setup = testEventSetup(context, settings, auth);
	const filter = HOOKS[settings.kind].answers === 'filter';
	if (!matchesFilters(item, settings.filters)) {
		return filter ? filterAnswer(context, settings.safeAnswer, 'filtered') : answer(context, 200, 'OK filtered');
	}
	if (await isDuplicate(context, settings, item, now)) {
		return filter ? filterAnswer(context, settings.safeAnswer, 'duplicate') : answer(context, 200, 'OK duplicate');
	}

	const workflowData = routedItems(settings, item, context.helpers.returnJsonArray([item]));
	if (filter) {
		// n8n answers in lastNode mode; the trigger turns that (or its absence) into the line.
		holdFilterAnswer(context.getResponseObject(), {
			field: settings.answerField,
			safeAnswer: settings.safeAnswer,
			timeoutMs: settings.answerTimeoutMs,
			onAnswer: (source) => {
				if (source !== 'workflow') context.logger.warn(`VICIdial Trigger: DID Filter URL got the safe answer (${source})`);
			},
		});
		return { workflowData };
	}
	// n8n answers when the run has finished (RESPONSE_MODE): success or failure reaches VICIdial.
	if (settings.respondWhenFinished) return { workflowData };
	// Answered here rather than by n8n: n8n 2.39 clears its "static data changed" flag while it
	// sets up the run, before it answers an onReceived webhook, so the duplicate window written
	// above never reached the database. Answering first has n8n save it before the run starts.
	answer(context, 200, RESPONSE_BODY);
	return { workflowData, noWebhookResponse: true };
}
