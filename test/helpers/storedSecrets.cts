/**
 * After every integration and workflow test: nothing the simulated VICIdial stored may be an
 * API user's password. A real VICIdial 2.14 logged the password as `vicidial_api_log.value` and
 * external_add_lead inserted it as a lead's phone number whenever the request body ended with
 * `pass=` (vicidial-api-notes.md §8.1); the simulator does the same, so this check fails when
 * the node's body order regresses. Every catalogue function runs through a node in the
 * workflow tests (test/unit/coverage.test.cts), so every function's request passes here.
 * vicidial_api_urls is left out on purpose: VICIdial logs the whole request there, password
 * included, and no client can prevent it (§8.2).
 */
import { runningSimulators, type Simulator } from '../../simulator/server.cjs';

export function storedPasswords(sim: Simulator): string[] {
	const problems: string[] = [];
	const { state } = sim;
	const passwordOf = (user: string) => state.users.get(user)?.pass ?? '';
	const used = new Set<string>();
	for (const row of state.apiLog) {
		const pass = passwordOf(row.user);
		if (pass === '') continue;
		used.add(pass);
		if (row.value === pass && !row.valueSent) problems.push(`vicidial_api_log.value of ${row.api} ${row.function} is the password of ${row.user}`);
	}
	// external_add_lead takes its number from `$value` (§8.1); lead data a test seeds on purpose
	// (the password as a word in a postal code) is not the dialer's doing.
	for (const lead of [...state.leads.values(), ...state.archivedLeads.values()]) {
		for (const field of ['phone_number', 'alt_phone'] as const) {
			if (used.has(lead[field])) problems.push(`lead ${lead.lead_id} has an API password as its ${field}`);
		}
	}
	return problems;
}

afterEach(() => {
	for (const sim of runningSimulators()) expect(storedPasswords(sim)).toEqual([]);
});
