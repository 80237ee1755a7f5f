import type { Handler, HandlerContext } from '../context.cjs';
import type { SimDid, SimState } from '../state.cjs';
import { applyRules, dashLine, lengthIn, oneOf, OPTIONAL, pipeLine, serverExists, type Rule } from './adminReplies.cjs';
import { allowed, arg, denied } from './php.cjs';

/**
 * did_id is AUTO_INCREMENT in vicidial_inbound_dids. Seed rows carry none, so they are numbered
 * in insertion order the first time an id is needed (the seed DID becomes 1).
 */
function assignDidIds(state: SimState): number {
	let max = 0;
	for (const did of state.dids.values()) max = Math.max(max, Number(did.did_id ?? 0) || 0);
	for (const did of state.dids.values()) {
		if (!did.did_id) {
			max += 1;
			did.did_id = String(max);
		}
	}
	return max;
}

function nextDidId(state: SimState): string {
	return String(assignDidIds(state) + 1);
}

/**
 * The optional DID settings of add_did and update_did in the PHP's order. The menu error reads
 * `update_did` in add_did too (copied code).
 */
function didRules(state: SimState): Rule[] {
	return [
		{ param: 'did_description', reason: `DID DESCRIPTION MUST BE FROM 6 TO 50 CHARACTERS${OPTIONAL}`, valid: lengthIn(6, 50) },
		{ param: 'active', reason: `ACTIVE MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
		{
			param: 'did_route',
			reason: `DID ROUTE IS NOT VALID${OPTIONAL}`,
			valid: oneOf('EXTEN', 'VOICEMAIL', 'AGENT', 'PHONE', 'IN_GROUP', 'CALLMENU', 'VMAIL_NO_INST'),
		},
		{ param: 'record_call', reason: `RECORD CALL MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N', 'Y_QUEUESTOP') },
		{ param: 'extension', reason: `EXTENSION MUST BE FROM 1 TO 50 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 50) },
		{ param: 'exten_context', reason: `EXTENSION CONTEXT MUST BE FROM 1 TO 50 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 50) },
		{ param: 'voicemail_ext', reason: `VOICEMAIL EXTENSION MUST BE FROM 1 TO 10 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 10) },
		{ param: 'phone_extension', column: 'phone', reason: `PHONE EXTENSION MUST BE FROM 1 TO 100 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 100) },
		{ param: 'server_ip', reason: `SERVER IP MUST BE A VALID SERVER IN THE SYSTEM${OPTIONAL}`, valid: (ip) => serverExists(state, ip) },
		{ param: 'group', column: 'group_id', reason: `GROUP ID MUST BE A VALID INBOUND GROUP IN THE SYSTEM${OPTIONAL}`, valid: (id) => state.inGroups.has(id) },
		{
			param: 'menu_id',
			fn: 'update_did',
			reason: `MENU ID MUST BE A VALID CALL MENU IN THE SYSTEM${OPTIONAL}`,
			valid: (id) => state.admin.callMenus.some((menu) => menu.menu_id === id),
		},
		{ param: 'filter_clean_cid_number', reason: `CLEAN CID NUMBER MUST BE FROM 1 TO 20 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 20) },
		{ param: 'call_handle_method', reason: `CALL HANDLE METHOD MUST BE FROM 3 TO 20 CHARACTERS${OPTIONAL}`, valid: lengthIn(3, 20) },
		{ param: 'agent_search_method', reason: `AGENT SEARCH METHOD MUST BE 2 CHARACTERS${OPTIONAL}`, valid: lengthIn(2, 2) },
		{ param: 'list_id', reason: `LIST ID MUST BE FROM 3 TO 14 DIGITS${OPTIONAL}`, valid: lengthIn(3, 14) },
		{ param: 'entry_list_id', reason: `ENTRY LIST ID MUST BE FROM 1 TO 14 DIGITS${OPTIONAL}`, valid: lengthIn(1, 14) },
		{ param: 'campaign_id', reason: `CAMPAIGN MUST BE FROM 1 TO 8 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 8) },
		{ param: 'phone_code', reason: `PHONE CODE MUST BE FROM 1 TO 10 CHARACTERS${OPTIONAL}`, valid: lengthIn(1, 10) },
	];
}

const didDenied = (ctx: HandlerContext, fn: string, what: string) =>
	allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['modify_inbound_dids'] }) ? undefined : denied(fn, what, ctx.apiUser.user, false);

