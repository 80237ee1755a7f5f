import type { Handler } from '../context';

export const agentStatusHandlers: Record<string, Handler> = {};
