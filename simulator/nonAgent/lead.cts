import { lines, sqlDate, type Handler, type HandlerContext, type SimReply } from '../context.cjs';
import type { SimLead } from '../state.cjs';
import { afterLeadInserted } from './apiNewLead.cjs';
import { EDITABLE_FIELDS, LEAD_COLUMNS, LIST_TABLE_COLUMNS, allowedLists, applyChanges, archiveCallbacks, callTimeExists, callbackTime, campaignOfList, column, customLabels, customRow, customValue, daysFrom, delimiter, dialable, dncCampaign, inDnc, insertCallback, insertHopper, knownAreaCode, leadTable, listCallTime, listVisible, listsOfCampaign, lookupGmt, newLead, newestFirst, stageName, stateOfAreaCode } from './leadUtils.cjs';
import { LEADS_1_4, LEADS_1_5, allowed, apiUserCampaigns, arg, campaignAllowed, denied, str } from './php.cjs';

/**
 * The lead functions of non_agent_api.php: add, update, search and read leads, their
 * callbacks and call log entries. Reply texts are VICIdial's (vicidial-api-notes.md §4.1,
 * verified where the notes say so, otherwise as the PHP prints them).
 */

/** PHP 8 turns a failing SQL statement into HTTP 500 with an empty body (notes §7.9). */
const SQL_ERROR: SimReply = { status: 500, body: '' };

/**
 * The lead fields add_lead (and update_lead's insert) copy from the request as sent: the
 * editable ones except those the insert sets itself (status, user, list, gmt, state, …).
 */
const INSERT_FIELDS = EDITABLE_FIELDS.map(([, field]) => field).filter(
	(field) => !['user', 'list_id', 'status', 'gmt_offset_now', 'state', 'gender', 'date_of_birth', 'rank', 'called_count', 'phone_code'].includes(field),
);

/** The request's lead fields, cleaned; empty date_of_birth is stored as MySQL's zero date. */
function requestFields(ctx: HandlerContext): Partial<SimLead> {
	const fields: Partial<SimLead> = {};
	for (const name of INSERT_FIELDS) (fields as Record<string, string>)[name] = arg(ctx, name);
	fields.date_of_birth = arg(ctx, 'date_of_birth') || '0000-00-00';
	return fields;
}

/**
 * multi_alt_phones: `number_code_note!number_code_note`. The PHP leaves a debug `print` of
 * each record in place, so `7275551212|1|work` is echoed without a newline before the NOTICE.
 */
function loadAltPhones(ctx: HandlerContext, fn: string, lead: SimLead): string {
	const records = arg(ctx, 'multi_alt_phones');
	if (records.length <= 5) return '';
	let debug = '';
	let loaded = 0;
	records.split('!').forEach((record, index) => {
		const [number = '', code = '', note = ''] = record.split('_');
		debug += `${number}|${code}|${note}`;
		ctx.state.altPhones.push({ lead_id: lead.lead_id, phone_code: code || '1', phone_number: number, alt_phone_note: note, alt_phone_count: index + 1 });
		loaded++;
	});
	return `${debug}NOTICE: ${fn} MULTI-ALT-PHONE NUMBERS LOADED - ${loaded}|${lead.lead_id}|${ctx.apiUser.user}\n`;
}

/** The custom field insert of add_lead and update_lead's insert_if_not_found. */
function insertCustomFields(ctx: HandlerContext, fn: string, lead: SimLead, listId: string, tableList: string): string {
	const phone = lead.phone_number;
	if (!ctx.state.system.custom_fields_enabled) {
		return `NOTICE: ${fn} CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED - ${phone}|${lead.lead_id}|${arg(ctx, 'custom_fields')}|0\n`;
	}
	if ((ctx.state.lists.get(listId)?.custom_fields ?? []).length === 0) {
		return `NOTICE: ${fn} CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST - ${phone}|${lead.lead_id}|${listId}\n`;
	}
	const labels = customLabels(ctx.state, listId);
	if (labels.length === 0) return `NOTICE: ${fn} CUSTOM FIELDS NOT ADDED, NO FIELDS DEFINED - ${phone}|${lead.lead_id}|${listId}\n`;
	lead.custom = Object.fromEntries(labels.map((label) => [label, customValue(ctx, label)]));
	const moved = lead.entry_list_id === tableList ? 0 : 1;
	lead.entry_list_id = tableList;
	return `NOTICE: ${fn} CUSTOM FIELDS VALUES ADDED - ${phone}|${lead.lead_id}|${listId}|${moved}\n`;
}

/** The add_to_hopper step of add_lead and update_lead: local time check, then the insert. */
function hopperInsert(ctx: HandlerContext, fn: string, lead: SimLead, listId: string, phone: string): string {
	const user = ctx.apiUser.user;
	const gmt = lead.gmt_offset_now;
	if (arg(ctx, 'hopper_local_call_time_check') === 'Y') {
		const ok = dialable(listCallTime(ctx.state, listId), gmt, ctx.now);
		if (ok < 1) return `NOTICE: ${fn} NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME - ${phone}|${lead.lead_id}|${gmt}|${ok}|${user}\n`;
	}
	const hopperId = insertHopper(ctx.state, lead, campaignOfList(ctx.state, listId), listId, arg(ctx, 'hopper_priority'));
	return `NOTICE: ${fn} ADDED TO HOPPER - ${phone}|${lead.lead_id}|${hopperId}|${user}\n`;
}

/** A new scheduled callback (add_lead, and update_lead for a lead without one). */
function addCallback(ctx: HandlerContext, fn: string, leadId: number, listId: string): string {
	const campaignId = arg(ctx, 'campaign_id');
	if (!ctx.state.campaigns.has(campaignId)) return `NOTICE: ${fn} SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID - ${leadId}|${campaignId}\n`;
	let type = arg(ctx, 'callback_type');
	let cbUser = arg(ctx, 'callback_user');
	let userGroup = '';
	if (type === 'USERONLY') {
		const agent = ctx.state.users.get(cbUser);
		if (!agent) return `NOTICE: ${fn} SCHEDULED CALLBACK NOT ADDED, USER NOT VALID - ${leadId}|${campaignId}|${cbUser}|${type}\n`;
		userGroup = agent.user_group;
	} else {
		type = 'ANYONE';
		cbUser = '';
	}
	const when = callbackTime(arg(ctx, 'callback_datetime'), ctx.now);
	const status = arg(ctx, 'callback_status') || 'CALLBK';
	insertCallback(ctx.state, {
		lead_id: leadId,
		list_id: listId,
		campaign_id: campaignId,
		entry_time: sqlDate(ctx.now),
		callback_time: when,
		user: cbUser,
		recipient: type === 'USERONLY' ? 'USERONLY' : 'ANYONE',
		comments: arg(ctx, 'callback_comments'),
		user_group: userGroup,
		lead_status: status,
	});
	return `NOTICE: ${fn} SCHEDULED CALLBACK ADDED - ${leadId}|${campaignId}|${when}|${type}|${cbUser}|${status}\n`;
}

