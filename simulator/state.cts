/**
 * The simulator's in-memory dialer: the rows of VICIdial's tables that the APIs read and
 * write. Field names follow VICIdial's columns so handlers read like the PHP they imitate.
 * Nothing here is shared with the package's nodes.
 */

export interface SimUser {
	user: string;
	pass: string;
	full_name: string;
	user_level: number;
	user_group: string;
	active: 'Y' | 'N';
	/** vdc_agent_api_access: "Agent API Access", needed by nearly every function of both APIs. */
	api_access: boolean;
	/** ' ALL_FUNCTIONS ' or a space-padded list of function names. */
	api_allowed_functions: string;
	modify_leads: number;
	view_reports: boolean;
	modify_lists: boolean;
	delete_lists: boolean;
	modify_campaigns: boolean;
	modify_users: boolean;
	delete_users: boolean;
	modify_remoteagents: boolean;
	ast_admin_access: boolean;
	ast_delete_phones: boolean;
	modify_inbound_dids: boolean;
	delete_inbound_dids: boolean;
	delete_from_dnc: boolean;
	change_agent_campaign: boolean;
	agentcall_manual: boolean;
	api_list_restrict: boolean;
	email: string;
	phone_login: string;
	phone_pass: string;
	custom_one: string;
	custom_two: string;
	custom_three: string;
	custom_four: string;
	custom_five: string;
	/** Failed logins since the last success; 10 lock the user for 15 minutes. */
	failed_logins: number;
	locked_until: number;
	/** Columns only the Non-Agent user functions touch (add_user, copy_user, update_user). */
	hotkeys_active?: string;
	voicemail_id?: string;
	wrapup_seconds_override?: string;
	/** In-groups selected for the next login, ` SALESLINE SUPPORT -`. */
	closer_campaigns?: string;
	/** vicidial_users.modify_same_user_level; unset means the schema default '1'. */
	modify_same_user_level?: boolean;
	/** "Custom Fields Modify": needed by update_list/add_list custom field commands; unset means '0'. */
	custom_fields_modify?: boolean;
}

export interface SimLead {
	lead_id: number;
	entry_date: string;
	modify_date: string;
	status: string;
	user: string;
	vendor_lead_code: string;
	source_id: string;
	list_id: string;
	gmt_offset_now: string;
	called_since_last_reset: string;
	phone_code: string;
	phone_number: string;
	title: string;
	first_name: string;
	middle_initial: string;
	last_name: string;
	address1: string;
	address2: string;
	address3: string;
	city: string;
	state: string;
	province: string;
	postal_code: string;
	country_code: string;
	gender: string;
	date_of_birth: string;
	alt_phone: string;
	email: string;
	security_phrase: string;
	comments: string;
	called_count: number;
	last_local_call_time: string;
	rank: string;
	owner: string;
	entry_list_id: string;
	/** Custom list field values (custom_<list_id> table). */
	custom: Record<string, string>;
}

export interface SimList {
	list_id: string;
	list_name: string;
	campaign_id: string;
	active: 'Y' | 'N';
	list_description: string;
	list_changedate: string;
	list_lastcalldate: string;
	expiration_date: string;
	resets_today: number;
	reset_time: string;
	/** Custom field labels defined for the list (vicidial_lists_fields). */
	custom_fields: string[];
	[setting: string]: string | number | string[];
}

export interface SimStatus {
	status: string;
	status_name: string;
	selectable: 'Y' | 'N';
	human_answered: 'Y' | 'N';
	category: string;
}

export interface SimCampaign {
	campaign_id: string;
	campaign_name: string;
	active: 'Y' | 'N';
	user_group: string;
	dial_method: string;
	auto_dial_level: string;
	lead_order: string;
	dial_statuses: string;
	dial_timeout: string;
	dial_prefix: string;
	manual_dial_prefix: string;
	three_way_dial_prefix: string;
	hopper_level: string;
	dispo_call_url: string;
	start_call_url: string;
	na_call_url: string;
	manual_dial_list_id: string;
	api_manual_dial: string;
	/** Campaign statuses (vicidial_campaign_statuses); system statuses live in state.systemStatuses. */
	statuses: SimStatus[];
	[setting: string]: string | SimStatus[];
}

