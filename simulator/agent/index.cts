import { epoch, sqlDate, type Handler } from '../context.cjs';
import { agentStateHandlers } from './agentState.cjs';
import { callHandlers } from './call.cjs';
import { mediaHandlers } from './media.cjs';
import { screenHandlers } from './screen.cjs';
import { systemHandlers } from './system.cjs';
import { transferHandlers } from './transfer.cjs';

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
