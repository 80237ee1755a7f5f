/**
 * Call-outs for the queue-mode suite and benchmark: one distinct Dispo Call URL per simulator
 * lead, substituted as VICIdial does (simulator/hooks.cts), sent to any base URL (nginx or one
 * webhook process) with a bounded number in flight.
 */
import { SAMPLE_CALLS, sendRequest, substituteHookUrl, type HookResponse, type HookValues } from '../../simulator/hooks.cjs';
import type { SimLead, SimState } from '../../simulator/state.cjs';

/** The simulator's lead 1, copied under `count` new ids from `first`, so update_lead finds each. */
export function seedLeads(state: SimState, first: number, count: number): void {
	const template = state.leads.get(1);
	if (!template) throw new Error('the simulator has no lead 1 to copy');
	for (let id = first; id < first + count; id++) {
		const lead: SimLead = { ...template, lead_id: id, comments: '' };
		state.leads.set(id, lead);
	}
}

/** A Not Interested disposition of lead `leadId`, with a call id and uniqueid of its own. */
export function dispoCall(leadId: number): HookValues {
	const serial = String(leadId).padStart(9, '0');
	return {
		...SAMPLE_CALLS.dispo,
		lead_id: String(leadId),
		dispo: 'NI',
		dispo_name: 'Not Interested',
		uniqueid: `1795400000.${serial}`,
		call_id: `M1122055${serial}`,
	};
}

/** The paste-ready template with its base URL (scheme, host, port) replaced by `base`. */
export function rebase(template: string, base: string): string {
	return template.replace(/^(VAR)?http:\/\/[^/]+/, (_whole, prefix: string | undefined) => `${prefix ?? ''}${base}`);
}

/** One GET call-out as VICIdial's web server sends it (`Connection: close`, no pooling). */
export function sendCallout(template: string, values: HookValues): Promise<HookResponse> {
	return sendRequest(substituteHookUrl(template, values), { headers: { Connection: 'close' } });
}

/** Runs `task` for each item with at most `concurrency` at once; results in item order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	});
	await Promise.all(lanes);
	return results;
}
