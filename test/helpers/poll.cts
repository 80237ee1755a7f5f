import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { VicidialPollTrigger } from '../../nodes/VicidialPollTrigger/VicidialPollTrigger.node';
import { TestCredentialsHelper } from './harness.cjs';

/**
 * Runs the poll trigger's `poll()` in n8n-core's own PollContext, as n8n's ActiveWorkflows does
 * for an active workflow: real parameter resolution, credential decryption through the
 * credentials helper, n8n's request helpers and the workflow's observable static data. Static
 * data is kept as n8n 2.8.4 keeps it (ActiveWorkflowManager): saved (here, copied as JSON) after
 * the activation poll and after a poll that emitted items, not after one that returned null or
 * threw, nor at shutdown; a restart builds a new Workflow from the saved copy, and its first poll
 * is an activation poll again.
 */

const NODE_TYPE = 'n8n-nodes-vicidial.vicidialPollTrigger';
const trigger = new VicidialPollTrigger();

class PollNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType {
		if (nodeType !== NODE_TYPE) throw new Error(`Unknown node type ${nodeType}`);
		return trigger;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** The time zone of this process: the simulator prints times in it, as VICIdial does in its own. */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface PollResult {
	/** The emitted items' JSON; empty when poll() returned null. */
	items: IDataObject[];
	/** Whether poll() returned null (nothing to emit). */
	none: boolean;
	error?: Error & { context?: IDataObject; description?: string | null };
}

export interface PollHarness {
	poll(mode?: WorkflowExecuteMode): Promise<PollResult>;
	/** What n8n has saved of the node's static data (a JSON copy). */
	saved(): IDataObject;
	/** The static data in memory right now, saved or not. */
	live(): IDataObject;
	/** n8n restarts: a new workflow and context from the saved static data. */
	restart(): void;
}

/** `timezone`: the workflow's time zone (its settings); the simulator's by default. */
export function pollHarness(parameters: IDataObject, credentials: ICredentialDataDecryptedObject, timezone = LOCAL_ZONE): PollHarness {
	const node: INode = {
		id: '1',
		name: 'Poll',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { vicidialApi: { id: '1', name: 'VICIdial' } },
	};
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ vicidialApi: credentials }),
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	let saved: IDataObject = {};
	const build = () =>
		new Workflow({
			id: 'poll-test',
			nodes: [node],
			connections: {},
			nodeTypes: new PollNodeTypes(),
			active: true,
			staticData: JSON.parse(JSON.stringify(saved)) as IDataObject,
			settings: { timezone },
		});
	let workflow = build();
	/** The next poll is the one n8n runs when it activates the workflow (at start-up too). */
	let activating = true;
	const copy = () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	return {
		async poll(mode = 'trigger') {
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			try {
				const output = await trigger.poll!.call(context);
				// n8n discards what a manual "fetch test event" wrote.
				if (mode === 'manual') workflow = build();
				else if (activating || output !== null) saved = copy();
				if (mode !== 'manual') activating = false;
				return { items: output?.[0].map((item) => item.json) ?? [], none: output === null };
			} catch (error) {
				return { items: [], none: true, error: error as PollResult['error'] };
			}
		},
		saved: () => JSON.parse(JSON.stringify(saved)) as IDataObject,
		live: copy,
		restart() {
			workflow = build();
			activating = true;
		},
	};
}

/**
 * The clock of this process moved by hand, for the node's "now" and the simulator's (both run
 * here, as VICIdial and n8n would share the dialer's wall time): only Date is faked, so sockets
 * and timers run as usual. Call `restore` (or let afterEach do it) when done.
 */
export function movableClock(start: Date = new Date()): { advance(minutes: number): Date; now(): Date; restore(): void } {
	jest.useFakeTimers({
		now: start,
		doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
	});
	return {
		advance(minutes) {
			jest.setSystemTime(Date.now() + minutes * 60_000);
			return new Date();
		},
		now: () => new Date(),
		restore: () => jest.useRealTimers(),
	};
}
