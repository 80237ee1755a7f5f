/**
 * The review rules n8n's reviewers flag most that the published lint plugin
 * (@n8n/eslint-plugin-community-nodes 0.32, eslint-plugin-n8n-nodes-base as n8n-node lint
 * configures it) does not check on our derived descriptions (issue 18). Each rule returns the
 * problems it finds, so a test can run it on our nodes (no problems) and on a broken fixture
 * (each rule reports).
 */
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

/** Every property of a description, with its path, collections' and fixed collections' children included. */
export function walk(properties: readonly INodeProperties[], path = ''): Array<{ path: string; property: INodeProperties; topLevel: boolean }> {
	const found: Array<{ path: string; property: INodeProperties; topLevel: boolean }> = [];
	const visit = (list: readonly Option[], at: string, topLevel: boolean) => {
		for (const item of list) {
			if ('type' in item && 'displayName' in item) {
				const property = item as INodeProperties;
				const here = `${at}${property.name}`;
				found.push({ path: here, property, topLevel });
				if (property.type === 'collection' && property.options) visit(property.options as Option[], `${here}.`, false);
				if (property.type === 'fixedCollection' && property.options) {
					for (const group of property.options as INodePropertyCollection[]) visit(group.values, `${here}.${group.name}.`, false);
				}
			}
		}
	};
	visit(properties, path, true);
	return found;
}

/** n8n's reviewers' order: by display name, case-insensitively, as the editor's dropdown reads. */
export const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Options and multiOptions lists sorted alphabetically by name (operation dropdowns included). */
export function unsortedOptions(description: INodeTypeDescription): string[] {
	const problems: string[] = [];
	for (const { path, property } of walk(description.properties)) {
		if (property.type !== 'options' && property.type !== 'multiOptions') continue;
		const names = ((property.options ?? []) as INodePropertyOptions[]).map((o) => String(o.name));
		const sorted = [...names].sort(byName);
		if (names.join('\u0000') !== sorted.join('\u0000')) {
			const show = property.displayOptions?.show ? ` (${JSON.stringify(property.displayOptions.show)})` : '';
			problems.push(`${description.name}.${path}${show}: options not sorted by name: ${names.join(', ')}`);
		}
	}
	return problems;
}

/** Types that structure the form rather than take one optional value. */
const STRUCTURAL = new Set(['collection', 'fixedCollection', 'notice', 'callout', 'hidden', 'credentials', 'credentialsSelect']);

/**
 * Optional fields belong in a collection ("Additional Fields", "Options"). A field at the top
 * level that is not required is a problem unless `exceptions` names it (by `node.field`) with
 * the reason it stays there. Resource and operation selectors (noDataExpression options) are
 * the node's structure, not fields.
 */
export function optionalFieldsOutsideCollections(description: INodeTypeDescription, exceptions: Readonly<Record<string, string>>): string[] {
	const problems: string[] = [];
	for (const { path, property } of walk(description.properties).filter((p) => p.topLevel)) {
		if (STRUCTURAL.has(property.type) || property.required) continue;
		if (property.type === 'options' && property.noDataExpression && (property.name === 'resource' || property.name === 'operation')) continue;
		const key = `${description.name}.${path}`;
		if (exceptions[key]?.trim()) continue;
		problems.push(`${key}: optional ${property.type} field at the top level; move it into a collection or list it as an exception with a reason`);
	}
	return problems;
}

/** Credentials a node uses must be this package's own (n8n's no-credential-reuse). */
export function foreignCredentials(description: INodeTypeDescription, ownCredentials: readonly string[]): string[] {
	return (description.credentials ?? [])
		.filter((c) => !ownCredentials.includes(c.name))
		.map((c) => `${description.name}: uses credential ${c.name}, which this package does not define`);
}

/**
 * One credential shared by unrelated nodes is a reuse too: every node of a credential must
 * call the same service, named by `serviceOf` (for us: the VICIdial server the credential
 * points at).
 */
