import { delimiterFor, type Handler, type HandlerContext } from '../context.cjs';
import type { SimCampaign, SimState } from '../state.cjs';
import { applyRules, dashLine, lengthIn, oneOf, OPTIONAL, pipeLine, setting, within, type Rule } from './adminReplies.cjs';
import { allowed, arg, campaignAllowed, denied, groupCampaigns } from './php.cjs';

/** The API user's campaign, if it exists and the user group may see it. */
function visibleCampaign(ctx: HandlerContext, campaignId: string): SimCampaign | undefined {
	const campaign = ctx.state.campaigns.get(campaignId);
	if (!campaign) return undefined;
	return campaignAllowed(groupCampaigns(ctx.state, ctx.apiUser.user_group), campaignId) ? campaign : undefined;
}

const campaignDenied = (ctx: HandlerContext, fn: string, what: string) =>
	allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['modify_campaigns'] }) ? undefined : denied(fn, what, ctx.apiUser.user, false);

/**
 * campaigns_list: bare rows, `dial_statuses` without the leading space and trailing ` -`
 * (verified `TESTCAMP|Test Campaign|Y|---ALL---|MANUAL|0|DOWN|NEW|60|9||`).
 */
const campaigns_list: Handler = (ctx) => {
	const user = ctx.apiUser;
	if (!allowed(user, { minLevel: 8, api: true, rights: ['view_reports'] })) return denied('campaigns_list', 'GET CAMPAIGN INFO', user.user, true);
	const visible = groupCampaigns(ctx.state, user.user_group);
	const campaignId = arg(ctx, 'campaign_id');
	const DL = delimiterFor(arg(ctx, 'stage'));
	const campaigns = [...ctx.state.campaigns.values()].filter(
		(c) => campaignAllowed(visible, c.campaign_id) && (campaignId.length === 0 || c.campaign_id === campaignId),
	);
	if (campaigns.length === 0) return `ERROR: campaigns_list THIS USER HAS NO VIEWABLE CAMPAIGNS: ${user.user}|\n`;
	const columns = [
		'campaign_id',
		'campaign_name',
		'active',
		'user_group',
		'dial_method',
		'dial_level',
		'lead_order',
		'dial_statuses',
		'dial_timeout',
		'dial_prefix',
		'manual_dial_prefix',
		'three_way_dial_prefix',
	];
	let out = arg(ctx, 'header') === 'YES' ? `${columns.join(DL)}\n` : '';
	for (const c of campaigns) {
		const statuses = c.dial_statuses.replace(/^ | -$/g, '');
		out += `${[c.campaign_id, c.campaign_name, c.active, c.user_group, c.dial_method, c.auto_dial_level, c.lead_order, statuses, c.dial_timeout, c.dial_prefix, c.manual_dial_prefix, c.three_way_dial_prefix].join(DL)}\n`;
	}
	return out;
};

/** The `list_order` values update_campaign accepts: each base order, alone or with `2nd`…`6th NEW`. */
const LIST_ORDERS = new Set(
	[
		'DOWN',
		'UP',
		'DOWN PHONE',
		'UP PHONE',
		'DOWN LAST NAME',
		'UP LAST NAME',
		'DOWN COUNT',
		'UP COUNT',
		'RANDOM',
		'DOWN LAST CALL TIME',
		'UP LAST CALL TIME',
		'DOWN RANK',
		'UP RANK',
		'DOWN OWNER',
		'UP OWNER',
		'DOWN TIMEZONE',
		'UP TIMEZONE',
	].flatMap((order) => [order, ...['2nd', '3rd', '4th', '5th', '6th'].map((nth) => `${order} ${nth} NEW`)]),
);

