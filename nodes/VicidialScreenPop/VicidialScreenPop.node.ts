import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { type CardField, type LinkTarget, renderCard, safeUrl } from './card';

/**
 * Answers the VICIdial Trigger's Web Form (screen pop) with a card or a redirect, the way n8n's
 * Respond to Webhook node answers its Webhook node: `this.sendResponse()`, which n8n hands to the
 * request it holds when the trigger's Respond is "Using a Response Node" (the Web Form's
 * default). n8n's own Respond to Webhook refuses triggers other than its Webhook, Form and Chat
 * nodes, so this node is the one that answers for the VICIdial Trigger. The items pass through.
 */
export class VicidialScreenPop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VICIdial Screen Pop',
		name: 'vicidialScreenPop',
		icon: { light: 'file:../../icons/vicidial.svg', dark: 'file:../../icons/vicidial.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["respondWith"]}}',
		description: "Answers the agent screen's Web Form with a card or a redirect to the CRM record",
		defaults: { name: 'VICIdial Screen Pop' },
		// As a tool it renders the card and passes its input through; only a VICIdial Trigger run
		// holds a request for sendResponse to answer.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Answers the VICIdial Trigger\'s Web Form (Screen Pop) event; the trigger\'s Respond must be "Using a Response Node", its default for that event. The first item decides the answer; items pass through.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Card', value: 'card', description: 'A small page with a title, fields and links, readable in a frame' },
					{ name: 'Redirect', value: 'redirect', description: 'Send the agent\'s frame or window to a URL, such as the CRM record' },
				],
				default: 'card',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'https://crm.example.com/contacts/123',
				description: 'An absolute http(s) URL',
				displayOptions: { show: { respondWith: ['redirect'] } },
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				required: true,
				default: '',
				placeholder: '={{ $json.name }}',
				displayOptions: { show: { respondWith: ['card'] } },
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'fixedCollection',
				placeholder: 'Add Field',
				typeOptions: { multipleValues: true, sortable: true },
				default: {},
				description: 'Label and value pairs shown in this order; values are escaped',
				displayOptions: { show: { respondWith: ['card'] } },
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Label', name: 'name', type: 'string', default: '', placeholder: 'Account' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '={{ $json.account }}' },
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { respondWith: ['card'] } },
				options: [
					{
						displayName: 'Create Link Text',
						name: 'createText',
						type: 'string',
						default: 'No record: create one',
					},
					{
						displayName: 'Create Link URL',
						name: 'createUrl',
						type: 'string',
						default: '',
						placeholder: 'https://crm.example.com/contacts/new?phone={{ $json.fields.phone_number }}',
						description: 'Where to create the record when none was found (http or https)',
					},
					{
						displayName: 'Link Target',
						name: 'target',
						type: 'options',
						options: [
							{ name: 'New Window', value: '_blank' },
							{ name: 'Same Frame', value: '_self' },
							{ name: 'Whole Agent Screen', value: '_top', description: 'Replaces the agent screen: the agent leaves VICIdial' },
						],
						default: '_blank',
					},
					{
						displayName: 'Link Text',
						name: 'linkText',
						type: 'string',
						default: 'Open record',
					},
					{
						displayName: 'Link URL',
						name: 'linkUrl',
						type: 'string',
						default: '',
						placeholder: 'https://crm.example.com/contacts/123',
						description: 'The record in the CRM (http or https)',
					},
					{
						displayName: 'Message',
						name: 'message',
						type: 'string',
						default: '',
						placeholder: 'No record for {{ $json.fields.phone_number }}',
						description: 'A line under the title',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const headers: IDataObject = {
			'cache-control': 'no-store',
			// The page's URL holds the trigger's secret: a link followed from it must not carry it.
			'referrer-policy': 'no-referrer',
			'x-content-type-options': 'nosniff',
		};
		const respondWith = this.getNodeParameter('respondWith', 0) as string;
		if (respondWith === 'redirect') {
			const given = this.getNodeParameter('redirectUrl', 0, '') as string;
			const url = safeUrl(given);
			if (url === undefined) {
				throw new NodeOperationError(this.getNode(), 'The Redirect URL must be an absolute http(s) URL', { itemIndex: 0 });
			}
			this.sendResponse({ statusCode: 302, headers: { ...headers, location: url }, body: '' });
			return [items];
		}
		const table = this.getNodeParameter('fields', 0, {}) as { field?: Array<{ name?: unknown; value?: unknown }> };
		const fields: CardField[] = (table.field ?? []).map((row) => ({ name: String(row.name ?? ''), value: String(row.value ?? '') }));
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
		const html = renderCard({
			title: String(this.getNodeParameter('title', 0, '')),
			message: text(options.message),
			fields,
			link: { url: text(options.linkUrl), text: text(options.linkText, 'Open record') },
			createLink: { url: text(options.createUrl), text: text(options.createText, 'No record: create one') },
			target: (['_blank', '_self', '_top'].includes(text(options.target)) ? text(options.target) : '_blank') as LinkTarget,
		});
		this.sendResponse({ statusCode: 200, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body: html });
		return [items];
	}
}
