/**
 * The simulator's call-outs: VICIdial's `--A--name--B--` substitution and the requests it sends.
 *
 * Written from vicidial-api-notes.md §6 and VICIdial's own texts (CALL_URL_FEATURES.txt,
 * AGENT_EVENTS_PUSH.txt, extras/get2post.php), never from the package's nodes: this file imports
 * nothing from `nodes/`, so a trigger that misreads VICIdial fails a test instead of agreeing
 * with itself.
 */
import * as http from 'node:http';

/** The values VICIdial knows for one call-out; a name absent here stays a literal placeholder. */
export type HookValues = Readonly<Record<string, string | number>>;

/**
 * PHP's `urlencode()`: letters, digits and `-_.` stay, a space becomes `+`, every other UTF-8
 * byte becomes `%XX` (upper case). It differs from `encodeURIComponent` on `!'()*~` and space.
 */
export function phpUrlencode(value: string): string {
	let out = '';
	for (const byte of Buffer.from(value, 'utf8')) {
		const char = String.fromCharCode(byte);
		if (/[A-Za-z0-9_.-]/.test(char)) out += char;
		else if (byte === 0x20) out += '+';
		else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/**
 * Substitutes a call-out URL the way VICIdial does (notes §6.1, §6.3):
 * - a leading `VAR` is stripped;
 * - `--A--name--B--` is matched case-insensitively and replaced by the urlencoded value;
 * - `dispo_name` is urlencoded twice (`Sale Made` arrives as `Sale%2BMade`);
 * - an empty value leaves `name=`;
 * - a placeholder VICIdial has no value for is left literally in the URL.
 */
export function substituteHookUrl(template: string, values: HookValues): string {
	const lookup = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), String(value)]));
	return template.replace(/^VAR/, '').replace(/--A--(.*?)--B--/g, (whole: string, name: string) => {
		const value = lookup.get(name.toLowerCase());
		if (value === undefined) return whole;
		return name.toLowerCase() === 'dispo_name' ? phpUrlencode(phpUrlencode(value)) : phpUrlencode(value);
	});
}

export interface HookResponse {
	status: number;
	body: string;
	headers: http.IncomingHttpHeaders;
	/** The URL of the last request (after redirects). */
	url: string;
}

export interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeoutMs?: number;
}

interface Target {
	host: string;
	port: number;
	/** Path and query exactly as written: no URL normalisation re-encodes VICIdial's text. */
	path: string;
	auth?: string;
}

function targetOf(url: string): Target {
	const match = /^(http):\/\/([^/?#]+)([^#]*)/i.exec(url);
	// Tests and demos talk to a local n8n over plain HTTP; TLS would add nothing VICIdial-specific.
	if (!match) throw new Error(`The simulator fires http:// URLs only; got ${url}`);
	const parsed = new URL(`http://${match[2]}/`);
	const auth =
		parsed.username !== '' ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : undefined;
	const rest = match[3] === '' ? '/' : match[3];
	return {
		host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
		port: parsed.port === '' ? 80 : Number(parsed.port),
		path: rest.startsWith('/') ? rest : `/${rest}`,
		auth,
	};
}

/**
 * One HTTP request with only the headers given (plus Host, and Authorization when the URL holds
 * `user:password@`, as PHP's http wrapper and curl both do). `Connection: close` and no agent,
 * so nothing is pooled between call-outs.
 */
export function sendRequest(url: string, options: SendOptions = {}): Promise<HookResponse> {
	const target = targetOf(url);
	// Host first, as PHP and curl write it (Node would put it after the given headers).
	const host = target.host.includes(':') ? `[${target.host}]` : target.host;
	const headers: Record<string, string> = {
		Host: target.port === 80 ? host : `${host}:${target.port}`,
		...(options.headers ?? {}),
	};
	if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: target.host,
				port: target.port,
				path: target.path,
				method: options.method ?? 'GET',
				headers,
				auth: target.auth,
				agent: false,
				timeout: options.timeoutMs ?? 60_000,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
						headers: response.headers,
						url,
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`Call-out timed out: ${url}`)));
		request.on('error', reject);
		if (options.body !== undefined) request.write(options.body);
		request.end();
	});
}