/** update_campaign's optional settings in the PHP's order (the dial-status edits follow them). */
function campaignRules(state: SimState): Rule[] {
	const limit = state.admin.settings.auto_dial_limit;
	const xferconf = (name: string, column: string, label: string): Rule => ({
		param: name,
		column,
		reason: `TRANSFER CONF NUMBER ${label} IS NOT VALID${OPTIONAL}`,
		valid: lengthIn(0, 50),
		blankable: true,
	});
	const url = (name: string, column: string, label: string): Rule => ({
		param: name,
		column,
		reason: `${label} IS NOT VALID${OPTIONAL}`,
		valid: lengthIn(3, 65000),
		blankable: true,
	});
	return [
		{ param: 'auto_dial_level', reason: `AUTO DIAL LEVEL MUST BE FROM 0 TO ${limit}${OPTIONAL}`, valid: within(0, limit) },
		{
			param: 'dial_method',
			reason: `DIAL METHOD IS NOT VALID${OPTIONAL}`,
			valid: oneOf('MANUAL', 'RATIO', 'INBOUND_MAN', 'ADAPT_AVERAGE', 'ADAPT_HARD_LIMIT', 'ADAPT_TAPERED'),
		},
		{ param: 'adaptive_maximum_level', reason: `ADAPT MAXIMUM DIAL LEVEL MUST BE FROM 1 TO 5 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 5) },
		{ param: 'campaign_vdad_exten', reason: `ROUTING EXTENSION MUST BE FROM 3 TO 20 CHARACTERS${OPTIONAL}`, valid: lengthIn(3, 20) },
		// The check allows 5000 although the message says 2000.
		{ param: 'hopper_level', reason: `HOPPER LEVEL MUST BE FROM 1 TO 2000${OPTIONAL}`, valid: within(1, 5000) },
		{ param: 'dial_timeout', reason: `DIAL TIMEOUT MUST BE FROM 1 TO 120${OPTIONAL}`, valid: within(1, 120) },
		{ param: 'campaign_name', reason: `CAMPAIGN NAME MUST BE FROM 6 TO 40 CHARACTERS${OPTIONAL}`, valid: lengthIn(6, 40) },
		{ param: 'outbound_cid', column: 'campaign_cid', reason: `CAMPAIGN CID MUST BE FROM 6 TO 20 CHARACTERS${OPTIONAL}`, valid: lengthIn(6, 20) },
		{
			param: 'lead_filter_id',
			reason: `CAMPAIGN LEAD FILTER MUST BE A VALID FILTER IN THE SYSTEM${OPTIONAL}`,
			valid: (id) => id === '---NONE---' || state.admin.leadFilters.includes(id),
			store: (id) => (id === '---NONE---' ? '' : id),
		},
		{ param: 'active', reason: `ACTIVE MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
		xferconf('xferconf_one', 'xferconf_a_number', 'ONE'),
		xferconf('xferconf_two', 'xferconf_b_number', 'TWO'),
		xferconf('xferconf_three', 'xferconf_c_number', 'THREE'),
		xferconf('xferconf_four', 'xferconf_d_number', 'FOUR'),
		xferconf('xferconf_five', 'xferconf_e_number', 'FIVE'),
		// The PHP spells the web forms WENFORM.
		url('dispo_call_url', 'dispo_call_url', 'DISPO CALL URL'),
		url('webform_one', 'web_form_address', 'WENFORM 1 URL'),
		url('webform_two', 'web_form_address_two', 'WENFORM 2 URL'),
		url('webform_three', 'web_form_address_three', 'WENFORM 3 URL'),
		// $camp_lead_order_random is 1 in the shipped script: no RANDOM orders through the API.
		{ param: 'list_order', column: 'lead_order', reason: `LIST ORDER INCLUDING RANDOM ARE NOT ALLOWED${OPTIONAL}`, valid: (order) => !/RANDOM/i.test(order) },
		{ param: 'list_order', column: 'lead_order', reason: `LIST ORDER IS NOT VALID${OPTIONAL}`, valid: (order) => LIST_ORDERS.has(order) },
		{ param: 'list_order_randomize', column: 'lead_order_randomize', reason: `LIST ORDER RANDOMIZE IS NOT VALID${OPTIONAL}`, valid: oneOf('Y', 'N') },
		{
			param: 'list_order_secondary',
			column: 'lead_order_secondary',
			reason: `LIST ORDER SECONDARY IS NOT VALID${OPTIONAL}`,
			valid: oneOf('LEAD_ASCEND', 'LEAD_DESCEND', 'CALLTIME_ASCEND', 'CALLTIME_DESCEND', 'VENDOR_ASCEND', 'VENDOR_DESCEND'),
		},
	];
}

/**
 * dial_status_add then dial_status_remove on ` NEW NA -`: the new dial_statuses, '' for no
 * change, or the error line.
 */
function dialStatuses(ctx: HandlerContext, campaign: SimCampaign): { error: string } | { statuses: string } {
	const fail = (reason: string, data: string) => ({ error: pipeLine('ERROR', `update_campaign ${reason}${OPTIONAL}`, ctx.apiUser.user, data) });
	let statuses = '';
	const add = arg(ctx, 'dial_status_add');
	if (add.length > 0) {
		if (add.length > 6) return fail('DIAL STATUS ADD IS NOT VALID', add);
		const current = campaign.dial_statuses;
		if (current.length > 248) return fail('DIAL STATUS ADD FAILURE, TOO MANY EXISTING DIAL STATUSES', add);
		statuses = ` ${add}${current.length < 2 ? ' -' : current}`;
	}
	const remove = arg(ctx, 'dial_status_remove');
	if (remove.length > 0) {
		if (remove.length > 6) return fail('DIAL STATUS REMOVE IS NOT VALID', remove);
		const current = statuses || campaign.dial_statuses;
		if (!statuses && (current.length < 1 || current === ' -')) return fail('DIAL STATUS REMOVE FAILURE, NO EXISTING DIAL STATUSES SET', remove);
		const status = new RegExp(`\\s${remove.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`, 'gi');
		if (!current.match(status)) return fail('DIAL STATUS REMOVE FAILURE, NOT AN EXISTING DIAL STATUS', remove);
		statuses = current.replace(status, ' ');
	}
	return { statuses };
}

/**
 * The opening checks of the campaign edit functions: modify_campaigns, a campaign_id of the
 * right length (`YOU MUST USE ALL REQUIRED FIELDS: |u|id|name|id`), and a campaign the user group sees.
 */
function editableCampaign(ctx: HandlerContext, fn: string, maxLength: number): { error: string } | { campaign: SimCampaign } {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['modify_campaigns'] })) return { error: denied(fn, 'UPDATE CAMPAIGNS', user, false) };
	const campaignId = arg(ctx, 'campaign_id');
	if (campaignId.length < 2 || campaignId.length > maxLength) {
		return { error: pipeLine('ERROR', `${fn} YOU MUST USE ALL REQUIRED FIELDS`, user, `${campaignId}|${arg(ctx, 'campaign_name')}|${campaignId}`) };
	}
	const campaign = visibleCampaign(ctx, campaignId);
	if (!campaign) return { error: pipeLine('ERROR', `${fn} CAMPAIGN DOES NOT EXIST`, user, campaignId) };
	return { campaign };
}

