import type { ApiName, FunctionSpec } from './types';
import { leadFunctions } from './nonAgent/lead';

export * from './types';
export { resources } from './resources';

/** Every catalogued function, Non-Agent first. */
export const functions: readonly FunctionSpec[] = [...leadFunctions];

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
