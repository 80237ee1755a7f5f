/**
 * Review rules n8n's reviewers flag that the published lint plugin lacks (issue 18), checked on
 * every node description as n8n loads it, and on a broken fixture so each rule is seen to fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { VicidialApi } from '../../credentials/VicidialApi.credentials';
import { VicidialTriggerApi } from '../../credentials/VicidialTriggerApi.credentials';
import { Vicidial } from '../../nodes/Vicidial/Vicidial.node';
import { VicidialAgent } from '../../nodes/VicidialAgent/VicidialAgent.node';
import { VicidialPollTrigger } from '../../nodes/VicidialPollTrigger/VicidialPollTrigger.node';
import { VicidialScreenPop } from '../../nodes/VicidialScreenPop/VicidialScreenPop.node';
import { VicidialTrigger } from '../../nodes/VicidialTrigger/VicidialTrigger.node';
import {
	credentialsSharedAcrossServices,
	executeProblems,
	foreignCredentials,
	licenceProblems,
	optionalFieldsOutsideCollections,
	unsortedOptions,
	walk,
} from '../helpers/reviewRules.cjs';

const root = join(__dirname, '..', '..');
const nodes: INodeType[] = [new Vicidial(), new VicidialAgent(), new VicidialTrigger(), new VicidialPollTrigger(), new VicidialScreenPop()];
const ownCredentials = [new VicidialApi().name, new VicidialTriggerApi().name];
/** Every one of our nodes talks to a VICIdial server. */
const serviceOf = (d: INodeTypeDescription) => (d.name.toLowerCase().startsWith('vicidial') ? 'VICIdial' : d.name);

/**
 * Top-level optional fields kept on purpose, each with its reason. Anything else optional
 * belongs in a collection.
 */
const TOP_LEVEL_EXCEPTIONS: Record<string, string> = {
	'vicidial.onDuplicate': 'A choice add_lead users make every time they set a duplicate check; it shapes the output, so it is shown, not hidden in a collection',
	'vicidial.alreadyDoneAsSuccess': "Like On Duplicate: whether an 'already there' refusal fails the item or is the success it asked for; it shapes the output of every DNC and filter-group write, so it is shown",
	'vicidial.duplicateCheck': 'Add Lead (1.1): the check On Duplicate acts on, beside it; with one set a retry cannot add the lead twice, so users must see it',
	'vicidial.listExistsCheck': 'Add Lead (1.1): on by default, because VICIdial adds a lead to a list that does not exist without a word; shown so the default is visible',
	'vicidial.clearFields': 'Which fields to blank is the point of an update; a collection would hide it among the values',
	'vicidial.returnAll': "n8n's standard Get Many pair: every n8n list operation shows Return All at the top level, and reviewers expect it there",
	'vicidial.limit': 'Shown with Return All, as in every n8n list operation (n8n\'s standard Limit, default 50)',
	'vicidialAgent.clearFields': 'As for the VICIdial node: blanking fields is what the update is for',
	'vicidialTrigger.routeByOutcome': 'It changes the node\'s outputs and belongs beside the Disposition Mapping it routes by; hidden in Options, the outputs would change with no visible cause',
	'vicidialAgent.value': 'Dial Number (1.1): the number to dial is the point of the call, though a Lead ID can stand in for it',
	'vicidialAgent.leadId': 'Dial Number (1.1): the lead to dial, the alternative to Phone Number; one of the two is needed',
	'vicidialTrigger.event': 'The trigger\'s main choice: which VICIdial URL feature this workflow listens to',
	'vicidialTrigger.variables': 'The variables are what the URL to paste into VICIdial carries, per event; the pasted URL is built from them and they have per-event defaults',
	'vicidialPollTrigger.watch': 'The poll trigger\'s main choice, like a resource: which watch it polls for, and so which fields follow',
	'vicidialScreenPop.respondWith': 'The node\'s main choice, like a resource: a card or a redirect, and so which fields follow',
	'vicidialScreenPop.fields': 'What the card shows is the point of a Card answer: the label and value rows, in their order; a collection would hide them',
	'vicidialTrigger.customFields': 'Fields the call URL carries beyond the standard ones; they name output fields, so they sit next to the event',
};