/**
 * update_campaign: verified `SUCCESS: update_campaign CAMPAIGN HAS BEEN UPDATED - 6666|TESTCAMP`.
 * `reset_hopper=Y` empties the campaign's hopper after the update line, even when nothing else
 * changed (then the NOTICE `NO UPDATES DEFINED` comes first).
 */
const update_campaign: Handler = (ctx) => {
	const target = editableCampaign(ctx, 'update_campaign', 8);
	if ('error' in target) return target.error;
	const { campaign } = target;
	const user = ctx.apiUser.user;
	const settings = applyRules(ctx, 'update_campaign', campaignRules(ctx.state));
	if ('error' in settings) return settings.error;
	const dial = dialStatuses(ctx, campaign);
	if ('error' in dial) return dial.error;
	if (dial.statuses) settings.set.dial_statuses = dial.statuses;
	let out: string;
	if (Object.keys(settings.set).length === 0) {
		out = pipeLine('NOTICE', 'update_campaign NO UPDATES DEFINED', user, '');
	} else {
		Object.assign(campaign, settings.set);
		out = dashLine('SUCCESS', 'update_campaign CAMPAIGN HAS BEEN UPDATED', user, campaign.campaign_id);
	}
	if (arg(ctx, 'reset_hopper') === 'Y') {
		ctx.state.hopper = ctx.state.hopper.filter((entry) => entry.campaign_id !== campaign.campaign_id);
		// $affected_rows is never set in this branch of the PHP, so the count prints empty.
		out += dashLine('NOTICE', 'update_campaign HOPPER HAS BEEN RESET', user, `${campaign.campaign_id}|`);
	}
	return out;
};

