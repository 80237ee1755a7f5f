import { lines, sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import type { SimList } from '../state.cjs';
import { allowedLists, callTimeExists, delimiter, dialable, leadTable, listVisible } from './leadUtils.cjs';
import { LEADS_1_4, allowed, apiUserCampaigns, arg, campaignAllowed, denied } from './php.cjs';

/**
 * add_list, update_list, list_info and list_custom_fields (vicidial-api-notes.md §4.3).
 * Errors of these functions close with `|user|data` and no trailing pipe.
 */

/** vicidial_scripts on this dialer (the docs' example script); any other script id does not exist. */
const SCRIPTS = new Set(['DEMOSCRIPT']);
const TZ_METHODS = /^COUNTRY_AND_AREA_CODE$|^POSTAL_CODE$|^NANPA_PREFIX$|^OWNER_TIME_ZONE_CODE$/;
const XFERCONF = ['one', 'two', 'three', 'four', 'five'] as const;

function error(fn: string, reason: string, user: string, data: string): string {
	return lines(`ERROR: ${fn} ${reason}: |${user}|${data}`);
}

function notice(fn: string, reason: string, user: string, data: string): string {
	return lines(`NOTICE: ${fn} ${reason}: |${user}|${data}`);
}

/** A web form address sent URL-encoded (`%3A%2F%2F`) is decoded, with spaces back to `+`. */
function webForm(value: string): string {
	return /%3A%2F%2F/.test(value) ? decodeURIComponent(value).replace(/ /g, '+') : value;
}

/** True when the list's campaign is one the API user's group may see. */
function campaignVisible(ctx: HandlerContext, campaignId: string): boolean {
	const campaigns = apiUserCampaigns(ctx);
	return ctx.state.campaigns.has(campaignId) && campaignAllowed(campaigns, campaignId);
}

/**
 * custom_fields_copy: the source must exist, have fields, and the user needs "Custom Fields
 * Modify". Answers the failure reason, or null when the copy may run.
 */
function copyProblem(ctx: HandlerContext, source: string): string | null {
	const list = ctx.state.lists.get(source);
	if (!list) return 'CUSTOM FIELDS LIST ID TO COPY FROM DOES NOT EXIST, THIS IS AN OPTIONAL FIELD';
	if (list.custom_fields.length === 0) return 'CUSTOM FIELDS LIST ID TO COPY FROM HAS NO CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD';
	if (!ctx.apiUser.custom_fields_modify) return 'USER DOES NOT HAVE PERMISSION TO MODIFY CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD';
	return null;
}

/** admin_lists_custom.php's COPY_FIELDS_SUBMIT: APPEND adds missing labels, UPDATE adds none, REPLACE starts over. */
function copyFields(target: SimList, source: SimList, method: string): void {
	if (method === 'REPLACE') target.custom_fields = [...source.custom_fields];
	else if (method !== 'UPDATE') target.custom_fields = [...target.custom_fields, ...source.custom_fields.filter((label) => !target.custom_fields.includes(label))];
}

/** The optional settings add_list and update_list validate the same way; answers an error reason. */
function settingProblem(ctx: HandlerContext, name: string, value: string): string | null {
	if (name === 'script' && value !== '--BLANK--' && !SCRIPTS.has(value)) return 'SCRIPT DOES NOT EXIST, THIS IS AN OPTIONAL FIELD';
	if (name === 'drop_inbound_group' && value !== '--BLANK--' && !ctx.state.inGroups.has(value)) return 'IN-GROUP DOES NOT EXIST, THIS IS AN OPTIONAL FIELD';
	if (name === 'reset_time' && value !== '--BLANK--' && value.length < 4) return 'RESET TIME IS NOT VALID, THIS IS AN OPTIONAL FIELD';
	if (name === 'tz_method' && !TZ_METHODS.test(value)) return 'TIME ZONE METHOD IS NOT VALID, THIS IS AN OPTIONAL FIELD';
	if (name === 'local_call_time' && !/^campaign$/.test(value) && !callTimeExists(value)) return 'LOCAL CALL TIME DOES NOT EXIST, THIS IS AN OPTIONAL FIELD';
	const xfer = XFERCONF.find((n) => name === `xferconf_${n}`);
	if (xfer && value !== '--BLANK--' && value.length > 50) return `TRANSFER CONF OVERRIDE ${xfer.toUpperCase()} IS NOT VALID, THIS IS AN OPTIONAL FIELD`;
	return null;
}

/** add_list, also reached from update_list with insert_if_not_found=Y. */
function addList(ctx: HandlerContext): string {
	const { state, apiUser } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, rights: ['modify_lists'] })) return denied('add_list', 'ADD LISTS', user, false);
	const listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	const name = arg(ctx, 'list_name');
	const campaignId = arg(ctx, 'campaign_id');
	if (listId.length < 2 || listId.length > 14 || campaignId.length < 1 || campaignId.length > 8 || name.length < 2 || name.length > 30) {
		return error('add_list', 'YOU MUST USE ALL REQUIRED FIELDS', user, `${listId}|${name}|${campaignId}`);
	}
	if (!campaignVisible(ctx, campaignId)) return error('add_list', 'CAMPAIGN DOES NOT EXIST', user, campaignId);
	if (state.lists.has(listId)) return error('add_list', 'LIST ALREADY EXISTS', user, listId);
	for (const setting of ['script', 'drop_inbound_group']) {
		const value = arg(ctx, setting);
		const problem = value.length > 0 ? settingProblem(ctx, setting, value) : null;
		if (problem) return error('add_list', problem, user, value);
	}
	const resetTime = arg(ctx, 'reset_time');
	if (resetTime.length > 0 && resetTime.length < 4) return error('add_list', 'RESET TIME IS NOT VALID, THIS IS AN OPTIONAL FIELD', user, resetTime);
	const copyFrom = arg(ctx, 'custom_fields_copy');
	const copying = copyFrom.length > 1 && copyFrom.length < 15;
	const problem = copying ? copyProblem(ctx, copyFrom) : null;
	if (problem) return error('add_list', problem, user, `${listId}|${copyFrom}|0`);
	for (const setting of ['tz_method', 'local_call_time', ...XFERCONF.map((n) => `xferconf_${n}`)]) {
		const value = arg(ctx, setting);
		if (value.length === 0 || (setting === 'local_call_time' && value === 'campaign')) continue;
		const issue = settingProblem(ctx, setting, value);
		if (issue) return error('add_list', issue, user, value);
	}
	const expiration = arg(ctx, 'expiration_date');
	const list: SimList = {
		list_id: listId,
		list_name: name,
		campaign_id: campaignId,
		active: arg(ctx, 'active') === 'Y' ? 'Y' : 'N',
		list_description: arg(ctx, 'list_description') === '--BLANK--' ? '' : arg(ctx, 'list_description'),
		list_changedate: '',
		list_lastcalldate: '',
		expiration_date: expiration.length < 10 ? '2099-12-31' : expiration,
		resets_today: 0,
		reset_time: resetTime,
		custom_fields: [],
		campaign_cid_override: arg(ctx, 'outbound_cid'),
		agent_script_override: arg(ctx, 'script'),
		am_message_exten_override: arg(ctx, 'am_message'),
		drop_inbound_group_override: arg(ctx, 'drop_inbound_group'),
		web_form_address: webForm(arg(ctx, 'web_form_address')),
		web_form_address_two: webForm(arg(ctx, 'web_form_address_two')),
		web_form_address_three: webForm(arg(ctx, 'web_form_address_three')),
		time_zone_setting: arg(ctx, 'tz_method') || 'COUNTRY_AND_AREA_CODE',
		local_call_time: arg(ctx, 'local_call_time') || 'campaign',
		daily_reset_limit: -1,
	};
	state.lists.set(listId, list);
	const source = state.lists.get(copyFrom);
	if (copying && source) copyFields(list, source, arg(ctx, 'custom_copy_method'));
	return lines(`SUCCESS: add_list LIST HAS BEEN ADDED - ${user}|${listId}|${name}|${campaignId}`);
}

