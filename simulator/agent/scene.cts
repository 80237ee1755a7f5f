import { epoch, sqlDate } from '../context.cjs';
import { leadRow, type SimAgentLog, type SimCallback, type SimCallLog, type SimLead, type SimLiveAgent, type SimLiveCall, type SimRecording, type SimState } from '../state.cjs';

/**
 * What the agent's browser (vicidial.php) does to the dialer: log in, take or place a call,
 * hang up, disposition, log out. The Agent API only queues commands for that screen, so the
 * handlers call these to play the screen's part, and tests call them to set a scene.
 */

export interface LoginOptions {
	status?: SimLiveAgent['status'];
	/** Selected in-groups, VICIdial's ` A B -` form. */
	closer_campaigns?: string;
	session_id?: string;
	/** vicidial_session_data.webphone_url; '' when the webphone is off. Pass null for no session row. */
	webphone_url?: string | null;
	now?: Date;
}

/**
 * Log `user` in to `campaign_id` as the agent screen would: a vicidial_live_agents row (PAUSED
 * unless told otherwise) and a vicidial_session_data row. Throws for an unknown user, a test bug.
 */
export function loginAgent(state: SimState, user: string, campaign_id: string, options: LoginOptions = {}): SimLiveAgent {
	if (!state.users.has(user)) throw new Error(`loginAgent: no user ${user}`);
	const session_id = options.session_id ?? String(8600051 + state.liveAgents.size);
	const live: SimLiveAgent = {
		user,
		campaign_id,
		session_id,
		server_ip: state.system.server_ip,
		status: options.status ?? 'PAUSED',
		pause_code: '',
		sub_status: '',
		calls_today: 0,
		last_state_change: epoch(options.now ?? new Date()),
		closer_campaigns: options.closer_campaigns ?? '',
		outbound_autodial: 'N',
		call: null,
		lead_id: 0,
		preview: false,
		recording: null,
		pending: {},
		remote_agent: false,
	};
	if (options.webphone_url !== null) {
		const phone = state.users.get(user)?.phone_login ?? '';
		live.session = {
			webphone_url: options.webphone_url ?? '',
			// The Originate the screen stored at login to ring the agent's phone into the session.
			agent_login_call: `|NEW|N|${live.server_ip}||Originate|ACagcW${live.last_state_change}${user}|Channel: SIP/${phone}|Context: default|Exten: ${session_id}|Priority: 1|Callerid: "ACagcW" <0000000000>|||||`,
		};
	}
	state.liveAgents.set(user, live);
	return live;
}

/** Remove the agent's vicidial_live_agents row (the screen's logout). True if there was one. */
export function logoutAgent(state: SimState, user: string): boolean {
	return state.liveAgents.delete(user);
}

function liveAgent(state: SimState, user: string, helper: string): SimLiveAgent {
	const live = state.liveAgents.get(user);
	if (!live) throw new Error(`${helper}: agent ${user} is not logged in`);
	return live;
}

const CALL_PREFIX: Record<SimLiveCall['call_type'], string> = { MANUAL: 'M', IN: 'Y', OUT: 'V' };

/**
 * VICIdial's callerid: M (manual), Y (inbound) or V (auto-dialled), `mdHis`, and the lead_id
 * padded to 9 digits, e.g. `M1122094530000000008`. api.php tells a live call by its length (> 15)
 * and an inbound one by the leading Y.
 */