/** The `duplicate_check` day window: the last NDAY suffix named wins, as in the PHP's if-chain. */
function duplicateSince(check: string, now: Date): string | null {
	let days = 0;
	for (const n of [1, 2, 3, 7, 14, 15, 21, 28, 30, 60, 90, 180, 360]) {
		if (new RegExp(`${n}DAY`, 'i').test(check)) days = n;
	}
	return days > 0 ? sqlDate(daysFrom(now, -days)) : null;
}

/**
 * add_lead's duplicate_check options, in the PHP's order. Answers the ERROR line, null when
 * no duplicate, or the 500 that `list_id IN()` gives a CAMP check on a list that does not exist.
 */
function findDuplicate(ctx: HandlerContext, lead: Pick<SimLead, 'phone_number' | 'list_id' | 'title' | 'alt_phone' | 'first_name' | 'last_name'>): string | SimReply | null {
	const check = arg(ctx, 'duplicate_check');
	if (check === '') return null;
	const since = duplicateSince(check, ctx.now);
	const pool = [...ctx.state.leads.values()].filter((l) => since === null || l.entry_date > since).sort((a, b) => a.lead_id - b.lead_id);
	const campLists = /CAMP/i.test(check) ? listsOfCampaign(ctx.state, campaignOfList(ctx.state, lead.list_id)) : [];
	const { phone_number: phone, list_id: listId, title, alt_phone: alt, first_name: first, last_name: last } = lead;
	const scopes = { LIST: (l: SimLead) => l.list_id === listId, CAMP: (l: SimLead) => campLists.includes(l.list_id), SYS: () => true };
	const where = { LIST: 'LIST', CAMP: 'CAMPAIGN LISTS', SYS: 'SYSTEM' };
	const kinds: [string, (l: SimLead) => boolean, (l: SimLead, scope: 'LIST' | 'CAMP' | 'SYS') => string, string][] = [
		['DUP', (l) => l.phone_number === phone, (l, s) => (s === 'LIST' ? `${phone}|${listId}|${l.lead_id}` : `${phone}|${listId}|${l.lead_id}|${l.list_id}`), 'PHONE NUMBER'],
		[
			'DUPPHONEALT',
			(l) => l.phone_number === phone || l.alt_phone === phone,
			(l, s) => `${phone}|${listId}|${l.lead_id}${s === 'LIST' ? '' : `|${l.list_id}`}|${l.phone_number === phone ? 'PHONE' : 'ALT'}`,
			'PHONE NUMBER',
		],
		['DUPTITLEALTPHONE', (l) => l.title === title && l.alt_phone === alt, (l, s) => `${title}|${alt}|${listId}|${l.lead_id}${s === 'LIST' ? '' : `|${l.list_id}`}`, 'TITLE ALT_PHONE'],
		[
			'DUPNAMEPHONE',
			(l) => l.first_name === first && l.last_name === last && l.phone_number === phone,
			(l, s) => `${first}|${last}|${phone}|${listId}|${l.lead_id}${s === 'LIST' ? '' : `|${l.list_id}`}`,
			'NAME PHONE',
		],
	];
	for (const [prefix, match, data, what] of kinds) {
		for (const scope of ['LIST', 'CAMP', 'SYS'] as const) {
			if (!new RegExp(`${prefix}${scope}`, 'i').test(check)) continue;
			if (scope === 'CAMP' && campLists.length === 0) return SQL_ERROR;
			const found = pool.find((l) => scopes[scope](l) && match(l));
			if (found) return `ERROR: add_lead DUPLICATE ${what} IN ${where[scope]} - ${data(found, scope)}\n`;
		}
	}
	return null;
}

/**
 * The number checks add_lead and check_phone_number share: length 6-16, the USA/Canada 4th
 * digit and area code, and NANPA (never loaded here, so add_lead notes it and goes on).
 */
function invalidNumber(ctx: HandlerContext, fn: string, phone: string): string | null {
	if (phone.length < 6 || phone.length > 16) return `${fn} INVALID PHONE NUMBER LENGTH`;
	if (arg(ctx, 'usacan_prefix_check') === 'Y' && Number(phone.charAt(3) || 0) < 2) return `${fn} INVALID PHONE NUMBER PREFIX`;
	// The PHP also names a 10-digit rule here but only the area code lookup decides.
	if (arg(ctx, 'usacan_areacode_check') === 'Y' && !knownAreaCode(phone)) return `${fn} INVALID PHONE NUMBER AREACODE`;
	return null;
}

