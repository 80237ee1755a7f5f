import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { functionsOf } from '../shared/catalogue';
import { vicidialApiTest } from '../shared/credentialTest';
import { operationProperties } from '../shared/descriptions';
import { DOWNLOAD_RECORDING, downloadOperation, downloadProperties, downloadRecordings } from '../shared/download';
import * as listSearch from '../shared/listSearch';
import { runItems } from '../shared/loop';

/** VICIdial's Non-Agent API (`/vicidial/non_agent_api.php`): every function, from the catalogue. */
export class Vicidial implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial',
		name: 'vicidial',
		icon: { light: 'file:../../icons/vicidial.svg', dark: 'file:../../icons/vicidial.dark.svg' },
		group: ['transform'],
		// 1.1: list operations offer Return All / Limit (default 50); version 1 returns every row
		// (LIMIT_FROM_VERSION in parameters.ts). README "Node versions" says how to add one.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Add and update leads, manage lists, campaigns, users, DNC and read reports in VICIdial (Non-Agent API)',
		defaults: { name: 'VICIdial' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vicidialApi', required: true, testedBy: 'vicidialApiTest' }],
		properties: operationProperties('nonAgent', functionsOf('nonAgent'), [
			{ resource: 'report', option: downloadOperation, properties: downloadProperties },
		]),
	};

	methods = { credentialTest: { vicidialApiTest }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Download Recording fetches a file from the web server, not a VICIdial API function.
		if (this.getNodeParameter('operation', 0) === DOWNLOAD_RECORDING) return await downloadRecordings.call(this);
		return await runItems.call(this, 'nonAgent');
	}
}
