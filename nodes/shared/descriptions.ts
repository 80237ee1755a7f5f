import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from './catalogue/resources';
import type { ApiName, FieldSpec, FunctionSpec, ListSource } from './catalogue/types';
import { camel, LIMIT_FROM_VERSION, PARAM } from './parameters';

/**
 * The node's fields, derived from the catalogue: a resource list, an operation list per
 * resource (each with its `action`), the required fields of each operation, an "Additional
 * Fields" collection for the optional ones, custom fields and "clear these fields" where
 * VICIdial accepts them. Parameter names are VICIdial's, camel-cased (`phone_number` →
 * `phoneNumber`, parameters.ts), so a field means the same thing in every operation.
 */

/** The listSearch method behind each dropdown source (methods/listSearch.ts). */
export const SEARCH_METHODS: Record<ListSource, string> = {
	campaigns: 'searchCampaigns',
	lists: 'searchLists',
	users: 'searchUsers',
	userGroups: 'searchUserGroups',
	inGroups: 'searchInGroups',
	campaignStatuses: 'searchStatuses',
	// VICIdial's API has no call that lists DIDs: DID fields take a typed number only.
	dids: '',
	loggedInAgents: 'searchLoggedInAgents',
};

function placeholderOf(field: FieldSpec): string | undefined {
	switch (field.type) {
		case 'phone':
			return '(312) 555-1234';
		case 'date':
			return 'YYYY-MM-DD';
		case 'dateTime':
			return 'YYYY-MM-DD HH:MM:SS';
		case 'list':
			return `value1${field.separator ?? ','}value2`;
		default:
			return undefined;
	}
}