export interface SimInGroup {
	group_id: string;
	group_name: string;
	active: 'Y' | 'N';
	dispo_call_url: string;
	start_call_url: string;
	add_lead_url: string;
	na_call_url: string;
	calls_waiting: number;
	/** HTML colour shown by ingroup_list. */
	group_color?: string;
}

/** A call on an agent's line (vicidial_auto_calls + the agent screen's view of it). */
export interface SimLiveCall {
	call_id: string;
	uniqueid: string;
	lead_id: number;
	phone_number: string;
	phone_code: string;
	call_type: 'OUT' | 'IN' | 'MANUAL';
	campaign_id: string;
	group: string;
	start_epoch: number;
	channel: string;
}

/** vicidial_live_agents: a row here is what "logged in" means. */
export interface SimLiveAgent {
	user: string;
	campaign_id: string;
	session_id: string;
	server_ip: string;
	status: 'READY' | 'PAUSED' | 'INCALL' | 'QUEUE' | 'CLOSER' | 'DISPO' | 'DEAD';
	pause_code: string;
	sub_status: string;
	calls_today: number;
	last_state_change: number;
	closer_campaigns: string;
	outbound_autodial: 'Y' | 'N';
	call: SimLiveCall | null;
	/** Whether a lead is on the agent's screen (a call, a preview or a dispo in progress). */
	lead_id: number;
	preview: boolean;
	recording: { recording_id: number; filename: string; start_time: string } | null;
	/** Commands written by the Agent API for the agent screen to pick up (column => value). */
	pending: Record<string, string>;
	remote_agent: boolean;
	/** vicidial_session_data of the agent's browser session; absent means "no session data". */
	session?: { webphone_url: string; agent_login_call: string };
	/** Audio file playing into the session (an IAX2/ASTplay channel), for audio_playback. */
	playing?: string;
	/** vicidial_manual_dial_queue numbers, used when the campaign's api_manual_dial is QUEUE. */
	manual_dial_queue?: string[];
}

export interface SimCallback {
	callback_id: number;
	lead_id: number;
	list_id: string;
	campaign_id: string;
	status: 'ACTIVE' | 'LIVE' | 'INACTIVE';
	entry_time: string;
	callback_time: string;
	user: string;
	recipient: 'USERONLY' | 'ANYONE';
	comments: string;
	user_group: string;
	lead_status: string;
}

export interface SimRecording {
	recording_id: number;
	start_time: string;
	length_in_sec: number;
	filename: string;
	location: string;
	lead_id: number;
	user: string;
	uniqueid: string;
	extension: string;
}

export interface SimHopperEntry {
	hopper_id: number;
	lead_id: number;
	campaign_id: string;
	list_id: string;
	status: string;
	priority: number;
	source: string;
	alt_dial: string;
	vendor_lead_code: string;
}

/** vicidial_agent_log: one row per agent event (login pause, call), read by the stats exports. */
export interface SimAgentLog {
	agent_log_id: number;
	user: string;
	event_time: string;
	campaign_id: string;
	lead_id: number;
	uniqueid: string;
	sub_status: string;
	pause_sec: number;
	wait_sec: number;
	talk_sec: number;
	dispo_sec: number;
	dead_sec: number;
}

/** vicidial_list_alt_phones rows loaded by add_lead's multi_alt_phones. */
export interface SimAltPhone {
	lead_id: number;
	phone_code: string;
	phone_number: string;
	alt_phone_note: string;
	alt_phone_count: number;
}

/** vicidial_log / vicidial_closer_log rows. */
export interface SimCallLog {
	uniqueid: string;
	call_id: string;
	lead_id: number;
	list_id: string;
	campaign_id: string;
	call_date: string;
	length_in_sec: number;
	status: string;
	phone_code: string;
	phone_number: string;
	user: string;
	term_reason: string;
	direction: 'OUT' | 'IN';
	/** For inbound rows: the DID the call came in on. */
	did_pattern: string;
	caller_id_number: string;
}

export interface SimPhone {
	extension: string;
	server_ip: string;
	dialplan_number: string;
	voicemail_id: string;
	login: string;
	pass: string;
	protocol: string;
	registration_password: string;
	fullname: string;
	local_gmt: string;
	outbound_cid: string;
	[setting: string]: string;
}

