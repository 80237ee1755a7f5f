/**
 * VICIdial's call-outs ("hooks"): which URL field each one lives in, the `--A--name--B--`
 * variables VICIdial fills for it, and `buildHookUrl()`, which writes the string an admin pastes
 * into that field. Sources: vicidial-docs/CALL_URL_FEATURES.txt, AGENT_EVENTS_PUSH.txt and
 * vicidial-api-notes.md §6 (where they disagree, the notes win).
 */

import type { EventName } from '../shared/events';

export const HOOK_KINDS = [
	'dispo',
	'start',
	'noAgent',
	'addLead',
	'deadCall',
	'pauseMax',
	'agentEvents',
	'customPost',
	'apiNewLead',
	'enterInGroup',
	'waitingCallOn',
	'waitingCallOff',
	'startChat',
	'dispoChat',
	'noAgentChat',
	'startEmail',
	'dispoEmail',
	'nva',
	'webForm',
	'didFilter',
] as const;

export type HookKind = (typeof HOOK_KINDS)[number];

export function isHookKind(value: unknown): value is HookKind {
	return typeof value === 'string' && (HOOK_KINDS as readonly string[]).includes(value);
}

const CALL_VARIABLES = [
	'dispo',
	'dispo_name',
	'talk_time',
	'talk_time_ms',
	'talk_time_min',
	'term_reason',
	'call_notes',
	'callback_lead_status',
	'callback_datetime',
	'uniqueid',
	'call_id',
	'agent_log_id',
	'dialed_number',
	'dialed_label',
	'closecallid',
	'xfercallid',
	'parked_by',
	'SQLdate',
	'epoch',
	'recording_id',
	'recording_filename',
	'customer_zap_channel',
	'customer_server_ip',
	'server_ip',
	'SIPexten',
	'session_id',
] as const;

const LEAD_VARIABLES = [
	'lead_id',
	'vendor_lead_code',
	'vendor_id',
	'source_id',
	'list_id',
	'entry_list_id',
	'gmt_offset_now',
	'phone_code',
	'phone_number',
	'phone',
	'title',
	'first_name',
	'middle_initial',
	'last_name',
	'address1',
	'address2',
	'address3',
	'city',
	'state',
	'province',
	'postal_code',
	'country_code',
	'gender',
	'date_of_birth',
	'alt_phone',
	'email',
	'security_phrase',
	'comments',
	'called_count',
	'rank',
	'owner',
	'entry_date',
] as const;

const LIST_VARIABLES = ['list_name', 'list_description'] as const;

const USER_CUSTOM = [
	'user_custom_one',
	'user_custom_two',
	'user_custom_three',
	'user_custom_four',
	'user_custom_five',
] as const;

const AGENT_VARIABLES = [
	'user',
	'fullname',
	'user_group',
	'agent_email',
	...USER_CUSTOM,
	'phone_login',
	'original_phone_login',
	// The agent's clear-text passwords (notes §6.3). Listed because VICIdial fills them; the
	// builder never writes them and the parser drops them.
	'pass',
	'phone_pass',
	'fronter',
	'closer',
] as const;

const CAMPAIGN_VARIABLES = [
	'campaign',
	'group',
	'channel_group',
	'camp_script',
	'in_script',
	'camp_custom_one',
	'camp_custom_two',
	'camp_custom_three',
	'camp_custom_four',
	'camp_custom_five',
	'ig_custom_one',
	'ig_custom_two',
	'ig_custom_three',
	'ig_custom_four',
	'ig_custom_five',
] as const;

const DID_VARIABLES = [
	'did_id',
	'did_extension',
	'did_pattern',
	'did_description',
	'did_custom_one',
	'did_custom_two',
	'did_custom_three',
	'did_custom_four',
	'did_custom_five',
] as const;

/** The 99 placeholders of the Dispo Call URL, all substituted in the observed request (notes §6.3). */
const DISPO_VARIABLES: readonly string[] = [
	...CALL_VARIABLES,
	...LEAD_VARIABLES,
	...LIST_VARIABLES,
	...AGENT_VARIABLES,
	...CAMPAIGN_VARIABLES,
	...DID_VARIABLES,
];

/**
 * Marked dispo-only (D) in notes §6.3. The notes count 91 Start URL variables against 99 and
 * name only these six, so the other two dispo-only names are unknown: if an admin picks one, it
 * arrives as a literal placeholder and the trigger reports it under `missing`.
 */
const DISPO_ONLY: readonly string[] = [
	'talk_time_ms',
	'term_reason',
	'call_notes',
	'callback_datetime',
	'recording_id',
	'recording_filename',
];