/** update_list's custom_fields_add/update/delete: the PHP posts each to admin_lists_custom.php. */
function customFieldCommands(ctx: HandlerContext, listId: string, listExists: boolean): string {
	const user = ctx.apiUser.user;
	const list = ctx.state.lists.get(listId);
	const label = arg(ctx, 'field_label');
	const type = arg(ctx, 'field_type');
	const described = `${listId}|${label}|${arg(ctx, 'field_name')}|${arg(ctx, 'field_size')}|${type}|${arg(ctx, 'field_rank')}|`;
	let out = '';
	for (const command of ['add', 'update', 'delete'] as const) {
		if (arg(ctx, `custom_fields_${command}`) !== 'Y') continue;
		const upper = command.toUpperCase();
		const fields = list?.custom_fields ?? [];
		if (!listExists && fields.length === 0) {
			out += notice('update_list', `CUSTOM FIELDS LIST ID TO ${upper} TO HAS NO CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD`, user, `${listId}|0`);
			continue;
		}
		if (!ctx.apiUser.custom_fields_modify) {
			out += notice('update_list', 'USER DOES NOT HAVE PERMISSION TO MODIFY CUSTOM FIELDS, THIS IS AN OPTIONAL FIELD', user, `${listId}|${arg(ctx, 'custom_fields_copy')}|0`);
			continue;
		}
		const past = { add: 'ADDED', update: 'UPDATED', delete: 'DELETED' }[command];
		const addMissing = ['field_label', 'field_name', 'field_size', 'field_type', 'field_rank'].some((name) => arg(ctx, name).length < 1);
		if (command === 'add' ? addMissing : label.length < 1) {
			const data = command === 'add' ? described : `${listId}|${label}|`;
			out += notice('update_list', `REQUIRED CUSTOM FIELDS VARIABLES ARE MISSING, FIELD NOT ${past}, THIS IS AN OPTIONAL FIELD`, user, data);
			continue;
		}
		if (command !== 'add' && !fields.includes(label)) {
			const data = command === 'update' ? described : `${listId}|${label}|`;
			out += notice('update_list', `FIELD DOES NOT EXIST, FIELD NOT ${past}, THIS IS AN OPTIONAL FIELD`, user, data);
			continue;
		}
		let response: string;
		if (command === 'add') {
			response = list && !fields.includes(label) ? 'SUCCESS: Field added' : 'ERROR: Field not added';
			if (list && !fields.includes(label)) list.custom_fields = [...fields, label];
		} else if (command === 'update') {
			response = 'SUCCESS: Field updated';
		} else {
			response = 'SUCCESS: Field deleted';
			if (list) list.custom_fields = fields.filter((field) => field !== label);
			for (const lead of ctx.state.leads.values()) if (lead.entry_list_id === listId) delete lead.custom[label];
		}
		// The delete notice reports `field_id`, a parameter nobody sends: it is empty.
		const detail = command === 'delete' ? arg(ctx, 'field_id') : type;
		out += lines(`NOTICE: update_list ${upper} CUSTOM FIELD COMMAND SENT - ${user}|${listId}|${label}|${detail}|${response}|`);
	}
	return out;
}