export function callerId(call_type: SimLiveCall['call_type'], lead_id: number, now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const mdHis = `${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
	return `${CALL_PREFIX[call_type]}${mdHis}${String(lead_id).padStart(9, '0')}`;
}

export interface CallOptions {
	lead_id: number;
	/** Defaults to the lead's phone_number. */
	phone_number?: string;
	call_type: SimLiveCall['call_type'];
	/** The in-group of an inbound call (vicidial_auto_calls.campaign_id holds it for IN calls). */
	group?: string;
	now?: Date;
}

/**
 * Put a live call on the agent's line: status INCALL, the lead on screen, calls_today + 1.
 * The call gets a callerid like `M1122334450000000008` and a uniqueid like `1795326530.1`.
 */
export function startCall(state: SimState, user: string, options: CallOptions): SimLiveCall {
	const live = liveAgent(state, user, 'startCall');
	const now = options.now ?? new Date();
	const lead = state.leads.get(options.lead_id);
	const seq = state.next.call_seq++;
	const call: SimLiveCall = {
		call_id: callerId(options.call_type, options.lead_id, now),
		uniqueid: `${epoch(now)}.${seq}`,
		lead_id: options.lead_id,
		phone_number: options.phone_number ?? lead?.phone_number ?? '',
		phone_code: lead?.phone_code ?? '1',
		call_type: options.call_type,
		campaign_id: live.campaign_id,
		group: options.group ?? '',
		start_epoch: epoch(now),
		channel: `SIP/trunk-${seq.toString(16).padStart(8, '0')}`,
	};
	if (lead) {
		lead.called_count += 1;
		lead.last_local_call_time = sqlDate(now);
	}
	live.call = call;
	live.lead_id = options.lead_id;
	live.preview = false;
	live.status = 'INCALL';
	live.sub_status = '';
	live.pause_code = '';
	live.calls_today += 1;
	live.last_state_change = epoch(now);
	return call;
}

/**
 * Hang the call up as the screen's "Hangup Customer" does: a vicidial_log (or closer_log) row,
 * and the agent PAUSED on the disposition screen with the lead still there (sub_status DISPO).
 * Returns the log row, or undefined when there was no call.
 */
export function endCall(state: SimState, user: string, now: Date = new Date()): SimCallLog | undefined {
	const live = liveAgent(state, user, 'endCall');
	const call = live.call;
	if (!call) return undefined;
	const lead = state.leads.get(call.lead_id);
	const row: SimCallLog = {
		uniqueid: call.uniqueid,
		call_id: call.call_id,
		lead_id: call.lead_id,
		list_id: lead?.list_id ?? '',
		campaign_id: call.call_type === 'IN' ? call.group : call.campaign_id,
		call_date: sqlDate(new Date(call.start_epoch * 1000)),
		length_in_sec: Math.max(0, epoch(now) - call.start_epoch),
		status: '',
		phone_code: call.phone_code,
		phone_number: call.phone_number,
		user,
		term_reason: 'AGENT',
		direction: call.call_type === 'IN' ? 'IN' : 'OUT',
		did_pattern: '',
		caller_id_number: call.call_type === 'IN' ? call.phone_number : '',
	};
	state.callLog.push(row);
	live.call = null;
	live.status = 'PAUSED';
	live.sub_status = 'DISPO';
	live.last_state_change = epoch(now);
	return row;
}

/** Show a lead in preview (manual dial with preview=YES): PAUSED, no call, sub_status PREVIEW. */
export function previewLead(state: SimState, user: string, lead_id: number, now: Date = new Date()): void {
	const live = liveAgent(state, user, 'previewLead');
	live.lead_id = lead_id;
	live.preview = true;
	live.status = 'PAUSED';
	live.sub_status = 'PREVIEW';
	live.last_state_change = epoch(now);
}

/**
 * Submit a disposition as the screen does after external_status: hang up if still on the call,
 * set the lead's status and user, stamp the call log, and free the screen. The agent then
 * follows the last external_pause command (LOGOUT logs out, PAUSE pauses); otherwise a MANUAL
 * campaign agent stays PAUSED and others go READY.
 */
export function dispositionLead(state: SimState, user: string, status: string, now: Date = new Date()): void {
	const live = liveAgent(state, user, 'dispositionLead');
	const uniqueid = live.call?.uniqueid;
	endCall(state, user, now);
	const lead = state.leads.get(live.lead_id);
	if (lead) {
		lead.status = status;
		lead.user = user;
		lead.modify_date = sqlDate(now);
	}
	const logged = state.callLog.filter((row) => row.lead_id === live.lead_id && (uniqueid === undefined || row.uniqueid === uniqueid)).pop();
	if (logged) logged.status = status;
	live.lead_id = 0;
	live.preview = false;
	live.sub_status = '';
	live.last_state_change = epoch(now);
	const command = live.pending.external_pause ?? '';
	if (command.startsWith('LOGOUT')) {
		logoutAgent(state, user);
		return;
	}
	const manual = state.campaigns.get(live.campaign_id)?.dial_method === 'MANUAL';
	live.status = command.startsWith('PAUSE') || manual ? 'PAUSED' : 'READY';
}

/** Insert a vicidial_list row with the next lead_id, as an INSERT would. */
export function addLead(state: SimState, fields: Partial<SimLead>, now: Date = new Date()): SimLead {
	const lead = leadRow(state.next.lead_id++, { entry_date: sqlDate(now), modify_date: sqlDate(now), ...fields });
	state.leads.set(lead.lead_id, lead);
	return lead;
}

/** The agent screen's pause button (with a pause code) and its resume (READY). */
export function pauseAgent(state: SimState, user: string, pause_code = '', now: Date = new Date()): void {
	const live = liveAgent(state, user, 'pauseAgent');
	live.status = 'PAUSED';
	live.pause_code = pause_code;
	live.last_state_change = epoch(now);
}

export function resumeAgent(state: SimState, user: string, now: Date = new Date()): void {
	const live = liveAgent(state, user, 'resumeAgent');
	live.status = 'READY';
	live.pause_code = '';
	live.last_state_change = epoch(now);
}

export interface RecordingOptions {
	user: string;
	lead_id: number;
	start_time?: Date;
	length_in_sec?: number;
	/** '' while the file is still being mixed and moved; the URL once it is on the web server. */
	location?: string;
}

/**
 * A recording_log row as the dialer writes it when a call recording starts; pass a location, or
 * call `finishRecording` later, for the moment the file is ready (VICIdial fills it in then).
 */
export function addRecording(state: SimState, options: RecordingOptions): SimRecording {
	const recording_id = state.next.recording_id++;
	const start = options.start_time ?? new Date();
	const stamp = sqlDate(start).replace(/[-:]/g, '').replace(' ', '-');
	const lead = state.leads.get(options.lead_id);
	const filename = `${stamp}_${lead?.phone_number ?? '0000000000'}_${options.user}`;
	const recording: SimRecording = {
		recording_id,
		start_time: sqlDate(start),
		length_in_sec: options.length_in_sec ?? 0,
		filename,
		location: options.location ?? '',
		lead_id: options.lead_id,
		user: options.user,
		uniqueid: `${epoch(start)}.${recording_id}`,
		extension: state.liveAgents.get(options.user)?.session_id ?? '',
	};
	state.recordings.push(recording);
	return recording;
}

/** The recording's file is mixed and moved: VICIdial sets its length and location (URL). */
export function finishRecording(state: SimState, recording_id: number, length_in_sec = 60): SimRecording {
	const recording = state.recordings.find((r) => r.recording_id === recording_id);
	if (!recording) throw new Error(`finishRecording: no recording ${recording_id}`);
	recording.length_in_sec = length_in_sec;
	recording.location = `http://${state.system.recordings_host}/RECORDINGS/MP3/${recording.filename}-all.mp3`;
	return recording;
}