/**
 * The Dead Call block of vdc_db_query.php fills everything but the dispo-only six: 93 names,
 * `dispo_name` and `callback_lead_status` included (notes §8.20).
 */
const DEAD_CALL_VARIABLES = DISPO_VARIABLES.filter((name) => !DISPO_ONLY.includes(name));

/**
 * The Start Call URL block never fills `dispo_name` or `callback_lead_status` (notes §8.20):
 * 91 names, the count notes §6.3 gives for inbound and auto-dial calls.
 */
const START_VARIABLES = DEAD_CALL_VARIABLES.filter((name) => name !== 'dispo_name' && name !== 'callback_lead_status');

/**
 * Filled only when the call came in through an in-group (notes §6.3, §8.20): a manual dial's
 * Start Call URL leaves them as literal placeholders (91 - 14 = the 77 of a manual dial).
 */
export const INBOUND_ONLY_VARIABLES: readonly string[] = [
	...DID_VARIABLES,
	'ig_custom_one',
	'ig_custom_two',
	'ig_custom_three',
	'ig_custom_four',
	'ig_custom_five',
];

/**
 * `AST_send_URL.pl` sends the No Agent Call URL for calls no agent took, so there are no agent
 * or custom fields (notes §6.2); `dispo` holds the system status (DROP, NA, B...). The docs call
 * it `--A--status--B--`, the code fills `dispo`: the notes win.
 */
const NO_AGENT_VARIABLES: readonly string[] = [
	'dispo',
	'talk_time',
	'uniqueid',
	'call_id',
	'dialed_number',
	'dialed_label',
	'SQLdate',
	'epoch',
	'server_ip',
	...LEAD_VARIABLES,
	...LIST_VARIABLES,
	'campaign',
	'group',
	'channel_group',
	'did_id',
	'did_extension',
	'did_pattern',
	'did_description',
];

/** The exact list CALL_URL_FEATURES.txt gives for the in-group Add Lead URL. */
const ADD_LEAD_VARIABLES: readonly string[] = [
	'lead_id',
	'vendor_lead_code',
	'list_id',
	'phone_number',
	'phone_code',
	'did_id',
	'did_extension',
	'did_pattern',
	'did_description',
	'uniqueid',
	'call_id',
];

/** "only the user_custom... variables and other user variables" (CALL_URL_FEATURES.txt). */
const PAUSE_MAX_VARIABLES: readonly string[] = [
	'user',
	'campaign',
	'fullname',
	...USER_CUSTOM,
	'user_group',
	'agent_email',
];

/**
 * The Agent Push URL variables of AGENT_EVENTS_PUSH.txt, plus `epoch` and `agent_log_id`, which
 * the agent screen fills too (notes §8.16): `counter` restarts at 0 on every screen load, so
 * only they tell two sessions' events apart (§8.17).
 */
const AGENT_EVENT_VARIABLES: readonly string[] = ['user', 'event', 'message', 'lead_id', 'counter', 'epoch', 'agent_log_id'];

/** Forwarded on every Agent Push URL: the duplicate check keys on them. */
const AGENT_EVENT_SESSION: readonly string[] = ['epoch', 'agent_log_id'];

/** Every event AGENT_EVENTS_PUSH.txt documents (`session_disabled` is listed there twice). */
export const AGENT_EVENTS: readonly string[] = [
	'logged_in',
	'logged_out',
	'logged_out_complete',
	'state_ready',
	'state_paused',
	'call_dialed',
	'call_answered',
	'call_dead',
	'call_script',
	'dead_trigger_audio',
	'dead_trigger_url',
	'dead_trigger_url_sent',
	'other_answered',
	'agent_hangup',
	'dispo_screen_open',
	'dispo_set',
	'dispo_set_twice',
	'3way_start',
	'3way_answered',
	'3way_agent_hangup',
	'3way_agent_leave',
	'transfer_local_closer',
	'transfer_blind',
	'transfer_vmail',
	'park_started',
	'park_retrieved',
	'park_ivr_started',
	'park_ivr_retrieved',
	'agent_alert',
	'login_invalid',
	'session_disabled',
	'blind_monitor_alert',
	'manual_dial_open',
	'callback_select_open',
	'time_sync',
	'customer_gone',
	'none_in_session',
	'transfer_panel_open',
	'transfer_panel_closed',
	'ingroup_screen_open',
	'ingroup_screen_closed',
	'territory_screen_open',
	'territory_screen_closed',
	'contact_search_open',
	'lead_search_open',
	'pause_code_open',
	'update_fields',
	'session_empty',
	'session_channels',
];

/**
 * The API New Lead URL (non_agent_api.php since 250620, notes §8.15): the new lead's fields, the
 * API user that added it (`user`), and `campaign` and `list_name` from its list. The observed
 * request filled these; other lead fields are substituted the same way.
 */