export interface SimDid {
	did_pattern: string;
	did_description: string;
	active: 'Y' | 'N';
	did_route: string;
	[setting: string]: string;
}

export interface SimSystem {
	version: string;
	build: string;
	agent_version: string;
	agent_build: string;
	/** servers.local_gmt */
	tz: string;
	custom_fields_enabled: boolean;
	central_sound_control: boolean;
	agent_api_active: boolean;
	notifications_enabled: boolean;
	server_ip: string;
	/** system_settings.apinewlead_url: requested after every add_lead insert; '' is off (notes §8.15). */
	apinewlead_url: string;
	/**
	 * The host (and port) in recording URLs: VICIdial writes recording_log.location with the
	 * web address of the server that keeps the file. The simulator's own address, so the files
	 * it serves under /RECORDINGS/ can be fetched from the URLs recording_lookup prints.
	 */
	recordings_host: string;
	/** The recordings directory asks for this HTTP basic-auth login (an .htpasswd); none by default. */
	recordings_login?: { user: string; pass: string };
}

/** Tables only the Non-Agent admin and picker functions read (servers, audio store, Asterisk queue). */
export interface SimAdmin {
	servers: { server_ip: string; server_id: string; conf_engine: 'MEETME' | 'CONFBRIDGE'; rebuild_conf_files: 'Y' | 'N' }[];
	/** system_settings columns these functions read. */
	settings: { auto_user_add_value: number; auto_dial_limit: number; agent_whisper_enabled: boolean; sounds_web_server: string; sounds_web_directory: string };
	audioStore: { filename: string; size: number; epoch: number }[];
	musicOnHold: { moh_id: string; moh_name: string; random: 'Y' | 'N'; active: 'Y' | 'N'; files: string[] }[];
	voicemail: { voicemail_id: string; fullname: string; email: string; active: 'Y' | 'N' }[];
	callMenus: { menu_id: string; menu_name: string }[];
	containers: { container_id: string; container_type: string; container_notes: string }[];
	leadFilters: string[];
	/** vicidial_campaign_agents / vicidial_inbound_group_agents ranks set by update_user. */
	agentRanks: { user: string; kind: 'campaign' | 'ingroup'; id: string; rank: string; grade: string }[];
	/** vicidial_manager: Originate actions queued for Asterisk (blind_monitor). */
	manager: { man_id: number; entry_date: string; server_ip: string; action: string; callerid: string; channel: string; exten: string; outbound_cid: string }[];
	next_man_id: number;
}

export interface SimUrlLogRow {
	url_type: string;
	/** The request as sent, values substituted. */
	url: string;
	/** The receiver's reply body (url_response), or the PHP warning when the request failed. */
	url_response: string;
	response_sec: number;
}

export interface SimApiLogRow {
	api: 'nonAgent' | 'agent';
	user: string;
	function: string;
	value: string;
	/** Whether the request carried its own `value` (false: `value` is the leaked last POST field). */
	valueSent: boolean;
	source: string;
}

