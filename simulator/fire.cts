/**
 * `npm run fire`: one call-out, sent the way VICIdial sends it, at any URL: your workflow's Test
 * URL while the editor listens for a test event, or a published workflow's Production URL.
 *
 *   npm run fire -- --event=dispo --dispo=SALE --secret=S3cret --url=http://127.0.0.1:5678/webhook-test/<id>/vicidial
 *   npm run fire -- --event=start --url='VARhttp://127.0.0.1:5678/webhook/<id>/vicidial?token=S3cret&lead_id=--A--lead_id--B--'
 *   npm run fire -- --event=agentEvents --agent-event=call_answered --secret=S3cret --url=http://...
 *   npm run fire -- --event=customPost --signed-secret=S3cret --url=http://...
 *
 * The values are the simulator's sample call of that kind (simulator/hooks.cts SAMPLE_CALLS,
 * after the request observed on VICIdial 2.14), with a new call id, uniqueid and time on every
 * run so the trigger's duplicate check lets each one through.
 *
 * --url is either the bare webhook URL (every variable VICIdial fills for the event is then asked
 * for, as if the admin had pasted them all) or a string with --A--name--B-- placeholders, as you
 * would paste it into VICIdial (the VAR prefix is optional; for agentEvents a get2post.php?...
 * string). How each event travels:
 *   dispo, start, noAgent, addLead, deadCall, pauseMax: a GET with no body and no headers
 *     (PHP's file()); values urlencoded as VICIdial does, dispo_name twice.
 *   agentEvents: a form POST from extras/get2post.php (User-Agent "VICIdial get2post"), as if the
 *     agent screen had passed the URL on untouched (the real screen deletes every ":", port
 *     included, so a port in --url would not survive a real dialer).
 *   customPost: a JSON body (or --form) in the shape of a common dialer webhook.
 *
 * Options:
 *   --event=KIND           dispo (default), start, noAgent, addLead, deadCall, pauseMax, agentEvents, customPost
 *   --url=URL              where to fire (required; http:// only)
 *   --dispo=STATUS         the status code (dispo, start, noAgent, deadCall, customPost); dispo_name follows
 *                          for the simulator's statuses (SALE, NI, CALLBK, DNC, A, B, N)
 *   --agent-event=NAME     agentEvents: the event (dispo_set by default), --message=TEXT its message
 *   --set=NAME=VALUE       any other value, repeatable (e.g. --set=lead_id=42 --set=campaign=SALES)
 *   --secret=VALUE         the credential's Shared Secret in Query; --secret-param=NAME (token)
 *   --basic=USER:PASSWORD  HTTP Basic, written into the URL as VICIdial would
 *   --header="NAME: VALUE" a header key (agentEvents via get2post's headers=, customPost)
 *   --hmac-secret=VALUE    customPost: HMAC-SHA256 of the body; --hmac-header=NAME (x-signature),
 *                          --hmac-encoding=hex|base64 (hex)
 *   --signed-secret=VALUE  customPost: the signed-request mode (X-Vicidial-Timestamp, X-Vicidial-Signature)
 *   --form                 customPost: a form body instead of JSON
 *   --help                 this text
 *
 * Prints what it sent (secrets masked) and n8n's answer; exits 1 when the answer is not 2xx.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

import {
	fireAgentEvent,
	fireCallout,
	type HookResponse,
	SAMPLE_CALLS,
	SAMPLE_CUSTOM_POST,
	type SampleKind,
	sendRequest,
	substituteHookUrl,
} from './hooks.cjs';
import { createState } from './state.cjs';

const EVENTS = ['dispo', 'start', 'noAgent', 'addLead', 'deadCall', 'pauseMax', 'agentEvents', 'customPost'] as const;
type Event = (typeof EVENTS)[number];

/** VICIdial's GET call-outs: no headers and no body, so only the URL can carry proof. */
const GET_EVENTS: readonly Event[] = ['dispo', 'start', 'noAgent', 'addLead', 'deadCall', 'pauseMax'];

/** Events whose record holds a status code. */
const DISPO_EVENTS: readonly Event[] = ['dispo', 'start', 'noAgent', 'deadCall', 'customPost'];

/** VICIdial fills the agent's passwords when asked; a paste-ready string never asks (notes §6.3). */
const NEVER_ASKED = ['pass', 'phone_pass'];

