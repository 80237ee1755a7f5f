import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { getFunction } from './catalogue';
import type { ApiName, FunctionSpec } from './catalogue/types';
import { failedItem, inputError, MAYBE_APPLIED } from './errors';
import { validateInput } from './schemas';
import { PARAM, ParameterReader, readInput, readRowLimit, readRunOptions } from './parameters';
import { checkReply } from './reply';
import { credentialSecrets, maskSecretFields, redactDeep, withItemSecrets } from './secrets';
import { callVicidial, readCredentials, sentAlong, type VicidialCredentials } from './transport';

/**
 * The per-item loop both action nodes share: read and validate every item first (nothing is
 * sent if any item is invalid, unless "continue on fail" keeps the valid ones going), then
 * send with the chosen concurrency and pacing, and output in item order with `pairedItem`.
 */

interface Prepared {
	spec: FunctionSpec;
	params: Record<string, string>;
	/** The run's secrets plus the item's own passwords (secrets.ts), listed once. */
	secrets: string[];
	duplicateAsData: boolean;
	alreadyDoneAsSuccess: boolean;
	/** Most rows to output (Limit), undefined for all. */
	limit: number | undefined;
}

/**
 * Spaces request starts at least `pacingMs` apart, across all workers. Each start waits for the
 * previous one to have really happened and counts from then, so a late wake-up (a busy event
 * loop) delays the starts after it instead of bunching them.
 */
function pacer(pacingMs: number): () => Promise<void> {
	let previous: Promise<number> = Promise.resolve(Number.NEGATIVE_INFINITY);
	return async () => {
		if (pacingMs <= 0) return;
		const turn = previous.then(async (startedAt) => {
			const wait = startedAt + pacingMs - Date.now();
			if (wait > 0) await sleep(wait);
			return Date.now();
		});
		previous = turn;
		await turn;
	};
}

/** n8n's own errors pass through; anything else is wrapped so it carries the item index. */
function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/** An item made from a SUCCESS/NOTICE line (or a duplicate refusal), not from a data row. */
function isStatusItem(json: IDataObject): boolean {
	return json.result === 'SUCCESS' || json.result === 'NOTICE' || json.result === 'DUPLICATE';
}

/** Run every input item against the function each one selects; the node's `execute`. */
export async function runItems(this: IExecuteFunctions, api: ApiName): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const credentials: VicidialCredentials = readCredentials(await this.getCredentials('vicidialApi'));
	const secrets = credentialSecrets(credentials);
	const options = readRunOptions(this);
	const parameters = new ParameterReader(this);
	const continueOnFail = this.continueOnFail();
	/** "On Error: Continue (using error output)": failed items go to the node's second output. */
	const errorOutput = continueOnFail && node.onError === 'continueErrorOutput';

	// Validate all items before the first request.
	const functionOf: Array<string | undefined> = new Array(items.length);
	const prepared: Array<Prepared | Error> = items.map((_item, i) => {
		try {
			const resource = parameters.get<string>(PARAM.resource, i, '');
			const operation = parameters.get<string>(PARAM.operation, i, '');
			const spec = getFunction(api, operation);
			functionOf[i] = spec.name;
			if (spec.resource !== resource) throw inputError(node, secrets, `Operation ${operation} does not belong to resource ${resource}`, i);
			const input = readInput(parameters, spec, i);
			const checked = validateInput(spec, input, sentAlong(credentials));
			if (!checked.ok) throw inputError(node, secrets, checked.message, i, `VICIdial function ${spec.name}; nothing was sent.`);
			const duplicateAsData = spec.duplicateAsData === true && parameters.get<string>(PARAM.onDuplicate, i, 'error') === 'return';
			const alreadyDoneAsSuccess = spec.alreadyDone !== undefined && parameters.get<boolean>(PARAM.alreadyDoneAsSuccess, i, false) === true;
			const rows = readRowLimit(parameters, spec, node.typeVersion, i);
			if (rows.error !== undefined) throw inputError(node, secrets, rows.error, i, `VICIdial function ${spec.name}; nothing was sent.`);
			return { spec, params: checked.params, secrets: withItemSecrets(secrets, checked.params), duplicateAsData, alreadyDoneAsSuccess, limit: rows.limit };
		} catch (error) {
			const failure = asNodeError(node, error, i);
			if (!continueOnFail) throw failure;
			return failure;
		}
	});

	const results: Array<INodeExecutionData[] | Error> = new Array(items.length);
	const wait = pacer(options.pacingMs);
	let cursor = 0;

	const worker = async () => {
		while (cursor < items.length) {
			const i = cursor++;
			const job = prepared[i];
			if (job instanceof Error) {
				results[i] = job;
				continue;
			}
			try {
				await wait();
				const reply = await callVicidial.call(this, {
					spec: job.spec,
					params: job.params,
					credentials,
					settings: options.settings,
					itemIndex: i,
				});
				const all = checkReply({
					node,
					spec: job.spec,
					parsed: reply.parsed,
					secrets: job.secrets,
					itemIndex: i,
					duplicateAsData: job.duplicateAsData,
					alreadyDoneAsSuccess: job.alreadyDoneAsSuccess,
					attempts: reply.attempts,
					earlierAttemptMayHaveApplied: reply.earlierAttemptMayHaveApplied,
				});
				// No list function takes a row limit (catalogue `returnsList`): cut the parsed rows.
				const rows = job.limit === undefined ? all : all.slice(0, job.limit);
				// Status lines can echo what was sent (add_user's password); data rows are the
				// dialer's records and stay as they are, even where a value equals the password.
				results[i] = rows.map((json) => ({
					json: maskSecretFields(isStatusItem(json) ? redactDeep(json, job.secrets) : json),
					pairedItem: { item: i },
				}));
			} catch (error) {
				results[i] = error as Error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, worker));

	const output: INodeExecutionData[] = [];
	results.forEach((result, i) => {
		if (!(result instanceof Error)) {
			output.push(...result);
			return;
		}
		if (!continueOnFail) throw result;
		const job = prepared[i];
		// The item alone reaches the workflow: keep the warning that a write may have happened.
		const maybeApplied = result instanceof NodeApiError && result.context.maybeApplied === true;
		const message = maybeApplied ? `${result.message}. ${MAYBE_APPLIED}` : result.message;
		const itemSecrets = job instanceof Error ? secrets : job.secrets;
		output.push(failedItem({ input: items[i].json, itemIndex: i, error: result, message, fn: functionOf[i], secrets: itemSecrets, errorOutput }));
	});
	return [output];
}