const API_NEW_LEAD_VARIABLES: readonly string[] = [...LEAD_VARIABLES, 'status', 'user', 'campaign', 'list_name', 'list_description'];

/**
 * The Enter In-Group URL is sent before an agent is sought (help_documentation.txt), so there are
 * no agent variables; the docs list none, and these are the call, lead and DID values the
 * in-group knows at that point, as for the No Agent Call URL.
 */
const ENTER_IN_GROUP_VARIABLES: readonly string[] = NO_AGENT_VARIABLES.filter((name) => name !== 'dispo' && name !== 'talk_time');

/**
 * Chats and emails "use the same variables as the web form fields and scripts"
 * (help_documentation.txt), like the Start and Dispo Call URLs; `dispo` and `talk_time` carry
 * the agent's disposition and the time spent on dispo.
 */
const START_CHAT_VARIABLES: readonly string[] = START_VARIABLES.filter((name) => !INBOUND_ONLY_VARIABLES.includes(name) || name.startsWith('ig_'));
const DISPO_CHAT_VARIABLES: readonly string[] = DISPO_VARIABLES.filter((name) => !INBOUND_ONLY_VARIABLES.includes(name) || name.startsWith('ig_'));

/** The NVA Call URL's list (help_documentation.txt, phones-nva_call_url). */
const NVA_VARIABLES: readonly string[] = [
	'phone_number',
	'uniqueid',
	'lead_id',
	'extension',
	'server_ip',
	'entry_date',
	'modify_date',
	'status',
	'user',
	'vendor_lead_code',
	'source_id',
	'list_id',
	'title',
	'first_name',
	'middle_initial',
	'last_name',
	'address1',
	'address2',
	'address3',
	'city',
	'state',
	'province',
	'postal_code',
	'country_code',
	'gender',
	'date_of_birth',
	'alt_phone',
	'email',
	'security_phrase',
	'comments',
	'called_count',
	'last_local_call_time',
	'rank',
	'owner',
	'campaign_id',
	'list_description',
	'recording_id',
	'recording_filename',
];

/**
 * The Filter URL of a DID: "Only two variables are available in the address"
 * (help_documentation.txt, inbound_dids-filter_url).
 */
const DID_FILTER_VARIABLES: readonly string[] = ['phone_number', 'did_pattern'];

/**
 * Parameters that switch VICIdial features on rather than carry data: custom-field substitution
 * and the DISPO_FILTER settings container (notes §6.1). They reach n8n unchanged.
 */
export const CONTROL_PARAMETERS: readonly string[] = ['CF_uses_custom_fields', 'dispo_filter_container'];

/** Variables VICIdial can send that must never reach a workflow: the agent's passwords. */
export const SENSITIVE_VARIABLES: readonly string[] = ['pass', 'phone_pass'];

/** Values that are integers or decimals in VICIdial's tables. `phone_number`, `vendor_lead_code`,
 * `uniqueid` and `user` stay strings: leading zeros and trailing `.100` digits matter there. */
export const NUMERIC_VARIABLES: readonly string[] = [
	'lead_id',
	'list_id',
	'entry_list_id',
	'talk_time',
	'talk_time_ms',
	'talk_time_min',
	'called_count',
	'agent_log_id',
	'recording_id',
	'gmt_offset_now',
	'rank',
	'counter',
	'closecallid',
	'xfercallid',
	'did_id',
];

/** Seconds since 1970 (`epoch`). */
export const EPOCH_VARIABLES: readonly string[] = ['epoch'];

/** `YYYY-MM-DD HH:MM:SS` in the VICIdial server's local time. */
export const SQL_DATETIME_VARIABLES: readonly string[] = ['SQLdate', 'entry_date', 'callback_datetime', 'modify_date', 'last_local_call_time'];

export interface HookSpec {
	displayName: string;
	/**
	 * The normalised `event` of its items (nodes/shared/events.ts). Agent Events Push names each
	 * item after the screen's event and Custom POST after the sender's, so they have none here.
	 */
	event?: EventName;
	/** What fires it, in a few words: the Event option's description. */
	summary: string;
	/** Where the admin pastes the string, in VICIdial's admin screens. */
	pasteInto: string;
	/** Every variable VICIdial fills for this hook. */
	variables: readonly string[];
	/** The variables a new trigger starts with. */
	defaults: readonly string[];
	/** Whether `--A--<custom field label>--B--` works (agent-screen hooks only). */
	customFields: boolean;
	/** How VICIdial sends it. */
	method: 'GET' | 'POST';
	/**
	 * The call-outs that wait for the workflow's answer: `page`, a page the agent looks at (the
	 * Web Form); `filter`, a one-line answer VICIdial routes the call by (the DID Filter URL).
	 */
	answers?: 'page' | 'filter';
	/**
	 * Whether the pasted GET string starts with `VAR` (required by the Add Lead URL, stripped by
	 * the Dispo and Start URLs). False where VICIdial's docs and notes show a plain URL.
	 */
	varPrefix?: false;
}

