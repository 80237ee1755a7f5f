import { sqlDate, type Handler, type HandlerContext } from '../context.cjs';
import type { SimLead, SimLiveAgent, SimState } from '../state.cjs';
import { agentFunction, campaignSetting, groupAliasCallerId, hasLiveCall, input, invalidValue, line, noAgentNamed, queueManagerAction, type AgentRequest } from './common.cjs';
import { addLead, dispositionLead, endCall, previewLead, startCall } from './scene.cjs';

/**
 * Call functions: manual dial and preview actions, hangup, disposition, adding a lead for the
 * agent's campaign, switching the lead of an inbound call, and ringing the agent's phone.
 * Replies as in agc/api.php; verified texts in notes §5.
 */

/**
 * "Outbound Call Any CID" (system_settings.outbound_cid_any): the simulator leaves it at the
 * default, so external_dial's outbound_cid is always refused with this value echoed.
 */
const OUTBOUND_CID_ANY = 'DISABLED';

/** external_dial keeps MANUALNEXT and otherwise only the digits of `value`. */
function dialValue(ctx: HandlerContext): string {
	const value = input(ctx, 'value');
	return value === 'MANUALNEXT' ? value : value.replace(/[^0-9]/g, '');
}

/** Leads in the campaign's lists, lowest lead_id first. */
function campaignLeads(state: SimState, campaign_id: string): SimLead[] {
	const lists = new Set([...state.lists.values()].filter((list) => list.campaign_id === campaign_id).map((list) => list.list_id));
	return [...state.leads.values()].filter((lead) => lists.has(lead.list_id)).sort((a, b) => a.lead_id - b.lead_id);
}

/** The lead "Dial Next Number" takes: the campaign's hopper first, then a lead in a dialable status. */
function nextLead(state: SimState, campaign_id: string): SimLead | undefined {
	const index = state.hopper.findIndex((entry) => entry.campaign_id === campaign_id && entry.status === 'READY');
	if (index >= 0) {
		const [entry] = state.hopper.splice(index, 1);
		return state.leads.get(entry.lead_id);
	}
	const statuses = (state.campaigns.get(campaign_id)?.dial_statuses ?? '').split(' ');
	return campaignLeads(state, campaign_id).find((lead) => statuses.includes(lead.status));
}

interface ManualDial {
	value: string;
	phoneCode: string;
	leadId: string;
	search: string;
	preview: string;
	vendorId: string;
}

/**
 * What the screen does with an external_dial command: find or create the lead (search=YES looks
 * in the campaign's lists, search=NO always makes a new lead in the manual dial list), then
 * preview it or place the call. MANUALNEXT with nothing left to dial changes nothing.
 */
function placeManualCall({ ctx, state, agentUser, live }: AgentRequest, dial: ManualDial): void {
	let lead: SimLead | undefined;
	if (dial.leadId !== '') lead = state.leads.get(Number(dial.leadId));
	else if (dial.value === 'MANUALNEXT') lead = nextLead(state, live.campaign_id);
	else {
		if (dial.search === 'YES') lead = campaignLeads(state, live.campaign_id).filter((row) => row.phone_number === dial.value).pop();
		lead ??= addLead(
			state,
			{
				phone_number: dial.value,
				phone_code: dial.phoneCode || '1',
				// VICIdial puts manual dials of a campaign without a manual dial list into list 998.
				list_id: state.campaigns.get(live.campaign_id)?.manual_dial_list_id || '998',
				user: agentUser,
				vendor_lead_code: dial.vendorId,
			},
			ctx.now,
		);
	}
	if (!lead) return;
	if (dial.preview === 'YES') previewLead(state, agentUser, lead.lead_id, ctx.now);
	else startCall(state, agentUser, { lead_id: lead.lead_id, phone_number: dial.value === 'MANUALNEXT' ? lead.phone_number : dial.value, call_type: 'MANUAL', now: ctx.now });
}

/**
 * `SUCCESS: external_dial function set - 7275551111|1000|1|YES|NO|NO||1795326530||||` (verified):
 * value|agent|phone_code|search|preview|focus|vendor_id|epoch|dial_prefix|group_alias|caller_id_number|alt_dial.
 * With api_manual_dial=STANDARD the agent must be PAUSED with no lead; the AGENT needs agentcall_manual.
 */