/** Which record's URL column must read `ALT` before its alternate URLs can be edited. */
function altUrlTarget(
	state: SimState,
	entryType: string,
	urlType: string,
	id: string,
): { section: string; isAlt: boolean } | 'bad-url-type' | 'bad-entry-type' {
	if (entryType === 'campaign') {
		const columns: Record<string, string> = { dispo: 'dispo_call_url', start: 'start_call_url', noagent: 'na_call_url' };
		if (!columns[urlType]) return 'bad-url-type';
		const campaign = state.campaigns.get(id);
		return { section: 'CAMPAIGNS', isAlt: campaign !== undefined && setting(campaign, columns[urlType]) === 'ALT' };
	}
	if (entryType === 'ingroup') {
		const columns: Record<string, 'dispo_call_url' | 'start_call_url' | 'na_call_url' | 'add_lead_url'> = {
			dispo: 'dispo_call_url',
			start: 'start_call_url',
			noagent: 'na_call_url',
			addlead: 'add_lead_url',
		};
		if (!columns[urlType]) return 'bad-url-type';
		const group = state.inGroups.get(id);
		return { section: 'INGROUPS', isAlt: group !== undefined && group[columns[urlType]] === 'ALT' };
	}
	if (entryType === 'list') {
		if (urlType !== 'noagent') return 'bad-url-type';
		const list = state.lists.get(id);
		return { section: 'LISTS', isAlt: list !== undefined && list.na_call_url === 'ALT' };
	}
	return 'bad-entry-type';
}

const ALT_URL_RULES: Rule[] = [
	{ param: 'active', reason: `ACTIVE MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
	{ param: 'url_address', reason: `URL ADDRESS IS NOT VALID${OPTIONAL}`, valid: lengthIn(5, 65000), blankable: true },
	{ param: 'url_rank', reason: `URL RANK IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 5) },
	// "CAL" is the PHP's spelling.
	{ param: 'url_call_length', reason: `URL CAL LENGTH IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 5) },
	{ param: 'url_statuses', reason: `URL STATUSES IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 1000) },
	{ param: 'url_description', reason: `URL DESCRIPTION IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 255), blankable: true },
	{ param: 'url_lists', reason: `URL LISTS IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 1000), blankable: true },
];

type AltUrl = SimState['altUrls'][number];

/** Copies the checked settings onto an ALT URL row (rank and call length are numbers there). */
function applyAltUrl(row: AltUrl, set: Record<string, string>): void {
	const { url_rank: rank, url_call_length: callLength, ...text } = set;
	Object.assign(row, text);
	if (rank !== undefined) row.url_rank = Number(rank) || 0;
	if (callLength !== undefined) row.url_call_length = Number(callLength) || 0;
}

/**
 * update_alt_url: list, add or edit the ALT multi-URL rows. Verified
 * `SUCCESS: update_alt_url ALT URL HAS BEEN ADDED - 6666|NEW URL ID: 1|dispo|campaign|TESTCAMP`
 * and the LIST row `1|TESTCAMP|campaign|Y|dispo|1|---ALL---|n8n hook||0|http://…`.
 */