const addLead: Handler = (ctx) => {
	const { state, apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_4 })) return denied('add_lead', 'ADD LEADS TO THE SYSTEM', user, true);
	const phone = arg(ctx, 'phone_number');
	let listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	const restricted = allowedLists(ctx);
	if (restricted && !restricted.has(listId)) return lines(`ERROR: add_lead NOT AN ALLOWED LIST ID - ${phone}|${listId}`);
	if (/Y/i.test(arg(ctx, 'list_exists_check')) && !state.lists.has(listId)) {
		return lines(`ERROR: add_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - ${phone}|${listId}`);
	}
	if (listId.length < 3) listId = '999';
	const phoneCode = arg(ctx, 'phone_code') || '1';
	let out = '';
	let tzMethod = arg(ctx, 'tz_method');
	if (arg(ctx, 'nanpa_ac_prefix_check') === 'Y' || /NANPA/i.test(tzMethod)) {
		// No NANPA prefix data is loaded on this system, so the option turns itself off.
		out += `NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - 0|${user}\n`;
		tzMethod = tzMethod.replace(/NANPA/, '');
	}
	const invalid = invalidNumber(ctx, 'add_lead', phone);
	if (invalid) return `${out}ERROR: ${invalid} - ${phone}|${user}\n`;
	let leadState = arg(ctx, 'state');
	if (arg(ctx, 'lookup_state') === 'Y' && leadState === '' && phoneCode === '1') leadState = stateOfAreaCode(phone);
	const dncCheck = arg(ctx, 'dnc_check');
	if ((dncCheck === 'Y' || dncCheck === 'AREACODE') && inDnc(state, 'SYSTEM_INTERNAL', phone, dncCheck)) {
		return `${out}ERROR: add_lead PHONE NUMBER IN DNC - ${phone}|${user}\n`;
	}
	const campaignId = arg(ctx, 'campaign_id');
	const campaignDnc = arg(ctx, 'campaign_dnc_check');
	if ((campaignDnc === 'Y' || campaignDnc === 'AREACODE') && inDnc(state, dncCampaign(state, campaignId), phone, campaignDnc)) {
		return `${out}ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - ${phone}|${campaignId}|${user}\n`;
	}
	const fields = requestFields(ctx);
	const duplicate = findDuplicate(ctx, {
		phone_number: phone,
		list_id: listId,
		title: fields.title ?? '',
		alt_phone: fields.alt_phone ?? '',
		first_name: fields.first_name ?? '',
		last_name: fields.last_name ?? '',
	});
	if (duplicate !== null) return typeof duplicate === 'string' ? out + duplicate : duplicate;
	// The PHP's SELECT for duplicates and its INSERT are two statements: under load another
	// add_lead for the same number can pass its check in between (the `raceWindow` fault).
	if (ctx.raceWindowMs) {
		const checked = out;
		return new Promise<void>((resolve) => setTimeout(resolve, ctx.raceWindowMs)).then(() => insertLead(checked));
	}
	return insertLead(out);

	/**
	 * The insert and what follows it: the SUCCESS line, alt phones, custom fields, hopper,
	 * callback, then the API New Lead URL, which the PHP requests before it replies.
	 */
	function insertLead(out: string): string | Promise<string> {
		const gmt = lookupGmt(phoneCode, phone, tzMethod, fields.owner ?? '');
		const callback = arg(ctx, 'callback') === 'Y';
		const lead = newLead(state, now, {
			...fields,
			phone_code: phoneCode,
			phone_number: phone,
			list_id: listId,
			// The lead is locked as CBHOLD until its callback comes due (docs, callback_status).
			status: callback ? 'CBHOLD' : 'NEW',
			user,
			gmt_offset_now: gmt,
			state: leadState,
			gender: arg(ctx, 'gender') || 'U',
			rank: arg(ctx, 'rank') || '0',
			entry_list_id: arg(ctx, 'entry_list_id') || '0',
		});
		out += `SUCCESS: add_lead LEAD HAS BEEN ADDED - ${phone}|${listId}|${lead.lead_id}|${gmt}|${user}\n`;
		out += loadAltPhones(ctx, 'add_lead', lead);
		if (arg(ctx, 'custom_fields') === 'Y') out += insertCustomFields(ctx, 'add_lead', lead, listId, listId);
		if (arg(ctx, 'add_to_hopper') === 'Y') out += hopperInsert(ctx, 'add_lead', lead, listId, phone);
		if (callback) out += addCallback(ctx, 'add_lead', lead.lead_id, listId);
		return afterLeadInserted(ctx, lead, out);
	}
};

/** update_lead's callback=Y on a lead that already has one: update the given columns. */
function updateCallback(ctx: HandlerContext, leadId: number): string {
	const callback = ctx.state.callbacks.find((cb) => cb.lead_id === leadId);
	if (!callback) return '';
	const raw = arg(ctx, 'callback_datetime');
	const when = raw.length > 0 ? callbackTime(raw, ctx.now) : raw;
	const changes: [string, string][] = [
		['callback_time', when],
		['lead_status', arg(ctx, 'callback_status')],
		['campaign_id', arg(ctx, 'campaign_id')],
		['list_id', arg(ctx, 'list_id_field')],
		['recipient', arg(ctx, 'callback_type')],
		['comments', arg(ctx, 'callback_comments')],
		['user', arg(ctx, 'callback_user')],
	].filter(([, value]) => value.length > 0) as [string, string][];
	if (changes.length === 0) return `NOTICE: update_lead SCHEDULED CALLBACK NOT UPDATED, NO FIELDS SPECIFIED - ${leadId}|\n`;
	Object.assign(callback, Object.fromEntries(changes), { status: 'ACTIVE', entry_time: sqlDate(ctx.now) });
	const data = [leadId, arg(ctx, 'campaign_id'), when, arg(ctx, 'callback_type'), arg(ctx, 'callback_user'), arg(ctx, 'callback_status')].join('|');
	return `NOTICE: update_lead SCHEDULED CALLBACK UPDATED - ${data}\n`;
}

/** update_lead's custom_fields=Y for one found lead: delete with the lead, else write the sent labels. */
function updateCustomFields(ctx: HandlerContext, lead: SimLead, foundList: string, foundEntry: string, phone: string): string {
	let table = foundList;
	const force = arg(ctx, 'force_entry_list_id');
	if (force.length > 1) table = force;
	if (Number(foundEntry) > 99) table = foundEntry;
	const prefix = `${phone}|${lead.lead_id}|${foundList}`;
	if ((ctx.state.lists.get(table)?.custom_fields ?? []).length === 0) {
		return `NOTICE: update_lead CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST - ${prefix}\n`;
	}
	if (arg(ctx, 'delete_lead') === 'Y') {
		if (!customRow(lead, table)) return '';
		lead.custom = {};
		return `NOTICE: update_lead CUSTOM FIELDS ENTRY DELETED - ${prefix}|${foundEntry}|${table}|1\n`;
	}
	const sent = customLabels(ctx.state, table).filter((label) => label in ctx.params);
	if (sent.length === 0) return '';
	const row = customRow(lead, table) ?? {};
	let changed = row === lead.custom ? 0 : 1;
	for (const label of sent) {
		const value = customValue(ctx, label);
		if (row[label] !== value) changed = 1;
		row[label] = value;
	}
	lead.custom = row;
	if (changed > 0) lead.entry_list_id = table;
	return `NOTICE: update_lead CUSTOM FIELDS VALUES UPDATED - ${prefix}|${foundEntry}|${table}|${changed}\n`;
}

/** The add_to_hopper / remove_from_hopper steps update_lead runs after its updates. */
function updateLeadHopper(ctx: HandlerContext, leadId: string, listId: string, phone: string): string {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	let out = '';
	const id = Number(leadId);
	if (arg(ctx, 'add_to_hopper') === 'Y') {
		const lead = leadTable(ctx).get(id);
		if (state.hopper.some((entry) => entry.lead_id === id)) out += `NOTICE: update_lead NOT ADDED TO HOPPER, LEAD IS ALREADY IN THE HOPPER - ${phone}|${leadId}|${user}\n`;
		else if (!lead) out += `NOTICE: update_lead NOT ADDED TO HOPPER, LEAD NOT FOUND - ${phone}|${leadId}|${user}\n`;
		else out += hopperInsert(ctx, 'update_lead', lead, listId, phone);
	}
	if (arg(ctx, 'remove_from_hopper') === 'Y') {
		const entry = state.hopper.find((e) => e.lead_id === id);
		if (!entry) return `${out}NOTICE: update_lead NOT REMOVED FROM HOPPER, LEAD IS NOT IN THE HOPPER - ${phone}|${leadId}|${user}\n`;
		const before = state.hopper.length;
		// Entries being dialled or done stay (`status NOT IN('INCALL','DONE','HOLD','DNC')`).
		state.hopper = state.hopper.filter((e) => e.lead_id !== id || ['INCALL', 'DONE', 'HOLD', 'DNC'].includes(e.status));
		const removed = before > state.hopper.length ? 'REMOVED FROM HOPPER' : 'NOT REMOVED FROM HOPPER';
		out += `NOTICE: update_lead ${removed} - ${phone}|${leadId}|${entry.status}|${user}\n`;
	}
	return out;
}

