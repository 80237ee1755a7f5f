/**
 * The normalised event vocabulary both triggers put in an item's `event` field, so one flow can
 * take the VICIdial Trigger (what VICIdial pushes) and the VICIdial Poll Trigger (what it never
 * pushes). The names are Dialer.CX's where it has one (other-dialers.md).
 */
export const EVENTS = {
	'recording.ready': 'A call recording has a location (URL) and can be fetched',
	'callback.due': 'A scheduled callback comes due',
	'lead.updated': 'A lead changed status',
	'agent.login': 'An agent logged in to the agent screen',
	'agent.logout': 'An agent left the agent screen',
	'agent.pause': 'An agent paused, or changed pause code while paused',
	'agent.resume': 'A paused agent became available or took a call',
	'alert.triggered': 'A watched figure reached its threshold',
	'alert.cleared': 'A watched figure fell back below its threshold',
} as const;

export type EventName = keyof typeof EVENTS;

export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(value: unknown): value is EventName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, value);
}
