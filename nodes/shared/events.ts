/**
 * The normalised event vocabulary both triggers put in an item's `event` field, so one flow can
 * take the VICIdial Trigger (what VICIdial pushes) and the VICIdial Poll Trigger (what it never
 * pushes), and a flow written for another dialer's webhooks reads VICIdial without a mapping
 * step. The names are Dialer.CX's where it has one (other-dialers.md).
 */
export const EVENTS = {
	'call.started': 'A call reached an agent',
	'call.ended': 'A call ended with a disposition: set by the agent, or logged by the NVA call menu',
	'call.missed': 'A call no agent took: a drop, a no-answer, a busy or a timeout',
	'call.dead': 'The customer hung up while the agent is still on the call',
	'call.queued': 'A call entered an in-group queue, before an agent was sought',
	'call.screen_pop': 'The agent screen opened the Web Form for a call: the workflow answers with the page the agent sees (a card or a redirect)',
	'call.filter': 'An inbound call asks its DID\'s Filter URL whether the caller matches (1 or 0) or which DID to send it to: the workflow answers',
	'queue.waiting': 'Calls started waiting in an in-group',
	'queue.cleared': 'No call waits in the in-group any more',
	'chat.started': 'A chat reached an agent',
	'chat.ended': 'An agent dispositioned a chat',
	'chat.missed': 'A chat no agent handled was closed or transferred',
	'email.started': 'An email reached an agent',
	'email.ended': 'An agent dispositioned an email',
	'lead.created': 'A lead was added: by the add_lead API function, or by an inbound call',
	'lead.updated': 'A lead changed status',
	'recording.ready': 'A call recording has a location (URL) and can be fetched',
	'callback.due': 'A scheduled callback comes due',
	'agent.login': 'An agent logged in to the agent screen',
	'agent.logout': 'An agent left the agent screen',
	'agent.pause': 'An agent paused, or changed pause code while paused',
	'agent.resume': 'A paused agent became available or took a call',
	'agent.pause_max': 'An agent stayed paused longer than the campaign allows',
	'alert.triggered': 'A watched figure reached its threshold',
	'alert.cleared': 'A watched figure fell back below its threshold',
} as const;

export type EventName = keyof typeof EVENTS;

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(value: unknown): value is EventName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, value);
}

/**
 * The agent screen's pushed events (AGENT_EVENTS_PUSH.txt) that have a name in the vocabulary;
 * every other one arrives as `agent.<its own name>` (`agent.dispo_set`, `agent.call_answered`).
 */
export const AGENT_SCREEN_EVENTS: Readonly<Record<string, EventName>> = {
	logged_in: 'agent.login',
	logged_out: 'agent.logout',
	state_paused: 'agent.pause',
	state_ready: 'agent.resume',
};

/** The normalised name of an Agent Events Push event. */
export function agentScreenEvent(name: string): string {
	return AGENT_SCREEN_EVENTS[name] ?? `agent.${name}`;
}
