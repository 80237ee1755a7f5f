/**
 * The simulator's call-outs: VICIdial's `--A--name--B--` substitution and the requests it sends.
 *
 * Written from vicidial-api-notes.md §6 and VICIdial's own texts (CALL_URL_FEATURES.txt,
 * AGENT_EVENTS_PUSH.txt, extras/get2post.php), never from the package's nodes: this file imports
 * nothing from `nodes/`, so a trigger that misreads VICIdial fails a test instead of agreeing
 * with itself.
 */
import * as http from 'node:http';
import { isIP } from 'node:net';

/** The values VICIdial knows for one call-out; a name absent here stays a literal placeholder. */
export type HookValues = Readonly<Record<string, string | number>>;

/**
 * PHP's `urlencode()`: letters, digits and `-_.` stay, a space becomes `+`, every other byte
 * becomes `%XX` (upper case). It differs from `encodeURIComponent` on `!'()*~` and space.
 * `latin1` gives the bytes a VICIdial with its default use_non_latin=0 holds (`Díaz` is
 * `D%EDaz`, notes §8.18; a character outside ISO-8859-1 is stored as `?`); `utf8` those of
 * use_non_latin=1 (`D%C3%ADaz`).
 */
export function phpUrlencode(value: string, charset: 'utf8' | 'latin1' = 'utf8'): string {
	const bytes =
		charset === 'utf8'
			? Buffer.from(value, 'utf8')
			: Buffer.from([...value].map((char) => ((char.codePointAt(0) ?? 0) <= 0xff ? (char.codePointAt(0) ?? 0) : 0x3f)));
	let out = '';
	for (const byte of bytes) {
		const char = String.fromCharCode(byte);
		if (/[A-Za-z0-9_.-]/.test(char)) out += char;
		else if (byte === 0x20) out += '+';
		else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

const USER_CUSTOM = ['user_custom_one', 'user_custom_two', 'user_custom_three', 'user_custom_four', 'user_custom_five'];

/**
 * Which values a block of vdc_db_query.php urlencodes twice: `dispo_name` wherever it is
 * filled (notes §6.3), and `user_custom_one..five` in the Start and Dispo Call URL blocks (§8.19).
 */
function twiceEncoded(kind: SampleKind | undefined): readonly string[] {
	return kind === 'dispo' || kind === 'start' ? ['dispo_name', ...USER_CUSTOM] : ['dispo_name'];
}

export interface SubstituteOptions {
	/** The call-out being built: it decides which values are encoded twice (notes §8.19). */
	kind?: SampleKind;
	/** VICIdial's `use_non_latin` system setting: 0 (default) sends latin-1 escapes (§8.18). */
	useNonLatin?: boolean;
}

/**
 * Substitutes a call-out URL the way VICIdial does (notes §6.1, §6.3, §8.18, §8.19):
 * - a leading `VAR` is stripped;
 * - `--A--name--B--` is matched case-insensitively and replaced by the urlencoded value, in
 *   latin-1 unless use_non_latin is on;
 * - `dispo_name` (and, for Dispo and Start, `user_custom_*`) is urlencoded twice
 *   (`Sale Made` arrives as `Sale%2BMade`);
 * - an empty value leaves `name=`;
 * - a placeholder VICIdial has no value for is left literally in the URL.
 */
export function substituteHookUrl(template: string, values: HookValues, options: SubstituteOptions = {}): string {
	const lookup = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), String(value)]));
	const charset = options.useNonLatin === true ? 'utf8' : 'latin1';
	const twice = twiceEncoded(options.kind);
	return template.replace(/^VAR/, '').replace(/--A--(.*?)--B--/g, (whole: string, name: string) => {
		const value = lookup.get(name.toLowerCase());
		if (value === undefined) return whole;
		const once = phpUrlencode(value, charset);
		return twice.includes(name.toLowerCase()) ? phpUrlencode(once) : once;
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
export async function fireCallout(
	template: string,
	values: HookValues,
	options: SubstituteOptions = {},
): Promise<HookResponse> {
	return await fireHook(substituteHookUrl(template, values, options));
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
 * missing target gives get2post's own ERROR text without any request. A host curl could not
 * resolve (see `Network`) gives `ERROR: could not resolve host - <host>`: the simulator's words,
 * standing for curl's failure; nothing reaches the target either way.
 */
export async function relayGet2Post(url: string, network: Network = {}): Promise<HookResponse> {
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
	const routed = route(page, network);
	if (routed === undefined) {
		// curl cannot resolve the host (a port the agent screen glued onto it): nothing is sent.
		return refuse(`ERROR: could not resolve host - ${page.replace(/^https?:\/\/([^/?#]*).*$/is, '$1')}`);
	}

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
	return await sendRequest(routed, { method: 'POST', headers, body: vars });
}

/**
 * Where the simulator's get2post.php can reach: IP literals and `localhost` directly, and host
 * names through `proxies`, each a reverse proxy on its scheme's default port forwarding to the
 * given `host:port` (how an Agent Push target must sit in front of n8n, notes §8.16).
 */
export interface Network {
	proxies?: Readonly<Record<string, string>>;
}

/** The URL get2post's curl ends up talking to; undefined when the host does not resolve. */
function route(page: string, network: Network): string | undefined {
	const authority = /^https?:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(page)?.[1] ?? '';
	// No URL parser here: it would refuse "127.0.0.15721" before curl got the chance to fail on it.
	const [, bracketed, plain, port] = /^(?:\[([^\]]*)\]|([^:]*))(?::(\d*))?$/.exec(authority) ?? [];
	const host = bracketed ?? plain ?? authority;
	const proxy = network.proxies?.[host];
	if (proxy !== undefined && port === undefined) return page.replace(/^https?:\/\/[^/?#]+/i, `http://${proxy}`);
	return isIP(host) !== 0 || host === 'localhost' ? page : undefined;
}

/**
 * Relays an Agent Push URL substituted with an event's values like get2post.php, as if the
 * agent screen had passed it on untouched; `AgentScreen` models what the screen really does.
 */
export async function fireAgentEvent(template: string, values: HookValues, network: Network = {}): Promise<HookResponse> {
	return await relayGet2Post(substituteHookUrl(template, values), network);
}

/** The Agent Push URL variables the agent screen fills (notes §8.16); others stay literal. */
const SCREEN_VARIABLES = ['user', 'event', 'message', 'lead_id', 'epoch', 'agent_log_id', 'counter'];

export interface AgentScreenOptions {
	/** System Settings > Agent Push URL, as the admin pasted it. */
	pushUrl: string;
	user: string;
	/** vicidial_agent_log row of the current session. */
	agentLogId: number;
	/** The screen's clock, epoch seconds; tests move it. */
	epoch: number;
	network?: Network;
}

/**
 * One agent screen (vicidial.php) pushing its events, as `agent_events()` does (notes §8.16,
 * §8.17): it substitutes `--A--user/event/message/lead_id/epoch/agent_log_id/counter--B--` with
 * the raw values, turns spaces, tabs and newlines into `+`, deletes every
 * `` ` : ; # " { } ^ $ ``, CR, TAB and LF from the whole URL, and hands the text after the
 * first `?` to get2post.php. The counter starts at 0 and restarts at 0 on every `load()`.
 */
export class AgentScreen {
	/** The URL of the last push after the screen's mangling. */
	lastPushUrl = '';
	private counter = 0;

	constructor(private readonly options: AgentScreenOptions) {}

	/** The agent reloads the screen: a new session, its own agent_log_id, the counter back at 0. */
	load(agentLogId: number, epoch: number): void {
		this.options.agentLogId = agentLogId;
		this.options.epoch = epoch;
		this.counter = 0;
	}

	/** Moves the screen's clock. */
	tick(seconds: number): void {
		this.options.epoch += seconds;
	}

	async push(event: string, message = '', leadId = ''): Promise<HookResponse> {
		const values: Record<string, string> = {
			user: this.options.user,
			event,
			message,
			lead_id: leadId,
			epoch: String(this.options.epoch),
			agent_log_id: String(this.options.agentLogId),
			counter: String(this.counter),
		};
		this.counter += 1;
		const substituted = this.options.pushUrl.replace(/--A--(.*?)--B--/g, (whole: string, name: string) =>
			SCREEN_VARIABLES.includes(name) ? values[name] : whole,
		);
		const mangled = substituted.replace(/[ \t\n]/g, '+').replace(/[`:;#"{}^$\r\t\n]/g, '');
		this.lastPushUrl = mangled;
		const question = mangled.indexOf('?');
		return await relayGet2Post(`get2post.php?${question < 0 ? '' : mangled.slice(question + 1)}`, this.options.network);
	}
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

/** Filled only when the call came in through an in-group (notes §6.3, §8.20). */
const INBOUND_ONLY = [
	...['id', 'extension', 'pattern', 'description'].map((name) => `did_${name}`),
	...Object.keys(EMPTY_CUSTOM('did_custom')),
	...Object.keys(EMPTY_CUSTOM('ig_custom')),
];

function without(values: HookValues, names: readonly string[]): Record<string, string | number> {
	return Object.fromEntries(Object.entries(values).filter(([name]) => !names.includes(name)));
}

export type SampleKind =
	| 'dispo'
	| 'start'
	| 'noAgent'
	| 'addLead'
	| 'deadCall'
	| 'pauseMax'
	| 'agentEvents'
	| 'apiNewLead'
	| 'enterInGroup'
	| 'waitingCallOn'
	| 'waitingCallOff'
	| 'startChat'
	| 'dispoChat'
	| 'noAgentChat'
	| 'startEmail'
	| 'dispoEmail'
	| 'nva'
	| 'webForm'
	| 'didFilter';

/** A chat or email in-group's session: no phone call, so no DID and no dialed number. */
const SAMPLE_CHAT: HookValues = {
	...without(SAMPLE_DISPO, [...DISPO_ONLY, 'dispo_name', 'callback_lead_status', ...INBOUND_ONLY.filter((name) => name.startsWith('did_'))]),
	lead_id: '14',
	dispo: 'INCALL',
	talk_time: '0',
	talk_time_min: '0',
	uniqueid: '1795301000.140',
	call_id: 'C1122080080000000014',
	dialed_number: '',
	dialed_label: '',
	customer_zap_channel: '',
	campaign: 'TESTCAMP',
	group: 'CHATLINE',
	channel_group: 'CHATLINE',
	ig_custom_one: 'web-chat',
	SQLdate: '2026-11-22 06:10:00',
	epoch: '1795327800',
};

/** One record per kind of call-out: what VICIdial knows when it fires that hook. */
export const SAMPLE_CALLS: Readonly<Record<SampleKind, HookValues>> = {
	dispo: SAMPLE_DISPO,
	// Manual dial (notes §6.3): not answered yet, so uniqueid, group, channel_group and list_name
	// are empty, dispo holds the lead's current status and call_id is the new M... caller code.
	// The Start Call URL block fills neither dispo_name nor callback_lead_status (notes §8.20),
	// and did_* and ig_custom_* only for inbound calls: they stay literal placeholders here.
	start: {
		...without(SAMPLE_DISPO, [...DISPO_ONLY, 'dispo_name', 'callback_lead_status', ...INBOUND_ONLY]),
		lead_id: '9',
		dispo: 'CBHOLD',
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
	// Agent Push URL variables, plus epoch and agent_log_id: get2post's uniqueid, and forwarded
	// to the target so sessions can be told apart (notes §8.17).
	agentEvents: {
		user: '1000',
		event: 'dispo_set',
		message: 'SALE',
		lead_id: '8',
		counter: '17',
		epoch: '1795326633',
		agent_log_id: '4471',
	},
	// The lead add_lead inserted, as the observed API New Lead request carried it (notes §8.15):
	// `user` is the API user, `campaign` and `list_name` come from the lead's list.
	apiNewLead: {
		...SAMPLE_LEAD,
		lead_id: '93',
		vendor_lead_code: 'SF-001',
		source_id: '',
		phone_number: '7275550199',
		phone: '7275550199',
		first_name: 'Jo Ann',
		last_name: "O'Neil",
		email: 'jo@example.com',
		comments: 'hello world&more',
		city: 'St. Pete',
		called_count: '0',
		entry_date: '2026-12-03 12:26:49',
		status: 'NEW',
		user: '6666',
		campaign: 'TESTCAMP',
		list_name: 'API test list',
	},
	// A call entering SALESLINE's queue, before an agent is sought: no agent values yet.
	enterInGroup: {
		...SAMPLE_LEAD,
		lead_id: '13',
		phone_number: '3125550113',
		uniqueid: '1795300800.130',
		call_id: 'Y1122080080000000013',
		dialed_number: '8005550100',
		dialed_label: '',
		SQLdate: '2026-11-22 06:00:00',
		epoch: '1795327200',
		server_ip: '10.10.10.15',
		campaign: 'TESTCAMP',
		group: 'SALESLINE',
		channel_group: 'SALESLINE',
		did_id: '7',
		did_extension: '8005550100',
		did_pattern: '8005550100',
		did_description: 'Main line',
	},
	// The Waiting Call URLs carry no variables (help_documentation.txt): a URL as pasted.
	waitingCallOn: {},
	waitingCallOff: {},
	startChat: SAMPLE_CHAT,
	dispoChat: { ...SAMPLE_CHAT, ...chatDispoOnly(), dispo: 'RESOLV', dispo_name: 'Resolved', talk_time: '240', talk_time_min: '4' },
	noAgentChat: {
		...SAMPLE_LEAD,
		lead_id: '15',
		dispo: 'DROP',
		talk_time: '0',
		uniqueid: '1795301100.150',
		call_id: 'C1122081180000000015',
		dialed_number: '',
		dialed_label: '',
		SQLdate: '2026-11-22 06:11:40',
		epoch: '1795327900',
		server_ip: '10.10.10.15',
		campaign: 'TESTCAMP',
		group: 'CHATLINE',
		channel_group: 'CHATLINE',
		did_id: '',
		did_extension: '',
		did_pattern: '',
		did_description: '',
	},
	startEmail: { ...SAMPLE_CHAT, lead_id: '16', call_id: 'E1122082080000000016', group: 'EMAILQ', channel_group: 'EMAILQ', ig_custom_one: 'support' },
	dispoEmail: {
		...SAMPLE_CHAT,
		...chatDispoOnly(),
		lead_id: '16',
		call_id: 'E1122082080000000016',
		group: 'EMAILQ',
		channel_group: 'EMAILQ',
		ig_custom_one: 'support',
		dispo: 'ANSWRD',
		dispo_name: 'Answered',
		talk_time: '95',
		talk_time_ms: '95000',
		talk_time_min: '2',
	},
	// The NVA call menu logging a call a phone made outside the agent screen (phones-nva_call_url).
	nva: {
		...without(SAMPLE_LEAD, ['list_name', 'vendor_id', 'phone', 'entry_list_id', 'gmt_offset_now', 'phone_code']),
		lead_id: '17',
		phone_number: '3125550117',
		uniqueid: '1795301200.170',
		extension: '8001',
		server_ip: '10.10.10.15',
		modify_date: '2026-11-22 06:13:20',
		status: 'NVAOUT',
		user: '1000',
		last_local_call_time: '2026-11-22 06:13:20',
		campaign_id: 'TESTCAMP',
		recording_id: '3392',
		recording_filename: '20261122-061320_3125550117_8001',
	},
	// The agent screen opening the Web Form when an inbound call connects (CALL_URL_FEATURES.txt:
	// the variables of the web form fields and scripts, as the Start Call URL's).
	webForm: {
		...without(SAMPLE_DISPO, [...DISPO_ONLY, 'dispo_name', 'callback_lead_status']),
		lead_id: '18',
		vendor_lead_code: 'CRM-10018',
		dispo: 'INCALL',
		talk_time: '0',
		talk_time_min: '0',
		uniqueid: '1795301300.180',
		call_id: 'Y1122083080000000018',
		group: 'SALESLINE',
		channel_group: 'SALESLINE',
		did_id: '7',
		did_extension: '8005550100',
		did_pattern: '8005550100',
		did_description: 'Main line',
		SQLdate: '2026-11-22 06:15:00',
		epoch: '1795328100',
	},
	// An inbound call on a DID whose Filter Inbound Number is URL: only two variables exist.
	didFilter: { phone_number: '3125550199', did_pattern: '8005550100' },
};

/** The dispo-only values (notes §6.3) a chat or email disposition fills; chats have no recording. */
function chatDispoOnly(): Record<string, string> {
	return { talk_time_ms: '240000', term_reason: 'AGENT', call_notes: '', callback_lead_status: '', callback_datetime: '', recording_id: '', recording_filename: '' };
}

/**
 * The Start Call URL of an inbound call through the in-group SALESLINE: the call is answered, so
 * uniqueid and group are set, and the DID and in-group fields are filled (notes §6.3).
 */
export const SAMPLE_INBOUND_START: HookValues = {
	...without(SAMPLE_DISPO, [...DISPO_ONLY, 'dispo_name', 'callback_lead_status']),
	lead_id: '12',
	dispo: 'NEW',
	talk_time: '0',
	talk_time_min: '0',
	uniqueid: '1795300700.120',
	call_id: 'Y1122070070000000012',
	group: 'SALESLINE',
	channel_group: 'SALESLINE',
	did_id: '7',
	did_extension: '8005550100',
	did_pattern: '8005550100',
	did_description: 'Main line',
	ig_custom_one: 'spanish',
	SQLdate: '2026-11-22 05:57:00',
	epoch: '1795327020',
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