export interface SimState {
	system: SimSystem;
	users: Map<string, SimUser>;
	leads: Map<number, SimLead>;
	archivedLeads: Map<number, SimLead>;
	lists: Map<string, SimList>;
	campaigns: Map<string, SimCampaign>;
	inGroups: Map<string, SimInGroup>;
	userGroups: Map<string, { user_group: string; group_name: string; allowed_campaigns: string }>;
	systemStatuses: SimStatus[];
	liveAgents: Map<string, SimLiveAgent>;
	/** DNC numbers: key 'SYSTEM_INTERNAL' for the system list, else the campaign id. */
	dnc: Map<string, Set<string>>;
	filterPhoneGroups: Map<string, Set<string>>;
	callbacks: SimCallback[];
	recordings: SimRecording[];
	hopper: SimHopperEntry[];
	callLog: SimCallLog[];
	phones: Map<string, SimPhone>;
	phoneAliases: Map<string, { alias_id: string; alias_name: string; logins_list: string }>;
	groupAliases: Map<string, { group_alias_id: string; group_alias_name: string; caller_id_number: string; caller_id_name: string; active: string }>;
	dids: Map<string, SimDid>;
	/** Remote agents (vicidial_remote_agents), keyed by user_start. */
	remoteAgents: Map<string, { user_start: string; status: string; campaign_id: string; number_of_lines: number }>;
	presets: { preset_name: string; campaign_id: string; preset_number: string; preset_hide_number: string; preset_dtmf: string }[];
	altUrls: { url_id: number; campaign_id: string; entry_type: string; active: string; url_type: string; url_rank: number; url_statuses: string; url_description: string; url_lists: string; url_call_length: number; url_address: string }[];
	cidGroups: Map<string, { cid_group_id: string; cid_group_type: string; entries: { areacode: string; outbound_cid: string; active: string; cid_description: string; call_count_today: number }[] }>;
	/** Agent API notifications queued by send_notification. */
	notifications: { notification_id: number; recipient: string; recipient_type: string; text: string }[];
	admin: SimAdmin;
	agentLog: SimAgentLog[];
	/** vicidial_callbacks_archive: callbacks removed by update_lead (delete_lead, callback=REMOVE). */
	callbacksArchive: SimCallback[];
	altPhones: SimAltPhone[];
	/**
	 * vicidial_api_log: one row per authenticated API call, with the `$value` PHP held when the
	 * function ran. Without a `value` parameter that is the last POST field (notes §8.1), which
	 * is how a real VICIdial came to store the API password here.
	 */
	apiLog: SimApiLogRow[];
	/** vicidial_api_urls: the page and the whole request rebuilt as a query string, password included (notes §8.2). */
	apiUrls: string[];
	/** vicidial_url_log: the call-outs the server made and what their receivers answered. */
	urlLog: SimUrlLogRow[];
	/** Next ids, as AUTO_INCREMENT columns would hand them out. */
	next: { lead_id: number; hopper_id: number; callback_id: number; recording_id: number; url_id: number; notification_id: number; call_seq: number };
}

/** The API users and agents the notes' verified replies use, plus a few for permission tests. */
function seedUsers(): SimUser[] {
	const base: Omit<SimUser, 'user' | 'pass' | 'full_name' | 'user_level'> = {
		user_group: 'ADMIN',
		active: 'Y',
		api_access: true,
		api_allowed_functions: ' ALL_FUNCTIONS ',
		modify_leads: 1,
		view_reports: true,
		modify_lists: true,
		delete_lists: true,
		modify_campaigns: true,
		modify_users: true,
		delete_users: true,
		modify_remoteagents: true,
		ast_admin_access: true,
		ast_delete_phones: true,
		modify_inbound_dids: true,
		delete_inbound_dids: true,
		delete_from_dnc: true,
		change_agent_campaign: true,
		agentcall_manual: true,
		api_list_restrict: false,
		email: '',
		phone_login: '',
		phone_pass: '',
		custom_one: '',
		custom_two: '',
		custom_three: '',
		custom_four: '',
		custom_five: '',
		failed_logins: 0,
		locked_until: 0,
		custom_fields_modify: true,
	};
	return [
		// The admin API user of every example in the docs.
		{ ...base, user: '6666', pass: '1234', full_name: 'Admin', user_level: 9 },
		// A logged-in agent; CRM agent id in custom_three for st_login_log.
		{
			...base,
			user: '1000',
			pass: '1234',
			full_name: 'Test Agent',
			user_level: 1,
			api_access: false,
			modify_leads: 0,
			custom_three: '876001',
			phone_login: '8001',
			phone_pass: 'phonepw8001',
			email: 'agent1000@example.com',
		},
		{
			...base,
			user: '1001',
			pass: '1234',
			full_name: 'Second Agent',
			user_level: 1,
			api_access: false,
			modify_leads: 0,
			agentcall_manual: false,
		},
		// Level 9 but without "Agent API Access".
		{ ...base, user: 'apinoagt', pass: 'apinoagt1', full_name: 'No API Access', api_access: false, user_level: 9 },
		// A reporting user: API access and reports only, no lead or list rights.
		{
			...base,
			user: 'apirep',
			pass: 'apirep1',
			full_name: 'Report User',
			user_level: 7,
			modify_leads: 0,
			modify_lists: false,
			delete_lists: false,
			modify_campaigns: false,
			modify_users: false,
			delete_users: false,
			modify_remoteagents: false,
			ast_admin_access: false,
			ast_delete_phones: false,
			modify_inbound_dids: false,
			delete_inbound_dids: false,
			delete_from_dnc: false,
			change_agent_campaign: false,
		},
		// Correct password, level too low for the Non-Agent API (needs 7+).
		{ ...base, user: 'lowlevel', pass: 'lowlevel1', full_name: 'Low Level', user_level: 6 },
		// Allowed only two functions.
		{ ...base, user: 'apifew', pass: 'apifew1', full_name: 'Few Functions', user_level: 9, api_allowed_functions: ' version lead_search ' },
	];
}