/** The leads update_lead (and no_update) matches: lead_id first, then vendor_lead_code, then phone. */
function searchLeads(ctx: HandlerContext, fn: 'update_lead'): { found: SimLead[]; error?: string } {
	const user = ctx.apiUser.user;
	const listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	let location = arg(ctx, 'search_location');
	if (location.length < 4 || Number(listId) < 99 || listId.length < 3) location = 'SYSTEM';
	const method = arg(ctx, 'search_method').length < 6 ? 'LEAD_ID' : arg(ctx, 'search_method');
	const records = Number(arg(ctx, 'records') || '1');
	const leadId = arg(ctx, 'lead_id');
	const vlc = arg(ctx, 'vendor_lead_code');
	const phone = arg(ctx, 'phone_number');
	const byLead = /LEAD_ID/.test(method) && leadId.length > 0;
	const byVlc = /VENDOR_LEAD_CODE/.test(method) && vlc.length > 0;
	const byPhone = /PHONE_NUMBER/.test(method) && phone.length > 5 && phone.length < 19;
	if (!byLead && !byVlc && !byPhone) return { found: [], error: `ERROR: ${fn} NO VALID SEARCH METHOD - ${user}|${method}|${leadId}|${vlc}|${phone}\n` };
	const restricted = allowedLists(ctx);
	if (restricted && Number(listId) >= 99 && !restricted.has(listId)) return { found: [], error: `ERROR: ${fn} NOT AN ALLOWED LIST ID, SEARCH - ${phone}|${listId}\n` };
	const listField = arg(ctx, 'list_id_field');
	if (/Y/i.test(arg(ctx, 'list_exists_check')) && listField.length > 0 && !ctx.state.lists.has(listField)) {
		return { found: [], error: `ERROR: ${fn} NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - ${phone}|${listField}\n` };
	}
	let inScope = (_lead: SimLead) => true;
	if (/CAMPAIGN/i.test(location) && ctx.state.lists.has(listId)) {
		const lists = listsOfCampaign(ctx.state, campaignOfList(ctx.state, listId));
		inScope = (lead) => lists.includes(lead.list_id);
	}
	if (/LIST/i.test(location)) inScope = (lead) => lead.list_id === listId;
	const pool = newestFirst(leadTable(ctx).values(), 'entry_date').filter(inScope);
	const tries: [boolean, (lead: SimLead) => boolean][] = [
		[byLead, (lead) => String(lead.lead_id) === leadId],
		[byVlc, (lead) => lead.vendor_lead_code === vlc],
		[byPhone, (lead) => lead.phone_number === phone],
	];
	for (const [active, match] of tries) {
		if (!active) continue;
		const found = pool.filter(match).slice(0, records);
		if (found.length > 0) return { found };
	}
	return { found: [] };
}

const updateLead: Handler = (ctx) => {
	const { state, apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_4 })) return denied('update_lead', 'UPDATE LEADS IN THE SYSTEM', user, true);
	const search = searchLeads(ctx, 'update_lead');
	if (search.error) return search.error;
	const found = search.found;
	const phone = arg(ctx, 'phone_number');
	const vlc = arg(ctx, 'vendor_lead_code');
	let leadId = arg(ctx, 'lead_id');
	let listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	let out = '';
	let inserted = false;

	if (arg(ctx, 'no_update') === 'Y') {
		if (found.length === 0) return `NOTICE: update_lead NO MATCHES FOUND IN THE SYSTEM: |${user}|${leadId}|${vlc}|${phone}\n`;
		if (leadId === '') leadId = String(found[0].lead_id);
		if (listId === '') listId = found[0].list_id;
		out += `NOTICE: update_lead LEADS FOUND IN THE SYSTEM: |${user}|${leadId}|${vlc}|${phone}|${found[0].list_id}|${found[0].entry_list_id}\n`;
	} else if (found.length > 0) {
		if (leadId === '') leadId = String(found[0].lead_id);
		if (listId === '') listId = found[0].list_id;
		const changes: [keyof SimLead, string][] = EDITABLE_FIELDS.filter(([param]) => arg(ctx, param).length > 0).map(([param, field]) => [field, arg(ctx, param)]);
		if (arg(ctx, 'reset_lead') === 'Y') changes.push(['called_since_last_reset', 'N']);
		if (arg(ctx, 'update_phone_number') === 'Y' && phone.length > 0) changes.push(['phone_number', phone]);
		const entryListId = arg(ctx, 'force_entry_list_id').length > 1 ? arg(ctx, 'force_entry_list_id') : arg(ctx, 'entry_list_id');
		if (entryListId.length > 0 && arg(ctx, 'custom_fields') !== 'Y') changes.push(['entry_list_id', entryListId]);
		const restricted = allowedLists(ctx);
		// The PHP reuses one variable for the archived-callback count, unset until a delete sets it.
		let archived: number | undefined;
		for (const lead of found) {
			const foundList = lead.list_id;
			const foundEntry = lead.entry_list_id;
			if (restricted && Number(foundList) >= 99 && !restricted.has(foundList)) return `${out}ERROR: update_lead NOT AN ALLOWED LIST ID, RESULTS - ${foundList}\n`;
			if (arg(ctx, 'delete_cf_data') === 'Y') {
				const cfList = arg(ctx, 'force_entry_list_id') || arg(ctx, 'entry_list_id') || foundEntry;
				const hasTable = (state.lists.get(cfList)?.custom_fields ?? []).length > 0;
				const cfDeleted = hasTable ? (customRow(lead, cfList) ? 1 : 0) : undefined;
				if (hasTable && cfDeleted) lead.custom = {};
				const reset = applyChanges(lead, [['entry_list_id', '0']]);
				out += `NOTICE: update_lead CUSTOM FIELDS DATA HAS BEEN DELETED - ${user}|${lead.lead_id}|${cfList}|${reset}|${str(cfDeleted)}\n`;
			}
			if (changes.length > 0 || arg(ctx, 'delete_lead') === 'Y') {
				let reason = 'update_lead LEAD HAS BEEN UPDATED';
				let affected: number;
				if (arg(ctx, 'delete_lead') === 'Y') {
					const [deleted, moved] = archiveCallbacks(state, lead.lead_id);
					archived = moved;
					leadTable(ctx).delete(lead.lead_id);
					affected = 1;
					reason = `update_lead LEAD HAS BEEN DELETED ${deleted}|${moved}`;
				} else {
					affected = applyChanges(lead, changes);
					if (affected > 0) lead.modify_date = sqlDate(now);
				}
				out += `SUCCESS: ${reason} - ${user}|${lead.lead_id}|${affected}|${str(archived)}|${str(archived)}|\n`;
			}
			if (arg(ctx, 'callback') === 'Y') {
				out += state.callbacks.some((cb) => cb.lead_id === lead.lead_id) ? updateCallback(ctx, lead.lead_id) : addCallback(ctx, 'update_lead', lead.lead_id, foundList);
			}
			if (arg(ctx, 'callback') === 'REMOVE') {
				const [deleted, moved] = archiveCallbacks(state, lead.lead_id);
				archived = moved;
				out += `NOTICE: update_lead SCHEDULED CALLBACK DELETED - ${user}|${lead.lead_id}|${deleted}|${moved}\n`;
			}
			if (arg(ctx, 'custom_fields') === 'Y') out += updateCustomFields(ctx, lead, foundList, foundEntry, phone);
		}
	} else {
		const insert = arg(ctx, 'insert_if_not_found') === 'Y';
		out += `${insert ? 'NOTICE' : 'ERROR'}: update_lead NO MATCHES FOUND IN THE SYSTEM: |${user}|${leadId}|${vlc}|${phone}\n`;
		if (!insert) return out;
		if (arg(ctx, 'list_id_field').length > 0) listId = arg(ctx, 'list_id_field');
		const phoneCode = arg(ctx, 'phone_code');
		if (phone.length < 6 || phone.length > 18 || phoneCode.length < 1 || listId.length < 3) {
			return `${out}ERROR: update_lead INVALID DATA FOR LEAD INSERTION - ${user}|${phone}|${phoneCode}|${listId}|Y\n`;
		}
		const restricted = allowedLists(ctx);
		if (restricted && Number(listId) >= 99 && !restricted.has(listId)) return `${out}ERROR: update_lead NOT AN ALLOWED LIST ID, INSERT - ${phone}|${listId}\n`;
		const fields = requestFields(ctx);
		const gmt = lookupGmt(phoneCode, phone, arg(ctx, 'tz_method'), fields.owner ?? '');
		const entryListId = arg(ctx, 'force_entry_list_id').length > 1 ? arg(ctx, 'force_entry_list_id') : arg(ctx, 'entry_list_id');
		const lead = newLead(state, now, {
			...fields,
			phone_code: phoneCode,
			phone_number: phone,
			list_id: listId,
			status: arg(ctx, 'status') || 'NEW',
			user,
			gmt_offset_now: gmt,
			state: arg(ctx, 'state'),
			gender: arg(ctx, 'gender'),
			rank: arg(ctx, 'rank'),
			entry_list_id: entryListId.length > 0 && arg(ctx, 'custom_fields') !== 'Y' ? entryListId : '0',
		});
		leadId = String(lead.lead_id);
		inserted = true;
		out += `SUCCESS: update_lead LEAD HAS BEEN ADDED - ${phone}|${listId}|${lead.lead_id}|${gmt}|${user}\n`;
		out += loadAltPhones(ctx, 'update_lead', lead);
		if (arg(ctx, 'custom_fields') === 'Y') {
			const force = arg(ctx, 'force_entry_list_id');
			out += insertCustomFields(ctx, 'update_lead', lead, listId, force.length > 1 ? force : listId);
		}
	}
	if (found.length > 0 || inserted) out += updateLeadHopper(ctx, leadId, listId, phone);
	return out;
};

