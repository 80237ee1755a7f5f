import type { Handler } from '../context';

export const userHandlers: Record<string, Handler> = {};
