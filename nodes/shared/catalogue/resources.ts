import type { ApiName, FunctionSpec } from './types';

export interface ResourceSpec {
	readonly value: string;
	readonly name: string;
	readonly api: ApiName;
	readonly description: string;
}

/** Resources in the order the node shows them. */
export const resources: readonly ResourceSpec[] = [
	{ value: 'lead', name: 'Lead', api: 'nonAgent', description: 'Leads in vicidial_list' },
	{ value: 'hopper', name: 'Hopper', api: 'nonAgent', description: 'Leads queued for dialing' },
	{ value: 'list', name: 'List', api: 'nonAgent', description: 'Lead lists and custom fields' },
	{ value: 'campaign', name: 'Campaign', api: 'nonAgent', description: 'Campaigns, alternate URLs, presets, caller ID groups' },
	{ value: 'user', name: 'User', api: 'nonAgent', description: 'Users and remote agents' },
	{ value: 'agentStatus', name: 'Agent Status', api: 'nonAgent', description: 'Real-time agent, user group and in-group status' },
	{ value: 'report', name: 'Report', api: 'nonAgent', description: 'Recordings, call logs, stats exports' },
	{ value: 'dnc', name: 'DNC', api: 'nonAgent', description: 'Do-not-call lists and filter phone groups' },
	{ value: 'phone', name: 'Phone', api: 'nonAgent', description: 'Phones, phone aliases and group aliases' },
	{ value: 'did', name: 'DID', api: 'nonAgent', description: 'Inbound DIDs' },
	{ value: 'system', name: 'System', api: 'nonAgent', description: 'Version, server refresh, audio and pickers' },

	{ value: 'call', name: 'Call', api: 'agent', description: 'Dial, hang up, disposition and leads on the agent screen' },
	{ value: 'agentState', name: 'Agent State', api: 'agent', description: 'Pause, resume, log out, in-groups, queue' },
	{ value: 'transfer', name: 'Transfer and Park', api: 'agent', description: 'Transfers, conferences, parking, remote agents' },
	{ value: 'screen', name: 'Screen', api: 'agent', description: 'Lead fields, timers, panels, notifications' },
	{ value: 'media', name: 'Media', api: 'agent', description: 'Recording, audio playback, DTMF' },
	{ value: 'agentSystem', name: 'System', api: 'agent', description: 'Version and web server facts' },
];

/** A catalogue entry as a resource file writes it: its key is its name, the file gives the rest. */
export type Entry = Omit<FunctionSpec, 'name' | 'api' | 'resource'>;

/**
 * The functions of one resource, written once per resource file with the API and resource said
 * once, so adding a function is adding one entry.
 *
 * @param api the script that answers them
 * @param resource a resource key listed above under `api`
 * @param entries each function keyed by VICIdial's name for it, in the order the node lists them
 * @returns the full FunctionSpecs, `name`, `api` and `resource` first as every layer reads them
 * @throws when `resource` is not listed above under `api`: a programming error, raised on import
 */
export function resourceOf(
	api: ApiName,
	resource: string,
	entries: Readonly<Record<string, Entry>>,
): readonly FunctionSpec[] {
	if (!resources.some((r) => r.value === resource && r.api === api)) {
		throw new Error(`The ${api} resources do not list ${resource}`);
	}
	return Object.entries(entries).map(([name, entry]) => ({ name, api, resource, ...entry }));
}
