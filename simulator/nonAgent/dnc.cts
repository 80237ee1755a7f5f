import { lines, type Handler, type HandlerContext } from '../context.cjs';
import { allowed, arg, denied } from './php.cjs';

/**
 * DNC lists and filter phone groups (vicidial-api-notes.md §4.7). These four functions check
 * modify_lists but, unlike the rest of the API, not "Agent API Access".
 */

/** `campaign_id=SYSTEM_INTERNAL` is the system DNC list (vicidial_dnc); anything else a campaign list. */
function dncNumbers(ctx: HandlerContext, campaignId: string, create: boolean): Set<string> | undefined {
	let numbers = ctx.state.dnc.get(campaignId);
	if (!numbers && create) {
		numbers = new Set();
		ctx.state.dnc.set(campaignId, numbers);
	}
	return numbers;
}

const addDncPhone: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, rights: ['modify_lists'] })) return denied('add_dnc_phone', 'ADD DNC NUMBERS', user, false);
	const phone = arg(ctx, 'phone_number');
	const campaignId = arg(ctx, 'campaign_id');
	if (phone.length < 6 || campaignId.length < 1) return lines(`ERROR: add_dnc_phone YOU MUST USE ALL REQUIRED FIELDS: |${user}|${phone}|${campaignId}`);
	if (dncNumbers(ctx, campaignId, false)?.has(phone)) return lines(`ERROR: add_dnc_phone DNC NUMBER ALREADY EXISTS: |${user}|${phone}|${campaignId}`);
	dncNumbers(ctx, campaignId, true)?.add(phone);
	return lines(`SUCCESS: add_dnc_phone DNC NUMBER HAS BEEN ADDED - ${user}|${phone}|${campaignId}`);
};

const deleteDncPhone: Handler = (ctx) => {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, rights: ['modify_lists', 'delete_from_dnc'] })) return denied('delete_dnc_phone', 'DELETE DNC NUMBERS', user, false);
	const phone = arg(ctx, 'phone_number');
	const campaignId = arg(ctx, 'campaign_id');
	if (phone.length < 6 || campaignId.length < 1) return lines(`ERROR: delete_dnc_phone YOU MUST USE ALL REQUIRED FIELDS: |${user}|${phone}|${campaignId}`);
	const numbers = dncNumbers(ctx, campaignId, false);
	if (!numbers?.has(phone)) return lines(`ERROR: delete_dnc_phone DNC NUMBER DOES NOT EXIST: |${user}|${phone}|${campaignId}`);
	numbers.delete(phone);
	return lines(`SUCCESS: delete_dnc_phone DNC NUMBER HAS BEEN DELETED - ${user}|${phone}|${campaignId}`);
};

/** The filter phone group checks add_fpg_phone and delete_fpg_phone share; answers an error or the group. */
function fpgGroup(ctx: HandlerContext, fn: string, what: string): string | Set<string> {
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, rights: ['modify_lists'] })) return denied(fn, what, user, false);
	const phone = arg(ctx, 'phone_number');
	const group = arg(ctx, 'group');
	if (phone.length < 6 || group.length < 1) return lines(`ERROR: ${fn} YOU MUST USE ALL REQUIRED FIELDS: |${user}|${phone}|${group}`);
	const numbers = ctx.state.filterPhoneGroups.get(group);
	if (!numbers) return lines(`ERROR: ${fn} FILTER PHONE GROUP DOES NOT EXIST: |${user}|${group}`);
	return numbers;
}

const addFpgPhone: Handler = (ctx) => {
	const numbers = fpgGroup(ctx, 'add_fpg_phone', 'ADD FILTER PHONE GROUP NUMBERS');
	if (typeof numbers === 'string') return numbers;
	const [user, phone, group] = [ctx.apiUser.user, arg(ctx, 'phone_number'), arg(ctx, 'group')];
	if (numbers.has(phone)) return lines(`ERROR: add_fpg_phone FILTER PHONE GROUP NUMBER ALREADY EXISTS: |${user}|${phone}|${group}`);
	numbers.add(phone);
	return lines(`SUCCESS: add_fpg_phone FILTER PHONE GROUP NUMBER HAS BEEN ADDED - ${user}|${phone}|${group}`);
};

const deleteFpgPhone: Handler = (ctx) => {
	const numbers = fpgGroup(ctx, 'delete_fpg_phone', 'DELETE FILTER PHONE GROUP NUMBERS');
	if (typeof numbers === 'string') return numbers;
	const [user, phone, group] = [ctx.apiUser.user, arg(ctx, 'phone_number'), arg(ctx, 'group')];
	if (!numbers.has(phone)) return lines(`ERROR: delete_fpg_phone FILTER PHONE GROUP NUMBER DOES NOT EXIST: |${user}|${phone}|${group}`);
	numbers.delete(phone);
	return lines(`SUCCESS: delete_fpg_phone FILTER PHONE GROUP NUMBER HAS BEEN DELETED - ${user}|${phone}|${group}`);
};

export const dncHandlers: Record<string, Handler> = {
	add_dnc_phone: addDncPhone,
	delete_dnc_phone: deleteDncPhone,
	add_fpg_phone: addFpgPhone,
	delete_fpg_phone: deleteFpgPhone,
};
