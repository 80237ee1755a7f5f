import { agentFunctions } from './agent';
import { agentStatusFunctions } from './nonAgent/agentStatus';
import { campaignFunctions } from './nonAgent/campaign';
import { didFunctions } from './nonAgent/did';
import { dncFunctions } from './nonAgent/dnc';
import { hopperFunctions } from './nonAgent/hopper';
import { leadFunctions } from './nonAgent/lead';
import { listFunctions } from './nonAgent/list';
import { phoneFunctions } from './nonAgent/phone';
import { reportFunctions } from './nonAgent/report';
import { systemFunctions } from './nonAgent/system';
import { userFunctions } from './nonAgent/user';
import type { ApiName, FunctionSpec } from './types';

export * from './types';
export { resources } from './resources';

/** Every catalogued function: the Non-Agent API's, then the Agent API's, each in the order of resources.ts. */
export const functions: readonly FunctionSpec[] = [
	...leadFunctions,
	...hopperFunctions,
	...listFunctions,
	...campaignFunctions,
	...userFunctions,
	...agentStatusFunctions,
	...reportFunctions,
	...dncFunctions,
	...phoneFunctions,
	...didFunctions,
	...systemFunctions,
	...agentFunctions,
];

const byName = new Map(functions.map((spec) => [`${spec.api}:${spec.name}`, spec]));

/** The spec of one function; throws for a name the catalogue does not know (a programming error). */
export function getFunction(api: ApiName, name: string): FunctionSpec {
	const spec = byName.get(`${api}:${name}`);
	if (!spec) throw new Error(`Unknown VICIdial ${api} function: ${name}`);
	return spec;
}

export function functionsOf(api: ApiName): FunctionSpec[] {
	return functions.filter((spec) => spec.api === api);
}