const external_dial = agentFunction(
	{
		invalid: (ctx) => {
			const value = dialValue(ctx);
			const [phoneCode, search, preview, focus, leadId] = ['phone_code', 'search', 'preview', 'focus', 'lead_id'].map((name) => input(ctx, name));
			if ((value.length < 2 && leadId.length < 1) || noAgentNamed(ctx, 2) || search.length < 2 || preview.length < 2 || focus.length < 2) {
				const data = `${value}|${phoneCode}|${search}|${preview}|${focus}|${leadId}|${input(ctx, 'agent_user')}|${input(ctx, 'alt_user')}`;
				return line('ERROR', 'external_dial not valid', data);
			}
			return undefined;
		},
	},
	(request) => {
		const { ctx, state, agentUser, live, epoch } = request;
		const campaign = state.campaigns.get(live.campaign_id);
		const standard = campaign?.api_manual_dial === 'STANDARD';
		const ready = !standard || (live.status === 'PAUSED' && live.lead_id < 1);
		let reply = '';
		let dialIngroup = input(ctx, 'dial_ingroup');
		if (dialIngroup.length > 0 && !state.inGroups.has(dialIngroup)) {
			reply += line('NOTICE', 'defined dial_ingroup not found', dialIngroup);
			dialIngroup = '';
		}
		// A valid dial_ingroup skips the paused check, as in api.php.
		if (!ready && dialIngroup.length < 1) return reply + line('ERROR', 'agent_user is not paused', agentUser);
		if (!state.users.get(agentUser)?.agentcall_manual) return reply + line('ERROR', 'agent_user is not allowed to place manual dial calls', agentUser);
		const groupAlias = input(ctx, 'group_alias');
		const alias = groupAliasCallerId(ctx, agentUser);
		if (!alias.ok) return reply + alias.reply;
		const callerIdNumber = alias.callerIdNumber;
		const outboundCid = input(ctx, 'outbound_cid');
		if (outboundCid.length > 1) return reply + line('ERROR', 'outbound_cid is not allowed on this system', `${agentUser}|${outboundCid}|${OUTBOUND_CID_ANY}`);

		let value = dialValue(ctx);
		let phoneCode = input(ctx, 'phone_code');
		let altDial = input(ctx, 'alt_dial');
		const leadId = input(ctx, 'lead_id');
		if (leadId.length > 0) {
			// lead_id wins over value: the number comes from the lead (value only feeds alt_dial=SEARCH).
			const phoneSearch = value;
			value = '';
			phoneCode = '';
			const lead = state.leads.get(Number(leadId));
			if (altDial === 'SEARCH') {
				altDial = '';
				if (lead) {
					if (lead.address3 === phoneSearch) altDial = 'ADDR3';
					if (lead.alt_phone === phoneSearch) altDial = 'ALT';
					if (lead.phone_number === phoneSearch) altDial = 'MAIN';
					if (altDial === '') return reply + line('ERROR', 'phone number lead_id search not found', `${agentUser}|${value}|${leadId}|${altDial}`);
				}
			}
			if (!lead) return reply + line('ERROR', 'lead_id is not valid', `${agentUser}|${leadId}`);
			const number = altDial === 'ALT' ? lead.alt_phone : altDial === 'ADDR3' ? lead.address3 : lead.phone_number;
			value = number.replace(/[^0-9]/g, '');
			phoneCode = lead.phone_code;
			if (value.length < 2) return reply + line('ERROR', 'phone number is not valid', `${agentUser}|${value}|${leadId}|${altDial}`);
		}

		const [search, preview, focus, vendorId, dialPrefix] = ['search', 'preview', 'focus', 'vendor_id', 'dial_prefix'].map((name) => input(ctx, name));
		const command = [value, phoneCode, search, preview, focus, vendorId, epoch, dialPrefix, groupAlias, callerIdNumber, '', leadId, altDial, dialIngroup].join('!');
		if (standard) {
			live.pending.external_dial = command;
			placeManualCall(request, { value, phoneCode, leadId, search, preview, vendorId });
		} else {
			const queue = (live.manual_dial_queue ??= []);
			if (queue.includes(value)) return reply + line('ERROR', 'phone_number is already in this agents manual dial queue', `${agentUser}|${value}`);
			queue.push(value);
		}
		const data = [phoneCode, search, preview, focus, vendorId, epoch, dialPrefix, groupAlias, callerIdNumber, altDial].join('|');
		return reply + line('SUCCESS', 'external_dial function set', `${value}|${agentUser}|${data}`);
	},
);

