import type { Handler } from '../context';

export const mediaHandlers: Record<string, Handler> = {};