/** PHP's `file()` follows up to 20 redirects by default. */
const MAX_REDIRECTS = 20;

/**
 * Fires a GET call-out as VICIdial's web server does with `file($url)` (notes §6.2): no body,
 * no User-Agent, no headers beyond Host and `Connection: close`; redirects followed.
 */
export async function fireHook(url: string): Promise<HookResponse> {
	let current = url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const response = await sendRequest(current, { headers: { Connection: 'close' } });
		const location = response.headers.location;
		if (![301, 302, 303, 307, 308].includes(response.status) || location === undefined) return response;
		current = new URL(location, current).toString();
	}
	throw new Error(`More than ${MAX_REDIRECTS} redirects from ${url}`);
}

/** Substitutes a template with a record and fires it: one VICIdial GET call-out. */
export async function fireCallout(template: string, values: HookValues): Promise<HookResponse> {
	return await fireHook(substituteHookUrl(template, values));
}

/** PHP's `$_GET` from a query string: decoded, the last of repeated names wins. */
function phpGet(query: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const part of query.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
		params.set(decode(eq < 0 ? part : part.slice(0, eq)), eq < 0 ? '' : decode(part.slice(eq + 1)));
	}
	return params;
}

/**
 * The agent screen's Agent Events Push through `extras/get2post.php` (AGENT_EVENTS_PUSH.txt):
 * `url` is the substituted Agent Push URL (`get2post.php?uniqueid=...&type=event&HTTPURLTOPOST=...`).
 * As get2post.php does: everything after `HTTPURLTOPOST=` (or `HTTPSURLTOPOST=`) is the target,
 * prefixed `http://` (`https://`), split at its first `?` into page and form body; the body is
 * POSTed verbatim as `application/x-www-form-urlencoded` with User-Agent `VICIdial get2post`
 * and any `headers=NAME---value-----NAME2---value2`. A uniqueid shorter than 10 characters or a
 * missing target gives get2post's own ERROR text without any request.
 */
export async function relayGet2Post(url: string): Promise<HookResponse> {
	const queryString = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
	const get = phpGet(queryString);
	const uniqueid = (get.get('uniqueid') ?? '').replace(/[^-._0-9a-zA-Z]/g, '');
	const refuse = (body: string): HookResponse => ({ status: 200, body, headers: {}, url });
	if (uniqueid.length < 10) return refuse('ERROR: uniqueid is not valid');
	const secure = /HTTPSURLTOPOST=/.test(queryString);
	const marker = secure ? 'HTTPSURLTOPOST=' : 'HTTPURLTOPOST=';
	if (!queryString.includes(marker)) return refuse(`ERROR: post url is not populated - ${queryString.length}`);
	const postUrl = `${secure ? 'https' : 'http'}://${queryString.split(marker)[1]}`;
	const question = postUrl.indexOf('?');
	const page = question < 0 ? postUrl : postUrl.slice(0, question);
	const vars = question < 0 ? '' : postUrl.slice(question + 1).split('?')[0];
	if (page.length <= 8) return refuse('ERROR: post url is invalid');

	const headers: Record<string, string> = {
		Accept: '*/*',
		'User-Agent': 'VICIdial get2post',
		'Content-Type': 'application/x-www-form-urlencoded',
	};
	const headerSpec = (get.get('headers') ?? '').replace(/[^- !=$._0-9a-zA-Z]/g, '');
	if (headerSpec.length > 1) {
		for (const entry of headerSpec.split('-----')) {
			const [name, value = ''] = entry.split('---');
			if (name) headers[name] = value;
		}
	}
	// curl would add "Expect: 100-continue" above 1 KB; n8n's server answers either way.
	return await sendRequest(page, { method: 'POST', headers, body: vars });
}

/** Substitutes an Agent Push URL with an event's values and relays it like get2post.php. */
export async function fireAgentEvent(template: string, values: HookValues): Promise<HookResponse> {
	return await relayGet2Post(substituteHookUrl(template, values));
}