const batchUpdateLead: Handler = (ctx) => {
	const { apiUser, now } = ctx;
	const user = apiUser.user;
	if (!allowed(apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_4 })) return denied('batch_update_lead', 'UPDATE LEADS IN THE SYSTEM', user, true);
	const ids = arg(ctx, 'lead_ids');
	const listField = arg(ctx, 'list_id_field');
	if (ids.length === 0) return lines(`ERROR: batch_update_lead NO LEADS DEFINED - ${user}|`);
	const restricted = allowedLists(ctx);
	if (restricted && Number(listField) >= 99 && !restricted.has(listField)) return lines(`ERROR: batch_update_lead NOT AN ALLOWED LIST ID - ${user}|${listField}`);
	if (/Y/i.test(arg(ctx, 'list_exists_check')) && listField.length > 0 && !ctx.state.lists.has(listField)) {
		return lines(`ERROR: batch_update_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - ${user}|${listField}`);
	}
	// `lead_id IN(1,,2)` is invalid SQL.
	if (ids.split(',').some((id) => id === '')) return SQL_ERROR;
	const wanted = new Set(ids.split(','));
	const found = newestFirst(leadTable(ctx).values(), 'lead_id')
		.filter((lead) => wanted.has(String(lead.lead_id)) && (!restricted || restricted.has(lead.list_id)))
		.slice(0, Number(arg(ctx, 'records') || '1000'));
	if (found.length === 0) return lines(`ERROR: batch_update_lead NO MATCHES FOUND IN THE SYSTEM: |${user}|${ids}`);
	const changes: [keyof SimLead, string][] = EDITABLE_FIELDS.filter(([param]) => arg(ctx, param).length > 0).map(([param, field]) => [field, arg(ctx, param)]);
	if (arg(ctx, 'reset_lead') === 'Y') changes.push(['called_since_last_reset', 'N']);
	// Without a field to set the PHP prints nothing at all.
	if (changes.length === 0) return '';
	let affected = 0;
	for (const lead of found) {
		const changed = applyChanges(lead, changes);
		if (changed > 0) lead.modify_date = sqlDate(now);
		affected += changed;
	}
	return lines(`SUCCESS: batch_update_lead LEADS HAVE BEEN UPDATED - ${user}|${affected}|${found.length}|${found.map((lead) => lead.lead_id).join(',')}`);
};

const leadFieldInfo: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 7, api: true, modifyLeads: LEADS_1_4 })) return denied('lead_field_info', 'GET LEAD INFO', user, true);
	const leadId = arg(ctx, 'lead_id');
	const field = arg(ctx, 'field_name');
	if (leadId.length < 1 || leadId.length > 11 || field.length < 1) return lines(`ERROR: lead_field_info INVALID SEARCH PARAMETERS: ${user}|${leadId}|${field}`);
	const lead = leadTable(ctx).get(Number(leadId));
	if (!lead) return lines(`ERROR: lead_field_info LEAD NOT FOUND: ${user}|${leadId}`);
	if (!listVisible(ctx, lead.list_id)) return lines(`ERROR: lead_field_info LIST NOT FOUND: ${user}|${leadId}|${lead.list_id}`);
	let value: string;
	if (arg(ctx, 'custom_fields') === 'Y') {
		const table = arg(ctx, 'list_id').length > 1 ? arg(ctx, 'list_id') : lead.entry_list_id;
		// `SELECT <field> from custom_<list>`: a missing table or column is an SQL error.
		if (!(ctx.state.lists.get(table)?.custom_fields ?? []).includes(field)) return SQL_ERROR;
		const row = customRow(lead, table);
		if (!row) return lines(`ERROR: lead_field_info LIST FIELD NOT FOUND: ${user}|${leadId}`);
		value = row[field] ?? '';
	} else {
		// An unknown column breaks the query; PHP 8 answers 500 with an empty body (notes §7.9).
		if (!(LIST_TABLE_COLUMNS as readonly string[]).includes(field)) return SQL_ERROR;
		value = column(lead, field as keyof SimLead);
	}
	// The value alone, with no newline after it.
	return value;
};

