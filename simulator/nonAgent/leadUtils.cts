import { sqlDate, type HandlerContext } from '../context.cjs';
import { leadRow, type SimCallback, type SimHopperEntry, type SimLead, type SimState } from '../state.cjs';
import { apiUserCampaigns, arg, campaignAllowed } from './php.cjs';

/**
 * What the lead, list, hopper, DNC and report functions of non_agent_api.php share: the lead
 * columns, the gmt lookup, call times and the hopper/callback inserts add_lead, update_lead and
 * hopper_bulk_insert all run (inputs, permissions and the campaign filter are in php.cts).
 * Texts and rules follow vicidial-api-notes.md §1-§4 and the PHP they were verified against.
 */

/** The delimiter of a read function's `stage`; `newline` only where the function accepts it. */
export function delimiter(stage: string, allowNewline = false): string {
	if (stage === 'csv') return ',';
	if (stage === 'tab') return '\t';
	if (allowNewline && stage === 'newline') return '\n';
	return '|';
}

/** The stage a function reports back in its data: unset or unknown becomes `pipe`. */
export function stageName(stage: string, allowNewline = false): string {
	return ['csv', 'tab', 'pipe'].includes(stage) || (allowNewline && stage === 'newline') ? stage : 'pipe';
}

/** The 30 lead columns lead_all_info, ccc_lead_info and lead_status_search print, in order. */
export const LEAD_COLUMNS = [
	'status',
	'user',
	'vendor_lead_code',
	'source_id',
	'list_id',
	'gmt_offset_now',
	'phone_code',
	'phone_number',
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
] as const satisfies readonly (keyof SimLead)[];

/** Every vicidial_list column; a custom field with one of these labels is never written. */
export const LIST_TABLE_COLUMNS: readonly (keyof SimLead)[] = [
	'lead_id',
	'entry_date',
	'modify_date',
	'called_since_last_reset',
	'entry_list_id',
	...LEAD_COLUMNS,
];

/** A lead column's value as MySQL prints it. */
export function column(lead: SimLead, name: keyof SimLead): string {
	const value = lead[name];
	return typeof value === 'object' ? '' : String(value);
}

/** The lead fields update_lead and batch_update_lead may set, with the parameter that sets each. */
export const EDITABLE_FIELDS: readonly [param: string, field: keyof SimLead][] = [
	['user_field', 'user'],
	['list_id_field', 'list_id'],
	['status', 'status'],
	['vendor_lead_code', 'vendor_lead_code'],
	['source_id', 'source_id'],
	['gmt_offset_now', 'gmt_offset_now'],
	['title', 'title'],
	['first_name', 'first_name'],
	['middle_initial', 'middle_initial'],
	['last_name', 'last_name'],
	['address1', 'address1'],
	['address2', 'address2'],
	['address3', 'address3'],
	['city', 'city'],
	['state', 'state'],
	['province', 'province'],
	['postal_code', 'postal_code'],
	['country_code', 'country_code'],
	['gender', 'gender'],
	['date_of_birth', 'date_of_birth'],
	['alt_phone', 'alt_phone'],
	['email', 'email'],
	['security_phrase', 'security_phrase'],
	['comments', 'comments'],
	['rank', 'rank'],
	['owner', 'owner'],
	['called_count', 'called_count'],
	['phone_code', 'phone_code'],
];

/**
 * Apply `field=value` changes to a lead and count it as MySQL's affected rows do: a row whose
 * values do not change is not "affected" (mysqli reports changed rows). `--BLANK--` empties a
 * field (docs, update_lead NOTES).
 */
export function applyChanges(lead: SimLead, changes: readonly [keyof SimLead, string][]): number {
	let changed = false;
	for (const [field, raw] of changes) {
		const value = raw === '--BLANK--' ? '' : raw.replace(/\n/g, '!N');
		const next = field === 'called_count' || field === 'lead_id' ? Number(value) || 0 : value;
		if (lead[field] !== next) {
			(lead as unknown as Record<string, unknown>)[field] = next;
			changed = true;
		}
	}
	return changed ? 1 : 0;
}

/** vicidial_list or, with `archived_lead=Y`, vicidial_list_archive. */
export function leadTable(ctx: HandlerContext): Map<number, SimLead> {
	return arg(ctx, 'archived_lead') === 'Y' ? ctx.state.archivedLeads : ctx.state.leads;
}

/** Leads newest first, as `order by entry_date desc` (ties by lead_id) and `order by lead_id desc` give. */
export function newestFirst(leads: Iterable<SimLead>, by: 'entry_date' | 'lead_id'): SimLead[] {
	return [...leads].sort((a, b) => {
		if (by === 'entry_date' && a.entry_date !== b.entry_date) return a.entry_date < b.entry_date ? 1 : -1;
		return b.lead_id - a.lead_id;
	});
}

