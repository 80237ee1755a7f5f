import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';
import * as A from './fields';

/** Agent screen functions of the Agent API: lead fields, timers, panels, notifications, voicemail. */

export const screenFunctions = resourceOf('agent', 'screen', {
	update_fields: {
		label: 'Update Lead Fields',
		action: 'Update the lead fields on the agent screen',
		description:
			'Change fields of the lead on the agent\'s screen: the lead is updated at once and the screen is told to show the new values; only the fields given are changed (VICIdial Agent API function update_fields)',
		fields: [
			F.logged_in_agent.req(),
			F.phone_number,
			F.phone_code,
			// The Agent API clears a field when it is sent empty ("Clear Fields" sends '').
			...A.agentLeadDataFields.map((f) => f.with({ blankable: f.name !== 'rank' && f.name !== 'gmt_offset_now' })),
			// No Reload Email: api.php picks the lead fields to write with preg_match('/email/') on
			// the whole request, so emailreload=1 alone also writes the lead's email as empty.
			// Refresh Panels (refresh_panel) still reloads the Email panel.
			...A.panelReloads.filter((f) => f.name !== 'emailreload'),
		],
		customFields: true,
		// api.php matches postal_code, province, security_phrase, source_id, state, title,
		// vendor_lead_code, rank and owner with /i, the other field names exactly.
		fieldsPickedByName: {
			caseInsensitive: ['postal_code', 'province', 'security_phrase', 'source_id', 'state', 'title', 'vendor_lead_code', 'rank', 'owner'],
		},
		writes: true,
		retry: A.liveCommand('the fields are written to whatever lead is on screen; a repeat after the next call would change that lead'),
		permission: `${A.AGENT_ACCESS} with a lead on screen; API user: Modify Leads = 1-4`,
		reply: A.statusReply({
			// Verified 2.14 (notes §8.4), not the docs' user|agent|lead_id|SQL:
			// `U|1000|4|1|1|city,first_name|city="Tampa",first_name="Zed"|`.
			'lead updated': ['user', 'agent_user', 'lead_id', 'lead_rows_updated', 'agent_rows_updated', 'fields', 'sql'],
		}),
	},

	set_timer_action: {
		label: 'Set Timer Action',
		action: 'Set a timed action on the agent\'s call',
		description:
			'Make the agent screen open a web form, dial a Transfer-Conf preset or show a message a number of seconds into the current call. SUCCESS means the timer was queued for the agent screen (VICIdial Agent API function set_timer_action)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Action',
				'What the agent screen does when the timer fires',
				[
					{ value: 'MESSAGE_ONLY', name: 'Message Only', description: 'Only show Message' },
					{ value: 'WEBFORM', name: 'Web Form', description: 'Open the campaign\'s web form' },
					{ value: 'WEBFORM2', name: 'Web Form 2', description: 'Open the campaign\'s second web form' },
					{ value: 'D1_DIAL', name: 'Dial Preset 1' },
					{ value: 'D2_DIAL', name: 'Dial Preset 2' },
					{ value: 'D3_DIAL', name: 'Dial Preset 3' },
					{ value: 'D4_DIAL', name: 'Dial Preset 4' },
					{ value: 'D5_DIAL', name: 'Dial Preset 5' },
					{ value: 'NONE', name: 'None', description: 'Clear the timer action' },
				],
			),
			field({
				name: 'notes',
				label: 'Message',
				type: 'string',
				max: 255,
				pattern: { regex: /^[-. _A-Za-z0-9]+$/, allowed: 'letters, digits, spaces, . _ and -' },
				description: 'Message shown with the timer action',
			}),
			field({
				name: 'rank',
				label: 'Seconds Into Call',
				type: 'integer',
				min: 0,
				max: 99999,
				description: 'When the action fires, in seconds from the start of the call',
			}),
		],
		writes: true,
		retry: A.liveCommand('the timer belongs to the current call; a repeat after it ends would set it on the next call'),
		permission: `${A.AGENT_ACCESS}; API user: Modify Campaigns = 1`,
		reply: A.statusReply({ 'lead updated': ['user', 'agent_user', 'value', 'notes', 'rank'] }),
	},

	refresh_panel: {
		label: 'Refresh Panels',
		action: 'Reload panels on the agent screen',
		description:
			'Reload one or more panels of the agent screen (script, script 2, form, email, chat, callbacks); no lead needs to be on screen. SUCCESS means the reload was queued for the agent screen (VICIdial Agent API function refresh_panel)',
		fields: [F.logged_in_agent.req(), ...A.panelReloads, A.callbacksreload],
		writes: true,
		retry: A.liveCommand('a repeat only reloads the panels again, but the reload can discard what the agent typed'),
		permission: A.AGENT_ACCESS,
		reply: A.statusReply({
			// `U|1000|1|scriptreload|` (verified, notes §8.5): the third value counts the agent rows
			// updated; it is no lead ID.
			'request sent': ['user', 'agent_user', 'rows_updated', 'panels'],
		}),
	},

	send_notification: {
		label: 'Send Notification',
		action: 'Send a notification to agent screens',
		description:
			'Show a text alert and/or a confetti effect on the screens of one agent, a user group or a campaign, now or at a set time (kept for one minute after it if nobody is logged in) (VICIdial Agent API function send_notification)',
		fields: [
			field({
				name: 'recipient_type',
				label: 'Recipient Type',
				type: 'options',
				required: true,
				default: 'USER',
				options: [
					{ value: 'USER', name: 'User', description: 'One agent' },
					{ value: 'USER_GROUP', name: 'User Group', description: 'Every agent of the user group logged in at the notification time' },
					{ value: 'CAMPAIGN', name: 'Campaign', description: 'Every agent logged in to the campaign at the notification time' },
				],
				description: 'What Recipient names',
			}),
			field({
				name: 'recipient',
				label: 'Recipient',
				type: 'code',
				required: true,
				min: 1,
				max: 20,
				description: 'User ID, user group or campaign ID, matching Recipient Type',
			}),
			F.callback_datetime.with({
				// The Agent API needs a full date and time: it drops the callback for NOW or 3DAYS.
				accepts: undefined,
				name: 'notification_date',
				label: 'Notification Date',
				description: 'When to show it: YYYY-MM-DD HH:MM:SS (default now)',
			}),
			field({
				name: 'notification_text',
				label: 'Text',
				type: 'string',
				max: 1000,
				description: 'Text of the alert box',
			}),
			field({
				name: 'text_size',
				label: 'Text Size',
				type: 'integer',
				min: 1,
				max: 200,
				description: 'Font size in points (default 12)',
			}),
			field({
				name: 'text_font',
				label: 'Text Font',
				type: 'string',
				max: 50,
				description: 'Font name (default Arial)',
			}),
			field({
				name: 'text_weight',
				label: 'Text Weight',
				type: 'multiOptions',
				separator: ',',
				options: [
					{ value: 'bold', name: 'Bold' },
					{ value: 'italic', name: 'Italic' },
					{ value: 'underline', name: 'Underline' },
				],
				description: 'Text style (default bold)',
			}),
			field({
				name: 'text_color',
				label: 'Text Color',
				type: 'string',
				max: 20,
				pattern: {
					regex: /^([A-Za-z]+|[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$/,
					allowed: 'a color name (red) or 3 or 6 hex digits without # (FF0, 009900)',
				},
				description: 'Color name or hex value without # (default black)',
			}),
			field({
				name: 'show_confetti',
				label: 'Show Confetti',
				type: 'boolean',
				flag: 'Y/N',
				description: 'Show a confetti animation (default N)',
			}),
			field({
				name: 'duration',
				label: 'Confetti Duration',
				type: 'integer',
				min: 1,
				max: 10,
				description: 'Seconds of confetti: up to 10 (default from settings container CONFETTI_SETTINGS, else 2)',
			}),
			field({
				name: 'maxParticleCount',
				label: 'Confetti Particles',
				type: 'integer',
				min: 1,
				max: 9999,
				description: 'Number of confetti particles: up to 9999 (default from CONFETTI_SETTINGS, else 2350)',
			}),
			field({
				name: 'particleSpeed',
				label: 'Confetti Speed',
				type: 'integer',
				min: 1,
				max: 100,
				description: 'Speed of the confetti: up to 100 (default from CONFETTI_SETTINGS, else 60)',
			}),
		],
		writes: true,
		retry: { kind: 'never', why: 'a repeat shows the notification twice' },
		permission: 'API user: Agent API Access = 1 and access to the recipient\'s campaign or user group; system setting Agent API Notifications enabled',
		reply: A.statusReply({
			// Code order (notes §5); AGENT_API.txt shows the bare `SUCCESS: notification queued`.
			'notification queued': ['recipient', 'recipient_type', 'notification_id'],
		}),
	},

	vm_message: {
		label: 'Set Voicemail Message',
		action: 'Set the voicemail message for the agent\'s call',
		description:
			'Choose the audio played when the agent clicks the VM button on the current call; needs campaign Answering Machine Message = LTTagent. SUCCESS means the message was queued for the agent screen (VICIdial Agent API function vm_message)',
		fields: [
			F.logged_in_agent.req(),
			field({
				name: 'value',
				label: 'Audio Files',
				type: 'list',
				separator: '|',
				required: true,
				description: 'One or more audio store files, without extension, played in order',
			}),
			F.lead_id.with({ description: 'When set, VICIdial checks the agent is talking to this lead' }),
		],
		writes: true,
		retry: A.liveCommand('the message belongs to the current call; a repeat after it ends would set it on the next call'),
		permission: `${A.AGENT_ACCESS} with a live call`,
		reply: A.statusReply({
			// The files are `|`-separated too, so only the first is named; the rest follow unnamed.
			'function set': ['agent_user', 'lead_id', 'value'],
		}),
	},

	webphone_url: {
		label: 'Get Webphone URL',
		action: 'Get the webphone URL of an agent\'s session',
		description:
			'Return the webphone URL of the agent\'s current session (DISPLAY), or a page that redirects to it (LAUNCH); only when the agent uses a webphone (VICIdial Agent API function webphone_url)',
		fields: [
			F.logged_in_agent.req(),
			A.valueChoice(
				'Output',
				'How the URL comes back',
				[
					{ value: 'DISPLAY', name: 'Display', description: 'The URL as text' },
					{ value: 'LAUNCH', name: 'Launch', description: 'An HTML page that redirects to the URL (for a browser)' },
				],
			),
		],
		// Reads vicidial_session_data only.
		writes: false,
		retry: { kind: 'always' },
		permission: A.AGENT_ACCESS,
		reply: { kind: 'text', field: 'url' },
	},
});