function leadRow(lead_id: number, fields: Partial<SimLead>): SimLead {
	return {
		lead_id,
		entry_date: '2026-11-20 09:00:00',
		modify_date: '2026-11-20 09:00:00',
		status: 'NEW',
		user: '',
		vendor_lead_code: '',
		source_id: '',
		list_id: '101',
		gmt_offset_now: '-5.00',
		called_since_last_reset: 'N',
		phone_code: '1',
		phone_number: '',
		title: '',
		first_name: '',
		middle_initial: '',
		last_name: '',
		address1: '',
		address2: '',
		address3: '',
		city: '',
		state: '',
		province: '',
		postal_code: '',
		country_code: '',
		gender: 'U',
		date_of_birth: '0000-00-00',
		alt_phone: '',
		email: '',
		security_phrase: '',
		comments: '',
		called_count: 0,
		last_local_call_time: '2008-01-01 00:00:00',
		rank: '0',
		owner: '',
		entry_list_id: '0',
		custom: {},
		...fields,
	};
}

export { leadRow };

/**
 * A fresh dialer with the fixtures the notes' verified replies were taken from.
 * @param recordingsHost host[:port] of the recording URLs (the running simulator's address)
 */
export function createState(recordingsHost = '127.0.0.1'): SimState {
	const users = new Map(seedUsers().map((u) => [u.user, u]));
	const statuses: SimStatus[] = [
		{ status: 'SALE', status_name: 'Sale Made', selectable: 'Y', human_answered: 'Y', category: 'SALE' },
		{ status: 'NI', status_name: 'Not Interested', selectable: 'Y', human_answered: 'Y', category: 'CONTACT' },
		{ status: 'CALLBK', status_name: 'Call Back', selectable: 'Y', human_answered: 'Y', category: 'CONTACT' },
		{ status: 'DNC', status_name: 'Do Not Call', selectable: 'Y', human_answered: 'Y', category: 'DNC' },
		{ status: 'A', status_name: 'Answering Machine', selectable: 'Y', human_answered: 'N', category: 'NOCONTACT' },
		{ status: 'B', status_name: 'Busy', selectable: 'Y', human_answered: 'N', category: 'NOCONTACT' },
		{ status: 'N', status_name: 'No Answer', selectable: 'Y', human_answered: 'N', category: 'NOCONTACT' },
	];
	const leads = new Map<number, SimLead>();
	const seedLeads: SimLead[] = [
		leadRow(1, { phone_number: '7275551212', first_name: 'Alice', last_name: 'Jones', vendor_lead_code: 'VLC-A' }),
		leadRow(2, { phone_number: '7275551212', first_name: 'Alice', last_name: 'Jones', list_id: '102' }),
		leadRow(3, { phone_number: '3125550199', first_name: 'Carl', last_name: 'Diaz', status: 'CALLBK', vendor_lead_code: 'CRM-300' }),
		leadRow(4, { phone_number: '4075550100', first_name: 'Dana', last_name: 'Ng', status: 'SALE', user: '1000', called_count: 2 }),
	];
	for (const lead of seedLeads) leads.set(lead.lead_id, lead);
	const now = Math.floor(Date.now() / 1000);
	return {
		system: {
			version: '2.14-202',
			build: '250720-1841',
			agent_version: '2.14-82',
			agent_build: '250122-1010',
			tz: '-5.00',
			custom_fields_enabled: true,
			central_sound_control: false,
			agent_api_active: true,
			notifications_enabled: true,
			server_ip: '127.0.0.1',
			apinewlead_url: '',
			recordings_host: recordingsHost,
		},
		users,
		leads,
		archivedLeads: new Map([[90, leadRow(90, { phone_number: '8135550190', first_name: 'Old', last_name: 'Lead' })]]),
		lists: new Map([
			[
				'101',
				{
					list_id: '101',
					list_name: 'API test list',
					campaign_id: 'TESTCAMP',
					active: 'Y',
					list_description: '',
					list_changedate: '',
					list_lastcalldate: '',
					expiration_date: '2099-12-31',
					resets_today: 0,
					reset_time: '',
					custom_fields: ['favorite_color', 'account_tier'],
				},
			],
			[
				'102',
				{
					list_id: '102',
					list_name: 'Second list',
					campaign_id: 'TESTCAMP',
					active: 'Y',
					list_description: '',
					list_changedate: '',
					list_lastcalldate: '',
					expiration_date: '2099-12-31',
					resets_today: 0,
					reset_time: '',
					custom_fields: [],
				},
			],
			[
				'999',
				{
					list_id: '999',
					list_name: 'Default inbound list',
					campaign_id: 'TESTCAMP',
					active: 'N',
					list_description: '',
					list_changedate: '',
					list_lastcalldate: '',
					expiration_date: '2099-12-31',
					resets_today: 0,
					reset_time: '',
					custom_fields: [],
				},
			],
		]),
		campaigns: new Map([
			[
				'TESTCAMP',
				{
					campaign_id: 'TESTCAMP',
					campaign_name: 'Test Campaign',
					active: 'Y',
					user_group: '---ALL---',
					dial_method: 'MANUAL',
					auto_dial_level: '0',
					lead_order: 'DOWN',
					dial_statuses: ' NEW -',
					dial_timeout: '60',
					dial_prefix: '9',
					manual_dial_prefix: '',
					three_way_dial_prefix: '',
					hopper_level: '100',
					dispo_call_url: '',
					start_call_url: '',
					na_call_url: '',
					manual_dial_list_id: '101',
					api_manual_dial: 'STANDARD',
					statuses: [{ status: 'XFER', status_name: 'Transferred', selectable: 'Y', human_answered: 'Y', category: 'CONTACT' }],
				},
			],
			[
				'OUTBOUND',
				{
					campaign_id: 'OUTBOUND',
					campaign_name: 'Outbound Sales',
					active: 'Y',
					user_group: 'ADMIN',
					dial_method: 'RATIO',
					auto_dial_level: '2.0',
					lead_order: 'DOWN COUNT',
					dial_statuses: ' NEW NA -',
					dial_timeout: '30',
					dial_prefix: '9',
					manual_dial_prefix: '',
					three_way_dial_prefix: '',
					hopper_level: '200',
					dispo_call_url: '',
					start_call_url: '',
					na_call_url: '',
					manual_dial_list_id: '',
					api_manual_dial: 'STANDARD',
					statuses: [],
				},
			],
		]),
		inGroups: new Map([
			['AGENTDIRECT', { group_id: 'AGENTDIRECT', group_name: 'Agent Direct', active: 'Y', dispo_call_url: '', start_call_url: '', add_lead_url: '', na_call_url: '', calls_waiting: 0 }],
			['SALESLINE', { group_id: 'SALESLINE', group_name: 'Sales Line', active: 'Y', dispo_call_url: 'CAMP', start_call_url: '', add_lead_url: '', na_call_url: '', calls_waiting: 2 }],
		]),
		userGroups: new Map([
			['ADMIN', { user_group: 'ADMIN', group_name: 'Administrators', allowed_campaigns: ' -ALL-CAMPAIGNS- - -' }],
			['AGENTS', { user_group: 'AGENTS', group_name: 'Agents', allowed_campaigns: ' TESTCAMP -' }],
		]),
		systemStatuses: statuses,
		liveAgents: new Map([
			[
				'1000',
				{
					user: '1000',
					campaign_id: 'TESTCAMP',
					session_id: '8600051',
					server_ip: '127.0.0.1',
					status: 'PAUSED',
					pause_code: '',
					sub_status: '',
					calls_today: 0,
					last_state_change: now,
					closer_campaigns: ' AGENTDIRECT -',
					outbound_autodial: 'N',
					call: null,
					lead_id: 0,
					preview: false,
					recording: null,
					pending: {},
					remote_agent: false,
					session: {
						webphone_url: 'https://127.0.0.1/agc/webphone/webphone.php?phone_login=8001&session_id=8600051&server_ip=127.0.0.1',
						agent_login_call: '|NEW|N|127.0.0.1||Originate|ACagcW17953265300001000|Channel: SIP/8001|Context: default|Exten: 8600051|Priority: 1|Callerid: "ACagcW17953265300001000" <0000000000>|||||',
					},
				},
			],
		]),
		dnc: new Map([
			['SYSTEM_INTERNAL', new Set(['7275559999'])],
			['TESTCAMP', new Set(['7275558000'])],
		]),
		filterPhoneGroups: new Map([['TEST_IN_FILTER', new Set(['7275550001'])]]),
		callbacks: [
			{
				callback_id: 1,
				lead_id: 3,
				list_id: '101',
				campaign_id: 'TESTCAMP',
				status: 'ACTIVE',
				entry_time: '2026-11-20 10:00:00',
				callback_time: '2026-11-23 10:00:00',
				user: '1000',
				recipient: 'USERONLY',
				comments: 'call back',
				user_group: 'ADMIN',
				lead_status: 'CALLBK',
			},
		],
		recordings: [
			{
				recording_id: 1,
				start_time: '2026-11-20 09:05:00',
				length_in_sec: 125,
				filename: '20261120-090500_4075550100_1000',
				location: `http://${recordingsHost}/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3`,
				lead_id: 4,
				user: '1000',
				uniqueid: '1795100000.101',
				extension: '8600051',
			},
		],
		hopper: [],
		callLog: [
			{
				uniqueid: '1795100000.101',
				call_id: 'M1120090500000000004',
				lead_id: 4,
				list_id: '101',
				campaign_id: 'TESTCAMP',
				call_date: '2026-11-20 09:05:00',
				length_in_sec: 125,
				status: 'SALE',
				phone_code: '1',
				phone_number: '4075550100',
				user: '1000',
				term_reason: 'CALLER',
				direction: 'OUT',
				did_pattern: '',
				caller_id_number: '',
			},
		],
		phones: new Map(),
		phoneAliases: new Map(),
		groupAliases: new Map(),
		dids: new Map([['3125550100', { did_pattern: '3125550100', did_description: 'Main line', active: 'Y', did_route: 'IN_GROUP', group_id: 'SALESLINE' }]]),
		remoteAgents: new Map([['1001', { user_start: '1001', status: 'INACTIVE', campaign_id: 'TESTCAMP', number_of_lines: 1 }]]),
		presets: [],
		altUrls: [],
		cidGroups: new Map([['TESTCAMP', { cid_group_id: 'TESTCAMP', cid_group_type: 'AREACODE', entries: [] }]]),
		notifications: [],
		admin: {
			servers: [{ server_ip: '127.0.0.1', server_id: 'vicidial', conf_engine: 'MEETME', rebuild_conf_files: 'Y' }],
			settings: { auto_user_add_value: 101, auto_dial_limit: 4, agent_whisper_enabled: false, sounds_web_server: '127.0.0.1', sounds_web_directory: 'audio_store' },
			audioStore: [
				{ filename: 'welcome.wav', size: 320044, epoch: 1795000000 },
				{ filename: 'goodbye.gsm', size: 16500, epoch: 1795100000 },
			],
			musicOnHold: [{ moh_id: 'default', moh_name: 'Default Music On Hold', random: 'N', active: 'Y', files: ['conf'] }],
			voicemail: [{ voicemail_id: '8500', fullname: 'Sales Voicemail', email: 'sales@example.com', active: 'Y' }],
			callMenus: [{ menu_id: 'defaultlog', menu_name: 'Default Log Menu' }],
			containers: [{ container_id: 'TEST_CONTAINER', container_type: 'OTHER', container_notes: 'Test container' }],
			leadFilters: [],
			agentRanks: [],
			manager: [],
			next_man_id: 1,
		},
		agentLog: [],
		callbacksArchive: [],
		altPhones: [],
		apiLog: [],
		apiUrls: [],
		urlLog: [],
		next: { lead_id: 100, hopper_id: 1, callback_id: 2, recording_id: 2, url_id: 1, notification_id: 1, call_seq: 1 },
	};
}
