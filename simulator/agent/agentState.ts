import type { Handler } from '../context';

export const agentStateHandlers: Record<string, Handler> = {};