const leadAllInfo: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 7, api: true, modifyLeads: LEADS_1_5, rights: ['view_reports'] })) return denied('lead_all_info', 'GET LEAD INFO', user, true);
	const leadId = arg(ctx, 'lead_id');
	const phone = arg(ctx, 'phone_number');
	const byPhone = phone.length >= 6 && phone.length <= 19;
	if (leadId.length < 1 && !byPhone) return lines(`ERROR: lead_all_info LEAD NOT FOUND: ${user}|${leadId}|${phone}`);
	const dl = delimiter(arg(ctx, 'stage'), true);
	const matches = newestFirst(leadTable(ctx).values(), 'lead_id')
		.filter((lead) => (leadId.length > 0 ? String(lead.lead_id) === leadId : lead.phone_number === phone))
		.slice(0, 1000);
	if (matches.length === 0) return lines(`ERROR: lead_all_info LEAD NOT FOUND: ${user}|${leadId}|${phone}`);
	let output = '';
	let missingList = '';
	const force = arg(ctx, 'force_entry_list_id');
	for (const lead of matches) {
		if (!listVisible(ctx, lead.list_id)) {
			missingList = lead.list_id;
			if (ctx.apiUser.api_list_restrict) output += `ERROR: lead_all_info LIST NOT FOUND: ${user}|${leadId}|${phone}\n`;
			continue;
		}
		let cfHeader = '';
		let cfData = '';
		if (arg(ctx, 'custom_fields') === 'Y') {
			const table = force.length > 0 ? force : lead.entry_list_id;
			const labels = customLabels(ctx.state, table);
			// `SELECT <no columns> from custom_<list>` fails when the list has no custom fields.
			if (labels.length === 0) return SQL_ERROR;
			const row = customRow(lead, table);
			if (row) {
				cfHeader = labels.map((label) => `${dl}${label}`).join('');
				cfData = labels.map((label) => `${dl}${row[label] ?? ''}`).join('');
			}
		}
		// The header sits inside the per-lead loop: a phone search repeats it before every row (verified).
		if (arg(ctx, 'header') === 'YES') output += [...LEAD_COLUMNS, 'entry_list_id', 'lead_id'].join(dl) + cfHeader + '\n';
		output += [...LEAD_COLUMNS.map((name) => column(lead, name)), lead.entry_list_id, lead.lead_id].join(dl) + cfData + '\n';
	}
	if (output.length > 10) return output;
	return missingList ? lines(`ERROR: lead_all_info LIST NOT FOUND: ${user}|${leadId}|${phone}|${missingList}`) : '';
};

const leadSearch: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_5 })) return denied('lead_search', 'SEARCH FOR LEADS', user, true);
	const listId = arg(ctx, 'list_id').replace(/[^0-9]/g, '');
	let location = arg(ctx, 'search_location');
	if (location.length < 4 || Number(listId) < 99 || listId.length < 3) location = 'SYSTEM';
	const method = arg(ctx, 'search_method').length < 6 ? 'PHONE_NUMBER' : arg(ctx, 'search_method');
	const records = Number(arg(ctx, 'records') || '1000');
	const leadId = arg(ctx, 'lead_id');
	const vlc = arg(ctx, 'vendor_lead_code');
	const phone = arg(ctx, 'phone_number');
	const byLead = /LEAD_ID/.test(method) && leadId.length > 0;
	const byVlc = /VENDOR_LEAD_CODE/.test(method) && vlc.length > 0;
	const byPhone = /PHONE_NUMBER/.test(method) && phone.length > 5;
	if (!byLead && !byVlc && !byPhone) {
		const flag = (on: boolean) => (on ? 1 : 0);
		return lines(`ERROR: lead_search NO VALID SEARCH METHOD - ${user}|${method}|${leadId}(${flag(byLead)})|${vlc}(${flag(byVlc)})|${phone}(${flag(byPhone)})`);
	}
	const restricted = allowedLists(ctx);
	if (restricted && Number(listId) >= 99 && !restricted.has(listId)) return lines(`ERROR: lead_search NOT AN ALLOWED LIST ID - ${phone}|${listId}`);
	let pool = newestFirst(leadTable(ctx).values(), 'lead_id');
	if (/CAMPAIGN/i.test(location) && ctx.state.lists.has(listId)) {
		const lists = listsOfCampaign(ctx.state, campaignOfList(ctx.state, listId));
		pool = pool.filter((lead) => lists.includes(lead.list_id));
	}
	if (/LIST/i.test(location)) pool = pool.filter((lead) => lead.list_id === listId);
	const vlcs = byVlc ? vlc.split(',').filter((code) => code.length > 0) : [];
	const phones = byPhone ? phone.split(',').filter((number) => number.length > 5 && number.length < 19) : [];
	// Keys are matched per searched value; the record limit applies to the whole query.
	let hits: [key: string, lead: SimLead][] = [];
	if (byLead) {
		const ids = arg(ctx, 'lead_ids');
		if (ids === '') return SQL_ERROR; // `lead_id IN()`
		const wanted = ids.split(',');
		hits = pool.filter((lead) => wanted.includes(String(lead.lead_id))).map((lead) => [String(lead.lead_id), lead]);
	}
	if (hits.length === 0 && byVlc) hits = pool.filter((lead) => vlcs.includes(lead.vendor_lead_code)).map((lead) => [lead.vendor_lead_code, lead]);
	if (hits.length === 0 && byPhone) {
		if (phones.length === 0) return SQL_ERROR; // `where  and …`: no usable number left
		hits = pool.filter((lead) => phones.includes(lead.phone_number)).map((lead) => [lead.phone_number, lead]);
	}
	hits = hits.slice(0, records);
	if (hits.length === 0) return lines(`ERROR: lead_search NO MATCHES FOUND IN THE SYSTEM: |${user}|${leadId}|${vlc}|${phone}`);
	// `$DL` is never set in lead_search, so the header runs its names together (notes §7.5).
	let output = arg(ctx, 'header') === 'YES' ? 'search_keyrecords_foundlead_ids\n' : '';
	for (const key of [...phones, ...vlcs]) {
		const ids = hits.filter(([hitKey]) => hitKey === key).map(([, lead]) => lead.lead_id);
		output += `${key}|${ids.length}|${ids.join('-')}\n`;
	}
	return output;
};

