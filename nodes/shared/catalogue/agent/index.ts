import type { FunctionSpec } from '../types';
import { agentStateFunctions } from './agentState';
import { callFunctions } from './call';
import { mediaFunctions } from './media';
import { agentSystemFunctions } from './system';
import { screenFunctions } from './screen';
import { transferFunctions } from './transfer';

/** Every documented Agent API (agc/api.php) function, in the order of the node's resources. */
export const agentFunctions: readonly FunctionSpec[] = [
	...callFunctions,
	...agentStateFunctions,
	...transferFunctions,
	...screenFunctions,
	...mediaFunctions,
	...agentSystemFunctions,
];