/** The list settings update_list may change (parameter, list column), in the order the PHP validates them. */
const LIST_SETTINGS: readonly [param: string, column: string][] = [
	['campaign_id', 'campaign_id'],
	['script', 'agent_script_override'],
	['drop_inbound_group', 'drop_inbound_group_override'],
	['list_name', 'list_name'],
	['active', 'active'],
	['outbound_cid', 'campaign_cid_override'],
	['am_message', 'am_message_exten_override'],
	['reset_time', 'reset_time'],
	['expiration_date', 'expiration_date'],
	['web_form_address', 'web_form_address'],
	['web_form_address_two', 'web_form_address_two'],
	['web_form_address_three', 'web_form_address_three'],
	['list_description', 'list_description'],
	['tz_method', 'time_zone_setting'],
	['local_call_time', 'local_call_time'],
	...XFERCONF.map((n, i): [string, string] => [`xferconf_${n}`, `xferconf_${'abcde'[i]}_number`]),
];

/** Validate one update_list setting; answers the value to store or an error reason. */
function listSetting(ctx: HandlerContext, param: string, value: string): { value: string } | { problem: string } {
	switch (param) {
		case 'campaign_id':
			return ctx.state.campaigns.has(value) ? { value } : { problem: 'CAMPAIGN DOES NOT EXIST, THIS IS AN OPTIONAL FIELD' };
		case 'list_name':
			return value.length > 30 || value.length < 6 ? { problem: 'LIST NAME MUST BE FROM 6 TO 30 CHARACTERS, THIS IS AN OPTIONAL FIELD' } : { value };
		case 'active':
			return value === 'Y' || value === 'N' ? { value } : { problem: 'ACTIVE MUST BE Y OR N, THIS IS AN OPTIONAL FIELD' };
		case 'outbound_cid':
			return value.length > 18 || value.length < 6 ? { problem: 'OUTBOUND CID MUST BE FROM 6 TO 18 DIGITS, THIS IS AN OPTIONAL FIELD' } : { value };
		case 'am_message':
			return value !== '--BLANK--' && value.length > 100 ? { problem: 'ANSWERING MACHINE MESSAGE MUST LESS THAN 101 DIGITS, THIS IS AN OPTIONAL FIELD' } : { value };
		case 'expiration_date':
			return { value };
		case 'web_form_address':
		case 'web_form_address_two':
		case 'web_form_address_three':
			return { value: webForm(value) };
		case 'list_description':
			return { value };
		default: {
			const problem = settingProblem(ctx, param, value);
			return problem ? { problem } : { value };
		}
	}
}

