import type { Handler } from '../context';

export const callHandlers: Record<string, Handler> = {};