/** The campaign a list belongs to, '' when the list does not exist. */
export function campaignOfList(state: SimState, listId: string): string {
	return state.lists.get(listId)?.campaign_id ?? '';
}

/** The lists of a campaign, in list_id order (the CAMP duplicate and search options). */
export function listsOfCampaign(state: SimState, campaignId: string): string[] {
	return [...state.lists.values()]
		.filter((list) => list.campaign_id === campaignId)
		.map((list) => list.list_id)
		.sort();
}

/**
 * The lists an `api_list_restrict` user may touch (its user group's allowed campaigns), or
 * null when the user is not restricted (notes §2.1 step 3).
 */
export function allowedLists(ctx: HandlerContext): Set<string> | null {
	if (!ctx.apiUser.api_list_restrict) return null;
	const campaigns = ctx.state.userGroups.get(ctx.apiUser.user_group)?.allowed_campaigns ?? '';
	if (/-ALL/i.test(campaigns)) return new Set(ctx.state.lists.keys());
	const allowedCampaigns = campaigns.replace(/ -/g, '').trim().split(/\s+/);
	return new Set([...ctx.state.lists.values()].filter((list) => allowedCampaigns.includes(list.campaign_id)).map((list) => list.list_id));
}

/** `YYYY-MM-DD HH:MM:SS` in the server's clock to epoch seconds (NaN for `0000-00-00`). */
export function toEpoch(date: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?/.exec(date);
	if (!m || m[1] === '0000') return NaN;
	return Math.floor(new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)).getTime() / 1000);
}

/** `now` moved by whole days, as PHP's `mktime(…, date("d")+$days, …)`. */
export function daysFrom(now: Date, days: number): Date {
	const moved = new Date(now.getTime());
	moved.setDate(moved.getDate() + days);
	return moved;
}

/**
 * vicidial_phone_codes for country code 1 (area code → state and standard gmt offset). The
 * simulated server answers as in winter (its `version` says `DST: 0`), so no DST hour is
 * added; a real server adds one between March and November.
 */
const AREA_CODES: Record<string, string> = {
	'-5.00':
		'CT:203,860 DE:302 DC:202 FL:239,305,321,352,386,407,561,727,754,772,786,813,863,904,941,954 GA:229,404,470,478,678,706,770,912 ' +
		'IN:219,260,317,574,765,812 KY:502,606,859 ME:207 MD:240,301,410,443 MA:339,413,508,617,774,781,857,978 ' +
		'MI:231,248,269,313,517,586,616,734,810,947,989 NH:603 NJ:201,551,609,732,848,856,862,908,973 ' +
		'NY:212,315,347,516,518,585,607,631,646,716,718,845,914,917,929 NC:252,336,704,828,910,919,980 ' +
		'OH:216,234,330,419,440,513,567,614,740,937 PA:215,267,412,484,570,610,717,724,814,878 RI:401 SC:803,843,864 ' +
		'VT:802 VA:276,434,540,571,703,757,804 WV:304 ON:416,437,519,613,647,705,905 QC:418,438,450,514,819',
	'-6.00':
		'AL:205,251,256,334 AR:479,501,870 FL:850 IL:217,224,309,312,618,630,708,773,815,847,872 IA:319,515,563,641,712 ' +
		'KS:316,620,785,913 KY:270 LA:225,318,337,504,985 MI:906 MN:218,320,507,612,651,763,952 MS:228,601,662 ' +
		'MO:314,417,573,636,660,816 NE:308,402 ND:701 OK:405,539,580,918 SD:605 TN:423,615,731,865,901,931 ' +
		'TX:210,214,254,281,325,361,409,430,432,469,512,682,713,737,806,817,830,832,903,936,940,956,972,979 ' +
		'WI:262,414,608,715,920 MB:204 SK:306 ON:807',
	'-7.00': 'AZ:480,520,602,623,928 CO:303,719,720,970 ID:208 MT:406 NM:505,575 TX:915 UT:385,435,801 WY:307 AB:403,587,780',
	'-8.00': 'CA:209,213,310,323,408,415,510,530,559,562,619,626,650,657,661,707,714,760,805,818,831,858,909,916,925,949,951 NV:702,775 OR:503,541,971 WA:206,253,360,425,509 BC:236,250,604,778',
	'-9.00': 'AK:907',
	'-10.00': 'HI:808',
	'-4.00': 'NS:902 NB:506',
	'-3.50': 'NL:709',
};