const updateList: Handler = (ctx) => {
	const { state, apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, rights: ['modify_lists'] })) return denied('update_list', 'UPDATE LISTS', user, false);
	const listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	if (listId.length < 2 || listId.length > 14) {
		return error('update_list', 'YOU MUST USE ALL REQUIRED FIELDS', user, `${listId}|${arg(ctx, 'list_name')}|${arg(ctx, 'campaign_id')}`);
	}
	const restricted = allowedLists(ctx);
	if (restricted && !restricted.has(listId)) return lines(`ERROR: update_list NOT AN ALLOWED LIST ID - ${listId}`);
	const listExists = listVisible(ctx, listId);
	const copyFrom = arg(ctx, 'custom_fields_copy');
	const copying = copyFrom.length > 1 && copyFrom.length < 15;
	const fieldCommand = ['add', 'update', 'delete'].some((command) => arg(ctx, `custom_fields_${command}`) === 'Y');
	if (!listExists && !fieldCommand && !copying) {
		if (arg(ctx, 'insert_if_not_found') !== 'Y') return error('update_list', 'LIST DOES NOT EXIST', user, listId);
		// The PHP switches `$function` to add_list and falls through into it.
		return notice('update_list', 'LIST DOES NOT EXIST, SENDING TO add_list FUNCTION', user, listId) + addList(ctx);
	}
	let out = customFieldCommands(ctx, listId, listExists);
	const updates: [string, string][] = [];
	for (const [param, col] of LIST_SETTINGS) {
		const value = arg(ctx, param);
		// expiration_date needs 10+ characters, so even `--BLANK--` (9) is ignored.
		if (value.length === 0 || (param === 'expiration_date' && value.length < 10)) continue;
		const checked = listSetting(ctx, param, value);
		if ('problem' in checked) return out + error('update_list', checked.problem, user, value);
		updates.push([col, checked.value === '--BLANK--' ? '' : checked.value]);
	}
	const list = state.lists.get(listId);
	if (updates.length === 0) {
		out += notice('update_list', 'NO UPDATES DEFINED', user, '');
	} else {
		if (list) {
			const campaign = updates.find(([col]) => col === 'campaign_id');
			// A list moved to another campaign leaves that campaign's hopper.
			if (campaign && campaign[1] !== list.campaign_id) state.hopper = state.hopper.filter((e) => !(e.list_id === listId && e.campaign_id === list.campaign_id));
			for (const [col, value] of updates) list[col] = value;
			list.list_changedate = sqlDate(now);
		}
		out += lines(`SUCCESS: update_list LIST HAS BEEN UPDATED - ${user}|${listId}`);
	}
	if (arg(ctx, 'reset_list') === 'Y' && list) {
		const limit = Number(list.daily_reset_limit ?? -1);
		if (limit > list.resets_today || limit < 0) {
			list.resets_today += 1;
			list.list_changedate = sqlDate(now);
			for (const lead of leadTable(ctx).values()) if (lead.list_id === listId) lead.called_since_last_reset = 'N';
			// The count printed is a variable the reset never sets, so the field stays empty (verified).
			out += lines(`NOTICE: update_list LEADS IN LIST HAVE BEEN RESET - ${user}|${listId}|`);
		} else {
			out += lines(`NOTICE: update_list LIST RESET FAILED, daily reset limit reached: ${list.resets_today} / ${limit} - ${user}|${listId}`);
		}
	}
	if (arg(ctx, 'delete_list') === 'Y') {
		if (!allowed(apiUser, { minLevel: 8, api: true, rights: ['modify_lists', 'delete_lists'] })) return out + notice('update_list', 'USER DOES NOT HAVE PERMISSION TO DELETE LISTS', user, '0');
		const deleted = state.lists.delete(listId) ? 1 : 0;
		out += lines(`NOTICE: update_list LIST HAS BEEN DELETED - ${user}|${listId}|${deleted}`);
	}
	if (arg(ctx, 'delete_leads') === 'Y') {
		if (!allowed(apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_4, rights: ['modify_lists', 'delete_lists'] })) {
			return out + notice('update_list', 'USER DOES NOT HAVE PERMISSION TO DELETE LEADS', user, '0');
		}
		const table = leadTable(ctx);
		const doomed = [...table.values()].filter((lead) => lead.list_id === listId);
		for (const lead of doomed) table.delete(lead.lead_id);
		out += lines(`NOTICE: update_list LEADS IN LIST HAVE BEEN DELETED - ${user}|${listId}|${doomed.length}`);
	}
	if (copying) {
		const problem = copyProblem(ctx, copyFrom);
		if (problem) {
			out += notice('update_list', problem, user, `${listId}|${copyFrom}|0`);
		} else {
			const method = /^APPEND$|^UPDATE$|^REPLACE$/.test(arg(ctx, 'custom_copy_method')) ? arg(ctx, 'custom_copy_method') : 'APPEND';
			const target = state.lists.get(listId);
			const source = state.lists.get(copyFrom);
			if (target && source) copyFields(target, source, method);
			out += lines(`NOTICE: update_list COPY CUSTOM FIELDS COMMAND SENT - ${user}|${listId}|${copyFrom}|${method}|${target ? 'SUCCESS: Fields copied' : 'ERROR: Fields not copied'}|`);
		}
	}
	return out;
};

