import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';
import * as A from './fields';

/** Media functions of the Agent API: recording, audio playback, DTMF. */

/** recording prints eight values on every line; the second one depends on the command. */
const RECORDING_VALUES = ['user', 'recording_id', 'filename', 'server', 'start_time', 'agent_server', 'session', 'status'] as const;

/**
 * START and STOP echo the command sent in the second slot (`1000|START||||127.0.0.1|8600051|PAUSED`,
 * verified, notes §8.6), suffix included (START_MIDCALL); only STATUS lines carry a recording id.
 */
const COMMAND_VALUES = ['user', 'command', ...RECORDING_VALUES.slice(2)] as const;

export const mediaFunctions = resourceOf('agent', 'media', {
	recording: {
		label: 'Recording',
		action: 'Start, stop or check recording on the agent screen',
		description:
			'Start or stop recording on the agent screen, or read the recording status and the agent\'s session and server. START and STOP are queued for the agent screen; STATUS reads at once (VICIdial Agent API function recording)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'Recording command',
				[
					{ value: 'START', name: 'Start', description: 'Start a recording (several can run at once)' },
					{ value: 'STOP', name: 'Stop', description: 'Stop every active recording' },
					{ value: 'STATUS', name: 'Status', description: 'Return the active recording and session details' },
				],
				'STATUS',
			),
			field({
				name: 'stage',
				label: 'Filename Suffix',
				type: 'string',
				max: 14,
				pattern: { regex: /^[-_A-Za-z0-9]+$/, allowed: 'letters, digits, - and _' },
				description: 'Appended to the recording filename: up to 14 characters, START only (for example _MIDCALL)',
			}),
		],
		// START/STOP change the call; one entry serves all three values, so it counts as writing.
		writes: true,
		retry: A.liveCommand('a repeated START starts a second recording'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			'function sent': COMMAND_VALUES,
			'not recording': RECORDING_VALUES,
			// `NOTICE: recording active - …` starts with the function's own name, which the parser
			// takes as the function, leaving the reason "active".
			active: RECORDING_VALUES,
			'stop recording error': RECORDING_VALUES,
		}),
	},

	audio_playback: {
		label: 'Audio Playback',
		action: 'Play, pause or stop audio in the agent session',
		description:
			'Play an audio store file into the agent\'s session (the customer hears it), or stop, pause, resume or restart it. SUCCESS means the command was queued for the telephony server (VICIdial Agent API function audio_playback)',
		fields: [
			F.logged_in_agent.req(),
			field({
				name: 'stage',
				label: 'Action',
				type: 'options',
				required: true,
				default: 'PLAY',
				options: [
					{ value: 'PLAY', name: 'Play', description: 'Play Audio File' },
					{ value: 'STOP', name: 'Stop' },
					{ value: 'PAUSE', name: 'Pause', description: 'Asterisk 1.8 or later' },
					{ value: 'RESUME', name: 'Resume', description: 'Asterisk 1.8 or later' },
					{ value: 'RESTART', name: 'Restart', description: 'Play again from the start; Asterisk 1.8 or later' },
				],
				description: 'Playback command',
			}),
			field({
				name: 'value',
				label: 'Audio File',
				type: 'string',
				max: 100,
				pattern: { regex: /^[-_A-Za-z0-9]+$/, allowed: 'letters, digits, - and _ (no extension)' },
				description: 'Audio store file to play, without extension; needed for Play',
			}),
			field({
				name: 'dial_override',
				label: 'Replace Playing Audio',
				type: 'boolean',
				flag: 'Y/N',
				description: 'Play even when audio is already playing, stopping it first (default N: refused)',
			}),
		],
		writes: true,
		retry: A.liveCommand('a repeated PLAY plays the file again or is refused while it plays'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			'function sent': ['value', 'stage', 'agent_user'],
			'previous playback stopped': ['stage', 'dial_override', 'agent_user'],
		}),
	},

	send_dtmf: {
		label: 'Send DTMF',
		action: 'Send DTMF tones into the agent session',
		description:
			'Send a string of DTMF tones into the agent\'s session, for example to navigate a phone menu during a call. SUCCESS means the tones were queued for the agent screen (VICIdial Agent API function send_dtmf)',
		fields: [
			F.logged_in_agent.req(),
			field({
				name: 'value',
				label: 'DTMF Digits',
				type: 'string',
				required: true,
				min: 1,
				max: 100,
				// api.php strips # and *, hence VICIdial's letters for them.
				pattern: { regex: /^[0-9PSQ]+$/, allowed: 'digits, P for #, S for * and Q for one second of silence' },
				description: 'Digits to send; write # as P, * as S, and Q for one second of silence (QQ1234P)',
			}),
		],
		writes: true,
		retry: A.liveCommand('a repeat sends the tones twice'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({ 'function set': ['value', 'agent_user'] }),
	},
});