const PREVIEW_ACTIONS = ['SKIP', 'DIALONLY', 'ALTDIAL', 'ADR3DIAL', 'FINISH'];

/** What the screen does with a preview action on the lead it previews. */
function applyPreviewAction(state: SimState, agentUser: string, live: SimLiveAgent, action: string, now: Date): void {
	const lead = state.leads.get(live.lead_id);
	if (!live.preview || !lead) return;
	if (action === 'SKIP') {
		live.lead_id = 0;
		live.preview = false;
		live.sub_status = '';
		return;
	}
	if (action === 'FINISH') {
		live.preview = false;
		live.sub_status = 'DISPO';
		return;
	}
	const number = action === 'ALTDIAL' ? lead.alt_phone : action === 'ADR3DIAL' ? lead.address3 : lead.phone_number;
	startCall(state, agentUser, { lead_id: lead.lead_id, phone_number: number, call_type: 'MANUAL', now });
}

/**
 * `SUCCESS: preview_dial_action function set - SKIP|1000|SKIP` (verified). Campaign columns
 * manual_preview_dial (default PREVIEW_AND_SKIP) and alt_number_dialing (default N) gate the
 * actions; the agent must be PAUSED and allowed manual dials.
 */
const preview_dial_action = agentFunction(
	{
		invalid: (ctx) => {
			const value = input(ctx, 'value').replace(/[^A-Z0-9]/g, '');
			if (value.length < 4 || noAgentNamed(ctx, 2) || !PREVIEW_ACTIONS.includes(value)) {
				return line('ERROR', 'preview_dial_action not valid', `${value}||${input(ctx, 'agent_user')}|${input(ctx, 'alt_user')}`);
			}
			return undefined;
		},
	},
	({ ctx, state, agentUser, live }) => {
		const value = input(ctx, 'value').replace(/[^A-Z0-9]/g, '');
		const campaign = state.campaigns.get(live.campaign_id);
		const previewDial = campaignSetting(campaign, 'manual_preview_dial', 'PREVIEW_AND_SKIP');
		const altNumberDialing = campaignSetting(campaign, 'alt_number_dialing', 'N');
		if (previewDial === 'DISABLED') return line('ERROR', 'preview dialing not allowed on this campaign', `${agentUser}|${live.campaign_id}|${previewDial}`);
		if (previewDial === 'PREVIEW_ONLY' && value === 'SKIP') {
			return line('ERROR', 'preview dial skipping not allowed on this campaign', `${agentUser}|${live.campaign_id}|${previewDial}`);
		}
		if (altNumberDialing === 'N' && ['ALTDIAL', 'ADR3DIAL', 'FINISH'].includes(value)) {
			return line('ERROR', 'alt number dialing not allowed on this campaign', `${agentUser}|${live.campaign_id}|${altNumberDialing}`);
		}
		if (live.status !== 'PAUSED') return line('ERROR', 'agent_user is not paused', agentUser);
		if (!state.users.get(agentUser)?.agentcall_manual) return line('ERROR', 'agent_user is not allowed to place manual dial calls', agentUser);
		live.pending.external_dial = value;
		applyPreviewAction(state, agentUser, live, value, ctx.now);
		return line('SUCCESS', 'preview_dial_action function set', `${value}|${agentUser}|${value}`);
	},
);

/** `SUCCESS: external_hangup function set - 1|1000` (verified, also with no call up). */
const external_hangup = agentFunction(
	{ invalid: invalidValue('external_hangup', (value) => value.length < 1) },
	({ ctx, state, agentUser, live }) => {
		const value = input(ctx, 'value');
		live.pending.external_hangup = value;
		endCall(state, agentUser, ctx.now);
		return line('SUCCESS', 'external_hangup function set', `${value}|${agentUser}`);
	},
);

/**
 * Whether a status schedules a callback (vicidial_statuses.scheduled_callback='Y'). The seed's
 * statuses carry no such flag; CALLBK is the one VICIdial ships with it set.
 */
function schedulesCallback(status: string): boolean {
	return status === 'CALLBK';
}

/**
 * `SUCCESS: external_status function set - SALE|1000` (verified). A callback status with a
 * callback_datetime becomes `CALLBK!<datetime>!<type>!<comments>!`, and qm_dispo_code is appended.
 * The screen then dispositions the lead on it: call ended, lead status set, callback booked.
 */
