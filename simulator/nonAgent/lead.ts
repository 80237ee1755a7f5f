import type { Handler } from '../context';

export const leadHandlers: Record<string, Handler> = {};
