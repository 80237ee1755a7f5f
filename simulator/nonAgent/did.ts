import type { Handler } from '../context';

export const didHandlers: Record<string, Handler> = {};
