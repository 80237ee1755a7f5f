import type { Handler } from '../context';

export const campaignHandlers: Record<string, Handler> = {};
