import type { HandlerContext } from '../context.cjs';
import { fireHook, substituteHookUrl, type HookValues } from '../hooks.cjs';
import type { SimLead } from '../state.cjs';

/**
 * The API New Lead URL (non_agent_api.php since 250620, notes §8.15): after add_lead inserts a
 * lead, the script requests the list's `apinewlead_url` (or, when the list has none, the system
 * setting's; `---DISABLED---` on the list turns it off) with the new lead's values substituted,
 * **synchronously, before add_lead replies**, and logs it in vicidial_url_log with
 * url_type='apinewlead'. A failed request is logged and add_lead still succeeds.
 */

const DISABLED = '---DISABLED---';

/** The URL template add_lead requests for a lead in this list, or undefined when none applies. */
function templateFor(ctx: HandlerContext, listId: string): string | undefined {
	const listUrl = ctx.state.lists.get(listId)?.apinewlead_url;
	if (listUrl === DISABLED) return undefined;
	const template = typeof listUrl === 'string' && listUrl !== '' ? listUrl : ctx.state.system.apinewlead_url;
	return template === '' ? undefined : template;
}

/** The values the request substitutes: the lead's columns, the API user, and its list's campaign and name. */
function valuesOf(ctx: HandlerContext, lead: SimLead): HookValues {
	const list = ctx.state.lists.get(String(lead.list_id));
	const values: Record<string, string | number> = {};
	for (const [name, value] of Object.entries(lead)) {
		if (typeof value === 'string' || typeof value === 'number') values[name] = value;
	}
	return {
		...values,
		phone: lead.phone_number,
		user: ctx.apiUser.user,
		campaign: list?.campaign_id ?? '',
		list_name: list?.list_name ?? '',
		list_description: list?.list_description ?? '',
	};
}

/** Sends the API New Lead URL for `lead` when one applies, then gives back add_lead's reply. */
export function afterLeadInserted(ctx: HandlerContext, lead: SimLead, reply: string): string | Promise<string> {
	const template = templateFor(ctx, String(lead.list_id));
	return template === undefined ? reply : send(ctx, template, lead, reply);
}

async function send(ctx: HandlerContext, template: string, lead: SimLead, reply: string): Promise<string> {
	const url = substituteHookUrl(template, valuesOf(ctx, lead));
	const started = Date.now();
	let response: string;
	try {
		response = (await fireHook(url)).body;
	} catch (error) {
		response = `file(${url}): failed to open stream: ${(error as Error).message}`;
	}
	ctx.state.urlLog.push({ url_type: 'apinewlead', url, url_response: response, response_sec: (Date.now() - started) / 1000 });
	return reply;
}
