import { epoch, sqlDate, type Handler } from '../context';

/** `VERSION: 2.14-202|BUILD: 250720-1841|DATE: …|EPOCH: …|DST: 0|TZ: -5.00|TZNOW: -5.00|` (verified). */
const version: Handler = ({ state, now }) =>
	`VERSION: ${state.system.version}|BUILD: ${state.system.build}|DATE: ${sqlDate(now)}|EPOCH: ${epoch(now)}|DST: 0|TZ: ${state.system.tz}|TZNOW: ${state.system.tz}|\n`;

export const systemHandlers: Record<string, Handler> = { version };