const update_alt_url: Handler = (ctx) => {
	const editable = editableCampaign(ctx, 'update_alt_url', 20);
	if ('error' in editable) return editable.error;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	const campaignId = editable.campaign.campaign_id;
	const entryType = arg(ctx, 'entry_type');
	const urlType = arg(ctx, 'url_type');
	const rows = () =>
		state.altUrls
			.filter((row) => row.campaign_id === campaignId && row.entry_type === entryType && row.url_type === urlType)
			.sort((a, b) => a.url_id - b.url_id);
	let altUrlId = arg(ctx, 'alt_url_id');
	if (altUrlId === 'LIST') {
		const found = rows();
		if (found.length === 0) return `NOTICE: update_alt_url LIST, No Records Found - ${user}|${urlType}|${entryType}|${campaignId}|0\n`;
		const columns: (keyof AltUrl)[] = [
			'url_id',
			'campaign_id',
			'entry_type',
			'active',
			'url_type',
			'url_rank',
			'url_statuses',
			'url_description',
			'url_lists',
			'url_call_length',
			'url_address',
		];
		return listReply(
			ctx,
			columns,
			found.map((row) => columns.map((column) => row[column])),
		);
	}
	const target = altUrlTarget(state, entryType, urlType, campaignId);
	// Both reasons end in a colon, so the line reads `…DEFINED:: |user|…` in the PHP too.
	if (target === 'bad-url-type') return pipeLine('ERROR', 'update_alt_url NO VALID URL TYPE DEFINED:', user, `${urlType}|${entryType}|${campaignId}`);
	if (target === 'bad-entry-type') return pipeLine('ERROR', 'update_alt_url NO ENTRY TYPE DEFINED:', user, `${entryType}|${campaignId}`);
	if (!target.isAlt)
		return pipeLine('ERROR', `update_alt_url ${target.section} ${urlType} URL IS NOT SET TO ALT`, user, `${urlType}|${entryType}|${campaignId}`);
	if (altUrlId !== 'NEW' && !rows().some((row) => String(row.url_id) === altUrlId)) {
		// An unknown id is forgiven when the campaign has at most one ALT URL of this type.
		const existing = rows();
		if (existing.length >= 2) {
			return pipeLine('ERROR', 'update_alt_url ALT URL ID DOES NOT EXIST', user, `${altUrlId}|${urlType}|${entryType}|${campaignId}|${existing.length}`);
		}
		altUrlId = existing.length === 1 ? String(existing[0].url_id) : '';
	}
	const settings = applyRules(ctx, 'update_alt_url', ALT_URL_RULES);
	if ('error' in settings) return settings.error;
	if (Object.keys(settings.set).length === 0) return pipeLine('NOTICE', 'update_alt_url NO UPDATES DEFINED', user, '');
	if (altUrlId === 'NEW') {
		const urlId = state.next.url_id;
		state.next.url_id += 1;
		// Column defaults of vicidial_url_multi for what the request leaves out.
		const row: AltUrl = {
			url_id: urlId,
			campaign_id: campaignId,
			entry_type: entryType,
			active: 'N',
			url_type: urlType,
			url_rank: 1,
			url_statuses: '',
			url_description: '',
			url_lists: '',
			url_call_length: 0,
			url_address: '',
		};
		applyAltUrl(row, settings.set);
		state.altUrls.push(row);
		return dashLine('SUCCESS', 'update_alt_url ALT URL HAS BEEN ADDED', user, `NEW URL ID: ${urlId}|${urlType}|${entryType}|${campaignId}`);
	}
	const row = state.altUrls.find((r) => r.campaign_id === campaignId && String(r.url_id) === altUrlId);
	if (row) applyAltUrl(row, settings.set);
	return dashLine('SUCCESS', 'update_alt_url ALT URL HAS BEEN UPDATED', user, `${altUrlId}|${urlType}|${entryType}|${campaignId}`);
};

/** The LIST output of update_alt_url and update_presets: `stage` delimiter, optional header. */
function listReply(ctx: HandlerContext, columns: string[], rows: (string | number)[][]): string {
	const DL = delimiterFor(arg(ctx, 'stage'));
	const header = arg(ctx, 'header') === 'YES' ? `${columns.join(DL)}\n` : '';
	return header + rows.map((row) => `${row.join(DL)}\n`).join('');
}

const PRESET_RULES: Rule[] = [
	{ param: 'preset_hide_number', reason: `PRESET HIDE NUMBER MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
	{ param: 'preset_number', reason: `PRESET NUMBER IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 50) },
	{ param: 'preset_dtmf', reason: `PRESET DTMF IS NOT VALID${OPTIONAL}`, valid: lengthIn(1, 50), blankable: true },
];

/**
 * update_presets: transfer-conference presets; action UPDATE (default), NEW, DELETE or LIST.
 * Verified `SUCCESS: update_presets PRESET HAS BEEN ADDED - 6666|NEW PRESET: SALES|TESTCAMP`.
 */
