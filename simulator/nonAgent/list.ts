import type { Handler } from '../context';

export const listHandlers: Record<string, Handler> = {};