describe('review rules the published lint plugin lacks', () => {
	it('walks every property, collections and fixed collections included', () => {
		const paths = walk(new Vicidial().description.properties).map((p) => p.path);
		expect(paths).toEqual(expect.arrayContaining(['resource', 'operation', 'additionalFields.city', 'options.concurrency', 'customFieldsUi.field.name']));
	});

	it.each(nodes.map((n) => [n.description.name, n]))('%s: every options list is sorted alphabetically by name', (_name, node) => {
		expect(unsortedOptions(node.description)).toEqual([]);
	});

	it.each(nodes.map((n) => [n.description.name, n]))('%s: optional fields live in collections', (_name, node) => {
		expect(optionalFieldsOutsideCollections(node.description, TOP_LEVEL_EXCEPTIONS)).toEqual([]);
	});

	it('every listed exception still exists (a stale exception would hide nothing)', () => {
		const topLevel = nodes.flatMap((n) => walk(n.description.properties).filter((p) => p.topLevel).map((p) => `${n.description.name}.${p.path}`));
		for (const key of Object.keys(TOP_LEVEL_EXCEPTIONS)) expect(topLevel).toContain(key);
	});

	it.each([
		['vicidial', new Vicidial(), { resource: 'system', operation: 'version' }],
		['vicidialAgent', new VicidialAgent(), { resource: 'agentSystem', operation: 'version' }],
	] as const)('%s: execute honours continue-on-fail and its errors carry the item index', async (_name, node, valid) => {
		expect(node.execute).toBeDefined();
		const invalid = { resource: 'lead', operation: 'version' };
		expect(await executeProblems(node, valid, invalid)).toEqual([]);
	});

	it('nodes use only this package\'s credentials, and no credential spans unrelated services', () => {
		expect(nodes.flatMap((n) => foreignCredentials(n.description, ownCredentials))).toEqual([]);
		expect(credentialsSharedAcrossServices(nodes, serviceOf)).toEqual([]);
		const used = new Set(nodes.flatMap((n) => (n.description.credentials ?? []).map((c) => c.name)));
		expect([...used].sort()).toEqual([...ownCredentials].sort());
	});

	it('the package is MIT-licensed', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { license?: string };
		const license = existsSync(join(root, 'LICENSE')) ? readFileSync(join(root, 'LICENSE'), 'utf8') : undefined;
		expect(licenceProblems(pkg, license)).toEqual([]);
	});
});

/** A node that breaks every rule: the rules must say so. */
class BrokenNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Broken',
		name: 'broken',
		group: ['transform'],
		version: 1,
		description: 'Breaks the review rules on purpose',
		defaults: { name: 'Broken' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'httpBasicAuth', required: true }, { name: 'vicidialApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'get',
				options: [
					{ name: 'Get', value: 'get' },
					{ name: 'Delete', value: 'delete' },
				],
			},
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Mode', name: 'mode', type: 'options', default: 'b', options: [{ name: 'B', value: 'b' }, { name: 'a', value: 'a' }] }],
			},
		],
	};

	async execute(this: IExecuteFunctions) {
		// Ignores continue-on-fail and loses the item index.
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			if (this.getNodeParameter('operation', i) === 'delete') throw new NodeOperationError(this.getNode(), 'cannot delete');
		}
		return [items];
	}
}

describe('the rules fail on a broken fixture', () => {
	const broken = new BrokenNode();

	it('unsorted options lists, at the top level and inside a collection', () => {
		const problems = unsortedOptions(broken.description);
		expect(problems).toHaveLength(2);
		expect(problems.join('\n')).toMatch(/broken\.operation.*Get, Delete/);
		expect(problems.join('\n')).toMatch(/broken\.options\.mode/);
	});

	it('an optional field at the top level, unless excepted with a reason', () => {
		expect(optionalFieldsOutsideCollections(broken.description, {})).toEqual([expect.stringMatching(/^broken\.limit: optional number/)]);
		expect(optionalFieldsOutsideCollections(broken.description, { 'broken.limit': ' ' })).toHaveLength(1);
		expect(optionalFieldsOutsideCollections(broken.description, { 'broken.limit': 'shown on purpose' })).toEqual([]);
	});

	it('continue-on-fail ignored and errors without the item index', async () => {
		const problems = await executeProblems(broken, { operation: 'get' }, { operation: 'delete' });
		expect(problems.join('\n')).toMatch(/execute threw with continue-on-fail on/);
		expect(problems.join('\n')).toMatch(/carries itemIndex undefined/);
	});

	it('a credential of another package, and one credential across unrelated services', () => {
		expect(foreignCredentials(broken.description, ownCredentials)).toEqual([expect.stringMatching(/httpBasicAuth/)]);
		expect(credentialsSharedAcrossServices([new Vicidial(), broken], serviceOf)).toEqual([expect.stringMatching(/vicidialApi.*VICIdial, broken/)]);
	});

	it('a licence other than MIT, or no LICENSE file', () => {
		expect(licenceProblems({ license: 'ISC' }, 'ISC License')).toHaveLength(2);
		expect(licenceProblems({ license: 'MIT' }, undefined)).toHaveLength(1);
	});
});