const external_status = agentFunction(
	{ invalid: invalidValue('external_status', (value) => value.length < 1) },
	({ ctx, state, agentUser, live }) => {
		const status = input(ctx, 'value');
		let value = status;
		const callbackAt = input(ctx, 'callback_datetime');
		const callback = callbackAt.length > 12 && schedulesCallback(status);
		const callbackType = input(ctx, 'callback_type').length < 4 ? 'ANYONE' : input(ctx, 'callback_type');
		const comments = input(ctx, 'callback_comments').slice(0, 200);
		if (callback) value = `${status}!${callbackAt}!${callbackType}!${comments}!`;
		const qmDispoCode = input(ctx, 'qm_dispo_code');
		if (qmDispoCode.length > 0) value = callback ? `${value}${qmDispoCode}` : `${value}!!!!${qmDispoCode}`;
		live.pending.external_status = value;
		const lead = state.leads.get(live.lead_id);
		if (lead) {
			if (callback) {
				state.callbacks.push({
					callback_id: state.next.callback_id++,
					lead_id: lead.lead_id,
					list_id: lead.list_id,
					campaign_id: live.campaign_id,
					status: 'ACTIVE',
					entry_time: sqlDate(ctx.now),
					callback_time: callbackAt,
					user: agentUser,
					recipient: callbackType === 'USERONLY' ? 'USERONLY' : 'ANYONE',
					comments,
					user_group: state.users.get(agentUser)?.user_group ?? '',
					lead_status: status,
				});
			}
			dispositionLead(state, agentUser, status, ctx.now);
		}
		return line('SUCCESS', 'external_status function set', `${value}|${agentUser}`);
	},
);

/** The lead columns external_add_lead writes, all set (empty when not sent) as its INSERT does. */
const ADD_LEAD_FIELDS = [
	'source_id',
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
	'rank',
	'owner',
] as const;

/**
 * `SUCCESS: lead added - 7275553333|TESTCAMP|101|13|1000` (verified): phone|campaign|list|lead_id|agent.
 * The lead goes into the agent's campaign's manual_dial_list_id with the API user as `user`.
 */
const external_add_lead = agentFunction(
	{
		invalid: (ctx) => {
			const value = addLeadNumber(ctx);
			const phoneCode = input(ctx, 'phone_code');
			if (noAgentNamed(ctx, 2) || phoneCode.length < 1 || value.length < 2) {
				return line('ERROR', 'external_add_lead not valid', `${value}|${phoneCode}|${input(ctx, 'agent_user')}|${input(ctx, 'alt_user')}`);
			}
			return undefined;
		},
	},
	({ ctx, state, agentUser, live }) => {
		const value = addLeadNumber(ctx);
		const campaign = state.campaigns.get(live.campaign_id);
		const listId = campaign?.manual_dial_list_id ?? '';
		if (!campaign || listId === '' || listId === '0') {
			return line('ERROR', 'campaign manual dial list undefined', `${value}|${live.campaign_id}|${agentUser}`);
		}
		const checked = (name: string) => ['YES', 'Y'].includes(input(ctx, name));
		const inDnc = checked('dnc_check') && (state.dnc.get('SYSTEM_INTERNAL')?.has(value) ?? false);
		const dncCampaign = campaignSetting(campaign, 'use_other_campaign_dnc', '') || campaign.campaign_id;
		const inCampaignDnc = checked('campaign_dnc_check') && (state.dnc.get(dncCampaign)?.has(value) ?? false);
		if (inDnc || inCampaignDnc) {
			// Both lines print when the number is on both lists.
			return (
				(inDnc ? line('ERROR', 'add_lead PHONE NUMBER IN DNC', `${value}|${agentUser}`) : '') +
				(inCampaignDnc ? line('ERROR', 'add_lead PHONE NUMBER IN CAMPAIGN DNC', `${value}|${campaign.campaign_id}|${agentUser}`) : '')
			);
		}
		const fields: Partial<SimLead> = {};
		for (const name of ADD_LEAD_FIELDS) fields[name] = input(ctx, name);
		const vendorId = input(ctx, 'vendor_id');
		const lead = addLead(
			state,
			{
				...fields,
				phone_code: input(ctx, 'phone_code'),
				phone_number: value,
				list_id: listId,
				status: 'NEW',
				user: ctx.apiUser.user,
				vendor_lead_code: vendorId.length > 0 ? vendorId : input(ctx, 'vendor_lead_code'),
				called_since_last_reset: 'N',
				last_local_call_time: sqlDate(ctx.now),
				// MySQL stores '' as the zero date and 0 for these typed columns.
				date_of_birth: fields.date_of_birth || '0000-00-00',
				rank: fields.rank || '0',
			},
			ctx.now,
		);
		return line('SUCCESS', 'lead added', `${value}|${campaign.campaign_id}|${listId}|${lead.lead_id}|${agentUser}`);
	},
);

