import type { Handler } from '../context';

export const transferHandlers: Record<string, Handler> = {};