/** Custom list fields of the sample lead's list (CALL_URL_FEATURES.txt example names). */
export const SAMPLE_CUSTOM_FIELDS: HookValues = {
	appointment_date: '2026-12-01',
	favorite_color: 'green',
};

const EMPTY_CUSTOM = (prefix: string): Record<string, string> =>
	Object.fromEntries(['one', 'two', 'three', 'four', 'five'].map((n) => [`${prefix}_${n}`, '']));

const SAMPLE_LEAD: HookValues = {
	lead_id: '8',
	vendor_lead_code: 'CRM-00042',
	vendor_id: 'CRM-00042',
	source_id: 'web',
	list_id: '101',
	entry_list_id: '101',
	gmt_offset_now: '-5.00',
	phone_code: '1',
	phone_number: '3125550101',
	phone: '3125550101',
	title: 'Ms',
	first_name: 'Ana',
	middle_initial: 'M',
	last_name: "O'Neil Smith",
	address1: '12 Main St',
	address2: '',
	address3: '',
	city: 'Chicago',
	state: 'IL',
	province: '',
	postal_code: '60601',
	country_code: 'USA',
	gender: 'F',
	date_of_birth: '1980-04-02',
	alt_phone: '',
	email: 'ana@example.com',
	security_phrase: '',
	comments: 'Prefers mornings & evenings',
	called_count: '3',
	rank: '0',
	owner: '',
	entry_date: '2026-11-20 10:15:00',
	list_name: 'Chicago Leads',
	list_description: 'Q4 import',
};

const SAMPLE_AGENT: HookValues = {
	user: '1000',
	fullname: 'Agent One',
	user_group: 'AGENTS',
	agent_email: 'agent1000@example.com',
	...EMPTY_CUSTOM('user_custom'),
	user_custom_one: 'asmith',
	phone_login: '8001',
	original_phone_login: '8001',
	// VICIdial fills the agent's passwords in clear text (notes §6.3); a trigger must drop them.
	pass: 'agentpass1000',
	phone_pass: 'phonepass8001',
	fronter: '',
	closer: '',
};

const SAMPLE_CAMPAIGN: HookValues = {
	campaign: 'TESTCAMP',
	group: 'TESTCAMP',
	channel_group: 'TESTCAMP',
	camp_script: '',
	in_script: '',
	...EMPTY_CUSTOM('camp_custom'),
	...EMPTY_CUSTOM('ig_custom'),
	did_id: '',
	did_extension: '',
	did_pattern: '',
	did_description: '',
	...EMPTY_CUSTOM('did_custom'),
};

/**
 * The Dispo Call URL values of the request observed on VICIdial 2.14 (notes §6.3: dispo SALE,
 * dispo_name "Sale Made", talk_time 125, term_reason CALLER, lead 8, user 1000, session 8600051),
 * completed with plausible lead data. The server clock is UTC: epoch matches SQLdate.
 */
const SAMPLE_DISPO: HookValues = {
	dispo: 'SALE',
	dispo_name: 'Sale Made',
	talk_time: '125',
	talk_time_ms: '125000',
	talk_time_min: '3',
	term_reason: 'CALLER',
	call_notes: 'Wants the blue plan',
	callback_lead_status: '',
	callback_datetime: '',
	uniqueid: '1795300000.101',
	call_id: 'M1122334450000000008',
	agent_log_id: '4471',
	dialed_number: '3125550101',
	dialed_label: 'MAIN',
	closecallid: '',
	xfercallid: '',
	parked_by: '',
	SQLdate: '2026-11-22 05:50:33',
	epoch: '1795326633',
	recording_id: '3391',
	recording_filename: '20261122-054828_3125550101_1000',
	customer_zap_channel: 'SIP/carrier-00000012',
	customer_server_ip: '10.10.10.15',
	server_ip: '10.10.10.15',
	SIPexten: 'SIP/8001',
	session_id: '8600051',
	...SAMPLE_LEAD,
	...SAMPLE_AGENT,
	...SAMPLE_CAMPAIGN,
	...SAMPLE_CUSTOM_FIELDS,
};

