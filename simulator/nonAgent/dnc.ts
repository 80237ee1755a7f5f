import type { Handler } from '../context';

export const dncHandlers: Record<string, Handler> = {};