const PHONE_CODES = new Map<string, { state: string; gmt: string }>();
for (const [gmt, states] of Object.entries(AREA_CODES)) {
	for (const entry of states.split(' ')) {
		const [state, codes] = entry.split(':');
		for (const code of codes.split(',')) PHONE_CODES.set(code, { state, gmt });
	}
}

/** Country codes answered without an area code lookup (`ALL OTHER COUNTRY CODES`). */
const COUNTRY_GMT: Record<string, string> = { '44': '0.00', '49': '1.00', '33': '1.00', '34': '1.00', '52': '-6.00', '61': '10.00', '63': '8.00', '91': '5.50' };

/** tz_code (owner) → gmt offset for `tz_method=TZCODE`. */
const TZ_CODES: Record<string, string> = { EST: '-5.00', CST: '-6.00', MST: '-7.00', PST: '-8.00', AKST: '-9.00', HST: '-10.00', GMT: '0.00' };

/** True when vicidial_phone_codes knows the area code (usacan_areacode_check). */
export function knownAreaCode(phoneNumber: string): boolean {
	return PHONE_CODES.has(phoneNumber.slice(0, 3));
}

/** The state of a US/Canada area code ('' when unknown), for `lookup_state=Y`. */
export function stateOfAreaCode(phoneNumber: string): string {
	return PHONE_CODES.get(phoneNumber.slice(0, 3))?.state ?? '';
}

/**
 * `lookup_gmt_api()`: the gmt offset of a number, '' when vicidial_phone_codes has no row
 * (notes §7.1). TZCODE looks the owner up first; every method falls back to the area code.
 */
export function lookupGmt(phoneCode: string, phoneNumber: string, tzMethod: string, owner: string): string {
	if (tzMethod === 'TZCODE' && owner.length > 1 && TZ_CODES[owner]) return TZ_CODES[owner];
	if (phoneCode === '1') return PHONE_CODES.get(phoneNumber.slice(0, 3))?.gmt ?? '';
	return COUNTRY_GMT[phoneCode] ?? '';
}

/** vicidial_call_times: the default call times of a fresh install, as HHMM start and stop. */
const CALL_TIMES: Record<string, [number, number]> = {
	'24hours': [0, 2400],
	'9am-9pm': [900, 2100],
	'9am-5pm': [900, 1700],
	'12pm-5pm': [1200, 1700],
	'12pm-9pm': [1200, 2100],
	'5pm-9pm': [1700, 2100],
};

export function callTimeExists(id: string): boolean {
	return id in CALL_TIMES;
}

/** `dialable_gmt()`: 1 when the lead's local time (by its gmt offset) is inside the call time. */
export function dialable(callTime: string, gmt: string, now: Date): 0 | 1 {
	const window = CALL_TIMES[callTime] ?? CALL_TIMES['24hours'];
	const local = new Date(now.getTime() + (Number(gmt) || 0) * 3600_000);
	const hhmm = local.getUTCHours() * 100 + local.getUTCMinutes();
	return hhmm >= window[0] && hhmm <= window[1] ? 1 : 0;
}

/** The call time the hopper check uses: the list's own, unless it says `campaign`. */
export function listCallTime(state: SimState, listId: string): string {
	const list = state.lists.get(listId);
	const listTime = list ? String(list.local_call_time ?? '') : '';
	if (listTime !== '' && !/^campaign$/i.test(listTime)) return listTime;
	const campaign = list ? state.campaigns.get(list.campaign_id) : undefined;
	return campaign && typeof campaign.local_call_time === 'string' ? campaign.local_call_time : '24hours';
}

/**
 * The DNC check of add_lead and check_phone_number. `AREACODE` also matches an
 * `<areacode>XXXXXXX` entry. Campaign checks honour the campaign's use_other_campaign_dnc.
 */
export function inDnc(state: SimState, list: string, phoneNumber: string, mode: string): boolean {
	const numbers = state.dnc.get(list);
	if (!numbers) return false;
	if (numbers.has(phoneNumber)) return true;
	return mode === 'AREACODE' && numbers.has(`${phoneNumber.slice(0, 3)}XXXXXXX`);
}

/** The campaign whose DNC list a campaign check reads. */
export function dncCampaign(state: SimState, campaignId: string): string {
	const other = state.campaigns.get(campaignId)?.use_other_campaign_dnc;
	return typeof other === 'string' && other.length > 0 ? other : campaignId;
}