function sortedOptions(field: FieldSpec): INodePropertyOptions[] {
	return [...(field.options ?? [])]
		.map((o) => ({ name: o.name, value: o.value, ...(o.description ? { description: o.description } : {}) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** One catalogue field as an n8n property (without displayOptions). */
export function fieldProperty(field: FieldSpec, required: boolean): INodeProperties {
	const base = {
		displayName: field.label,
		name: camel(field.name),
		description: field.description,
		...(required ? { required: true } : {}),
	};
	if (field.source && SEARCH_METHODS[field.source]) {
		return {
			...base,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: SEARCH_METHODS[field.source], searchable: true },
				},
				{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. ' + idExample(field.source) },
			],
		};
	}
	const placeholder = placeholderOf(field);
	switch (field.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default === true };
		case 'integer':
			return {
				...base,
				type: 'number',
				default: typeof field.default === 'number' ? field.default : 0,
				typeOptions: { minValue: field.min, maxValue: field.max, numberPrecision: 0 },
			};
		case 'options': {
			const options = sortedOptions(field);
			const fallback = options.some((o) => o.value === '') ? '' : options[0]?.value ?? '';
			return { ...base, type: 'options', options, default: typeof field.default === 'string' ? field.default : fallback };
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: sortedOptions(field), default: [] };
		default:
			return {
				...base,
				type: 'string',
				default: typeof field.default === 'string' || typeof field.default === 'number' ? String(field.default) : '',
				...(placeholder ? { placeholder } : {}),
				...(field.type === 'password' ? { typeOptions: { password: true } } : {}),
			};
	}
}

function idExample(source: ListSource): string {
	const examples: Record<ListSource, string> = {
		campaigns: 'TESTCAMP',
		lists: '101',
		users: '1000',
		userGroups: 'ADMIN',
		inGroups: 'SALESLINE',
		campaignStatuses: 'SALE',
		dids: '3125550100',
		loggedInAgents: '1000',
	};
	return examples[source];
}

/** An operation that is no VICIdial API function (Download Recording), with its own fields. */
export interface ExtraOperation {
	resource: string;
	option: INodePropertyOptions;
	properties: INodeProperties[];
}

function operationProperty(resource: string, specs: FunctionSpec[], extras: readonly ExtraOperation[]): INodeProperties {
	const options = specs
		.map((spec): INodePropertyOptions => ({ name: spec.label, value: spec.name, action: spec.action, description: spec.description }))
		.concat(extras.filter((extra) => extra.resource === resource).map((extra) => extra.option))
		.sort((a, b) => a.name.localeCompare(b.name));
	const first = options[0].value;
	return {
		displayName: 'Operation',
		name: PARAM.operation,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: first,
	};
}

/**
 * n8n's standard Return All / Limit pair for a function whose reply is a list, shown from node
 * version 1.1 only: a node saved as version 1 keeps returning every row.
 */
function returnAllAndLimit(spec: FunctionSpec): INodeProperties[] {
	const show = { resource: [spec.resource], operation: [spec.name], '@version': [{ _cnd: { gte: LIMIT_FROM_VERSION } }] };
	return [
		{
			displayName: 'Return All',
			name: PARAM.returnAll,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: PARAM.limit,
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

function additionalFields(fields: readonly FieldSpec[], displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: PARAM.additionalFields,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: fields.map((f) => fieldProperty(f, false)).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** add_lead's On Duplicate choice: fail the item or return the existing lead. */
function onDuplicateProperty(show: IDisplayOptions): INodeProperties {
	return {
		displayName: 'On Duplicate',
		name: PARAM.onDuplicate,
		type: 'options',
		default: 'error',
		displayOptions: show,
		description: 'What to do when a Duplicate Check finds an existing lead',
		options: [
			{ name: 'Fail the Item', value: 'error', description: 'Treat the duplicate as an error' },
			{
				name: 'Return the Existing Lead',
				value: 'return',
				description: 'Output the existing lead\'s ID with duplicate = true',
			},
		],
	};
}

function operationFields(spec: FunctionSpec): INodeProperties[] {
	const where = { resource: [spec.resource], operation: [spec.name] };
	const show = { show: where };
	const properties: INodeProperties[] = [];
	const promoted = spec.promoted;
	const isPromoted = (field: FieldSpec) => !field.required && promoted !== undefined && promoted.fields.includes(field.name);
	// Required and promoted fields in catalogue order, so Phone Number sits under Agent.
	for (const field of spec.fields) {
		if (field.required) properties.push({ ...fieldProperty(field, true), displayOptions: show });
		else if (promoted && isPromoted(field)) {
			const ownDefault = promoted.defaults?.[field.name];
			properties.push({
				...fieldProperty(field, false),
				...(ownDefault === undefined ? {} : { default: ownDefault }),
				displayOptions: { show: { ...where, '@version': [{ _cnd: { gte: promoted.since } }] } },
			});
		}
	}
	// On Duplicate next to the Duplicate Check it acts on (promoted to the top from 1.1).
	if (spec.duplicateAsData) properties.push(onDuplicateProperty(show));
	const optional = spec.fields.filter((f) => !f.required);
	if (spec.returnsList) properties.push(...returnAllAndLimit(spec));
	if (promoted) {
		// Two collections under one name: a saved node of an older version finds its fields where it stored them.
		properties.push(additionalFields(optional, { show: { ...where, '@version': [{ _cnd: { lt: promoted.since } }] } }));
		const rest = optional.filter((f) => !isPromoted(f));
		if (rest.length > 0) properties.push(additionalFields(rest, { show: { ...where, '@version': [{ _cnd: { gte: promoted.since } }] } }));
	} else if (optional.length > 0) {
		properties.push(additionalFields(optional, show));
	}
	if (spec.customFields) {
		properties.push({
			displayName: 'Custom Fields',
			name: PARAM.customFields,
			type: 'fixedCollection',
			placeholder: 'Add Custom Field',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: show,
			description: 'Values for the list\'s custom fields, by field label (VICIdial custom list fields)',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Field Label', name: 'name', type: 'string', default: '', description: 'The custom field\'s label, for example favorite_color' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		});
	}
	const blankable = spec.fields.filter((f) => f.blankable);
	if (blankable.length > 0) {
		properties.push({
			displayName: 'Clear Fields',
			name: PARAM.clearFields,
			type: 'multiOptions',
			default: [],
			displayOptions: show,
			description: 'Fields to empty in VICIdial (sent as VICIdial\'s --BLANK-- value)',
			options: blankable
				.map((f) => ({ name: f.label, value: f.name }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		});
	}
	if (spec.alreadyDone) {
		const reasons = Object.keys(spec.alreadyDone).join(', ');
		properties.push({
			displayName: "Treat 'Already Exists' as Success",
			name: PARAM.alreadyDoneAsSuccess,
			type: 'boolean',
			default: false,
			displayOptions: show,
			description: `Whether VICIdial's ${reasons} reply is the outcome you wanted (the number is where you asked) and gives a success item with alreadyDone = true, instead of failing the item`,
		});
	}
	return properties;
}

/** The node-level options every action node offers (throughput, timeouts, retries). */
export function optionsProperty(api: ApiName): INodeProperties {
	return {
		displayName: 'Options',
		name: PARAM.options,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 20 },
				description: 'How many requests may be in flight at once. VICIdial\'s API is not built for floods: keep it low.',
			},
			{
				displayName: 'Pacing (Ms)',
				name: 'pacingMs',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Minimum time between the starts of two requests, in milliseconds',
			},
			{
				displayName: 'Retries',
				name: 'maxAttempts',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 1, maxValue: 10 },
				description:
					api === 'agent'
						? 'Attempts in all for read-only calls (version, webserver, queue counts, lookups) on network errors, timeouts and HTTP 5xx; calls that change a live call are never repeated'
						: 'Attempts in all for calls that are safe to repeat (reads, and writes that cannot apply twice), on network errors, timeouts and HTTP 5xx',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				default: 30000,
				typeOptions: { minValue: 100 },
				description: 'How long to wait for each answer',
			},
		],
	};
}

/** Resource, operation and field properties for every function of one API, and any extra operations. */
export function operationProperties(api: ApiName, specs: readonly FunctionSpec[], extras: readonly ExtraOperation[] = []): INodeProperties[] {
	const mine = resources.filter((r) => r.api === api && specs.some((s) => s.resource === r.value));
	// The default stays the first resource of resources.ts (Lead, Call): n8n leaves a parameter
	// that equals its default out of a saved workflow, so changing it would move saved nodes.
	const first = mine[0].value;
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: PARAM.resource,
		type: 'options',
		noDataExpression: true,
		options: mine
			.map((r) => ({ name: r.name, value: r.value, description: r.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: first,
	};
	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of mine) {
		properties.push(operationProperty(resource.value, specs.filter((s) => s.resource === resource.value), extras));
	}
	for (const spec of specs) properties.push(...operationFields(spec));
	for (const extra of extras) properties.push(...extra.properties);
	properties.push(optionsProperty(api));
	return properties;
}