const OPTIONS = [
	'event',
	'url',
	'dispo',
	'agent-event',
	'message',
	'set',
	'secret',
	'secret-param',
	'basic',
	'header',
	'hmac-secret',
	'hmac-header',
	'hmac-encoding',
	'signed-secret',
	'form',
	'help',
] as const;

interface FireOptions {
	event: Event;
	url: string;
	values: Record<string, string>;
	secret?: { name: string; value: string };
	basic?: { user: string; password: string };
	header?: { name: string; value: string };
	hmac?: { secret: string; header: string; encoding: 'hex' | 'base64' };
	signedSecret?: string;
	form: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): FireOptions {
	const given = new Map<string, string[]>();
	for (const arg of argv) {
		const match = /^--([^=]+)(?:=([\s\S]*))?$/.exec(arg);
		if (!match || !(OPTIONS as readonly string[]).includes(match[1])) {
			throw new UsageError(`unknown option ${JSON.stringify(arg)}; known: ${OPTIONS.map((name) => `--${name}`).join(' ')}`);
		}
		given.set(match[1], [...(given.get(match[1]) ?? []), match[2] ?? '']);
	}
	const one = (name: (typeof OPTIONS)[number]): string | undefined => {
		const values = given.get(name);
		if (values === undefined) return undefined;
		if (values.length > 1) throw new UsageError(`--${name} was given ${values.length} times; give it once`);
		return values[0];
	};
	const event = one('event') ?? 'dispo';
	if (!(EVENTS as readonly string[]).includes(event)) {
		throw new UsageError(`--event must be one of ${EVENTS.join(', ')}; got ${JSON.stringify(event)}`);
	}
	const kind = event as Event;
	const url = one('url');
	if (url === undefined || url === '') {
		throw new UsageError('--url is required: the Test URL of your VICIdial Trigger (or its Production URL, or a paste-ready string)');
	}
	const plain = url.replace(/^VAR/, '');
	if (!/^http:\/\//i.test(plain) && !(kind === 'agentEvents' && /^get2post\.php\?/i.test(plain))) {
		throw new UsageError(`--url must start with http:// (n8n on this machine or your network); got ${JSON.stringify(url.slice(0, 40))}`);
	}

	const values: Record<string, string> = {};
	const dispo = one('dispo');
	if (dispo !== undefined) {
		if (!DISPO_EVENTS.includes(kind)) throw new UsageError(`--dispo works with --event=${DISPO_EVENTS.join('|')}; ${kind} carries no status`);
		if (!/^[A-Za-z0-9]{1,6}$/.test(dispo)) throw new UsageError(`--dispo must be a VICIdial status code (1-6 letters or digits); got ${JSON.stringify(dispo)}`);
		values.dispo = dispo;
		const known = createState().systemStatuses.find((status) => status.status === dispo);
		if (kind === 'dispo' || kind === 'deadCall') values.dispo_name = known?.status_name ?? dispo;
	}
	for (const name of ['agent-event', 'message'] as const) {
		const value = one(name);
		if (value === undefined) continue;
		if (kind !== 'agentEvents') throw new UsageError(`--${name} works with --event=agentEvents only`);
		values[name === 'agent-event' ? 'event' : 'message'] = value;
	}
	for (const assignment of given.get('set') ?? []) {
		const match = /^([A-Za-z0-9_]+)=([\s\S]*)$/.exec(assignment);
		if (!match) throw new UsageError(`--set must be NAME=VALUE with a variable name of letters, digits and _; got ${JSON.stringify(assignment)}`);
		values[match[1]] = match[2];
	}

	const options: FireOptions = { event: kind, url, values, form: given.has('form') };
	const secret = one('secret');
	if (secret !== undefined) options.secret = { name: one('secret-param') ?? 'token', value: secret };
	const basic = one('basic');
	if (basic !== undefined) {
		const colon = basic.indexOf(':');
		if (colon <= 0) throw new UsageError('--basic must be USER:PASSWORD');
		options.basic = { user: basic.slice(0, colon), password: basic.slice(colon + 1) };
	}
	const header = one('header');
	if (header !== undefined) {
		const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(header);
		if (!match) throw new UsageError('--header must be "NAME: VALUE", e.g. "x-api-key: abc123"');
		if (GET_EVENTS.includes(kind)) {
			throw new UsageError(`--header: VICIdial sends the ${kind} call-out as a bare GET, without headers; use --secret or --basic, or --event=agentEvents|customPost`);
		}
		options.header = { name: match[1], value: match[2] };
	}
	const hmacSecret = one('hmac-secret');
	const signedSecret = one('signed-secret');
	if ((hmacSecret !== undefined || signedSecret !== undefined) && kind !== 'customPost') {
		throw new UsageError(`--${hmacSecret !== undefined ? 'hmac-secret' : 'signed-secret'}: VICIdial cannot sign its call-outs; signatures work with --event=customPost only`);
	}
	if (hmacSecret !== undefined) {
		const encoding = one('hmac-encoding') ?? 'hex';
		if (encoding !== 'hex' && encoding !== 'base64') throw new UsageError(`--hmac-encoding must be hex or base64; got ${JSON.stringify(encoding)}`);
		options.hmac = { secret: hmacSecret, header: one('hmac-header') ?? 'x-signature', encoding };
	}
	if (signedSecret !== undefined) options.signedSecret = signedSecret;
	if (options.form && kind !== 'customPost') throw new UsageError('--form works with --event=customPost only');
	return options;
}