export const HOOKS: Readonly<Record<HookKind, HookSpec>> = {
	dispo: {
		event: 'call.ended',
		displayName: 'Dispo Call URL',
		summary: 'An agent dispositioned a call',
		pasteInto:
			'Campaigns > your campaign > Detail > Dispo Call URL. For inbound calls the in-group\'s own Dispo Call URL replaces the campaign\'s, even when blank: paste it on every in-group too, or set the in-group value to CAMP.',
		variables: DISPO_VARIABLES,
		defaults: [
			'dispo',
			'dispo_name',
			'talk_time',
			'term_reason',
			'callback_datetime',
			'lead_id',
			'list_id',
			'phone_number',
			'first_name',
			'last_name',
			'email',
			'user',
			'campaign',
			'group',
			'uniqueid',
			'call_id',
			'epoch',
			'recording_filename',
		],
		customFields: true,
		method: 'GET',
	},
	start: {
		event: 'call.started',
		displayName: 'Start Call URL',
		summary: 'A call reached an agent',
		pasteInto:
			'Campaigns > your campaign > Detail > Start Call URL, and In-Groups > your in-group > Start Call URL for inbound calls.',
		variables: START_VARIABLES,
		defaults: [
			'lead_id',
			'list_id',
			'phone_number',
			'first_name',
			'last_name',
			'dispo',
			'user',
			'campaign',
			'group',
			'channel_group',
			'uniqueid',
			'call_id',
			'dialed_number',
			'epoch',
		],
		customFields: true,
		method: 'GET',
	},
	noAgent: {
		event: 'call.missed',
		displayName: 'No Agent Call URL',
		summary: 'A call no agent took: drops, no answers, busies',
		pasteInto:
			'Campaigns > your campaign > Detail > No Agent Call URL. Inbound calls only fire it when the in-group the call went to has its own No Agent Call URL.',
		variables: NO_AGENT_VARIABLES,
		defaults: ['dispo', 'lead_id', 'list_id', 'phone_number', 'campaign', 'group', 'uniqueid', 'call_id', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	addLead: {
		event: 'lead.created',
		displayName: 'Add Lead URL',
		summary: 'An inbound call created a lead (in-groups)',
		pasteInto: 'In-Groups > your in-group > Add Lead URL (in-groups only; the VAR prefix is required there).',
		variables: ADD_LEAD_VARIABLES,
		defaults: ADD_LEAD_VARIABLES,
		customFields: false,
		method: 'GET',
	},
	deadCall: {
		event: 'call.dead',
		displayName: 'Dead Call Trigger URL',
		summary: 'The customer hung up and the agent is still on the call',
		pasteInto:
			'Campaigns > your campaign > Detail > Dead Call Trigger URL, with Dead Call Seconds Trigger set.',
		variables: DEAD_CALL_VARIABLES,
		defaults: ['lead_id', 'phone_number', 'user', 'campaign', 'uniqueid', 'call_id', 'epoch'],
		customFields: true,
		method: 'GET',
	},
	pauseMax: {
		event: 'agent.pause_max',
		displayName: 'Pause Max URL',
		summary: 'An agent stayed paused too long',
		pasteInto: 'Campaigns > your campaign > Detail > Pause Max URL. Only agent variables exist: the agent is paused.',
		variables: PAUSE_MAX_VARIABLES,
		defaults: ['user', 'fullname', 'user_group', 'campaign', 'agent_email'],
		customFields: false,
		method: 'GET',
	},
	agentEvents: {
		displayName: 'Agent Events Push',
		summary: 'Agent screen events, relayed as a form POST by get2post.php',
		pasteInto:
			'Admin > System Settings: Agent Push Events = 1 and Agent Push URL = this string. The agent screen can only call local scripts, so copy extras/get2post.php into the agc web directory: it relays each event to n8n as a form POST. n8n must be reached on its scheme\'s default port (80 for http, 443 for https, e.g. behind a reverse proxy): the agent screen deletes every ":" from the URL, port included.',
		variables: AGENT_EVENT_VARIABLES,
		defaults: AGENT_EVENT_VARIABLES,
		customFields: false,
		method: 'POST',
	},
	customPost: {
		displayName: 'Custom POST',
		summary: 'JSON or form bodies from your own script or another dialer',
		pasteInto:
			'The POST target of your own script or of another dialer\'s webhook: a JSON or form body, such as {"event": "...", "timestamp": ..., "data": {...}}.',
		variables: [],
		defaults: [],
		customFields: false,
		method: 'POST',
	},
	apiNewLead: {
		event: 'lead.created',
		displayName: 'API New Lead URL',
		summary: 'The add_lead API function added a lead',
		pasteInto:
			'Admin > System Settings > API New Lead URL for every list, or Lists > your list > API New Lead URL for that list only (---DISABLED--- there turns it off for the list). It fires for leads added by the add_lead API function only, and add_lead waits for n8n\'s answer before it replies.',
		variables: API_NEW_LEAD_VARIABLES,
		defaults: ['lead_id', 'list_id', 'phone_number', 'vendor_lead_code', 'first_name', 'last_name', 'email', 'status', 'user', 'campaign', 'entry_date'],
		customFields: false,
		method: 'GET',
		varPrefix: false,
	},
	enterInGroup: {
		event: 'call.queued',
		displayName: 'Enter In-Group URL',
		summary: 'A call entered an in-group queue',
		pasteInto:
			'In-Groups > your in-group > Enter In-Group URL. VICIdial calls it when a call enters the queue, before it looks for an agent; a call that leaves first (no-agent no-queue, max calls, after hours) does not fire it.',
		variables: ENTER_IN_GROUP_VARIABLES,
		defaults: ['lead_id', 'phone_number', 'group', 'uniqueid', 'call_id', 'did_pattern', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	waitingCallOn: {
		event: 'queue.waiting',
		displayName: 'Waiting Call URL On',
		summary: 'Calls started waiting in an in-group',
		pasteInto:
			'In-Groups > your in-group > Waiting Call URL On, sent the first time a call waits. Fill Waiting Call URL Off too (a second trigger with that event): VICIdial sends neither unless both are set. The URL carries no call data: add &group=YOURGROUP to the pasted string to tell in-groups apart.',
		variables: [],
		defaults: [],
		customFields: false,
		method: 'GET',
		varPrefix: false,
	},
	waitingCallOff: {
		event: 'queue.cleared',
		displayName: 'Waiting Call URL Off',
		summary: 'No call waits in an in-group any more',
		pasteInto:
			'In-Groups > your in-group > Waiting Call URL Off, sent as soon as no call waits. Fill Waiting Call URL On too: VICIdial sends neither unless both are set. Add &group=YOURGROUP to the pasted string to tell in-groups apart.',
		variables: [],
		defaults: [],
		customFields: false,
		method: 'GET',
		varPrefix: false,
	},
	startChat: {
		event: 'chat.started',
		displayName: 'Start Chat URL',
		summary: 'A chat reached an agent',
		pasteInto: 'In-Groups > your chat in-group > Start Chat URL.',
		variables: START_CHAT_VARIABLES,
		defaults: ['lead_id', 'phone_number', 'first_name', 'last_name', 'email', 'user', 'group', 'uniqueid', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	dispoChat: {
		event: 'chat.ended',
		displayName: 'Dispo Chat URL',
		summary: 'An agent dispositioned a chat',
		pasteInto:
			'In-Groups > your chat in-group > Dispo Chat URL (CAMP there uses the campaign\'s; ALT gives several URLs chosen by status).',
		variables: DISPO_CHAT_VARIABLES,
		defaults: ['dispo', 'talk_time', 'lead_id', 'phone_number', 'first_name', 'last_name', 'email', 'user', 'group', 'uniqueid', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	noAgentChat: {
		event: 'chat.missed',
		displayName: 'No Agent Chat URL',
		summary: 'A chat no agent handled was closed or transferred',
		pasteInto: 'In-Groups > your chat in-group > No Agent Chat URL (custom fields are not available there).',
		variables: NO_AGENT_VARIABLES,
		defaults: ['dispo', 'lead_id', 'phone_number', 'group', 'uniqueid', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	startEmail: {
		event: 'email.started',
		displayName: 'Start Email URL',
		summary: 'An email reached an agent',
		pasteInto: 'In-Groups > your email in-group > Start Email URL.',
		variables: START_CHAT_VARIABLES,
		defaults: ['lead_id', 'email', 'first_name', 'last_name', 'user', 'group', 'uniqueid', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	dispoEmail: {
		event: 'email.ended',
		displayName: 'Dispo Email URL',
		summary: 'An agent dispositioned an email',
		pasteInto:
			'In-Groups > your email in-group > Dispo Email URL (CAMP there uses the campaign\'s; ALT gives several URLs chosen by status).',
		variables: DISPO_CHAT_VARIABLES,
		defaults: ['dispo', 'talk_time', 'lead_id', 'email', 'first_name', 'last_name', 'user', 'group', 'uniqueid', 'epoch'],
		customFields: false,
		method: 'GET',
	},
	nva: {
		event: 'call.ended',
		displayName: 'NVA Call URL',
		summary: 'A call made outside the agent screen was logged by the NVA call menu',
		pasteInto:
			'Phones > your phone > NVA Call URL, used with the NVA AGI script in a Call Menu that logs calls made outside the agent screen.',
		variables: NVA_VARIABLES,
		defaults: ['phone_number', 'uniqueid', 'lead_id', 'extension', 'status', 'user', 'list_id', 'campaign_id', 'entry_date', 'recording_filename'],
		customFields: false,
		method: 'GET',
	},
	webForm: {
		event: 'call.screen_pop',
		displayName: 'Web Form (Screen Pop)',
		summary: 'The agent screen opens the Web Form for a call: the workflow answers with the page',
		pasteInto:
			'Campaigns > your campaign > Detail > Web Form (or Web Form Two / Three), with Web Form Target set to a frame name or _blank for a new window; Get Call Launch = WEBFORM opens it by itself when a call connects. Lists > Web Form Override and In-Groups > Web Form replace the campaign\'s for their calls. The agent\'s browser loads this URL, so every agent can see it, secret included.',
		// "the same variables as the web form fields and scripts" (CALL_URL_FEATURES.txt): the
		// Start Call URL's, filled by the agent screen when the call connects.
		variables: START_VARIABLES,
		defaults: ['lead_id', 'vendor_lead_code', 'phone_number', 'first_name', 'last_name', 'email', 'user', 'campaign', 'group', 'uniqueid', 'call_id'],
		customFields: true,
		method: 'GET',
		answers: 'page',
	},
	didFilter: {
		event: 'call.filter',
		displayName: 'DID Filter URL',
		summary: 'An inbound DID asks whether the caller matches, or which DID to send the call to',
		pasteInto:
			'Inbound > DIDs > your DID: Filter Inbound Number = URL, Filter URL = this string, Filter Action = the route for a match. With Filter URL DID Redirect = Y the answer is the DID to send the call to instead (0 keeps the default route). The caller rings while VICIdial waits for the answer.',
		variables: DID_FILTER_VARIABLES,
		defaults: DID_FILTER_VARIABLES,
		customFields: false,
		method: 'GET',
		answers: 'filter',
	},
};

/** VICIdial custom-field labels are MySQL column names. */
const FIELD_LABEL = /^[A-Za-z0-9_]+$/;

/** Splits "a, b c" into labels; empty input gives an empty list. */
export function splitList(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

function placeholder(name: string): string {
	return `--A--${name}--B--`;
}

export interface HookUrlOptions {
	kind: HookKind;
	/** n8n's production URL of this trigger, as `getNodeWebhookUrl('default')` gives it. */
	webhookUrl: string;
	/** Variables to ask VICIdial for; the hook's defaults when omitted. */
	variables?: readonly string[];
	/** Custom list field labels (agent-screen hooks only). */
	customFields?: readonly string[];
	/** Shared secret in the query string: VICIdial passes static parameters through unchanged. */
	querySecret?: { name: string; value: string };
	/** HTTP Basic written into the URL as `user:password@`, which PHP's `file()` and wget both send. */
	basicAuth?: { user: string; password: string };
	/** Header key: only the get2post relay can send a header (its `headers=` parameter). */
	header?: { name: string; value: string };
}

/** `host:80` for http, `host:443` for https: the same URL without the port. */
function withoutDefaultPort(scheme: string, hostAndPath: string): string {
	const port = scheme === 'https' ? '443' : '80';
	return hostAndPath.replace(new RegExp(`^([^/?#@]+):${port}(?=[/?#]|$)`), '$1');
}

/**
 * Writes the string an admin pastes into VICIdial: the production URL, the secret and
 * `name=--A--name--B--` for each chosen variable and custom field.
 *
 * GET hooks get the `VAR` prefix (required by the Add Lead URL, stripped by the others) unless
 * their spec says otherwise. The Agent
 * Push URL is a relative `get2post.php?...&HTTPURLTOPOST=<host/path>?<fields>` because the agent
 * screen only reaches local scripts; `epoch` and `agent_log_id` always follow HTTPURLTOPOST, so
 * n8n receives them. `pass`/`phone_pass` are never written. Whether the string can work is
 * `pasteProblems()`'s question, not this function's.
 *
 * @throws Error when a custom field label is not a column name or the webhook URL is not http(s).
 */
export function buildHookUrl(options: HookUrlOptions): string {
	const spec = HOOKS[options.kind];
	const match = /^(https?):\/\/(.+)$/i.exec(options.webhookUrl);
	if (!match) throw new Error(`The webhook URL must start with http:// or https://; got "${options.webhookUrl}"`);
	const scheme = match[1].toLowerCase();
	let hostAndPath = options.kind === 'agentEvents' ? withoutDefaultPort(scheme, match[2]) : match[2];
	if (options.basicAuth) {
		const userInfo = `${encodeURIComponent(options.basicAuth.user)}:${encodeURIComponent(options.basicAuth.password)}@`;
		hostAndPath = userInfo + hostAndPath;
	}

	const custom = spec.customFields ? (options.customFields ?? []) : [];
	for (const label of custom) {
		if (!FIELD_LABEL.test(label)) {
			throw new Error(`Custom field "${label}" is not a VICIdial field label: use letters, digits and underscores`);
		}
	}
	const chosen = (options.variables ?? spec.defaults).filter(
		(name) => !SENSITIVE_VARIABLES.includes(name) && FIELD_LABEL.test(name),
	);
	const session = options.kind === 'agentEvents' ? AGENT_EVENT_SESSION : [];
	const names = [...new Set([...chosen, ...session, ...custom])];

	const params: string[] = [];
	if (options.querySecret) {
		// Percent-encoded, the secret holds none of the characters the agent screen deletes.
		params.push(`${encodeURIComponent(options.querySecret.name)}=${encodeURIComponent(options.querySecret.value)}`);
	}
	for (const name of names) params.push(`${name}=${placeholder(name)}`);
	// The agent screen substitutes custom fields only when the URL asks for them (notes §6.1).
	if (custom.length > 0) params.push('CF_uses_custom_fields=Y');
	const query = params.length > 0 ? `?${params.join('&')}` : '';

	if (options.kind === 'agentEvents') {
		// get2post.php posts everything after HTTPURLTOPOST= to "http://" + that text, so the
		// relay parameters come first and the scheme is named by the parameter, not written.
		// Its own uniqueid (at least 10 characters) is logged by get2post, never forwarded.
		const relay = [`uniqueid=${placeholder('epoch')}.${placeholder('agent_log_id')}`, 'type=event'];
		if (options.header) {
			// get2post.php reads `headers` decoded, so a `$` written as %24 survives the screen.
			relay.push(`headers=${encodeURIComponent(options.header.name)}---${encodeURIComponent(options.header.value)}`);
		}
		const target = scheme === 'https' ? 'HTTPSURLTOPOST' : 'HTTPURLTOPOST';
		return `get2post.php?${relay.join('&')}&${target}=${hostAndPath}${query}`;
	}
	const url = `${scheme}://${hostAndPath}${query}`;
	return spec.method === 'GET' && spec.varPrefix !== false ? `VAR${url}` : url;
}

/** What the agent screen deletes from the whole Agent Push URL before posting it (notes §8.16). */
const SCREEN_DELETES = /[`:;#"{}^$\r\t\n]/g;

/**
 * The agent screen's `agent_events()` on a substituted Agent Push URL (notes §8.16): spaces,
 * tabs and newlines become `+`, then every `` ` : ; # " { } ^ $ ``, CR, TAB and LF is deleted.
 */
export function mangleAsAgentScreen(url: string): string {
	return url.replace(/[ \t\n]/g, '+').replace(SCREEN_DELETES, '');
}

/**
 * Why the paste-ready string cannot work, one sentence each; empty when it can. Only the Agent
 * Push URL has such limits: the agent screen deletes characters from it (notes §8.16), so a port
 * turns `127.0.0.1:5721` into host `127.0.0.15721` and `user:password@` into `userpassword@`.
 * The sentences name characters, never a secret.
 *
 * @throws Error like `buildHookUrl()`.
 */
export function pasteProblems(options: HookUrlOptions): string[] {
	if (options.kind !== 'agentEvents') return [];
	const built = buildHookUrl(options);
	const problems: string[] = [];
	const explained = new Set<string>();
	let url: URL | undefined;
	try {
		url = new URL(options.webhookUrl);
	} catch {
		// buildHookUrl accepted the scheme; an unparsable rest still meets the character check.
	}
	if (url?.port) {
		const defaultPort = url.protocol === 'https:' ? 443 : 80;
		problems.push(
			`n8n's URL has port ${url.port}: the agent screen deletes every ":" from the Agent Push URL, so get2post.php would post to host "${url.hostname}${url.port}" and no event would arrive. The target must be on its scheme's default port: put n8n behind a reverse proxy on port ${defaultPort} and set n8n's WEBHOOK_URL to that address.`,
		);
		explained.add(':');
	}
	if (url?.hostname.startsWith('[')) {
		problems.push('n8n\'s URL is an IPv6 address: the agent screen deletes its ":". Use a host name.');
		explained.add(':');
	}
	if (options.basicAuth) {
		problems.push(
			'HTTP Basic cannot pass the agent screen: it deletes the ":" of user:password@. Use the shared secret or the header key for Agent Events Push.',
		);
		explained.add(':');
	}
	const deleted = [...new Set(built.match(SCREEN_DELETES) ?? [])].filter((char) => !explained.has(char));
	if (deleted.length > 0) {
		const shown = deleted.map((char) => JSON.stringify(char)).join(' ');
		problems.push(`The URL holds ${shown}, which the agent screen deletes: change the part of n8n's URL or credential that holds it.`);
	}
	return problems;
}

/**
 * Characters get2post.php keeps in its `headers=` parameter; anything else is stripped before
 * the header is sent, so a header key using them would never match.
 */
export function fitsGet2PostHeader(text: string): boolean {
	return /^[- !=$._0-9a-zA-Z]*$/.test(text) && !text.includes('---');
}

export interface SetupTextOptions extends HookUrlOptions {
	/** The variables filters need but the admin did not pick (added to the URL). */
	addedForFilters?: readonly string[];
	/** The credential's mode, to warn when VICIdial cannot send what it checks. */
	authMode?: string;
}

/**
 * Why a mode cannot work for a hook: VICIdial's GET call-outs carry no headers and no body,
 * and get2post.php can add a header but cannot sign.
 */
function authWarning(kind: HookKind, authMode: string | undefined): string | undefined {
	if (kind === 'customPost') return undefined;
	if (authMode === 'hmac') {
		return 'Warning: VICIdial cannot sign its call-outs, so the HMAC check refuses them all: use the shared secret, HTTP Basic or the IP allow-list for this event.';
	}
	if (authMode === 'headerKey' && kind !== 'agentEvents') {
		return 'Warning: VICIdial sends this call-out without headers, so the header check refuses it: use the shared secret, HTTP Basic or the IP allow-list for this event.';
	}
	return undefined;
}

/**
 * What stops a Web Form string from loading in the agent's browser though VICIdial substitutes
 * it fine: the browser, not VICIdial, fetches it, usually inside the agent screen's frame.
 * Warnings rather than refusals: each depends on how the agent screen is served and framed.
 */
export function webFormWarnings(options: Pick<HookUrlOptions, 'webhookUrl' | 'basicAuth'>): string[] {
	const warnings: string[] = [];
	let url: URL | undefined;
	try {
		url = new URL(options.webhookUrl);
	} catch {
		return warnings;
	}
	const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
	if (url.protocol === 'http:' && !loopback) {
		warnings.push(
			"Warning: n8n's URL is http://. An agent screen served over HTTPS (as it should be) cannot show an http:// page in its frame: browsers block it as mixed content, and the secret would cross the network in clear. Serve n8n over HTTPS and set n8n's WEBHOOK_URL to that address.",
		);
	}
	if (options.basicAuth) {
		warnings.push(
			'Warning: browsers refuse to load a frame whose URL carries user:password@ (and every agent could read it): use the shared secret or the IP allow-list for the Web Form.',
		);
	}
	return warnings;
}

/**
 * The plain-text answer to a setup request: the paste-ready string and where it goes. It holds
 * the secret, so it is only ever sent back to a caller that proved it knows that secret.
 */
export function buildSetupText(options: SetupTextOptions): string {
	const spec = HOOKS[options.kind];
	const problems = pasteProblems(options);
	// A string the agent screen would break is refused rather than shown: pasted, it fails silently.
	const paste =
		problems.length === 0
			? ['Paste this exact string:', buildHookUrl(options)]
			: [
					'Nothing to paste yet: the agent screen would break this URL before it reaches n8n.',
					...problems.map((problem) => `- ${problem}`),
				];
	const lines = [
		`VICIdial Trigger: ${spec.displayName}`,
		'',
		...paste,
		'',
		`Where: ${spec.pasteInto}`,
		'',
		'This is the production URL: it works while the workflow is published. The test URL (/webhook-test/...) only answers while the editor is listening for a test event.',
	];
	if (options.addedForFilters && options.addedForFilters.length > 0) {
		lines.push(`Added because the filters read them: ${options.addedForFilters.join(', ')}.`);
	}
	const warning = authWarning(options.kind, options.authMode);
	if (warning) lines.push(warning);
	if (options.kind === 'webForm') lines.push(...webFormWarnings(options));
	if (options.kind === 'agentEvents' && options.header && !fitsGet2PostHeader(options.header.value)) {
		lines.push(
			'Warning: get2post.php strips characters other than letters, digits, space and - ! = $ . _ from headers; choose a header key made of those.',
		);
	}
	return `${lines.join('\n')}\n`;
}