/** dialable_leads(): leads of the list the campaign would dial now (dial status, not called since reset, in call time). */
function dialableCount(ctx: HandlerContext, list: SimList): number {
	const campaign = ctx.state.campaigns.get(list.campaign_id);
	if (!campaign) return 0;
	const statuses = campaign.dial_statuses.trim().split(/\s+/).filter((s) => s !== '-');
	const callTime = typeof campaign.local_call_time === 'string' ? campaign.local_call_time : '24hours';
	return [...leadTable(ctx).values()].filter(
		(lead) => lead.list_id === list.list_id && lead.called_since_last_reset === 'N' && statuses.includes(lead.status) && dialable(callTime, lead.gmt_offset_now, ctx.now) === 1,
	).length;
}

/** The permission and list_id checks list_info and list_custom_fields share. */
function listRead(ctx: HandlerContext, fn: string): string | null {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['modify_lists'] })) return denied(fn, 'MODIFY LISTS', user, false);
	const listId = arg(ctx, 'list_id');
	if (listId.length < 2 || listId.length > 14) return error(fn, 'YOU MUST USE ALL REQUIRED FIELDS', user, `${listId}|${arg(ctx, 'list_name')}|${arg(ctx, 'campaign_id')}`);
	const restricted = allowedLists(ctx);
	if (restricted && !restricted.has(listId) && !(fn === 'list_custom_fields' && listId === '---ALL---')) return lines(`ERROR: ${fn} NOT AN ALLOWED LIST ID - ${listId}`);
	return null;
}