/** One lead as lead_status_search prints it: `field => value` lines, custom fields last. */
function statusRecord(ctx: HandlerContext, lead: SimLead, index: number): string {
	let out = `;---------- START OF RECORD ${index} ----------\nlead_id => ${lead.lead_id}\n`;
	for (const name of LEAD_COLUMNS) out += `${name} => ${column(lead, name)}\n`;
	out += `entry_list_id => ${lead.entry_list_id}\n`;
	if (arg(ctx, 'custom_fields') === 'Y') {
		const table = Number(lead.entry_list_id) > 99 ? lead.entry_list_id : lead.list_id;
		const row = customRow(lead, table);
		if (row) {
			for (const label of ctx.state.lists.get(table)?.custom_fields ?? []) {
				out += `${label} => ${(row[label] ?? '').replace(/\t/g, ' -- ').replace(/\r?\n/g, '!N')}\n`;
			}
		}
	}
	return out;
}

const leadStatusSearch: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 7, api: true, modifyLeads: LEADS_1_4 })) return denied('lead_status_search', 'GET LEAD INFO', user, true);
	const status = arg(ctx, 'status');
	const date = arg(ctx, 'date');
	const leadId = arg(ctx, 'lead_id');
	const byStatus = status.length > 0 && date.length === 10;
	if (!byStatus && leadId.length === 0) return lines(`ERROR: lead_status_search INVALID SEARCH PARAMETERS: ${user}|${status}|${date}|${leadId}`);
	const campaigns = apiUserCampaigns(ctx);
	// Both call logs are searched: the lead's status today is printed, not the logged one.
	const calls = ctx.state.callLog
		.filter((call) => (byStatus ? call.status === status && call.call_date.startsWith(date) : String(call.lead_id) === leadId))
		.sort((a, b) => (a.call_date < b.call_date ? 1 : -1));
	const outbound = calls.filter((call) => call.direction === 'OUT' && campaignAllowed(campaigns, call.campaign_id)).map((call) => call.lead_id);
	const inbound = calls.filter((call) => call.direction === 'IN' && !outbound.includes(call.lead_id)).map((call) => call.lead_id);
	const restricted = allowedLists(ctx);
	let output = '';
	let printed = 0;
	for (const id of [...new Set(outbound), ...new Set(inbound)].slice(0, 1000)) {
		const lead = leadTable(ctx).get(id);
		if (!lead || (restricted && !restricted.has(lead.list_id))) continue;
		printed++;
		output += statusRecord(ctx, lead, printed);
	}
	if (printed === 0) return lines(`ERROR: lead_status_search NO RESULTS FOUND: ${user}|${leadId}|${status}|`);
	return output;
};

const leadCallbackInfo: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 7, api: true, rights: ['view_reports'] })) return denied('lead_callback_info', 'GET LEAD INFO', user, true);
	const leadId = arg(ctx, 'lead_id');
	if (leadId.length < 1 || leadId.length > 11) return lines(`ERROR: lead_callback_info INVALID SEARCH PARAMETERS: ${user}|${leadId}`);
	const stage = arg(ctx, 'stage');
	const dl = delimiter(stage, true);
	const header = arg(ctx, 'header');
	const location = arg(ctx, 'search_location');
	let output =
		header === 'YES'
			? ['lead_id', 'callback_type', 'recipient', 'callback_status', 'lead_status', 'callback_date', 'entry_date', 'user', 'list_id', 'campaign_id', 'user_group', 'customer_timezone', 'customer_time', 'comments'].join(dl) + '\n'
			: '';
	const sources: ['ARCHIVE' | 'CURRENT', boolean][] = [
		['ARCHIVE', location === 'ARCHIVE' || location === 'ALL'],
		['CURRENT', location === 'CURRENT' || location === 'ALL' || location === ''],
	];
	for (const [type, wanted] of sources) {
		if (!wanted) continue;
		const table = type === 'ARCHIVE' ? ctx.state.callbacksArchive : ctx.state.callbacks;
		for (const cb of [...table].filter((c) => String(c.lead_id) === leadId).sort((a, b) => a.callback_id - b.callback_id)) {
			// customer_timezone and customer_time stay empty for callbacks the API or agents add without them.
			output += [leadId, type, cb.recipient, cb.status, cb.lead_status, cb.callback_time, cb.entry_time, cb.user, cb.list_id, cb.campaign_id, cb.user_group, '', '', cb.comments].join(dl) + '\n';
		}
	}
	// The PHP decides "found" by the output's length, header included.
	if (((header === 'NO' || header === '') && output.length > 10) || (header === 'YES' && output.length > 170)) return output;
	return lines(`ERROR: lead_callback_info CALLBACK NOT FOUND: ${user}|${leadId}|${stageName(stage, true)}|${location}`);
};

const leadDearchive: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, modifyLeads: [1] })) return denied('lead_dearchive', 'MODIFY LEAD INFO', user, true);
	const leadId = arg(ctx, 'lead_id');
	if (leadId.length < 1 || leadId.length > 11) return lines(`ERROR: lead_dearchive INVALID SEARCH PARAMETERS: ${user}|${leadId}`);
	const id = Number(leadId);
	const archivedLead = ctx.state.archivedLeads.get(id);
	const campaigns = apiUserCampaigns(ctx);
	if (!archivedLead || !campaignAllowed(campaigns, campaignOfList(ctx.state, archivedLead.list_id))) {
		return lines(`ERROR: lead_dearchive ARCHIVED LEAD NOT FOUND: ${user}|${leadId}|${arg(ctx, 'stage')}|${arg(ctx, 'search_location')}`);
	}
	if (ctx.state.leads.has(id)) return lines(`ERROR: lead_dearchive NON-ARCHIVED LEAD FOUND: ${user}|${leadId}|${archivedLead.list_id}`);
	ctx.state.leads.set(id, archivedLead);
	ctx.state.archivedLeads.delete(id);
	// The code prints this SUCCESS with `: `, where the docs show ` - `.
	return lines(`SUCCESS: lead_dearchive LEAD DE-ARCHIVED: ${user}|${leadId}|1|1`);
};

/** Call IDs (caller codes) the call lookups accept: 18-39 characters with a known prefix. */
function validCallId(callId: string): boolean {
	return callId.length > 17 && callId.length < 40 && /^(Y|J|V|M|DC|S|LP|VH|XL)/.test(callId);
}

