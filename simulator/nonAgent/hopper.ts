import type { Handler } from '../context';

export const hopperHandlers: Record<string, Handler> = {};
