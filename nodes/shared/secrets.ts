import type { IDataObject } from 'n8n-workflow';

/**
 * Everything the package knows about secrets, for both credentials and the trigger: which
 * values are secret, the one mask, and how text and values are cleaned of them. VICIdial
 * echoes the password in login errors (`|6666|secret|BAD|`), the Agent API even in its SQL
 * (`pass='secret'`), and a call-out can carry the trigger's own secret in any field.
 */

/** What stands where a secret was, in errors, items and the trigger's output alike. */
export const MASK = '***';

/** Parameters and reply fields that hold passwords (agent_pass, phone_pass, registration_password). */
export const SECRET_FIELD = /(^|_)pass(word)?$|_password$/;

/**
 * From this length a secret is masked wherever it stands, even inside a longer word. A shorter
 * one (VICIdial's stock password is "1234") turns up by chance inside phone numbers and IDs
 * (7275551234), so it is masked only as a whole token.
 */
const MASKED_ANYWHERE_FROM = 8;

/** The trigger's secrets shorter than this are not worth a search (its credential test wants 12). */
const TRIGGER_SECRET_MIN = 4;

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Non-empty values, each once. */
function listOf(values: readonly string[], minLength = 1): string[] {
	return [...new Set(values.filter((value) => value.length >= minLength))];
}

/** The secrets of a `vicidialApi` credential: build once per run and hand to every error. */
export function credentialSecrets(credentials: { password: string; basicAuthPassword: string }): string[] {
	return listOf([credentials.password, credentials.basicAuthPassword]);
}

/** The secrets of a `vicidialTriggerApi` credential, removed by value from everything the workflow sees. */
export function triggerSecrets(config: { secret: string; headerSecret: string; hmacSecret: string; password: string }): string[] {
	return listOf([config.secret, config.headerSecret, config.hmacSecret, config.password], TRIGGER_SECRET_MIN);
}

/**
 * The run's secrets plus the passwords an item sends itself: add_user and copy_user echo
 * `agent_pass` in their SUCCESS line, so it is masked in that item's output and errors.
 */
export function withItemSecrets(secrets: readonly string[], params: Readonly<Record<string, string>>): string[] {
	const own = Object.entries(params)
		.filter(([name, value]) => SECRET_FIELD.test(name) && value !== '')
		.map(([, value]) => value);
	return own.length === 0 ? [...secrets] : listOf([...secrets, ...own]);
}

/** The patterns of the last few secret lists: a run redacts every item with the same list. */
const patternCache = new Map<string, RegExp[]>();
const PATTERN_CACHE_SIZE = 16;

/** One pattern per secret, longest first so a secret inside another is not masked half. */
function patternsOf(secrets: readonly string[]): RegExp[] {
	// NUL cannot stand inside a secret typed into n8n, so the joined list names one list only.
	const key = secrets.join('\u0000');
	let patterns = patternCache.get(key);
	if (!patterns) {
		patterns = buildPatterns(secrets);
		if (patternCache.size >= PATTERN_CACHE_SIZE) patternCache.delete(patternCache.keys().next().value as string);
		patternCache.set(key, patterns);
	}
	return patterns;
}

function buildPatterns(secrets: readonly string[]): RegExp[] {
	const sorted = listOf(secrets).sort((a, b) => b.length - a.length);
	return sorted.flatMap((secret) => {
		const forms = [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')])].map(escapeRegExp);
		const anywhere = secret.length >= MASKED_ANYWHERE_FROM;
		return forms.map((form) => (anywhere ? new RegExp(`()${form}`, 'g') : new RegExp(`(^|[^A-Za-z0-9])${form}(?=$|[^A-Za-z0-9])`, 'g')));
	});
}

/**
 * A text without secrets: each secret by value (plain, URL-encoded and form-encoded), a short
 * one as a whole token so "1234" is masked in `|6666|1234|BAD|` but not inside 7275551234;
 * plus any `pass=…`/`password=…` parameter and SQL `pass='…'`, whoever's password it is.
 * Never throws; the result holds {@link MASK} where a secret stood.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const pattern of patternsOf(secrets)) out = out.replace(pattern, `$1${MASK}`);
	return out
		.replace(/\b((?:phone_)?pass)\s*=\s*'[^']*'/gi, `$1='${MASK}'`)
		.replace(/\b((?:phone_)?pass(?:word)?)=(?!')([^&\s|'"]*)/gi, `$1=${MASK}`);
}

/**
 * Every string of a JSON value redacted, object keys included (a call-out can name a field
 * after a secret). Returns a copy; numbers, booleans and null pass unchanged.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => redactDeep(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[redact(key, secrets)] = redactDeep(entry, secrets);
		return copy as T;
	}
	return value;
}

/** Reply fields named like passwords never reach the workflow, whatever they hold. */
export function maskSecretFields(json: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(json)) out[key] = SECRET_FIELD.test(key) && value !== '' ? MASK : value;
	return out;
}