const update_presets: Handler = (ctx) => {
	const editable = editableCampaign(ctx, 'update_presets', 8);
	if ('error' in editable) return editable.error;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	const campaignId = editable.campaign.campaign_id;
	const action = arg(ctx, 'action');
	const presets = () =>
		state.presets
			.filter((preset) => preset.campaign_id === campaignId)
			.sort((a, b) => (a.preset_name < b.preset_name ? -1 : a.preset_name > b.preset_name ? 1 : 0));
	if (action === 'LIST') {
		const found = presets();
		if (found.length === 0) return `NOTICE: update_presets LIST, No Records Found - ${user}|${campaignId}|0\n`;
		const columns = ['preset_name', 'campaign_id', 'preset_number', 'preset_hide_number', 'preset_dtmf'] as const;
		return listReply(
			ctx,
			[...columns],
			found.map((preset) => columns.map((column) => preset[column])),
		);
	}
	let name = arg(ctx, 'preset_name');
	if (action !== 'NEW' && !presets().some((preset) => preset.preset_name === name)) {
		// An unknown name is forgiven when the campaign has at most one preset.
		const existing = presets();
		if (existing.length >= 2) return pipeLine('ERROR', 'update_presets PRESET NAME DOES NOT EXIST', user, `${name}|${campaignId}|${existing.length}`);
		name = existing.length === 1 ? existing[0].preset_name : '';
	}
	const settings = applyRules(ctx, 'update_presets', PRESET_RULES);
	if ('error' in settings) return settings.error;
	if (action === 'DELETE') {
		state.presets = state.presets.filter((preset) => !(preset.campaign_id === campaignId && preset.preset_name === name));
		return dashLine('SUCCESS', 'update_presets PRESET HAS BEEN DELETED', user, `${name}|${campaignId}`);
	}
	if (Object.keys(settings.set).length === 0) return pipeLine('NOTICE', 'update_presets NO UPDATES DEFINED', user, '');
	if (action === 'NEW') {
		// (campaign_id, preset_name) is unique: a second NEW of one name inserts nothing, yet succeeds.
		if (!presets().some((preset) => preset.preset_name === name)) {
			state.presets.push({ preset_name: name, campaign_id: campaignId, preset_number: '', preset_hide_number: 'N', preset_dtmf: '', ...settings.set });
		}
		return dashLine('SUCCESS', 'update_presets PRESET HAS BEEN ADDED', user, `NEW PRESET: ${name}|${campaignId}`);
	}
	const preset = state.presets.find((r) => r.campaign_id === campaignId && r.preset_name === name);
	if (preset) Object.assign(preset, settings.set);
	return dashLine('SUCCESS', 'update_presets PRESET HAS BEEN UPDATED', user, `${name}|${campaignId}`);
};

/**
 * update_cid_group_entry: caller-ID rows of a CID group or of a campaign (AREACODE groups).
 * INFO prints a SUCCESS line without a separator, then numbered data rows (verified
 * `SUCCESS: update_cid_group_entry CID GROUP INFO AS FOLLOWS TESTCAMP|---ALL---||1` / `1|312|3125550000|Y|API test cid|0`).
 */
