import { epoch, sqlDate, type Handler } from '../context';
import { agentStateHandlers } from './agentState';
import { callHandlers } from './call';
import { mediaHandlers } from './media';
import { screenHandlers } from './screen';
import { systemHandlers } from './system';
import { transferHandlers } from './transfer';

/** `VERSION: 2.14-82|BUILD: 250122-1010|DATE: …|EPOCH: …` with no trailing `|` (verified). */
const version: Handler = ({ state, now }) =>
	`VERSION: ${state.system.agent_version}|BUILD: ${state.system.agent_build}|DATE: ${sqlDate(now)}|EPOCH: ${epoch(now)}\n`;

/** Every Agent API function the simulator answers, by VICIdial's name. */
export const agentHandlers: Record<string, Handler> = {
	version,
	...callHandlers,
	...agentStateHandlers,
	...transferHandlers,
	...screenHandlers,
	...mediaHandlers,
	...systemHandlers,
};
