import { epoch, sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import { dashLine, pipeLine } from './adminReplies.cjs';
import { allowed, arg, denied } from './php.cjs';

/** `VERSION: 2.14-202|BUILD: 250720-1841|DATE: …|EPOCH: …|DST: 0|TZ: -5.00|TZNOW: -5.00|` (verified). */
const version: Handler = ({ state, now }) =>
	`VERSION: ${state.system.version}|BUILD: ${state.system.build}|DATE: ${sqlDate(now)}|EPOCH: ${epoch(now)}|DST: 0|TZ: ${state.system.tz}|TZNOW: ${state.system.tz}|\n`;

/**
 * server_refresh: marks every server for a conf rebuild. The count is the rows MySQL changed,
 * so a server already flagged counts 0 (the verified reply is `…TRIGGERED - 6666|0`).
 */
const server_refresh: Handler = (ctx) => {
	const user = ctx.apiUser;
	if (!allowed(user, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) {
		return denied('server_refresh', 'REFRESH SERVERS', user.user, false);
	}
	if (!/REFRESH/.test(arg(ctx, 'stage'))) {
		// The PHP prints the phone-alias variables here (copied code): `|user|||`.
		return pipeLine(
			'ERROR',
			'server_refresh YOU MUST USE ALL REQUIRED FIELDS',
			user.user,
			`${arg(ctx, 'alias_id')}|${arg(ctx, 'alias_name')}|${arg(ctx, 'phone_logins')}`,
		);
	}
	let changed = 0;
	for (const server of ctx.state.admin.servers) {
		if (server.rebuild_conf_files !== 'Y') changed += 1;
		server.rebuild_conf_files = 'Y';
	}
	return dashLine('SUCCESS', 'server_refresh SERVER REFRESH HAS BEEN TRIGGERED', user.user, String(changed));
};

// ---------------------------------------------------------------------------------------------
// HTML pickers. The admin GUI loads them in an iframe; the markup below is the PHP's, byte for
// byte, including the tabs inside the script and the API password echoed in the sort links.
// ---------------------------------------------------------------------------------------------

const PHP_SELF = '/vicidial/non_agent_api.php';
const FONT1 = '<font size=1 face="Arial,Helvetica">';
const FONT2 = '<font size=2 face="Arial,Helvetica">';
const PICKER_END = '</table></div></body></HTML>\n';

/** From the leading blank line to the opening `<tr>` of the header row. */
const PICKER_HEAD = [
	'',
	'<HTML><head><title>NON-AGENT API</title>',
	'<script language="Javascript">',
	'function choose_file(filename,fieldname)',
	'\t{',
	'\tif (filename.length > 0)',
	'\t\t{',
	'\t\tparent.document.getElementById(fieldname).value = filename;',
	'\t\tdocument.getElementById("selectframe").innerHTML = \'\';',
	'\t\tdocument.getElementById("selectframe").style.visibility = \'hidden\';',
	'\t\tparent.close_chooser();',
	'\t\t}',
	'\t}',
	'function close_file()',
	'\t{',
	'\tdocument.getElementById("selectframe").innerHTML = \'\';',
	'\tdocument.getElementById("selectframe").style.visibility = \'hidden\';',
	'\tparent.close_chooser();',
	'\t}',
	'</script>',
	'</head>',
	'',
	'<body>',
	`<a href="javascript:close_file();">${FONT1}close frame</font></a>`,
	'<div id=\'selectframe\' style="height:400px;width:710px;overflow:scroll;">',
	'<table border=0 cellpadding=1 cellspacing=2 width=690 bgcolor=white><tr>',
]
	.map((row) => `${row}\n`)
	.join('');

/** Alternating row colours: odd row numbers are grey (`/1$|3$|5$|7$|9$/`). */
const rowColour = (sf: number) => (sf % 2 === 1 ? 'bgcolor="#E6E6E6"' : 'bgcolor="#F6F6F6"');

/** The picker link cell: a click copies the id into the field named by `comments`. */
const chooseCell = (id: string, comments: string) => `<td colspan=2><a href="javascript:choose_file('${id}','${comments}');">${FONT2}${id}</a></td>\n`;

/** A picker header: `#`, the item column, then the other column titles. */
function pickerHeader(itemTitle: string, others: string[]): string {
	return `${PICKER_HEAD}<td width=30>#</td>\n<td colspan=2>${itemTitle}</td>\n${others.map((title) => `<td>${title}</td>\n`).join('')}</tr>\n`;
}

/** One picker row: number, link, then the plain cells (the last one closes the row). */
function pickerRow(sf: number, id: string, comments: string, cells: string[]): string {
	const plain = cells.map((cell, i) => `<td>${FONT2}${cell}</td>${i === cells.length - 1 ? '</tr>' : ''}\n`).join('');
	return `<tr ${rowColour(sf)}><td width=30>${FONT1}${sf}</td>\n${chooseCell(id, comments)}${plain}`;
}

/** Every picker needs only `user_level > 6`, checked before the allowed-functions list. */
function pickerDenied(ctx: HandlerContext, fn: string, what: string): string | undefined {
	if (allowed(ctx.apiUser, { minLevel: 7 })) return undefined;
	return `ERROR: ${fn} USER DOES NOT HAVE PERMISSION TO ${what}: |${ctx.apiUser.user}|0|\n`;
}

type SoundSort = 'date' | 'name' | 'size' | undefined;

/** The last of date/name/size found in `stage` decides the order (later assignments win in the PHP). */
function soundSort(stage: string): SoundSort {
	if (/size/i.test(stage)) return 'size';
	if (/name/i.test(stage)) return 'name';
	if (/date/i.test(stage)) return 'date';
	return undefined;
}

/**
 * sounds_list: the audio store, as TAB lines, links or an HTML picker. Needs central sound
 * control; without it the reply is the verified `CENTRAL SOUND CONTROL IS NOT ACTIVE: |u|0|`.
 * Without a date/name/size `stage` the PHP has no sort keys and prints nothing.
 */
const sounds_list: Handler = (ctx) => {
	const denied = pickerDenied(ctx, 'sounds_list', 'VIEW SOUNDS LIST');
	if (denied) return denied;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!state.system.central_sound_control) return pipeLine('ERROR', 'sounds_list CENTRAL SOUND CONTROL IS NOT ACTIVE', user, '0|');
	const format = arg(ctx, 'format');
	const comments = arg(ctx, 'comments');
	const stage = arg(ctx, 'stage');
	const sort = soundSort(stage);
	if (!sort) return '';
	const { sounds_web_server: webServer, sounds_web_directory: webDir } = state.admin.settings;
	const files = [...state.admin.audioStore];
	if (sort === 'name') files.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
	if (sort === 'date') files.sort((a, b) => b.epoch - a.epoch);
	if (sort === 'size') files.sort((a, b) => b.size - a.size);
	const server = /^http:|^https:/i.test(webServer) ? webServer : `http://${webServer}`;
	let out = '';
	let sf = 0;
	files.forEach((file, k) => {
		const date = `${sqlDate(new Date(file.epoch * 1000))}.`;
		if (/tab/i.test(format)) out += `${k}\t${file.filename}\t${date}\t${file.size}\t${file.epoch}\n`;
		if (/link/i.test(format)) out += `<a href="${server}/${webDir}/${file.filename}">${file.filename}</a><br>\n`;
		if (/selectframe/i.test(format)) {
			if (sf < 1) {
				const sortLink = (by: string, title: string) =>
					`<td><a href="${PHP_SELF}?source=admin&function=sounds_list&user=${user}&pass=${arg(ctx, 'pass')}&format=selectframe&comments=${comments}&stage=${by}"><font color=black>${title}</td>\n`;
				out += `${PICKER_HEAD}<td>#</td>\n${sortLink('name', 'FILENAME')}${sortLink('date', 'DATE')}${sortLink('size', 'SIZE')}<td>PLAY</td>\n</tr>\n`;
			}
			sf += 1;
			const prompt = file.filename.replace(/\.wav$|\.gsm$/, '');
			out +=
				`<tr><td>${FONT1}${sf}</td>\n` +
				`<td><a href="javascript:choose_file('${prompt}','${comments}');">${FONT1}${file.filename}</a></td>\n` +
				`<td>${FONT1}${date}</td>\n` +
				`<td>${FONT1}${file.size}</td>\n` +
				`<td><a href="/${webDir}/${file.filename}" target="_blank">${FONT1}PLAY</a></td></tr>\n`;
		}
	});
	if (sf > 0) out += PICKER_END;
	return out;
};

/** moh_list: music-on-hold classes as an HTML picker. Its errors say `sounds_list` (PHP bug, notes §7.6). */
const moh_list: Handler = (ctx) => {
	const denied = pickerDenied(ctx, 'sounds_list', 'VIEW SOUNDS LIST');
	if (denied) return denied;
	const { state } = ctx;
	if (!state.system.central_sound_control) return pipeLine('ERROR', 'sounds_list CENTRAL SOUND CONTROL IS NOT ACTIVE', ctx.apiUser.user, '0|');
	const comments = arg(ctx, 'comments');
	const classes = state.admin.musicOnHold.filter((moh) => moh.active === 'Y').sort((a, b) => (a.moh_id < b.moh_id ? -1 : 1));
	let out = pickerHeader('Music On Hold Class', ['Name', 'Random']);
	classes.forEach((moh, k) => {
		const sf = k + 1;
		out += pickerRow(sf, moh.moh_id, comments, [moh.moh_name, moh.random]);
		const files = moh.files.map((file) => `${file} &nbsp; `).join('');
		out += `<tr ${rowColour(sf)}><td colspan=2 width=100>${FONT1}&nbsp;</td>\n` + `<td colspan=3 width=590>${FONT2}Files: </font>${FONT1}${files}</td></tr>\n`;
	});
	return out + PICKER_END;
};

/** vm_list: voicemail boxes, then the phones' boxes (numbering restarts, as in the PHP). */
const vm_list: Handler = (ctx) => {
	const denied = pickerDenied(ctx, 'vm_list', 'VIEW VOICEMAIL BOXES LIST');
	if (denied) return denied;
	const { state } = ctx;
	const comments = arg(ctx, 'comments');
	let out = pickerHeader('Voicemail Boxes', ['Name', 'Email']);
	const boxes = state.admin.voicemail.filter((box) => box.active === 'Y').sort((a, b) => (a.voicemail_id < b.voicemail_id ? -1 : 1));
	boxes.forEach((box, k) => {
		out += pickerRow(k + 1, box.voicemail_id, comments, [box.fullname, box.email]);
	});
	const phones = [...state.phones.values()].filter((phone) => phone.active === 'Y').sort((a, b) => (a.voicemail_id < b.voicemail_id ? -1 : 1));
	phones.forEach((phone, k) => {
		out += pickerRow(k + 1, phone.voicemail_id, comments, [`${phone.extension} - ${phone.fullname}`, phone.email ?? '']);
	});
	return out + PICKER_END;
};

/** ingroup_list (undocumented): active in-groups with their colour. */
const ingroup_list: Handler = (ctx) => {
	const denied = pickerDenied(ctx, 'ingroup_list', 'VIEW INBOUND GROUPS LIST');
	if (denied) return denied;
	const comments = arg(ctx, 'comments');
	const groups = [...ctx.state.inGroups.values()].filter((group) => group.active === 'Y').sort((a, b) => (a.group_id < b.group_id ? -1 : 1));
	let out = pickerHeader('Inbound Groups', ['Name', 'Color']);
	groups.forEach((group, k) => {
		out +=
			`<tr ${rowColour(k + 1)}><td width=30>${FONT1}${k + 1}</td>\n${chooseCell(group.group_id, comments)}` +
			`<td>${FONT2}${group.group_name}</td>\n` +
			`<td bgcolor="${group.group_color ?? ''}">${FONT2} &nbsp; &nbsp; &nbsp; &nbsp; </td></tr>\n`;
	});
	return out + PICKER_END;
};

/** callmenu_list (undocumented): call menus. */
const callmenu_list: Handler = (ctx) => {
	const denied = pickerDenied(ctx, 'callmenu_list', 'VIEW CALL MENUS LIST');
	if (denied) return denied;
	const comments = arg(ctx, 'comments');
	const menus = [...ctx.state.admin.callMenus].sort((a, b) => (a.menu_id < b.menu_id ? -1 : 1));
	let out = pickerHeader('Call Menus', ['Name']);
	menus.forEach((menu, k) => {
		out += pickerRow(k + 1, menu.menu_id, comments, [menu.menu_name]);
	});
	return out + PICKER_END;
};

/** container_list (undocumented): settings containers of one `type`, checked before the login level. */
const container_list: Handler = (ctx) => {
	const type = arg(ctx, 'type');
	if (type.length < 1) return pipeLine('ERROR', 'container_list NO CONTAINER TYPE DEFINED', ctx.apiUser.user, `${type}|`);
	// The PHP reuses the call-menu wording for this permission error.
	const denied = pickerDenied(ctx, 'container_list', 'VIEW CALL MENUS LIST');
	if (denied) return denied;
	const comments = arg(ctx, 'comments');
	const containers = ctx.state.admin.containers.filter((c) => c.container_type === type).sort((a, b) => (a.container_id < b.container_id ? -1 : 1));
	let out = `${PICKER_HEAD}<td width=30>#</td>\n<td colspan=2>Settings Containers: <br>${type} type</td>\n<td>Container Notes</td>\n</tr>\n`;
	containers.forEach((container, k) => {
		out += pickerRow(k + 1, container.container_id, comments, [container.container_notes]);
	});
	return out + PICKER_END;
};

export const systemHandlers: Record<string, Handler> = {
	version,
	server_refresh,
	sounds_list,
	moh_list,
	vm_list,
	ingroup_list,
	callmenu_list,
	container_list,
};
