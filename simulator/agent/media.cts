import { sqlDate, type Handler } from '../context.cjs';
import type { SimLiveAgent, SimState } from '../state.cjs';
import { agentFunction, input, invalidValue, line, noAgentNamed, queueManagerAction } from './common.cjs';

/** Recording, audio playback and DTMF in the agent's session. Replies as in agc/api.php. */

/**
 * vicidial_live_agents.external_recording as api.php reads it: the recording_id the screen wrote
 * back once a recording started, else the last command (START, STOP) or ''.
 */
function recordingColumn(live: SimLiveAgent): string {
	return live.recording ? String(live.recording.recording_id) : (live.pending.external_recording ?? '');
}

/** What the screen does on START: a recording_log row named `<date>-<time>_<phone>_<agent><suffix>`. */
function startRecording(state: SimState, live: SimLiveAgent, suffix: string, now: Date): void {
	const start_time = sqlDate(now);
	const stamp = start_time.replace(/-/g, '').replace(' ', '-').replace(/:/g, '');
	const filename = `${stamp}_${live.call?.phone_number ?? ''}_${live.user}${suffix}`;
	const recording_id = state.next.recording_id++;
	live.recording = { recording_id, filename, start_time };
	state.recordings.push({
		recording_id,
		start_time,
		length_in_sec: 0,
		filename,
		location: '',
		lead_id: live.lead_id,
		user: live.user,
		uniqueid: live.call?.uniqueid ?? '',
		extension: live.session_id,
	});
}

/**
 * START/STOP: `SUCCESS: recording function sent - 1000|START||||127.0.0.1|8600051|PAUSED` (verified).
 * STATUS: `NOTICE: not recording - 1000|||||127.0.0.1|8600051|PAUSED` (verified) or
 * `NOTICE: recording active - agent|recording_id|filename|server|start_time|agent_server|session|status`.
 * `stage` (14 characters at most) is appended to START and to the filename.
 */
const recording = agentFunction(
	{ invalid: invalidValue('recording', (value) => !/START|STOP|STATUS/.test(value)) },
	({ ctx, state, agentUser, live }) => {
		let value = input(ctx, 'value');
		const column = recordingColumn(live);
		const session = `${live.server_ip}|${live.session_id}|${live.status}`;
		if (value === 'STATUS') {
			const active = live.recording;
			if (!active) return line('NOTICE', 'not recording', `${agentUser}|||||${session}`);
			return line('NOTICE', 'recording active', `${agentUser}|${active.recording_id}|${active.filename}|${live.server_ip}|${active.start_time}|${session}`);
		}
		if (value.includes('STOP') && !live.recording) return line('ERROR', 'stop recording error', `${agentUser}|${column}||||${session}`);
		const stage = input(ctx, 'stage').slice(0, 14);
		if (stage.length > 0 && value.includes('START')) value = `${value}${stage}`;
		live.pending.external_recording = value;
		if (value.includes('START')) {
			startRecording(state, live, stage, ctx.now);
		} else if (live.recording) {
			const stopped = state.recordings.find((row) => row.recording_id === live.recording?.recording_id);
			if (stopped) stopped.length_in_sec = Math.max(0, Math.floor((ctx.now.getTime() - new Date(stopped.start_time).getTime()) / 1000));
			live.recording = null;
		}
		return line('SUCCESS', 'recording function sent', `${agentUser}|${value}||||${session}`);
	},
);

/** The CallerID api.php gives its playback Originate: `"<file>" <473782158521111>`. */
const PLAYBACK_EXTEN = '473782158521111';

/**
 * `SUCCESS: audio_playback function sent - ss-noservice|PLAY|1000` (verified). PLAY queues an
 * Originate of the file into the session; with audio already playing it is refused unless
 * dial_override=Y (then a NOTICE line first). STOP, PAUSE, RESUME and RESTART need audio playing.
 * Its not-logged-in and not-valid lines carry the stage.
 */
const audio_playback = agentFunction(
	{
		invalid: (ctx) => {
			const [value, stage] = [input(ctx, 'value'), input(ctx, 'stage')];
			if ((value.length < 1 && stage === 'PLAY') || stage.length < 4 || noAgentNamed(ctx)) {
				return line('ERROR', 'audio_playback not valid', `${value}|${stage}|${input(ctx, 'agent_user')}`);
			}
			return undefined;
		},
		notLoggedIn: (ctx, agentUser) => line('ERROR', 'agent_user is not logged in', `${input(ctx, 'stage')}|${agentUser}`),
		altUserNotFound: (ctx, altUser) => line('ERROR', 'no user found', `${input(ctx, 'stage')}|${altUser}`),
	},
	({ ctx, state, agentUser, live }) => {
		const [value, stage, override] = [input(ctx, 'value'), input(ctx, 'stage'), input(ctx, 'dial_override')];
		if (live.session_id.length <= 5 || live.server_ip.length <= 5) return line('ERROR', 'audio_playback error - entry is empty', `${stage}|${agentUser}`);
		let reply = '';
		if (stage === 'PLAY') {
			if (live.playing !== undefined) {
				if (override !== 'Y') {
					return line('ERROR', 'audio_playback error - audio already playing in agent session', `${live.session_id}|${live.server_ip}|${stage}|${override}|${agentUser}`);
				}
				reply = line('NOTICE', 'audio_playback previous playback stopped', `${stage}|${override}|${agentUser}`);
			}
			queueManagerAction(state, ctx.now, {
				server_ip: live.server_ip,
				action: 'Originate',
				callerid: value,
				channel: `Channel: Local/47378216${live.session_id}@default`,
				exten: `Exten: ${PLAYBACK_EXTEN}`,
			});
			live.playing = value;
		} else {
			if (live.playing === undefined) {
				return line('ERROR', 'audio_playback error - no audio playing in agent session', `${live.session_id}|${live.server_ip}|${stage}|${agentUser}`);
			}
			if (stage === 'STOP') live.playing = undefined;
		}
		return reply + line('SUCCESS', 'audio_playback function sent', `${value}|${stage}|${agentUser}`);
	},
);

/** `SUCCESS: send_dtmf function set - QQ1234P|1000` (verified): P is #, S is *, Q a second's pause. */
const send_dtmf = agentFunction(
	{ invalid: invalidValue('send_dtmf', (value) => value.length < 1) },
	({ ctx, agentUser, live }) => {
		const value = input(ctx, 'value');
		live.pending.external_dtmf = value;
		return line('SUCCESS', 'send_dtmf function set', `${value}|${agentUser}`);
	},
);

export const mediaHandlers: Record<string, Handler> = { recording, audio_playback, send_dtmf };