/** external_add_lead takes the number from `value`, or from phone_number when value is empty. */
function addLeadNumber(ctx: HandlerContext): string {
	const value = input(ctx, 'value');
	const phone = input(ctx, 'phone_number');
	return value.length < 1 && phone.length > 1 ? phone : value;
}

/**
 * `SUCCESS: switch_lead function set - agent|new_lead_id|vendor_lead_code|campaign|old_lead_id|`.
 * Only on a live inbound call (callerid starting with Y) in a campaign whose agent_lead_search is
 * LIVE_CALL_INBOUND(_AND_MANUAL). api.php searches by vendor_lead_code when one is sent, even
 * with a lead_id (the docs say the opposite).
 */
const switch_lead = agentFunction(
	{
		invalid: (ctx) => {
			const leadId = input(ctx, 'lead_id');
			const vendorLeadCode = input(ctx, 'vendor_lead_code');
			if (((leadId.length < 1 || Number(leadId) < 1) && vendorLeadCode.length < 1) || noAgentNamed(ctx)) {
				return line('ERROR', 'switch_lead not valid', `${leadId}|${vendorLeadCode}|${input(ctx, 'agent_user')}`);
			}
			return undefined;
		},
	},
	({ ctx, state, agentUser, live }) => {
		if (!hasLiveCall(live) || !live.call) return line('ERROR', 'agent_user does not have a live call', agentUser);
		const callerid = live.call.call_id;
		// api.php prints this line without a newline.
		if (!callerid.startsWith('Y')) return `ERROR: agent call is not inbound - ${agentUser}|${callerid}`;
		const campaign = state.campaigns.get(live.campaign_id);
		if (!campaign) return line('ERROR', 'campaign not found', `${agentUser}|${live.campaign_id}`);
		if (!['LIVE_CALL_INBOUND', 'LIVE_CALL_INBOUND_AND_MANUAL'].includes(campaignSetting(campaign, 'agent_lead_search', 'DISABLED'))) {
			return line('ERROR', 'campaign does not allow inbound lead search', `${agentUser}|${live.campaign_id}`);
		}
		const leadId = input(ctx, 'lead_id');
		const vendorLeadCode = input(ctx, 'vendor_lead_code');
		const target =
			vendorLeadCode.length > 0
				? [...state.leads.values()].filter((lead) => lead.vendor_lead_code === vendorLeadCode).sort((a, b) => b.lead_id - a.lead_id)[0]
				: state.leads.get(Number(leadId));
		if (!target) return line('ERROR', 'switch-to lead not found', `${agentUser}|${leadId}|${vendorLeadCode}`);
		const current = live.lead_id;
		live.pending.external_lead_id = String(target.lead_id);
		live.lead_id = target.lead_id;
		live.call.lead_id = target.lead_id;
		return line('SUCCESS', 'switch_lead function set', `${agentUser}|${target.lead_id}|${target.vendor_lead_code}|${live.campaign_id}|${current}|`);
	},
);

/**
 * `SUCCESS: call_agent function sent - 1000`: queues the Originate the screen stored at login
 * (vicidial_session_data.agent_login_call), pointed at the agent's session.
 */
const call_agent = agentFunction(
	{ invalid: invalidValue('call_agent', (value) => value !== 'CALL') },
	({ ctx, state, agentUser, live }) => {
		if (!live.session) return line('ERROR', 'call_agent error - no session data', agentUser);
		const loginCall = live.session.agent_login_call;
		if (loginCall.length <= 5) return line('ERROR', 'call_agent error - entry is empty', agentUser);
		const parts = loginCall.split('|');
		queueManagerAction(state, ctx.now, {
			server_ip: live.server_ip,
			action: 'Originate',
			callerid: parts[6] ?? '',
			channel: parts[7] ?? '',
			exten: `Exten: ${live.session_id}`,
		});
		return line('SUCCESS', 'call_agent function sent', agentUser);
	},
);

export const callHandlers: Record<string, Handler> = {
	external_dial,
	preview_dial_action,
	external_hangup,
	external_status,
	external_add_lead,
	switch_lead,
	call_agent,
};