/** The sample record of the kind with a new call id, uniqueid and clock, then the user's values. */
function valuesFor(kind: SampleKind, overrides: Record<string, string>): Record<string, string | number> {
	const now = Date.now();
	const seconds = Math.floor(now / 1000);
	const fresh: Record<string, string> = {
		epoch: String(seconds),
		SQLdate: new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' '),
	};
	const sample = SAMPLE_CALLS[kind];
	if ('call_id' in sample) fresh.call_id = `${String(sample.call_id).charAt(0)}${String(now).slice(-10)}${String(now % 1e9).padStart(9, '0')}`;
	if ('uniqueid' in sample && sample.uniqueid !== '') fresh.uniqueid = `${seconds}.${now % 1000}`;
	// The Agent Push counter restarts with each screen load; any value tells this push apart.
	if (kind === 'agentEvents') fresh.counter = String(now % 10000);
	// Only what VICIdial fills for this kind: the Pause Max URL has no call and no clock.
	const known = Object.fromEntries(Object.entries(fresh).filter(([name]) => name in sample));
	const values: Record<string, string | number> = { ...sample, ...known, ...overrides };
	return values;
}

function withQuery(url: string, params: readonly string[]): string {
	if (params.length === 0) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${params.join('&')}`;
}

function secretParams(options: FireOptions, url: string): string[] {
	if (!options.secret) return [];
	const name = encodeURIComponent(options.secret.name);
	// A paste-ready string already holds its secret.
	if (new RegExp(`[?&]${name}=`).test(url)) return [];
	return [`${name}=${encodeURIComponent(options.secret.value)}`];
}

function withBasic(url: string, basic: FireOptions['basic']): string {
	if (!basic) return url;
	return url.replace(/^(VAR)?http:\/\//i, (scheme) => `${scheme}${encodeURIComponent(basic.user)}:${encodeURIComponent(basic.password)}@`);
}

/** A GET call-out's template: the given one, or every variable the sample knows asked for. */
function getTemplate(options: FireOptions, values: Record<string, string | number>): string {
	const url = withBasic(options.url, options.basic);
	if (url.includes('--A--')) return withQuery(url, secretParams(options, url));
	const asked = Object.keys(values).filter((name) => !NEVER_ASKED.includes(name));
	return withQuery(url, [...secretParams(options, url), ...asked.map((name) => `${name}=--A--${name}--B--`)]);
}

/** The Agent Push URL get2post.php receives: relay parameters, then the target and its fields. */
function agentPushTemplate(options: FireOptions, values: Record<string, string | number>): string {
	if (/^get2post\.php\?/i.test(options.url)) return options.url;
	const url = withBasic(options.url, options.basic);
	const relay = ['uniqueid=--A--epoch--B--.--A--agent_log_id--B--', 'type=event'];
	if (options.header) relay.push(`headers=${encodeURIComponent(options.header.name)}---${encodeURIComponent(options.header.value)}`);
	const fields = url.includes('--A--') ? [] : Object.keys(values).map((name) => `${name}=--A--${name}--B--`);
	const target = withQuery(url.replace(/^http:\/\//i, ''), [...secretParams(options, url), ...fields]);
	return `get2post.php?${relay.join('&')}&HTTPURLTOPOST=${target}`;
}

interface Sent {
	method: string;
	url: string;
	response: HookResponse;
}

async function sendCustomPost(options: FireOptions): Promise<Sent> {
	const now = Date.now();
	const data: Record<string, unknown> = { ...SAMPLE_CUSTOM_POST.data, ...options.values };
	const payload = { ...SAMPLE_CUSTOM_POST, id: `evt_${now}`, timestamp: Math.floor(now / 1000), data };
	const body = options.form
		? new URLSearchParams(
				Object.entries({ event: payload.event, id: payload.id, timestamp: payload.timestamp, ...data }).map(
					([name, value]): [string, string] => [name, typeof value === 'object' ? JSON.stringify(value) : String(value)],
				),
			).toString()
		: JSON.stringify(payload);
	const url = withQuery(withBasic(options.url, options.basic), secretParams(options, options.url));
	const headers: Record<string, string> = {
		'Content-Type': options.form ? 'application/x-www-form-urlencoded' : 'application/json',
		'User-Agent': 'n8n-nodes-vicidial fire',
	};
	if (options.header) headers[options.header.name] = options.header.value;
	if (options.hmac) {
		headers[options.hmac.header] = createHmac('sha256', options.hmac.secret).update(body).digest(options.hmac.encoding);
	}
	if (options.signedSecret !== undefined) {
		// The README's signed-request scheme: timestamp, method, path, query and body, joined by \n.
		const timestamp = String(Math.floor(now / 1000));
		const parsed = /^http:\/\/[^/?#]+([^?#]*)(?:\?([^#]*))?/i.exec(url);
		const text = `${timestamp}\nPOST\n${parsed?.[1] || '/'}\n${parsed?.[2] ?? ''}\n${body}`;
		headers['X-Vicidial-Timestamp'] = timestamp;
		headers['X-Vicidial-Signature'] = createHmac('sha256', options.signedSecret).update(text).digest('hex');
	}
	return { method: 'POST', url, response: await sendRequest(url, { method: 'POST', headers, body }) };
}

async function fire(options: FireOptions): Promise<Sent> {
	if (options.event === 'customPost') return await sendCustomPost(options);
	const kind = options.event;
	const values = valuesFor(kind, options.values);
	if (kind === 'agentEvents') {
		const template = agentPushTemplate(options, values);
		return { method: 'POST (get2post.php)', url: substituteHookUrl(template, values), response: await fireAgentEvent(template, values) };
	}
	const template = getTemplate(options, values);
	return { method: 'GET', url: substituteHookUrl(template, values, { kind }), response: await fireCallout(template, values, { kind }) };
}

/** The URL as printed: every secret given on the command line masked, the query shortened. */
function shown(url: string, options: FireOptions): string {
	let text = url;
	const secrets = [options.secret?.value, options.basic?.password, options.header?.value, options.hmac?.secret, options.signedSecret];
	for (const secret of secrets) {
		if (secret === undefined || secret === '') continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) text = text.split(form).join('***');
	}
	return text.length > 200 ? `${text.slice(0, 200)}... (${text.length} characters)` : text;
}

async function main(): Promise<number> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		process.stdout.write(`${readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*\n/, '').replace(/^ \* ?/gm, '')}\n`);
		return 0;
	}
	let options: FireOptions;
	try {
		options = parseArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`npm run fire: ${error.message}\n(npm run fire -- --help lists the events and options)\n`);
		return 2;
	}
	let sent: Sent;
	try {
		sent = await fire(options);
	} catch (error) {
		// A timeout names the URL, and the URL holds the secret.
		process.stderr.write(`npm run fire: ${shown((error as Error).message, options)} (is n8n running at that address?)\n`);
		return 1;
	}
	const answer = sent.response.body.trim();
	process.stdout.write(
		`${options.event}: ${sent.method} ${shown(sent.url, options)}\n` +
			`-> ${sent.response.status} ${answer.length > 300 ? `${answer.slice(0, 300)}...` : answer}\n`,
	);
	if (sent.response.status === 404 && /webhook-test/.test(options.url)) {
		process.stdout.write('A Test URL answers only while the editor listens: open the trigger and click "Listen for test event" first.\n');
	}
	return sent.response.status >= 200 && sent.response.status < 300 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`npm run fire: ${error.message}\n`);
		process.exit(1);
	},
);