const DISPO_ONLY = ['talk_time_ms', 'term_reason', 'call_notes', 'callback_datetime', 'recording_id', 'recording_filename'];

function without(values: HookValues, names: readonly string[]): Record<string, string | number> {
	return Object.fromEntries(Object.entries(values).filter(([name]) => !names.includes(name)));
}

export type SampleKind = 'dispo' | 'start' | 'noAgent' | 'addLead' | 'deadCall' | 'pauseMax' | 'agentEvents';

/** One record per kind of call-out: what VICIdial knows when it fires that hook. */
export const SAMPLE_CALLS: Readonly<Record<SampleKind, HookValues>> = {
	dispo: SAMPLE_DISPO,
	// Manual dial (notes §6.3): not answered yet, so uniqueid, group, channel_group and list_name
	// are empty, dispo holds the lead's current status and call_id is the new M... caller code.
	start: {
		...without(SAMPLE_DISPO, DISPO_ONLY),
		lead_id: '9',
		dispo: 'CBHOLD',
		dispo_name: 'Callback Hold',
		talk_time: '0',
		talk_time_min: '0',
		call_id: 'M1220550520000000009',
		uniqueid: '',
		group: '',
		channel_group: '',
		list_name: '',
		SQLdate: '2026-11-22 05:52:00',
		epoch: '1795326720',
	},
	// AST_send_URL.pl for a drop: the system status in dispo, no agent and no custom fields.
	noAgent: {
		...SAMPLE_LEAD,
		lead_id: '10',
		phone_number: '3125550110',
		dispo: 'DROP',
		talk_time: '0',
		uniqueid: '1795300500.105',
		call_id: 'V1122055050000000010',
		dialed_number: '3125550110',
		dialed_label: 'MAIN',
		SQLdate: '2026-11-22 05:55:00',
		epoch: '1795326900',
		server_ip: '10.10.10.15',
		campaign: 'TESTCAMP',
		group: 'SALESLINE',
		channel_group: 'SALESLINE',
		did_id: '',
		did_extension: '',
		did_pattern: '',
		did_description: '',
	},
	// The in-group Add Lead URL's documented variables (CALL_URL_FEATURES.txt).
	addLead: {
		lead_id: '11',
		vendor_lead_code: '',
		list_id: '999',
		phone_number: '3125550111',
		phone_code: '1',
		did_id: '7',
		did_extension: '8005550100',
		did_pattern: '8005550100',
		did_description: 'Main line',
		uniqueid: '1795300600.110',
		call_id: 'Y1122060060000000011',
	},
	deadCall: {
		...without(SAMPLE_DISPO, DISPO_ONLY),
		dispo: '',
		dispo_name: '',
	},
	// Pause Max URL: only user variables (CALL_URL_FEATURES.txt).
	pauseMax: {
		user: '1000',
		campaign: 'TESTCAMP',
		fullname: 'Agent One',
		...EMPTY_CUSTOM('user_custom'),
		user_custom_one: 'asmith',
		user_custom_two: 'hS87yt2',
		user_group: 'AGENTS',
		agent_email: 'agent1000@example.com',
	},
	// Agent Push URL variables, plus epoch and agent_log_id used by get2post's uniqueid.
	agentEvents: {
		user: '1000',
		event: 'dispo_set',
		message: 'SALE',
		lead_id: '8',
		counter: '17',
		epoch: '1795326633',
		agent_log_id: '4471',
	},
};

/** A common dialer-webhook body: an event name, a timestamp and a data object. */
export const SAMPLE_CUSTOM_POST = {
	id: 'evt_0001',
	event: 'call.completed',
	timestamp: 1795326633,
	data: {
		lead_id: 8,
		phone_number: '3125550101',
		dispo: 'SALE',
		talk_time: '125',
		campaign: 'TESTCAMP',
		agent: { user: '1000', pass: 'agentpass1000' },
	},
} as const;
