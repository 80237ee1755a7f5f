import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { functionsOf } from '../shared/catalogue';
import { vicidialApiTest } from '../shared/credentialTest';
import { operationProperties } from '../shared/descriptions';
import * as listSearch from '../shared/listSearch';
import { runItems } from '../shared/loop';

/**
 * VICIdial's Agent API (`/agc/api.php`): drives a logged-in agent's screen. A success means
 * the command was queued for the agent screen; these calls change live calls and are never
 * retried, except the read-only ones.
 */
export class VicidialAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial Agent',
		name: 'vicidialAgent',
		icon: { light: 'file:../../icons/vicidial.svg', dark: 'file:../../icons/vicidial.dark.svg' },
		group: ['transform'],
		// 1.1: Dial Number's Phone Number and Lead ID at the top instead of under Additional
		// Fields. Saved version-1 nodes keep the old layout and are read from it (parameters.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Dial, hang up, disposition, pause, transfer and record on a VICIdial agent\'s screen (Agent API)',
		defaults: { name: 'VICIdial Agent' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vicidialApi', required: true, testedBy: 'vicidialApiTest' }],
		properties: operationProperties('agent', functionsOf('agent')),
	};

	methods = { credentialTest: { vicidialApiTest }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runItems.call(this, 'agent');
	}
}
