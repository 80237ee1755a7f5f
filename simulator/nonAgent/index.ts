import type { Handler } from '../context';
import { agentStatusHandlers } from './agentStatus';
import { campaignHandlers } from './campaign';
import { didHandlers } from './did';
import { dncHandlers } from './dnc';
import { hopperHandlers } from './hopper';
import { leadHandlers } from './lead';
import { listHandlers } from './list';
import { phoneHandlers } from './phone';
import { reportHandlers } from './report';
import { systemHandlers } from './system';
import { userHandlers } from './user';

/** Every Non-Agent function the simulator answers, by VICIdial's name. */
export const nonAgentHandlers: Record<string, Handler> = {
	...leadHandlers,
	...hopperHandlers,
	...listHandlers,
	...dncHandlers,
	...reportHandlers,
	...campaignHandlers,
	...userHandlers,
	...agentStatusHandlers,
	...phoneHandlers,
	...didHandlers,
	...systemHandlers,
};
