import type { Handler } from '../context.cjs';
import { agentStatusHandlers } from './agentStatus.cjs';
import { campaignHandlers } from './campaign.cjs';
import { didHandlers } from './did.cjs';
import { dncHandlers } from './dnc.cjs';
import { hopperHandlers } from './hopper.cjs';
import { leadHandlers } from './lead.cjs';
import { listHandlers } from './list.cjs';
import { phoneHandlers } from './phone.cjs';
import { reportHandlers } from './report.cjs';
import { systemHandlers } from './system.cjs';
import { userHandlers } from './user.cjs';

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