/** INSERT INTO vicidial_hopper (status READY, source P as the API inserts); returns the hopper_id. */
export function insertHopper(state: SimState, lead: SimLead, campaignId: string, listId: string, priority: string): number {
	const entry: SimHopperEntry = {
		hopper_id: state.next.hopper_id++,
		lead_id: lead.lead_id,
		campaign_id: campaignId,
		list_id: listId,
		status: 'READY',
		priority: Number(priority) || 0,
		source: 'P',
		alt_dial: 'NONE',
		vendor_lead_code: lead.vendor_lead_code,
	};
	state.hopper.push(entry);
	return entry.hopper_id;
}

/** `callback_datetime` as stored: `NOW` is now, `<n>DAYS` is n days ahead, anything else as sent. */
export function callbackTime(value: string, now: Date): string {
	if (value === 'NOW') return sqlDate(now);
	if (/\dDAYS$/i.test(value)) return sqlDate(daysFrom(now, Number(value.replace(/[^0-9]/g, ''))));
	return value;
}

/** INSERT INTO vicidial_callbacks for add_lead/update_lead. */
export function insertCallback(state: SimState, fields: Omit<SimCallback, 'callback_id' | 'status'>): SimCallback {
	const callback: SimCallback = { callback_id: state.next.callback_id++, status: 'ACTIVE', ...fields };
	state.callbacks.push(callback);
	return callback;
}

/** Move a lead's callbacks to vicidial_callbacks_archive; returns [deleted, archived]. */
export function archiveCallbacks(state: SimState, leadId: number): [number, number] {
	const moved = state.callbacks.filter((cb) => cb.lead_id === leadId);
	state.callbacksArchive.push(...moved.map((cb) => ({ ...cb })));
	state.callbacks = state.callbacks.filter((cb) => cb.lead_id !== leadId);
	return [moved.length, moved.length];
}

/**
 * A custom field value as add_lead/update_lead read it from the request: `+` is a space,
 * `;` and `"` are dropped, `--BLANK--` stores ''.
 */
export function customValue(ctx: HandlerContext, label: string): string {
	const value = (ctx.params[label] ?? '').replace(/[;"]/g, '').replace(/\\$/, '');
	return value === '--BLANK--' ? '' : value;
}

/** The custom field labels of a list that can hold data (not a vicidial_list column name). */
export function customLabels(state: SimState, listId: string): string[] {
	return (state.lists.get(listId)?.custom_fields ?? []).filter((label) => !(LIST_TABLE_COLUMNS as readonly string[]).includes(label));
}

/** `sec_convert()`: seconds as H:MM:SS (`H`, `HF`), M:SS (`M`) or plain seconds (`S`). */
export function secConvert(seconds: number, format: string): string {
	const sec = Math.round(seconds);
	if (sec < 1) {
		if (format === 'HF' || format === 'H') return '0:00:00';
		return format === 'S' ? '0' : '0:00';
	}
	const pad = (n: number) => String(n).padStart(2, '0');
	if (format === 'H' || format === 'HF') return `${Math.floor(sec / 3600)}:${pad(Math.floor((sec % 3600) / 60))}:${pad(sec % 60)}`;
	if (format === 'M') return `${Math.floor(sec / 60)}:${pad(sec % 60)}`;
	return String(sec);
}

/** `MathZDC()`: a division that answers 0 instead of failing on a zero divisor. */
export function mathZdc(dividend: number, divisor: number): number {
	return divisor === 0 ? 0 : dividend / divisor;
}

/** A PHP float as `echo` prints it after `round($x, 1)`: `100`, `16.7`. */
export function round1(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** True when the list exists and belongs to a campaign the user's group may see. */
export function listVisible(ctx: HandlerContext, listId: string): boolean {
	const list = ctx.state.lists.get(listId);
	return list !== undefined && campaignAllowed(apiUserCampaigns(ctx), list.campaign_id);
}

/**
 * The lead's row in `custom_<listId>`, if it has one. The simulator keeps one custom row per
 * lead, in the table of its entry_list_id (add_lead and update_lead move entry_list_id there).
 */
export function customRow(lead: SimLead, listId: string): Record<string, string> | undefined {
	return lead.entry_list_id === listId && Object.keys(lead.custom).length > 0 ? lead.custom : undefined;
}

/**
 * INSERT INTO vicidial_list: a new lead with the API's defaults (status NEW, entry and last
 * local call time now, no gmt offset until looked up); `fields` are the cleaned request values.
 */
export function newLead(state: SimState, now: Date, fields: Partial<SimLead>): SimLead {
	const stamp = sqlDate(now);
	const lead = leadRow(state.next.lead_id++, { entry_date: stamp, modify_date: stamp, last_local_call_time: stamp, list_id: '999', gmt_offset_now: '', entry_list_id: '0', ...fields });
	state.leads.set(lead.lead_id, lead);
	return lead;
}