export function credentialsSharedAcrossServices(nodes: readonly INodeType[], serviceOf: (node: INodeTypeDescription) => string): string[] {
	const services = new Map<string, Set<string>>();
	for (const node of nodes) {
		for (const credential of node.description.credentials ?? []) {
			const set = services.get(credential.name) ?? new Set<string>();
			set.add(serviceOf(node.description));
			services.set(credential.name, set);
		}
	}
	return [...services].filter(([, set]) => set.size > 1).map(([name, set]) => `credential ${name} is used by nodes of different services: ${[...set].join(', ')}`);
}

export function licenceProblems(pkg: { license?: string }, licenseText: string | undefined): string[] {
	const problems: string[] = [];
	if (pkg.license !== 'MIT') problems.push(`package.json license is ${String(pkg.license)}, not MIT`);
	if (!licenseText?.startsWith('MIT License')) problems.push('LICENSE is missing or is not the MIT licence');
	return problems;
}

/** One item's parameters, by parameter name. */
export type ItemParameters = Readonly<Record<string, unknown>>;

/** A minimal execute context: items, their parameters, a credential, and the continue-on-fail switch. */
function executeContext(description: INodeTypeDescription, items: readonly ItemParameters[], continueOnFail: boolean): IExecuteFunctions {
	const node: INode = {
		id: 'review',
		name: description.defaults.name ?? description.displayName,
		type: description.name,
		typeVersion: 1,
		position: [0, 0],
		// Parameters that differ between items are expressions in a saved node; the nodes read a
		// plain value once per run.
		parameters: Object.fromEntries(
			[...new Set(items.flatMap((item) => Object.keys(item)))]
				.filter((name) => new Set(items.map((item) => JSON.stringify(item[name]))).size > 1)
				.map((name) => [name, `={{ $json.${name} }}`]),
		),
	};
	const context = {
		getInputData: () => items.map((_p, i) => ({ json: { i } })),
		getNode: () => node,
		getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:9', apiUser: 'review', password: 'review-secret' }),
		continueOnFail: () => continueOnFail,
		getNodeParameter: (name: string, i: number, fallback?: unknown) => (name in items[i] ? items[i][name] : fallback),
		helpers: {},
	};
	return context as unknown as IExecuteFunctions;
}

/**
 * A node's execute honours continue-on-fail (each failing item becomes an output item with an
 * `error`, paired with its input) and, without it, throws an n8n error that carries the failing
 * item's index. `valid` is an item that passes validation, `invalid` one that fails it; the
 * nodes validate every item before sending anything, so no request is made.
 */
export async function executeProblems(nodeType: INodeType, valid: ItemParameters, invalid: ItemParameters): Promise<string[]> {
	const { description } = nodeType;
	if (!nodeType.execute) return [];
	const problems: string[] = [];
	try {
		const [output] = (await nodeType.execute.call(executeContext(description, [invalid, invalid], true))) as INodeExecutionData[][];
		const errors = (output ?? []).filter((item) => typeof item.json.error === 'string');
		if (errors.length !== 2) problems.push(`${description.name}: with continue-on-fail, ${errors.length} error items for 2 failing items`);
		errors.forEach((item, i) => {
			const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			if (typeof paired !== 'object' || paired?.item !== i) problems.push(`${description.name}: error item ${i} is not paired with input item ${i}`);
		});
	} catch (error) {
		problems.push(`${description.name}: execute threw with continue-on-fail on: ${(error as Error).message}`);
	}
	try {
		await nodeType.execute.call(executeContext(description, [valid, invalid], false));
		problems.push(`${description.name}: execute did not throw for a failing item without continue-on-fail`);
	} catch (error) {
		if (!(error instanceof NodeOperationError || error instanceof NodeApiError)) {
			problems.push(`${description.name}: execute threw a ${(error as Error).constructor.name}, not a NodeOperationError or NodeApiError`);
		} else if (error.context.itemIndex !== 1) {
			problems.push(`${description.name}: the error for item 1 carries itemIndex ${String(error.context.itemIndex)}`);
		}
	}
	return problems;
}