const update_cid_group_entry: Handler = (ctx) => {
	const denied = campaignDenied(ctx, 'update_cid_group_entry', 'UPDATE CID GROUPS');
	if (denied) return denied;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	const p = (name: string) => arg(ctx, name);
	const groupId = p('cid_group_id');
	const stage = p('stage');
	const areacode = p('areacode');
	const cid = p('outbound_cid');
	if (groupId.length < 1 || groupId.length > 20 || stage.length < 3 || stage.length > 6 || areacode.length < 1 || areacode.length > 9) {
		return pipeLine('ERROR', 'update_cid_group_entry YOU MUST USE ALL REQUIRED FIELDS', user, `${groupId}|${areacode}|${stage}`);
	}
	let group = state.cidGroups.get(groupId);
	if (!group) {
		if (!visibleCampaign(ctx, groupId)) return pipeLine('ERROR', 'update_cid_group_entry CID GROUP DOES NOT EXIST', user, groupId);
		// A campaign id works as the group id of its own AREACODE list.
		group = { cid_group_id: groupId, cid_group_type: 'AREACODE', entries: [] };
		state.cidGroups.set(groupId, group);
	}
	const entries = group.entries;
	const matches = () =>
		entries
			.filter((e) => (areacode === '---ALL---' || e.areacode === areacode) && (cid === '---ALL---' || cid.length < 1 || e.outbound_cid === cid))
			.sort((a, b) =>
				a.areacode !== b.areacode ? (a.areacode < b.areacode ? -1 : 1) : a.outbound_cid < b.outbound_cid ? -1 : a.outbound_cid > b.outbound_cid ? 1 : 0,
			);
	const noEntries = () => pipeLine('ERROR', 'update_cid_group_entry THIS CID GROUP HAS NO ENTRIES', user, groupId);
	if (stage === 'INFO') {
		const found = matches();
		if (found.length === 0) return noEntries();
		let out = `SUCCESS: update_cid_group_entry CID GROUP INFO AS FOLLOWS ${groupId}|${areacode}|${cid}|${found.length}\n`;
		found.forEach((e, i) => {
			out += `${i + 1}|${e.areacode}|${e.outbound_cid}|${e.active || 'N'}|${e.cid_description}|${e.call_count_today}\n`;
		});
		return out;
	}
	if (stage === 'ADD') {
		if (areacode === '---ALL---')
			return pipeLine('ERROR', 'update_cid_group_entry YOU MUST DEFINE AN AREACODE WHEN ADDING AND ENTRY', user, `${groupId}|${areacode}`);
		if (cid.length < 4) return pipeLine('ERROR', 'update_cid_group_entry YOU MUST DEFINE A CID NUMBER WHEN ADDING AND ENTRY', user, `${groupId}|${cid}`);
		if (entries.some((e) => e.areacode === areacode && e.outbound_cid === cid)) {
			return pipeLine('ERROR', 'update_cid_group_entry THIS CID GROUP ENTRY ALREADY EXISTS', user, `${groupId}|${areacode}|${cid}`);
		}
		// An inactive entry is stored with an empty `active`, shown as N.
		entries.push({ areacode, outbound_cid: cid, active: p('active') === 'Y' ? 'Y' : '', cid_description: p('cid_description'), call_count_today: 0 });
		return dashLine('SUCCESS', 'update_cid_group_entry CID GROUP ENTRY HAS BEEN ADDED', user, `${groupId}|${areacode}|${cid}|1`);
	}
	if (stage === 'DELETE') {
		const found = matches();
		if (found.length === 0) return noEntries();
		group.entries = entries.filter((e) => !found.includes(e));
		return dashLine('SUCCESS', 'update_cid_group_entry CID GROUP ENTRIES HAVE BEEN DELETED', user, `${groupId}|${areacode}|${cid}|${found.length}`);
	}
	if (stage === 'UPDATE') {
		const found = matches();
		if (found.length === 0) return noEntries();
		const active = p('active');
		const description = p('cid_description');
		const setActive = active === 'Y' || active === 'N';
		if (!setActive && description.length < 1) {
			return pipeLine('ERROR', 'update_cid_group_entry NO UPDATES WERE DEFINED', user, `${groupId}|${areacode}|${cid}|${active}|${description}`);
		}
		// MySQL counts only the rows whose values actually change.
		let modified = 0;
		for (const e of found) {
			const before = `${e.active}|${e.cid_description}`;
			if (setActive) e.active = active === 'Y' ? 'Y' : '';
			if (description.length > 0) e.cid_description = description;
			if (`${e.active}|${e.cid_description}` !== before) modified += 1;
		}
		return dashLine('SUCCESS', 'update_cid_group_entry CID GROUP ENTRIES HAVE BEEN UPDATED', user, `${groupId}|${areacode}|${cid}|${modified}`);
	}
	// Any other stage of 3-6 characters prints nothing.
	return '';
};

export const campaignHandlers: Record<string, Handler> = {
	campaigns_list,
	update_campaign,
	update_alt_url,
	update_presets,
	update_cid_group_entry,
};
