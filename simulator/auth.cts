import type { SimState, SimUser } from './state.cjs';

/**
 * Login checks of both APIs (vicidial-api-notes.md §2). A failed login counts towards the
 * lockout: 10 failures lock the user for 15 minutes.
 */

const LOCK_AFTER = 10;
const LOCK_MS = 15 * 60 * 1000;

type AuthResult = { ok: true; user: SimUser } | { ok: false; reply: string };

function registerFailure(user: SimUser | undefined, now: number): void {
	if (!user) return;
	user.failed_logins += 1;
	if (user.failed_logins >= LOCK_AFTER) {
		user.locked_until = now + LOCK_MS;
		user.failed_logins = 0;
	}
}

/** Non-Agent `user_authorization(…, 'REPORTS')`: level 7+, active, password, not locked. */
export function nonAgentLogin(state: SimState, userId: string, pass: string, now: number): AuthResult {
	const user = state.users.get(userId);
	if (user && user.locked_until > now) {
		return { ok: false, reply: `ERROR: Too many login attempts, try again in 15 minutes: |${userId}|LOCK|\n` };
	}
	if (!user || user.pass !== pass || user.active !== 'Y' || user.user_level < 7) {
		if (user && user.pass !== pass) registerFailure(user, now);
		return { ok: false, reply: `ERROR: Login incorrect, please try again: |${userId}|${pass}|BAD|\n` };
	}
	user.failed_logins = 0;
	return { ok: true, user };
}

/**
 * Agent `user_authorization()`: level 1+, active, password, lockout, and Agent API Access.
 * On a bad password VICIdial echoes its SQL statement, password included (verified).
 */
export function agentLogin(state: SimState, userId: string, pass: string, now: number): AuthResult {
	const user = state.users.get(userId);
	if (user && user.locked_until > now) {
		return { ok: false, reply: `ERROR: Invalid Username/Password: |${userId}|${pass}|0|1|LOCK|\n` };
	}
	if (userId.length < 2 || pass.length < 2 || !user || user.pass !== pass || user.active !== 'Y' || user.user_level < 1) {
		if (user && user.pass !== pass) registerFailure(user, now);
		const sql = `SELECT count(*) from vicidial_users where user='${userId}' and pass='${pass}' and user_level > 0 and active='Y' and ( (failed_login_count < 10) or (UNIX_TIMESTAMP(last_login_date) < '${Math.floor(now / 1000) - 900}') );`;
		return { ok: false, reply: `ERROR: Invalid Username/Password: |${userId}|${pass}|0|1|BAD|0|api|${sql}|\n` };
	}
	if (!user.api_access) {
		return { ok: false, reply: `ERROR: Invalid Username/Password: |${userId}|${pass}|1|0|GOOD|\n` };
	}
	user.failed_logins = 0;
	return { ok: true, user };
}

/** `api_allowed_functions` holds ` fn ` or ` ALL_FUNCTIONS `. */
export function functionAllowed(user: SimUser, fn: string): boolean {
	return user.api_allowed_functions.includes(' ALL_FUNCTIONS ') || user.api_allowed_functions.includes(` ${fn} `);
}
