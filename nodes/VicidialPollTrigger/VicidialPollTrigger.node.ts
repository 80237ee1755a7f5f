import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { vicidialApiTest } from '../shared/credentialTest';
import { inputError } from '../shared/errors';
import { properties, WATCHES, type Watch } from './properties';
import { reader } from './read';
import { WATCH_POLLS, type PollState } from './watches';

/**
 * What VICIdial never pushes, found by polling the Non-Agent API: recordings becoming ready,
 * callbacks coming due, leads changing status, agents' state changes, queue alerts and stats
 * thresholds. Each event fires once: the cursor and what was seen live in the workflow's static
 * data, written only after every read of the poll succeeded. Each watch lives in its own module;
 * this file only picks one.
 */
export class VicidialPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial Poll Trigger',
		name: 'vicidialPollTrigger',
		icon: { light: 'file:../../icons/vicidial.svg', dark: 'file:../../icons/vicidial.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["watch"]}}',
		description: 'Starts the workflow on what VICIdial does not push: recordings ready, callbacks due, lead status changes, agent state changes, queue and stats alerts',
		defaults: { name: 'VICIdial Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vicidialApi', required: true, testedBy: 'vicidialApiTest' }],
		properties,
	};

	methods = { credentialTest: { vicidialApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch', 'recordingReady') as Watch;
		if (!WATCHES.includes(watch)) throw inputError(this.getNode(), [], `Unknown Watch "${String(watch)}": use ${WATCHES.join(', ')}`, 0);
		const run = { context: this, read: await reader(this), state: this.getWorkflowStaticData('node') as PollState, manual: this.getMode() === 'manual' };
		const items = await WATCH_POLLS[watch](run);
		if (items.length === 0) return null;
		return [this.helpers.returnJsonArray(items)];
	}
}
