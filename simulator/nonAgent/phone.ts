import type { Handler } from '../context';

export const phoneHandlers: Record<string, Handler> = {};
