import type { SimState, SimUser } from './state.cjs';

/** What a function handler sees: the request's parameters, the dialer and the API user. */
export interface HandlerContext {
	/** GET and POST parameters merged as PHP does (GET wins), values URL-decoded. */
	readonly params: Readonly<Record<string, string>>;
	readonly state: SimState;
	/** The authenticated API user (undefined only for functions without a login). */
	readonly apiUser: SimUser;
	readonly fn: string;
	readonly now: Date;
	readonly clientIp: string;
	/** add_lead's wait between its duplicate check and its insert (the `raceWindow` fault); 0 by default. */
	readonly raceWindowMs?: number;
}

/** A reply: a body sent as `text/html; charset=utf-8` with status 200, or a full response. */
export type SimReply = string | { status: number; body: string; contentType?: string };

/** Synchronous, except add_lead inside a `raceWindow`, which answers after its wait. */
export type Handler = (ctx: HandlerContext) => SimReply | Promise<SimReply>;

/** `2026-11-22 05:48:46` in the server's clock, as VICIdial prints dates. */
export function sqlDate(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function epoch(date: Date): number {
	return Math.floor(date.getTime() / 1000);
}

/** Lines joined the way VICIdial prints them: each ends with a newline. */
export function lines(...rows: string[]): string {
	return rows.map((row) => `${row}\n`).join('');
}

/** The delimiter a read function uses for `stage` (pipe by default). */
export function delimiterFor(stage: string | undefined): string {
	if (stage === 'csv') return ',';
	if (stage === 'tab') return '\t';
	return '|';
}

/** True when VICIdial's Y/YES spelling of a flag is set. */
export function isYes(value: string | undefined): boolean {
	return value === 'Y' || value === 'YES' || value === '1';
}