/** add_did: verified `SUCCESS: add_did DID HAS BEEN ADDED - 6666|3125550100`. */
const add_did: Handler = (ctx) => {
	const denied = didDenied(ctx, 'add_did', 'ADD DIDS');
	if (denied) return denied;
	const user = ctx.apiUser.user;
	const pattern = arg(ctx, 'did_pattern');
	if (pattern.length < 2 || pattern.length > 50) return pipeLine('ERROR', 'add_did YOU MUST USE ALL REQUIRED FIELDS', user, pattern);
	if (ctx.state.dids.has(pattern)) return pipeLine('ERROR', 'add_did DID ALREADY EXISTS', user, pattern);
	const settings = applyRules(ctx, 'add_did', didRules(ctx.state));
	if ('error' in settings) return settings.error;
	const did: SimDid = { did_pattern: pattern, did_description: '', active: 'Y', did_route: 'EXTEN', did_id: nextDidId(ctx.state), ...settings.set };
	ctx.state.dids.set(pattern, did);
	return dashLine('SUCCESS', 'add_did DID HAS BEEN ADDED', user, pattern);
};

/**
 * copy_did: one NOTICE per new DID, then a SUCCESS with the counts or `ERROR: … NO DIDS ADDED`
 * (verified `NOTICE: copy_did DID HAS BEEN ADDED - 6666|3125550101|3125550100|3|1` …
 * `SUCCESS: copy_did DIDS HAVE BEEN ADDED - 6666|3125550100|2|0`).
 */
const copy_did: Handler = (ctx) => {
	const denied = didDenied(ctx, 'copy_did', 'ADD DIDS');
	if (denied) return denied;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	const source = arg(ctx, 'source_did_pattern');
	const newDids = arg(ctx, 'new_dids');
	if (source.length < 2 || source.length > 50 || newDids.length < 2 || newDids.length > 2000) {
		return pipeLine('ERROR', 'copy_did YOU MUST USE ALL REQUIRED FIELDS', user, `${source}|${newDids}`);
	}
	const original = state.dids.get(source);
	if (!original) return pipeLine('ERROR', 'copy_did SOURCE DID DOES NOT EXIST', user, source);
	const description = arg(ctx, 'did_description');
	let out = '';
	let inserts = 0;
	let errors = 0;
	for (const pattern of newDids.split(',')) {
		if (state.dids.has(pattern)) {
			out += dashLine('NOTICE', 'copy_did DID ALREADY EXISTS', user, pattern);
			errors += 1;
			continue;
		}
		if (description.length > 0 && (description.length > 50 || description.length < 6)) {
			// The description is checked per DID, after the notices already printed.
			return out + pipeLine('ERROR', 'copy_did DID DESCRIPTION MUST BE EITHER BLANK OR FROM 6 TO 50 CHARACTERS, THIS IS AN OPTIONAL FIELD', user, description);
		}
		const didId = nextDidId(state);
		state.dids.set(pattern, { ...original, did_pattern: pattern, did_id: didId, did_description: description || original.did_description });
		inserts += 1;
		out += dashLine('NOTICE', 'copy_did DID HAS BEEN ADDED', user, `${pattern}|${source}|${didId}|1`);
	}
	if (inserts > 0) return out + dashLine('SUCCESS', 'copy_did DIDS HAVE BEEN ADDED', user, `${source}|${inserts}|${errors}`);
	return out + dashLine('ERROR', 'copy_did NO DIDS ADDED', user, `${source}|${inserts}|${errors}`);
};

/** update_did: edit, or delete with delete_did=Y (needs "delete inbound DIDs"). */
const update_did: Handler = (ctx) => {
	const denied = didDenied(ctx, 'update_did', 'UPDATE DIDS');
	if (denied) return denied;
	const { state } = ctx;
	const user = ctx.apiUser.user;
	const pattern = arg(ctx, 'did_pattern');
	if (pattern.length < 2 || pattern.length > 50) return pipeLine('ERROR', 'update_did YOU MUST USE ALL REQUIRED FIELDS', user, pattern);
	const did = state.dids.get(pattern);
	if (!did) return pipeLine('ERROR', 'update_did DID DOES NOT EXIST', user, pattern);
	assignDidIds(state);
	if (arg(ctx, 'delete_did') === 'Y') {
		// The PHP prints the result of the earlier "modify DIDs" query here, which is 1.
		if (!ctx.apiUser.delete_inbound_dids) return pipeLine('ERROR', 'update_did USER DOES NOT HAVE PERMISSION TO DELETE DIDS', user, '1');
		state.dids.delete(pattern);
		return dashLine('SUCCESS', 'update_did DID HAS BEEN DELETED', user, `${pattern}|${did.did_id}`);
	}
	const settings = applyRules(ctx, 'update_did', didRules(state));
	if ('error' in settings) return settings.error;
	if (Object.keys(settings.set).length === 0) return pipeLine('NOTICE', 'update_did NO UPDATES DEFINED', user, '');
	Object.assign(did, settings.set);
	return dashLine('SUCCESS', 'update_did DID HAS BEEN UPDATED', user, pattern);
};

export const didHandlers: Record<string, Handler> = { add_did, copy_did, update_did };