/** Calls waiting (LIVE in vicidial_auto_calls) in one in-group's queue. */
export function queueCalls(state: SimState, group_id: string, calls_waiting: number): void {
	const group = state.inGroups.get(group_id);
	if (!group) throw new Error(`queueCalls: no in-group ${group_id}`);
	group.calls_waiting = calls_waiting;
}

export interface CallbackOptions {
	lead_id: number;
	/** When the callback is due (server clock). */
	callback_time: Date;
	/** The agent a USERONLY callback belongs to. */
	user?: string;
	recipient?: SimCallback['recipient'];
	comments?: string;
	now?: Date;
}

/**
 * Schedule a callback as the agent screen's CALLBK disposition (or add_lead callback=Y) does: a
 * vicidial_callbacks row, ACTIVE, and the lead locked as CBHOLD until it is due.
 */
export function scheduleCallback(state: SimState, options: CallbackOptions): SimCallback {
	const lead = state.leads.get(options.lead_id);
	if (!lead) throw new Error(`scheduleCallback: no lead ${options.lead_id}`);
	const callback: SimCallback = {
		callback_id: state.next.callback_id++,
		lead_id: options.lead_id,
		list_id: lead.list_id,
		campaign_id: 'TESTCAMP',
		status: 'ACTIVE',
		entry_time: sqlDate(options.now ?? new Date()),
		callback_time: sqlDate(options.callback_time),
		user: options.user ?? '1000',
		recipient: options.recipient ?? 'USERONLY',
		comments: options.comments ?? '',
		user_group: state.users.get(options.user ?? '1000')?.user_group ?? 'ADMIN',
		lead_status: 'CALLBK',
	};
	lead.status = 'CBHOLD';
	state.callbacks.push(callback);
	return callback;
}

/**
 * What VICIdial's hopper script does once a callback's time has come (LIVE: waiting for the
 * agent), and what the agent's call-back does after (INACTIVE).
 */
export function setCallbackStatus(state: SimState, callback_id: number, status: SimCallback['status']): void {
	const callback = state.callbacks.find((cb) => cb.callback_id === callback_id);
	if (!callback) throw new Error(`setCallbackStatus: no callback ${callback_id}`);
	callback.status = status;
}

export type AgentTime = Partial<Pick<SimAgentLog, 'campaign_id' | 'lead_id' | 'sub_status' | 'pause_sec' | 'wait_sec' | 'talk_sec' | 'dispo_sec' | 'dead_sec'>> & { now?: Date };

/** A vicidial_agent_log row as the agent screen writes one per pause or call. */
export function logAgentTime(state: SimState, user: string, time: AgentTime): SimAgentLog {
	const id = state.agentLog.reduce((max, row) => Math.max(max, row.agent_log_id), 0) + 1;
	const row: SimAgentLog = {
		agent_log_id: id,
		user,
		event_time: sqlDate(time.now ?? new Date()),
		campaign_id: time.campaign_id ?? 'TESTCAMP',
		lead_id: time.lead_id ?? 0,
		uniqueid: '',
		sub_status: time.sub_status ?? '',
		pause_sec: time.pause_sec ?? 0,
		wait_sec: time.wait_sec ?? 0,
		talk_sec: time.talk_sec ?? 0,
		dispo_sec: time.dispo_sec ?? 0,
		dead_sec: time.dead_sec ?? 0,
	};
	state.agentLog.push(row);
	return row;
}
