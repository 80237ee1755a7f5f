import { resourceOf } from '../resources';
import * as A from './adminFields';

// The pickers check only the user level (> 6), not Agent API Access (code).
const PICKER = 'user level 7+';
const SOUNDS = 'user level 7+, and the system setting Central Sound Control Active = 1';

export const systemFunctions = resourceOf('nonAgent', 'system', {
	version: {
		label: 'Get Version',
		action: 'Get the API version',
		description:
			'Get the Non-Agent API version and build, the server date and epoch, and its time zone offset with and without DST; needs no login (VICIdial function version)',
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		noAuth: true,
		reply: { kind: 'version' },
	},

	server_refresh: {
		label: 'Refresh Servers',
		action: 'Refresh the telephony servers',
		description:
			'Make every telephony server in the cluster rebuild its Asterisk configuration files, for example after adding phones (VICIdial function server_refresh)',
		fields: [],
		// The docs list stage=REFRESH as the one required value.
		fixed: { stage: 'REFRESH' },
		writes: true,
		retry: { kind: 'never', why: 'each call flags every server for another configuration rebuild' },
		permission: 'Agent API Access = 1, Ast Admin Access = 1, user level 8+',
		reply: {
			kind: 'status',
			lines: { 'SERVER REFRESH HAS BEEN TRIGGERED': ['api_user', 'servers_flagged'] },
		},
	},

	sounds_list: {
		label: 'List Sounds',
		action: 'List audio files',
		description:
			'List the .wav and .gsm files of the audio store with date, size and epoch; needs central sound control (VICIdial function sounds_list)',
		fields: [A.sounds_sort.req()],
		// format=tab is the one plain-text form (notes §3); link and selectframe answer HTML.
		// The `comments` parameter only names the admin page field an HTML picker fills in.
		fixed: { format: 'tab' },
		writes: false,
		returnsList: true,
		retry: { kind: 'always' },
		permission: SOUNDS,
		// `<row>\t<file>\t<Y-m-d H:i:s.>\t<bytes>\t<epoch>` (code).
		reply: {
			kind: 'table',
			delimiter: '\t',
			columns: ['index', 'filename', 'date', 'size', 'epoch'],
		},
	},

	moh_list: {
		label: 'List Music on Hold',
		action: 'List music-on-hold classes',
		description:
			"Get the music-on-hold classes as the admin screen's HTML picker, returned as text; needs central sound control (VICIdial function moh_list)",
		fields: [],
		// Only format=selectframe works (docs); `comments` names the admin page field to fill.
		fixed: { format: 'selectframe' },
		writes: false,
		retry: { kind: 'always' },
		permission: SOUNDS,
		reply: { kind: 'text', field: 'html' },
		// Its errors are printed as sounds_list (notes §7.6).
		replyAliases: ['sounds_list'],
	},

	vm_list: {
		label: 'List Voicemail Boxes',
		action: 'List voicemail boxes',
		description:
			"Get the voicemail boxes (ID, name, email) as the admin screen's HTML picker, returned as text (VICIdial function vm_list)",
		fields: [],
		// Only format=selectframe works (docs); `comments` names the admin page field to fill.
		fixed: { format: 'selectframe' },
		writes: false,
		retry: { kind: 'always' },
		permission: PICKER,
		reply: { kind: 'text', field: 'html' },
	},

	ingroup_list: {
		label: 'List In-Groups',
		action: 'List in-groups',
		description:
			"Get the active inbound groups (ID, name, color) as the admin screen's HTML picker, returned as text; undocumented (VICIdial function ingroup_list)",
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		permission: PICKER,
		reply: { kind: 'text', field: 'html' },
	},

	callmenu_list: {
		label: 'List Call Menus',
		action: 'List call menus',
		description:
			"Get the call menus (ID, name) as the admin screen's HTML picker, returned as text; undocumented (VICIdial function callmenu_list)",
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		permission: PICKER,
		reply: { kind: 'text', field: 'html' },
	},

	container_list: {
		label: 'List Settings Containers',
		action: 'List settings containers',
		description:
			"Get the settings containers of one type (ID, notes) as the admin screen's HTML picker, returned as text; undocumented (VICIdial function container_list)",
		fields: [A.container_type.req()],
		writes: false,
		retry: { kind: 'always' },
		permission: PICKER,
		reply: { kind: 'text', field: 'html' },
	},
});