const listInfo: Handler = (ctx) => {
	const failure = listRead(ctx, 'list_info');
	if (failure) return failure;
	const listId = arg(ctx, 'list_id');
	const list = ctx.state.lists.get(listId);
	if (!list || !listVisible(ctx, listId)) return error('list_info', 'LIST DOES NOT EXIST', ctx.apiUser.user, listId);
	const dl = delimiter(arg(ctx, 'stage'));
	const header = arg(ctx, 'header') === 'YES';
	let output = header ? ['list_id', 'list_name', 'campaign_id', 'active', 'list_changedate', 'list_lastcalldate', 'expiration_date', 'resets_today'].join(dl) : '';
	let counts = '';
	if (arg(ctx, 'leads_counts') === 'Y') {
		if (header) output += `${dl}all_leads_count${dl}new_leads_count`;
		const leads = [...leadTable(ctx).values()].filter((lead) => lead.list_id === listId);
		counts = `${dl}${leads.length}${dl}${leads.filter((lead) => lead.status === 'NEW').length}`;
	}
	let dialableLeads = '';
	if (arg(ctx, 'dialable_count') === 'Y') {
		if (header) output += `${dl}dialable_count`;
		dialableLeads = String(dialableCount(ctx, list));
	}
	if (header) output += '\n';
	// A delimiter always precedes the (usually empty) dialable count: the row ends with `|` (verified).
	const row = [list.list_id, list.list_name, list.campaign_id, list.active, list.list_changedate, list.list_lastcalldate, list.expiration_date, list.resets_today].join(dl);
	return `${output}${row}${counts}${dl}${dialableLeads}\n`;
};

const listCustomFields: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	// Checked before the user's rights (verified reply).
	if (!ctx.state.system.custom_fields_enabled) return lines(`ERROR: CUSTOM LIST FIELDS ARE NOT ENABLED ON THIS SYSTEM: |${user}|list_custom_fields|`);
	const failure = listRead(ctx, 'list_custom_fields');
	if (failure) return failure;
	const listId = arg(ctx, 'list_id');
	const all = listId === '---ALL---';
	if (!all && !listVisible(ctx, listId)) return error('list_custom_fields', 'LIST DOES NOT EXIST', user, listId);
	const restricted = allowedLists(ctx);
	const lists = [...ctx.state.lists.values()]
		.filter((list) => (all ? !restricted || restricted.has(list.list_id) : list.list_id === listId) && listVisible(ctx, list.list_id))
		.sort((a, b) => Number(a.list_id) - Number(b.list_id));
	const dl = delimiter(arg(ctx, 'stage'));
	let output = arg(ctx, 'header') === 'YES' ? ['list_id', 'list_name', 'campaign_id', 'active', 'list_changedate', 'list_lastcalldate', 'custom_fields_list_space_delimited'].join(dl) + '\n' : '';
	// The PHP reuses one label array across lists; sorting it brings earlier lists' labels along.
	const fieldList: string[] = [];
	for (const list of lists) {
		list.custom_fields.forEach((label, i) => (fieldList[i] = label));
		let labels = list.custom_fields.join(' ');
		const order = arg(ctx, 'custom_order');
		if (order === 'alpha_up') labels = fieldList.sort().join(' ');
		if (order === 'alpha_down') labels = fieldList.sort().reverse().join(' ');
		output += [list.list_id, list.list_name, list.campaign_id, list.active, list.list_changedate, list.list_lastcalldate, labels].join(dl) + '\n';
	}
	return output;
};

export const listHandlers: Record<string, Handler> = {
	add_list: (ctx) => addList(ctx),
	update_list: updateList,
	list_info: listInfo,
	list_custom_fields: listCustomFields,
};