const cccLeadInfo: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 7, api: true, rights: ['view_reports'] })) return denied('ccc_lead_info', 'GET LEAD INFO', user, true);
	const callId = arg(ctx, 'call_id');
	if (!validCallId(callId)) return lines(`ERROR: ccc_lead_info INVALID SEARCH PARAMETERS: ${user}|${callId}`);
	const dl = delimiter(arg(ctx, 'stage'), true);
	// Only calls of the last ten hours count (`call_date > $tenhoursago`).
	const since = sqlDate(new Date(ctx.now.getTime() - 10 * 3600_000));
	const call = ctx.state.callLog.find((c) => c.call_id === callId && c.call_date > since);
	if (!call) return lines(`ERROR: ccc_lead_info CALL NOT FOUND: ${user}|${arg(ctx, 'agent_user')}`);
	const lead = ctx.state.leads.get(call.lead_id);
	if (!lead) return lines(`ERROR: ccc_lead_info LEAD NOT FOUND: ${user}|${arg(ctx, 'agent_user')}`);
	let output = arg(ctx, 'header') === 'YES' ? LEAD_COLUMNS.join(dl) + '\n' : '';
	output += LEAD_COLUMNS.map((name) => column(lead, name)).join(dl) + '\n';
	return output;
};

const updateLogEntry: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, modifyLeads: LEADS_1_4 })) return denied('update_log_entry', 'UPDATE LOGS', user, true);
	const group = arg(ctx, 'group');
	// call_id is cleaned to letters and digits, so a uniqueid loses its dot and is read as a call ID.
	const callId = arg(ctx, 'call_id');
	const status = arg(ctx, 'status');
	// The PHP's test is inverted: only a status of 8+ characters (with the rest long enough) is refused.
	if (group.length >= 2 && callId.length >= 8 && status.length >= 8) return lines(`ERROR: update_log_entry INVALID SEARCH PARAMETERS: ${user}|${group}|${callId}|${status}`);
	const inbound = ctx.state.inGroups.has(group);
	if (!inbound && !ctx.state.campaigns.has(group)) return lines(`ERROR: update_log_entry GROUP NOT FOUND: ${user}|${group}`);
	// The lead_id is the call ID's last ten digits; PHP 8 refuses arithmetic on a non-numeric string.
	const leadId = Number.parseInt(callId.slice(-10), 10);
	if (Number.isNaN(leadId)) return SQL_ERROR;
	const entry = ctx.state.callLog
		.filter((c) => c.direction === (inbound ? 'IN' : 'OUT') && c.campaign_id === group && c.lead_id === leadId)
		.sort((a, b) => (a.call_date < b.call_date ? 1 : -1))[0];
	if (!entry) return lines(`ERROR: update_log_entry NO RECORDS FOUND: ${user}|${group}|${callId}|${status}`);
	const old = entry.status;
	// MySQL counts only changed rows, so setting the same status "updates" nothing.
	if (old === status) return lines(`ERROR: update_log_entry NO RECORDS UPDATED: ${user}|${group}|${callId}|${status}|${old}|${entry.uniqueid}`);
	entry.status = status;
	return lines(`SUCCESS: update_log_entry RECORD HAS BEEN UPDATED - ${user}|${user}|${group}|${callId}|${status}|${old}|${entry.uniqueid}|`);
};

const checkPhoneNumber: Handler = (ctx) => {
	const { state, now } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true })) {
		// The PHP echoes $modify_leads here, which this function never sets: the value is empty.
		return lines(`ERROR: check_phone_number USER DOES NOT HAVE PERMISSION TO CHECK PHONE NUMBERS: |${user}||`);
	}
	const callTime = arg(ctx, 'local_call_time');
	if (!callTimeExists(callTime)) return lines(`ERROR: check_phone_number THIS IS NOT A VALID CALL TIME: |${user}|${callTime}|`);
	const phoneCode = arg(ctx, 'phone_code') || '1';
	const tzMethod = arg(ctx, 'tz_method') || 'AREACODE';
	if (arg(ctx, 'nanpa_ac_prefix_check') === 'Y' || /NANPA/i.test(tzMethod)) {
		return lines(`ERROR: check_phone_number NANPA options disabled, NANPA prefix data not loaded - 0|${user}`);
	}
	const phone = arg(ctx, 'phone_number');
	const invalid = invalidNumber(ctx, 'check_phone_number', phone);
	if (invalid) return lines(`ERROR: ${invalid} - ${phone}|${user}`);
	const dncCheck = arg(ctx, 'dnc_check');
	if ((dncCheck === 'Y' || dncCheck === 'AREACODE') && inDnc(state, 'SYSTEM_INTERNAL', phone, dncCheck)) return lines(`ERROR: check_phone_number PHONE NUMBER IN DNC - ${phone}|${user}`);
	const campaignId = arg(ctx, 'campaign_id');
	const campaignDnc = arg(ctx, 'campaign_dnc_check');
	if ((campaignDnc === 'Y' || campaignDnc === 'AREACODE') && inDnc(state, dncCampaign(state, campaignId), phone, campaignDnc)) {
		return lines(`ERROR: check_phone_number PHONE NUMBER IN CAMPAIGN DNC - ${phone}|${campaignId}|${user}`);
	}
	const postal = arg(ctx, 'postal_code');
	const owner = arg(ctx, 'owner');
	let reply = '';
	if (/AREACODE/i.test(tzMethod)) {
		const gmt = lookupGmt(phoneCode, phone, '', owner);
		reply += `AREACODE: ${dialable(callTime, gmt, now)}|${gmt}#`;
	}
	if (/POSTAL/i.test(tzMethod)) {
		// No postal code table here: a 5-character code falls back to the area code, as a missing row does.
		const gmt = postal.length === 5 ? lookupGmt(phoneCode, phone, 'POSTAL', owner) : '';
		reply += `POSTAL: ${postal.length === 5 ? dialable(callTime, gmt, now) : 0}|${gmt}#`;
	}
	if (/TZCODE/i.test(tzMethod)) {
		const usable = owner.length > 0 && owner.length < 7;
		const gmt = usable ? lookupGmt(phoneCode, phone, 'TZCODE', owner) : '';
		reply += `TZCODE: ${usable ? dialable(callTime, gmt, now) : 0}|${gmt}#`;
	}
	return lines(`${reply}PHONE: ${phone}|${phoneCode}|${postal}|${arg(ctx, 'state')}|${owner}|`);
};

export const leadHandlers: Record<string, Handler> = {
	add_lead: addLead,
	update_lead: updateLead,
	batch_update_lead: batchUpdateLead,
	lead_field_info: leadFieldInfo,
	lead_all_info: leadAllInfo,
	lead_search: leadSearch,
	lead_status_search: leadStatusSearch,
	lead_callback_info: leadCallbackInfo,
	lead_dearchive: leadDearchive,
	ccc_lead_info: cccLeadInfo,
	update_log_entry: updateLogEntry,
	check_phone_number: checkPhoneNumber,
};
