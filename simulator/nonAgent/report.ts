import type { Handler } from '../context';

export const reportHandlers: Record<string, Handler> = {};
