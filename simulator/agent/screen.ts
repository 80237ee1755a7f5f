import type { Handler } from '../context';

export const screenHandlers: Record<string, Handler> = {};
